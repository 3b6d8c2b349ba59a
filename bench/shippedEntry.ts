// Entry of the bundle bench/shipped.ts times: the checker as the VSIX ships it (esbuild,
// minified), not the sources through tsx. Reads the notes named in argv, checks each
// `warm` times and then `runs` times with nothing cached (evaluation results and kept
// chains cleared before every check; parses and compiled sides kept, as in run.ts), and
// prints one JSON line: { file: { median, best, claims, first, early } } in ms, where
// `first` is the note's first check in this process (its parse included) and `early` the
// median of its first twenty (V8 still optimising: the series of seed 003 settles after
// 60–100 checks).
import * as fs from 'node:fs';
import { checkNote } from '../src/core/check';
import { clearEvaluationCache } from '../src/core/check/claims';

const [warm, runs, ...files] = process.argv.slice(2);
const out: Record<string, { median: number; best: number; claims: number; first: number; early: number }> = {};
const median = (t: number[]): number => [...t].sort((a, b) => a - b)[t.length >> 1]!;
/** One check with nothing cached: its time and how many claims it made. */
const timed = (text: string): { ms: number; claims: number } => {
  clearEvaluationCache();
  const t0 = performance.now();
  const claims = checkNote(text).claims.length;
  return { ms: performance.now() - t0, claims };
};
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  // The first check parses the note too (parses are kept afterwards, as while typing).
  const { ms: first, claims } = timed(text);
  const early: number[] = [first];
  for (let i = 1; i < Math.max(Number(warm), 20); i++) {
    const { ms } = timed(text);
    if (i < 20) early.push(ms);
  }
  const t: number[] = [];
  for (let i = 0; i < Number(runs); i++) t.push(timed(text).ms);
  out[f] = { median: median(t), best: Math.min(...t), claims, first, early: median(early) };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
