// Worker of the seed sweep (seedSweep.test.ts): checks the notes it is given
// at each of its seeds, in-process, and posts back one verdict list per seed
// and note. Run with tsx's loader (see the test).
import { parentPort, workerData } from 'node:worker_threads';
import { checkNote } from '../../../src/core/check';

export interface SweepJob { notes: { name: string; text: string }[]; seeds: number[] }
/** Per seed, per note: `line:column verdict` of every claim, in order. */
export type SweepResult = { seed: number; verdicts: string[][] }[];

const job = workerData as SweepJob;
const out: SweepResult = job.seeds.map((seed) => ({
  seed,
  verdicts: job.notes.map((n) => checkNote(n.text, { seed }).claims.map((c) => `${c.line}:${c.column} ${c.verdict}`)),
}));
parentPort!.postMessage(out);
