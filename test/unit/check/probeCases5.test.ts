// Notes two probes wrote on 2026-12-02 (homework-style derivations; Obsidian layouts and annotations),
// reduced to the statements that showed the checker wrong. Each expected verdict comes from the
// mathematics (checked with numpy when the probe wrote it), not from the checker's output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';

const verdictsOn = (text: string, line: number, seed?: number) =>
  checkNote(text, seed === undefined ? {} : { seed }).claims.filter((c) => (c.endLine ?? c.line) === line).map((c) => c.verdict);

/** Some claim on the line, and none of them ✗ (an empty list is no evidence). */
const claimedNoFail = (verdicts: string[]): boolean => verdicts.length > 0 && !verdicts.includes('fail');

const MIXTURE_1D = 'Mixture $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$ with data $x_1, \\dots, x_N$.';

describe('probe cases: vacuous agreement', () => {
  it('a side that is NaN at some points (the log of a negative number) never makes a wrong step agree', () => {
    // log(μ_k + x_n) is NaN where μ_k + x_n < 0; where it is defined the sides differ by it.
    for (const step of ['\\mu_k = \\mu_k + \\log(\\mu_k + x_n)', '\\mu_2 = \\sqrt{\\mu_1} + 3',
      '\\frac{\\partial}{\\partial \\mu_k} \\log \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) = \\frac{x_n - \\mu_k}{\\sigma_k^2} + \\log(\\mu_k - x_n)']) {
      const v = verdictsOn(`${MIXTURE_1D}\n\n$$${step}$$\n`, 3);
      assert.ok(v.length > 0 && !v.includes('pass'), `${step}: ${v.join(', ')}`);
    }
  });

  it('softmax logits are unconstrained: Σ_j e^{η_j} is not 1, so a slip about the normaliser fails', () => {
    const note = (step: string) => [
      '$$\\pi_k = \\frac{e^{\\eta_k}}{\\sum_{j=1}^{K} e^{\\eta_j}}$$',
      '',
      '$$\\mathcal{L} = \\sum_{n=1}^{N} \\log \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$$',
      '',
      `$$${step}$$`,
    ].join('\n');
    // ∂𝓛/∂η_j = N_j − N π_j; writing e^{η_j} for π_j is wrong once the logits are not normalised.
    assert.deepEqual(verdictsOn(note('\\frac{\\partial \\mathcal{L}}{\\partial \\eta_j} = \\sum_{n=1}^{N} \\gamma_{nj} - N \\pi_j'), 5), ['pass']);
    assert.deepEqual(verdictsOn(note('\\frac{\\partial \\mathcal{L}}{\\partial \\eta_j} = \\sum_{n=1}^{N} \\gamma_{nj} - N e^{\\eta_j}'), 5), ['fail']);
    // 𝓛 in the logits: the normaliser appears once per point.
    const inLogits = '\\sum_{n=1}^{N} \\log \\sum_{k=1}^{K} e^{\\eta_k} \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)';
    assert.deepEqual(verdictsOn(note(`\\mathcal{L} = ${inLogits} - N \\log \\sum_{j=1}^{K} e^{\\eta_j}`), 5), ['pass']);
    assert.deepEqual(verdictsOn(note(`\\mathcal{L} = ${inLogits} - \\log \\sum_{j=1}^{K} e^{\\eta_j}`), 5), ['fail']);
    // The logit gradients sum to zero exactly (computed as 1e-15 from terms of 1): never ✗ (its digits may be
    // too few to call it a pass).
    assert.ok(claimedNoFail(verdictsOn(note('\\sum_{k=1}^{K} \\frac{\\partial \\mathcal{L}}{\\partial \\eta_k} = 0'), 5)));
  });

  it('a step with a factor 2 dropped is not excused by agreeing where both sides vanish (EM\'s fixed points), at any seed', () => {
    const note = [
      '$$\\ell(\\theta) = \\sum_{i=1}^{N} \\log \\sum_{k=1}^{K} \\pi_k \\, \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$',
      '',
      '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}, \\qquad N_k = \\sum_{i=1}^{N} \\gamma_{ik}.$$',
      '',
      '$$\\mu_k = \\frac{1}{N_k} \\sum_{i=1}^{N} \\gamma_{ik} x_i$$',
      '',
      '$$',
      '\\begin{aligned}',
      '\\frac{\\partial \\ell}{\\partial \\sigma_k^2}',
      '&= \\frac{1}{2\\sigma_k^4} \\sum_{i=1}^{N} \\gamma_{ik} \\left( (x_i - \\mu_k)^2 - \\sigma_k^2 \\right) \\\\',
      '&= \\frac{1}{\\sigma_k^4} \\left( \\sum_{i=1}^{N} \\gamma_{ik} (x_i - \\mu_k)^2 - N_k \\sigma_k^2 \\right)',
      '\\end{aligned}',
      '$$',
    ].join('\n');
    for (const seed of [1, 4, 10]) assert.deepEqual(verdictsOn(note, 11, seed), ['fail'], `seed ${seed}`);
  });
});

describe('probe cases: a term with its own sign, wrapped to colour, label or box it', () => {
  const MIX = 'Mixture $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$.';
  for (const wrapped of ['{\\color{red}{- \\mu_2}}', '{\\color{red} - \\mu_2}', '\\textcolor{red}{- \\mu_2}', '\\underbrace{- \\mu_2}_{\\text{shift}}',
    '\\boxed{- \\mu_2}', '{- \\mu_2}', '\\overbrace{- \\mu_2}^{b}']) {
    it(`μ₁ ${wrapped} is μ₁ − μ₂ (drawn so), not μ₁·(−μ₂)`, () => {
      assert.deepEqual(verdictsOn(`${MIX}\n\n$$\\mu_1 ${wrapped} = \\mu_1 - \\mu_2$$\n`, 3), ['pass']);
      assert.deepEqual(verdictsOn(`${MIX}\n\n$$\\mu_1 ${wrapped} = \\mu_1 + \\mu_2$$\n`, 3), ['fail']);
    });
  }
  it('a signed group with a power stays a factor: μ₁ {-μ₂}^2 is μ₁·μ₂²', () => {
    assert.deepEqual(verdictsOn(`${MIX}\n\n$$\\mu_1 {-\\mu_2}^2 = \\mu_1 \\mu_2^2$$\n`, 3), ['pass']);
  });
  it('a gradient with its last term coloured (probe M, n2:14)', () => {
    const note = [
      '$$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2), \\quad r_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}, \\quad N_k = \\sum_{i=1}^N r_{ik}$$',
      '',
      '$$\\frac{\\partial \\ell}{\\partial \\sigma_k^2} = \\frac{1}{2\\sigma_k^4}\\sum_{i=1}^N r_{ik}(x_i-\\mu_k)^2 {\\color{red}{- \\frac{N_k}{2\\sigma_k^2}}}$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(note, 3), ['pass']);
  });
});

describe('probe cases: annotations that claim an equality', () => {
  const DEFS = '$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$, $N_k = \\sum_{n=1}^N \\gamma_{nk}$.';
  const claimsOn = (formula: string) => checkNote(`${DEFS}\n\n$$${formula}$$\n`).claims.filter((c) => c.line === 3);
  it('\\underbrace{…}_{= c} is checked as a step: a wrong annotation fails, a right one passes', () => {
    const wrong = claimsOn('\\sum_{k=1}^K N_k = \\sum_{n=1}^N \\underbrace{\\sum_{k=1}^K \\gamma_{nk}}_{=\\,N_k} = N');
    assert.ok(wrong.some((c) => c.verdict === 'fail' && c.rhs.trim() === 'N_k'), wrong.map((c) => `${c.verdict} ${c.lhs} = ${c.rhs}`).join('; '));
    const right = claimsOn('\\sum_{k=1}^K N_k = \\sum_{n=1}^N \\underbrace{\\sum_{k=1}^K \\gamma_{nk}}_{=\\,1} = N');
    assert.ok(right.length === 3 && right.every((c) => c.verdict === 'pass'), right.map((c) => `${c.verdict} ${c.lhs} = ${c.rhs}`).join('; '));
    const over = claimsOn('\\sum_{n=1}^N \\overbrace{\\sum_{k=1}^K \\gamma_{nk}}^{= 2} = N');
    assert.ok(over.some((c) => c.verdict === 'fail' && c.rhs.trim() === '2'));
  });
  it('a label with words is a remark, not a claim', () => {
    const remark = claimsOn('\\sum_{n=1}^N \\underbrace{\\gamma_{nk}(x_n - \\mu_k)}_{= 0 \\text{ at the optimum}} = \\sum_{n=1}^N \\gamma_{nk}(x_n - \\mu_k)');
    assert.equal(remark.length, 1);
    assert.equal(remark[0]!.verdict, 'pass');
  });
});

describe('probe cases: what is written over a relation', () => {
  const DEFS = '$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$, $\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$.';
  const claimsOn = (formula: string) => checkNote(`${DEFS}\n\n$$${formula}$$\n`).claims.filter((c) => c.line === 3);
  it('an identity over the relation is checked: \\overset{\\sum_k \\gamma_{ik} = 1}{=} passes, = 2 fails', () => {
    const right = claimsOn('\\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} \\overset{\\sum_k \\gamma_{ik} = 1}{=} N');
    assert.deepEqual(right.map((c) => c.verdict), ['pass', 'pass']);
    const wrong = claimsOn('\\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} \\stackrel{\\sum_k \\gamma_{ik} = 2}{=} N');
    assert.deepEqual(wrong.map((c) => `${c.verdict} ${c.rhs.trim()}`).sort(), ['fail 2', 'pass N']);
  });
  it('a substitution over the relation (a symbol set to a value) is what the step holds under: unchecked, never ✗', () => {
    const sub = claimsOn('\\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) \\overset{\\sigma_k^2 = 1}{=} -\\frac{1}{2}\\log(2\\pi) - \\frac{(x_i - \\mu_k)^2}{2}');
    assert.equal(sub.length, 1);
    assert.equal(sub[0]!.verdict, 'unchecked');
    assert.match(sub[0]!.message, /substitution written over/);
    // A label is neither: `\overset{(a)}{=}`, `\stackrel{\text{def}}{=}`.
    assert.deepEqual(claimsOn('\\frac{\\partial \\ell}{\\partial \\mu_k} \\overset{(a)}{=} \\sum_{i=1}^N \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}').map((c) => c.verdict), ['pass']);
    assert.deepEqual(claimsOn('\\frac{\\partial \\ell}{\\partial \\mu_k} \\stackrel{\\text{def}}{=} \\sum_{i=1}^N \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}').map((c) => c.verdict), ['pass']);
  });
});

describe('review: where a signed group stays a factor, and an infinite term scale', () => {
  const BASE = [
    '$$\\mathcal{L} = \\sum_{i=1}^m \\log \\left( \\sum_{k=1}^2 \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) \\right)$$',
    '',
    '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^2 \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$$',
    '',
  ].join('\n');
  const on = (formula: string) => verdictsOn(`${BASE}\n$$${formula}$$\n`, 5);
  it('a labelled factor that uses the sum\'s index is inside the sum', () => {
    assert.deepEqual(on('\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = \\sum_{i=1}^m \\gamma_{ik} \\underbrace{-\\frac{\\mu_k - x_i}{\\sigma_k^2}}_{\\partial \\log \\mathcal{N} / \\partial \\mu_k}'), ['pass']);
  });
  it('a group of several terms is a factor (the brace groups them)', () => {
    assert.deepEqual(on('\\frac{\\partial \\mathcal{L}}{\\partial \\sigma_k^2} = \\sum_{i=1}^m \\gamma_{ik} \\boxed{-\\frac{1}{2\\sigma_k^2} + \\frac{(x_i - \\mu_k)^2}{2\\sigma_k^4}}'), ['pass']);
  });
  it('a box with a power after it is a factor', () => {
    assert.deepEqual(on('\\mu_k \\boxed{-\\sigma_k}^2 = \\mu_k\\sigma_k^2'), ['pass']);
    assert.deepEqual(on('\\mu_k \\textcolor{red}{-\\sigma_k}^2 = \\mu_k + \\sigma_k^2'), ['fail']);
  });
  it('a term that overflows at some points (e^{x^10}) does not make the floor infinite: the wrong step is not passed', () => {
    // (Where x_i^{10} overflows, e^{…} is ∞ and the terms summed are too: the floor was ∞ and the +1 agreed.)
    const v = on('\\mu_k = \\mu_k + 1 + \\frac{1}{1 + e^{x_i^{10}}}');
    assert.ok(v.length > 0 && !v.includes('pass'), v.join(', '));
  });
});

describe('probe cases: messy real-world notes (probe O)', () => {
  it('the score ∂𝓛/∂x_i is the log-likelihood\'s derivative in a point, not 0', () => {
    const note = (rhs: string) => `$$\\mathcal{L} = \\sum_{i=1}^{N} \\log \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n\n$$\\frac{\\partial \\mathcal{L}}{\\partial x_i} = ${rhs}$$\n`;
    assert.deepEqual(verdictsOn(note('-\\sum_{k=1}^{K} \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}'), 3), ['pass']);
    assert.deepEqual(verdictsOn(note('0'), 3), ['fail']);
  });
  it('spacing after a derivative operator does not end it', () => {
    const note = (rhs: string) => `Mixture $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$.\n\n$$\\frac{\\partial}{\\partial \\mu_k}\\, \\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) = ${rhs}$$\n`;
    assert.deepEqual(verdictsOn(note('\\frac{x_i - \\mu_k}{\\sigma_k^2}'), 3), ['pass']);
    assert.deepEqual(verdictsOn(note('\\frac{\\mu_k - x_i}{\\sigma_k^2}'), 3), ['fail']);
  });
  it('the note\'s own Lagrangian fixes the multiplier\'s sign: N_k = λπ_k is wrong after Λ = 𝓛 + λ(Σπ_k − 1)', () => {
    const note = (lagrangian: string, step: string) => [
      `$$\\Lambda = \\mathcal{L} + ${lagrangian}$$`,
      '',
      '$$\\frac{\\partial \\Lambda}{\\partial \\pi_k} = \\frac{N_k}{\\pi_k} + \\lambda, \\qquad N_k = \\sum_{i=1}^{N}\\gamma_{ik}$$',
      '',
      `Setting to zero: $$${step}$$`,
    ].join('\n');
    const plus = '\\lambda\\left(\\sum_{k=1}^{K}\\pi_k - 1\\right)';
    assert.deepEqual(verdictsOn(note(plus, 'N_k = \\lambda \\pi_k'), 5), ['fail']);
    assert.ok(claimedNoFail(verdictsOn(note(plus, 'N_k = -\\lambda \\pi_k'), 5)));
    // Under the other convention (𝓛 + λ(1 − Σ π_k)) λ = N: the same step is not a ✗.
    assert.ok(claimedNoFail(verdictsOn(note('\\lambda\\left(1 - \\sum_{k=1}^{K}\\pi_k\\right)', 'N_k = \\lambda \\pi_k'), 5)));
  });
});

describe('probe cases: matrix entries and M-step substitutions (probe P)', () => {
  const MV = 'Mixture $p(\\mathbf{x}) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(\\mathbf{x} \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma_k)$ with responsibilities $\\gamma_{ik}$ and $N_k = \\sum_{i=1}^N \\gamma_{ik}$.';
  it('two digits under a matrix are its row and column: (Σ_k)_{12} = (Σ_k)_{21}', () => {
    assert.deepEqual(verdictsOn(`${MV}\n\n$$(\\boldsymbol\\Sigma_k)_{12} = (\\boldsymbol\\Sigma_k)_{21}$$\n`, 3), ['pass']);
    assert.deepEqual(verdictsOn(`${MV}\n\n$$\\Big(\\frac{\\partial \\log|\\boldsymbol\\Sigma_k|}{\\partial \\boldsymbol\\Sigma_k}\\Big)_{12} = (\\boldsymbol\\Sigma_k^{-1})_{12}$$\n`, 3), ['pass']);
    assert.deepEqual(verdictsOn(`${MV}\n\n$$(\\boldsymbol\\Sigma_k)_{12} = (\\boldsymbol\\Sigma_k)_{11}$$\n`, 3), ['fail']);
  });
  it('"At the M-step mean" and "Plugging Σ_k = S_k/N_k back in" are conditions at the optimum, not ✗', () => {
    const mean = `${MV}\n\nAt the M-step mean, $\\sum_{i=1}^N \\gamma_{ik}\\mathbf{x}_i = N_k\\boldsymbol\\mu_k$, so\n$$\\sum_{i=1}^N \\gamma_{ik}(\\mathbf{x}_i - \\boldsymbol\\mu_k)(\\mathbf{x}_i - \\boldsymbol\\mu_k)^\\top = \\sum_{i=1}^N \\gamma_{ik}\\mathbf{x}_i\\mathbf{x}_i^\\top - N_k\\boldsymbol\\mu_k\\boldsymbol\\mu_k^\\top.$$\n`;
    const all = checkNote(mean).claims.filter((c) => c.line >= 3);
    assert.ok(all.length >= 2 && all.every((c) => c.verdict !== 'fail'), all.map((c) => `${c.line} ${c.verdict} ${c.message}`).join('\n'));
    // The same with a wrong second-moment form stays ✗ (it fails at EM's fixed points too).
    const wrong = checkNote(mean.replace('- N_k\\boldsymbol\\mu_k\\boldsymbol\\mu_k^\\top.$$', () => '- 2N_k\\boldsymbol\\mu_k\\boldsymbol\\mu_k^\\top.$$')).claims.filter((c) => c.line === 4);
    assert.deepEqual(wrong.map((c) => c.verdict), ['fail']);
  });
});

describe('review of the probe mends (second review)', () => {
  const read = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/probe-cases5', name), 'utf8');
  const on = (text: string, line: number) => checkNote(text).claims.filter((c) => c.line === line).map((c) => c.verdict);
  it('a minimised −ℓ + λ(Σπ − 1) has λ = +N: its right conditions are not ✗', () => {
    const note = read('R1_minimised_lagrangian.md');
    assert.ok(claimedNoFail(on(note, 13)));
    assert.ok(claimedNoFail(on(note, 17)));
  });
  it('substituting a definition ($\\gamma_{ik} = …$) is not the optimum: slips after it stay ✗', () => {
    const note = read('R2_substituting_definition.md');
    assert.deepEqual(on(note, 8), ['fail']);
    assert.deepEqual(on(note, 11), ['fail']);
  });
  it('spacing inside a derivative operator\'s operand: γ_ik held fixed (the M-step) and a constant factor', () => {
    const note = read('R3_spaced_operator.md');
    assert.deepEqual(on(note, 5), ['pass']);
    assert.deepEqual(on(note, 7), ['pass']);
    assert.deepEqual(on(note, 9), ['pass']);
  });
});
