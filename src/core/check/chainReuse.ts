// Reuse of a chain's claims across checks (issue 13: a keystroke re-checks only what it
// changed). A chain whose statement's text is unchanged, positions made relative to the
// chain, and whose context is unchanged gets its previous claims, moved to where the chain
// now stands, without being read, compiled or linked again.
//
// The context is everything a chain's check reads beyond its own text (audited from
// ClaimBuilder.chainClaims and its callees); where in doubt it is included, since a stale
// verdict is far worse than a slow one:
//   - the note-level reading (checkNote's `noteKey`): options (seed, trials, tolerance,
//     time budget), the model (K, D, N, the data counts, the default density), aliases,
//     the reading of symbols and indices in full (lines included), iteration letters, the
//     usual arguments of functions, indicator and transposed letters, components from 0;
//   - the builder's state when the chain is reached, as a trail: a hash over the keys of
//     every earlier chain that changed that state (definitions, names registered ahead,
//     Lagrangians, conditions, latest forms: ClaimBuilder.stateMarks), so it follows from
//     the trail and the note-level key; the distances to the last conditions, which steps
//     read by line (ClaimBuilder.distancesAt);
//   - the prose just before the chain (a "constant" is read by it: up to 300 characters), and
//     the prose after it (up to 200 characters, or to the end of its line: "for $\theta$ any of
//     the $\mu_c$" after a gradient, "at the optimum" after a step, a worked example's words);
//   - the parameters of interest at each side (NoteContext.interestAt: the section's
//     parameters, from anywhere in it);
//   - whether the formula is inline, and its statement's other rows (the chain is parsed
//     with them);
//   - the instance a worked example states above the chain (a step that fails in general
//     may hold there: ClaimBuilder.exampleHolds), and the sizes the text states for the
//     chain's section (`$D = 1$` under its heading: ClaimBuilder.localSizes), and the number of
//     points the text states above it (`$N = 4$`: ClaimBuilder.pointCountKey).
// Only chains that change no state are kept: reusing one that defines something would
// also need its definitions, which only checking it again gives. Claims whose text quotes
// a line number (every such message says "line") are reused only on the same line, with
// the lines of the state-changing chains before it unchanged, and the note-level key with the
// lines it holds (the reading's findings) unchanged; the others under that key without its
// lines, so that a line inserted or deleted above them does not check them again. Claims pointing outside the
// chain, or cut short by the wall-clock budget, are not kept at all.
import type { Chain } from '../latex/ast';
import type { Claim, Span, Statement } from '../types';
import { BoundedCache, stringBytes } from '../util/boundedCache';
import { hashString } from '../util/hash';
import { lineIndexAt } from '../extract/regions';
import type { ClaimBuilder } from './claims';
import { formulaCondition, proseCase } from './proseQualifiers';

interface Kept {
  /** The claims with offsets relative to the chain's start, lines to its first line, and no column. */
  claims: Claim[];
  /** `line/trail of lines/the whole note key` when the claims quote line numbers, else null. */
  lineKey: string | null;
}

const kept = new BoundedCache<string, Kept>(32 * 2 ** 20, (k, v) => stringBytes(k) + keptBytes(v));

function keptBytes(v: Kept): number {
  let n = 100;
  for (const c of v.claims) {
    n += 400 + 2 * (c.lhs.length + c.rhs.length + c.message.length + (c.cause?.length ?? 0));
    if (c.values) n += 2 * (c.values.lhs.length + c.values.rhs.length + c.values.at.length);
  }
  return n;
}

/** Forget every kept chain (benchmarks and tests of a check from nothing). */
export function clearChainCache(): void {
  kept.clear();
}

/** Chains reused and checked by the last checks (for tests and benchmarks). */
export const chainReuseCounts = { reused: 0, checked: 0 };

/** How far back a "+ constant" step reads the prose before it (ClaimBuilder.checkLinkAsWritten). */
const PROSE_BEFORE = 300;
/** How far the rules read the prose after a chain (OPTIMUM_AFTER_WHERE, THETA_ONE_OF_AFTER …), and at most how far to the end of its line (a worked example's words after a formula). */
const PROSE_AFTER = 200;
const PROSE_AFTER_LINE = 2000;
/** A message that quotes a line number: "(line 12)", "on line 12", "lines 3–5". */
const QUOTES_LINE = /line/i;
/** A verdict of the wall clock, not of the text: never kept. */
const TIMED_OUT = /too slow|time budget/i;

interface Located {
  text: string;
  line(offset: number): number;
  column(offset: number): number;
}

export class ChainReuse {
  /** Hash of the note-level key and of every state-changing chain so far. */
  private trail: string;
  /** Hash of the lines those chains started on (the state's absolute lines follow from them). */
  private linesTrail = '';

  /** The parameters of interest as written, by section (NoteContext.interestAt depends on the section only). */
  private readonly interestBySection = new Map<number, string>();

  /**
   * `noteKey`: the note-level key without the lines it holds; `linesKey`: the whole key, hashed (claims that quote a line
   * are reused only under it); `toldAt`: where the text gives values in words, which steps after them read.
   * `headings`: the offsets where the note's sections start, in order (the sections of NoteContext.interestAt).
   */
  constructor(noteKey: string, private readonly linesKey: string, private readonly toldAt: readonly { at: number; until?: number }[], private readonly builder: ClaimBuilder,
    private readonly loc: Located, private readonly interestAt: ((offset: number) => { span: Span }[]) | undefined, private readonly headings: readonly number[]) {
    this.trail = hashString(noteKey);
  }

  /** Runs a step that may change the builder's state (ClaimBuilder.predefine) and folds its effect into the trail. */
  track(chain: Chain, stmt: Statement, inline: boolean, run: () => void): void {
    const before = this.builder.stateMarks();
    try {
      run();
    } finally {
      this.noteChange(before, `predefine\u0000${this.identity(chain, stmt, inline)}`, chain);
    }
  }

  /** The claims of a chain: reused when its text and context are those of a chain checked before, else `check()`. */
  claims(chain: Chain, stmt: Statement, inline: boolean, check: () => Claim[]): Claim[] {
    const line = this.loc.line(chain.span.start);
    const key = [this.identity(chain, stmt, inline), this.trail, this.builder.distancesAt(line), this.proseBefore(chain), this.proseAfter(chain), proseCase(this.loc.text, chain) ?? '', formulaCondition(this.loc.text, chain) ?? '', this.interest(chain), this.builder.exampleKey(), this.builder.localSizesKey(chain.span.start), this.builder.pointCountKey(chain.span.start), this.toldBefore(chain.span.start)].join('\u0000');
    const hit = kept.get(key);
    const lineKey = `${line}/${this.linesTrail}/${this.linesKey}`;
    if (hit && (hit.lineKey === null || hit.lineKey === lineKey)) {
      chainReuseCounts.reused++;
      return hit.claims.map((c) => this.placed(c, chain, stmt, line));
    }
    chainReuseCounts.checked++;
    const before = this.builder.stateMarks();
    let claims: Claim[];
    let changed = false;
    try {
      claims = check();
    } finally {
      // An exception still leaves what the chain changed before it: the trail follows it either way.
      changed = this.noteChange(before, key, chain);
    }
    if (changed) return claims;
    const relative = this.relative(claims, chain, line);
    if (relative) kept.set(key, { claims: relative, lineKey: claims.some(quotesLine) ? lineKey : null });
    return claims;
  }

  /** Folds a chain into the trail when it changed the state; whether it did. */
  private noteChange(before: unknown[], key: string, chain: Chain): boolean {
    const after = this.builder.stateMarks();
    if (after.length === before.length && after.every((m, i) => m === before[i])) return false;
    this.trail = hashString(`${this.trail}\u0000${key}`);
    this.linesTrail = hashString(`${this.linesTrail}/${this.loc.line(chain.span.start)}`);
    return true;
  }

  /** The chain's statement as parsed, relative to the chain's start, and the chain's own text. */
  private identity(chain: Chain, stmt: Statement, inline: boolean): string {
    const at = chain.span.start;
    const rows = stmt.segments.map((s) => `${s.start - at}:${s.text}`).join('\u0001');
    return `${inline ? 'i' : 'd'}${stmt.continued ? 'c' : ''}${stmt.prose ? 'p' : ''}\u0001${rows}\u0001${this.loc.text.slice(chain.span.start, chain.span.end)}`;
  }

  private proseBefore(chain: Chain): string {
    return this.loc.text.slice(Math.max(0, chain.span.start - PROSE_BEFORE), chain.span.start);
  }

  /** Which of the values told in words hold at `at` (before it, and within their sentence when they take a case for it only). */
  private toldBefore(at: number): string {
    let held = '';
    for (const t of this.toldAt) held += t.at < at && (t.until === undefined || at < t.until) ? '1' : '0';
    return held;
  }

  private proseAfter(chain: Chain): string {
    const end = chain.span.end;
    const lineEnd = this.loc.text.indexOf('\n', end);
    return this.loc.text.slice(end, Math.max(end + PROSE_AFTER, Math.min(lineEnd < 0 ? this.loc.text.length : lineEnd, end + PROSE_AFTER_LINE)));
  }

  /** The parameters of interest at each side, as written. */
  private interest(chain: Chain): string {
    if (!this.interestAt) return '';
    const out: string[] = [];
    let last = '';
    for (const side of chain.sides) {
      if (!side.ok) continue;
      const at = side.node.span.start;
      const section = this.sectionOf(at);
      let here = this.interestBySection.get(section);
      if (here === undefined) {
        here = this.interestAt(at).map((n) => this.loc.text.slice(n.span.start, n.span.end)).join('\u0001');
        this.interestBySection.set(section, here);
      }
      if (here !== last) out.push(here);
      last = here;
    }
    return out.join('\u0002');
  }

  /** Index of the last heading at or before `offset` (-1 before the first). */
  private sectionOf(offset: number): number {
    const i = lineIndexAt(this.headings, offset);
    return this.headings.length && this.headings[i]! <= offset ? i : -1;
  }

  /** The claims made relative to the chain, or null when one of them cannot be moved with it. */
  private relative(claims: Claim[], chain: Chain, line: number): Claim[] | null {
    const { start, end } = chain.span;
    const inside = (s: Span) => s.start >= start && s.end <= end;
    const out: Claim[] = [];
    for (const c of claims) {
      if (!inside(c.lhsSpan) || !inside(c.rhsSpan) || !inside(c.culprit) || c.culpritAt || TIMED_OUT.test(c.message)) return null;
      // Lines and column follow from the spans (ClaimBuilder.baseClaim): recomputed where the chain now stands.
      if (c.line !== this.loc.line(c.lhsSpan.start) || c.column !== this.loc.column(c.lhsSpan.start) ||
        c.endLine !== this.loc.line(Math.max(c.rhsSpan.start, c.rhsSpan.end - 1))) return null;
      // A plain copy, then its own fields set (V8 copies a literal `{ ...c }` by its shape, fast; with
      // more fields in the literal it builds the object key by key): the same keys in the same order.
      const r = { ...c };
      r.line = c.line - line;
      r.endLine = c.endLine - line;
      r.column = 0;
      r.lhsSpan = { start: c.lhsSpan.start - start, end: c.lhsSpan.end - start };
      r.rhsSpan = { start: c.rhsSpan.start - start, end: c.rhsSpan.end - start };
      r.culprit = { start: c.culprit.start - start, end: c.culprit.end - start };
      if (c.values) r.values = { ...c.values };
      out.push(r);
    }
    return out;
  }

  /** A kept claim where the chain now stands (a fresh object: checkNote marks claims). */
  private placed(c: Claim, chain: Chain, stmt: Statement, line: number): Claim {
    const at = chain.span.start;
    // Copied as in relative().
    const r = { ...c };
    r.line = c.line + line;
    r.endLine = c.endLine + line;
    r.lhsSpan = { start: c.lhsSpan.start + at, end: c.lhsSpan.end + at };
    r.column = this.loc.column(r.lhsSpan.start);
    r.rhsSpan = { start: c.rhsSpan.start + at, end: c.rhsSpan.end + at };
    r.culprit = { start: c.culprit.start + at, end: c.culprit.end + at };
    r.regionIndex = stmt.regionIndex;
    if (c.values) r.values = { ...c.values };
    return r;
  }
}

function quotesLine(c: Claim): boolean {
  return QUOTES_LINE.test(c.message) || QUOTES_LINE.test(c.cause ?? '') || (!!c.values && QUOTES_LINE.test(`${c.values.at}\u0000${c.values.lhs}\u0000${c.values.rhs}`));
}
