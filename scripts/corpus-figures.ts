// Prints recall / false alarm / coverage on ../shared/corpus (notes and
// mutants) and on the seed notes, with the labels missed, falsely flagged
// and left undecided. Usage: npx tsx scripts/corpus-figures.ts [--verbose] [--seed N]
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { corpusPresent, runCorpus } from '../test/unit/check/corpusLabels';
import { cliJson, describeFigures, figures, type Label } from '../test/unit/check/labelFigures';

const verbose = process.argv.includes('--verbose');
const seedAt = process.argv.indexOf('--seed');
const extra = seedAt > 0 ? ['--seed', process.argv[seedAt + 1]] : [];

async function run(): Promise<void> {
  const root = join(__dirname, '..');
  const seedLabels = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'labels.json'), 'utf8')) as Label[];
  const notePath = (f: string) => join(root, 'examples', f.replace(/\.txt$/, '.md'));
  const { report } = await cliJson([...extra, ...new Set(seedLabels.map((l) => notePath(l.file)))]);
  const byPath = new Map(report.files.map((f) => [f.path, f.claims]));
  const seeds = figures(seedLabels, (l) => byPath.get(notePath(l.file)) ?? []);
  console.log(describeFigures('seeds', seeds));
  if (verbose) for (const l of [...seeds.flagged, ...seeds.missed]) console.log(`  ${seeds.flagged.includes(l) ? 'FALSE ALARM' : 'missed     '} ${l.file}:${l.line} (${l.why ?? ''})`);
  if (!corpusPresent()) { console.log('../shared/corpus is absent: corpus figures skipped'); return; }
  const r = await runCorpus(extra);
  for (const [name, f] of [['corpus notes', r.notes], ['corpus mutants', r.mutants]] as const) {
    console.log(describeFigures(name, f));
    if (!verbose) continue;
    for (const l of f.flagged) console.log(`  FALSE ALARM ${l.file}:${l.line} (${l.why ?? ''})`);
    for (const l of f.missed) console.log(`  missed      ${l.file}:${l.line} (${l.why ?? ''})`);
    for (const l of f.undecided) console.log(`  undecided   ${l.file}:${l.line} [${l.expect}] (${l.why ?? ''})`);
  }
}
void run();
