// Summarises a V8 .cpuprofile by self time per function (top N), and by total
// (inclusive) time per function. Usage: npx tsx bench/profile-summary.ts FILE [N]
import * as fs from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
const file = process.argv[2];
const top = Number(process.argv[3] ?? 40);
const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
prof.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const name = (n: ProfileNode): string => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
for (const [id, us] of selfUs) {
  all += us;
  const n = byId.get(id)!;
  self.set(name(n), (self.get(name(n)) ?? 0) + us);
  // Inclusive: every distinct function on the stack once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    total.set(k, (total.get(k) ?? 0) + us);
  }
}
const show = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${(100 * us / all).toFixed(1).padStart(5)}%  ${k}`);
};
show('self time', self);
show('total time', total);

// --callers NAME: the callers of the functions whose name starts with NAME, by the self time spent under them.
const at = process.argv.indexOf('--callers');
if (at > 0) {
  const want = process.argv[at + 1];
  const callers = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    if (!(n.callFrame.functionName || '(anon)').startsWith(want)) continue;
    const p = parent.get(id);
    const k = p === undefined ? '(none)' : name(byId.get(p)!);
    callers.set(k, (callers.get(k) ?? 0) + us);
  }
  show(`callers of ${want}`, callers);
}
