// What probes 70–72 found on 2026-12-03: notes by machine-learning students who minimise a loss (the mean negative
// log-likelihood under 𝓛 or L), notes that go on to second derivatives and the softmax, and notes in letters no textbook
// uses (weights c_k named only in the text, responsibilities written component first, log L never written out). Every
// label comes from numpy, never from the checker's output.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { labelledFixtureTests } from './fixtureNotes';

const verdictsOn = (text: string, line: number): string[] => checkNote(text).claims.filter((c) => (c.endLine ?? c.line) === line).map((c) => c.verdict);

const NLL = '-\\frac{1}{N}\\sum_{n=1}^{N}\\log\\sum_{k=1}^{K}\\pi_k\\,\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)';
const MEAN_GRADIENT = '$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = -\\frac{1}{N}\\sum_{n=1}^{N} \\gamma_{nk}\\,\\frac{x_n-\\mu_k}{\\sigma_k^2}$$';

describe('probe cases 14: the log-likelihood\'s letter made the note\'s own objective', () => {
  it('𝓛 = −(1/N) Σ log p(x_n), a mean negative log-likelihood, defines 𝓛: it and the gradients of that 𝓛 pass', () => {
    // numpy: ∂/∂μ_k of −(1/N) Σ_n log Σ_k π_k 𝒩(x_n | μ_k, σ_k²) by finite differences is −(1/N) Σ_n γ_nk (x_n − μ_k)/σ_k².
    for (const head of [`$$\\mathcal{L} = ${NLL}$$`, `$$\\mathcal{L}(\\theta) = ${NLL}$$`, `$$L = ${NLL}$$`]) {
      const text = `${head}\n${MEAN_GRADIENT.replace(/\\mathcal\{L\}/g, head.startsWith('$$L') ? 'L' : '\\mathcal{L}')}`;
      assert.deepEqual([verdictsOn(text, 1), verdictsOn(text, 2)], [['pass'], ['pass']], head);
      assert.match(checkNote(text).claims.find((c) => c.line === 1)!.message, /−1\/N times the log-likelihood/);
    }
  });
  it('still fails a slip in the loss\'s gradient, and the log-likelihood\'s gradient written for the loss', () => {
    const head = `$$\\mathcal{L} = ${NLL}$$`;
    assert.deepEqual(verdictsOn(`${head}\n${MEAN_GRADIENT.replace('-\\frac{1}{N}', '\\frac{1}{N}')}`, 2), ['fail']);
    assert.deepEqual(verdictsOn(`${head}\n${MEAN_GRADIENT.replace('-\\frac{1}{N}', '')}`, 2), ['fail']);
  });
  it('a sign flipped in the log-likelihood\'s definition stays ✗ unless the text calls it a loss', () => {
    const flipped = '$$\\mathcal{L} = -\\sum_{n=1}^{N}\\log\\sum_{k=1}^{K}\\pi_k\\,\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)$$';
    assert.deepEqual(verdictsOn(flipped, 1), ['fail']);
    assert.deepEqual(verdictsOn(`We minimise the negative log-likelihood:\n${flipped}`, 2), ['pass']);
    // Nor a factor no convention has (a ½ dropped somewhere), nor a letter the note has already used for the log-likelihood.
    assert.deepEqual(verdictsOn(flipped.replace('-\\sum', '\\frac{1}{2}\\sum'), 1), ['fail']);
    const before = `$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = \\sum_{n=1}^{N} \\gamma_{nk}\\,\\frac{x_n-\\mu_k}{\\sigma_k^2}$$\n$$\\mathcal{L} = ${NLL}$$`;
    assert.deepEqual(verdictsOn(before, 2), ['fail']);
  });
  it('ℓ = −(1/N) Σ … is not the range of an index ℓ', () => {
    assert.notDeepEqual(verdictsOn(`$$\\ell = ${NLL}$$`, 1), ['unchecked']);
  });
  it('∂ log L/∂θ_k with L never defined: log L is the log-likelihood, not the log of it', () => {
    const text = 'Data $t_1,\\dots,t_N$, weights $\\alpha_k$, means $\\theta_k$, variances $\\sigma_k^2$,\n' +
      '$q_{kn} = \\alpha_k \\mathcal{N}(t_n\\mid\\theta_k,\\sigma_k^2)/\\sum_{j}\\alpha_{j}\\mathcal{N}(t_n\\mid\\theta_{j},\\sigma_{j}^2)$.\n' +
      '$$\\frac{\\partial\\log L}{\\partial\\theta_k} = \\frac{1}{\\sigma_k^2}\\sum_n q_{kn}(t_n - \\theta_k)$$';
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
    assert.deepEqual(verdictsOn(text.replace('(t_n - \\theta_k)', '(\\theta_k - t_n)'), 3), ['fail']);
  });
});

describe('probe cases 14: letters the text names', () => {
  it('N_k = Σ_n r_{kn}: k runs over the components and n over the points, so r is written component first', () => {
    assert.deepEqual(verdictsOn('Responsibilities $r_{kn}$ and $N_k=\\sum_n r_{kn}$.', 1), ['pass']);
    // The note's other uses, point first, still make a swapped count a slip.
    const text = '$$r_{nk} = \\frac{\\pi_k\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)}{\\sum_j \\pi_j\\mathcal{N}(x_n\\mid\\mu_j,\\sigma_j^2)}$$\n$$\\mu_k = \\frac{\\sum_n r_{nk} x_n}{\\sum_n r_{nk}}$$\n$$N_k = \\sum_n r_{kn}$$';
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
  });
  it('"weights $c_k$" names the weights: a later c_k = (1/N) Σ_n w_kn is their update, not a definition applied back', () => {
    const text = 'Weights $c_k$, means $m_k$, covariances $S_k$, responsibilities $w_{kn}$.\n' +
      'Write $g_{kn} = c_k\\mathcal{N}(y_n\\mid m_k,S_k)$ and $p_n=\\sum_{j}g_{jn}$, so $\\log L=\\sum_n \\log p_n$.\n\n$$c_k = \\frac{1}{N}\\sum_n w_{kn}$$';
    assert.deepEqual(checkNote(text).claims.filter((c) => c.verdict === 'fail'), []);
    assert.deepEqual(verdictsOn(text.replace('\\frac{1}{N}\\sum_n', '\\frac{1}{K}\\sum_n'), 4), ['fail']);
    // Not a point's weights: "data weights $c_n$" weight the points.
    assert.ok(!checkNote('With data weights $c_n$ and $\\sum_n c_n = 1$.').reading.symbols.some((s) => s.role === 'weight'));
  });
  it('"(component $k$, point $n$)" says where each index of γ_{kn} stands; a later swap against it is ✗', () => {
    const text = 'Responsibilities are $\\gamma_{kn}$ (component $k$, point $n$), $K=2$, and $\\gamma_{2n} = 1-\\gamma_{1n}$.';
    assert.deepEqual(verdictsOn(text, 1).filter((v) => v !== 'unchecked'), ['pass']);
    const defined = 'Let $r_{nk}$ be the responsibility of component $k$ for point $n$.\n\n$$\\mu_k = \\frac{\\sum_n r_{kn}\\, x_n}{\\sum_n r_{kn}}$$';
    assert.deepEqual(verdictsOn(defined, 3), ['fail']);
  });
  it('s s^⊤ of a softmax\'s vector does not make one-dimensional data three-dimensional', () => {
    const text = '$$\\frac{\\partial \\log p(x_n)}{\\partial \\mu_k} = \\gamma_{nk} \\frac{x_n - \\mu_k}{\\sigma_k^2}.$$\nThe Hessian of LSE is $\\operatorname{diag}(s) - s s^\\top$.';
    assert.deepEqual(verdictsOn(text, 1), ['pass']);
    assert.equal(checkNote(text).model.D, 1);
    assert.equal(checkNote('$$(x_n - \\mu_k)^\\top (x_n - \\mu_k) = \\|x_n - \\mu_k\\|^2$$').model.D > 1, true);
  });
});

describe('probe cases 14: the labelled notes (probes 70–72)', () => {
  labelledFixtureTests('probe-cases14', new Set<string>([]), [
  'probe70_gd_1d_logsigma.md:32',
  'probe70_gd_updates_em.md:32',
  'probe70_logsumexp_stable.md:48',
  'probe70_logvar_1d.md:34',
  'probe70_precision_param.md:28',
  'probe70_softmax_logits_mv.md:36',
  'probe70_stationarity_fullcov.md:30',
  'probe71_01_resp_mu.md:25',
  'probe71_02_hessian_mu.md:16',
  'probe71_02_hessian_mu.md:29',
  'probe71_03_score.md:24',
  'probe71_03_score.md:30',
  'probe71_04_logsumexp.md:12',
  'probe71_04_logsumexp.md:24',
  'probe71_05_Nk_derivs.md:12',
  'probe71_05_Nk_derivs.md:30',
  'probe71_06_variance_hessian.md:21',
  'probe71_06_variance_hessian.md:32',
  'probe71_08_fisher_info.md:18',
  'probe71_08_fisher_info.md:23',
  'probe71_09_score_vs_mean_grad.md:7',
  'probe71_09_score_vs_mean_grad.md:22',
  'probe72_em_1d_rho.md:23',
  'probe72_em_1d_rho.md:41',
  'probe72_free_energy_c.md:17',
  'probe72_free_energy_c.md:35',
  'probe72_full_cov_alpha.md:28',
  'probe72_full_cov_alpha.md:30',
  'probe72_logsumexp_alpha.md:12',
  'probe72_logsumexp_alpha.md:20',
  'probe72_precision_omega.md:8',
  'probe72_precision_omega.md:36',
  'probe72_softmax_alpha.md:11',
  'probe72_softmax_alpha.md:27',
  'probe72_spherical_p.md:28',
  'probe72_worked_example_c.md:8',
  ]);
});
