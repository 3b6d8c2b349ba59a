// Re-checking after an edit with the caches warm gives exactly what a check from nothing
// gives (issue 13: chains reused across checks, src/core/check/chainReuse.ts). For every
// seed note and every ../shared/corpus note (and each corpus note → its mutants): the
// edited text checked right after the original, against the edited text checked with every
// cache cleared, compared as the JSON the CLI prints (claims, verdicts, messages, lines,
// columns, the reading, the issues). The edits: characters typed at the top, in the
// middle and inside a formula, lines inserted and deleted above and inside chains, a
// definition changed, the model changed (1-D ↔ full covariance, K, D), an index
// convention stated, a worked example's number changed, options changed. And the edited text
// checked with only the sides compiled for the original kept (claims.ts compiledAcross).
import * as assert from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNote } from '../../../src/core/check';
import { chainReuseCounts, clearChainCache } from '../../../src/core/check/chainReuse';
import { clearCompiledSides, clearEvaluationCache } from '../../../src/core/check/claims';
import { clearParseCache } from '../../../src/core/latex/parser';
import { clearStatementCache } from '../../../src/core/extract/statements';
import { toJsonReport } from '../../../src/cli/format';
import type { CheckOptions, NoteReport } from '../../../src/core/types';
import { corpusDir, corpusPresent } from './corpusLabels';

const examples = join(__dirname, '..', '..', '..', 'examples');

function clearAll(): void {
  clearChainCache();
  clearEvaluationCache();
  clearCompiledSides();
  clearParseCache();
  clearStatementCache();
}

function json(text: string, report: NoteReport): unknown {
  return JSON.parse(JSON.stringify(toJsonReport([{ path: 'note.md', text, report }])));
}

interface Edit { name: string; text: string; options?: CheckOptions; before?: CheckOptions }

/** Edits at offsets (in the original text), applied together from the last to the first. */
function apply(text: string, edits: { at: number; remove?: number; insert: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.insert + out.slice(e.at + (e.remove ?? 0));
  return out;
}

/**
 * The edits tried on a note, placed with the help of its own claims (where its chains,
 * definitions, worked examples and conditions are). Several edits far apart make one
 * edited text: each text costs a check from nothing.
 */
function editsOf(text: string): Edit[] {
  const claims = checkNote(text).claims.filter((c) => c.reason !== 'parse-error');
  const mid = claims[claims.length >> 1];
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  const def = claims.find((c) => c.kind === 'definition');
  const lastDef = [...claims].reverse().find((c) => c.kind === 'definition');
  const example = claims.find((c) => c.kind === 'numeric');
  const digit = example ? text.slice(example.rhsSpan.start, example.rhsSpan.end).search(/[0-9]/) : -1;
  const condition = claims.find((c) => c.kind === 'condition' && /stationar|zero|condition/.test(c.message));
  const firstLine = text.indexOf('\n') + 1;
  const some = (...xs: ({ at: number; remove?: number; insert: string } | null | undefined | false)[]) => xs.filter((x): x is { at: number; remove?: number; insert: string } => !!x);
  return [
    // Typing: a character at the top and one inside a formula in the middle, a space in another.
    { name: 'characters typed at the top and inside formulas', text: apply(text, some(
      { at: 0, insert: 'A' }, mid && { at: mid.rhsSpan.end, insert: '2' }, lastDef && lastDef !== mid && { at: lastDef.lhsSpan.start, insert: ' ' })) },
    // Lines: one inserted at the top, a line break inside a middle chain, a line just above a definition, one appended.
    { name: 'lines inserted above and inside chains', text: apply(text, some(
      { at: 0, insert: 'A new first line.\n\n' }, mid && { at: mid.rhsSpan.start, insert: '\n' },
      def && def !== mid && { at: lineStart(def.lhsSpan.start), insert: 'Now:\n' }, { at: text.length, insert: '\nThe end.\n' })) },
    // Lines deleted: the first, and the one above a middle chain; a line inserted just above a condition.
    { name: 'lines deleted above chains', text: apply(text, some(
      firstLine > 0 && { at: 0, remove: firstLine, insert: '' },
      mid && lineStart(mid.lhsSpan.start) > firstLine + 1 && { at: lineStart(lineStart(mid.lhsSpan.start) - 1), remove: lineStart(mid.lhsSpan.start) - lineStart(lineStart(mid.lhsSpan.start) - 1), insert: '' },
      condition && condition !== mid && { at: lineStart(condition.lhsSpan.start), insert: 'Then:\n' })) },
    // Definitions changed (the first and the last), a worked example's number changed.
    { name: 'definitions and a worked example changed', text: apply(text, some(
      def && { at: def.rhsSpan.end, insert: ' + 1' }, lastDef && lastDef !== def && { at: lastDef.rhsSpan.end, insert: '^2' },
      example && digit >= 0 && { at: example.rhsSpan.start + digit, remove: 1, insert: text[example.rhsSpan.start + digit] === '7' ? '8' : '7' })) },
    { name: 'an index convention stated', text: `<!-- gmm: points=k components=i -->\n${text}` },
    { name: 'a full covariance written at the end', text: `${text}\n\n$$\\det \\Sigma_k = \\det \\Sigma_k^T$$\n` },
    { name: 'K and D set', text, options: { K: 2, D: 1 }, before: { D: 3 } },
  ];
}

/** The edited text checked warm (right after the original) and from nothing must give the same JSON; so must the original after it. */
function assertSameAfter(original: string, edit: Edit, where: string, originalCold: unknown): void {
  clearAll();
  const cold = json(edit.text, checkNote(edit.text, edit.options ?? {}));
  checkNote(original, edit.before ?? {});
  const warm = json(edit.text, checkNote(edit.text, edit.options ?? {}));
  assert.deepStrictEqual(warm, cold, `${where}: ${edit.name}`);
  // Only the sides compiled for the original kept (no chain reused, no value kept): what they are found by must tell the edit.
  clearAll();
  checkNote(original, edit.before ?? {});
  clearChainCache();
  clearEvaluationCache();
  assert.deepStrictEqual(json(edit.text, checkNote(edit.text, edit.options ?? {})), cold, `${where}: ${edit.name}, compiled sides kept`);
  if (!edit.before) assert.deepStrictEqual(json(original, checkNote(original)), originalCold, `${where}: ${edit.name}, undone`);
}

function assertEdits(text: string, where: string, more: Edit[] = []): void {
  clearAll();
  const originalCold = json(text, checkNote(text));
  for (const edit of [...editsOf(text), ...more]) assertSameAfter(text, edit, where, originalCold);
}

describe('re-checks after an edit, caches warm, equal checks from nothing', function () {
  this.timeout(120000);
  const seeds = readdirSync(examples).filter((f) => f.endsWith('.md')).sort();

  it('reuses the chains an edit does not touch (and checks the ones it does)', () => {
    const text = readFileSync(join(examples, seeds.find((f) => f.startsWith('003'))!), 'utf8');
    clearAll();
    checkNote(text);
    chainReuseCounts.reused = chainReuseCounts.checked = 0;
    checkNote(`Typed.\n${text}`);
    // (Most of them: the lines the note-level reading keeps, which messages quote, held every chain back once.)
    assert.ok(chainReuseCounts.reused > 2 * chainReuseCounts.checked, `after a line inserted at the top: ${chainReuseCounts.reused} reused, ${chainReuseCounts.checked} checked`);
    // Under another seed only what one check reuses within itself (a chain repeated with the same context).
    clearAll();
    chainReuseCounts.reused = 0;
    checkNote(text, { seed: 9 });
    const within = chainReuseCounts.reused;
    clearAll();
    checkNote(text);
    chainReuseCounts.reused = 0;
    checkNote(text, { seed: 9 });
    assert.strictEqual(chainReuseCounts.reused, within, 'chains reused under another seed');
  });

  it('an edit that turns a note\'s covariances from σ_k² I into full Σ_k and back (the model, not the chains, changes)', () => {
    // The chains stay the same text; only the last line decides whether the Gaussians are σ_k² I.
    const isotropic = [
      '$$\\ell = \\sum_{i=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol{\\mu}_k, \\sigma_k^2 \\mathbf{I})$$',
      '$$\\frac{\\partial \\ell}{\\partial \\boldsymbol{\\mu}_k} = \\sum_{i=1}^{N} \\gamma_{ik} \\frac{\\mathbf{x}_i - \\boldsymbol{\\mu}_k}{\\sigma_k^2}$$',
      '$$\\sigma_k^{2,\\text{new}} = \\frac{1}{D N_k} \\sum_{i=1}^{N} \\gamma_{ik} \\lVert \\mathbf{x}_i - \\boldsymbol{\\mu}_k^{\\text{new}} \\rVert^2$$',
    ].join('\n');
    const full = `${isotropic}\n$$\\boldsymbol{\\Sigma}_k = \\frac{1}{N_k} \\sum_{i=1}^{N} \\gamma_{ik} (\\mathbf{x}_i - \\boldsymbol{\\mu}_k)(\\mathbf{x}_i - \\boldsymbol{\\mu}_k)^\\top$$`;
    clearAll();
    assert.match(checkNote(isotropic).model.description, /isotropic/);
    assert.doesNotMatch(checkNote(full).model.description, /isotropic/);
    assertEdits(isotropic, 'σ_k² I note', [{ name: 'Σ_k written at the end', text: full }]);
    assertEdits(full, 'Σ_k note', [{ name: 'Σ_k removed', text: isotropic }]);
  });

  it('a definition that cannot be evaluated, moved by lines inserted above it (its uses quote its line)', () => {
    const text = [
      'Let $K = 2$.',
      '',
      '$$S_k = \\sum_{i=1}^N \\gamma_{ik} \\frac{}{}$$',
      '',
      '$$\\mu_k = \\frac{1}{S_k} \\sum_{i=1}^N \\gamma_{ik} x_i$$',
      '',
    ].join('\n');
    clearAll();
    assert.match(checkNote(text).claims.find((c) => c.line === 5)?.message ?? '', /\(line 3\) cannot be evaluated/);
    assertEdits(text, 'broken definition', [{ name: 'two lines inserted at the top', text: `Intro.\n\n${text}` }]);
  });

  it('a step that holds at a worked example only, the example\'s numbers edited (the step reads them)', () => {
    const text = [
      'Three points $x_1 = 0$, $x_2 = 1$, $x_3 = 3$ and $K = 2$ components. Start from',
      '$\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 0$, $\\mu_2 = 2$, $\\sigma_1^2 = \\sigma_2^2 = 1$.',
      '',
      // More than the prose a chain's reuse reads before it (ChainReuse, 300 characters): only the example's key tells.
      'With equal weights and equal variances the normalising constants of the two Gaussians are the same, so they cancel. '.repeat(3),
      '',
      '$$\\gamma_{n2} = \\frac{e^{-(x_n - 2)^2/2}}{e^{-x_n^2/2} + e^{-(x_n - 2)^2/2}}$$',
    ].join('\n');
    clearAll();
    assert.strictEqual(checkNote(text).claims.find((c) => c.line === 6)?.verdict, 'unchecked');
    const moved = text.replace('$\\mu_2 = 2$', '$\\mu_2 = 3$');
    assert.strictEqual(checkNote(moved).claims.find((c) => c.line === 6)?.verdict, 'fail');
    assertEdits(text, 'worked example', [{ name: 'μ₂ of the example changed', text: moved }]);
  });

  for (const f of seeds) {
    it(`seed ${f.slice(0, 3)}`, () => {
      const text = readFileSync(join(examples, f), 'utf8');
      assertEdits(text, f);
    });
  }

  it('../shared/corpus notes and their mutants', function () {
    if (!corpusPresent()) {
      console.log(`      (skipped: ${corpusDir} is absent)`);
      this.skip();
    }
    for (const d of readdirSync(corpusDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
      const notePath = join(corpusDir, d, 'note.md');
      if (!existsSync(notePath)) continue;
      const text = readFileSync(notePath, 'utf8');
      const mutants = join(corpusDir, d, 'mut');
      const more = existsSync(mutants)
        ? readdirSync(mutants).filter((n) => n.endsWith('.md')).sort().map((m) => ({ name: `mutant ${m}`, text: readFileSync(join(mutants, m), 'utf8') }))
        : [];
      assertEdits(text, d, more);
    }
  });
});
