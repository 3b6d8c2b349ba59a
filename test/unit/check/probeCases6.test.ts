// Notes two probes wrote on 2026-12-02 (GMMs trained by gradient descent; Q&A answers and graded homework),
// reduced to the statements that showed the checker wrong. Each expected verdict comes from the
// mathematics (checked with numpy when the probe wrote it), not from the checker's output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import type { Claim } from '../../../src/core/types';

const claimsOn = (text: string, line: number): Claim[] => checkNote(text).claims.filter((c) => (c.endLine ?? c.line) === line);
const verdictsOn = (text: string, line: number): string[] => claimsOn(text, line).map((c) => c.verdict);

/** Some claim on the line, and none of them ✗ (an empty list is no evidence). */
const claimedNoFail = (verdicts: string[]): boolean => verdicts.length > 0 && !verdicts.includes('fail');

const MIXTURE = 'Mixture $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$, $J = -\\sum_{n=1}^N \\log p(x_n)$, '
  + '$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{p(x_n)}$, $\\eta = \\frac{1}{N}$.';
const GRAD = '\\sum_{n=1}^N \\gamma_{nk}\\frac{x_n - \\mu_k}{\\sigma_k^2}';

describe('probe cases: updates written as assignments', () => {
  it('an assignment of a quantity from its own value is a step of an iterative method, whatever the quantity', () => {
    const note = (step: string) => `${MIXTURE} $\\pi_k = \\frac{e^{\\beta_k}}{\\sum_j e^{\\beta_j}}$, $s_k = \\log\\sigma_k$.\n\n$$${step}$$\n`;
    for (const step of ['\\beta_k \\leftarrow \\beta_k - \\eta\\,\\frac{\\partial J}{\\partial \\beta_k}',
      '\\sigma_k \\gets \\sigma_k\\exp\\left(-\\eta\\,\\frac{\\partial J}{\\partial s_k}\\right)',
      's_k \\gets s_k - \\eta\\,\\frac{\\partial J}{\\partial s_k}']) {
      const c = claimsOn(note(step), 3);
      assert.ok(c.length > 0 && c.every((x) => x.verdict === 'unchecked' && /iterative method/.test(x.message)), `${step}: ${c.map((x) => x.message).join(' | ')}`);
    }
  });

  it('`s_k \\gets s_k − η ∂J/∂s_k` does not redefine s_k: σ_k = e^{s_k} after it still holds', () => {
    const text = [
      'Mixture $p(x) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$, loss $\\mathcal{J} = -\\sum_{n=1}^N \\log p(x_n)$, $s_k = \\log\\sigma_k$, step size $\\eta = \\frac{1}{N}$.',
      '$$s_k \\gets s_k - \\eta\\,\\frac{\\partial \\mathcal{J}}{\\partial s_k}$$',
      '$$\\sigma_k = e^{s_k}$$',
      '$$\\sigma_k = e^{2 s_k}$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
    assert.deepEqual(verdictsOn(text, 4), ['fail']);
    assert.ok(!checkNote(text).claims.some((c) => c.kind === 'definition' && c.line === 2));
  });

  it('an EM update written as an assignment from the current value is still judged as EM\'s update', () => {
    // μ_k + (1/N_k) Σ γ (x − μ_k) is the M-step; with 1/N it is not, and no step size or derivative excuses it.
    const note = (step: string) => `${MIXTURE} $N_k = \\sum_{n=1}^N \\gamma_{nk}$.\n\n$$${step}$$\n`;
    assert.deepEqual(verdictsOn(note('\\mu_k \\leftarrow \\mu_k + \\frac{1}{N_k}\\sum_{n=1}^N \\gamma_{nk}(x_n - \\mu_k)'), 3), ['pass']);
    assert.deepEqual(verdictsOn(note('\\mu_k \\leftarrow \\mu_k + \\frac{1}{N}\\sum_{n=1}^N \\gamma_{nk}(x_n - \\mu_k)'), 3), ['fail']);
  });
});

describe('probe cases: names and operators', () => {
  it('\\text{NLL} names the loss: its formula is not joined to the chain before it, and its gradients are read', () => {
    const text = [
      MIXTURE,
      `$$-\\frac{\\partial J}{\\partial \\mu_k} = ${GRAD}$$`,
      '$$\\text{NLL} = -\\sum_{n=1}^N \\log p(x_n)$$',
      `$$\\frac{\\partial\\, \\text{NLL}}{\\partial \\mu_k} = -${GRAD}$$`,
      `$$\\nabla_{\\mu_k} \\text{NLL} = -\\sum_{n=1}^N \\gamma_{nk}\\frac{x_n - \\mu_k}{2\\sigma_k^2}$$`,
    ].join('\n');
    assert.ok(claimedNoFail(verdictsOn(text, 3)), 'the loss defined');
    assert.deepEqual(verdictsOn(text, 4), ['pass']);
    assert.deepEqual(verdictsOn(text, 5), ['fail']);
  });

  it('an acronym set apart after \\quad is words, not a factor', () => {
    const text = `${MIXTURE} $N_k = \\sum_{n=1}^N \\gamma_{nk}$.\n\n$$\\mu_k^{new} = \\frac{1}{N_k}\\sum_{n=1}^N \\gamma_{nk} x_n \\quad \\text{EM}$$\n`;
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
  });

  it('factors before ∇ multiply the gradient: η∇_{μ_k} J', () => {
    const text = [MIXTURE, `$$\\eta\\nabla_{\\mu_k} J = -\\eta${GRAD}$$`, `$$2 \\nabla_{\\mu_k} J = 2${GRAD}$$`].join('\n');
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
  });

  it('an identity between derivative operators says so, not "nothing is written"', () => {
    const text = `${MIXTURE}\n\n$$\\frac{\\partial}{\\partial \\sigma_k^2} = \\frac{1}{2\\sigma_k}\\frac{\\partial}{\\partial \\sigma_k}$$\n`;
    const c = claimsOn(text, 3);
    assert.ok(c.length > 0 && c.every((x) => x.verdict === 'unchecked' && /derivative operator with nothing after it/.test(x.message)), c.map((x) => x.message).join(' | '));
  });

  it('the bare letter of the weights in 𝒥(α, λ) is all the weights: the Lagrangian\'s derivatives are checked', () => {
    const text = [
      'Let $r_{ik} = \\frac{\\alpha_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\alpha_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$ and $\\ell(\\theta) = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\alpha_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$.',
      '$$\\mathcal{J}(\\alpha, \\lambda) = \\ell(\\theta) + \\lambda\\left(\\sum_{k=1}^K \\alpha_k - 1\\right)$$',
      '$$\\frac{\\partial \\mathcal{J}}{\\partial \\alpha_k} = \\sum_{i=1}^N \\frac{r_{ik}}{\\alpha_k} + \\lambda$$',
      '$$\\frac{\\partial \\mathcal{J}}{\\partial \\alpha_k} = \\sum_{i=1}^N r_{ik} + \\lambda$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
    assert.deepEqual(verdictsOn(text, 4), ['fail']);
  });

  it('the multiplier is named as the note writes it', () => {
    const text = `${MIXTURE} $N_k = \\sum_{n=1}^N \\gamma_{nk}$.\n\n$$\\Lambda = \\ell + \\nu\\left(\\sum_{k=1}^K \\pi_k - 1\\right)$$\n\nSetting its derivatives to zero and summing over $k$ gives $\\nu = -N$.\n`;
    const c = claimsOn(text, 5);
    assert.ok(c.some((x) => /multiplier ν/.test(x.message)), c.map((x) => x.message).join(' | '));
  });
});

describe('probe cases: what a step is said to hold for', () => {
  const L = 'Let $r_{ik} = \\frac{\\alpha_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\alpha_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$, $N_k = \\sum_{i=1}^N r_{ik}$ and $\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\alpha_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$.';

  it('a condition written in the formula (`\\quad \\text{at } α_k = N_k/N`, `\\text{at the optimum}`) is no ✗', () => {
    for (const step of ['\\frac{N_k}{\\alpha_k} = N \\quad \\text{at } \\alpha_k = N_k/N', '\\frac{N_k}{\\alpha_k} = N \\quad \\text{at the optimum}',
      '\\frac{\\partial \\ell}{\\partial \\alpha_k} = N \\quad \\text{when } \\alpha_k = \\frac{N_k}{N}']) {
      assert.ok(claimedNoFail(verdictsOn(`${L}\n\n$$${step}$$\n`, 3)), step);
    }
    // The same steps without the condition, and one after `\text{where }` (which defines), are judged.
    assert.deepEqual(verdictsOn(`${L}\n\n$$\\frac{N_k}{\\alpha_k} = N$$\n`, 3), ['fail']);
    assert.deepEqual(verdictsOn(`${L}\n\n$$\\frac{\\partial \\ell}{\\partial \\alpha_k} = \\frac{N_k}{\\alpha_k} - N \\quad \\text{where } N_k = \\sum_{i=1}^N r_{ik}$$\n`, 3).slice(0, 1), ['fail']);
  });

  it('in a worked example with no data set, a link that puts the example\'s numbers in on one side is not judged at random instances', () => {
    const text = [
      'Mixture $p(x) = \\sum_{k=1}^K w_k\\,\\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$, $\\gamma_{nk} = w_k\\,\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)/p(x_n)$, $\\ell = \\sum_{n=1}^N \\log p(x_n)$.',
      '',
      'Two components with $w_1 = w_2 = 0.5$, $\\mu_1 = 0$, $\\mu_2 = 2$, $\\sigma_1^2 = \\sigma_2^2 = 1$, and the single point $x = 1$. By symmetry',
      '$$\\gamma_{11} = \\frac{0.5\\,\\mathcal{N}(1 \\mid 0, 1)}{0.5\\,\\mathcal{N}(1 \\mid 0, 1) + 0.5\\,\\mathcal{N}(1 \\mid 2, 1)} = \\frac{1}{2}.$$',
      'The gradient is $\\frac{\\partial \\ell}{\\partial \\mu_1} = \\gamma_{11}\\,\\frac{1 - 0}{1} = 0.5$.',
      'And $\\frac{\\partial \\ell}{\\partial \\mu_1} = \\sum_{n=1}^N \\gamma_{n1}\\,\\frac{x_n - \\mu_1}{\\sigma_1} = 0.5$.',
    ].join('\n');
    assert.ok(claimedNoFail(verdictsOn(text, 5)), verdictsOn(text, 5).join(', '));
    // Written with its symbols (σ_1 for σ_1², a slip), the step is an identity: judged.
    assert.ok(verdictsOn(text, 6).includes('fail'), verdictsOn(text, 6).join(', '));
  });
});

describe('probe cases: chatbot-style answers', () => {
  const N_K = 'Let \\(N_k = \\sum_{i=1}^N \\gamma_{ik}\\).';

  it('an arrow that opens the formula belongs to the sentence: "Setting it to zero \\(\\implies …\\)" is a condition', () => {
    for (const arrow of ['\\implies', '\\Rightarrow']) {
      const text = `${N_K}\nSetting the derivative to zero \\(${arrow} \\sum_{i=1}^N \\gamma_{ik} x_i = N_k \\mu_k\\).\n`;
      assert.ok(claimedNoFail(verdictsOn(text, 2)), arrow);
    }
  });

  it('the display after "Setting … to zero gives" may be \\[…\\], equation* or align* as well as $$…$$', () => {
    for (const [open, close] of [['\\[', '\\]'], ['\\begin{equation*}', '\\end{equation*}'], ['\\begin{align*}', '\\end{align*}'], ['$$', '$$']]) {
      const text = `${N_K}\n\nSetting the derivative with respect to \\(\\mu_k\\) to zero gives\n${open}\n\\sum_{i=1}^N \\gamma_{ik} x_i = N_k \\mu_k\n${close}\n`;
      assert.ok(claimedNoFail(verdictsOn(text, 5)), open);
    }
    // Without the sentence, the same equation is no identity: ✗.
    assert.deepEqual(verdictsOn(`${N_K}\n\n\\[\n\\sum_{i=1}^N \\gamma_{ik} x_i = N_k \\mu_k\n\\]\n`, 4), ['fail']);
  });

  it('the trace or determinant of log Σ or exp Σ is a matrix function, not evaluated: never a shape ✗', () => {
    const note = (step: string) => `Gaussians $\\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_k, \\Sigma_k)$.\n\n$$${step}$$\n`;
    for (const step of ['\\ln|\\Sigma_k| = \\operatorname{tr}(\\ln \\Sigma_k)', '\\det(\\exp \\Sigma_k) = \\exp(\\operatorname{tr} \\Sigma_k)']) {
      const c = claimsOn(note(step), 3);
      assert.ok(c.length > 0 && c.every((x) => x.verdict === 'unchecked' && /matrix function/.test(x.message)), `${step}: ${c.map((x) => x.message).join(' | ')}`);
    }
    // Elsewhere ln Σ_k is ln|Σ_k| with its bars left out (a real mistake of the corpus), and the log of a vector is wrong.
    assert.deepEqual(verdictsOn(note('\\log \\det \\Sigma_k = \\log(\\mathbf{x}_i - \\boldsymbol\\mu_k)'), 3), ['fail']);
    assert.deepEqual(verdictsOn(note('\\log \\det \\Sigma_k = \\log \\Sigma_k'), 3), ['fail']);
  });

  it('p(z = k | x_n): an unindexed z with the point x_n is that point\'s latent', () => {
    const note = (step: string) => `Mixture $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$ with data $x_1, \\dots, x_N$.\n$$${step}$$\n`;
    const resp = '\\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}';
    assert.deepEqual(verdictsOn(note(`p(z = k \\mid x_n) = ${resp}`), 2), ['pass']);
    assert.deepEqual(verdictsOn(note(`p(z = k \\mid x_n) = \\pi_k ${resp}`), 2), ['fail']);
    assert.deepEqual(verdictsOn(note('p(x_n \\mid z = k) = \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)'), 2), ['pass']);
  });
});

describe('probe cases: what a review of these rules found (test/fixtures/probe-cases6/, verdicts from numpy)', () => {
  const dir = path.join(__dirname, '..', '..', 'fixtures', 'probe-cases6');
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const on = (name: string, line: number) => verdictsOn(read(name), line);

  it('a density the note defines with bare parameters φ(x; μ, σ) binds them where it is applied', () => {
    for (const line of [5, 6, 8, 10]) assert.deepEqual(on('r7b.md', line), ['pass'], `line ${line}`);
  });

  it('an objective augmented in place (`J := J + 0.5 Σ_k μ_k²`) is a definition, and its gradient is checked with it', () => {
    assert.ok(checkNote(read('r1n.md')).claims.some((c) => c.line === 4 && c.kind === 'definition'));
    assert.deepEqual(on('r1n.md', 6), ['pass']);
  });

  it('an M-step written out with the current value inside the density is still judged: dividing by N is ✗', () => {
    assert.deepEqual(on('r1i.md', 4), ['fail']);
    assert.deepEqual(on('r1i.md', 5), ['pass']);
  });

  it('\\text{LHS} = \\text{RHS} defines nothing; a tag `\\; \\text{MLE}` after an M-step is words', () => {
    assert.ok(!on('r2h.md', 3).includes('pass'));
    assert.deepEqual(on('r2a.md', 5), ['pass']);
  });

  it('a condition that restricts nothing (the current iterate, an iteration, a domain) does not excuse a wrong step', () => {
    for (const line of [4, 6, 8]) assert.ok(on('r5a.md', line).includes('fail'), `line ${line}`);
  });

  it('a condition after a chain is about its last step only: a wrong derivative before `= 0 \\quad \\text{at the optimum}` is ✗', () => {
    assert.ok(on('r5c.md', 3).includes('fail'));
    assert.ok(on('r5c.md', 4).includes('fail'));
  });

  it('"at the M-step", "(at the M-step)", "evaluated at", "at convergence" after a formula are conditions', () => {
    for (let line = 3; line <= 9; line++) assert.ok(claimedNoFail(on('r5b.md', line)), `line ${line}`);
  });

  it('in an incomplete worked example, a symbolic step with a factor slip is still ✗ (a coefficient is no number put in)', () => {
    assert.ok(claimedNoFail(on('r6a.md', 5)));
    assert.ok(on('r6a.md', 6).includes('fail'));
    assert.ok(on('r6a.md', 7).includes('fail'));
  });
});

describe('probe cases: notes converted from handwriting (Mathpix-style LaTeX)', () => {
  it('an empty group before a script, `\\left(x_n - \\mu_k\\right){ }^{2}`, is the bracket squared', () => {
    const text = [
      '1-D mixture, responsibilities $\\gamma_{n k}$, $N_{k}=\\sum_{n=1}^{N} \\gamma_{n k}$.',
      '$$\\sigma_{k}^{2}=\\frac{1}{N_{k}} \\sum_{n=1}^{N} \\gamma_{n k}\\left(x_{n}-\\mu_{k}\\right){ }^{2}$$',
      '$$\\sigma_{k}^{2}=\\frac{1}{N} \\sum_{n=1}^{N} \\gamma_{n k}\\left(x_{n}-\\mu_{k}\\right){ }^{2}$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
  });

  it('upright subscripts `\\gamma_{\\mathrm{nk}}`, `\\mu_{\\mathrm{k}}` are the indices', () => {
    const text = [
      '1-D mixture, responsibilities $\\gamma_{\\mathrm{nk}}$.',
      '$$\\mu_{\\mathrm{k}}=\\frac{\\sum_{\\mathrm{n}=1}^{\\mathrm{N}} \\gamma_{\\mathrm{nk}} \\mathrm{x}_{\\mathrm{n}}}{\\sum_{\\mathrm{n}=1}^{\\mathrm{N}} \\gamma_{\\mathrm{nk}}}$$',
      '$$\\mu_{\\mathrm{k}}=\\frac{\\sum_{\\mathrm{n}=1}^{\\mathrm{N}} \\gamma_{\\mathrm{nk}} \\mathrm{x}_{\\mathrm{n}}}{\\mathrm{N}}$$',
      '$$\\mu^{\\mathrm{new}}_{k}=\\frac{\\sum_{n=1}^{N} \\gamma_{nk} x_{n}}{\\sum_{n=1}^{N} \\gamma_{nk}}$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
    assert.deepEqual(verdictsOn(text, 4), ['pass']);
  });

  it('the weights\' bold letter among a Lagrangian\'s arguments, 𝒥(𝛂, λ), is all of them', () => {
    const text = [
      'Let $r_{ik} = \\frac{\\alpha_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\alpha_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$ and $\\ell(\\theta) = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\alpha_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$.',
      '$$J(\\boldsymbol{\\alpha}, \\lambda) = \\ell(\\theta) + \\lambda\\left(\\sum_{k=1}^K \\alpha_k - 1\\right)$$',
      '$$\\frac{\\partial J}{\\partial \\alpha_k} = \\sum_{i=1}^N \\frac{r_{ik}}{\\alpha_k} + \\lambda$$',
      '$$\\frac{\\partial J}{\\partial \\alpha_k} = \\sum_{i=1}^N r_{ik} + \\lambda$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
    assert.deepEqual(verdictsOn(text, 4), ['fail']);
  });
});

describe('probe cases: the text before a formula in other words and languages', () => {
  const MODEL = 'Model $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$, $\\ell = \\sum_{n=1}^N \\ln p(x_n)$, $\\gamma_{nk} = \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) / p(x_n)$, $N_k = \\sum_{n=1}^N \\gamma_{nk}$.';

  it('"setting the derivative to zero" in twelve languages makes the stationarity relation after it a condition', () => {
    for (const phrase of ['Приравнивая производную к нулю, получаем', 'Igualando a zero, obtemos', 'Igualando la derivada a cero, obtenemos',
      'Ponendo a zero la derivata si ottiene', 'En annulant la dérivée, on obtient', 'Setzt man die Ableitung gleich null, so folgt',
      'Przyrównując pochodną do zera, dostajemy', 'Türevi sıfıra eşitlersek', 'Cho đạo hàm bằng 0, ta được', '微分を0とおくと', '미분을 0으로 놓으면', '令导数为零，得']) {
      const text = `${MODEL}\n${phrase}\n$$\n\\sum_{n=1}^N \\gamma_{nk} x_n = N_k \\mu_k\n$$\n`;
      assert.ok(claimedNoFail(verdictsOn(text, 4)), phrase);
    }
    // Without such words it is no identity.
    assert.deepEqual(verdictsOn(`${MODEL}\nWe get\n$$\n\\sum_{n=1}^N \\gamma_{nk} x_n = N_k \\mu_k\n$$\n`, 4), ['fail']);
  });

  it('"at the maximiser", "with the optimal parameters", "Optimumda": what follows holds at the optimum', () => {
    for (const phrase of ['At the maximiser,', 'At the maximizer,', 'With the optimal parameters,', 'At the optimal solution,']) {
      const text = `${MODEL}\n\n${phrase} $\\sum_{n=1}^N \\gamma_{nk} x_n = N_k \\mu_k$.\n`;
      assert.ok(claimedNoFail(verdictsOn(text, 3)), phrase);
    }
    // Not "the solution of Exercise 2", "a new optimum": the same relation stated there is no identity.
    for (const phrase of ['Look at the solution of Exercise 2, where', 'EM moves the means towards a new optimum, and the weighted sum is']) {
      assert.deepEqual(verdictsOn(`${MODEL}\n\n${phrase} $\\sum_{n=1}^N \\gamma_{nk} x_n = N_k \\mu_k$.\n`, 3), ['fail'], phrase);
    }
  });

  it('the value of a derivative at the optimum is a condition; a derivative\'s wrong formula or value there is still ✗', () => {
    const text = (step: string) => `${MODEL}\n\nAt the optimum, $${step}$.\n`;
    assert.ok(claimedNoFail(verdictsOn(text('\\frac{\\partial \\ell}{\\partial \\pi_k} = N'), 3)));
    assert.ok(claimedNoFail(verdictsOn(text('\\frac{\\partial \\ell}{\\partial \\pi_k} = N').replace('At the optimum', 'Optimumda'), 3)));
    assert.deepEqual(verdictsOn(text('\\frac{\\partial \\ell}{\\partial \\pi_k} = 2N'), 3), ['fail']);
    assert.deepEqual(verdictsOn(text('\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{n=1}^N \\gamma_{nk}\\frac{x_n - \\mu_k}{\\sigma_k}'), 3), ['fail']);
  });

  it('a case stated as "if" after the formula or "For $a_k = 1$" before it is no definition read back into the lines above', () => {
    const lines = (last: string) => [
      'Model $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$, $\\ell = \\sum_{n=1}^N \\ln p(x_n)$, $N_k = \\sum_{n=1}^N \\gamma_{nk}$, $F = \\ell + \\sum_{k=1}^K (a_k - 1) \\ln \\pi_k + \\lambda (\\sum_{k=1}^K \\pi_k - 1)$.',
      '$$\\frac{\\partial F}{\\partial \\pi_k} = \\frac{N_k - a_k + 1}{\\pi_k} + \\lambda$$',
      last,
    ].join('\n');
    // The step is wrong (the sign of a_k − 1): with a_k = 1 put in it would pass.
    for (const last of ['Jeśli $a_k = 1$ dla wszystkich $k$, dostajemy $\\pi_k = N_k / N$.', 'すべての $k$ で $a_k = 1$ のとき $\\pi_k = N_k / N$ となる。',
      '모든 $k$ 에 대해 $a_k = 1$ 이면 $\\pi_k = N_k / N$ 이다.', 'For $a_k = 1$ we get $\\pi_k = N_k / N$.', 'Если $a_k = 1$ для всех $k$, то $\\pi_k = N_k / N$.']) {
      assert.ok(!verdictsOn(lines(last), 2).includes('pass'), last);
    }
  });

  it('"if the variances are equal ($\\sigma_1^2 = \\sigma_2^2 = \\sigma^2$)" states a case', () => {
    for (const prose of ['if the variances are equal', 'se le varianze sono uguali']) {
      const text = `${MODEL}\n\nThe quadratic terms cancel ${prose} ($\\sigma_1^2 = \\sigma_2^2 = \\sigma^2$).\n`;
      assert.ok(claimedNoFail(verdictsOn(text, 3)), prose);
    }
  });

  it('a Lagrangian written with sized brackets, `\\lambda \\big(\\sum_k \\pi_k - 1\\big)`, is the note\'s Lagrangian', () => {
    const text = [
      MODEL,
      'For the weights we form the Lagrangian $L = \\ell + \\lambda \\big(\\sum_{k=1}^K \\pi_k - 1\\big)$, then',
      '$$\\frac{\\partial L}{\\partial \\pi_k} = \\frac{N_k}{\\pi_k} + \\lambda$$',
      '$$\\frac{\\partial L}{\\partial \\pi_k} = \\frac{N_k}{\\pi_k} - \\lambda$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
    assert.deepEqual(verdictsOn(text, 4), ['fail']);
  });
});

describe('probe cases: vectorised derivations', () => {
  const S = 'Let $\\gamma_{nk}$ be the responsibilities, $N_k = \\sum_{n=1}^N \\gamma_{nk}$ and $\\mathbf{S}_k = \\sum_{n=1}^N \\gamma_{nk}(\\mathbf{x}_n - \\boldsymbol\\mu_k)(\\mathbf{x}_n - \\boldsymbol\\mu_k)^\\top$.';

  it('a step about updated parameters that holds at EM\'s fixed points is not ✗; a wrong one still is', () => {
    const text = (rhs: string) => `${S}\n\nSetting the gradient to zero gives $\\boldsymbol\\Sigma_k^{new} = \\mathbf{S}_k / N_k$.\nThen $\\operatorname{tr}\\big((\\boldsymbol\\Sigma_k^{new})^{-1}\\mathbf{S}_k\\big) = ${rhs}$.\n`;
    assert.ok(claimedNoFail(verdictsOn(text('N_k D'), 4)));
    assert.deepEqual(verdictsOn(text('N_k'), 4), ['fail']);
  });

  it('a 2-D worked example\'s update written out with its numbers is read at the example, not at random instances', () => {
    const text = [
      'Data $\\mathbf{x}_1 = (0, 0)^\\top$, $\\mathbf{x}_2 = (2, 1)^\\top$, $K = 2$, $\\pi_1 = 0.6$, $\\pi_2 = 0.4$, $\\boldsymbol\\mu_1 = (0, 0)^\\top$, $\\boldsymbol\\mu_2 = (2, 0)^\\top$, $\\boldsymbol\\Sigma_1 = \\boldsymbol\\Sigma_2 = \\mathbf{I}$.',
      'The E-step gives $\\gamma_{11} = 0.9172$, $\\gamma_{21} = 0.1687$ and $N_1 = 1.0860$.',
      '$$\\boldsymbol\\mu_1^{new} = \\frac{1}{N_1}\\big(0.9172\\,\\mathbf{x}_1 + 0.1687\\,\\mathbf{x}_2\\big) = \\begin{bmatrix} 0.3108 \\\\ 0.1554 \\end{bmatrix}$$',
    ].join('\n');
    assert.ok(claimedNoFail(verdictsOn(text, 3)), verdictsOn(text, 3).join(', '));
  });
});

describe('probe cases: a derivation announced before it is set to zero', () => {
  it('"(then setting the result to zero)" before a derivation that starts from the derivative: its rows are identities', () => {
    const text = [
      'Let $\\ell = \\sum_{n=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$ and $\\gamma_{nk}$ the responsibilities.',
      '**Variance.** Treating $\\sigma_{k}^{2}$ as the variable (then setting the result to zero),',
      '$$',
      '\\begin{aligned}',
      '\\frac{\\partial \\ell}{\\partial \\sigma_{k}^{2}} &=\\sum_{n=1}^{N} \\gamma_{n k}\\left[\\frac{\\left(x_{n}-\\mu_{k}\\right)^{2}}{2 \\sigma_{k}^{4}}-\\frac{1}{2 \\sigma_{k}^{2}}\\right] \\\\',
      '&=\\frac{1}{2 \\sigma_{k}^{2}} \\sum_{n=1}^{N} \\gamma_{n k}\\left[\\left(x_{n}-\\mu_{k}\\right)^{2}-\\sigma_{k}^{2}\\right]',
      '\\end{aligned}',
      '$$',
    ].join('\n');
    assert.deepEqual(verdictsOn(text, 5), ['pass']);
    // (1/(2σ_k²) where 1/(2σ_k⁴) belongs: a mistake, not a condition.)
    assert.ok(verdictsOn(text, 6).includes('fail'), verdictsOn(text, 6).join(', '));
  });
});

describe('probe cases: a second review of these rules (test/fixtures/probe-cases6/F*.md, verdicts from numpy)', () => {
  const dir = path.join(__dirname, '..', '..', 'fixtures', 'probe-cases6');
  const on = (name: string, line: number) => verdictsOn(fs.readFileSync(path.join(dir, name), 'utf8'), line);
  const fails = (name: string, lines: number[]) => { for (const l of lines) assert.ok(on(name, l).includes('fail'), `${name}:${l} ${on(name, l).join(', ')}`); };
  const holds = (name: string, lines: number[]) => { for (const l of lines) assert.ok(claimedNoFail(on(name, l)), `${name}:${l} ${on(name, l).join(', ')}`); };

  it('a consequence after `\\implies` in a derivation announced as set to zero is a condition', () => holds('F1_derivation_implies.md', [5, 8]));
  it('a condition the formula states does not excuse a wrong update or a condition false at the optimum', () => {
    fails('F2_formula_condition_updates.md', [5, 7, 9, 11]);
    fails('F2b_formula_condition_overrides_stationary_fail.md', [6, 9, 12]);
  });
  it('a 2-D worked update written out wrongly (1/N for 1/N_2, responsibilities swapped) is ✗', () => fails('F3_worked_2d_wrong_update.md', [9, 10]));
  it('an updated variance beside the current mean is the mistake, not a question of which mean', () => fails('F4_updated_params_no_mean.md', [10]));
  it('a claim in brackets after "When we run the E-step" is a claim; a definition there defines', () => {
    fails('F5_case_in_brackets.md', [9]);
    const defined = checkNote(fs.readFileSync(path.join(dir, 'F5b_case_in_brackets_definition.md'), 'utf8')).claims;
    assert.ok(defined.some((c) => c.kind === 'definition' && c.verdict === 'pass') && !defined.some((c) => c.verdict !== 'pass'), defined.map((c) => `${c.line} ${c.verdict}`).join(', '));
  });
  it('"new optimum", "equation (10)", a negated derivative in align*: no condition read into them', () => {
    fails('F6_optimum_words_english.md', [5, 7]);
    fails('F6c_digit_zero.md', [5, 7]);
    fails('F6b_neg_derivative_align.md', [8]);
  });
  it('a Japanese case followed by 、 is a case', () => holds('F7_japanese_comma.md', [5, 7, 9]));
});
