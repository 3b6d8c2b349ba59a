// Notes and reductions from the probes of 2026-12-02's second stop (notations cribbed from other sources,
// special cases stated in prose, variants of EM, properties of the likelihood, LaTeX exports) and from the
// left-alone list of the stop before. Each expected verdict comes from the mathematics (checked with numpy
// when the note was written), not from the checker's output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import type { Claim } from '../../../src/core/types';

const claimsOn = (text: string, line: number): Claim[] => checkNote(text).claims.filter((c) => (c.endLine ?? c.line) === line);
const verdictsOn = (text: string, line: number): string[] => claimsOn(text, line).map((c) => c.verdict);

describe('probe cases 7: CS229 responsibilities before a bracket', () => {
  const ESTEP = 'E-step: $w_j^{(i)} = \\frac{\\phi_j \\mathcal{N}(x^{(i)} \\mid \\mu_j, \\sigma_j^2)}{\\sum_{l=1}^k \\phi_l \\mathcal{N}(x^{(i)} \\mid \\mu_l, \\sigma_l^2)}$.';
  const note = (rhs: string) => `${ESTEP}\n\n$$\\sigma_j^2 = \\frac{\\sum_{i=1}^m ${rhs}}{\\sum_{i=1}^m w_j^{(i)}}$$\n`;

  it('`w_j^{(i)}\\left(x^{(i)} − μ_j\\right)^{2}` with no space is the responsibility times the square, not a call', () => {
    // The M-step's variance: a fixed point of EM, so it holds as an update; the responsibility is not squared.
    assert.deepEqual(verdictsOn(note('w_j^{(i)}\\left(x^{(i)} - \\mu_j\\right)^{2}'), 3), ['pass']);
    assert.deepEqual(verdictsOn(note('w_j^{(i)}(x^{(i)} - \\mu_j)^2'), 3), ['pass']);
  });

  it('the same update with the square left off the bracket is ✗', () => {
    assert.deepEqual(verdictsOn(note('w_j^{(i)}\\left(x^{(i)} - \\mu_j\\right)'), 3), ['fail']);
  });
});

describe('probe cases 7: an inline slash before juxtaposed factors', () => {
  const GAUSS = '\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) = (2\\pi\\sigma_k^2)^{-1/2} ';
  it('`e^{-(x_i-\\mu_k)^2 / 2\\sigma_k^2}` is read as (x − μ)²/(2σ²) when (…/2)·σ² fails (the typographic convention)', () => {
    assert.deepEqual(verdictsOn(`$$${GAUSS}e^{-(x_i-\\mu_k)^2 / 2\\sigma_k^2}$$\n`, 1), ['pass']);
    assert.deepEqual(verdictsOn(`$$${GAUSS}\\exp\\bigl(-(x_i-\\mu_k)^2/2\\sigma_k^2\\bigr)$$\n`, 1), ['pass']);
  });

  it('wrong under both readings stays ✗, and the left-to-right reading still passes what it did', () => {
    assert.deepEqual(verdictsOn(`$$${GAUSS}e^{-(x_i-\\mu_k)^2 / \\sigma_k^2}$$\n`, 1), ['fail']);
    assert.deepEqual(verdictsOn('$$\\frac{\\partial}{\\partial \\mu_k} \\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) = (x_i - \\mu_k)/2\\sigma_k^2$$\n', 1), ['fail']);
    assert.deepEqual(verdictsOn('$$\\frac{1}{2}\\sigma_k^2 = 1/2 \\sigma_k^2$$\n', 1), ['pass']);
  });
});

describe('probe cases 7: suppositions, ties and choices', () => {
  const MODEL = 'Model $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$, data $x_1, \\dots, x_N$.';
  it('a parameter set equal to a data point, another component\'s parameter or a new letter is a supposition, not ✗', () => {
    for (const [text, line] of [
      [`${MODEL}\n\nNow put the mean of component $j$ on a data point, $\\mu_j = x_m$. Then`, 3],
      [`${MODEL}\n\nLet $\\mu_j = x_m$ for some component $j$ and point $m$.`, 3],
      ['Two components, weights $\\pi_1, \\pi_2$, and a shared (tied) variance, $\\sigma_1^2 = \\sigma_2^2 = \\sigma^2$.', 1],
      ['Now impose $\\mu_1 = m$ and $\\mu_2 = -m$ with a single unknown $m$.\n\n$$p(x) = \\pi_1 \\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) + \\pi_2 \\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)$$', 1],
    ] as const) {
      const c = claimsOn(text, line);
      assert.ok(c.length > 0 && !c.some((x) => x.verdict === 'fail'), `${text}: ${c.map((x) => `${x.verdict} ${x.message}`).join(' | ')}`);
    }
  });

  it('an update whose right side is wrong is still ✗ (not a supposition)', () => {
    const text = `${MODEL} $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{p(x_n)}$, $N_k = \\sum_{n=1}^N \\gamma_{nk}$.\n\n$$\\mu_k^{\\text{new}} = \\frac{1}{N}\\sum_{n=1}^N \\gamma_{nk} x_n$$\n`;
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
  });

  it('a letter set to a number ("With all $w_n = 1$", "At $\\beta = 1$") is a special case, not what the letter means', () => {
    // π_k = N_k/N with the weighted N_k is wrong (N_k/W is the update); right only when every w_n = 1.
    const weighted = [
      'Responsibilities $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$, point weights $w_n > 0$, $W = \\sum_{n=1}^{N} w_n$, $N_k = \\sum_{n=1}^{N} w_n \\gamma_{nk}$.',
      '$$\\pi_k^{\\text{new}} = \\frac{N_k}{N}$$',
      'With all $w_n = 1$ we recover the plain update.',
    ].join('\n');
    assert.ok(!verdictsOn(weighted, 2).includes('pass'), verdictsOn(weighted, 2).join());
    const tempered = [
      'Responsibilities $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$, inverse temperature $0 < \\beta \\le 1$.',
      'At $\\beta = 1$ tempered EM is plain EM. The annealed objective is',
      '$$\\mathcal{F}_\\beta = \\frac{1}{\\beta} \\sum_{n=1}^{N} \\log \\sum_{k=1}^{K} \\left( \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) \\right)^{\\beta}$$',
      // Wrong for β ≠ 1 (the tempered responsibilities belong here).
      '$$\\frac{\\partial \\mathcal{F}_\\beta}{\\partial \\mu_k} = \\sum_{n=1}^{N} \\gamma_{nk} \\frac{x_n - \\mu_k}{\\sigma_k^2}$$',
    ].join('\n');
    assert.ok(!verdictsOn(tempered, 4).includes('pass'), verdictsOn(tempered, 4).join());
  });

  it('a distribution the text declares free (q ≥ 0) is not defined by a later choice of it', () => {
    const text = [
      'Let $q_{nk} \\ge 0$ with $\\sum_{k=1}^K q_{nk} = 1$ be any distribution over the components.',
      // Wrong for a general q (π_k cancels q only when q = π).
      '$$\\sum_{k=1}^K q_{nk} \\log \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{q_{nk}} = \\sum_{k=1}^K q_{nk} \\log \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$$',
      'This bound is loose (it is the $q_{nk} = \\pi_k$ choice, ignoring the data).',
    ].join('\n');
    assert.ok(!verdictsOn(text, 2).includes('pass'), verdictsOn(text, 2).join());
  });

  it('"$z_{nk} = 0$" at the end of a line and "otherwise." on the next is a case, not a definition', () => {
    const text = [
      'Responsibilities $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$.',
      'Set $z_{nk} = 1$ if $k = \\arg\\max_j \\gamma_{nj}$ and $z_{nk} = 0$',
      'otherwise. Let $n_k = \\sum_{n=1}^{N} z_{nk}$ be the cluster sizes.',
      '$$\\pi_k^{\\text{new}} = \\frac{n_k}{N}$$',
    ].join('\n');
    assert.ok(!verdictsOn(text, 4).includes('fail'), verdictsOn(text, 4).join());
    assert.ok(!checkNote(text).claims.some((c) => c.kind === 'definition' && c.line === 2));
  });
});

describe('probe cases 7: notations of other books', () => {
  it('a plain I that bounds the sums over points (Prince) is their count, not the identity', () => {
    const text = [
      'Data $x_1, \\dots, x_I$; $r_{ik} = \\lambda_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) / \\sum_{j=1}^K \\lambda_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)$.',
      '$$\\sum_{k=1}^K \\sum_{i=1}^I r_{ik} = I$$',
      '$$\\sum_{k=1}^K \\sum_{i=1}^I r_{ik} = 2I$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
  });

  it('Rabiner\'s γ_t(m): the time below, the component in the bracket', () => {
    const text = [
      '$$\\gamma_t(m) = \\frac{c_m \\, \\mathcal{N}(o_t; \\mu_m, \\sigma_m^2)}{\\sum_{l=1}^{M} c_l \\, \\mathcal{N}(o_t; \\mu_l, \\sigma_l^2)}, \\qquad \\sum_{t=1}^{T} \\log p(o_t) = \\sum_{t=1}^{T} \\log \\sum_{m=1}^{M} c_m \\mathcal{N}(o_t; \\mu_m, \\sigma_m^2)$$',
      'Weights on the simplex, $c_m = \\exp(w_m) / \\sum_{l=1}^M \\exp(w_l)$, and',
      '$$\\frac{\\partial}{\\partial w_m} \\sum_{t=1}^{T} \\log p(o_t) = \\sum_{t=1}^{T} \\sum_{l=1}^{M} \\gamma_t(l) \\left( \\delta_{lm} - c_m \\right) = \\sum_{t=1}^{T} \\left( \\gamma_t(m) - c_m \\right)$$',
      '$$\\frac{\\partial}{\\partial w_m} \\sum_{t=1}^{T} \\log p(o_t) = \\sum_{t=1}^{T} \\left( \\gamma_t(m) + c_m \\right)$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 3), ['pass', 'pass']);
    assert.deepEqual(verdictsOn(text, 4), ['fail']);
  });
});

describe('probe cases 7: the review of these changes', () => {
  it('I stays the identity beside Σ_k in a multivariate note whose sums over points run to I', () => {
    const text = 'Model $p(x) = \\sum_{k=1}^K \\lambda_k \\mathcal{N}(x \\mid \\mu_k, \\Sigma_k)$ in $D$ dimensions; log-likelihood $L = \\sum_{i=1}^I \\log p(x_i)$.\n$$\\Sigma_k^{-1} \\Sigma_k = I$$\n';
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
  });

  it('a derived μ_k = x_n in a display, or after ⟹, is judged (not a supposition)', () => {
    const text = 'Model $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$, $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{p(x_n)}$.\n\nSetting the derivative to zero gives\n$$\\mu_k = x_n$$\n';
    assert.ok(verdictsOn(text, 4).includes('fail'), verdictsOn(text, 4).join());
  });

  it('"we arrive at $…$" is no case: a wrong sum there stays ✗', () => {
    const text = 'Responsibilities $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$.\n\nSumming over both indices we arrive at $\\sum_{n=1}^N \\sum_{k=1}^K \\gamma_{nk} = 1$.\n';
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
  });
});

describe('probe cases 7: values a note gives every component', () => {
  it('numbered values for every component, values written in the step, and "variances equal to 1" in words', () => {
    const numbered = 'Assume $\\pi_1 = \\pi_2 = \\frac{1}{2}$ and $\\sigma_1 = \\sigma_2 = 1$.\n\n$$\\gamma_{i1} = \\frac{\\mathcal{N}(x_i \\mid \\mu_1, 1)}{\\mathcal{N}(x_i \\mid \\mu_1, 1) + \\mathcal{N}(x_i \\mid \\mu_2, 1)}$$\n';
    const written = 'The two-component mixture with equal weights and unit variances,\n$$p(x) = \\frac{1}{2}\\mathcal{N}(x \\mid \\mu_1, 1) + \\frac{1}{2}\\mathcal{N}(x \\mid \\mu_2, 1)$$\n';
    const words = 'Assume all variances are known and equal to 1, and $\\pi_k = 1/K$.\n\n$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)} = \\frac{\\exp(-\\frac{1}{2}(x_i-\\mu_k)^2)}{\\sum_{j=1}^K \\exp(-\\frac{1}{2}(x_i-\\mu_j)^2)}$$\n';
    for (const [text, line] of [[numbered, 3], [written, 2], [words, 3]] as const) {
      const v = verdictsOn(text, line);
      assert.ok(v.length > 0 && !v.includes('fail'), `${text}: ${v.join()}`);
    }
    // Wrong even with those values (the square dropped): still ✗.
    assert.ok(verdictsOn(words.replace('\\frac{\\exp(-\\frac{1}{2}(x_i-\\mu_k)^2)}', '\\frac{\\exp(-\\frac{1}{2}(x_i-\\mu_k))}'), 3).includes('fail'));
  });
});

describe('probe cases 7: what stays judged', () => {
  it('two parameters of different kinds set equal (Λ_k = σ_k²) is a claim, not a tie', () => {
    const text = 'With precisions $\\Lambda_k$ the responsibilities are $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\Lambda_k^{-1})}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\Lambda_j^{-1})}$ and $\\Lambda_k = 1/\\sigma_k^2$.\n\nA slip: $\\Lambda_k = \\sigma_k^2$.\n';
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
  });
  it('an inline score set to zero at a mode is a condition; the same in a display is judged', () => {
    const model = '$$p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$$\n';
    assert.deepEqual(verdictsOn(`${model}The score vanishes at every mode of the density: $\\frac{\\partial}{\\partial x} \\log p(x) = 0$ there.\n`, 2), ['unchecked']);
    assert.deepEqual(verdictsOn(`${model}$$\\frac{\\partial}{\\partial x} \\log p(x) = 0$$\n`, 2), ['fail']);
  });
});

describe('probe cases 7: LaTeX exports', () => {
  it('a multline row opening with \\times or a minus goes on from the row before, though it holds an = of its own', () => {
    const row1 = '\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{n=1}^{N} \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)} \\\\';
    const times = `\\begin{multline*}\n${row1}\n\\times \\frac{x_n - \\mu_k}{\\sigma_k^2} = \\sum_{n=1}^{N} \\gamma_{nk} \\frac{x_n - \\mu_k}{\\sigma_k^2}\n\\end{multline*}`;
    const note = (body: string) => `Responsibilities $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$.\n\n$$${body}$$\n`;
    const claims = checkNote(note(times)).claims.filter((c) => c.line >= 3);
    assert.ok(claims.length >= 2 && claims.every((c) => c.verdict === 'pass'), claims.map((c) => `${c.verdict} ${c.message}`).join(' | '));
    // The same with the factor wrong is ✗.
    const wrong = checkNote(note(times.replace('\\times \\frac{x_n - \\mu_k}{\\sigma_k^2}', '\\times \\frac{x_n - \\mu_k}{\\sigma_k}'))).claims;
    assert.ok(wrong.some((c) => c.verdict === 'fail'));
  });

  it('\\DeclareMathOperator defines an operator name: no broken formula, and the name is read', () => {
    const text = '$$\\DeclareMathOperator{\\Tr}{Tr}$$\n\n$$\\Tr(\\Sigma_k) = \\operatorname{tr}(\\Sigma_k)$$\n\n$$\\Tr(\\Sigma_k) = 2\\operatorname{tr}(\\Sigma_k)$$\n';
    const report = checkNote(text);
    assert.ok(!report.claims.some((c) => c.brokenFormula), report.claims.map((c) => c.message).join(' | '));
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
    assert.deepEqual(verdictsOn(text, 5), ['fail']);
  });
});

describe('probe cases 7: the second review', () => {
  const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'probe-cases7', name), 'utf8');
  it('ties written as a display, or as a chain of bare parameters, are suppositions', () => {
    for (const name of ['tie_display.md', 'tie_chain.md']) {
      const claims = checkNote(fixture(name)).claims;
      assert.ok(!claims.some((c) => c.verdict === 'fail'), `${name}: ${claims.filter((c) => c.verdict === 'fail').map((c) => c.message).join(' | ')}`);
    }
  });
  it('values in words that the sentence denies or says of something else, a standard-normal aside, and a case by number keep a wrong step ✗', () => {
    for (const name of ['not_assumed.md', 'kmeans_equal_weights.md', 'standard_normal_aside.md', 'case_by_number.md', 'score_of_loglik.md']) {
      assert.ok(checkNote(fixture(name)).claims.some((c) => c.verdict === 'fail'), name);
    }
  });
});

describe('probe cases 7: graded homework and Bayesian notes', () => {
  const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'probe-cases7', name), 'utf8');
  it('a second `$$= …$$` after "Attempt 2" is not chained to the first attempt: the right attempt is not ✗, the wrong one is', () => {
    const claims = checkNote(fixture('attempts_in_callouts.md')).claims;
    assert.deepEqual(claims.filter((c) => c.verdict === 'fail').map((c) => c.endLine ?? c.line), [4]);
  });
  it('maths in an align annotation column (`&& {\\color{red}\\text{TA: …} \\sigma_k^4}`) is not multiplied into the row', () => {
    const claims = checkNote(fixture('annotation_column.md')).claims;
    assert.ok(claims.length > 0 && !claims.some((c) => c.verdict === 'fail'), claims.map((c) => c.message).join(' | '));
  });
  it('the values a note gives every component hold when a step is read in one dimension', () => {
    const claims = checkNote(fixture('stated_values_one_dim.md')).claims;
    assert.ok(!claims.some((c) => c.verdict === 'fail'), claims.filter((c) => c.verdict === 'fail').map((c) => c.message).join(' | '));
  });
});
