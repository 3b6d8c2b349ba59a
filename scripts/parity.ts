// Parity of our parser with KaTeX on the real-formula corpus (issue 9):
// prints the figures and the most frequent remaining messages with an example.
//   npx tsx scripts/parity.ts [--top N] [--grep TEXT] [--gmm] [--write-sample]
// --write-sample rewrites test/fixtures/formulas-sample.jsonl from the corpus (chosen by hash).
import { writeFileSync } from 'node:fs';
import {
  CORPUS_PATH, SAMPLE_PATH, chooseSample, loadFormulas, measureParity, percent, readJsonl, type Formula,
} from '../test/unit/latex/formulas';

const args = process.argv.slice(2);
const top = Number(args[args.indexOf('--top') + 1]) || 30;
const grep = args.includes('--grep') ? args[args.indexOf('--grep') + 1] : null;
const { formulas, source } = loadFormulas();
const t0 = performance.now();
const fig = measureParity(args.includes('--gmm') ? formulas.filter((f) => f.gmm_piece) : formulas);
const ms = performance.now() - t0;
console.log(`${source}: ${fig.ok}/${fig.total} parse (${percent(fig.ok, fig.total)}); gmm pieces ${fig.gmmOk}/${fig.gmmTotal} (${percent(fig.gmmOk, fig.gmmTotal)}); ${ms.toFixed(0)} ms`);
const sorted = [...fig.messages.entries()].sort((a, b) => b[1].count - a[1].count);
for (const [m, { count, example }] of sorted.slice(0, top)) console.log(`${String(count).padStart(5)}  ${m}\n         e.g. ${JSON.stringify(example.slice(0, 160))}`);
if (grep) {
  for (const { f, messages } of fig.failing) {
    if (messages.some((m) => m.includes(grep))) console.log(`--- ${messages[0]}\n${f.tex.slice(0, 300)}`);
  }
}
if (args.includes('--write-sample')) {
  const sample = chooseSample(readJsonl(CORPUS_PATH));
  const keep = (f: Formula) => ({ tex: f.tex, display: f.display, delim: f.delim, katex_ok: f.katex_ok, gmm_piece: f.gmm_piece, repo: f.repo, path: f.path, line: f.line });
  writeFileSync(SAMPLE_PATH, sample.map((f) => JSON.stringify(keep(f))).join('\n') + '\n');
  console.log(`wrote ${sample.length} formulas to ${SAMPLE_PATH}`);
}
