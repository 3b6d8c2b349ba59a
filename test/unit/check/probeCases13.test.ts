// What probes 63–69 and reviews 15–16 found on 2026-12-03: notes in the notation of textbooks (ESL's φ_θ(x), Murphy, Bishop, Barber, CS229),
// homework typed in many layouts (tags, boxed answers, a log of an average, e^{s_k} for a variance), and tied models (one
// Σ or σ² for every component, written without its index). Every label comes from numpy, never from the checker's output.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { fixtureNote, labelledFixtureTests } from './fixtureNotes';

const verdictsOn = (text: string, line: number): string[] => checkNote(text).claims.filter((c) => (c.endLine ?? c.line) === line).map((c) => c.verdict);

describe('probe cases 13: a tied model, its one spread written without an index', () => {
  // 1-D, one variance σ² for every component: ∂ℓ/∂σ² = Σ_n Σ_k γ_nk ((x_n − μ_k)²/(2σ⁴) − 1/(2σ²)) and
  // σ²_new = (1/N) Σ_n Σ_k γ_nk (x_n − μ_k^new)² (numpy: finite differences of ℓ moving the one σ², ∂Q/∂σ² = 0 there).
  const head = [
    'All components share one variance $\\sigma^2$.',
    '$$\\ell = \\sum_{n=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma^2)$$',
    '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma^2)}$$',
  ];
  const gradient = '$$\\frac{\\partial \\ell}{\\partial \\sigma^2} = \\sum_{n=1}^N \\sum_{k=1}^K \\gamma_{nk} \\left( \\frac{(x_n - \\mu_k)^2}{2\\sigma^4} - \\frac{1}{2\\sigma^2} \\right)$$';
  const update = '$$(\\sigma^2)^{new} = \\frac{1}{N} \\sum_{n=1}^N \\sum_{k=1}^K \\gamma_{nk} (x_n - \\mu_k^{new})^2$$';
  it('judges the gradient in the shared variance and its pooled update at instances whose components share it', () => {
    const text = [...head, gradient, update].join('\n');
    assert.deepEqual([2, 3, 4, 5].map((l) => verdictsOn(text, l)), [['pass'], ['pass'], ['pass'], ['pass']]);
    assert.match(checkNote(text).model.description, /tied model/);
  });
  it('fails the tied model\'s slips: N_k for N, the sum over the components dropped, a ½ lost', () => {
    const on = (step: string) => verdictsOn([...head, step].join('\n'), 4);
    assert.deepEqual(on(update.replace('\\frac{1}{N}', '\\frac{1}{N_k}')), ['fail']);
    assert.deepEqual(on(update.replace('\\sum_{n=1}^N \\sum_{k=1}^K', '\\sum_{n=1}^N')), ['fail']);
    assert.deepEqual(on(gradient.replace('{2\\sigma^4}', '{\\sigma^4}')), ['fail']);
  });
  it('leaves the tie itself, and a step about one Gaussian with the same letter, unchecked', () => {
    // `σ_k^2 = σ^2` is the assumption; the sample variance of all the data is a starting value or a single Gaussian's.
    assert.deepEqual(verdictsOn([...head, 'so $\\sigma_k^2 = \\sigma^2$ for every k.'].join('\n'), 4), ['unchecked']);
    const start = [...head, '$$\\sigma^2 = \\frac{1}{N}\\sum_{n=1}^N (x_n - \\bar{x})^2$$'].join('\n');
    assert.deepEqual(verdictsOn(start, 4), ['unchecked']);
  });
  it('Σ_k^{new} stays each component\'s own update (review 15): their plain average is not the pooled one', () => {
    const text = ['Set $\\Sigma_k = \\Sigma$.', '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma)}{\\sum_j \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\Sigma)}$$',
      '$$\\Sigma^{new} = \\frac{1}{K}\\sum_{k=1}^K \\Sigma_k^{new}$$', '$$\\Sigma^{new} = \\sum_{k=1}^K \\frac{N_k}{N} \\Sigma_k^{new}$$'].join('\n');
    assert.deepEqual([verdictsOn(text, 3), verdictsOn(text, 4)], [['fail'], ['pass']]);
  });
  it('one index dropped in a note whose Gaussians have their own Σ_j is not a tie (review 15): never ✓', () => {
    const text = ['$$\\gamma_{nk} = \\frac{\\pi_k\\mathcal{N}(x_n\\mid\\mu_k,\\Sigma_k)}{\\sum_j\\pi_j\\mathcal{N}(x_n\\mid\\mu_j,\\Sigma_j)}$$',
      '$$\\gamma_{nk} = \\frac{\\pi_k\\mathcal{N}(x_n\\mid\\mu_k,\\Sigma)}{\\sum_j\\pi_j\\mathcal{N}(x_n\\mid\\mu_j,\\Sigma_j)}$$'].join('\n');
    assert.notDeepEqual(verdictsOn(text, 2), ['pass']);
  });
  it('still fails σ written without its index where nothing ties it', () => {
    const text = ['$$\\ell = \\sum_{n=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$$',
      '$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{n=1}^N \\gamma_{nk} \\frac{x_n - \\mu_k}{\\sigma^2}$$'].join('\n');
    assert.deepEqual(verdictsOn(text, 2), ['fail']);
  });
});

describe('probe cases 13: notation of other books and of quick homework', () => {
  it('φ_{θ_1}(x) and φ_{θ_2}(x) (ESL) are two functions, not one: the densities of components 1 and 2', () => {
    const text = '$$\\gamma_i = \\frac{\\pi\\,\\phi_{\\theta_2}(x_i)}{(1-\\pi)\\,\\phi_{\\theta_1}(x_i) + \\pi\\,\\phi_{\\theta_2}(x_i)}$$\n$$\\hat\\mu_2 = \\frac{\\sum_{i=1}^N \\gamma_i\\,x_i}{\\sum_{i=1}^N \\gamma_i}$$';
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.deepEqual(verdictsOn(text.replace('\\hat\\mu_2', '\\hat\\mu_1'), 2), ['fail']);
  });
  it('π̂ (ESL\'s estimated mixing weight) is not the number π: not judged, where it was ✗ as 3.14159', () => {
    const text = '$$\\gamma_i = \\frac{\\hat\\pi\\,\\mathcal{N}(x_i|\\mu_2,\\sigma_2^2)}{(1-\\hat\\pi)\\,\\mathcal{N}(x_i|\\mu_1,\\sigma_1^2) + \\hat\\pi\\,\\mathcal{N}(x_i|\\mu_2,\\sigma_2^2)}$$\n$$\\hat\\mu_2 = \\frac{\\sum_{i=1}^N \\gamma_i\\,x_i}{\\sum_{i=1}^N \\gamma_i}$$';
    assert.deepEqual(verdictsOn(text, 2), ['unchecked']);
    assert.deepEqual(verdictsOn('$$\\cos\\hat\\pi = -1$$', 1), ['unchecked']);
  });
  it('\\log \\frac{1}{N_k}\\sum_i … is the log of the average', () => {
    const text = 'Responsibilities $\\gamma_{ik}$, $N_k = \\sum_i \\gamma_{ik}$.\n$$\\log \\frac{1}{N_k}\\sum_{i=1}^N \\gamma_{ik} x_i^2 = \\log \\sum_{i=1}^N \\gamma_{ik} x_i^2 - \\log N_k$$';
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.deepEqual(verdictsOn(text.replace('- \\log N_k', '+ \\log N_k'), 2), ['fail']);
  });
  it('e^{s_k} with s_k = log σ_k²: the variance\'s update under that name', () => {
    const text = (n: string) => `With $s_k = \\log \\sigma_k^2$, responsibilities $\\gamma_{ik}$, $N_k = \\sum_i \\gamma_{ik}$.\nStationary point:\n$$e^{s_k} = \\frac{1}{${n}}\\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k)^2$$`;
    assert.deepEqual(verdictsOn(text('N_k'), 3), ['pass']);
    assert.deepEqual(verdictsOn(text('N'), 3), ['fail']);
  });
  it('Q(μ_k) after Q = …: the note\'s objective as a function of a parameter, not Q times μ_k', () => {
    const text = '$$Q = \\sum_{i=1}^N \\sum_{k=1}^K \\gamma_{ik} \\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$\n$$\\frac{\\partial Q(\\mu_k)}{\\partial \\mu_k} = \\sum_{i=1}^N \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}$$';
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
  });
  it('Q_k(Σ_k) = … after Q_k = … of the model is Q_k (review 15 q03, probe 64 n09); after Q_k = Σ_n γ_nk, which writes no Σ, it is the product', () => {
    const q = '$$Q_k = \\sum_n\\gamma_{nk}\\log\\mathcal{N}(x_n\\mid\\mu_k,\\Sigma_k)$$\n';
    assert.deepEqual(verdictsOn(`${q}$$Q_k(\\Sigma_k) = -\\frac{N_k D}{2}\\log(2\\pi)-\\frac{N_k}{2}\\log|\\Sigma_k|-\\frac{1}{2}\\sum_n\\gamma_{nk}(x_n-\\mu_k)^T\\Sigma_k^{-1}(x_n-\\mu_k)$$`, 2), ['pass']);
    assert.deepEqual(verdictsOn(`${q}$$Q_k(\\Sigma_k) = -\\frac{N_k D}{2}\\log(2\\pi)-\\frac{1}{2}\\log|\\Sigma_k|-\\frac{1}{2}\\sum_n\\gamma_{nk}(x_n-\\mu_k)^T\\Sigma_k^{-1}(x_n-\\mu_k)$$`, 2), ['fail']);
    assert.deepEqual(verdictsOn('Let $Q_k = \\sum_n\\gamma_{nk}$.\n$$Q_k(\\Sigma_k) = N_k\\Sigma_k$$', 2), ['pass']);
  });
  it('a worked example\'s parameter worked out by a chain to its EM update is the value the lines after it use (probe 67)', () => {
    // Σ_1 = A − B = (0.2222 −0.1195; −0.1195 0.5886), the M-step's Σ_1 (numpy), then det Σ_1 = 0.1165: not the starting Σ_1 = I.
    const text = fixtureNote('probe-cases13', 'probe67_n5_example_identity.md');
    assert.deepEqual(checkNote(text).claims.filter((c) => c.verdict === 'fail' && (c.endLine ?? c.line) === 41).map((c) => c.message), []);
  });
  it('a number beside a square matrix (S − N_k for S − N_k I) is not judged when it holds so; wrong that way too, ✗ (review 16)', () => {
    const head = 'Responsibilities $\\gamma_{ki}$, $N_k=\\sum_i\\gamma_{ki}$, $S_{ki} = (x_i-\\mu_k)(x_i-\\mu_k)^T$, data in $\\mathbb{R}^3$, and $Q = \\sum_i\\sum_k\\gamma_{ki}\\log\\mathcal{N}(x_i\\mid\\mu_k,\\Sigma_k)$.\n';
    assert.deepEqual(verdictsOn(`${head}$$2\\frac{\\partial Q}{\\partial\\Sigma_k}\\Sigma_k = \\Sigma_k^{-1}\\sum_i\\gamma_{ki}S_{ki} - N_k$$`, 2), ['unchecked']);
    assert.deepEqual(verdictsOn(`${head}$$2\\frac{\\partial Q}{\\partial\\Sigma_k}\\Sigma_k = \\sum_i\\gamma_{ki}S_{ki} - N_k$$`, 2), ['fail']);
  });
  it('"two components" in a note that states K = 3 is not the mixture\'s case (review 16)', () => {
    const text = 'A mixture with $K = 3$, responsibilities $\\gamma_{ki}$; as each $x_i$ has two components, $\\gamma_{2i} = 1 - \\gamma_{1i}$.';
    assert.deepEqual(checkNote(text).claims.filter((c) => c.lhs.includes('gamma_{2i}')).map((c) => c.verdict), ['fail']);
  });
  it('the bold zero is the zero of any shape: 𝐱_n − 𝟎 and 𝒩(𝟎 | 𝟎, 𝐒_k) in D dimensions (probe 68)', () => {
    const head = 'Let $\\mathbf{x}_n, \\mathbf{S}_k$ be of dimension $D$, $\\mathbf{x}_n \\in \\mathbb{R}^D$.\n';
    assert.deepEqual(verdictsOn(`${head}$$(\\mathbf{x}_n - \\mathbf{0})^\\top (\\mathbf{x}_n - \\mathbf{0}) = \\mathbf{x}_n^\\top \\mathbf{x}_n$$`, 2), ['pass']);
    assert.deepEqual(verdictsOn(`${head}$$\\ln \\mathcal{N}(\\mathbf{0} \\mid \\mathbf{0}, \\mathbf{S}_k) = -\\frac{D}{2}\\ln(2\\pi) - \\frac{1}{2}\\ln|\\mathbf{S}_k|$$`, 2), ['pass']);
    assert.deepEqual(verdictsOn(`${head}$$\\ln \\mathcal{N}(\\mathbf{0} \\mid \\mathbf{0}, \\mathbf{S}_k) = -\\frac{D}{2}\\ln(2\\pi) - \\ln|\\mathbf{S}_k|$$`, 2), ['fail']);
  });
  it('"one half at $x_n = \\frac{\\mu_1 + \\mu_2}{2}$": a point by its index equal to parameters alone is not judged (probe 69)', () => {
    assert.deepEqual(verdictsOn('The responsibility is one half at $x_n = \\frac{\\mu_1 + \\mu_2}{2}$.', 1), ['unchecked']);
  });
  it('s_1, s_2 in the Gaussians are standard deviations by component number; a name used before a chain that defines it is the chain\'s first link, not a later special case (probe 69)', () => {
    const text = ['Model: $p(x) = w_1\\,\\mathcal{N}(x \\mid m_1, s_1^2) + w_2\\,\\mathcal{N}(x \\mid m_2, s_2^2)$ with $w_2 = 1 - w_1$, and $\\sigma(a) = 1/(1+e^{-a})$.',
      '$$\\gamma_n = \\frac{w_1 \\mathcal{N}(x_n \\mid m_1, s_1^2)}{w_1 \\mathcal{N}(x_n \\mid m_1, s_1^2) + w_2 \\mathcal{N}(x_n \\mid m_2, s_2^2)} = \\sigma(a_n)$$',
      '$$a_n = \\log \\frac{w_1 \\mathcal{N}(x_n \\mid m_1, s_1^2)}{w_2 \\mathcal{N}(x_n \\mid m_2, s_2^2)} = \\log\\frac{w_1}{w_2} + \\log\\frac{s_2}{s_1} - \\frac{(x_n - m_1)^2}{2 s_1^2} + \\frac{(x_n - m_2)^2}{2 s_2^2}$$',
      'With equal variances $s_1 = s_2 = s$:', '$$a_n = \\frac{m_1 - m_2}{s^2}\\, x_n + \\frac{m_1^2 - m_2^2}{2 s^2} + \\log\\frac{w_1}{1 - w_1}$$'].join('\n');
    // (The last line is wrong: the constant is (m_2² − m_1²)/(2s²).)
    assert.deepEqual([2, 3, 5].map((l) => verdictsOn(text, l)), [['pass', 'pass'], ['pass', 'pass'], ['fail']]);
  });
  it('x = … of parameters alone (a decision boundary) solves for x: not an identity for every x', () => {
    const text = 'Shared variance $\\sigma^2$, $p(x) = \\pi_1 \\mathcal{N}(x \\mid \\mu_1, \\sigma^2) + \\pi_2 \\mathcal{N}(x \\mid \\mu_2, \\sigma^2)$; the boundary is at $x = \\frac{\\mu_1 + \\mu_2}{2} + \\frac{\\sigma^2}{\\mu_2 - \\mu_1}\\log\\frac{\\pi_1}{\\pi_2}$.';
    assert.deepEqual(checkNote(text).claims.filter((c) => c.verdict === 'fail'), []);
  });
});

describe('probe cases 13: the labelled notes of probes 63–69 and reviews 15–16', () => {
  labelledFixtureTests('probe-cases13', new Set([
  'probe64_n09_trace_trick.md:37',
  'probe65_n2_tied_full_grad.md:36',
  'probe68_multivariate_mstep.md:44',
  'probe68_multivariate_mstep.md:46',
  'review15_i01_x_defined.md:4',
  'review16_e1_chain_ok.md:10',
  'review16_e3_chain_then_wrong.md:10',
  'review16_e5_2d_sigma_chain.md:10',
  ]), [
  'probe63_bishop_lagrange.md:15',
  'probe63_bishop_precision.md:9',
  'probe63_bishop_precision.md:19',
  'probe63_bishop_precision.md:23',
  'probe63_cs229_elbo.md:21',
  'probe63_cs229_elbo.md:36',
  'probe63_murphy_map_em.md:36',
  'probe63_oned_sd.md:8',
  'probe63_oned_sd.md:15',
  'probe63_oned_sd.md:23',
  'probe63_scribe_alpha.md:27',
  'probe64_n01_estep_hw.md:29',
  'probe64_n01_estep_hw.md:49',
  'probe64_n02_midterm_align.md:26',
  'probe64_n02_midterm_align.md:33',
  'probe64_n03_lecture_fullcov.md:30',
  'probe64_n03_lecture_fullcov.md:39',
  'probe64_n04_lagrange_weights.md:22',
  'probe64_n04_lagrange_weights.md:30',
  'probe64_n05_worked_example.md:23',
  'probe64_n05_worked_example.md:48',
  'probe64_n06_qfunction_gather.md:9',
  'probe64_n06_qfunction_gather.md:28',
  'probe64_n07_elbo_bullets.md:15',
  'probe64_n07_elbo_bullets.md:20',
  'probe64_n08_exam_tags.md:11',
  'probe64_n08_exam_tags.md:27',
  'probe64_n09_trace_trick.md:23',
  'probe64_n09_trace_trick.md:33',
  'probe64_n10_blockquote_tau.md:17',
  'probe64_n10_blockquote_tau.md:22',
  'probe65_n1_tied1d_em.md:39',
  'probe65_n3_sklearn_tied_lda.md:20',
  'probe65_n3_sklearn_tied_lda.md:38',
  'probe65_n4_precision_Q.md:40',
  'probe65_n5_init_single.md:33',
  'probe65_n6_bishop_shared_sd.md:32',
  'probe65_n7_lecture_1d.md:31',
  'probe65_n8_ta_solution.md:16',
  'probe66_01_cheatsheet_table.md:13',
  'probe66_03_mu_gradient_revision.md:8',
  'probe66_03_mu_gradient_revision.md:15',
  'probe66_04_sigma_gradient_slides.md:21',
  'probe66_05_lagrangian_weights.md:25',
  'probe66_06_estep_posterior.md:8',
  'probe66_06_estep_posterior.md:16',
  'probe66_07_1d_revision.md:13',
  'probe66_07_1d_revision.md:15',
  'probe66_08_full_em_cheatsheet.md:5',
  'probe66_08_full_em_cheatsheet.md:28',
  'probe67_n1_precision_mstep.md:16',
  'probe67_n1_precision_mstep.md:26',
  'probe67_n3_second_moment.md:27',
  'probe67_n4_mean_gradient.md:11',
  'probe67_n4_mean_gradient.md:31',
  'probe67_n5_example_identity.md:39',
  'probe67_n6_example_unequal.md:27',
  'probe67_n6_example_unequal.md:40',
  'probe67_n7_weights_resp.md:11',
  'probe67_n7_weights_resp.md:33',
  'probe67_n8_identities.md:33',
  'probe68_em_by_hand.md:33',
  'probe68_em_from_scratch.md:21',
  'probe68_em_from_scratch.md:35',
  'probe68_gradient_ascent_gmm.md:21',
  'probe68_gradient_ascent_gmm.md:31',
  'probe68_jensen_elbo.md:33',
  'probe68_jensen_elbo.md:41',
  'probe68_logsumexp_trick.md:21',
  'probe68_logsumexp_trick.md:45',
  'probe68_multivariate_mstep.md:9',
  'probe68_multivariate_mstep.md:32',
  'probe68_q_function_updates.md:17',
  'probe68_q_function_updates.md:41',
  'probe69_equal_weights_hw.md:11',
  'probe69_equal_weights_hw.md:37',
  'probe69_precision_param_1d.md:26',
  'probe69_precision_param_1d.md:32',
  'probe69_q3_known_variances.md:38',
  'probe69_softmax_logits_grad.md:19',
  'probe69_softmax_logits_grad.md:28',
  'probe69_two_component_logistic.md:18',
  'probe69_two_component_logistic.md:24',
  'probe69_two_component_logistic_s1.md:18',
  'probe69_two_component_logistic_s1.md:24',
  'review15_a01_tied_pooled.md:6',
  'review15_a01_tied_pooled.md:8',
  'review15_a01_tied_pooled.md:10',
  'review15_a02_sklearn_tied.md:6',
  'review15_a03_mixed_sections.md:14',
  'review15_a06_sigma1d_shared.md:6',
  'review15_a06_sigma1d_shared.md:10',
  'review15_a07_lda.md:6',
  'review15_a07_lda.md:10',
  'review15_a08_Q_tied.md:10',
  'review15_a11_single_then_tied_wrong_unindexed.md:6',
  'review15_a11_single_then_tied_wrong_unindexed.md:8',
  'review15_a12_sigma_std_shared.md:6',
  'review15_a12_sigma_std_shared.md:10',
  'review15_a13_tie_statement.md:6',
  'review15_b02_x_equals_mode.md:6',
  'review15_c01_log_avg.md:6',
  'review15_d01_logvar.md:6',
  'review15_d02_logsd_mismatch.md:4',
  'review15_d03_log_identity.md:8',
  'review15_f01_Qk.md:6',
  'review15_f02_Qk_product.md:10',
  'review15_f03_Qk_precision.md:6',
  'review15_g01_pl_equal.md:6',
  'review15_g02_pl_not_equal.md:4',
  'review15_g03_pl_question.md:4',
  'review15_h03_minimal_avg_hide.md:4',
  'review15_h03_minimal_avg_hide.md:6',
  'review15_h03_minimal_avg_hide.md:8',
  'review15_h05_single_gauss_only.md:6',
  'review15_h06_precision_update.md:6',
  'review15_h07_sigma_grad_logp.md:6',
  'review15_h07_sigma_grad_logp.md:10',
  'review15_i01_x_defined.md:6',
  'review15_j01_log_cdot.md:8',
  'review15_k01_logvar_more.md:8',
  'review15_k01_logvar_more.md:10',
  'review15_k02_logsd_identity.md:8',
  'review15_m01_Qk_direct.md:8',
  'review15_m02_Qk_product_misfire.md:8',
  'review15_n01_pl_equal_nopi.md:6',
  'review15_n02_pl_condition.md:4',
  'review15_p03_pl_plain.md:6',
  'review15_q01_Qk_multivar.md:8',
  'review15_q02_Qk_is_Nk.md:8',
  'review15_q03_Qk_display.md:8',
  'review15_r02_logprec.md:6',
  'review15_r02_logprec.md:8',
  'review15_r02_logprec.md:10',
  'review16_e2_chain_slip.md:6',
  'review16_e2_chain_slip.md:10',
  'review16_e3_chain_then_wrong.md:8',
  'review16_e4_chain_not_em.md:6',
  'review16_e4_chain_not_em.md:10',
  'review16_e5_2d_sigma_chain.md:12',
  'review16_e6_2d_mu_slip.md:10',
  'review16_e7_single_then_pi.md:8',
  'review16_m1_shorthand_sigma.md:8',
  'review16_m1_shorthand_sigma.md:10',
  'review16_m2_dropped_factor.md:6',
  'review16_m2_dropped_factor.md:8',
  'review16_m3_precision.md:6',
  'review16_m3_precision.md:10',
  'review16_q1_Qk_sigma.md:6',
  'review16_q2_Qk_lambda.md:6',
  'review16_q3_Qk_nospread.md:6',
  'review16_q4_Qk_mu.md:6',
  'review16_q5_L_theta.md:8',
  'review16_q6_f_sigma2.md:6',
  'review16_q7_Qk_logpi.md:8',
  'review16_q8_Qk_sigma2.md:6',
  'review16_r1a_def_zi.md:8',
  'review16_r1a_def_zi.md:12',
  'review16_r1b_def_zn_swapped.md:6',
  'review16_r1b_def_zn_swapped.md:10',
  'review16_r1d_r_notheta.md:6',
  'review16_r1d_r_notheta.md:10',
  'review16_r1e_tau_k_is_point.md:10',
  'review16_r1g_q_both_orders.md:12',
  'review16_r1h_gamma_ik_pointfirst_wrongbody.md:4',
  'review16_r1j_w_zn_only.md:6',
  'review16_t1_two_comp.md:8',
  'review16_t1_two_comp.md:10',
  'review16_t2_far_words.md:9',
  'review16_t3_two_of_vector.md:6',
  'review16_t4_two_comp_wrong_k2.md:4',
  ]);
});
