// A worker thread of `gmm-check --jobs N` (bundled to dist/batchWorker.js,
// next to dist/cli.js): checks the notes the CLI's pool sends it, one at a
// time, and answers each with the report or the error the checker threw.
// Deliberately smaller than the editor's worker (src/worker/checkWorker.ts):
// a batch has no edits to cancel or coalesce, no preview to render, and
// nothing to warm up while idle (each thread checks many notes in a row, so
// V8 optimises the checker on the first few anyway).
import { parentPort } from 'node:worker_threads';
import { checkNote } from '../core/check';
import { READY, type BatchAnswer, type BatchMessage, type BatchRequest } from './pool';

const port = parentPort;
if (!port) throw new Error('batchWorker.js must run as a worker thread');

port.on('message', (m: BatchRequest) => {
  let answer: BatchAnswer;
  try {
    answer = { id: m.id, ok: true, report: checkNote(m.text, m.options) };
  } catch (err) {
    answer = { id: m.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer satisfies BatchMessage);
});

// The checker is loaded: the pool starts the time limit of a note from here.
port.postMessage(READY satisfies BatchMessage);
