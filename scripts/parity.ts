// Parity of our parser with KaTeX on the real-formula corpus (issue 9):
// prints the figures and the most frequent remaining messages with an example.
//   npx tsx scripts/parity.ts [--top N] [--grep TEXT] [--gmm]
import { loadFormulas, measureParity, percent } from '../test/unit/latex/formulas';

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
