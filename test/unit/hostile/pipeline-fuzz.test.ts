// Property tests of the whole pipeline on broken input: fast-check builds
// notes from markdown prose (English, Japanese, Chinese, raw HTML, code spans,
// tabs), math in every delimiter (also unterminated ones) made of LaTeX and
// GMM fragments of the seed notes, with LF, CRLF or mixed line endings; and it
// mutates windows of the seed notes (lines and characters deleted,
// duplicated, swapped). For every case checkNote and renderNoteBody never
// throw, every claim and issue points inside the text (spans, lines, columns),
// the verdicts are well formed, the HTML holds no script, and the case
// finishes within a time bound. The number of cases run is logged once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkNote, DEFAULT_CLAIM_BUDGET_MS } from '../../../src/core/check';
import { renderNoteBody } from '../../../src/core/render/html';
import type { CheckOptions, NoteReport } from '../../../src/core/types';

/**
 * A generated note checks in tens of milliseconds; 2 s (per case, check and
 * render together) means a hang or a blow-up, not a loaded machine. A note
 * with many claims may use the checker's time budget per claim (250 ms by
 * default) and gets that much more, twice over for a loaded machine.
 */
const MAX_CASE_MS = 2000;
const PER_CLAIM_MS = 2 * DEFAULT_CLAIM_BUDGET_MS;

const counts = { generated: 0, windows: 0, whole: 0 };

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** What every report must satisfy whatever the note: positions inside the text, well-formed verdicts. */
export function assertWellFormed(text: string, report: NoteReport): void {
  const lines = text.split('\n').length;
  const inText = (what: string, s: { start: number; end: number }) => {
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= text.length,
      `${what} ${JSON.stringify(s)} is outside the text (length ${text.length})`);
  };
  for (const r of report.regions) {
    inText('region span', r.span);
    inText('region content', r.content);
    assert.ok(r.span.start <= r.content.start && r.content.end <= r.span.end, 'region content inside its span');
    assert.ok(r.line >= 1 && r.line <= r.endLine && r.endLine <= lines, `region lines ${r.line}-${r.endLine} of ${lines}`);
  }
  const summary = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of report.claims) {
    const where = `claim at ${c.line}:${c.column} (${c.lhs} ${c.relation} ${c.rhs})`;
    inText(`${where}: lhsSpan`, c.lhsSpan);
    inText(`${where}: rhsSpan`, c.rhsSpan);
    inText(`${where}: culprit`, c.culprit);
    assert.ok(c.line >= 1 && c.line <= c.endLine && c.endLine <= lines, `${where}: lines ${c.line}-${c.endLine} of ${lines}`);
    assert.equal(c.line, lineOf(text, c.lhsSpan.start), `${where}: line is the line of the left side`);
    assert.equal(c.column, columnOf(text, c.lhsSpan.start), `${where}: column is the column of the left side`);
    assert.ok(c.regionIndex >= 0 && c.regionIndex < report.regions.length, `${where}: region ${c.regionIndex}`);
    assert.ok(['pass', 'fail', 'unchecked'].includes(c.verdict), `${where}: verdict ${c.verdict}`);
    if (c.verdict === 'unchecked') assert.ok(c.reason !== null, `${where}: an unchecked claim says why`);
    else assert.equal(c.reason, null, `${where}: only unchecked claims have a reason`);
    assert.ok(typeof c.message === 'string' && c.message.length > 0, `${where}: has a message`);
    summary[c.verdict]++;
  }
  assert.deepEqual(report.summary, summary, 'the summary counts the claims');
  for (const i of report.issues) {
    inText(`issue "${i.message}"`, i.span);
    assert.ok(i.line >= 1 && i.line <= lines, `issue line ${i.line} of ${lines}`);
  }
}

/**
 * A lone CR is a line break for the extraction (as for markdown-it and VS Code)
 * but not for checkNote's line numbers (see inputs.test.ts); the fuzz turns it
 * into CRLF so that it explores everything else.
 */
function noLoneCr(text: string): string {
  return text.replace(/\r(?!\n)/g, '\r\n');
}

/** Checks and renders one note within `maxMs`; returns the report. */
function runCase(input: string, options: CheckOptions, maxMs: number): NoteReport {
  const text = noLoneCr(input);
  const t0 = performance.now();
  let report: NoteReport;
  let html: string;
  try {
    report = checkNote(text, options);
  } catch (e) {
    throw new Error(`checkNote threw ${e instanceof Error ? e.stack : String(e)} on ${JSON.stringify(text)}`);
  }
  try {
    html = renderNoteBody(text, report);
  } catch (e) {
    throw new Error(`renderNoteBody threw ${e instanceof Error ? e.stack : String(e)} on ${JSON.stringify(text)}`);
  }
  const ms = performance.now() - t0;
  const bound = maxMs + PER_CLAIM_MS * report.claims.length;
  assert.ok(ms < bound, `checking and rendering took ${ms.toFixed(0)} ms (bound ${bound} ms for ${report.claims.length} claims) on ${JSON.stringify(text.slice(0, 2000))}`);
  assertWellFormed(text, report);
  assert.doesNotMatch(html, /<script/i, 'no script element in the rendered note');
  return report;
}

// ---- generated notes -------------------------------------------------------

const PROSE = [
  'The responsibilities are', 'Setting the derivative to zero we have', 'where', 'Using the chain rule,',
  '負担率は', 'である。', '対数尤度を微分すると', '混合ガウスモデルの EM アルゴリズム', '因此我们得到', '其中', '对数似然函数',
  '# Heading', '## 推导', '- item', '1. step', '> quote', '**bold**', '*emph*', '`$x$ in code`', '`code',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '[link](javascript:alert(1))', '<b>', 'price $5 and $6',
  '\\$ escaped', '|a|b|', '---', '\t', '  ', 'é ü ß', '😀', '\u200b', '\\', '$', '$$', '```', '~~~',
];
const TEX = [
  '\\gamma_{ik}', 'r_{nk}', '\\gamma(z_{nk})', '\\pi_k', '\\pi_j', '\\mu_k', '\\sigma_k^2', '\\sigma^{2}_{k}', 'x_i', 'x_n',
  '\\Sigma_k', '\\Sigma_k^{-1}', '(x_i-\\mu_k)^\\top', '\\det', '\\mathbf{x}_i', '\\boldsymbol{\\mu}_k', 'N_k', 'N', 'K',
  '\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)', '\\mathcal{N}(x_i | \\mu_j, \\sigma_j^2)', '\\mathcal{L}', '\\ell(\\theta)',
  '\\sum_{i=1}^N', '\\sum_{k=1}^K', '\\sum_j', '\\prod_{i=1}^N', '\\log', '\\ln', '\\exp', '\\sqrt{2\\pi\\sigma_k^2}',
  '\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k}', '\\frac{\\partial}{\\partial \\sigma_k^2}', '\\frac{1}{2}', '\\frac{',
  '\\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}',
  '\\left(', '\\right)', '\\left[', '\\right]', '\\left.', '\\big(', '(', ')', '[', ']', '{', '}', '^', '_', '^2', '_k',
  '=', '=', '=', '+', '-', '\\cdot', '/', ',', '&=', '&', '\\\\', '\\quad', '\\text{因此}', '\\text{where }',
  '\\underbrace{x_i - \\mu_k}_{g}', '\\lambda', '\\left(\\sum_{k=1}^K \\pi_k - 1\\right)', '= 0', '\\leq', '\\iff', '\\in',
  '0', '1', '2', '0.5', '10^{300}', '1e-300', 'f(x)', "f'", 'S_i', '\\foo', '%', '#', '\\begin{aligned}', '\\end{aligned}',
  '\\begin{bmatrix}', '\\end{bmatrix}', 'μ', 'σ', '∂', '\t', '\n', '\\$', '$',
];

const texBody = fc.array(fc.constantFrom(...TEX), { minLength: 1, maxLength: 14 }).map((ts) => ts.join(' '));
const mathBlock = fc.oneof(
  texBody.map((t) => `$${t}$`),
  texBody.map((t) => `$$${t}$$`),
  texBody.map((t) => `$$\n${t}\n$$`),
  texBody.map((t) => `\\[${t}\\]`),
  texBody.map((t) => `\\(${t}\\)`),
  texBody.map((t) => '```math\n' + t + '\n```'),
  fc.array(texBody, { minLength: 1, maxLength: 4 }).map((rows) => `$$\n\\begin{aligned}\n${rows.join(' \\\\\n')}\n\\end{aligned}\n$$`),
  // Broken delimiters.
  texBody.map((t) => `$$${t}`),
  texBody.map((t) => `$${t}`),
  texBody.map((t) => `\\[${t}`),
  texBody.map((t) => `$$\n\\begin{aligned}\n${t}\n$$`),
  texBody.map((t) => '```math\n' + t),
);
const proseLine = fc.array(fc.oneof(fc.constantFrom(...PROSE), fc.string({ maxLength: 6 })), { maxLength: 6 }).map((ws) => ws.join(' '));
const piece = fc.oneof({ weight: 2, arbitrary: proseLine }, { weight: 3, arbitrary: mathBlock }, { weight: 1, arbitrary: fc.constant('') });
const eol = fc.constantFrom('\n', '\r\n', '\n\n', '\r\n\r\n', ' ', '\t');
const note = fc.array(fc.tuple(piece, eol), { maxLength: 10 }).map((ps) => ps.map(([p, e]) => p + e).join(''));
const options = fc.record({ seed: fc.integer({ min: 0, max: 1000 }), trials: fc.integer({ min: 1, max: 3 }) });

// ---- mutated seed notes ----------------------------------------------------

const seedsDir = join(__dirname, '../../../examples');
const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.md')).sort()
  .map((f) => ({ name: f, text: readFileSync(join(seedsDir, f), 'utf8') }));

type Mutation =
  | { op: 'delLine' | 'dupLine'; i: number }
  | { op: 'swapLines'; i: number; j: number }
  | { op: 'delChar' | 'dupChar'; i: number }
  | { op: 'swapChars'; i: number; j: number }
  | { op: 'insChar'; i: number; ch: string };

const INSERTS = ['$', '$$', '{', '}', '\\', '\\\\', '&', '^', '_', '=', '\\left(', '\\right)', '\n', '\r\n', '\t', '```', '`', 'あ', '\\end{aligned}'];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delLine' as const, 'dupLine' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('swapLines' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ op: fc.constantFrom('delChar' as const, 'dupChar' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('swapChars' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ op: fc.constant('insChar' as const), i: fc.nat(), ch: fc.constantFrom(...INSERTS) }),
);

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    if (m.op === 'delLine' || m.op === 'dupLine' || m.op === 'swapLines') {
      const lines = t.split('\n');
      const i = m.i % lines.length;
      if (m.op === 'delLine') lines.splice(i, 1);
      else if (m.op === 'dupLine') lines.splice(i, 0, lines[i]!);
      else if (m.op === 'swapLines') {
        const j = m.j % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      }
      t = lines.join('\n');
    } else if (t.length > 0) {
      const i = m.i % t.length;
      if (m.op === 'delChar') t = t.slice(0, i) + t.slice(i + 1);
      else if (m.op === 'dupChar') t = t.slice(0, i + 1) + t.slice(i);
      else if (m.op === 'insChar') t = t.slice(0, i) + m.ch + t.slice(i);
      else if (m.op === 'swapChars') {
        const j = m.j % t.length;
        const a = Math.min(i, j), b = Math.max(i, j);
        if (a !== b) t = t.slice(0, a) + t[b]! + t.slice(a + 1, b) + t[a]! + t.slice(b + 1);
      }
    }
  }
  return t;
}

/** A window of 4–15 consecutive lines of a seed: checks fast, still holds real derivations. */
const window = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  start: fc.nat(),
  length: fc.integer({ min: 4, max: 15 }),
  mutations: fc.array(mutation, { maxLength: 8 }),
  crlf: fc.boolean(),
}).map(({ seed, start, length, mutations, crlf }) => {
  const lines = seeds[seed]!.text.split('\n');
  const from = start % lines.length;
  const text = mutate(lines.slice(from, from + length).join('\n'), mutations);
  return crlf ? text.replace(/\n/g, '\r\n') : text;
});

describe('hostile input: pipeline fuzz', function () {
  this.timeout(60_000);

  after(() => {
    console.log(`      pipeline fuzz: ${counts.generated} generated notes, ${counts.windows} mutated seed windows, ${counts.whole} mutated whole seed notes`);
  });

  it('generated notes (prose in several scripts, math in every delimiter, broken delimiters, CRLF, tabs)', () => {
    fc.assert(fc.property(note, options, (text, opts) => {
      counts.generated++;
      runCase(text, opts, MAX_CASE_MS);
    }), { numRuns: 300 });
  });

  it('mutated windows of the seed notes', () => {
    fc.assert(fc.property(window, (text) => {
      counts.windows++;
      runCase(text, {}, MAX_CASE_MS);
    }), { numRuns: 150 });
  });

  it('mutated whole seed notes (the smaller ones)', () => {
    const small = seeds.filter((s) => s.text.length < 5000).map((s) => s.text);
    fc.assert(fc.property(fc.constantFrom(...small), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, ms) => {
      counts.whole++;
      runCase(mutate(text, ms), {}, MAX_CASE_MS);
    }), { numRuns: 6 });
  });
});
