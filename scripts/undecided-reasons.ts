// Tallies why labelled corpus lines stay undecided: for every undecided label,
// the messages of the unchecked claims covering its line, normalised (symbols
// masked). Usage: npx tsx scripts/undecided-reasons.ts [--notes-only]
import { join } from 'node:path';
import { corpusDir, runCorpus } from '../test/unit/check/corpusLabels';

async function run(): Promise<void> {
  const r = await runCorpus();
  const tally = new Map<string, string[]>();
  const onlyNotes = process.argv.includes('--notes-only');
  for (const f of onlyNotes ? [r.notes] : [r.notes, r.mutants]) {
    for (const l of f.undecided) {
      const cs = (r.claims.get(join(corpusDir, l.file)) ?? []).filter((c) => c.line <= l.line && l.line <= (c.endLine ?? c.line) && c.verdict === 'unchecked');
      const keys = new Set(cs.map((c) => `${c.reason}: ${(c.message ?? '').replace(/\s+/g, ' ').slice(0, 90)}`));
      if (!keys.size) keys.add('(no claim on the line)');
      for (const k of keys) tally.set(k, [...(tally.get(k) ?? []), `${l.file}:${l.line}`]);
    }
  }
  for (const [k, v] of [...tally].sort((a, b) => b[1].length - a[1].length)) console.log(`${String(v.length).padStart(4)} ${k}\n       ${[...new Set(v.map((s) => s.replace(/\/mut\/m\d+\.md/, '/*')))].slice(0, 4).join(' ')}`);
}
void run();
