// The progress line of a batch on a terminal: one line on stderr rewritten in
// place ("\r", then erase to the end of the line) with the notes checked so
// far, the rate and the time left, and erased when the batch is done. main()
// shows it only when stderr is a terminal; in a log or a pipe it would be
// noise (and the control characters garbage).

/** Erase the whole current line and return to its start (ECMA-48 EL 2). */
export const CLEAR_LINE = '\r\x1b[2K';
/** Redraw at most this often: a terminal is not worth more, and a fast batch would spend its time writing. */
const REDRAW_MS = 100;

export class ProgressLine {
  private readonly start: number;
  private done = 0;
  private lastDraw = -Infinity;
  private shown = false;

  constructor(private readonly total: number, private readonly write: (s: string) => void, private readonly now: () => number) {
    this.start = now();
    this.draw();
  }

  /** One more note is done. */
  tick(): void {
    this.done++;
    if (this.done === this.total || this.now() - this.lastDraw >= REDRAW_MS) this.draw();
  }

  /** Erase the line (before another message on stderr, or at the end); the next tick draws it again. */
  clear(): void {
    if (!this.shown) return;
    this.write(CLEAR_LINE);
    this.shown = false;
    this.lastDraw = -Infinity;
  }

  /** The line's text now (without the control characters). */
  text(): string {
    const elapsed = (this.now() - this.start) / 1000;
    const head = `checking ${this.done}/${this.total} notes`;
    if (this.done === 0 || elapsed <= 0) return `${head}…`;
    const rate = this.done / elapsed;
    const left = (this.total - this.done) / rate;
    return `${head} · ${rate >= 10 ? rate.toFixed(0) : rate.toFixed(1)} notes/s · ${this.done === this.total ? 'done' : `about ${duration(left)} left`}`;
  }

  private draw(): void {
    this.lastDraw = this.now();
    this.write(`${CLEAR_LINE}${this.text()}`);
    this.shown = true;
  }
}

/** "8 s", "1 min 5 s", "2 h 3 min": rounded up, so "0 s" left never shows while a note is still being checked. */
export function duration(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.ceil(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}
