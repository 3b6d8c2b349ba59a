// Reductions of what the review of 2026-12-02's fourth stop and probes 42–43 found: rules of that stop that reached
// too far (a λ hyperparameter read note-wide from an aside, f' read as a derivative where the note names a new
// function, another model named only to be set aside, 0/1 read as a starting value where it is a result, ties the
// note rejects, a size stated in a bracketed aside, equal weights put into a step that writes weights, π beside the
// identity read as the weights' vector) and false ✗ the probes met (a gate h_k read as a component density, the
// logistic σ(a) read as σ·a, an isotropic section of a full-covariance note). Each expected verdict comes from the
// mathematics, never from the checker's output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import type { Claim } from '../../../src/core/types';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'probe-cases9', name), 'utf8');
const claimsOn = (text: string, line: number): Claim[] => checkNote(text).claims.filter((c) => (c.endLine ?? c.line) === line);
const verdictsOn = (text: string, line: number): string[] => claimsOn(text, line).map((c) => c.verdict);
const failsIn = (text: string): number[] => checkNote(text).claims.filter((c) => c.verdict === 'fail').map((c) => c.endLine ?? c.line);

describe('probe cases 9: a λ multiplier beside a λ in an aside', () => {
  it('λ as the weights\' multiplier and as a ridge (Σ_k + λI) in one note has two roles: no step with it is judged', () => {
    const note = fixture('lambda_multiplier_and_eigen_aside.md');
    // π_k = −N_k/λ = N_k/N is right with λ = −N (the first reading made it a ✗ against a hyperparameter λ).
    assert.deepEqual(failsIn(note), []);
    assert.match(checkNote(note).reading.text, /λ reads as/);
  });

  it('nor when the other λ is a penalty\'s weight in another section (the MAP update with λI is right)', () => {
    assert.deepEqual(failsIn(fixture('lambda_two_roles.md')), []);
  });

  it('det(Σ_k − λI) = 0 is a characteristic equation, not judged; det(Σ_k − tI) = 0 with the note\'s t is judged', () => {
    const eigen = claimsOn('The eigenvalues of the covariance solve\n$$\\det(\\Sigma_k - \\lambda I) = 0$$\n', 2);
    assert.deepEqual(eigen.map((c) => c.verdict), ['unchecked']);
    assert.match(eigen[0]!.message, /characteristic equation/);
    // t = tr(Σ_k)/D is the mean eigenvalue, not one: det(Σ_k − tI) is not 0 for a generic Σ_k (numpy: 0.93).
    const t = 'Let $t = \\operatorname{tr}(\\Sigma_k)/D$ be the mean eigenvalue of $\\Sigma_k$. Subtracting it from the diagonal,\n$$\\det(\\Sigma_k - t I) = 0$$\n';
    assert.deepEqual(verdictsOn(t, 2), ['fail']);
  });
});

describe('probe cases 9: f\' naming a new function', () => {
  it('J\'(π_k) = J(π_k) + λ(…) defines an augmented objective, not J\'s derivative', () => {
    assert.deepEqual(failsIn(fixture('primed_augmented_objective.md')), []);
  });

  it('q\'(μ_k) = q(μ_k) Σ … after q(μ_k) = exp(…) is q\'s derivative (a product with q, not a term added to it): its sign is judged', () => {
    assert.deepEqual(failsIn(fixture('prime_of_exponential.md')), [5]);
  });

  it('f\'(μ_k) after f(μ_k) = … is still its derivative, judged', () => {
    const note = (rhs: string) => `Let $f(\\mu_k) = \\sum_{n=1}^N \\gamma_{nk} (x_n - \\mu_k)^2$.\n\n$$f'(\\mu_k) = ${rhs}$$\n`;
    assert.deepEqual(verdictsOn(note('-2\\sum_{n=1}^N \\gamma_{nk}(x_n - \\mu_k)'), 3), ['pass']);
    assert.deepEqual(verdictsOn(note('2\\sum_{n=1}^N \\gamma_{nk}(x_n - \\mu_k)'), 3), ['fail']);
  });
});

describe('probe cases 9: another model named only to be set aside', () => {
  it('"Last week: HMMs. Today: … a Gaussian mixture", "Unlike an HMM", "why not Student-t mixtures?", "as for Poisson mixtures" keep the ✗', () => {
    const note = fixture('other_models_set_aside.md');
    // π_k = N_k/K, μ_k with 1/N, σ_k² without the square: wrong for a Gaussian mixture.
    assert.deepEqual(failsIn(note), [8, 12, 16]);
  });

  it('"In contrast to an HMM" keeps the ✗; "Beyond Gaussians: Poisson mixtures" is about Poisson mixtures', () => {
    assert.deepEqual(failsIn(fixture('in_contrast_to_hmm.md')), [8]);
    // σ_k² = μ_k: a Poisson component's variance is its mean.
    assert.deepEqual(failsIn(fixture('beyond_gaussians_poisson.md')), []);
  });

  it('a heading about another model still makes its ✗ unchecked', () => {
    const step = '$$\\pi_k = \\frac{N_k}{K}$$\n';
    assert.deepEqual(verdictsOn(`# HMM with Gaussian emissions: what changes relative to the GMM\n\n${step}`, 3), ['unchecked']);
    assert.deepEqual(verdictsOn(`# EM for a Poisson mixture\n\n${step}`, 3), ['unchecked']);
  });
});

describe('probe cases 9: 0 and 1 as results, not starting values', () => {
  it('"For K = 1 … the estimate is σ² = 1" is a (wrong) result, judged', () => {
    assert.deepEqual(verdictsOn(fixture('one_component_result.md'), 8), ['fail']);
  });

  it('"With a single component … the estimate is σ² = 1" is a (wrong) result; "so N_1 = N" there holds with K = 1', () => {
    const note = fixture('one_component_words_result.md');
    assert.deepEqual(verdictsOn(note, 7), ['fail']);
    assert.deepEqual(verdictsOn(note, 6), ['unchecked']);
  });

  it('"As starting values we take", a blank line, then σ² = 1; "With $p = 0.5$ and $\\sigma = 1$": values, not identities', () => {
    assert.deepEqual(failsIn(fixture('start_values_blank_line.md')), []);
    assert.deepEqual(failsIn('# Example\n\nWith $p = 0.5$ and $\\sigma = 1$ the prefactor is 1.\n'), []);
  });

  it('"We start EM from μ_1 = 0, σ = 1" gives values, not identities', () => {
    const note = '# Starting values\n\nWe start EM from $\\mu_1 = 0$, $\\sigma = 1$ and equal weights.\n';
    assert.deepEqual(failsIn(note), []);
  });
});

describe('probe cases 9: ties the note does not suppose', () => {
  it('"if μ_1 = μ_2 … not identifiable, so we assume they differ": the steps after are general', () => {
    // ∂ log p(x)/∂π = 𝒩_1 − 𝒩_2 over p(x): 0 only when the components coincide.
    assert.deepEqual(verdictsOn(fixture('tie_set_aside.md'), 8), ['fail']);
  });

  it('a tie used only to start from ("we initialise with μ_1 = μ_2 plus a perturbation") is not supposed', () => {
    assert.deepEqual(verdictsOn(fixture('tie_as_start.md'), 8), ['fail']);
  });

  it('"Suppose … μ_1 = μ_2 and σ_1 = σ_2, and only the weights differ", "… while π ≠ ½" still suppose the tie', () => {
    // With equal components p(x) does not depend on π: ∂ log p(x)/∂π = 0 there.
    assert.deepEqual(verdictsOn(fixture('tie_others_differ.md'), 8), ['unchecked']);
    assert.deepEqual(verdictsOn(fixture('tie_other_letter_neq.md'), 8), ['unchecked']);
  });

  it('"Suppose μ_1 = μ_2 and σ_1 = σ_2": the step after holds in that case and is not judged', () => {
    assert.deepEqual(verdictsOn(fixture('tie_supposed.md'), 8), ['unchecked']);
  });
});

describe('probe cases 9: sizes and weights of asides and examples', () => {
  it('"(for D = 1, this is the bell curve)" does not make the general step after it a D = 1 step', () => {
    // −D²/2 log 2π is wrong for D > 1 (−D/2 log 2π), right at D = 1.
    assert.deepEqual(verdictsOn(fixture('size_in_parenthesis.md'), 6), ['fail']);
  });

  it('a heading\'s brackets, "## Worked example (one dimension, $D = 1$)", are the section\'s size', () => {
    assert.deepEqual(failsIn(fixture('size_in_heading_brackets.md')), []);
  });

  it('an example whose text says the weights are equal lends them to a step that writes weights', () => {
    assert.deepEqual(failsIn(fixture('example_weights_said_equal.md')), []);
  });

  it('an example that gives no weights does not lend equal weights to a step that writes weights', () => {
    // Dropping π_1, π_2 from the responsibility holds for equal weights only; the text says "in general".
    assert.ok(verdictsOn(fixture('example_without_weights.md'), 7).includes('fail'));
  });
});

describe('probe cases 9: π as the number', () => {
  it('½ log π of a 1-D normaliser and |2πσ_k² 𝐈| are the number π, judged', () => {
    const note = fixture('pi_number_beside_identity.md');
    assert.deepEqual(verdictsOn(note, 3), ['pass']);
    assert.deepEqual(verdictsOn(note, 5), ['fail']);
    assert.deepEqual(verdictsOn(note, 9), ['pass']);
    assert.deepEqual(verdictsOn(note, 11), ['fail']);
  });
});

describe('probe cases 9: false ✗ of probes 42 and 43', () => {
  it('a gate h_k(x) the note defines as a ratio over the components is not a component density in Σ_k h_k(x) m_k', () => {
    assert.deepEqual(failsIn(fixture('mixture_regression_gates.md')), []);
  });

  it('σ(a) in a note about the logistic sigmoid is 1/(1 + e^{−a}), judged', () => {
    const note = fixture('logistic_sigmoid.md');
    assert.deepEqual(failsIn(note), []);
    assert.ok(verdictsOn(note, 7).includes('pass'));
    const wrong = note.replace('\\gamma_{n1} = \\sigma(a_n) = \\frac{1}{1 + e^{-a_n}}', '\\gamma_{n1} = \\sigma(-a_n)');
    assert.deepEqual(verdictsOn(wrong, 7), ['fail']);
  });

  it('σ(·) is a standard deviation times a bracket where "logistic" is only a word of the prose', () => {
    assert.deepEqual(failsIn(fixture('logistic_word_only.md')), []);
  });

  it('an isotropic case the text only imagines, or leaves ("back to full covariance matrices"), does not excuse the steps after', () => {
    // (Σ_kΣ_j)⁻¹ = Σ_k⁻¹Σ_j⁻¹, |Σ_k| = (tr Σ_k/D)^D and Σ_k⁻¹Σ_j = Σ_jΣ_k⁻¹ hold for isotropic matrices only.
    assert.deepEqual(failsIn(fixture('isotropic_imagined.md')), [6, 8]);
    assert.deepEqual(failsIn(fixture('isotropic_back_to_full.md')), [6]);
  });

  it('a gate written over the mixture\'s density, h_k(x) = π_k 𝒩(…)/p(x), is not a component density either', () => {
    assert.deepEqual(failsIn(fixture('gate_over_density.md')), []);
  });

  it('|Σ_k| = σ_k^{2D} in the section that takes Σ_k = σ_k² I holds there; σ_k^{D} is wrong there too', () => {
    const note = fixture('isotropic_section.md');
    assert.deepEqual(failsIn(note), []);
    assert.deepEqual(verdictsOn(note.replace('\\sigma_k^{2D}', () => '\\sigma_k^{D}'), 11), ['fail']);
  });
});

describe('probe cases 9: a ✗ shows values that differ', () => {
  it('the point a ✗ reports differs in the digits printed', () => {
    const note = '$$\\log p(x) = \\log\\left(\\pi \\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) + (1-\\pi)\\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)\\right)$$\n\n$$\\frac{\\partial \\log p(x)}{\\partial \\mu_1} = \\frac{x - \\mu_1}{\\sigma_1^2}$$\n';
    const [c] = claimsOn(note, 3);
    assert.equal(c!.verdict, 'fail');
    assert.notEqual(c!.values!.lhs, c!.values!.rhs);
  });
});

describe('probe cases 9: the multiplier\'s value at the optimum', () => {
  const note = (constraint: string, value: string) => `$$\\mathcal{J} = \\sum_{n=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) + \\lambda\\left(${constraint}\\right)$$\n\nSumming the conditions over $k$ gives $\\lambda = ${value}$.\n`;
  it('λ = N with the note\'s 𝒥 = ℓ + λ(Σ_k π_k − 1) is a ✗ (the multiplier is −N there); λ = −N is not', () => {
    // ∂𝒥/∂π_k = N_k/π_k + λ = 0 at the optimum, so π_k = −N_k/λ and Σ_k π_k = 1 gives λ = −N.
    assert.deepEqual(verdictsOn(note('\\sum_{k=1}^K \\pi_k - 1', 'N'), 3), ['fail']);
    assert.match(claimsOn(note('\\sum_{k=1}^K \\pi_k - 1', 'N'), 3)[0]!.message, /only for λ = −N/);
    assert.deepEqual(verdictsOn(note('\\sum_{k=1}^K \\pi_k - 1', '-N'), 3), ['unchecked']);
  });

  it('with 𝒥 = ℓ + λ(1 − Σ_k π_k) the multiplier is +N: λ = N is not a ✗, λ = −N is', () => {
    assert.deepEqual(verdictsOn(note('1 - \\sum_{k=1}^K \\pi_k', 'N'), 3), ['unchecked']);
    assert.deepEqual(verdictsOn(note('1 - \\sum_{k=1}^K \\pi_k', '-N'), 3), ['fail']);
  });

  it('without a Lagrangian of the note\'s, λ = N stays unchecked', () => {
    assert.deepEqual(verdictsOn('Setting the derivative of the Lagrangian to zero and summing over $k$ gives $\\lambda = N$.\n', 1), ['unchecked']);
  });
});

describe('probe cases 9: false ✗ of probes 44 and 45', () => {
  it('a condition said after the display ("which holds at a fixed point of EM") makes the step a condition', () => {
    assert.deepEqual(failsIn(fixture('fixed_point_said_after.md')), []);
  });

  it('"At a stationary point …, so e.g. $…$": the abbreviation does not end the sentence', () => {
    assert.deepEqual(failsIn(fixture('stationary_eg.md')), []);
  });

  it('"*Remark ($K=1$).* With a single component," ∂²ℓ/∂μ² = −N/σ² holds for the one component\'s μ and σ', () => {
    assert.deepEqual(verdictsOn(fixture('one_component_remark_bare.md'), 5), ['unchecked']);
  });

  it('𝒩 without arguments beside a generic point 𝐱 is not judged as 𝒩(x_n | …)', () => {
    assert.deepEqual(failsIn(fixture('bare_density_generic_point.md')), []);
  });

  it('a Lagrangian over c = 1, …, C: C is the number of components; ∂𝓛/∂π_c is the note\'s Lagrangian\'s', () => {
    const note = fixture('lagrangian_over_C.md');
    assert.deepEqual(failsIn(note), []);
    assert.deepEqual(verdictsOn(note, 6), ['pass']);
  });

  it('L(θ; 𝐱, 𝐙) is the complete-data likelihood, not the mixture\'s', () => {
    assert.deepEqual(failsIn(fixture('complete_data_likelihood.md')), []);
  });

  it('N_k = \\Sigma_n γ_nk (a sum written with the letter Σ) is not judged as a covariance times γ', () => {
    assert.deepEqual(failsIn(fixture('capital_sigma_sum.md')), []);
    assert.deepEqual(failsIn(fixture('capital_sigma_sum_1d.md')), []);
    // Σ_k the covariance, in a note whose Gaussians hold it, is still judged: r_nk Σ_k (x_n − μ_k) for Σ_k⁻¹(x_n − μ_k).
    const cov = '$$\\ell = \\sum_{n=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma_k)$$\n\n$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{n=1}^N \\gamma_{nk} \\Sigma_k (x_n - \\mu_k)$$\n';
    assert.deepEqual(verdictsOn(cov, 3), ['fail']);
  });
});

describe('probe cases 9: a chain that ends by naming its last expression', () => {
  it('`… \\ge \\sum_n \\gamma_{nk} =: S_k` defines S_k as that sum; a later step with S_k is judged with it', () => {
    const note = (rhs: string) => `$$\\gamma_{1k} \\le \\sum_{n=1}^N \\gamma_{nk} =: S_k$$\n\n$$S_k = ${rhs}$$\n`;
    // S_k is N_k; N_k + 1 is not.
    assert.deepEqual(verdictsOn(note('N_k'), 3), ['pass']);
    assert.deepEqual(verdictsOn(note('N_k + 1'), 3), ['fail']);
    assert.ok(!checkNote(note('N_k')).claims.some((c) => /links statements|nothing is written/.test(c.message)));
  });
});

describe('probe cases 9: the second review and probes 46–47', () => {
  it('an isotropic case ends only where the text returns to general covariances, and a clause about something else does not imagine it', () => {
    // |Σ_k| = σ_k^{2D} and (x − μ_k)ᵀΣ_k⁻¹(x − μ_k) = ‖x − μ_k‖²/σ_k² hold with Σ_k = σ_k² I.
    for (const f of ['isotropic_in_general_local_max.md', 'isotropic_going_back_to.md', 'isotropic_otherwise_would.md']) assert.deepEqual(failsIn(fixture(f)), [], f);
  });

  it('"let σ(a) = 1/(1+e^{−a}) be the standard logistic function": σ(a_n) is it', () => {
    assert.deepEqual(failsIn(fixture('logistic_denote.md')), []);
  });

  it('sample weights π_n summed over the points do not make n a component index', () => {
    // α_k = Σ_n π_n γ_nk and the weighted mean are weighted EM's M-step.
    assert.deepEqual(failsIn(fixture('sample_weights_pi_n.md')), []);
  });

  it('"so that the two components differ only in their weights" supposes the tie: γ_n1 = π_1 holds there', () => {
    assert.deepEqual(verdictsOn(fixture('tie_differ_only_in_weights.md'), 6), ['unchecked']);
  });

  it('"(last week: HMMs)" in a title sets the HMM aside: the ✗ under it stay', () => {
    assert.deepEqual(verdictsOn(fixture('last_week_in_brackets.md'), 6), ['fail', 'fail']);
  });

  it('"the M-step for one component $k$" is not the case of one component', () => {
    // μ_k = (1/N) Σ_n x_n drops the responsibilities: right only with K = 1.
    assert.deepEqual(verdictsOn(fixture('one_component_k.md'), 5), ['fail']);
  });

  it('Σ_k before (x_n − μ_k) where the note\'s Gaussians hold a bold Σ_k is the covariance, judged', () => {
    assert.deepEqual(verdictsOn(fixture('bold_covariance_not_sum.md'), 5), ['fail']);
  });

  it('"… the estimate is σ² = 1, which we use to standardise" is a result; "not only at the optimum" is an identity', () => {
    assert.deepEqual(verdictsOn(fixture('result_then_use.md'), 6), ['fail']);
    // Σ_n γ_nk x_n = N_k μ_k only at the M-step's μ_k.
    assert.deepEqual(verdictsOn(fixture('not_only_at_optimum.md'), 5), ['fail']);
  });

  it('J\'(π) = −J(π) + λ(…) names the negated objective: ∂J\'/∂π_k with the sign of J is a ✗', () => {
    assert.deepEqual(failsIn(fixture('primed_negated_objective.md')), [7]);
  });

  it('∂A(η_k, τ_k)/∂τ_k with η_k = τ_k μ_k holds η_k fixed: not evaluated with μ_k held', () => {
    assert.deepEqual(failsIn(fixture('partial_holds_natural_parameter.md')), []);
  });

  it('∂Q/∂μ_k of a Q the note never defines is not 0', () => {
    assert.deepEqual(verdictsOn(fixture('undefined_q_derivative.md'), 2), ['unchecked']);
  });

  it('"For scalar data (1-D):" in a full-covariance note reads the step in one dimension', () => {
    assert.deepEqual(failsIn(fixture('one_dimension_words.md')), []);
  });

  it('"At (5), tr(Λ_k S_k) = n_k D" with (5) the covariance update is a condition at the optimum', () => {
    assert.deepEqual(verdictsOn(fixture('at_equation_reference.md'), 4), ['unchecked']);
  });
});

describe('probe cases 9: letters described in words', () => {
  it('"Let $A$ be invertible with cofactor matrix $C$": C is the note\'s, not any matrix; a ✗ for every C is not a reading', () => {
    assert.deepEqual(failsIn(fixture('cofactor_in_words.md')), []);
  });

  it('"For an invertible matrix $A$": a step that fails for every A is still a ✗', () => {
    const note = 'For an invertible matrix $A$,\n$$\\frac{\\partial \\log|A|}{\\partial A} = A$$\n';
    assert.deepEqual(verdictsOn(note, 2), ['fail']);
  });

  it('"a parameter $\\vartheta$ that only enters component $k$": ∂ℓ/∂ϑ is not the derivative in all the parameters', () => {
    assert.deepEqual(failsIn(fixture('parameter_of_one_component.md')), []);
  });
});

describe('probe cases 9: the third review and probe 48 (correct notes)', () => {
  it('values a figure or a single Gaussian takes are not judged; "the M-step for one component" words do not need the index', () => {
    assert.deepEqual(failsIn(fixture('figure_values.md')), []);
    // With K = 1, γ_n1 = 1 and μ_1 = x̄.
    assert.deepEqual(failsIn(fixture('single_gaussian_formula.md')), []);
  });

  it('"Unlike in logistic regression, σ here is a standard deviation": σ(…) is σ times a bracket', () => {
    assert.deepEqual(failsIn(fixture('unlike_logistic_regression.md')), []);
  });

  it('"Beyond Gaussians: Poisson mixtures. Here each component is Poisson" stays about Poisson mixtures', () => {
    assert.deepEqual(failsIn(fixture('beyond_gaussians_here_poisson.md')), []);
  });

  it('σ(a) = 1/(1+e^{−a}) written with a slash names the logistic', () => {
    assert.deepEqual(failsIn(fixture('sigmoid_slash_formula.md')), []);
  });

  it('"generalises the univariate one", "by (2) we get", "Returning to the general case", "would make": the steps are judged', () => {
    // Each holds only for D = 1, at EM's fixed points, or for isotropic Σ_k: wrong as general steps.
    assert.deepEqual(failsIn(fixture('generalises_univariate.md')), [5]);
    assert.deepEqual(failsIn(fixture('by_equation_definition.md')), [6]);
    assert.deepEqual(failsIn(fixture('isotropic_returning_general.md')), [5]);
    assert.deepEqual(failsIn(fixture('isotropic_would_clause.md')), [4]);
  });

  it('"the Lagrange multiplier $\\\\mu$": the bare μ is the multiplier, not the means', () => {
    assert.deepEqual(failsIn(fixture('multiplier_named_mu.md')), []);
    assert.match(checkNote(fixture('multiplier_named_mu.md')).reading.text, /multiplier μ/);
  });

  it('Σ_k^{new} = Σ_k = (1/N_k) Σ_n γ_nk (…)(…)ᵀ after "setting the gradient to zero" names one value twice', () => {
    assert.deepEqual(failsIn(fixture('new_equals_letter_chain.md')), []);
    assert.deepEqual(failsIn(fixture('new_equals_letter_chain_1d.md')), []);
    assert.ok(verdictsOn(fixture('new_equals_letter_chain.md'), 2).includes('pass'));
  });

  it('"Where μ_k is the weighted mean", "(… holds at the new mean μ_k)": the step is a condition', () => {
    assert.deepEqual(failsIn(fixture('weighted_mean_before.md')), []);
    assert.deepEqual(failsIn(fixture('new_mean_after.md')), []);
  });
});

describe('probe cases 9: the fourth review and probe 50', () => {
  it('"In one dimension, where Σ_k is a number rather than a matrix": the step is read in one dimension', () => {
    // log|2πs| = log 2π + log s for a 1×1 matrix.
    assert.deepEqual(failsIn(fixture('one_dimension_where_number.md')), []);
  });

  it('"…, $\\\\Sigma_k = \\\\sigma_k^2 I$, which would leave one variance per component" takes the isotropic case up', () => {
    assert.deepEqual(failsIn(fixture('isotropic_which_would.md')), []);
  });

  it('"the logistic sigmoid σ of a_n, not a softmax" names the logistic', () => {
    assert.deepEqual(failsIn(fixture('sigmoid_not_softmax.md')), []);
  });

  it('"the scalar multiplier σ of the identity" is no Lagrange multiplier', () => {
    assert.deepEqual(failsIn(fixture('scalar_multiplier_of_identity.md')), []);
  });

  it('"Today: EM for mixtures" moves on even where the note writes \\\\gamma (not the Gamma family)', () => {
    // μ_k with 1/N instead of 1/N_k.
    assert.deepEqual(failsIn(fixture('today_mixtures_gamma.md')), [5]);
  });

  it('"Let $A$ be a symmetric matrix" quantifies over A: ∂(xᵀAx)/∂x = Ax is a ✗', () => {
    assert.deepEqual(failsIn(fixture('symmetric_matrix_quantifies.md')), [4]);
  });

  it('"σ² = 1 whatever the data, as the figure shows", "For one component 𝒩(x | μ_k, σ_k²) of the mixture", "the E-step again": judged', () => {
    assert.deepEqual(failsIn(fixture('figure_shows_result.md')), [7]);
    assert.deepEqual(failsIn(fixture('one_component_of_mixture.md')), [5]);
    assert.deepEqual(failsIn(fixture('estep_again_after_mstep.md')), [4]);
  });

  it('data in ℝ³ or ℝ^D with covariances σ_k² I make the model multivariate: a missing factor D is caught, the right expansion is not a ✗', () => {
    const r3 = fixture('isotropic_in_r3.md');
    // Lines 14 and 21 are wrong (σ_k for σ_k², a missing 1/3); 10 and 19 are right in three dimensions.
    assert.deepEqual(failsIn(r3), [14, 21]);
    assert.match(checkNote(r3).model.description, /3-D \((?:the note writes covariances σ_k² I; )?D = 3 from the data's space ℝ\^3\)/);
    assert.deepEqual(failsIn(fixture('isotropic_in_rd.md')), [2]);
  });
});

describe('probe cases 9: probe 49 (correct notes)', () => {
  it('"Since $\\\\pi_k = N_k/N$", "where π_k = N_k/N is the updated weight", "con i pesi aggiornati": the step is at the M-step', () => {
    // ln π_k = ln N_k − ln N and Σ_i Σ_j τ_ij ln w_j = Σ_j T_j ln(T_j/n) hold at the updated weights only.
    for (const f of ['since_weight_update.md', 'where_updated_weight_after.md', 'pesi_aggiornati.md']) assert.deepEqual(failsIn(fixture(f)), [], f);
  });

  it('without the condition the step is read as the weight\'s update (as `\\pi_k = N_k/N` is), and a slip in it is a ✗', () => {
    // ln π_k = ln N_k − ln N is π_k = N_k/N under the logarithm: the M-step's weight, as the plain form reads.
    assert.deepEqual(failsIn('$$\\ln\\pi_k = \\ln N_k - \\ln N$$\n'), []);
    assert.deepEqual(failsIn('$$\\ln\\pi_k = \\ln N_k + \\ln N$$\n'), [1]);
  });
});
