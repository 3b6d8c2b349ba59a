// The check of whole notes timed in the code the extension runs: bench/shippedEntry.ts
// bundled by esbuild with the options of `npm run package` (scripts/build.mjs --minify),
// in a fresh node process. run.ts's own figures run the TypeScript sources through tsx,
// which wraps every function it creates in a naming helper (keepNames) and so times
// something the VSIX does not contain; both are printed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBundled } from './bundle';

export interface ShippedTiming { median: number; best: number; claims: number }

/** Median and fastest of `runs` checks (after `warm`) of each note with nothing cached, or why there is no figure. */
export function timeShipped(files: string[], warm: number, runs: number): Map<string, ShippedTiming> | string {
  const r = runBundled(path.join(__dirname, 'shippedEntry.ts'), [String(warm), String(runs), ...files]);
  if (r.status !== 0) return `exit ${r.status}: ${r.stderr.trim().split('\n').pop() ?? ''}`;
  return new Map(Object.entries(JSON.parse(r.stdout) as Record<string, ShippedTiming>));
}

if (require.main === module) {
  const dir = process.argv[2] ?? path.join(__dirname, '..', 'examples');
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort().map((n) => path.join(dir, n));
  const t = timeShipped(files, Number(process.argv[4] ?? 20), Number(process.argv[3] ?? 30));
  if (typeof t === 'string') throw new Error(t);
  for (const [f, v] of t) console.log(`${path.basename(f).slice(0, 3)} (${v.claims} claims): median ${v.median.toFixed(2)} ms, fastest ${v.best.toFixed(2)} ms`);
}
