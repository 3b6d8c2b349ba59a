// The worker threads of `gmm-check --jobs N`: a fixed number of threads
// running batchWorker.js, each checking one note at a time. A note whose
// check throws, crashes its thread, exhausts the thread's memory or runs past
// the time limit is answered with an error for that note alone: the thread is
// replaced and the batch goes on. Reports cross the thread boundary by
// structured clone (plain data, see core/types.ts), so they are the very
// objects an in-thread check returns.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckOptions, NoteReport } from '../core/types';

/** Options that can cross a thread boundary (no callbacks). */
export type BatchCheckOptions = Omit<CheckOptions, 'isCancelled'>;

/** CLI → worker. */
export interface BatchRequest {
  id: number;
  text: string;
  options: BatchCheckOptions;
}

/** Worker → CLI: the report, or the message of what the checker threw. */
export type BatchAnswer = { id: number; ok: true; report: NoteReport } | { id: number; ok: false; message: string };

/** Worker → CLI, once, when its script is loaded: a note's time limit counts from here, not from the thread's start. */
export const READY = 'ready';
export type BatchMessage = BatchAnswer | typeof READY;

export type PoolResult = { ok: true; report: NoteReport } | { ok: false; message: string };

/** Checks notes concurrently; `close` stops the threads (call it when the batch is done, also after an error). */
export interface NotePool {
  check(text: string, options: BatchCheckOptions): Promise<PoolResult>;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** A check that takes longer is stopped (its thread terminated) and answered with an error. */
  timeoutMs: number;
  /** The worker script; default: batchWorker.js next to this bundle, or batchWorker.ts when running from source. */
  script?: string;
  /** Heap limit of each thread in MiB: a note that needs more fails alone instead of taking the process down. */
  maxHeapMb?: number;
}

/**
 * Old-generation heap of one thread. The largest note the CLI reads (2 MiB)
 * is checked in a few hundred MB; four times that leaves room, and two
 * threads at the limit still fit a small CI machine.
 */
export const DEFAULT_MAX_HEAP_MB = 2048;

/** The worker script and the Node options it needs: the bundle's own, or the TypeScript source through tsx. */
export function workerScript(): { script: string; execArgv: string[] } {
  const bundled = path.join(__dirname, 'batchWorker.js');
  if (existsSync(bundled)) return { script: bundled, execArgv: [] };
  const source = path.join(__dirname, 'batchWorker.ts');
  if (existsSync(source)) return { script: source, execArgv: ['--require', 'tsx/cjs'] };
  throw new Error(`the checking thread's script is missing (looked for ${bundled})`);
}

interface Task {
  id: number;
  text: string;
  options: BatchCheckOptions;
  resolve: (r: PoolResult) => void;
}

interface Slot {
  worker: Worker | null;
  /** The worker has loaded its script (it said READY). */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

export function createWorkerPool(size: number, opts: PoolOptions): NotePool {
  const { script, execArgv } = opts.script ? { script: opts.script, execArgv: opts.script.endsWith('.ts') ? ['--require', 'tsx/cjs'] : [] } : workerScript();
  const maxHeapMb = opts.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, ready: false, task: null, timer: null }));
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  /** Answer the slot's task and free the slot; a thread that misbehaved is dropped (a new one starts for the next note). */
  const finish = (slot: Slot, result: PoolResult, dropWorker: boolean): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const task = slot.task;
    slot.task = null;
    if (dropWorker && slot.worker) {
      const w = slot.worker;
      slot.worker = null;
      w.removeAllListeners();
      // A terminated thread may still report; nothing listens any more.
      w.on('error', () => undefined);
      void w.terminate();
    }
    task?.resolve(result);
    dispatch();
  };

  /**
   * The time limit of the slot's note, from when its thread is ready: a thread
   * loads the checker first (a second or more on a busy machine, more from
   * TypeScript source), which is no fault of the note.
   */
  const startClock = (slot: Slot): void => {
    slot.timer = setTimeout(() => finish(slot, { ok: false, message: `the check took longer than ${formatSeconds(opts.timeoutMs)} and was stopped` }, true), opts.timeoutMs);
  };

  const spawn = (slot: Slot): Worker => {
    const w = new Worker(script, { execArgv, name: 'gmm-check-batch', resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    slot.ready = false;
    w.on('message', (a: BatchMessage) => {
      if (slot.worker !== w) return;
      if (a === READY) {
        slot.ready = true;
        if (slot.task !== null && slot.timer === null) startClock(slot);
        return;
      }
      if (slot.task?.id !== a.id) return;
      finish(slot, a.ok ? { ok: true, report: a.report } : { ok: false, message: a.message }, false);
    });
    w.on('error', (err: Error & { code?: string }) => {
      if (slot.worker !== w) return;
      const message = err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `the check ran out of memory (${maxHeapMb} MiB) and was stopped`
        : `the checking thread crashed: ${err.message}`;
      finish(slot, { ok: false, message }, true);
    });
    w.on('exit', (code) => {
      if (slot.worker !== w) return;
      finish(slot, { ok: false, message: `the checking thread stopped (exit code ${code})` }, true);
    });
    return w;
  };

  const dispatch = (): void => {
    if (closed) return;
    for (const slot of slots) {
      if (slot.task !== null) continue;
      const task = queue.shift();
      if (task === undefined) return;
      slot.task = task;
      slot.worker ??= spawn(slot);
      if (slot.ready) startClock(slot);
      const request: BatchRequest = { id: task.id, text: task.text, options: task.options };
      slot.worker.postMessage(request);
    }
  };

  return {
    check(text, options) {
      if (closed) return Promise.resolve({ ok: false, message: 'the checking threads were stopped' });
      return new Promise<PoolResult>((resolve) => {
        queue.push({ id: nextId++, text, options, resolve });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.resolve({ ok: false, message: 'the checking threads were stopped' });
      await Promise.all(slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = null;
        const task = slot.task;
        slot.task = null;
        task?.resolve({ ok: false, message: 'the checking threads were stopped' });
        const w = slot.worker;
        slot.worker = null;
        if (w) {
          w.removeAllListeners();
          w.on('error', () => undefined);
          await w.terminate();
        }
      }));
    },
  };
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
