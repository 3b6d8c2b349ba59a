// Entry of the bundle bench/shipped.ts times: the checker as the VSIX ships it (esbuild,
// minified), not the sources through tsx. Reads the notes named in argv, checks each
// `warm` times and then `runs` times with nothing cached (evaluation results and kept
// chains cleared before every check; parses and compiled sides kept, as in run.ts), and
// prints one JSON line: { file: { median, best, claims } } in ms.
import * as fs from 'node:fs';
import { checkNote } from '../src/core/check';
import { clearEvaluationCache } from '../src/core/check/claims';

const [warm, runs, ...files] = process.argv.slice(2);
const out: Record<string, { median: number; best: number; claims: number }> = {};
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  let claims = 0;
  for (let i = 0; i < Number(warm); i++) {
    clearEvaluationCache();
    claims = checkNote(text).claims.length;
  }
  const t: number[] = [];
  for (let i = 0; i < Number(runs); i++) {
    clearEvaluationCache();
    const t0 = performance.now();
    checkNote(text);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  out[f] = { median: t[t.length >> 1]!, best: t[0]!, claims };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
