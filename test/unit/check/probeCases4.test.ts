// Notes a fourth round of probes wrote (precision matrices and matrix calculus, 1-D standard deviations, EM in
// several books' notation), reduced to the statements that showed a rule reading them wrongly. Each expected verdict
// comes from the mathematics (checked numerically when the probe wrote it), not from the checker's output.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { fixtureNote } from './fixtureNotes';

const failing = (text: string) => checkNote(text).claims.filter((c) => c.verdict === 'fail').map((c) => c.line);
const claimsOn = (text: string, line: number) => checkNote(text).claims.filter((c) => c.line === line);

describe('probe cases: cases, choices and counts the text states', () => {
  it('reads a two-component mixture with one weight as K = 2 though the prose names the general $K$', () => {
    const note = [
      '# Two components, one weight',
      '',
      'Model: $p(x) = \\pi\\,\\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) + (1-\\pi)\\,\\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)$ with $0 < \\pi < 1$.',
      '',
      'The gradient in the weight:',
      '$$\\frac{\\partial \\ell}{\\partial \\pi} = \\sum_{n=1}^N \\frac{\\mathcal{N}(x_n \\mid \\mu_1, \\sigma_1^2) - \\mathcal{N}(x_n \\mid \\mu_2, \\sigma_2^2)}{p(x_n)}$$',
      '',
      'What I wrote on the quiz was the $K$-component formula copied over:',
      '$$\\frac{\\partial \\ell}{\\partial \\pi} = \\sum_{n=1}^N \\frac{\\mathcal{N}(x_n \\mid \\mu_1, \\sigma_1^2)}{p(x_n)}$$',
    ].join('\n');
    assert.deepEqual(failing(note), [9]);
    assert.match(checkNote(note).model.description, /K = 2/);
  });
  it('does not take `$z_{ik} = 1$ if point i came from component k` as a definition of z', () => {
    const note = [
      '# Complete data',
      '',
      'Introduce indicators $z_{ik} \\in \\{0, 1\\}$ with $\\sum_{k=1}^{K} z_{ik} = 1$: $z_{ik} = 1$ if point $i$ came from component $k$.',
      '',
      'The responsibilities are $\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$.',
    ].join('\n');
    assert.deepEqual(failing(note), []);
    assert.ok(claimsOn(note, 3).some((c) => c.lhs.startsWith('\\sum') && c.verdict === 'pass'));
  });
  it('does not read a choice made later ("With $q_{ik} = \\gamma_{ik}$ …") back into the lines above', () => {
    const note = [
      '# The bound',
      '',
      'For any $q_{ik} \\ge 0$ with $\\sum_{k=1}^K q_{ik} = 1$ the gap is a KL divergence, with $\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$:',
      '',
      '$$\\sum_{i=1}^N \\sum_{k=1}^K q_{ik} \\log \\frac{q_{ik}}{\\gamma_{ik}} = \\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} \\log \\frac{\\gamma_{ik}}{q_{ik}}$$',
      '',
      'With $q_{ik} = \\gamma_{ik}$ the ratio inside the log is one and the gap closes.',
    ].join('\n');
    const onFive = claimsOn(note, 5);
    assert.ok(onFive.length > 0 && onFive.every((c) => c.verdict !== 'pass'), JSON.stringify(onFive.map((c) => c.message)));
  });
  it('differentiates in π_k with π_K moving against it after the note eliminates the last weight', () => {
    const note = [
      '# Weights without a multiplier',
      '',
      'The log-likelihood is $\\ell = \\sum_{n=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$ and $N_k = \\sum_{n=1}^N \\gamma_{nk}$.',
      '',
      'Substitute $\\pi_K = 1 - \\sum_{j=1}^{K-1}\\pi_j$ so that $\\pi_1,\\dots,\\pi_{K-1}$ are free. For $k < K$:',
      '$$\\frac{\\partial \\ell}{\\partial \\pi_k} = \\sum_{n=1}^N \\frac{\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) - \\mathcal{N}(x_n \\mid \\mu_K, \\sigma_K^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)} = \\frac{N_k}{\\pi_k} - \\frac{N_K}{\\pi_K}$$',
      '',
      'A classmate forgot that $\\pi_K$ moves:',
      '$$\\frac{\\partial \\ell}{\\partial \\pi_k} = \\frac{N_k}{\\pi_k} + \\frac{N_K}{\\pi_K}$$',
    ].join('\n');
    assert.deepEqual(failing(note), [9]);
    assert.ok(claimsOn(note, 6).every((c) => c.verdict === 'pass'));
  });
  it('judges a step after "for the optimal … we need" at the stationary points of EM', () => {
    const note = [
      '# Covariance',
      '',
      'The responsibilities are $\\gamma_{kn}$ and $N_k = \\sum_{n=1}^N \\gamma_{kn}$, with $\\ell = \\sum_{n=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma_k)$.',
      '',
      'For the optimal covariance we need the bracket to vanish, $N_k\\boldsymbol\\Sigma_k = \\sum_{n=1}^N \\gamma_{kn}(\\mathbf{x}_n-\\boldsymbol\\mu_k)(\\mathbf{x}_n-\\boldsymbol\\mu_k)^\\top$.',
      '',
      'For the optimal covariance we also need $N\\boldsymbol\\Sigma_k = \\sum_{n=1}^N \\gamma_{kn}(\\mathbf{x}_n-\\boldsymbol\\mu_k)(\\mathbf{x}_n-\\boldsymbol\\mu_k)^\\top$.',
    ].join('\n');
    assert.deepEqual(failing(note), [7]);
    assert.equal(claimsOn(note, 5).find((c) => c.lhs.startsWith('N_k'))?.reason, 'condition');
  });
  it('reads the steps of a sentence that takes up D = 1 or K = 1 in that case', () => {
    const note = [
      '# Precision',
      '',
      'With precisions $\\boldsymbol\\Lambda_k = \\boldsymbol\\Sigma_k^{-1}$ the weights are $\\pi_k$ and the responsibilities $\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Lambda_k^{-1})}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_j, \\boldsymbol\\Lambda_j^{-1})}$, $N_k = \\sum_{n=1}^N \\gamma_{nk}$.',
      '',
      'In one dimension ($D = 1$) the precision is just a number, $\\Lambda_k = 1/\\sigma_k^2$, and the variance is $\\sigma_k^2 = 1/\\Lambda_k$.',
      '',
      'In one dimension ($D = 1$) a slip: $\\Lambda_k = \\sigma_k^2$.',
      '',
      'With $K = 1$ every $\\gamma_{n1} = 1$, so $N_1 = N$.',
      '',
      'With $K = 1$ a slip: $N_1 = 1$.',
    ].join('\n');
    assert.deepEqual(failing(note), [7]);
    assert.match(claimsOn(note, 7).find((c) => c.verdict === 'fail')!.message, /read with D = 1/);
    // Steps that hold in the case (and not in the note's model) are neither ✗ nor ✓.
    for (const line of [5, 9]) {
      const steps = claimsOn(note, line).filter((c) => c.lhs !== 'K' && c.lhs !== 'D');
      assert.ok(steps.length > 0 && steps.every((c) => c.verdict === 'unchecked' && /holds with [DK] = 1/.test(c.message)), JSON.stringify(steps.map((c) => c.message)));
    }
  });
  it('takes an inline restatement of a function the note defined, at other arguments, as a claim, not a new definition', () => {
    const note = [
      '$$\\mathcal{F}(q, \\theta) = \\sum_{i=1}^N \\sum_{k=1}^K q_{ik} \\log \\pi_k - \\sum_{i=1}^N \\sum_{k=1}^K q_{ik} \\log q_{ik}$$',
      '',
      'A classmate wrote $\\mathcal{F}(\\gamma, \\theta) = \\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} \\log \\pi_k$, forgetting the entropy.',
    ].join('\n');
    const restated = claimsOn(note, 3);
    assert.ok(restated.length > 0 && restated.every((c) => c.kind !== 'definition'));
  });
  it('reads β\\Big(Σ_k w_k − 1\\Big) as the multiplier times the constraint, not β applied as a function', () => {
    const note = [
      '$$J = \\sum_{n=1}^N \\log \\sum_{k=1}^K w_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) + \\beta\\Big(\\sum_{k=1}^K w_k - 1\\Big)$$',
      '',
      '$$\\frac{\\partial J}{\\partial w_k} = \\sum_{n=1}^N \\frac{\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K w_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)} + \\beta$$',
      '',
      '$$\\frac{\\partial J}{\\partial w_k} = \\sum_{n=1}^N \\frac{\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K w_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)} - \\beta$$',
    ].join('\n');
    assert.deepEqual(failing(note), [5]);
    assert.equal(claimsOn(note, 3)[0]?.verdict, 'pass');
  });
  it('keeps f_{n1} and f_{n2} apart: one definition per numbered subscript', () => {
    const note = [
      'Model: $p(x) = \\pi\\,\\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) + (1-\\pi)\\,\\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)$. Write $f_{n1} = \\mathcal{N}(x_n \\mid \\mu_1, \\sigma_1^2)$ and $f_{n2} = \\mathcal{N}(x_n \\mid \\mu_2, \\sigma_2^2)$.',
      '',
      '$$\\frac{\\partial \\ell}{\\partial \\pi} = \\sum_{n=1}^N \\frac{f_{n1} - f_{n2}}{\\pi f_{n1} + (1-\\pi) f_{n2}}$$',
      '',
      '$$\\frac{\\partial \\ell}{\\partial \\pi} = \\sum_{n=1}^N \\frac{f_{n1}}{\\pi f_{n1} + (1-\\pi) f_{n2}}$$',
    ].join('\n');
    assert.deepEqual(failing(note), [5]);
    assert.equal(claimsOn(note, 3)[0]?.verdict, 'pass');
  });
});

// test/fixtures/probe-cases4/: G* from the fourth round's probes (numbers worked by hand, layouts, advanced gradients),
// R* from a review of the rules above (each a rule misfiring: a ✗ on a right step, or a planted mistake hidden).
describe('probe cases: estimates, numbers and the reach of prose', () => {
  const failing4 = (name: string) => failing(fixtureNote('probe-cases4', name));
  const on = (name: string, line: number) => claimsOn(fixtureNote('probe-cases4', name), line);
  it('reads Σ_k = σ_k² I stated, with Σ written nowhere else, as an isotropic model', () => {
    assert.deepEqual(failing4('G1_isotropic_stated.md'), [7]);
    assert.match(checkNote(fixtureNote('probe-cases4', 'G1_isotropic_stated.md')).model.description, /isotropic/);
  });
  it('reads j ≠ k said earlier in the section for a step that holds only where they differ', () => {
    assert.deepEqual(failing4('G2_j_neq_k_in_section.md'), []);
  });
  it('leaves a step written as an assignment (μ_k ← μ_k + 0.05 …) to the method it is a step of', () => {
    assert.deepEqual(failing4('G3_assignment_step.md'), []);
    assert.match(on('G3_assignment_step.md', 3)[0]!.message, /a step of an iterative method/);
  });
  it('reads μ̂_k as the estimate the note defines it to be, after its update', () => {
    assert.deepEqual(failing4('G4_hat_estimate.md'), [7]);
    assert.equal(on('G4_hat_estimate.md', 5)[0]!.verdict, 'pass');
  });
  it('judges π_k ∝ N_k at EM\'s stationary points and the update after ⇒ as an update', () => {
    assert.deepEqual(failing4('G5_proportional_condition.md'), [5]);
    assert.equal(on('G5_proportional_condition.md', 3)[0]!.reason, 'condition');
  });
  it('reads a 2-D example from tuples, I as the identity, x = 1 as a point, and rounded arithmetic within its rounding', () => {
    assert.deepEqual(failing4('G6_numbers_2d.md'), [7]);
    assert.equal(checkNote(fixtureNote('probe-cases4', 'G6_numbers_2d.md')).model.D, 2);
    const points = on('G6_numbers_2d.md', 9);
    assert.ok(points.length > 0 && points.every((c) => c.verdict === 'unchecked'));
  });
  it('evaluates w_{ik} as the note defines it where the reading has γ for the responsibilities', () => {
    assert.deepEqual(failing4('G7_w_unnormalised.md'), [11]);
  });
  it('keeps a function the note defines (ψ(u) = κu²/2) applied to the constraint a function', () => {
    assert.deepEqual(failing4('R1_penalty_function.md'), []);
  });
  it('reads a name defined again after "we need" as defined again', () => {
    assert.deepEqual(failing4('R2_redefinition_after_we_need.md'), []);
  });
  it('ends the case K = 1 with its sentence', () => {
    assert.deepEqual(failing4('R3_k1_sentence_only.md'), [6]);
  });
  it('keeps ✗ on mistakes after prose that only mentions the optimum\'s words', () => {
    assert.deepEqual(failing4('R4_we_need_keeps_mistake.md'), [6]);
    assert.deepEqual(failing4('R5_terms_vanish_keeps_mistake.md'), [4]);
  });
  it('reads "With $S_k = …$" back into the line above as a definition', () => {
    assert.deepEqual(failing4('R6_with_definition_read_back.md'), [5]);
  });
  it('does not define μ̂_k by its update where the note writes its parameters with hats', () => {
    assert.deepEqual(failing4('R7_hat_letters_are_the_parameters.md'), []);
  });
  it('reads p^{new} at the parameters the note restated after its update, not one cycle further', () => {
    assert.deepEqual(failing4('R8_pnew_after_restated.md'), []);
  });
  it('does not take an assumption "μ_j ≠ μ_k whenever j ≠ k" for the indices of a formula said to include j = k', () => {
    assert.deepEqual(failing4('R9_j_neq_k_assumption.md'), [6]);
  });
  it('checks an update written as an assignment from the current value (μ_k ← μ_k + …) as the M-step', () => {
    assert.deepEqual(failing4('R10_assigned_em_update.md'), [6, 12]);
    assert.equal(on('R10_assigned_em_update.md', 9)[0]!.verdict, 'pass');
  });
  it('keeps ✗ on a worked value that misses by more than numbers carried rounded explain', () => {
    assert.deepEqual(failing4('R11_slip_not_carried.md'), [9]);
    assert.deepEqual(failing4('R12_old_mean_not_carried.md'), [9]);
  });
  it('carries the case K = 1 into the display its sentence goes on into', () => {
    assert.deepEqual(failing4('G8_k1_sentence_into_display.md'), [9]);
  });
  it('does not hold the responsibilities fixed for a derivative of N_k itself', () => {
    const counts = on('G9_derivative_of_counts.md', 3);
    assert.ok(counts.length > 0 && counts.every((c) => c.verdict !== 'pass'));
  });
  it('reads Σ = I beside an example\'s values as a value, and ℝ² as the dimension', () => {
    assert.deepEqual(failing4('G10_identity_covariance_value.md'), []);
    assert.equal(checkNote(fixtureNote('probe-cases4', 'G10_identity_covariance_value.md')).model.D, 2);
  });
});
