// The extension's side of the checking worker (no `vscode` here, so the unit
// tests drive it directly). check() posts a note's text and version and
// resolves with the worker's answer for that request; a newer check() of the
// same note marks the older request cancelled in the shared array, so the
// worker drops it from its queue or abandons it between chains. A worker that
// dies (out of memory, a crash in native code) fails its pending requests
// with an error and is started again on the next check.
import { Worker } from 'node:worker_threads';
import { markCancelled, notePosted, postedCount, SHARED_BYTES, type FromWorker, type ToWorker, type WorkerCheckOptions } from './protocol';

/** The final answer to a check request (its partial results go to the request's onProgress). */
export type WorkerAnswer = Exclude<FromWorker, { type: 'progress' }>;
export type WorkerProgress = Extract<FromWorker, { type: 'progress' }>;

interface Pending {
  id: number;
  key: string;
  version: number;
  resolve: (a: WorkerAnswer) => void;
  onProgress?: (p: WorkerProgress) => void;
}

export class CheckWorkerClient {
  private worker: Worker | undefined;
  private readonly cancel = new SharedArrayBuffer(SHARED_BYTES);
  private readonly cancelView = new Int32Array(this.cancel);
  private readonly pending = new Map<number, Pending>();
  /** The newest request per note: the one a newer request cancels. */
  private readonly newest = new Map<string, number>();
  private nextId = 1;
  private disposed = false;

  /** `script`: the bundled worker (dist/checkWorker.js); `execArgv` e.g. to load a TypeScript loader in tests. */
  constructor(private readonly script: string, private readonly execArgv: string[] = []) {}

  /** `onProgress`: the results so far of a long check, before its answer (see the 'progress' message). */
  check(key: string, version: number, text: string, options: WorkerCheckOptions, render = false, resetRender = false,
    onProgress?: (p: WorkerProgress) => void): Promise<WorkerAnswer> {
    if (this.disposed) return Promise.resolve({ type: 'cancelled', id: 0, key, version });
    const older = this.newest.get(key);
    if (older !== undefined) markCancelled(this.cancelView, older);
    const id = this.nextId++;
    this.newest.set(key, id);
    return new Promise<WorkerAnswer>((resolve) => {
      this.pending.set(id, { id, key, version, resolve, onProgress });
      const message: ToWorker = { type: 'check', id, key, version, text, options, render, resetRender, progress: onProgress !== undefined };
      const w = this.ensureWorker();
      // Counted after the worker's init (which carries the count so far) and before the message.
      notePosted(this.cancelView);
      w.ref();
      w.postMessage(message);
    });
  }

  /** Starts the worker thread now (it loads while nothing waits for it), so the first check does not pay for that. */
  warm(): void {
    if (!this.disposed) this.ensureWorker();
  }

  /** Cancels the pending request of a note (closed, or its result is no longer wanted). */
  cancelNote(key: string): void {
    const id = this.newest.get(key);
    if (id !== undefined) markCancelled(this.cancelView, id);
    this.newest.delete(key);
  }

  /** Requests sent and not answered yet. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { execArgv: this.execArgv, name: 'gmm-check' });
    const init: ToWorker = { type: 'init', cancel: this.cancel, posted: postedCount(this.cancelView) };
    w.postMessage(init);
    w.on('message', (m: FromWorker) => this.onAnswer(m));
    w.on('error', (err) => this.fail(w, `the checking worker crashed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`));
    w.on('exit', (code) => this.fail(w, `the checking worker stopped (exit code ${code})`));
    this.worker = w;
    // Idle until a request comes: it must not keep a CLI or test process alive.
    w.unref();
    return w;
  }

  private onAnswer(m: FromWorker): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      p.onProgress?.(m);
      return;
    }
    this.pending.delete(m.id);
    if (this.newest.get(m.key) === m.id) this.newest.delete(m.key);
    // An idle worker must not keep a CLI or test process alive.
    if (this.pending.size === 0) this.worker?.unref();
    p.resolve(m);
  }

  private fail(w: Worker, error: string): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    const all = [...this.pending.values()];
    this.pending.clear();
    this.newest.clear();
    for (const p of all) {
      p.resolve(this.disposed
        ? { type: 'cancelled', id: p.id, key: p.key, version: p.version }
        : { type: 'error', id: p.id, key: p.key, version: p.version, error });
    }
  }

  dispose(): void {
    this.disposed = true;
    const w = this.worker;
    if (w) {
      this.fail(w, 'disposed');
      void w.terminate();
    }
  }
}
