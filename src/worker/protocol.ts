// Messages between the extension host and the checking worker
// (src/worker/checkWorker.ts, bundled to dist/checkWorker.js), declared once
// for both sides. Cancellation does not go through messages (the worker reads
// them only between checks) but through a shared Int32Array: the extension
// writes a request's id into slot `id % CANCEL_SLOTS` when a newer request for
// the same note makes it stale, and the worker polls its own slot before and
// during the check (between chains).
import type { CheckOptions, NoteReport } from '../core/types';
import type { BlockKeys } from '../shared/blockKeys';

/**
 * A rendered note as the worker sends it: the summary, every block's key and
 * first line, and the HTML (relative to the block's line, see relativeBlocks)
 * only of the keys the extension host has not been sent yet for this note.
 * Both sides keep the keys of the last render of each note: the worker
 * answers in order and the host reads every answer (also the ones it then
 * drops as stale), so they agree; `resetRender` in a request says the host
 * has none (the worker sends everything again).
 */
export interface RenderedNote extends BlockKeys {
  summary: string;
  fresh: Record<string, string>;
}

/** Slots of the shared cancellation array. Ids only grow, so an old id left in a slot never equals a live one. */
export const CANCEL_SLOTS = 4096;
/**
 * One more slot after them counts the check requests the extension has posted, so that the
 * worker sees a request coming before the message is delivered (it reads messages only
 * between its own turns) and stops its warm-up for it.
 */
export const POSTED_SLOT = CANCEL_SLOTS;
/** Bytes of the shared array: the cancellation slots and the posted count. */
export const SHARED_BYTES = (CANCEL_SLOTS + 1) * 4;

/** Options that can cross a thread boundary (the cancellation callback is the worker's own). */
export type WorkerCheckOptions = Omit<CheckOptions, 'isCancelled' | 'onProgress'>;

/** Extension → worker. */
export type ToWorker =
  /** Sent once, first: the shared cancellation array, and the requests posted before this worker started. */
  | { type: 'init'; cancel: SharedArrayBuffer; posted: number }
  /**
   * Check `text`, the text of note `key` at `version`. A newer check of the
   * same key supersedes it. `render`: also render the checked note to HTML
   * blocks (a derivation preview shows it), so that the extension host does
   * not spend its time in markdown-it and KaTeX either.
   */
  | {
    type: 'check'; id: number; key: string; version: number; text: string; options: WorkerCheckOptions; render: boolean; resetRender: boolean;
    /** Also send the results so far ('progress') while the check runs (CheckOptions.onProgress; progressMs there). */
    progress?: boolean;
  };

/** Worker → extension: one answer per check request, with the request's id, key and version. */
export type FromWorker =
  | {
    type: 'result'; id: number; key: string; version: number; report: NoteReport; ms: number;
    /** The rendered note when asked for; `renderError` instead when rendering threw. */
    blocks?: RenderedNote; renderError?: string;
  }
  /**
   * Results so far of a check still running (asked for with `progress`): the final claims of
   * the text before `checkedTo`. The request's 'result' (or 'cancelled') follows.
   */
  | { type: 'progress'; id: number; key: string; version: number; report: NoteReport; checkedTo: number }
  /** The checker threw on this text (a bug of ours); the message and stack. */
  | { type: 'error'; id: number; key: string; version: number; error: string }
  /** Dropped unchecked: a newer request for the same note came, or the extension cancelled it. */
  | { type: 'cancelled'; id: number; key: string; version: number };

export function isCancelled(cancel: Int32Array, id: number): boolean {
  return Atomics.load(cancel, id % CANCEL_SLOTS) === id;
}

export function markCancelled(cancel: Int32Array, id: number): void {
  Atomics.store(cancel, id % CANCEL_SLOTS, id);
}

/** Counts a check request about to be posted (see POSTED_SLOT). */
export function notePosted(shared: Int32Array): void {
  Atomics.add(shared, POSTED_SLOT, 1);
}

/** Check requests posted so far. */
export function postedCount(shared: Int32Array): number {
  return Atomics.load(shared, POSTED_SLOT);
}
