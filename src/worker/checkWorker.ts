// The checking worker: a Node worker thread that owns the core's checkNote
// for the extension, so that a check never holds the extension host (where
// VS Code's typing, hovers and lenses run). The core's caches (parsed
// statements, evaluation results, rendered trials) live in this thread and
// persist across checks, so a re-check after a keystroke only redoes the
// statements whose text or definitions changed.
//
// Scheduling: requests are queued per note and only the newest of each note
// is kept (older queued ones are answered 'cancelled' at once); a running
// check polls the shared cancellation slot of its request between chains and
// stops when the extension marked it stale. While no request waits, from its
// start on, the worker checks a few notes of its own once (warmup.ts): a note
// opened later is then checked by code V8 has already optimised. A warm-up
// check stops between chains as soon as the extension posts a request (a count
// in the shared array tells, before the message is delivered) and is taken up
// again when the worker is idle: a request never waits for a warm-up note.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { checkNote, CheckCancelled } from '../core/check';
import { renderNoteBlocks } from '../core/render/html';
import type { NoteReport } from '../core/types';
import { relativeBlocks } from '../shared/blockKeys';
import { isCancelled, postedCount, SHARED_BYTES, type FromWorker, type RenderedNote, type ToWorker } from './protocol';
import { WARM_UP_NOTES } from './warmup';

type CheckRequest = Extract<ToWorker, { type: 'check' }>;

const port = parentPort;
if (!port) throw new Error('checkWorker.js must run as a worker thread');

/**
 * On Linux, this thread runs at a lower priority than the rest of the extension host and than
 * the workbench: on a machine with few cores a long check otherwise takes the CPU from the
 * thread that draws the keys (long note, preview closed: keystroke → drawn p95 42 ms with no
 * checks, 100 ms with them). A thread there is a task with its own id (/proc/thread-self), and
 * setpriority on that id changes that thread only. Elsewhere (or if not allowed) it keeps the
 * process's priority: only typing latency is at stake.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0 && tid !== process.pid) os.setPriority(tid, os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not Linux, or the priority cannot be changed: checks run at the process's priority.
  }
}
lowerThreadPriority();

let cancel = new Int32Array(new SharedArrayBuffer(SHARED_BYTES));
/** Check requests received (counted from the extension's posted count at init): fewer than posted means one is on its way. */
let received = 0;
/** The newest pending request per note, in arrival order of the notes. */
const queue = new Map<string, CheckRequest>();
let scheduled = false;
/** Per note, the block keys of the last render sent: their HTML is not sent again. */
const sentKeys = new Map<string, Set<string>>();
/** Warm-up notes still to check (see the top of this file); null until the shared array came. */
let warmUp: string[] | null = null;

function send(m: FromWorker): void {
  port!.postMessage(m);
}

function cancelled(r: CheckRequest): void {
  send({ type: 'cancelled', id: r.id, key: r.key, version: r.version });
}

function runOne(r: CheckRequest): void {
  if (r.resetRender) sentKeys.delete(r.key);
  if (isCancelled(cancel, r.id)) return cancelled(r);
  const t0 = performance.now();
  try {
    const stale = (): boolean => isCancelled(cancel, r.id);
    const onProgress = r.progress
      ? (partial: NoteReport, checkedTo: number): void => { if (!stale()) send({ type: 'progress', id: r.id, key: r.key, version: r.version, report: partial, checkedTo }); }
      : undefined;
    const report = checkNote(r.text, { ...r.options, isCancelled: stale, onProgress });
    let blocks: RenderedNote | undefined;
    let renderError: string | undefined;
    if (r.render && !stale()) {
      try {
        const rendered = renderNoteBlocks(r.text, report);
        const { keys, lines, relative } = relativeBlocks(rendered.blocks);
        const sent = sentKeys.get(r.key);
        const fresh: Record<string, string> = {};
        keys.forEach((k, i) => { if (!sent?.has(k)) fresh[k] = relative[i]!; });
        sentKeys.set(r.key, new Set(keys));
        blocks = { summary: rendered.summary, keys, lines, fresh };
      } catch (err) {
        renderError = err instanceof Error ? err.message : String(err);
      }
    }
    send({ type: 'result', id: r.id, key: r.key, version: r.version, report, ms: performance.now() - t0, blocks, renderError });
  } catch (err) {
    if (err instanceof CheckCancelled) return cancelled(r);
    const error = err instanceof Error ? `${err.message}${err.stack ? `\n${err.stack}` : ''}` : String(err);
    send({ type: 'error', id: r.id, key: r.key, version: r.version, error });
  }
}

/**
 * Checks one queued request, or else one warm-up note, then yields to the message
 * loop (newer requests may arrive, and come before the next warm-up note).
 */
function drain(): void {
  scheduled = false;
  const next = queue.entries().next();
  if (next.done) {
    warmUpStep();
    return;
  }
  const [key, r] = next.value;
  queue.delete(key);
  runOne(r);
  schedule();
}

/** A request was posted that this worker has not received yet. */
function requestComing(): boolean {
  return postedCount(cancel) !== received;
}

function warmUpStep(): void {
  // The request on its way schedules the next turn when it arrives.
  if (requestComing()) return;
  const text = warmUp?.shift();
  if (text === undefined) return;
  try {
    checkNote(text, { isCancelled: requestComing });
  } catch (err) {
    // Taken up again when the worker is idle (the request's message schedules that turn).
    if (err instanceof CheckCancelled) {
      warmUp!.unshift(text);
      return;
    }
    // Otherwise only speed is at stake: a note of ours the checker cannot take is no one's problem here.
  }
  schedule();
}

function schedule(): void {
  if (scheduled || (queue.size === 0 && !warmUp?.length)) return;
  scheduled = true;
  // setImmediate runs after the pending messages have been delivered, so a
  // burst of keystrokes collapses to its newest text before a check starts.
  setImmediate(drain);
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'init') {
    cancel = new Int32Array(m.cancel);
    received = m.posted;
    warmUp = [...WARM_UP_NOTES];
    schedule();
    return;
  }
  received++;
  const older = queue.get(m.key);
  if (older) cancelled(older);
  queue.delete(m.key);
  queue.set(m.key, m);
  schedule();
});
