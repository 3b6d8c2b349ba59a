// Parity with KaTeX (issue 9): every formula KaTeX accepts in
// ../shared/formulas/formulas.jsonl (or, when that file is not beside the
// repository, the committed sample test/fixtures/formulas-sample.jsonl, 1,200
// formulas chosen by hash, 500 of them GMM pieces) parses with our parser, and
// written into notes and checked through checkNote gives no parse-error claim.
// Prints the figures and the most frequent remaining messages; fails when a
// figure drops below its committed floor, or when a formula fails for a reason
// not listed in EXCEPTIONS (each listed with why KaTeX's reading does not win).
import assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check/index';
import { bracketsPairUp, loadFormulas, measureParity, notesWithOrigins, percent, type Formula, type ParityFigures } from './formulas';

/**
 * Committed figures: raise them as the parser improves, never lower them. (Lowered once, on
 * 2026-11-30, when the measure itself became stricter, the parser reading more than before:
 * `asMarkdown` had written 760 formulas of the corpus as text that markdown does not read as
 * math, `$\eta $` and indented `$$` blocks, so they never reached the parser and counted as
 * parsed; and the extractor had dropped the first row of `\begin{align}[\sum …]'` as an option
 * of the environment. Reaching them added 9 formulas that do not parse (1 a GMM piece; 1 in the
 * sample) and 2 formulas with a note-level parse error, each a bracket that does not pair up.
 * Before: corpus 99.63% / 99.55% / 14, sample 99.33% / 99.2% / 2. The note-level figure counts
 * formulas since, no longer claims. Raised to 17 the same day when the checker learned to read
 * letters a note never defines as arbitrary matrices: `N(CUT)=Trace[(Y^T(D-w))Y)…]`, whose claim
 * had stopped at "unknown symbol Y" before its bracket typo (an extra `)`) was reached; the
 * parser reads no less than before, and every one of the 17 is a listed bracket typo.)
 */
const FLOOR = {
  corpus: { overall: 0.9959, gmm: 0.995, noteParseErrors: 17 },
  sample: { overall: 0.9925, gmm: 0.99, noteParseErrors: 2 },
};

/**
 * Where our parser still refuses what KaTeX draws, and why, one entry per kind (a formula's
 * messages must all match listed kinds; the first match names its kind in the report). A kind
 * with a `witness` also needs the formula itself to show it, by a check that does not use our
 * parser. Everything else KaTeX accepts reads into a tree: sets, tuples, intervals, events,
 * expectations, environments, brackets continued over rows, opaque atoms for the rest.
 */
const EXCEPTIONS: { kind: string; pattern: RegExp; reason: string; witness?: (f: Formula) => boolean }[] = [
  {
    kind: 'second bar in an application',
    pattern: /^expected “\)” to close the “\(” opened earlier but found “\|”$/,
    reason: 'inside an application\'s parentheses a bar after an operand is the conditioning bar (`p(x | \\theta)`). A second one ' +
      '(`p(o_{t+1} | o_1, …, i_t = q_i | \\lambda)`, a typo for `,`) is not guessed: reading such bars as |…| would mis-read ' +
      'the common conditional',
  },
  {
    kind: 'a doubled bar without its partner',
    pattern: /^expected \\right to close the \\left\( but found “\|”$/,
    reason: '`\\exp\\left(-\\frac{1}{2\\ell}||x - x\'|\\right)`: `||` written together is the norm bar and nothing closes it ' +
      '(a typo for `|x - x\'|`); which of the three bars pair up is a guess',
  },
  {
    kind: 'brackets that do not pair up',
    pattern: /^(unmatched “[)\]}]”|unmatched \\right|expected “[)\]}|]” to close|expected “\\\|” to close|expected \\right. to close|expected \\right to close|expected \\\} to close|expected \\r\w+ to close|expected “\)” to close .* but found|unexpected “[)\]]” in the|unexpected “&”|unexpected \\rbrace)/,
    reason: 'KaTeX draws ( ) [ ] \\{ \\} as characters that need not pair up. In these formulas they do not (the witness counts ' +
      'them in every brace group without our parser): typos (`P(z^{(i)}|x^{(i)};\\theta))`, `\\log(1+\\exp(w\\cdot x_i)]`), ' +
      'fragments of a formula the source cut with `$` (`(4`, `64)=64`), a `%` that comments out the rest of a line for KaTeX ' +
      '(`![img](a%E8…)` inside math). An unclosed bracket changes what is grouped, so reading it KaTeX\'s way would check a ' +
      'different formula than the one meant: it stays an error with its position (a bracket that closes on a later row of the ' +
      'same block is read across the rows; an interval\'s two ends may mix them, `(0, 1]`). Also the `&` or `\\rbrace` that ' +
      'then fall outside their environment or set',
    witness: (f) => !bracketsPairUp(f.tex),
  },
];

/** The kind a failing formula is listed under (its first message's first match), or null when some message is not listed. */
function exceptionKind(messages: string[], f: Formula | undefined): string | null {
  const fits = (e: (typeof EXCEPTIONS)[number], m: string): boolean => e.pattern.test(m) && (!e.witness || (f !== undefined && e.witness(f)));
  if (!messages.every((m) => EXCEPTIONS.some((e) => fits(e, m)))) return null;
  return EXCEPTIONS.find((e) => fits(e, messages[0]))?.kind ?? null;
}

function reportFigures(label: string, fig: ParityFigures): void {
  console.log(`      ${label}: ${fig.ok}/${fig.total} parse (${percent(fig.ok, fig.total)}); gmm pieces ${fig.gmmOk}/${fig.gmmTotal} (${percent(fig.gmmOk, fig.gmmTotal)})`);
  const top = [...fig.messages.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, 8);
  for (const [m, { count, example }] of top) console.log(`        ${String(count).padStart(4)}  ${m}  e.g. ${JSON.stringify(example.trim().slice(0, 70))}`);
}

/** Parse-error claims of the formulas written into notes, each with the formula it was written from. */
function noteParseErrors(formulas: readonly Formula[]): { claims: number; parseErrors: { message: string; f: Formula | undefined }[] } {
  let claims = 0;
  const parseErrors: { message: string; f: Formula | undefined }[] = [];
  for (const note of notesWithOrigins(formulas)) {
    const r = checkNote(note.text);
    claims += r.claims.length;
    for (const c of r.claims) if (c.reason === 'parse-error') parseErrors.push({ message: `${c.line}: ${c.message}`, f: note.formulaAt(c.line) });
  }
  return { claims, parseErrors };
}

const listed = (messages: string[], f: Formula | undefined): boolean => exceptionKind(messages, f) !== null;

describe('the bracket witness of the parity exceptions (no parser involved)', () => {
  const pairUp = ['(0,1]', '\\left[0,1\\right)', '\\left( a \\right. \\\\ \\left. b \\right)', '\\left\\{ a, b \\} \\right.',
    '\\left\\{ \\begin{array}{l} 1 \\end{array} \\right.', '\\text{(a} b', 'x % (', '\\{x \\mid x > 0\\}'];
  const doNot = ['(a', 'a)', '\\{(a\\}', '{(}a)', '\\underbrace{L(x}_a)', '[y_i - \\log(1+\\exp(w x_i)]', '\\left( a ) \\right)', '\\left( a'];
  for (const tex of pairUp) it(`pair up: ${tex}`, () => assert.equal(bracketsPairUp(tex), true));
  for (const tex of doNot) it(`do not pair up: ${tex}`, () => assert.equal(bracketsPairUp(tex), false));
});

describe('parity with KaTeX on real formulas (issue 9)', function () {
  this.timeout(180000);
  const { formulas, source } = loadFormulas();
  const floor = FLOOR[source];
  let fig: ParityFigures;

  before(() => {
    if (source === 'sample') console.log('      ../shared/formulas/formulas.jsonl is absent: the committed sample is measured instead');
    fig = measureParity(formulas);
    reportFigures(source, fig);
  });

  it('measures at least 1,000 KaTeX-accepted formulas, GMM pieces among them', () => {
    assert.ok(formulas.length >= 1000, `${formulas.length} formulas`);
    assert.ok(fig.gmmTotal >= 400, `${fig.gmmTotal} GMM pieces`);
  });

  it(`parses at least ${(100 * floor.overall).toFixed(1)}% overall and ${(100 * floor.gmm).toFixed(1)}% of GMM pieces`, () => {
    assert.ok(fig.ok / fig.total >= floor.overall, `overall ${percent(fig.ok, fig.total)}`);
    assert.ok(fig.gmmOk / fig.gmmTotal >= floor.gmm, `GMM pieces ${percent(fig.gmmOk, fig.gmmTotal)}`);
  });

  it('every formula that does not parse fails for a listed reason', () => {
    const unlisted = fig.failing.filter(({ f, messages }) => !listed(messages, f));
    const kinds = new Map<string, number>();
    for (const { f, messages } of fig.failing) {
      const k = exceptionKind(messages, f);
      if (k) kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    for (const [k, n] of kinds) console.log(`      listed: ${String(n).padStart(4)}  ${k}`);
    assert.deepEqual(unlisted.slice(0, 10).map(({ f, messages }) => `${messages[0]} ← ${f.tex.trim().slice(0, 80)}`), [],
      `${unlisted.length} formulas fail for a reason not in EXCEPTIONS`);
  });

  // Counted by formula: how many links of a chain touch a side that does not parse is the checker's business.
  it(`written into notes and checked, at most ${floor.noteParseErrors} formulas give a claim "unchecked: parse-error"`, () => {
    const t0 = performance.now();
    const r = noteParseErrors(formulas);
    const culprits = new Set(r.parseErrors.map((e) => e.f));
    console.log(`      notes: ${r.claims} claims from ${formulas.length} formulas, ${r.parseErrors.length} parse-error claims from ` +
      `${culprits.size} formulas (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    assert.ok(culprits.size <= floor.noteParseErrors, r.parseErrors.slice(0, 10).map((e) => e.message).join('\n'));
    // Each one fails for a listed reason the formula shows (a typo KaTeX draws anyway), not for something the parser should read.
    const other = r.parseErrors.filter((e) => !listed([e.message.replace(/^\d+: (?:.*cannot be evaluated: )?/, '')], e.f));
    assert.deepEqual(other.map((e) => `${e.message} ← ${e.f?.tex.trim().slice(0, 80) ?? '?'}`), [],
      'parse-error claims for a reason not in EXCEPTIONS');
  });
});
