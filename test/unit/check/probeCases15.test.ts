// What probes 73–74 and the review after them found on 2026-12-04: Hessians written \partial^2 ℓ / \partial μ_j \partial μ_k,
// a step size before a slash derivative, derivatives in a quantity the note defines (a_nk, the log-sum-exp's argument),
// θ of a component's density, Lagrangian steps that use Σ_k π_k = 1, an exam's one-dimensional question beside its
// multivariate model, and objectives defined under words that say what they are. Every expected verdict comes from the
// mathematics (numpy finite differences where a derivative is involved), never from the checker's output.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { fixtureNote, labelledFixtureTests } from './fixtureNotes';

const claimsOn = (text: string, line: number) => checkNote(text).claims.filter((c) => (c.endLine ?? c.line) === line);
const verdictsOn = (text: string, line: number): string[] => claimsOn(text, line).map((c) => c.verdict);

const LOGLIK = '\\sum_{n=1}^{N}\\log\\sum_{k=1}^{K}\\pi_k\\,\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)';

describe('probe cases 15: derivatives written other ways', () => {
  it('∂²ℓ/∂μ_j ∂μ_k, a mixed partial, is ∂/∂μ_j of ∂ℓ/∂μ_k', () => {
    // numpy: for j ≠ k, ∂²ℓ/∂μ_j∂μ_k = −Σ_n γ_nj γ_nk (x_n − μ_j)(x_n − μ_k)/(σ_j² σ_k²) (finite differences of the gradient).
    const rhs = '\\sum_{n=1}^{N} \\gamma_{nj}\\gamma_{nk}\\frac{(x_n-\\mu_j)(x_n-\\mu_k)}{\\sigma_j^2\\sigma_k^2}';
    const text = `For $j \\neq k$,\n$$\\frac{\\partial^2 \\ell}{\\partial \\mu_j \\, \\partial \\mu_k} = -${rhs}$$\n$$\\frac{\\partial^2 \\ell}{\\partial \\mu_j \\, \\partial \\mu_k} = ${rhs}$$`;
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.deepEqual(verdictsOn(text, 3), ['fail']);
    assert.match(claimsOn(text, 3)[0]!.message, /flips the sign/);
  });
  it('σ_k² ∂ℓ/∂μ_k written with a slash: the factor before ∂ multiplies the derivative', () => {
    const text = '$$\\sigma_k^2\\,\\partial\\ell/\\partial\\mu_k = \\sum_n\\gamma_{nk}(x_n-\\mu_k)$$\n$$\\sigma_k^2\\,\\partial\\ell/\\partial\\mu_k = \\sum_n\\gamma_{nk}(\\mu_k-x_n)$$';
    assert.deepEqual([verdictsOn(text, 1), verdictsOn(text, 2)], [['pass'], ['fail']]);
  });
  it('∂_{μ_k} ℓ, the subscript shorthand, is ∂ℓ/∂μ_k; after a \\cdot it applies to what follows it', () => {
    const text = '$$\\partial_{\\mu_k}\\ell = \\sum_n \\gamma_{nk}\\frac{x_n-\\mu_k}{\\sigma_k^2}$$\n$$\\partial_{\\mu_k}\\ell = \\sum_n \\gamma_{nk}\\frac{\\mu_k-x_n}{\\sigma_k^2}$$\n' +
      '$$\\partial_{\\mu_k}\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2) = \\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)\\cdot\\partial_{\\mu_k}\\log\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)$$\n' +
      '$$\\partial_{\\mu_k}\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2) = \\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)\\cdot\\partial_{\\mu_k}\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)$$';
    assert.deepEqual([1, 2, 3, 4].map((l) => verdictsOn(text, l)), [['pass'], ['fail'], ['pass'], ['fail']]);
  });
  it('a derivative in a quantity the note defines from the parameters is not evaluated, and says where it is defined', () => {
    const text = 'Let $a_{nk} = \\log\\pi_k + \\log\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)$ and $\\ell = \\sum_n \\log\\sum_k e^{a_{nk}}$.\n\n$$\\frac{\\partial \\ell}{\\partial a_{nk}} = \\gamma_{nk}$$';
    const [claim] = claimsOn(text, 3);
    assert.equal(claim?.verdict, 'unchecked');
    assert.match(claim!.message, /defines on line 1 from other quantities/);
  });
  it('∂A(η_k, Λ_k)/∂Λ_k with η_k = Λ_k μ_k: the other argument moves with the same parameter, so it is not evaluated', () => {
    // The step is wrong only under one reading of what is held fixed; a ✗ there was a catch by luck.
    assert.deepEqual(verdictsOn(fixtureNote('probe-notes', 'zq2_n1_expfam_gaussian.md'), 31), ['unchecked']);
  });
  it('∂N_k/∂π_j written as N_k itself is a wrong step, not "the derivative was not taken" of a density', () => {
    const text = '$$N_k = \\sum_n \\gamma_{nk}$$\n$$\\frac{\\partial N_k}{\\partial \\pi_j} = \\sum_n \\gamma_{nk}$$';
    const [claim] = claimsOn(text, 2);
    assert.equal(claim?.verdict, 'fail');
    assert.doesNotMatch(claim!.message, /derivative was not taken/);
  });
});

describe('probe cases 15: what a parameter letter means in a step', () => {
  it('∂ℓ/∂θ = Σ_n Σ_k γ_nk ∂ log 𝒩(x_n | μ_k, σ_k²)/∂θ: θ is a parameter of the components', () => {
    // numpy: the identity holds for θ any of μ_k, σ_k² (and so along any direction of them), not for π_k.
    const step = (w: string) => `$$\\frac{\\partial \\ell}{\\partial\\theta} = \\sum_n\\sum_k ${w}\\frac{\\partial\\log\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)}{\\partial\\theta}$$`;
    const right = claimsOn(step('\\gamma_{nk}'), 1);
    assert.deepEqual(right.map((c) => c.verdict), ['pass']);
    assert.match(right[0]!.message, /θ a parameter of the components/);
    assert.deepEqual(verdictsOn(step('\\pi_k'), 1), ['fail']);
    // "for θ any of the μ_k, σ_k²": holding along all of them at once, it holds for each.
    const inline = `So $${step('\\gamma_{nk}').slice(2, -2)}$ for $\\theta$ any of the $\\mu_k, \\sigma_k^2$.`;
    assert.deepEqual(verdictsOn(inline, 1), ['pass']);
  });
  it('Σ_k π_k ∂𝒥/∂π_k = N + λ holds on the simplex: a Lagrangian step that uses Σ_k π_k = 1 passes, a slip in it does not', () => {
    const text = `$$\\mathcal{J} = ${LOGLIK} + \\lambda\\Big(\\sum_k\\pi_k - 1\\Big)$$\n` +
      '$$\\frac{\\partial \\mathcal{J}}{\\partial \\pi_k} = \\sum_n\\frac{\\gamma_{nk}}{\\pi_k} + \\lambda$$\n' +
      '$$\\sum_k \\pi_k\\frac{\\partial \\mathcal{J}}{\\partial \\pi_k} = N + \\lambda$$\n$$\\sum_k \\pi_k\\frac{\\partial \\mathcal{J}}{\\partial \\pi_k} = N$$';
    assert.deepEqual([2, 3, 4].map((l) => verdictsOn(text, l)), [['pass'], ['pass'], ['fail']]);
    assert.match(claimsOn(text, 3)[0]!.message, /weights on the simplex/);
  });
  it('σ_k in a note whose components have matrices Σ_k: the exam\'s one-dimensional step is read in one dimension', () => {
    const text = 'Data $x_n \\in \\mathbb{R}^D$, $p(x) = \\sum_k \\pi_k \\mathcal{N}(x\\mid\\mu_k,\\Sigma_k)$ with $\\det\\Sigma_k$.\n' +
      '$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_n \\gamma_{nk}\\frac{x_n-\\mu_k}{\\sigma_k^2}$$\n' +
      '$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_n \\gamma_{nk}\\frac{\\mu_k-x_n}{\\sigma_k^2}$$\n' +
      '$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_n \\gamma_{nk}\\Sigma_k^{-1}(x_n-\\mu_k)$$';
    assert.ok(checkNote(text).model.D > 1);
    assert.deepEqual([2, 3, 4].map((l) => verdictsOn(text, l)), [['pass'], ['fail'], ['pass']]);
    assert.match(claimsOn(text, 2)[0]!.message, /read in one dimension/);
  });
  it('π π^⊤, an outer product of the weights, says nothing of the data\'s dimension; u^⊤ A u, a quadratic form, does', () => {
    const step = '$$\\frac{\\partial \\log p(x_n)}{\\partial \\mu_k} = \\gamma_{nk} \\frac{x_n - \\mu_k}{\\sigma_k^2}$$\n';
    assert.equal(checkNote(`${step}The Hessian in the weights involves $\\operatorname{diag}(\\pi) - \\pi\\pi^\\top$.`).model.D, 1);
    assert.ok(checkNote(`${step}The quadratic form $u^\\top A u$ is positive.`).model.D > 1);
  });
});

describe('probe cases 15: objectives and letters the words define', () => {
  it('"the average log-likelihood ℓ = (1/N) Σ …" defines ℓ; "the negative log-likelihood 𝓛 = (1/N) Σ …" drops its sign', () => {
    const avg = `We maximise the average log-likelihood\n$$\\ell = \\frac{1}{N}${LOGLIK}$$\n$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\frac{1}{N}\\sum_{n=1}^{N} \\gamma_{nk}\\,\\frac{x_n-\\mu_k}{\\sigma_k^2}$$`;
    assert.deepEqual([verdictsOn(avg, 2), verdictsOn(avg, 3)], [['pass'], ['pass']]);
    assert.deepEqual(verdictsOn(`The negative log-likelihood is\n$$\\mathcal{L} = \\frac{1}{N}${LOGLIK}$$`, 2), ['fail']);
  });
  it('𝓛(μ, σ, π) = −(1/N) Σ …: the objective of the parameters it lists, defined, and its gradient checked against it', () => {
    const text = `$$\\mathcal{L}(\\mu,\\sigma,\\pi) = -\\frac{1}{N}${LOGLIK}$$\n$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = -\\frac{1}{N}\\sum_{n=1}^{N} \\gamma_{nk}\\,\\frac{x_n-\\mu_k}{\\sigma_k^2}$$`;
    assert.deepEqual([verdictsOn(text, 1), verdictsOn(text, 2)], [['pass'], ['pass']]);
  });
  it('log L(θ) with L never defined is the log-likelihood', () => {
    const step = (d: string) => `$$\\frac{\\partial \\log L(\\theta)}{\\partial\\mu_k} = \\sum_n\\gamma_{nk}\\frac{${d}}{\\sigma_k^2}$$`;
    assert.deepEqual(verdictsOn(step('x_n-\\mu_k'), 1), ['pass']);
    assert.deepEqual(verdictsOn(step('\\mu_k-x_n'), 1), ['fail']);
  });
  it('"observations $x_i$ come with weights $c_i$": the points\' weights, not the mixture\'s', () => {
    assert.notDeepEqual(verdictsOn('Observations $x_i$ come with weights $c_i$, and $\\sum_i c_i = 1$.', 1), ['pass']);
    assert.ok(!checkNote('Observations $x_i$ come with weights $c_i$.').reading.symbols.some((s) => s.role === 'weight'));
  });
  it('"the responsibilities $q_{tc}$" names the responsibilities: an M-step in them is checked, and a swap in it is ✗', () => {
    const text = 'Points $x_t$, weights $\\alpha_c$, means $m_c$, variances $v_c$; the responsibilities $q_{tc}$.\n' +
      '$$m_c = \\frac{\\sum_t q_{tc}\\, x_t}{\\sum_t q_{tc}}$$\n$$m_c = \\frac{\\sum_t q_{tc}\\, x_t}{\\sum_t q_{ct}}$$';
    assert.deepEqual([verdictsOn(text, 2), verdictsOn(text, 3)], [['pass'], ['fail']]);
  });
});

describe('probe cases 15: worked examples stated as lists, and numbers put into the formula', () => {
  const example = (line: string) => 'Observations $y_t$, weights $\\pi_c$, means $\\mu_c$, variances $\\sigma_c^2$; responsibilities\n' +
    '$$q_{tc} = \\frac{\\pi_c\\mathcal{N}(y_t\\mid\\mu_c,\\sigma_c^2)}{\\sum_{c\'=1}^{C}\\pi_{c\'}\\mathcal{N}(y_t\\mid\\mu_{c\'},\\sigma_{c\'}^2)}$$\n\n' +
    `By hand with $C=2$: $y = (0.2, 1.1, 2.9)$, $\\pi = (0.4, 0.6)$, $\\mu = (0, 3)$, $\\sigma^2 = (1, 0.5)$.\n\n${line}`;
  it('π = (0.4, 0.6), μ = (0, 3), σ² = (1, 0.5) in a one-dimensional note: one value per component; y = (…) beside y_t: the data', () => {
    // numpy: q_{22} = 0.6 𝒩(1.1 | 3, 0.5) / (0.4 𝒩(1.1 | 0, 1) + 0.6 𝒩(1.1 | 3, 0.5)) = 0.095094.
    assert.deepEqual(verdictsOn(example('- $q_{2,2} = 0.0951$'), 6), ['pass']);
    assert.deepEqual(verdictsOn(example('- $q_{2,2} = 0.1051$'), 6), ['fail']);
    assert.match(claimsOn(example('- $q_{2,2} = 0.1051$'), 6)[0]!.message, /exact 0\.095094/);
  });
  it('a list in a note with vectors is one mean\'s coordinates, not one value per component', () => {
    const text = 'Points $\\mathbf{x}_n \\in \\mathbb{R}^2$, $\\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)$, $(\\mathbf{x}_n - \\boldsymbol{\\mu}_k)^\\top$.\n\nTake $\\mu = (0, 3)$.';
    assert.ok(checkNote(text).model.D > 1);
    assert.ok(claimsOn(text, 3).every((c) => !/of each component/.test(c.message)));
    assert.match(claimsOn(example('- $q_{2,2} = 0.0951$'), 4).find((c) => c.lhs === '\\mu')!.message, /μ of each component/);
  });
  it('log p(x | θ) = log(0.3 𝒩(0.5 | 0, 1) + 0.7 𝒩(0.5 | 2, 1)): the example\'s numbers put in, not an identity of every GMM', () => {
    const text = 'Mixture $\\log p(x\\mid\\theta) = \\log\\sum_s \\rho_s\\mathcal{N}(x\\mid\\mu_s,\\sigma_s^2)$.\n\nOne point $x = 0.5$, $S = 2$, unit variances:\n\n' +
      '- $\\log p(x\\mid\\theta) = \\log\\big(0.3\\,\\mathcal{N}(0.5\\mid 0,1) + 0.7\\,\\mathcal{N}(0.5\\mid 2,1)\\big) = -1.628$';
    assert.deepEqual(verdictsOn(text, 5).filter((v) => v === 'fail'), []);
  });
  it('Λ(x − μ) with Λ never defined: read as a function the shapes do not fit, so not judged, and the message says why', () => {
    const text = '$(\\mathbf{x}-\\boldsymbol{\\mu})^\\top\\boldsymbol{\\Lambda}(\\mathbf{x}-\\boldsymbol{\\mu}) = \\operatorname{tr}\\big(\\boldsymbol{\\Lambda}(\\mathbf{x}-\\boldsymbol{\\mu})(\\mathbf{x}-\\boldsymbol{\\mu})^\\top\\big)$';
    const [claim] = claimsOn(text, 1);
    assert.equal(claim?.verdict, 'unchecked');
    assert.match(claim!.message, /Λ\(…\) is read as a function the note does not define/);
  });
});

describe('probe cases 15: a distribution the note leaves free, written with indices', () => {
  const F = '\\mathcal{F}(q,\\theta) = \\sum_{n=1}^N\\sum_{k=1}^K q_{nk}\\log\\frac{\\pi_k\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)}{q_{nk}}';
  const note = (line: string) => `For any $q_{nk}$ with $\\sum_{k=1}^K q_{nk} = 1$,\n$$${F}$$\n${line}`;
  it('q_{nk} with Σ_k q_{nk} = 1 is any distribution over k for each n: identities for every q pass', () => {
    // numpy: log p(X | θ) = F(q, θ) + Σ_n Σ_k q_nk log(q_nk / γ_nk) for any q (random Dirichlet draws).
    const text = note('$$\\log p(X\\mid\\theta) = \\mathcal{F}(q,\\theta) + \\sum_{n=1}^N\\sum_{k=1}^K q_{nk}\\log\\frac{q_{nk}}{\\gamma_{nk}}$$');
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
    // A step true only for some q (the bound tight at the posterior) is not a ✗.
    assert.notDeepEqual(verdictsOn(note('$$\\mathcal{F}(q,\\theta) = \\log p(X\\mid\\theta)$$'), 3), ['fail']);
  });
  it('q_{nk} ∝ π_k 𝒩(x_n | μ_k, σ_k²): the note\'s choice of q, not an identity of every q', () => {
    const [claim] = claimsOn(note('$$q_{nk} \\propto \\pi_k\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)$$'), 3);
    assert.equal(claim?.verdict, 'unchecked');
    assert.match(claim!.message, /a distribution the note leaves free/);
  });
  it('Σ_k γ_{nk} = 1 does not make the responsibilities a free distribution', () => {
    const text = '$$\\sum_k \\gamma_{nk} = 1$$\n$$\\gamma_{nk} = \\frac{\\pi_k\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)}{\\sum_j \\pi_j\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)}$$';
    assert.deepEqual(verdictsOn(text, 2), ['fail']);
  });
});

describe('probe cases 15: the labelled notes (probe 75)', () => {
  labelledFixtureTests('probe-cases15', new Set<string>([]), [
    'probe75_01_1d_stddev_gradients.md:39',
    'probe75_02_precision_form_scribe.md:47',
    'probe75_03_blog_em_1d_lagrange_beta.md:37',
    'probe75_04_softmax_logits_adam.md:29',
    'probe75_05_worked_em_iteration.md:40',
    'probe75_05_worked_em_iteration.md:50',
    'probe75_08_tied_covariance_cheatsheet.md:34',
    'probe75_08_tied_covariance_cheatsheet.md:50',
    'probe75_09_logsumexp_estep_lab.md:34',
    'probe75_09_logsumexp_estep_lab.md:46',
  ]);
});

describe('probe cases 15: probe 76 (homework, Obsidian pages, cheat sheets, worked examples)', () => {
  it('log p(x | θ) = Σ_i log p(x_i | θ): x without its index is the data set, which the checker does not read as one point', () => {
    const [claim] = claimsOn('$$\\log p(x\\mid\\theta)=\\sum_{i=1}^N\\log p(x_i\\mid\\theta)$$\n$$p(x_i\\mid\\theta)=\\sum_k\\pi_k\\mathcal{N}(x_i\\mid\\mu_k,\\sigma_k^2)$$', 1);
    assert.equal(claim?.verdict, 'unchecked');
    assert.match(claim!.message, /stands for all of them \(the data set\)/);
  });
  it('LL(θ) and NLL(θ) typed as letters are one name, defined by the note', () => {
    const text = '$$LL(\\theta)=\\sum_{i=1}^N\\log\\sum_{m=1}^M\\alpha_m\\mathcal{N}(x_i\\mid\\mu_m,\\sigma_m^2)$$\n$$\\frac{\\partial\\,LL(\\theta)}{\\partial\\mu_m}=\\sum_i\\gamma_{im}\\frac{x_i-\\mu_m}{\\sigma_m^2}$$';
    assert.match(claimsOn(text, 1)[0]!.message, /defines LL/);
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.deepEqual(verdictsOn(text.replace('{x_i-\\mu_m}', '{\\mu_m-x_i}'), 2), ['fail']);
  });
  it('a restatement of S_k whose shapes do not fit leaves the definition in force, and the steps after it are judged with that', () => {
    const text = 'Points $\\mathbf{x}_n\\in\\mathbb{R}^D$, $(\\mathbf{x}_n-\\boldsymbol\\mu_k)^T$.\n$$S_k=\\sum_{n=1}^N r_{nk}(\\mathbf{x}_n-\\boldsymbol\\mu_k)(\\mathbf{x}_n-\\boldsymbol\\mu_k)^T$$\n' +
      'Shortcut: $S_k=\\sum_n r_{nk}\\mathbf{x}_n\\mathbf{x}_n^T-N_k\\boldsymbol\\mu_k^T\\boldsymbol\\mu_k$.\n$$\\frac{1}{N_k}S_k=\\frac{1}{N_k}\\sum_{n=1}^N r_{nk}(\\mathbf{x}_n-\\boldsymbol\\mu_k)(\\mathbf{x}_n-\\boldsymbol\\mu_k)^T$$';
    const [restated] = claimsOn(text, 3);
    assert.equal(restated?.verdict, 'unchecked');
    assert.match(restated!.message, /restates S_…, defined on line 2, but the shapes of its right side do not fit/);
    assert.deepEqual(verdictsOn(text, 4), ['pass']);
  });
  it('σ_1^{2(1)} = Σ_i γ_i1 (x_i − μ_1^{(1)})²/N_1 in a worked EM cycle: the M-step of cycle 1 uses the E-step before it', () => {
    // numpy: x = (−1.2, 0.3, 1.1, 3.4), π = (½, ½), μ = (0, 2), σ² = (1, 1): σ_1^{2(1)} = 0.91383.
    const text = '$x=(-1.2,\\;0.3,\\;1.1,\\;3.4)$, $N=4$, $\\pi_1=\\pi_2=0.5$, $\\mu_1=0$, $\\mu_2=2$, $\\sigma_1^2=\\sigma_2^2=1$.\n\n' +
      '$$\\mu_1^{(1)} = \\frac{\\sum_i\\gamma_{i1}x_i}{N_1} = -0.1876$$\n$$\\sigma_1^{2\\,(1)} = \\frac{\\sum_i\\gamma_{i1}(x_i-\\mu_1^{(1)})^2}{N_1} = 0.9138$$';
    assert.deepEqual(verdictsOn(text, 4), ['pass', 'pass']);
    assert.ok(verdictsOn(text.replace('= 0.9138', '= 0.8138'), 4).includes('fail'));
  });
  it('𝓛(θ^{(1)}) − 𝓛(θ^{(0)}): each at the EM cycle it names, not both at one instance (the difference was read as 0)', () => {
    // numpy: 𝓛(θ^{(0)}) = −7.759388, 𝓛(θ^{(1)}) = −7.446779 for the example below; the gain is 0.312609.
    const worked = (gain: string) => '$x=(-1.2,\\;0.3,\\;1.1,\\;3.4)$, $N=4$, $\\pi_1=\\pi_2=0.5$, $\\mu_1=0$, $\\mu_2=2$, $\\sigma_1^2=\\sigma_2^2=1$.\n\n' +
      `$$\\mathcal{L}(\\theta^{(1)})-\\mathcal{L}(\\theta^{(0)}) = ${gain}$$`;
    assert.deepEqual(verdictsOn(worked('0.3126'), 3), ['pass']);
    assert.deepEqual(verdictsOn(worked('0.2126'), 3), ['fail']);
    assert.match(claimsOn(worked('0.2126'), 3)[0]!.message, /exact 0\.312609/);
  });
  it('arithmetic on numbers that does not come out says so', () => {
    const [, claim] = claimsOn('$$\\mathcal{L}(\\theta^{(1)})-\\mathcal{L}(\\theta^{(0)}) = -7.4468-(-7.7594) = 0.2126$$', 1);
    assert.equal(claim?.verdict, 'fail');
    assert.match(claim!.message, /0\.3126/);
    const gain = claimsOn(fixtureNote('probe-cases16', 'probe76_07_worked_example_k2.md'), 38).find((c) => c.rhs === '0.2126');
    assert.match(gain!.message, /The arithmetic does not come out: the left side is 0\.3126, the right side 0\.2126/);
  });
  labelledFixtureTests('probe-cases16', new Set<string>([]), [
    'probe76_01_em_qfunction_homework.md:34',
    'probe76_02_obsidian_lagrange_weights.md:28',
    'probe76_02_obsidian_lagrange_weights.md:46',
    'probe76_06_isotropic_tau_weights.md:29',
    'probe76_07_worked_example_k2.md:38',
    'probe76_07_worked_example_k2.md:39',
    'probe76_08_scribe_gradients_logstd_softmax.md:15',
    'probe76_08_scribe_gradients_logstd_softmax.md:20',
  ]);
});

describe('probe cases 15: probe 77 (notes in Spanish, Portuguese, German, French, Chinese; a forum answer; a blog)', () => {
  it('k′ is an index of its own: Σ_{k′} γ_{nk′}(δ_{kk′} − π_k) keeps k free inside the sum', () => {
    const text = '$$\\sum_{k\'=1}^{K} \\gamma_{nk\'}\\,(\\delta_{kk\'}-\\pi_k) = \\gamma_{nk}-\\pi_k$$\n$$\\sum_{k\'=1}^{K} \\gamma_{nk\'}\\,\\delta_{kk\'} = \\gamma_{nk\'}$$';
    assert.deepEqual([verdictsOn(text, 1), verdictsOn(text, 2)], [['pass'], ['fail']]);
  });
  it('"$l \\neq l\'$" before a cross term: judged where l and l′ differ', () => {
    const text = 'Cross term, $l\\neq l\'$:\n$$\\frac{\\partial^2 \\ell}{\\partial \\mu_l \\, \\partial \\mu_{l\'}} = -\\sum_{n=1}^{N} \\gamma_{nl}\\gamma_{nl\'}\\frac{(x_n-\\mu_l)(x_n-\\mu_{l\'})}{\\sigma_l^2\\sigma_{l\'}^2}$$';
    assert.deepEqual(verdictsOn(text, 2), ['pass']);
    assert.match(claimsOn(text, 2)[0]!.message, /with l ≠ l′, as the text says/);
  });
  it('"if $p_{tl} \\in \\{0,1\\}$ (hard assignment), then $p_{tl}p_{tl\'} = 0$": a fact of hard assignments, not a ✗', () => {
    const resp = 'Responsibilities $p_{tl} = \\frac{\\rho_l\\mathcal N(o_t\\mid\\mu_l,\\sigma_l^2)}{\\sum_{m}\\rho_{m}\\mathcal N(o_t\\mid\\mu_{m},\\sigma_{m}^2)}$.\n\n';
    for (const said of ['If $p_{tl}\\in\\{0,1\\}$, then $p_{tl}p_{tl\'} = 0$ for $l\\neq l\'$.', 'Se $p_{tl}\\in\\{0,1\\}$ (atribuição dura), então $p_{tl}p_{tl\'} = 0$ para $l\\neq l\'$.']) {
      const claim = claimsOn(resp + said, 3).find((c) => c.rhs === '0');
      assert.equal(claim?.verdict, 'unchecked', said);
    }
    // Nor "the farthest mean" (a slip the rule for one responsibility set to 1 keeps).
    assert.deepEqual(verdictsOn(`${resp}Hard assignment to the farthest mean: $p_{tl}p_{tl\'} = 0$.`, 3), ['fail']);
  });
  it('μ(Σ_g λ_g − 1) with weights λ_g: μ is the multiplier, and λ_g = −(1/μ) Σ_i h_ig a condition at the optimum', () => {
    const text = 'Weights $\\lambda_g$, means $m_g$, variances $v_g$; $h_{ig} = \\frac{\\lambda_g\\mathcal N(z_i\\mid m_g,v_g)}{\\sum_{j}\\lambda_{j}\\mathcal N(z_i\\mid m_{j},v_{j})}$.\n\n' +
      '$$\\frac{\\partial}{\\partial\\lambda_g}\\Big[\\ell + \\mu\\Big(\\sum_{j}\\lambda_{j}-1\\Big)\\Big] = \\frac{1}{\\lambda_g}\\sum_{i=1}^{n} h_{ig} + \\mu$$\n\n' +
      'Zero for every $g$ means $\\lambda_g = -\\frac1\\mu\\sum_i h_{ig}$; summing over $g$ gives $\\mu = -n$.';
    assert.deepEqual(verdictsOn(text, 3), ['pass']);
    assert.ok(verdictsOn(text, 5).every((v) => v === 'unchecked'));
  });
  labelledFixtureTests('probe-cases17', new Set<string>(['probe77_05_exam_portuguese_precisions_hessian.md:18']), [
    'probe77_01_spanish_homework_1d_gradients.md:34',
    'probe77_03_blog_precision_softmax_gradients.md:47',
    'probe77_05_exam_portuguese_precisions_hessian.md:19',
    'probe77_05_exam_portuguese_precisions_hessian.md:25',
    'probe77_06_german_ta_key_tied_covariance.md:23',
    'probe77_07_stackexchange_softmax_vs_lagrange.md:26',
    'probe77_07_stackexchange_softmax_vs_lagrange.md:47',
    'probe77_09_french_td_precision_em_iteration.md:10',
    'probe77_09_french_td_precision_em_iteration.md:45',
  ]);
});

describe('probe cases 15: probe 78 (homework, lecture notes, an exam key, a recitation)', () => {
  it('a plain L that bounds the sums over the points is their count, beside 𝓛 the likelihood', () => {
    const text = 'Data $x_1,\\dots,x_L$, weights $c_m$, means $\\mu_m$, variances $v_m$; $\\log\\mathcal{L}(\\theta) = \\sum_{\\ell=1}^{L} \\log \\sum_{m=1}^{M} c_m\\,\\mathcal{N}(x_\\ell \\mid \\mu_m, v_m)$.\n\n' +
      '$$q_m(\\ell) = \\frac{c_m \\mathcal{N}(x_\\ell \\mid \\mu_m, v_m)}{\\sum_{j=1}^{M} c_j \\mathcal{N}(x_\\ell \\mid \\mu_j, v_j)}, \\qquad L_m = \\sum_{\\ell=1}^{L} q_m(\\ell)$$\n\n$$c_m^{(t+1)} = \\frac{L_m}{L}$$';
    assert.deepEqual(verdictsOn(text, 5), ['pass']);
  });
  it('a worked example stated at iteration 0 as lists; 𝓛 after the cycle read at it; a cycle-1 value inside an expression not read at cycle 0', () => {
    // numpy: x = (0.2, 1.1, 3.0), c = (½, ½), μ = (0, 2), v = (1, 1): log 𝓛(θ^{(0)}) = −4.96107, log 𝓛(θ^{(1)}) = −4.19809, v_1^{(1)} = 0.26616.
    const text = 'We fit $x = (0.2,\\ 1.1,\\ 3.0)$ with weights $c_s$, means $\\mu_s$, variances $v_s$: $\\log\\mathcal{L} = \\sum_t \\log\\sum_s c_s\\mathcal{N}(x_t\\mid\\mu_s,v_s)$.\n\n' +
      '$$c^{(0)} = (0.5,\\ 0.5), \\qquad \\mu^{(0)} = (0,\\ 2), \\qquad v^{(0)} = (1,\\ 1).$$\n\n' +
      '$$\\log\\mathcal{L}(\\theta^{(0)}) = -4.961, \\qquad \\log\\mathcal{L}(\\theta^{(1)}) = -4.198$$\n\nNote $\\sqrt{v_1^{(1)}} = 0.5159$.';
    assert.match(claimsOn(text, 3).find((c) => c.lhs === '\\mu^{(0)}')!.message, /μ⁽⁰⁾ of each component/);
    assert.deepEqual(verdictsOn(text, 5), ['pass', 'pass']);
    assert.deepEqual(verdictsOn(text.replace('-4.198', '-4.5'), 5), ['pass', 'fail']);
    assert.deepEqual(verdictsOn(text, 7), ['unchecked']);
  });
  labelledFixtureTests('probe-cases18', new Set<string>([]), [
    'probe78_01_hw_variance.md:25',
    'probe78_02_lecture_precision.md:29',
    'probe78_03_examkey_logsumexp.md:7',
    'probe78_05_softmax_logits.md:16',
  ]);
});

describe('probe cases 15: probe 79 (8 notes in four languages) and two-component mixtures with one weight', () => {
  it('γ_t(1) after γ_t(m) = …: the number in brackets is the component, the subscript the point (HTK)', () => {
    const text = 'Weights $c_m$, densities $b_m(o_t) = \\mathcal{N}(o_t \\mid \\mu_m, \\sigma_m^2)$, occupation probabilities $\\gamma_t(m)$.\n\n' +
      '$$\\gamma_t(m) = \\frac{c_m\\, b_m(o_t)}{\\sum_{m\'=1}^{2} c_{m\'}\\, b_{m\'}(o_t)}, \\qquad \\gamma_t(1) + \\gamma_t(2) = 1 .$$\n\n$$N_1 = \\sum_t \\gamma_t(1)$$';
    assert.deepEqual(verdictsOn(text, 3), ['pass', 'pass']);
    assert.deepEqual(verdictsOn(text, 5), ['pass']);
  });
  it('ESL’s φ_{θ_1}(y), φ_{θ_2}(y) weighted by 1 − π and π are the components’ densities; (1 − Δ)Y_1 + ΔY_2 names no weight', () => {
    const text = 'Let $Y = (1-\\Delta)Y_1 + \\Delta Y_2$ with $\\Pr(\\Delta = 1) = \\pi$.\n\n$$g_Y(y) = (1-\\pi)\\phi_{\\theta_1}(y) + \\pi \\phi_{\\theta_2}(y)$$\n\n' +
      '$$\\ell = \\sum_{i=1}^{N} \\log\\left[(1-\\pi)\\phi_{\\theta_1}(y_i) + \\pi\\phi_{\\theta_2}(y_i)\\right]$$\n\n' +
      '$$\\gamma_i = \\frac{\\pi \\phi_{\\theta_2}(y_i)}{(1-\\pi)\\phi_{\\theta_1}(y_i) + \\pi\\phi_{\\theta_2}(y_i)}$$\n\n' +
      '$$\\mu_2 = \\frac{\\sum_{i=1}^N \\gamma_i y_i}{\\sum_{i=1}^N \\gamma_i}, \\qquad \\pi = \\frac{1}{N}\\sum_{i=1}^N \\gamma_i$$\n\n' +
      '$$\\frac{\\partial \\ell}{\\partial \\pi} = \\sum_{i=1}^N \\left(\\frac{\\gamma_i}{\\pi} - \\frac{1-\\gamma_i}{1-\\pi}\\right)$$';
    assert.deepEqual(verdictsOn(text, 9), ['pass', 'pass']);
    assert.deepEqual(verdictsOn(text, 11), ['pass']);
    assert.deepEqual(verdictsOn(text.replace('\\frac{1-\\gamma_i}{1-\\pi}', '\\frac{1-\\gamma_i}{\\pi}'), 11), ['fail']);
  });
  labelledFixtureTests('probe-cases19', new Set<string>([]), [
    'probe79_01_hw_gradients.md:34',
    'probe79_02_lecture_mv_em.md:37',
    'probe79_02_lecture_mv_em.md:45',
    'probe79_03_examen_qfunc.md:28',
    'probe79_03_examen_qfunc.md:42',
    'probe79_04_obsidian_softmax.md:37',
    'probe79_05_blog_elbo.md:20',
    'probe79_06_recitation_worked.md:42',
    'probe79_06_recitation_worked.md:57',
    'probe79_07_se_identita.md:16',
    'probe79_07_se_identita.md:40',
    'twocomp_h_logistic.md:18',
    'twocomp_p_phi.md:27',
  ]);
});

describe('probe cases 15: ESL’s EM with its hats (γ̂_i in π̂ and θ̂_j, the estimates the E-step was taken at)', () => {
  const esl = fixtureNote('probe-notes', 'zv2_a1_esl_two_comp.md');
  it('∂Q/∂π with Q written in γ̂_i holds them fixed; the M-step in hats is checked', () => {
    const fails = checkNote(esl).claims.filter((c) => c.verdict === 'fail');
    assert.deepEqual(fails.map((c) => c.line), []);
    const passed = new Set(checkNote(esl).claims.filter((c) => c.verdict === 'pass').map((c) => c.line));
    for (const line of [21, 23, 25, 32, 34, 35, 36]) assert.ok(passed.has(line), `line ${line}`);
  });
  it('slips in the hats are ✗: μ̂_1 weighted by γ̂_i, the sign in ∂Q/∂π, the exponent of γ̂_i, 1/(N − 1)', () => {
    const lines = esl.split('\n');
    const mutant = (line: number, from: string, to: string): string => {
      assert.ok(lines[line - 1]!.includes(from), `line ${line}`);
      return lines.map((l, j) => (j === line - 1 ? l.replace(from, to) : l)).join('\n');
    };
    const failsAt = (text: string, line: number) => checkNote(text).claims.some((c) => c.line === line && c.verdict === 'fail');
    assert.ok(failsAt(mutant(34, '(1-\\hat\\gamma_i)\\,y_i', '\\hat\\gamma_i\\,y_i'), 34));
    assert.ok(failsAt(mutant(32, '- \\frac{1-\\hat\\gamma_i}{1-\\pi}', '+ \\frac{1-\\hat\\gamma_i}{1-\\pi}'), 32));
    assert.ok(failsAt(mutant(23, '- \\dfrac{(y_i-\\hat\\mu_1)^2}', '+ \\dfrac{(y_i-\\hat\\mu_1)^2}'), 23));
    assert.ok(failsAt(mutant(36, '\\frac{1}{N}', '\\frac{1}{N-1}'), 36));
  });
});
