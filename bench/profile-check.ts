// Profiles the check of every seed note with nothing cached (evaluation results
// cleared; parses kept), as `npm run bench` times it. Run with
//   node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile-check.ts [runs] [note prefix]
// and summarise the profile with bench/profile-summary.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../src/core/check';
import { clearEvaluationCache } from '../src/core/check/claims';

const examples = process.env.GMM_EXAMPLES ?? path.join(__dirname, '..', 'examples');
const runs = Number(process.argv[2] ?? 20);
const only = process.argv[3];
for (const f of fs.readdirSync(examples).filter((n) => n.endsWith('.md') && (!only || n.startsWith(only))).sort()) {
  const text = fs.readFileSync(path.join(examples, f), 'utf8');
  const t: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    clearEvaluationCache();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    checkNote(text);
    const c = process.cpuUsage(c0);
    t.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`${f.slice(0, 3)}: wall median ${med(t).toFixed(1)} ms, best ${Math.min(...t).toFixed(1)} ms; CPU median ${med(cpu).toFixed(1)} ms, best ${Math.min(...cpu).toFixed(1)} ms`);
}
