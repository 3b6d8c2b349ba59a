// The check of whole notes timed in the code the extension runs: bench/shippedEntry.ts
// bundled by esbuild with the options of `npm run package` (scripts/build.mjs --minify),
// in a fresh node process. run.ts's own figures run the TypeScript sources through tsx,
// which wraps every function it creates in a naming helper (keepNames) and so times
// something the VSIX does not contain; both are printed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBundledTimes } from './bundle';

/** Steady median and fastest of the timed checks; the first check (parse included) and the median of the first twenty. */
export interface ShippedTiming { median: number; best: number; claims: number; first: number; early: number }

/**
 * Checks of each note before the timed ones, and timed ones. V8 is still optimising the checker
 * for tens of checks: seed 003's medians by twenty checks run 25, 15, 13, 12, 11, 11 ms and then
 * stay (one process, a fresh bundle), so the steady figure needs about 100 before it.
 */
export const WARM = 100, RUNS = 100;

/** Processes the bench times the shipped bundle in (run.ts): their medians' median is the figure. */
export const SHIPPED_PROCESSES = 3;

/**
 * Median and fastest of `runs` checks (after `warm`) of each note with nothing cached, in each of
 * `processes` fresh processes (one bundle), or why there is no figure.
 */
export function timeShipped(files: string[], warm: number, runs: number, processes = 1): Array<Map<string, ShippedTiming>> | string {
  const out: Array<Map<string, ShippedTiming>> = [];
  for (const r of runBundledTimes(path.join(__dirname, 'shippedEntry.ts'), [String(warm), String(runs), ...files], processes)) {
    if (r.status !== 0) return `exit ${r.status}: ${r.stderr.trim().split('\n').pop() ?? ''}`;
    out.push(new Map(Object.entries(JSON.parse(r.stdout) as Record<string, ShippedTiming>)));
  }
  return out;
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(__dirname, '..', 'examples');
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort().map((n) => path.join(dir, n));
  const t = timeShipped(files, Number(process.argv[4] ?? WARM), Number(process.argv[3] ?? RUNS));
  if (typeof t === 'string') throw new Error(t);
  for (const [f, v] of t[0]!) {
    console.log(`${path.basename(f).slice(0, 3)} (${v.claims} claims): median ${v.median.toFixed(2)} ms, fastest ${v.best.toFixed(2)} ms; first check ${v.first.toFixed(1)} ms, first twenty ${v.early.toFixed(1)} ms`);
  }
}
