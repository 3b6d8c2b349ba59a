// Notations of real notes the corpus does not use, each in a small note written for the
// test. Every expected verdict follows from the mathematics (worked by hand and checked
// with finite differences in numpy), never from a previous run of the checker.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import type { Claim } from '../../../src/core/types';

const at = (text: string, line: number): Claim[] => checkNote(text).claims.filter((c) => c.line <= line && line <= (c.endLine ?? c.line));
const verdictsAt = (text: string, line: number) => at(text, line).map((c) => c.verdict);

describe('notations of unseen notes', () => {
  describe('isotropic covariances σ_k² I in D dimensions', () => {
    // log 𝒩(x | μ, σ² I) = −(D/2) ln(2πσ²) − ‖x − μ‖²/(2σ²), so ∂ℓ/∂σ_k² = Σ_i γ_ik (‖x_i − μ_k‖²/(2σ_k⁴) − D/(2σ_k²))
    // and the M-step is σ_k² = Σ_i γ_ik ‖x_i − μ_k^new‖² / (D N_k): the model's own quantities, not a full Σ_k's.
    const note = [
      '$$\\ell = \\sum_{i=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol{\\mu}_k, \\sigma_k^2 \\mathbf{I})$$',
      '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol{\\mu}_k, \\sigma_k^2 \\mathbf{I})}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol{\\mu}_j, \\sigma_j^2 \\mathbf{I})}$$',
      '$$\\frac{\\partial \\ell}{\\partial \\boldsymbol{\\mu}_k} = \\sum_{i=1}^{N} \\gamma_{ik} \\frac{\\mathbf{x}_i - \\boldsymbol{\\mu}_k}{\\sigma_k^2}$$',
      '$$\\frac{\\partial \\ell}{\\partial \\sigma_k^2} = \\sum_{i=1}^{N} \\gamma_{ik} \\left( \\frac{\\lVert \\mathbf{x}_i - \\boldsymbol{\\mu}_k \\rVert^2}{2\\sigma_k^4} - \\frac{D}{2\\sigma_k^2} \\right)$$',
      '$$\\sigma_k^{2,\\text{new}} = \\frac{1}{D N_k} \\sum_{i=1}^{N} \\gamma_{ik} \\lVert \\mathbf{x}_i - \\boldsymbol{\\mu}_k^{\\text{new}} \\rVert^2$$',
    ].join('\n');
    it('evaluates responsibilities, gradients and the likelihood with Σ_k = σ_k² I', () => {
      const report = checkNote(note);
      assert.match(report.model.description, /isotropic/);
      for (const line of [1, 2, 3, 4]) assert.deepEqual(verdictsAt(note, line), ['pass'], `line ${line}`);
    });
    it('fails the variance gradient without the D', () => {
      const bad = note.replace('\\frac{D}{2\\sigma_k^2}', '\\frac{1}{2\\sigma_k^2}');
      assert.deepEqual(verdictsAt(bad, 4), ['fail']);
    });
    it('keeps full covariances when the note also writes Σ_k (σ² I an aside there)', () => {
      const mixed = `${note}\n$$\\boldsymbol{\\Sigma}_k = \\frac{1}{N_k} \\sum_{i=1}^{N} \\gamma_{ik} (\\mathbf{x}_i - \\boldsymbol{\\mu}_k)(\\mathbf{x}_i - \\boldsymbol{\\mu}_k)^\\top$$`;
      assert.doesNotMatch(checkNote(mixed).model.description, /isotropic/);
    });
  });
  describe('a letter that is also an index', () => {
    it('judges `\\ell = \\sum_i \\ln …` as the log-likelihood, and `k = 1` as a range', () => {
      const note = '$$\\ell = \\sum_{i=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$ for $k = 1, \\dots, K$\n' +
        '$$\\ell = \\sum_{i=1}^{N} \\ln \\sum_{k=1}^{K} \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$';
      assert.deepEqual(verdictsAt(note, 1), ['pass', 'unchecked']);
      // Without the weights it is not the log-likelihood (Σ_k π_k 𝒩 ≠ Σ_k 𝒩).
      assert.deepEqual(verdictsAt(note, 2), ['fail']);
    });
  });
  describe('an update written on the squared symbol', () => {
    // σ_k² ← (1/N_k) Σ_i γ_ik (x_i − μ_k^new)², whichever way the superscript is typed; 1/N instead of 1/N_k is wrong.
    const e = '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}, \\quad N_k = \\sum_{i=1}^{N} \\gamma_{ik}$$';
    const rhs = (w: string, n = 'N_k') => `\\frac{1}{${n}}\\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k^{${w}})^2$$`;
    it('reads (σ_k²)^{new}, \\left(σ_k^{2}\\right)^{\\text{neu}} and σ_k^{2,new} as the updated variance', () => {
      const note = [e, `$$(\\sigma_k^2)^{new} = ${rhs('new')}`, `$$\\left(\\sigma_k^{2}\\right)^{\\text{neu}} = ${rhs('\\text{neu}')}`,
        `$$\\sigma_k^{2,\\text{new}} = ${rhs('\\text{new}')}`, `$$(\\sigma_k^2)^{new} = ${rhs('new', 'N')}`].join('\n');
      for (const line of [2, 3, 4]) assert.deepEqual(verdictsAt(note, line), ['pass'], `line ${line}`);
      assert.deepEqual(verdictsAt(note, 5), ['fail']);
    });
    it('reads σ_k^{2(t+1)} and σ_k^{2\\,(t+1)} as the updated variance', () => {
      const note = [e, `$$\\sigma_k^{2(t+1)} = ${rhs('(t+1)')}`, `$$\\sigma_k^{2\\,(t+1)} = ${rhs('(t+1)', 'N')}`].join('\n');
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['fail']);
    });
    it('reads σ_k^{2,new} and σ_k^{2,old} typed without \\text the same way', () => {
      const note = [e, `$$\\sigma_k^{2,new} = ${rhs('new')}`, '$$\\sigma_k^{2,old} = \\sigma_k^2$$', `$$\\sigma_k^{2,new} = ${rhs('new', 'N')}`].join('\n');
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
    it('still reads (x_i − μ_k)^{2} as a power', () => {
      assert.deepEqual(verdictsAt('$$(x_i - \\mu_k)^{2} = x_i^2 - 2 x_i \\mu_k + \\mu_k^2$$', 1), ['pass']);
    });
  });
  describe('the update of a precision Λ_c = Σ_c⁻¹', () => {
    // Λ_c^new = (S_c)⁻¹ with S_c = (1/N_c) Σ_n r_nc (x_n − μ_c^new)(x_n − μ_c^new)ᵀ; Λ_c^new = S_c is wrong (S_c is not its own inverse).
    const S = '\\frac{1}{N_c} \\sum_{n=1}^{N} r_{nc} (\\mathbf{x}_n - \\boldsymbol{\\mu}_c^{new})(\\mathbf{x}_n - \\boldsymbol{\\mu}_c^{new})^\\top';
    const note = [
      '$$r_{nc} = \\frac{\\phi_c \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_c, \\boldsymbol{\\Lambda}_c^{-1})}{\\sum_{d=1}^{C} \\phi_d \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_d, \\boldsymbol{\\Lambda}_d^{-1})}, \\quad N_c = \\sum_{n=1}^{N} r_{nc}$$',
      `$$\\left(\\boldsymbol{\\Lambda}_c^{new}\\right)^{-1} = ${S}$$`,
      `$$\\boldsymbol{\\Lambda}_c^{new} = \\left(${S}\\right)^{-1}$$`,
      `$$\\boldsymbol{\\Lambda}_c^{new} = ${S}$$`,
    ].join('\n');
    it('is the inverse of the M-step covariance', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
  });
  describe('weights named by the logarithm of a mixture term', () => {
    // a_nk = log λ_k + log 𝒩(x_n | μ_k, σ_k²) names λ_k the weights; then γ_nk = exp(a_nk − log Σ_j e^{a_nj}) is Bayes' rule,
    // Σ_k λ_k = 1 holds, and adding the log-sum instead of subtracting it is wrong.
    const note = [
      '$$a_{nk} = \\log \\lambda_k + \\log \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$$ and $$\\sum_{k=1}^{K} \\lambda_k = 1$$',
      '$$\\gamma_{nk} = \\exp\\left( a_{nk} - \\log \\sum_{j=1}^{K} e^{a_{nj}} \\right) = \\frac{\\lambda_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\lambda_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$$',
      '$$\\gamma_{nk} = \\exp\\left( a_{nk} + \\log \\sum_{j=1}^{K} e^{a_{nj}} \\right)$$',
    ].join('\n');
    it('reads λ_k as the weights and keeps them on the simplex', () => {
      assert.deepEqual(verdictsAt(note, 1), ['pass', 'pass']);
      assert.deepEqual(verdictsAt(note, 2), ['pass', 'pass']);
      assert.deepEqual(verdictsAt(note, 3), ['fail']);
    });
  });
  describe('the gradient written with ∇', () => {
    // ∇_{μ_k} log p(X | θ) = Σ_k⁻¹ Σ_n γ_nk (x_n − μ_k) (Bishop 9.17 before setting it to 0); without Σ_k⁻¹ it is wrong;
    // ∇_Σ ln|Σ| = Σ⁻¹ for a symmetric Σ; a constant factor after ∇ is part of what is differentiated.
    const note = [
      '$$\\nabla_{\\boldsymbol{\\mu}_k} \\log p(X \\mid \\theta) = \\boldsymbol{\\Sigma}_k^{-1} \\sum_{n=1}^N \\gamma_{nk} (\\mathbf{x}_n - \\boldsymbol{\\mu}_k)$$',
      '$$\\nabla_{\\boldsymbol{\\mu}_k} \\log p(X \\mid \\theta) = \\sum_{n=1}^N \\gamma_{nk} (\\mathbf{x}_n - \\boldsymbol{\\mu}_k)$$',
      '$$\\nabla_{\\boldsymbol{\\Sigma}_k} \\ln |\\boldsymbol{\\Sigma}_k| = \\boldsymbol{\\Sigma}_k^{-1}$$',
      '$$\\nabla_{\\boldsymbol{\\Sigma}_k} \\frac{1}{2} \\ln |\\boldsymbol{\\Sigma}_k| = \\frac{1}{2} \\boldsymbol{\\Sigma}_k^{-1}$$',
    ].join('\n');
    it('is ∂/∂v of what follows', () => {
      assert.deepEqual(verdictsAt(note, 1), ['pass']);
      assert.deepEqual(verdictsAt(note, 2), ['fail']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['pass']);
    });
  });
  describe('the Q-function written Q(θ | θ^{(t)})', () => {
    // Q = Σ_i Σ_k γ_ik [log π_k − log σ_k − (x_i − μ_k)²/(2σ_k²)] with γ fixed: ∂Q/∂μ_k = Σ_i γ_ik (x_i − μ_k)/σ_k²,
    // ∂Q/∂σ_k = Σ_i γ_ik ((x_i − μ_k)²/σ_k³ − 1/σ_k); a missing square on σ_k in the first is wrong.
    const def = '$$Q(\\theta \\mid \\theta^{(t)}) = \\sum_{i=1}^{N} \\sum_{k=1}^{K} \\gamma_{ik} \\left[ \\log \\pi_k - \\log \\sigma_k - \\frac{(x_i - \\mu_k)^2}{2 \\sigma_k^2} \\right]$$';
    const dmu = '$$\\frac{\\partial Q}{\\partial \\mu_k} = \\sum_{i=1}^{N} \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}$$';
    const dsd = '$$\\frac{\\partial Q}{\\partial \\sigma_k} = \\sum_{i=1}^{N} \\gamma_{ik} \\left( \\frac{(x_i - \\mu_k)^2}{\\sigma_k^3} - \\frac{1}{\\sigma_k} \\right)$$';
    it('is a definition, and its derivatives are checked', () => {
      const note = [def, dmu, dsd, dmu.replace('{\\sigma_k^2}', '{\\sigma_k}')].join('\n');
      assert.deepEqual(verdictsAt(note, 1), ['pass']);
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
    it('leaves ∂Q/∂μ_k unchecked when Q is only named, never defined (not the derivative of a number)', () => {
      const note = `We maximise $Q(\\theta \\mid \\theta^{(t)})$.\n${dmu}`;
      assert.deepEqual(verdictsAt(note, 2), ['unchecked']);
    });
  });
  describe('the update of a 1-D precision β_k = 1/σ_k²', () => {
    // Setting ∂L/∂β_k = ½ Σ_i γ_ik (1/β_k − (x_i − μ_k)²) to zero: 1/β_k = Σ_i γ_ik (x_i − μ_k)² / Σ_i γ_ik, μ_k the new
    // mean as in every covariance update; dividing by N instead of Σ_i γ_ik is wrong.
    const e = '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\beta_k^{-1})}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\beta_j^{-1})}$$';
    const S = (d: string) => `\\frac{\\sum_{i=1}^{N} \\gamma_{ik} (x_i - \\mu_k)^2}{${d}}$$`;
    it('reads 1/β_k = … and β_k^{-1} = … as the variance update', () => {
      const note = [e, `$$\\frac{1}{\\beta_k} = ${S('\\sum_{i=1}^{N} \\gamma_{ik}')}`, `$$\\beta_k^{-1} = ${S('\\sum_{i=1}^{N} \\gamma_{ik}')}`, `$$\\frac{1}{\\beta_k} = ${S('N')}`].join('\n');
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
  });
  describe('a multiplier with another letter than λ', () => {
    // ∂/∂π_k [ℓ + η(Σ_j π_j − 1)] = Σ_i 𝒩(x_i | μ_k, σ_k²)/p(x_i) + η; with −η it is wrong; η = −N is a condition.
    const d = '\\frac{\\partial}{\\partial \\pi_k} \\left[ \\ell + \\eta \\left( \\sum_{j=1}^{K} \\pi_j - 1 \\right) \\right]';
    const r = '\\sum_{i=1}^{N} \\frac{\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}';
    const note = [
      '$$\\ell = \\sum_{i=1}^{N} \\log \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$',
      `$$${d} = ${r} + \\eta$$`, `$$${d} = ${r} - \\eta$$`, '$$\\eta = -N$$',
    ].join('\n');
    it('reads η in η(Σ_k π_k − 1) as the multiplier', () => {
      assert.match(checkNote(note).reading.description, /multiplier \\eta/);
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['fail']);
      assert.deepEqual(verdictsAt(note, 4), ['unchecked']);
    });
    it('blames the row that breaks a chain with η, not the right row before it', () => {
      // ∂/∂π_k [ℓ + η(…)] = Σ_i 𝒩_k/p(x_i) + η (right) = π_k Σ_i γ_ik + η (wrong: it is (1/π_k) Σ_i γ_ik + η).
      const r2 = '\\pi_k \\sum_{i=1}^{N} \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)} + \\eta';
      const text = `${note.split('\n')[0]}\n$$\\begin{aligned}${d} &= ${r} + \\eta \\\\\n&= ${r2}\\end{aligned}$$`;
      const fails = checkNote(text).claims.filter((c) => c.verdict === 'fail');
      assert.equal(fails.length, 1);
      const culprit = fails[0]!.culprit!;
      assert.equal(text.slice(0, culprit.start).split('\n').length, 3);
    });
    it('treats what is solved with η as a condition, as with λ (π_k = −N_k/η holds at the optimum only)', () => {
      const solved = `${note}\n$$\\pi_k = -\\frac{1}{\\eta} \\sum_{i=1}^{N} \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$$`;
      assert.deepEqual(verdictsAt(solved, 5), ['unchecked']);
    });
  });
  describe('a Lagrangian defined as a function of θ and the multiplier', () => {
    // 𝒥(θ, η) = ℓ(θ) + η(Σ_k π_k − 1): ∂𝒥/∂μ_k = Σ_n γ_nk (x_n − μ_k)/σ_k² (η does not involve μ_k), ∂𝒥/∂η = Σ_k π_k − 1;
    // dividing by σ_k instead of σ_k² is wrong.
    const dmu = '$$\\frac{\\partial \\mathcal{J}}{\\partial \\mu_k} = \\sum_{n=1}^{N} \\gamma_{nk} \\frac{x_n - \\mu_k}{\\sigma_k^2}$$';
    const note = [
      '$$\\ell(\\boldsymbol{\\theta}) = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$$',
      '$$\\mathcal{J}(\\boldsymbol{\\theta}, \\eta) = \\ell(\\boldsymbol{\\theta}) + \\eta \\left( \\sum_{k=1}^{K} \\pi_k - 1 \\right)$$',
      dmu, dmu.replace('{\\sigma_k^2}', '{\\sigma_k}'),
      '$$\\frac{\\partial \\mathcal{J}}{\\partial \\eta} = \\sum_{k=1}^{K} \\pi_k - 1$$',
    ].join('\n');
    it('binds η and reads θ from the model', () => {
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
      assert.deepEqual(verdictsAt(note, 5), ['pass']);
    });
  });
  describe('a distribution over components written q_n(k)', () => {
    // Σ_n q_n(k) x_n is a q-weighted sum of the data, not a mixture with weights x_n: x stays the data, and the
    // posterior p(z_n = k | x_n, θ) = π_k 𝒩(x_n | μ_k, σ_k²) / Σ_j π_j 𝒩(x_n | μ_j, σ_j²) is checked.
    const note = [
      '$$\\log p(x_n \\mid \\theta) = \\log \\sum_{k=1}^K q_n(k) \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{q_n(k)}$$',
      '$$p(z_n = k \\mid x_n, \\theta) = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$$',
      '$$\\mu_k = \\frac{\\sum_{n=1}^N q_n(k) x_n}{\\sum_{n=1}^N q_n(k)}$$',
    ].join('\n');
    it('keeps x the data', () => {
      const r = checkNote(note);
      assert.match(r.reading.description, /data x/);
      assert.doesNotMatch(r.reading.description, /ambiguous/);
      assert.deepEqual(verdictsAt(note, 1), ['pass']);
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
    });
  });
  describe('a density the note defines with its parameters after a semicolon', () => {
    // φ(x; μ, v) = e^{−(x−μ)²/(2v)}/√(2πv) is 𝒩(x | μ, v): applied to (x_i; μ_k, v_k) it is the component density,
    // so 𝓛 = Σ_i log Σ_k π_k φ(x_i; μ_k, v_k) is the log-likelihood; without π_k it is not.
    const note = [
      '$$\\phi(x; \\mu, v) = \\frac{1}{\\sqrt{2\\pi v}} e^{-(x-\\mu)^2/(2v)}$$',
      '$$\\mathcal{L} = \\sum_{i=1}^{n} \\log \\sum_{k=1}^{K} \\pi_k \\phi(x_i; \\mu_k, v_k)$$',
      '$$\\mathcal{L} = \\sum_{i=1}^{n} \\log \\sum_{k=1}^{K} \\phi(x_i; \\mu_k, v_k)$$',
    ].join('\n');
    it('binds every argument where it is applied', () => {
      assert.deepEqual(verdictsAt(note, 1), ['pass']);
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['fail']);
    });
  });
  describe('an inline chain continued by an inline `$= …$` on the next line', () => {
    // ∂ℓ/∂μ_k = Σ_i γ_ik (x_i − μ_k)/σ_k² = (Σ_i γ_ik x_i − N_k μ_k)/σ_k²: the second line continues the first;
    // with 2 N_k μ_k the continued link is wrong.
    const first = 'gives $\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{i=1}^{N} \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}$';
    const second = '$= \\frac{1}{\\sigma_k^2} \\left( \\sum_{i=1}^{N} \\gamma_{ik} x_i - N_k \\mu_k \\right)$.';
    it('joins the rows into one chain', () => {
      const note = `$N_k = \\sum_{i=1}^{N} \\gamma_{ik}$ and ${first}\n${second}`;
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note.replace('- N_k', '- 2 N_k'), 2), ['fail']);
    });
    it('does not join rows with prose between them', () => {
      const note = `$N_k = \\sum_{i=1}^{N} \\gamma_{ik}$ and ${first}\nand then ${second}`;
      assert.deepEqual(verdictsAt(note, 2), ['unchecked']);
    });
  });
  describe('a derivative with respect to a 1-D precision', () => {
    // With β_k = 1/σ_k²: ∂L/∂β_k = ½ Σ_i γ_ik (1/β_k − (x_i − μ_k)²) (finite differences agree), and
    // ∂L/∂σ_k² = −β_k² ∂L/∂β_k by the chain rule; a + instead of the − is wrong.
    const e = '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\beta_k^{-1})}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\beta_j^{-1})}, \\quad L = \\sum_{i=1}^{N} \\log \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\beta_k^{-1})$$';
    const d = '$$\\frac{\\partial L}{\\partial \\beta_k} = \\frac{1}{2} \\sum_{i=1}^{N} \\gamma_{ik} \\left( \\frac{1}{\\beta_k} - (x_i - \\mu_k)^2 \\right)$$';
    it('moves σ_k² with β_k', () => {
      const note = [e, d, '$$\\frac{\\partial L}{\\partial \\sigma_k^2} = -\\beta_k^2 \\frac{\\partial L}{\\partial \\beta_k}$$', d.replace('} - (x_i', '} + (x_i')].join('\n');
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
  });
  describe('a count letter next to a soft count written with the same letter', () => {
    // n points (Σ_{i=1}^{n}) and n_k = Σ_i r_ik: w_k = n_k / n is the weight update; n_k / K is not.
    const note = [
      '$$r_{ik} = \\frac{w_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^{K} w_l \\mathcal{N}(x_i \\mid \\mu_l, \\sigma_l^2)}, \\quad \\ell = \\sum_{i=1}^{n} \\ln \\sum_{k=1}^{K} w_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$',
      '$$n_k = \\sum_{i=1}^{n} r_{ik}$$', '$$w_k^{\\text{new}} = n_k / n$$', '$$w_k^{\\text{new}} = n_k / K$$',
    ].join('\n');
    it('reads n as the number of points', () => {
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
  });
  describe('the second-moment form of the covariance, in a note that says μ_k is the weighted mean', () => {
    // Σ_n γ_nk (x_n − μ)(x_n − μ)ᵀ = Σ_n γ_nk x_n x_nᵀ − N_k μ x̄ᵀ − N_k x̄ μᵀ + N_k μ μᵀ with x̄ = (1/N_k) Σ_n γ_nk x_n:
    // divided by N_k it is (1/N_k) Σ γ x xᵀ − μ μᵀ exactly when μ = x̄ (μ x̄ᵀ + x̄ μᵀ − 2 μ μᵀ = 0 for μ = x̄ only).
    const mean = '$$\\boldsymbol{\\mu}_k = \\frac{1}{N_k} \\sum_{n=1}^N \\gamma_{nk} \\mathbf{x}_n$$';
    const secondMoment = '$$\\frac{1}{N_k} \\sum_{n=1}^N \\gamma_{nk} (\\mathbf{x}_n - \\boldsymbol{\\mu}_k)(\\mathbf{x}_n - \\boldsymbol{\\mu}_k)^\\top = \\frac{1}{N_k} \\sum_{n=1}^N \\gamma_{nk} \\mathbf{x}_n \\mathbf{x}_n^\\top - \\boldsymbol{\\mu}_k \\boldsymbol{\\mu}_k^\\top$$';
    const head = [
      '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_j, \\boldsymbol{\\Sigma}_j)}$$',
      '$$N_k = \\sum_{n=1}^N \\gamma_{nk}$$',
    ];
    it('is not a ✗ after the note set μ_k to the weighted mean', () => {
      const note = [...head, mean, secondMoment].join('\n');
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      const [claim] = at(note, 4);
      assert.equal(claim?.verdict, 'unchecked');
      assert.match(claim!.message, /weighted mean/);
    });
    it('is a ✗ when the note never says what μ_k is (the identity is false for other μ_k)', () => {
      assert.deepEqual(verdictsAt([...head, secondMoment].join('\n'), 3), ['fail']);
    });
    it('is a ✗ when it is wrong at the weighted mean too (the sign of μ_k μ_kᵀ)', () => {
      const wrong = secondMoment.replace('- \\boldsymbol{\\mu}_k \\boldsymbol{\\mu}_k^\\top', '+ \\boldsymbol{\\mu}_k \\boldsymbol{\\mu}_k^\\top');
      assert.notEqual(wrong, secondMoment);
      assert.deepEqual(verdictsAt([...head, mean, wrong].join('\n'), 4), ['fail']);
    });
    it('is a ✗ when the mean it uses is marked new or old (a new mean where the old belongs is a mistake)', () => {
      const marked = secondMoment.replace(/\\boldsymbol\{\\mu\}_k/g, '\\boldsymbol{\\mu}_k^{\\text{old}}');
      assert.deepEqual(verdictsAt([...head, mean, marked].join('\n'), 4), ['fail']);
    });
  });
  describe('a matrix of responsibilities declared R ∈ ℝ^{N×K}, with vectors of ones', () => {
    // R_{nk} = γ_nk: each row sums to 1 (R 1_K = 1_N) and column k sums to N_k ((Rᵀ 1_N)_k = N_k);
    // 1_Kᵀ 1_K = K. Rᵀ 1_N = 1_K would say every N_k is 1 (false for N > K).
    const head = [
      'Let $R \\in \\mathbb{R}^{N \\times K}$ with entries $R_{nk} = \\gamma_{nk}$.',
      '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_j, \\boldsymbol{\\Sigma}_j)}$$',
      '$$N_k = \\sum_{n=1}^N \\gamma_{nk}$$',
    ];
    const note = (line: string, declared = true) => [...(declared ? head : head.slice(1)), line].join('\n');
    const last = (text: string) => verdictsAt(text, text.split('\n').length);
    it('evaluates the rows and columns of R and the vectors of ones', () => {
      assert.deepEqual(last(note('$$R \\mathbf{1}_K = \\mathbf{1}_N$$')), ['pass']);
      assert.deepEqual(last(note('$$N_k = (R^\\top \\mathbf{1}_N)_k$$')), ['pass']);
      assert.deepEqual(last(note('$$\\mathbf{1}_K^\\top \\mathbf{1}_K = K$$')), ['pass']);
    });
    it('fails what is false of them', () => {
      assert.deepEqual(last(note('$$R^\\top \\mathbf{1}_N = \\mathbf{1}_K$$')), ['fail']);
      assert.deepEqual(last(note('$$N_k = (R \\mathbf{1}_K)_k$$')), ['fail']);
    });
    it('leaves a bare R unchecked when the note does not declare its shape', () => {
      assert.deepEqual(last(note('$$R \\mathbf{1}_K = \\mathbf{1}_N$$', false)), ['unchecked']);
    });
  });
  describe('one covariance shared by all components (a tied model)', () => {
    // 𝒩(x_n | μ_k, Σ) with one Σ: ∂ ln p/∂μ_k = Σ⁻¹ Σ_n γ_nk (x_n − μ_k) and Σ^new = (1/N) Σ_k Σ_n γ_nk (x_n − μ_k^new)(…)ᵀ
    // are right for that model (numpy, finite differences). They are judged at instances whose components share one
    // covariance (tiedTrial), and the slips a student makes in that model are ✗.
    const note = [
      '$$p(\\mathbf{x}_n) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma)$$',
      '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_j, \\boldsymbol\\Sigma)}$$',
      '$$\\frac{\\partial \\ln p(\\mathbf{X})}{\\partial \\boldsymbol\\mu_k} = \\sum_{n=1}^N \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma)}{\\sum_j \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_j, \\boldsymbol\\Sigma)} \\boldsymbol\\Sigma^{-1} (\\mathbf{x}_n - \\boldsymbol\\mu_k)',
      '= \\boldsymbol\\Sigma^{-1} \\sum_{n=1}^N \\gamma_{nk} (\\mathbf{x}_n - \\boldsymbol\\mu_k)$$',
      '$$\\boldsymbol\\Sigma^{\\text{new}} = \\frac{1}{N} \\sum_{k=1}^K \\sum_{n=1}^N \\gamma_{nk} (\\mathbf{x}_n - \\boldsymbol\\mu_k^{\\text{new}})(\\mathbf{x}_n - \\boldsymbol\\mu_k^{\\text{new}})^\\top$$',
      '$$\\boldsymbol\\mu_k^{\\text{new}} = \\frac{1}{N_k} \\sum_{n=1}^N \\gamma_{nk} \\mathbf{x}_n$$',
    ].join('\n');
    it('judges every step that uses the shared Σ at instances whose components share it', () => {
      const claims = checkNote(note).claims;
      for (const line of [3, 4, 5]) {
        const cs = at(note, line);
        assert.ok(cs.length > 0 && cs.every((c) => c.verdict === 'pass'), `line ${line}: ${cs.map((c) => `${c.verdict} ${c.message}`).join(' | ')}`);
      }
      assert.equal(claims.filter((c) => c.verdict === 'fail').length, 0);
      assert.match(checkNote(note).model.description, /tied model/);
      // The mean update does not involve Σ: μ_k^new is the same weighted mean in either model.
      assert.deepEqual(verdictsAt(note, 6), ['pass']);
    });
    it('fails the slips of the tied model: N_k for N, the sum over the components dropped, Σ for Σ⁻¹', () => {
      // Each differs from the right form above (numpy-verified) at every instance with more than one component.
      const update = note.split('\n')[4]!;
      for (const wrong of [
        update.replace('\\frac{1}{N} \\sum_{k=1}^K', '\\frac{1}{N_k} \\sum_{k=1}^K'),
        update.replace('\\frac{1}{N} \\sum_{k=1}^K \\sum_{n=1}^N', '\\frac{1}{N} \\sum_{n=1}^N'),
      ]) {
        assert.notEqual(wrong, update);
        assert.deepEqual(verdictsAt([...note.split('\n').slice(0, 4), wrong].join('\n'), 5), ['fail'], wrong);
      }
      const gradient = note.split('\n').slice(0, 4).join('\n').replace('= \\boldsymbol\\Sigma^{-1} \\sum', '= \\boldsymbol\\Sigma \\sum');
      assert.deepEqual(verdictsAt(gradient, 4), ['fail']);
    });
    it('still reads a plain Σ as a single Gaussian\'s where no mixture takes it', () => {
      const single = '$$\\ln \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu, \\boldsymbol\\Sigma) = -\\frac{D}{2} \\ln (2\\pi) - \\frac{1}{2} \\ln |\\boldsymbol\\Sigma| - \\frac{1}{2} (\\mathbf{x}_n - \\boldsymbol\\mu)^\\top \\boldsymbol\\Sigma^{-1} (\\mathbf{x}_n - \\boldsymbol\\mu)$$';
      assert.deepEqual(verdictsAt(single, 1), ['pass']);
    });
  });
  describe('a tie the note states: one spread for every component from here on', () => {
    // A 1-D note with σ_k² that turns to the tied model: with one σ² for all components,
    // ∂ℓ/∂σ² = Σ_i Σ_k r_ik ((x_i − μ_k)²/(2σ⁴) − 1/(2σ²)) and σ²_new = (1/N) Σ_i Σ_k r_ik (x_i − μ_k^new)²
    // (finite differences of ℓ with every σ_k² set to σ², and ∂Q/∂σ² = 0 there, in numpy). σ without its index is
    // the shared variance here, not σ_k with the index dropped: judged at instances whose components share it.
    const head = [
      '$$\\ell = \\sum_{i=1}^{N} \\ln \\sum_{k=1}^{K} w_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$',
      '$$r_{ik} = \\frac{w_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} w_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$$',
    ];
    const steps = [
      '$$\\frac{\\partial \\ell}{\\partial \\sigma^2} = \\sum_{i=1}^{N} \\sum_{k=1}^{K} r_{ik} \\left( \\frac{(x_i - \\mu_k)^2}{2\\sigma^4} - \\frac{1}{2\\sigma^2} \\right)$$',
      '$$\\sigma^{2,new} = \\frac{1}{N} \\sum_{i=1}^{N} \\sum_{k=1}^{K} r_{ik} (x_i - \\mu_k^{new})^2$$',
    ];
    const tiedBy = (words: string) => [...head, words, ...steps].join('\n');
    for (const [what, words] of [
      ['the text', '**Tied variance.** If all components share one variance $\\sigma^2$:'],
      ['a formula', 'From here on $\\sigma_k^2 = \\sigma^2$ for every component:'],
      ['the text after the letter', 'Now $\\sigma^2$ is shared by all components:'],
    ]) {
      it(`reads σ without an index as the shared variance when ${what} says so`, () => {
        const note = tiedBy(words!);
        for (const line of [4, 5]) {
          const cs = at(note, line);
          assert.ok(cs.length > 0 && cs.every((c) => c.verdict === 'pass'), `line ${line}: ${cs.map((c) => `${c.verdict} ${c.message}`).join(' | ')}`);
        }
        assert.deepEqual(verdictsAt(note, 2), ['pass']);
        // A ½ dropped from the gradient, and N_k for N in the update: ✗.
        assert.deepEqual(verdictsAt(note.replace('\\frac{1}{2\\sigma^2} \\right)', '\\frac{1}{\\sigma^2} \\right)'), 4), ['fail']);
        assert.deepEqual(verdictsAt(note.replace('\\sigma^{2,new} = \\frac{1}{N}', '\\sigma^{2,new} = \\frac{1}{N_k}'), 5), ['fail']);
      });
    }
    it('still fails σ written without its index where nothing ties it (a dropped index)', () => {
      const note = [...head, 'Each component keeps its own variance; the mean gradient is',
        '$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{i=1}^{N} r_{ik} \\frac{x_i - \\mu_k}{\\sigma^2}$$'].join('\n');
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
    it('judges the shared covariance\'s update after the tie `Σ_k = Σ` in a full-covariance note', () => {
      // Σ_new = (1/N) Σ_n Σ_k r_nk (x_n − μ_k^new)(x_n − μ_k^new)ᵀ is the tied model's M-step (∂Q/∂Σ = 0 there).
      const note = [
        '$$\\mathcal{L} = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)$$',
        '$$r_{nk} = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_j, \\boldsymbol{\\Sigma}_j)}$$',
        'One covariance shared by all components, $\\boldsymbol{\\Sigma}_k = \\boldsymbol{\\Sigma}$:',
        '$$\\boldsymbol{\\Sigma}^{new} = \\frac{1}{N} \\sum_{n=1}^{N} \\sum_{k=1}^{K} r_{nk} (\\mathbf{x}_n - \\boldsymbol{\\mu}_k^{new})(\\mathbf{x}_n - \\boldsymbol{\\mu}_k^{new})^\\top$$',
      ].join('\n');
      assert.deepEqual(verdictsAt(note, 3), ['unchecked']);
      assert.deepEqual(verdictsAt(note, 4), ['pass']);
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
    });
    it('leaves an update of σ_k unchecked beside full covariances (the isotropic case an aside)', () => {
      // With Σ_k = σ_k² I the M-step is σ_k² = Σ_n r_nk ‖x_n − μ_k^new‖² / (D N_k); no entry of the full Σ_k's update is that.
      const note = [
        '$$\\mathcal{L} = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)$$',
        '$$N_k = \\sum_{n=1}^{N} r_{nk}$$',
        'Isotropic components, $\\boldsymbol{\\Sigma}_k = \\sigma_k^2 \\mathbf{I}$:',
        '$$(\\sigma_k^2)^{new} = \\frac{1}{D N_k} \\sum_{n=1}^{N} r_{nk} \\|\\mathbf{x}_n - \\boldsymbol{\\mu}_k^{new}\\|^2$$',
      ].join('\n');
      assert.deepEqual(verdictsAt(note, 3), ['unchecked']);
      assert.deepEqual(verdictsAt(note, 4), ['unchecked']);
    });
  });
  describe('values the note gives every component (an assumption for what follows)', () => {
    // With π_k = 1/K and σ_k² = 1, γ_ik = 𝒩(x_i | μ_k, 1)/Σ_j 𝒩(x_i | μ_j, 1) and ℓ = Σ_i ln Σ_k (1/K)(2π)^{-1/2} e^{−(x_i − μ_k)²/2};
    // with Σ_k = I, ∂𝓛/∂μ_k = Σ_n γ_nk (x_n − μ_k). All three are wrong for a general GMM and right under the stated values.
    const equal = [
      '$$\\ell = \\sum_{i=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$',
      'Now assume equal weights, $\\pi_k = \\frac{1}{K}$, and unit variances, $\\sigma_k^2 = 1$. Then',
      '$$\\gamma_{ik} = \\frac{\\mathcal{N}(x_i \\mid \\mu_k, 1)}{\\sum_{j=1}^{K} \\mathcal{N}(x_i \\mid \\mu_j, 1)}$$',
      '$$\\ell = \\sum_{i=1}^{N} \\ln \\sum_{k=1}^{K} \\frac{1}{K} \\frac{1}{\\sqrt{2\\pi}} \\exp\\left(-\\frac{(x_i - \\mu_k)^2}{2}\\right)$$',
    ].join('\n');
    it('leaves steps that hold with π_k = 1/K and σ_k² = 1 unchecked, saying why', () => {
      for (const line of [3, 4]) {
        const cs = at(equal, line);
        assert.ok(cs.length === 1 && cs[0]!.verdict === 'unchecked' && /values the note gives every component on line 2/.test(cs[0]!.message), `line ${line}: ${cs.map((c) => `${c.verdict} ${c.message}`).join(' | ')}`);
      }
    });
    it('still fails a step that is wrong with those values too', () => {
      const bad = equal.replace('\\frac{1}{K} \\frac{1}{\\sqrt{2\\pi}}', '\\frac{1}{\\sqrt{2\\pi}}');
      assert.deepEqual(verdictsAt(bad, 4), ['fail']);
    });
    const identity = [
      '$$\\mathcal{L} = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)$$',
      'Fix $\\boldsymbol{\\Sigma}_k = \\mathbf{I}$ for all $k$. Then',
      '$$\\frac{\\partial \\mathcal{L}}{\\partial \\boldsymbol{\\mu}_k} = \\sum_{n=1}^{N} \\gamma_{nk} (\\mathbf{x}_n - \\boldsymbol{\\mu}_k)$$',
    ].join('\n');
    it('reads Σ_k = I the same way in D dimensions', () => {
      assert.deepEqual(verdictsAt(identity, 3), ['unchecked']);
      assert.deepEqual(verdictsAt(identity.replace('(\\mathbf{x}_n - \\boldsymbol{\\mu}_k)$$', () => '2 (\\mathbf{x}_n - \\boldsymbol{\\mu}_k)$$'), 3), ['fail']);
    });
  });
  describe('the data set written as a plain capital X', () => {
    // ln p(X) = Σ_n ln Σ_k π_k 𝒩(x_n | μ_k, Σ_k) (the points independent), and its gradient in μ_k is
    // Σ_n γ_nk Σ_k⁻¹ (x_n − μ_k) (finite differences in numpy): X beside x_n is the data set, not an event.
    const note = [
      'Mixture $p(x) = \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\Sigma_k)$, data $x_1, \\dots, x_N$.',
      '$$\\ln p(X) = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma_k)$$',
      '$$\\frac{\\partial}{\\partial \\mu_k} \\ln p(X) = \\sum_{n=1}^{N} \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma_k)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\Sigma_j)} \\Sigma_k^{-1} (x_n - \\mu_k)$$',
    ].join('\n');
    it('reads p(X) as the density of all the points', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note.replace('\\Sigma_k^{-1} (x_n', '(x_n'), 3), ['fail']);
    });
    it('leaves a function the note defines for one point unjudged at the data set', () => {
      const f = 'Let $$f(x) = \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\Sigma_k)$$ for data $x_1, \\dots, x_N$.\n' +
        '$$f(X) = \\sum_{n=1}^{N} \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\Sigma_k)$$';
      const cs = at(f, 2);
      assert.ok(cs.length === 1 && cs[0]!.verdict === 'unchecked' && /defined for one point/.test(cs[0]!.message), cs.map((c) => c.message).join(' | '));
    });
  });
  describe('two components written with one weight π and a responsibility w_i', () => {
    // p(x) = π 𝒩(x | μ_1, σ_1²) + (1 − π) 𝒩(x | μ_2, σ_2²), w_i the posterior of component 1: the M-step is
    // π^new = (1/n) Σ_i w_i, μ_1^new = Σ w_i x_i / Σ w_i, (σ_1²)^new = Σ w_i (x_i − μ_1^new)² / Σ w_i
    // (Q stationary there, finite differences in numpy).
    const note = [
      'Model: $p(x) = \\pi \\, \\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) + (1 - \\pi) \\, \\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)$, data $x_1, \\dots, x_n$.',
      '$$w_i = \\frac{\\pi \\, \\mathcal{N}(x_i \\mid \\mu_1, \\sigma_1^2)}{\\pi \\, \\mathcal{N}(x_i \\mid \\mu_1, \\sigma_1^2) + (1-\\pi) \\, \\mathcal{N}(x_i \\mid \\mu_2, \\sigma_2^2)}$$',
      '$$\\pi^{new} = \\frac{1}{n}\\sum_{i=1}^{n} w_i$$',
      '$$\\mu_1^{new} = \\frac{\\sum_{i=1}^{n} w_i x_i}{\\sum_{i=1}^{n} w_i}$$',
      '$$(\\sigma_1^2)^{new} = \\frac{\\sum_{i=1}^{n} w_i (x_i - \\mu_1^{new})^2}{\\sum_{i=1}^{n} w_i}$$',
    ].join('\n');
    it('reads π^{new} as the weight\'s update, not the number π', () => {
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note.replace('\\pi^{new} = \\frac{1}{n}', '\\pi^{new} = \\frac{2}{n}'), 3), ['fail']);
    });
    it('takes the note\'s E-step w_i at the current parameters inside the variance update', () => {
      assert.deepEqual(verdictsAt(note, 5), ['pass']);
      assert.deepEqual(verdictsAt(note.replace('^2}{\\sum_{i=1}^{n} w_i}$$', () => '^2}{n}$$'), 5), ['fail']);
    });
  });
  describe('the word of an update typed without \\text, in the note\'s language', () => {
    // μ_k^new = (1/N_k) Σ_n γ_nk x_n, the M-step's mean, whatever the word: nuevo, neu, nouveau.
    const note = (word: string, count: string) => [
      '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}, \\quad N_k = \\sum_{n=1}^{N} \\gamma_{nk}$$',
      `$$\\mu_k^{${word}} = \\frac{1}{${count}} \\sum_{n=1}^{N} \\gamma_{nk} x_n$$`,
    ].join('\n');
    for (const word of ['nuevo', 'neu', 'nouveau']) {
      it(`reads μ_k^{${word}} as the updated mean`, () => {
        assert.deepEqual(verdictsAt(note(word, 'N_k'), 2), ['pass']);
        assert.deepEqual(verdictsAt(note(word, 'N'), 2), ['fail']);
      });
    }
  });
  describe('a Dirichlet prior on the weights written as a product of powers', () => {
    // p(π) ∝ ∏_k π_k^{α_k − 1} is a prior's density, not `p(W) = ∏_i p(W_i)`: π stays the weights, and the
    // complete-data objective below is the usual one (its derivative in μ_k is Σ_n γ_nk (x_n − μ_k)/σ_k²).
    const note = [
      'Prior: $\\pi \\sim \\mathrm{Dir}(\\alpha_1, \\dots, \\alpha_K)$, i.e. $p(\\pi) \\propto \\prod_{k=1}^{K} \\pi_k^{\\alpha_k - 1}$.',
      '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$$',
      '$$Q = \\sum_{n=1}^{N} \\sum_{k=1}^{K} \\gamma_{nk} \\left[ \\log \\pi_k - \\frac{1}{2}\\log(2\\pi\\sigma_k^2) - \\frac{(x_n - \\mu_k)^2}{2\\sigma_k^2} \\right]$$',
    ].join('\n');
    it('keeps π the weights', () => {
      const report = checkNote(note);
      assert.ok(!report.reading.symbols.some((sy) => sy.role === 'dataset'), JSON.stringify(report.reading.symbols));
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
    });
  });
  describe('a single Gaussian before (or instead of) the mixture', () => {
    // ℓ(μ, σ²) = Σ_n ln 𝒩(x_n | μ, σ²) = −(N/2) ln(2πσ²) − (1/(2σ²)) Σ_n (x_n − μ)², and ∂ℓ/∂μ = (1/σ²) Σ_n (x_n − μ)
    // (finite differences in numpy): the likelihood of one Gaussian, not the mixture's.
    const note = [
      'Data $x_1, \\dots, x_N$ i.i.d. from one Gaussian $\\mathcal{N}(\\mu, \\sigma^2)$ (no mixture yet):',
      '$$\\ell(\\mu, \\sigma^2) = \\sum_{n=1}^{N} \\ln \\mathcal{N}(x_n \\mid \\mu, \\sigma^2) = -\\frac{N}{2}\\ln(2\\pi\\sigma^2) - \\frac{1}{2\\sigma^2}\\sum_{n=1}^{N}(x_n - \\mu)^2$$',
      '$$\\frac{\\partial \\ell}{\\partial \\mu} = \\frac{1}{\\sigma^2}\\sum_{n=1}^{N}(x_n - \\mu)$$',
    ].join('\n');
    it('evaluates ℓ(μ, σ²) as that Gaussian\'s log-likelihood', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass', 'pass']);
      assert.deepEqual(verdictsAt(note.replace('- \\frac{1}{2\\sigma^2}\\sum', '- \\frac{1}{\\sigma^2}\\sum'), 2), ['pass', 'fail']);
    });
    it('leaves a bare ℓ differentiated in the single Gaussian\'s μ unchecked, not ✗', () => {
      const cs = at(note, 3);
      assert.ok(cs.length === 1 && cs[0]!.verdict === 'unchecked' && /single Gaussian's/.test(cs[0]!.message), cs.map((c) => `${c.verdict} ${c.message}`).join(' | '));
    });
  });
  describe('a step the text states for different indices, "for $j \\neq k$"', () => {
    // ∂γ_nj/∂μ_k = −γ_nj γ_nk (x_n − μ_k)/σ_k² for j ≠ k (finite differences in numpy); at j = k it is another formula.
    const note = [
      '1-D mixture, $\\gamma_{nk} = \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) / \\sum_{l=1}^{K} \\pi_l \\mathcal{N}(x_n \\mid \\mu_l, \\sigma_l^2)$.',
      'For another component $j \\neq k$:',
      '',
      '$$\\frac{\\partial \\gamma_{nj}}{\\partial \\mu_k} = -\\gamma_{nj}\\gamma_{nk}\\,\\frac{x_n - \\mu_k}{\\sigma_k^2}$$',
    ].join('\n');
    it('judges it where the indices differ, and says so', () => {
      const cs = at(note, 4);
      assert.ok(cs.length === 1 && cs[0]!.verdict === 'pass' && /j ≠ k, as the text says/.test(cs[0]!.message), cs.map((c) => `${c.verdict} ${c.message}`).join(' | '));
      assert.deepEqual(verdictsAt(note.replace('= -\\gamma_{nj}', '= \\gamma_{nj}'), 4), ['fail']);
    });
    it('still judges it at every index value where the text says nothing', () => {
      assert.deepEqual(verdictsAt(note.replace('For another component $j \\neq k$:', 'For another component:'), 4), ['fail']);
    });
  });
  describe('π alone as the vector of the weights', () => {
    // π = (1/N) Rᵀ 1_N with R_nk = γ_nk is the vector N_k/N (numpy): right, and the number π it is not.
    const note = [
      'Responsibility matrix $R \\in \\mathbb{R}^{N \\times K}$ with $R_{nk} = \\gamma_{nk}$, and $\\mathbf{1}_N$ the all-ones vector. Weight vector:',
      '$$\\pi = \\frac{1}{N} R^\\top \\mathbf{1}_N$$',
      'It maximises $Q = \\sum_{n}\\sum_{k}\\gamma_{nk}\\left[\\ln\\pi_k + \\ln\\mathcal{N}(x_n\\mid\\mu_k,\\Sigma_k)\\right]$.',
    ].join('\n');
    it('is not judged as the number 3.14159', () => {
      const cs = at(note, 2);
      assert.ok(cs.length === 1 && cs[0]!.verdict === 'unchecked' && /vector of the weights/.test(cs[0]!.message), cs.map((c) => `${c.verdict} ${c.message}`).join(' | '));
    });
  });
  describe('a double sum written with both letters under one sign, \\sum_{n,k}', () => {
    // Σ_n Σ_k γ_nk = N (each point's responsibilities add up to 1).
    const note = (rhs: string) => [
      '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}$$',
      `$$\\sum_{n,k} \\gamma_{nk} = ${rhs}$$`,
    ].join('\n');
    it('sums over each letter', () => {
      assert.deepEqual(verdictsAt(note('N'), 2), ['pass']);
      assert.deepEqual(verdictsAt(note('K'), 2), ['fail']);
    });
  });
  describe('the Kronecker delta δ_{kj}', () => {
    // Σ_k w_ik (δ_kj − c_j) = w_ij − c_j (the responsibilities sum to one over k), and Σ_i (w_ij − c_j) = N_j − N c_j.
    const note = [
      '$$w_{ik} = \\frac{c_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K c_l \\mathcal{N}(x_i \\mid \\mu_l, \\sigma_l^2)}, \\qquad N_k = \\sum_{i=1}^N w_{ik}$$',
      '$$\\begin{aligned}',
      'g_j &= \\sum_{i=1}^N \\sum_{k=1}^K w_{ik} (\\delta_{kj} - c_j) \\\\',
      '&= \\sum_{i=1}^N (w_{ij} - c_j) \\\\',
      '&= N_j - N c_j',
      '\\end{aligned}$$',
      '$$\\sum_{k=1}^K \\delta_{kj} \\mu_k = \\mu_j$$',
    ].join('\n');
    it('evaluates δ_{kj} as 1 where the indices agree and 0 elsewhere', () => {
      assert.deepEqual(verdictsAt(note, 4), ['pass', 'pass']);
      assert.deepEqual(verdictsAt(note, 5), ['pass']);
      assert.deepEqual(verdictsAt(note, 7), ['pass']);
      assert.deepEqual(verdictsAt(note.replace('\\delta_{kj} \\mu_k = \\mu_j', '\\delta_{kj} \\pi_k = 1'), 7), ['fail']);
    });
    it('blames the last expression when the chain breaks there', () => {
      const bad = note.replace('&= N_j - N c_j', '&= N_j - c_j');
      const fail = at(bad, 5).filter((c) => c.verdict === 'fail');
      assert.equal(fail.length, 1);
      assert.equal(fail[0]!.culpritAt?.line, 5);
    });
  });
  describe('a Gaussian under another name: \\mathrm{N}(v; m, Σ), φ(y; μ, Σ), f(x; μ, Σ)', () => {
    // p(v_n) = Σ_k ω_k N(v_n; m_k, Σ_k) and γ_kn = ω_k N(v_n; m_k, Σ_k) / Σ_j ω_j N(v_n; m_j, Σ_j) are the mixture and the
    // responsibilities whatever the Gaussian is called; log φ = −(p/2) log 2π − ½ log|Σ| − ½ (y − μ)ᵀ Σ⁻¹ (y − μ).
    it('reads a roman N with a semicolon as the density and ω_k beside it as the weights', () => {
      const note = [
        '$$p(\\mathbf{v}_n \\mid \\theta) = \\sum_{k=1}^{K} \\omega_k \\, \\mathrm{N}(\\mathbf{v}_n ; \\mathbf{m}_k, \\boldsymbol\\Sigma_k)$$',
        '$$\\gamma_{kn} = \\frac{\\omega_k \\, \\mathrm{N}(\\mathbf{v}_n ; \\mathbf{m}_k, \\boldsymbol\\Sigma_k)}{\\sum_{j=1}^{K} \\omega_j \\, \\mathrm{N}(\\mathbf{v}_n ; \\mathbf{m}_j, \\boldsymbol\\Sigma_j)}$$',
      ].join('\n');
      assert.deepEqual(verdictsAt(note, 1), ['pass']);
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      const bad = note.replace('\\omega_j \\, \\mathrm{N}(\\mathbf{v}_n ; \\mathbf{m}_j', '\\omega_k \\, \\mathrm{N}(\\mathbf{v}_n ; \\mathbf{m}_j');
      assert.deepEqual(verdictsAt(bad, 2), ['fail']);
    });
    const mcl = [
      '$$f(\\boldsymbol{y}_j; \\boldsymbol\\Psi) = \\sum_{i=1}^g \\pi_i \\, \\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_i, \\boldsymbol\\Sigma_i)$$',
      '$$\\log L(\\boldsymbol\\Psi) = \\sum_{j=1}^n \\log \\left\\{ \\sum_{i=1}^g \\pi_i \\, \\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_i, \\boldsymbol\\Sigma_i) \\right\\}$$',
      '$$\\frac{\\partial \\log L(\\boldsymbol\\Psi)}{\\partial \\pi_i} = \\sum_{j=1}^n \\frac{\\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_i, \\boldsymbol\\Sigma_i)}{f(\\boldsymbol{y}_j; \\boldsymbol\\Psi)}$$',
      '$$\\log \\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_i, \\boldsymbol\\Sigma_i) = -\\frac{p}{2} \\log (2\\pi) - \\frac{1}{2} \\log |\\boldsymbol\\Sigma_i| - \\frac{1}{2} (\\boldsymbol{y}_j - \\boldsymbol\\mu_i)^T \\boldsymbol\\Sigma_i^{-1} (\\boldsymbol{y}_j - \\boldsymbol\\mu_i)$$',
    ].join('\n');
    it('reads φ in a sum of weight × φ(point; mean, spread) as the Gaussian, Ψ as all the parameters, and L under a logarithm as the likelihood', () => {
      for (const line of [1, 2, 3, 4]) assert.deepEqual(verdictsAt(mcl, line), ['pass'], `line ${line}`);
      assert.deepEqual(verdictsAt(mcl.replace('- \\frac{1}{2} \\log |', '+ \\frac{1}{2} \\log |'), 4), ['fail']);
      assert.deepEqual(verdictsAt(mcl.replace('\\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_i, \\boldsymbol\\Sigma_i)}{f', '\\pi_i \\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_i, \\boldsymbol\\Sigma_i)}{f'), 3), ['fail']);
    });
    it('takes the data set after the semicolon of L(θ; 𝐱)', () => {
      const note = '$$\\log L(\\theta; \\mathbf{x}) = \\sum_{i=1}^n \\log \\sum_{j=1}^2 \\tau_j f(\\mathbf{x}_i; \\boldsymbol\\mu_j, \\Sigma_j)$$';
      assert.deepEqual(verdictsAt(note, 1), ['pass']);
      // The same L, a step later, divided by n: wrong.
      assert.deepEqual(verdictsAt(`${note}\n${note.replace('\\sum_{i=1}^n \\log', '\\frac{1}{n} \\sum_{i=1}^n \\log')}`, 2), ['fail']);
    });
  });
  describe('parameters marked as the current iterate θ^{(t)}', () => {
    // Q(θ | θ^(t)) = Σ_i Σ_j T_ji [log τ_j + log 𝒩(x_i | μ_j, Σ_j)] with T_ji computed at θ^(t): ∂Q/∂μ_j = Σ_j⁻¹ Σ_i T_ji (x_i − μ_j),
    // the memberships held fixed (they are numbers at θ^(t), not functions of μ_j): numpy, finite differences in μ_j alone.
    const note = [
      '$$T_{j,i}^{(t)} = \\frac{\\tau_j^{(t)} \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_j^{(t)}, \\Sigma_j^{(t)})}{\\tau_1^{(t)} \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_1^{(t)}, \\Sigma_1^{(t)}) + \\tau_2^{(t)} \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_2^{(t)}, \\Sigma_2^{(t)})}$$',
      '$$Q(\\theta \\mid \\theta^{(t)}) = \\sum_{i=1}^n \\sum_{j=1}^2 T_{j,i}^{(t)} \\left[ \\log \\tau_j + \\log \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_j, \\Sigma_j) \\right]$$',
      '$$\\frac{\\partial Q(\\theta \\mid \\theta^{(t)})}{\\partial \\boldsymbol\\mu_j} = \\Sigma_j^{-1} \\sum_{i=1}^n T_{j,i}^{(t)} (\\mathbf{x}_i - \\boldsymbol\\mu_j)$$',
      '$$\\log p(\\mathbf{x}_i) = \\log \\sum_{j=1}^2 \\tau_j \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_j, \\Sigma_j)$$',
    ].join('\n');
    it('holds them fixed in a derivative in the plain parameter', () => {
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note.replace('= \\Sigma_j^{-1} \\sum', '= \\Sigma_j \\sum'), 3), ['fail']);
    });
    it('does not judge a derivative in the iterate itself', () => {
      const wrtIterate = `${note}\n$$\\frac{\\partial}{\\partial \\boldsymbol\\mu_j^{(t)}} \\log \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol\\mu_j^{(t)}, \\Sigma_j^{(t)}) = (\\Sigma_j^{(t)})^{-1} (\\mathbf{x}_i - \\boldsymbol\\mu_j^{(t)})$$`;
      assert.deepEqual(verdictsAt(wrtIterate, 5), ['unchecked']);
    });
  });
  describe('“new” and “old” in Russian (нов, стар)', () => {
    // The M-step: μ_k = (1/N_k) Σ_n γ_nk x_n, σ_k² = (1/N_k) Σ_n γ_nk (x_n − μ_k^new)², with the new mean.
    const note = [
      '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}, \\qquad N_k = \\sum_{n=1}^N \\gamma_{nk}$$',
      '$$\\mu_k^{\\text{нов}} = \\frac{1}{N_k} \\sum_{n=1}^N \\gamma_{nk} x_n, \\qquad (\\sigma_k^2)^{\\text{нов}} = \\frac{1}{N_k} \\sum_{n=1}^N \\gamma_{nk} (x_n - \\mu_k^{\\text{нов}})^2$$',
    ].join('\n');
    it('reads them as the update, also on a bracketed square', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass', 'pass']);
      assert.deepEqual(verdictsAt(note.replace('\\mu_k^{\\text{нов}})^2', '\\mu_k^{\\text{стар}})^2'), 2), ['pass', 'fail']);
    });
  });
  describe('weights written as a softmax of logits η_k', () => {
    // c_k = e^{η_k}/Σ_j e^{η_j}: ∂c_k/∂η_j = c_k(δ_kj − c_j), ∂log c_k/∂η_j = δ_kj − c_j, and
    // ∂ℓ/∂η_j = Σ_i (w_ij − c_j) = N_j − N c_j (numpy, finite differences in η).
    const note = [
      '$$c_k = \\frac{e^{\\eta_k}}{\\sum_{j=1}^K e^{\\eta_j}}$$',
      '$$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K c_k \\, \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$',
      '$$w_{ik} = \\frac{c_k \\, \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{l=1}^K c_l \\, \\mathcal{N}(x_i \\mid \\mu_l, \\sigma_l^2)}, \\qquad N_k = \\sum_{i=1}^N w_{ik}$$',
      '$$\\frac{\\partial c_k}{\\partial \\eta_j} = c_k (\\delta_{kj} - c_j)$$',
      '$$\\frac{\\partial \\log c_k}{\\partial \\eta_j} = \\delta_{kj} - c_j$$',
      '$$\\frac{\\partial \\ell}{\\partial \\eta_j} = N_j - N c_j$$',
      '$$\\frac{\\partial^2 \\log c_k}{\\partial \\eta_j^2} = -c_j (1 - c_j)$$',
    ].join('\n');
    it('reads η as the logits and differentiates in them', () => {
      for (const line of [1, 4, 5, 6, 7]) assert.deepEqual(verdictsAt(note, line), ['pass'], `line ${line}`);
      assert.deepEqual(verdictsAt(note.replace('= \\delta_{kj} - c_j$$', () => '= \\delta_{kj} - c_k$$'), 5), ['fail']);
      assert.deepEqual(verdictsAt(note.replace('= N_j - N c_j', '= N_j - c_j'), 6), ['fail']);
    });
    it('does not read a parameter set equal to an expression of the parameters as an M-step', () => {
      // σ_k = e^{s_k} after s_k = log σ_k renames σ_k; it is no update (those read the data).
      const renamed = `${note}\nwith $s_k = \\log \\sigma_k$, so $\\sigma_k = e^{s_k}$.`;
      assert.deepEqual(verdictsAt(renamed, 8), ['pass', 'pass']);
    });
  });
  it('reads a bold capital beside the bold points as the data set: p(𝐙 | θ)', () => {
    const note = '$$\\log p(\\mathbf{Z} \\mid \\theta) = \\sum_{i=1}^M \\log \\sum_{k=1}^K p_k \\, \\mathcal{N}(\\mathbf{z}_i \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)$$';
    assert.deepEqual(verdictsAt(note, 1), ['pass']);
  });
  it('reads the letter of \\sqrt{(2π)^d |Σ|} as the dimension', () => {
    // f is 𝒩(x | μ, Σ) in d dimensions; log f = −½ log|Σ| − ½ (x − μ)ᵀ Σ⁻¹ (x − μ) − (d/2) log 2π, and −d log 2π is wrong.
    const note = [
      '$$f(\\mathbf{x}; \\boldsymbol\\mu, \\Sigma) = \\frac{1}{\\sqrt{(2\\pi)^d |\\Sigma|}} \\exp\\left( -\\frac{1}{2} (\\mathbf{x} - \\boldsymbol\\mu)^\\top \\Sigma^{-1} (\\mathbf{x} - \\boldsymbol\\mu) \\right)$$',
      '$$\\log f(\\mathbf{x}_i; \\boldsymbol\\mu_j, \\Sigma_j) = -\\frac{1}{2} \\log |\\Sigma_j| - \\frac{1}{2} (\\mathbf{x}_i - \\boldsymbol\\mu_j)^\\top \\Sigma_j^{-1} (\\mathbf{x}_i - \\boldsymbol\\mu_j) - d \\log (2\\pi)$$',
    ].join('\n');
    assert.match(checkNote(note).reading.description, /dimension d/);
    assert.deepEqual(verdictsAt(note, 2), ['fail']);
    assert.deepEqual(verdictsAt(note.replace('- d \\log (2\\pi)', '- \\frac{d}{2} \\log (2\\pi)'), 2), ['pass']);
  });
  it('reads ℓ(η, μ, σ) with η the logits as the log-likelihood, and \\Pr(…) as a probability, not an operator with limits', () => {
    const note = [
      '$$c_k = \\frac{e^{\\eta_k}}{\\sum_{j=1}^K e^{\\eta_j}}$$',
      '$$\\ell(\\eta, \\mu, \\sigma) = \\sum_{i=1}^N \\log \\sum_{k=1}^K c_k \\, \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$',
      '$$\\Pr(z_i = k \\mid x_i) = \\frac{c_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K c_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j^2)}$$',
    ].join('\n');
    assert.deepEqual(verdictsAt(note, 2), ['pass']);
    assert.deepEqual(verdictsAt(note, 3), ['pass']);
  });
  describe('a function defined at the current iterate Ψ^{(k)} and used at Ψ', () => {
    // τ_i(y_j; Ψ) is the posterior of component i at Ψ: ∂ log L/∂π_i = (1/π_i) Σ_j τ_i(y_j; Ψ) (numpy, finite differences).
    const note = [
      '$$f(\\boldsymbol{y}_j; \\boldsymbol\\Psi) = \\sum_{i=1}^g \\pi_i \\, \\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_i, \\boldsymbol\\Sigma_i)$$',
      '$$\\tau_i(\\boldsymbol{y}_j; \\boldsymbol\\Psi^{(k)}) = \\frac{\\pi_i^{(k)} \\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_i^{(k)}, \\boldsymbol\\Sigma_i^{(k)})}{\\sum_{h=1}^g \\pi_h^{(k)} \\phi(\\boldsymbol{y}_j; \\boldsymbol\\mu_h^{(k)}, \\boldsymbol\\Sigma_h^{(k)})}$$',
      '$$\\log L(\\boldsymbol\\Psi) = \\sum_{j=1}^n \\log f(\\boldsymbol{y}_j; \\boldsymbol\\Psi)$$',
      '$$\\frac{\\partial \\log L(\\boldsymbol\\Psi)}{\\partial \\pi_i} = \\frac{1}{\\pi_i} \\sum_{j=1}^n \\tau_i(\\boldsymbol{y}_j; \\boldsymbol\\Psi)$$',
      '$$\\frac{\\partial}{\\partial \\boldsymbol\\mu_i} \\sum_{j=1}^n \\tau_i(\\boldsymbol{y}_j; \\boldsymbol\\Psi) = \\mathbf{0}$$',
    ].join('\n');
    it('evaluates it where nothing moves the parameters', () => {
      assert.deepEqual(verdictsAt(note, 4), ['pass']);
      assert.deepEqual(verdictsAt(note.replace('= \\frac{1}{\\pi_i} \\sum', '= \\pi_i \\sum'), 4), ['fail']);
    });
    it('does not judge it inside a derivative, where Ψ moves and Ψ^{(k)} does not', () => {
      assert.ok(at(note, 5).every((c) => c.verdict !== 'fail'));
    });
  });
  it('reads `d = 1, \\dots, D` as the range of an index, not a definition of d', () => {
    const note = 'Coordinates $v_{nd}$, $d = 1, \\dots, D$, and $a = 1$ here.\n\n$$a + 1 = 2$$';
    const r = checkNote(note).claims;
    assert.deepEqual(r.filter((c) => c.line === 1).map((c) => [c.kind, c.verdict]), [['condition', 'unchecked'], ['definition', 'pass']]);
    assert.deepEqual(verdictsAt(note, 3), ['pass']);
  });
  describe('a Lagrangian named after the log-likelihood, with arguments', () => {
    // 𝓛(θ, λ) = Σ_n ln Σ_k π_k 𝒩(x_n | μ_k, σ_k²) + λ(Σ_k π_k − 1): ∂𝓛/∂π_k = Σ_n 𝒩(x_n | μ_k, σ_k²) / Σ_j π_j 𝒩(x_n | μ_j, σ_j²) + λ
    // and ∂𝓛/∂λ = Σ_k π_k − 1. Written bare afterwards, 𝓛 is this function (Bishop's layout), not the log-likelihood.
    const grad = '\\sum_{n=1}^{N} \\frac{\\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2)}';
    const note = (lhs: string, body: string) => [
      `$$${lhs} = ${body} + \\lambda \\left( \\sum_{k=1}^{K} \\pi_k - 1 \\right)$$`,
      `$$\\frac{\\partial \\mathcal{L}}{\\partial \\pi_k} = ${grad} + \\lambda$$`,
      `$$\\frac{\\partial \\mathcal{L}}{\\partial \\pi_k} = ${grad}$$`,
      '$$\\frac{\\partial \\mathcal{L}}{\\partial \\lambda} = \\sum_{k=1}^K \\pi_k - 1$$',
    ].join('\n');
    const loglik = '\\sum_{n=1}^{N} \\log \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)';
    it('reads a bare 𝓛 after 𝓛(θ, λ) = … and 𝓛(θ) = … as the Lagrangian', () => {
      for (const lhs of ['\\mathcal{L}(\\theta, \\lambda)', '\\mathcal{L}(\\theta)', '\\mathcal{L}(\\pi, \\lambda)']) {
        const text = note(lhs, loglik);
        assert.deepEqual(verdictsAt(text, 1), ['pass'], lhs);
        assert.deepEqual(verdictsAt(text, 2), ['pass'], lhs);
        assert.deepEqual(verdictsAt(text, 3), ['fail'], lhs);
        assert.deepEqual(verdictsAt(text, 4), ['pass'], lhs);
        assert.doesNotMatch(at(text, 3)[0]!.message, /instead of 𝓛/, lhs);
      }
    });
    it('leaves a bare 𝓛 unchecked when the Lagrangian is written with 𝓛 itself', () => {
      const text = note('\\mathcal{L}(\\theta, \\lambda)', '\\mathcal{L}(\\theta)');
      assert.deepEqual(verdictsAt(text, 2), ['unchecked']);
      assert.match(at(text, 2)[0]!.message, /both the log-likelihood and the Lagrangian/);
    });
  });
  describe('a two-component mixture written with one weight', () => {
    // p(x) = π 𝒩(x | μ_1, σ_1²) + (1 − π) 𝒩(x | μ_2, σ_2²): π is the weight of component 1, the number
    // only in 2π. d ln p / dπ = (𝒩_1 − 𝒩_2)/p (both weights move); 𝒩_1/p is ∂/∂π_1 alone, wrong here.
    // With γ_i = π 𝒩_1/p: γ_i/π − (1 − γ_i)/(1 − π) = (𝒩_1 − 𝒩_2)/p, and the M-step is π = (1/N) Σ_i γ_i.
    const N1 = '\\mathcal{N}(x_i \\mid \\mu_1, \\sigma_1^2)', N2 = '\\mathcal{N}(x_i \\mid \\mu_2, \\sigma_2^2)';
    const note = [
      '$$p(x) = \\pi \\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) + (1 - \\pi) \\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)$$',
      `$$\\gamma_i = \\frac{\\pi ${N1}}{\\pi ${N1} + (1 - \\pi) ${N2}}$$`,
      `$$\\frac{\\partial \\ell}{\\partial \\pi} = \\sum_{i=1}^N \\frac{${N1} - ${N2}}{p(x_i)} = \\sum_{i=1}^N \\left(\\frac{\\gamma_i}{\\pi} - \\frac{1 - \\gamma_i}{1 - \\pi}\\right)$$`,
      `$$\\frac{\\partial \\ell}{\\partial \\pi} = \\sum_{i=1}^N \\frac{${N1}}{p(x_i)}$$`,
      '$$\\mathcal{N}(x_i \\mid \\mu_1, \\sigma_1^2) = \\frac{1}{\\sqrt{2\\pi\\sigma_1^2}} \\exp\\left(-\\frac{(x_i - \\mu_1)^2}{2\\sigma_1^2}\\right)$$',
      '$$\\hat\\pi = \\frac{1}{N} \\sum_{i=1}^N \\gamma_i$$',
      '$$\\hat\\pi = \\frac{2}{N} \\sum_{i=1}^N \\gamma_i$$',
    ].join('\n');
    it('reads π as the weight of component 1, and 2π as the number', () => {
      const report = checkNote(note);
      assert.match(report.reading.text, /π₁ = π, π₂ = 1 − π/);
      for (const line of [1, 2, 5, 6]) assert.deepEqual(verdictsAt(note, line), ['pass'], `line ${line}`);
      assert.deepEqual(verdictsAt(note, 3), ['pass', 'pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
      assert.deepEqual(verdictsAt(note, 7), ['fail']);
    });
    it('reads `π_1 = π`, `π_2 = 1 − π` the same way', () => {
      const text = `With two components $\\pi_1 = \\pi$ and $\\pi_2 = 1 - \\pi$.\n${note.split('\n').slice(1).join('\n')}`;
      assert.deepEqual(verdictsAt(text, 1), ['pass', 'pass']);
      assert.deepEqual(verdictsAt(text, 3), ['pass', 'pass']);
    });
    it('keeps π the number in a note with indexed weights only', () => {
      const text = '$$\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2) = \\frac{1}{\\sqrt{2\\pi\\sigma_k^2}} \\exp\\left(-\\frac{(x_i - \\mu_k)^2}{2\\sigma_k^2}\\right)$$\n$$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^2 \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$';
      assert.deepEqual(verdictsAt(text, 1), ['pass']);
      assert.doesNotMatch(checkNote(text).reading.text, /= 1 − π/);
    });
  });
  describe('Gaussians that hold the standard deviation, 𝒩(x | μ, σ)', () => {
    // With σ the scale (scipy's norm(loc, scale)): ln 𝒩(x | μ, σ) = −ln σ − ½ ln 2π − (x − μ)²/(2σ²),
    // ∂/∂σ ln 𝒩 = −1/σ + (x − μ)²/σ³; the expansion with σ as a variance is wrong for this note.
    const note = [
      'Here $\\mathcal{N}(x \\mid \\mu, \\sigma)$ has standard deviation $\\sigma$.',
      '$$\\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k) = -\\log \\sigma_k - \\frac{1}{2}\\log(2\\pi) - \\frac{(x_i - \\mu_k)^2}{2\\sigma_k^2}$$',
      '$$\\frac{\\partial}{\\partial \\sigma_k} \\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k) = -\\frac{1}{\\sigma_k} + \\frac{(x_i - \\mu_k)^2}{\\sigma_k^3}$$',
      '$$\\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k) = -\\frac{1}{2}\\log \\sigma_k - \\frac{1}{2}\\log(2\\pi) - \\frac{(x_i - \\mu_k)^2}{2\\sigma_k}$$',
    ].join('\n');
    it('reads σ_k in the second slot as the standard deviation when every Gaussian of the note writes it so', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      // The expansion with σ_k as a variance is wrong for this note, whose text says σ is the standard deviation.
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
      // Without that sentence it holds in the other reading of 𝒩(x | μ, σ): not judged.
      const unsaid = note.replace('Here $\\mathcal{N}(x \\mid \\mu, \\sigma)$ has standard deviation $\\sigma$.', 'Here is the model.');
      assert.notEqual(unsaid, note);
      assert.deepEqual(verdictsAt(unsaid, 4), ['unchecked']);
      assert.match(at(unsaid, 4)[0]!.message, /holds if σ in 𝒩\(x \| μ, σ\) is the variance/);
      // Wrong in both readings: ln 𝒩 has −½ ln 2π, not −ln 2π.
      assert.deepEqual(verdictsAt(note.replace('- \\frac{1}{2}\\log(2\\pi) - \\frac{(x_i - \\mu_k)^2}{2\\sigma_k^2}', '- \\log(2\\pi) - \\frac{(x_i - \\mu_k)^2}{2\\sigma_k^2}'), 2), ['fail']);
    });
    it('leaves a note whose σ_k is its variance unjudged where the readings differ, never ✗', () => {
      const text = [
        '$$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k)$$',
        '$$\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k) = \\frac{1}{\\sqrt{2\\pi\\sigma_k}} \\exp\\left(-\\frac{(x_i-\\mu_k)^2}{2\\sigma_k}\\right)$$',
      ].join('\n');
      assert.deepEqual(verdictsAt(text, 1), ['pass']);
      assert.deepEqual(verdictsAt(text, 2), ['unchecked']);
    });
    it('leaves the variance update of such a note unjudged, never ✗, and fails one wrong in both readings', () => {
      // With σ_k the variance, the M-step is σ_k = (1/N_k) Σ_i γ_ik (x_i − μ_k)²; with σ_k the standard deviation it is
      // its square root. (1/N) Σ_i γ_ik (x_i − μ_k)² is neither.
      const text = [
        '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i \\mid \\mu_j, \\sigma_j)}$$',
        '$$\\sigma_k = \\frac{1}{N_k} \\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k)^2$$',
        '$$\\sigma_k = \\frac{1}{N} \\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k)^2$$',
      ].join('\n');
      assert.deepEqual(verdictsAt(text, 1), ['pass']);
      assert.deepEqual(verdictsAt(text, 2), ['unchecked']);
      assert.match(at(text, 2)[0]!.message, /holds if σ in 𝒩\(x \| μ, σ\) is the variance/);
      assert.deepEqual(verdictsAt(text, 3), ['fail']);
    });
    it('reads σ_k as the variance where the text says so', () => {
      // ln 𝒩(x | μ, v) = −½ ln 2πv − (x − μ)²/(2v): ∂/∂v = −1/(2v) + (x − μ)²/(2v²), and the M-step is v = (1/N_k) Σ γ (x − μ)².
      const text = [
        'The model is $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k)$, where $\\sigma_k$ is the variance of component $k$.',
        '$$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k)$$',
        '$$\\frac{\\partial \\ell}{\\partial \\sigma_k} = \\sum_{i=1}^N \\gamma_{ik} \\left( \\frac{(x_i - \\mu_k)^2}{2\\sigma_k^2} - \\frac{1}{2\\sigma_k} \\right)$$',
        '$$\\sigma_k = \\frac{1}{N_k} \\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k)^2$$',
        '$$\\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k) = \\frac{1}{\\sqrt{2\\pi\\sigma_k}} \\exp\\left(-\\frac{(x_i-\\mu_k)^2}{2\\sigma_k}\\right)$$',
        '$$\\sigma_k = \\frac{1}{N} \\sum_{i=1}^N \\gamma_{ik} (x_i - \\mu_k)^2$$',
      ].join('\n');
      for (const line of [3, 4, 5]) assert.deepEqual(verdictsAt(text, line), ['pass'], `line ${line}`);
      assert.deepEqual(verdictsAt(text, 6), ['fail']);
      assert.match(checkNote(text).reading.text, /variances σₖ/);
      // "covariance" is not "variance": Σ_k keeps its reading.
      const cov = text.replace('where $\\sigma_k$ is the variance', 'where $\\Sigma_k$ is the covariance');
      assert.deepEqual(verdictsAt(cov, 4), ['unchecked']);
    });
    it('keeps the variance reading when the note also writes 𝒩(x | μ_k, σ_k²)', () => {
      const mixed = `${note}\n$$p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$$`;
      assert.deepEqual(verdictsAt(mixed, 2), ['fail']);
    });
  });
  describe('a function the note defines, stated again inline', () => {
    // Q(θ, θ^old) = Σ_n Σ_k γ_nk [ln π_k + ln 𝒩(x_n | μ_k, σ_k²)]: ∂Q/∂μ_k = Σ_n γ_nk (x_n − μ_k)/σ_k². Restated
    // without the Gaussian's term it is wrong (a claim about Q, not a new Q), and the later gradient still holds.
    const def = '$$Q(\\theta, \\theta^{old}) = \\sum_{n=1}^{N} \\sum_{k=1}^{K} \\gamma_{nk} \\left[ \\log \\pi_k + \\log \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2) \\right]$$';
    const grad = '$$\\frac{\\partial Q}{\\partial \\mu_k} = \\sum_{n=1}^{N} \\gamma_{nk} \\frac{x_n - \\mu_k}{\\sigma_k^2}$$';
    it('judges a wrong restatement against the definition and keeps the definition', () => {
      const note = [def, 'Later we note that $Q(\\theta, \\theta^{old}) = \\sum_{n=1}^{N} \\sum_{k=1}^{K} \\gamma_{nk} \\log \\pi_k$.', grad].join('\n');
      assert.deepEqual(verdictsAt(note, 2), ['fail']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
    });
    it('passes a correct restatement', () => {
      const note = [def, 'So $Q(\\theta, \\theta^{old}) = \\sum_{n=1}^{N} \\sum_{k=1}^{K} \\gamma_{nk} \\log \\pi_k + \\sum_{n=1}^{N} \\sum_{k=1}^{K} \\gamma_{nk} \\log \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$.', grad].join('\n');
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
    });
  });
  describe('a derivative in a variable the note defines from a variance', () => {
    // β_k = 1/σ_k²: ln 𝒩(x | μ_k, 1/β_k) = ½ ln β_k − ½ ln 2π − β_k (x − μ_k)²/2, so
    // ∂ℓ/∂β_k = Σ_i γ_ik (1/(2β_k) − (x_i − μ_k)²/2); with τ_k = ln σ_k, ∂ℓ/∂τ_k = Σ_i γ_ik ((x_i − μ_k)²/σ_k² − 1).
    const note = [
      'Let $\\beta_k = 1/\\sigma_k^2$ and $\\tau_k = \\log \\sigma_k$.',
      '$$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$$',
      '$$\\frac{\\partial \\ell}{\\partial \\beta_k} = \\sum_{i=1}^N \\gamma_{ik} \\left( \\frac{1}{2\\beta_k} - \\frac{(x_i - \\mu_k)^2}{2} \\right)$$',
      '$$\\frac{\\partial \\ell}{\\partial \\beta_k} = \\sum_{i=1}^N \\gamma_{ik} \\left( \\frac{1}{\\beta_k} - \\frac{(x_i - \\mu_k)^2}{2} \\right)$$',
      '$$\\frac{\\partial \\ell}{\\partial \\tau_k} = \\sum_{i=1}^N \\gamma_{ik} \\left( \\frac{(x_i - \\mu_k)^2}{\\sigma_k^2} - 1 \\right)$$',
    ].join('\n');
    it('differentiates by the chain rule through the definition', () => {
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
      assert.deepEqual(verdictsAt(note, 5), ['pass']);
    });
  });
  describe('the log-sum-exp shift c_i = max_k a_ki', () => {
    // log Σ_k e^{a_ki} = c + log Σ_k e^{a_ki − c} for every c (so for the max); with + c inside it is wrong,
    // and γ_ik = e^{a_ki − c_i} / Σ_j e^{a_ji − c_i} is the responsibility whatever c_i is.
    const note = [
      '$$a_{ki} = \\log \\pi_k + \\log \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2), \\quad c_i = \\max_k a_{ki}$$',
      '$$\\log \\sum_{k=1}^K e^{a_{ki}} = c_i + \\log \\sum_{k=1}^K e^{a_{ki} - c_i}$$',
      '$$\\log \\sum_{k=1}^K e^{a_{ki}} = c_i + \\log \\sum_{k=1}^K e^{a_{ki} + c_i}$$',
      '$$\\gamma_{ik} = \\frac{e^{a_{ki} - c_i}}{\\sum_{j=1}^K e^{a_{ji} - c_i}}$$',
      '$$\\max_k a_{ki} = \\log \\pi_1 + \\log \\mathcal{N}(x_i \\mid \\mu_1, \\sigma_1^2)$$',
    ].join('\n');
    it('evaluates the max over the components', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['fail']);
      assert.deepEqual(verdictsAt(note, 4), ['pass']);
      // The max is not always component 1's term.
      assert.deepEqual(verdictsAt(note, 5), ['fail']);
    });
  });
  describe('an M-step covariance as the inverse of a precision', () => {
    // Λ_k⁻¹ = (1/N_k) Σ_n r_nk (x_n − μ_k)(x_n − μ_k)ᵀ is the M-step. Where a component holds about as many
    // points as dimensions that matrix is nearly singular, and its inverse's inverse differs from it in the
    // fourth digit: such points are no evidence, and the step must not fail for them at any seed.
    const note = [
      'Responsibilities $r_{nk} = \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Lambda}_k^{-1}) / \\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_j, \\boldsymbol{\\Lambda}_j^{-1})$, $N_k = \\sum_{n=1}^{N} r_{nk}$.',
      '$$\\boldsymbol{\\Lambda}_k^{-1} = \\frac{1}{N_k}\\sum_{n=1}^{N} r_{nk}(\\mathbf{x}_n - \\boldsymbol{\\mu}_k)(\\mathbf{x}_n - \\boldsymbol{\\mu}_k)^\\top$$',
    ].join('\n');
    it('is never a ✗ for rounding', () => {
      for (const seed of [4, 35]) assert.notDeepEqual(checkNote(note, { seed }).claims.filter((c) => c.line === 2).map((c) => c.verdict), ['fail'], `seed ${seed}`);
    });
  });
  describe('entries of a parameter written with more subscripts', () => {
    // μ_{kd} is coordinate d of μ_k and Σ_{ij} an entry of Σ: no index role of the checker runs over
    // coordinates, so they are unchecked, never read as μ_k or Σ_i (μ_{k1} = μ_{k2} is false in general;
    // Σ_{ij} = Σ_{ji} and ∂ log|Σ|/∂Σ_{ij} = (Σ⁻¹)_{ji} are true).
    const mix = 'Mixture $p(\\mathbf{x}_n) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)$.';
    it('leaves μ_{kd}, x_{nd} and Σ_{ij} unchecked', () => {
      const note = [mix, '$$\\mu_{k1} = \\mu_{k2}$$', '$$\\Sigma_{ij} = \\Sigma_{ji}$$',
        '$$\\frac{\\partial \\log|\\boldsymbol{\\Sigma}_k|}{\\partial \\Sigma_{k,ij}} = (\\boldsymbol{\\Sigma}_k^{-1})_{ji}$$', '$$x_{nd} = x_{n1}$$'].join('\n');
      for (const line of [2, 3, 4, 5]) assert.deepEqual(verdictsAt(note, line), ['unchecked'], `line ${line}`);
      assert.match(at(note, 2)[0]!.message, /names an entry/);
    });
  });
  describe('the likelihood at the updated parameters', () => {
    // ℓ(θ^{(t+1)}) is the log-likelihood at the M-step's parameters: equal to the sum written with α_k^{(t+1)},
    // μ_k^{(t+1)}, Σ_k^{(t+1)}, and in general not to ℓ(θ^{(t)}) (EM raises it).
    const note = [
      'Mixture $p(x_i \\mid \\theta) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)$, $\\ell(\\theta) = \\sum_{i=1}^n \\log p(x_i \\mid \\theta)$.',
      '$$\\ell(\\theta^{(t+1)}) = \\sum_{i=1}^n \\log \\sum_{k=1}^K \\alpha_k^{(t+1)} \\mathcal{N}(x_i \\mid \\mu_k^{(t+1)}, \\Sigma_k^{(t+1)})$$',
      '$$\\ell(\\theta^{(t+1)}) = \\ell(\\theta^{(t)})$$',
    ].join('\n');
    it('evaluates ℓ(θ^{(t+1)}) at the M-step', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['fail']);
    });
  });
  describe("Bishop's one-hot latent z", () => {
    // p(z_k = 1) = π_k (9.10), p(x | z_k = 1) = 𝒩(x | μ_k, Σ_k) (9.11) and γ(z_k) = p(z_k = 1 | x) (9.13).
    const note = [
      '$p(\\mathbf{x}) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(\\mathbf{x} \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)$ with a one-hot $\\mathbf{z}$.',
      '$$p(z_k = 1) = \\pi_k$$',
      '$$p(z_k = 1 \\mid \\mathbf{x}) = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x} \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x} \\mid \\boldsymbol{\\mu}_j, \\boldsymbol{\\Sigma}_j)}$$',
      '$$p(z_k = 1) = \\pi_1$$',
    ].join('\n');
    it('reads z_k = 1 as "in component k" where k is a component index', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
  });
  describe('the covariance M-step written for the precision', () => {
    // Λ_k^new = S_k⁻¹ with S_k = (1/N_k) Σ_n r_nk (x_n − μ_k^new)(x_n − μ_k^new)ᵀ; Σ_k⁻¹ = (S_k)⁻¹ the same;
    // Λ_k = S_k (not inverted) and 1/N for 1/N_k are wrong.
    const S = (n = 'N_k') => `\\frac{1}{${n}}\\sum_{n=1}^{N} r_{nk}(\\mathbf{x}_n - \\boldsymbol{\\mu}_k)(\\mathbf{x}_n - \\boldsymbol{\\mu}_k)^\\top`;
    const note = [
      'Responsibilities $r_{nk} = \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Lambda}_k^{-1}) / \\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_j, \\boldsymbol{\\Lambda}_j^{-1})$, $N_k = \\sum_{n=1}^{N} r_{nk}$.',
      `$$\\boldsymbol{\\Lambda}_k = \\left(${S()}\\right)^{-1}$$`,
      `$$\\boldsymbol{\\Lambda}_k^{-1} = ${S()}$$`,
      `$$\\boldsymbol{\\Lambda}_k = ${S()}$$`,
      `$$\\boldsymbol{\\Lambda}_k = \\left(${S('N')}\\right)^{-1}$$`,
    ].join('\n');
    it('reads Λ_k = (…)⁻¹ as the update', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
      assert.deepEqual(verdictsAt(note, 5), ['fail']);
    });
  });
  describe('an underbrace label with an index', () => {
    // ∂ℓ/∂Σ_k = −½ Σ_i w_ik Σ_k⁻¹ + ½ Σ_k⁻¹ S_k Σ_k⁻¹ with S_k = Σ_i w_ik (x_i − μ_k)(x_i − μ_k)ᵀ, = −(N_k/2) Σ_k⁻¹ + ½ Σ_k⁻¹ S_k Σ_k⁻¹.
    const note = [
      'Responsibilities $w_{ik} = \\pi_k \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k) / \\sum_{j=1}^K \\pi_j \\mathcal{N}(\\mathbf{x}_i \\mid \\boldsymbol{\\mu}_j, \\boldsymbol{\\Sigma}_j)$, $N_k = \\sum_{i=1}^{N} w_{ik}$.',
      '$$\\frac{\\partial \\ell}{\\partial \\boldsymbol{\\Sigma}_k} = -\\frac{1}{2} \\sum_{i=1}^N w_{ik} \\boldsymbol{\\Sigma}_k^{-1} + \\frac{1}{2} \\boldsymbol{\\Sigma}_k^{-1} \\underbrace{\\sum_{i=1}^N w_{ik}(\\mathbf{x}_i - \\boldsymbol{\\mu}_k)(\\mathbf{x}_i - \\boldsymbol{\\mu}_k)^\\top}_{S_k} \\boldsymbol{\\Sigma}_k^{-1}$$',
      '$$\\frac{\\partial \\ell}{\\partial \\boldsymbol{\\Sigma}_k} = -\\frac{N_k}{2} \\boldsymbol{\\Sigma}_k^{-1} + \\frac{1}{2} \\boldsymbol{\\Sigma}_k^{-1} S_k \\boldsymbol{\\Sigma}_k^{-1}$$',
      '$$\\frac{\\partial \\ell}{\\partial \\boldsymbol{\\Sigma}_k} = -\\frac{N_k}{2} \\boldsymbol{\\Sigma}_k^{-1} + \\boldsymbol{\\Sigma}_k^{-1} S_k \\boldsymbol{\\Sigma}_k^{-1}$$',
    ].join('\n');
    it('names the body for every value of the index', () => {
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['pass']);
      assert.deepEqual(verdictsAt(note, 4), ['fail']);
    });
  });
  describe('a data letter first written at a generic point', () => {
    it('reads y_j as a data point after p(y) = Σ_k α_k 𝒩(y | m_k, τ_k)', () => {
      // ∂ℓ/∂m_k = Σ_j w_jk (y_j − m_k)/τ_k; the 2 in the denominator is wrong.
      const note = [
        '$$p(y) = \\sum_{k=1}^K \\alpha_k \\mathcal{N}(y \\mid m_k, \\tau_k)$$',
        '$$\\frac{\\partial \\ell}{\\partial m_k} = \\sum_{j=1}^N \\frac{\\alpha_k \\mathcal{N}(y_j \\mid m_k, \\tau_k)}{\\sum_{l=1}^K \\alpha_l \\mathcal{N}(y_j \\mid m_l, \\tau_l)} \\frac{y_j - m_k}{\\tau_k}$$',
        '$$\\frac{\\partial \\ell}{\\partial m_k} = \\sum_{j=1}^N \\frac{\\alpha_k \\mathcal{N}(y_j \\mid m_k, \\tau_k)}{\\sum_{l=1}^K \\alpha_l \\mathcal{N}(y_j \\mid m_l, \\tau_l)} \\frac{y_j - m_k}{2\\tau_k}$$',
      ].join('\n');
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['fail']);
      assert.match(at(note, 3)[0]!.message, /α₁ = .*m₁ = .*τ₁ = /);
    });
  });
  describe('"+ const" after prose that names what the constant does not involve', () => {
    // Σ_n γ_nj ln 𝒩(x_n | μ_j, Σ_j) = −(N_j/2) ln det Σ_j − ½ tr(Σ_j⁻¹ S_j) + terms without Σ_j (γ held fixed, as in Q);
    // −N_j ln det Σ_j has the wrong factor: not a pass (the prose alone does not make it a ✗).
    const note = [
      '$$Q(\\theta, \\theta^{old}) = \\sum_{n=1}^{N} \\sum_{k=1}^{K} \\gamma_{nk} \\left[ \\log \\pi_k + \\log \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k) \\right]$$',
      'with $N_j = \\sum_{n=1}^N \\gamma_{nj}$ and $S_j = \\sum_{n=1}^N \\gamma_{nj} (\\mathbf{x}_n - \\boldsymbol{\\mu}_j)(\\mathbf{x}_n - \\boldsymbol{\\mu}_j)^\\top$.',
      '',
      'Keeping only the terms that involve $\\boldsymbol{\\Sigma}_j$:',
      '',
      '$$Q(\\theta, \\theta^{old}) = -\\frac{N_j}{2} \\ln \\det \\boldsymbol{\\Sigma}_j - \\frac{1}{2} \\mathrm{tr}(\\boldsymbol{\\Sigma}_j^{-1} S_j) + \\text{const}$$',
      '',
      'Keeping only the terms that involve $\\boldsymbol{\\Sigma}_j$:',
      '',
      '$$Q(\\theta, \\theta^{old}) = -N_j \\ln \\det \\boldsymbol{\\Sigma}_j - \\frac{1}{2} \\mathrm{tr}(\\boldsymbol{\\Sigma}_j^{-1} S_j) + \\text{const}$$',
    ].join('\n');
    it('passes when the derivatives in the named parameter agree', () => {
      assert.deepEqual(verdictsAt(note, 6), ['pass']);
      assert.match(at(note, 6)[0]!.message, /up to terms without Σⱼ/);
      assert.deepEqual(verdictsAt(note, 10), ['unchecked']);
    });
  });
  describe('the identity of the dimension, 𝐈_D', () => {
    it('reads \\mathbf{I}_D as the D × D identity', () => {
      const note = '$$\\boldsymbol{\\Sigma}_k^{-1} \\boldsymbol{\\Sigma}_k = \\mathbf{I}_D$$\n$$\\boldsymbol{\\Sigma}_k \\boldsymbol{\\Sigma}_k = \\mathbf{I}_D$$';
      assert.deepEqual(verdictsAt(note, 1), ['pass']);
      assert.deepEqual(verdictsAt(note, 2), ['fail']);
    });
  });
  describe('shorthands and special cases found in notes in other formats', () => {
    it('reads 𝒩_{ik} ≡ 𝒩(x_i | μ_k, σ_k²) as a shorthand for every i and k', () => {
      // γ_ik = π_k 𝒩_ik / Σ_j π_j 𝒩_ij is the responsibility; with 𝒩_ij read as 𝒩_ik it came out as π_k.
      const note = [
        'Shorthand $\\mathcal{N}_{ik} \\equiv \\mathcal{N}(x_i\\mid\\mu_k,\\sigma_k^2)$.',
        '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}_{ik}}{\\sum_{j=1}^K \\pi_j \\mathcal{N}_{ij}}$$',
        '$$\\gamma_{ik} = \\frac{\\pi_k \\mathcal{N}_{ik}}{\\sum_{j=1}^K \\mathcal{N}_{ij}}$$',
      ].join('\n');
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
      assert.deepEqual(verdictsAt(note, 3), ['fail']);
    });
    it('leaves "for D = 1, Σ_k = σ_k²" in a multivariate note as the special case it states', () => {
      const note = 'Let $\\mathcal{L}=\\sum_{n=1}^{N}\\ln\\sum_{k=1}^{K}\\pi_k\\mathcal{N}(\\mathbf{x}_n\\mid\\boldsymbol{\\mu}_k,\\boldsymbol{\\Sigma}_k)$.\n\nFor $D=1$, $\\Sigma_k = \\sigma_k^2$.';
      assert.ok(!checkNote(note).claims.some((c) => c.verdict === 'fail'));
    });
  });
  describe('Chinese punctuation and a per-point ℓ_i', () => {
    it('reads a full-width comma or full stop ending a display formula as punctuation', () => {
      // ∂ℒ/∂μ_k = Σ_i γ_ik (x_i − μ_k)/σ_k²: with 2σ_k² it is wrong, whatever punctuation follows.
      const head = 'Log-likelihood $\\mathcal{L} = \\sum_{i=1}^{N} \\log \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(x_i \\mid \\mu_k, \\sigma_k^2)$, responsibilities $\\gamma_{ik}$.';
      for (const p of ['，', '。', ',']) {
        const right = `${head}\n$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = \\sum_{i=1}^{N} \\gamma_{ik}\\frac{x_i-\\mu_k}{\\sigma_k^2}${p}$$`;
        assert.deepEqual(verdictsAt(right, 2), ['pass'], p);
        assert.deepEqual(verdictsAt(right.replace('{\\sigma_k^2}', '{2\\sigma_k^2}'), 2), ['fail'], p);
      }
    });
    it('keeps a bare ℓ the log-likelihood after ℓ_i is defined per point', () => {
      const note = [
        'Per point, $\\ell_i := \\log\\sum_{j=1}^{K}\\pi_j\\mathcal{N}(x_i\\mid\\mu_j,\\sigma_j^2)$, and $\\ell = \\sum_{i=1}^N \\ell_i$.',
        '$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{i=1}^{N} \\frac{\\pi_k\\mathcal{N}(x_i\\mid\\mu_k,\\sigma_k^2)}{\\sum_{j=1}^{K}\\pi_j\\mathcal{N}(x_i\\mid\\mu_j,\\sigma_j^2)}\\frac{x_i-\\mu_k}{\\sigma_k^2}$$',
      ].join('\n');
      assert.deepEqual(checkNote(note).claims.filter((c) => c.line === 1).map((c) => c.verdict), ['pass', 'pass']);
      assert.deepEqual(verdictsAt(note, 2), ['pass']);
    });
  });
  describe('the values a message quotes', () => {
    it('names the parameters with the note\'s letters', () => {
      // ∂ℓ/∂m_k = Σ_i w_ik (x_i − m_k)/σ_k²: the 2 in the denominator is wrong.
      const note = [
        '$$\\ell = \\sum_{i=1}^N \\log \\sum_{k=1}^K \\alpha_k \\mathcal{N}(x_i \\mid m_k, \\sigma_k^2)$$',
        '$$\\frac{\\partial \\ell}{\\partial m_k} = \\sum_{i=1}^N \\frac{\\alpha_k \\mathcal{N}(x_i \\mid m_k, \\sigma_k^2)}{\\sum_{j=1}^K \\alpha_j \\mathcal{N}(x_i \\mid m_j, \\sigma_j^2)} \\frac{x_i - m_k}{2\\sigma_k^2}$$',
      ].join('\n');
      const [c] = at(note, 2);
      assert.equal(c!.verdict, 'fail');
      assert.match(c!.message, /α₁ = .*m₁ = .*σ₁² = /);
      assert.doesNotMatch(c!.message, /π₁|μ₁/);
    });
  });
  describe('z_ij that the note defines as a z-score', () => {
    // φ(u) = e^{−u²/2}/√(2π) and z_ij = (y_i − μ_j)/σ_j: φ(z_ij) is the standard normal density at the z-score,
    // and ∂/∂σ_j [φ((y_i − μ_j)/σ_j)/σ_j] = φ(z_ij)(z_ij² − 1)/σ_j² (finite differences in numpy agree to 3e-11).
    // A z_ij the note does not define stays the latent assignment (γ(z_ij), its posterior, is the responsibility).
    const note = [
      'The mixture is $f(y_i) = \\sum_{j=1}^{m} \\lambda_j \\mathcal{N}(y_i \\mid \\mu_j, \\sigma_j^2)$, with $\\phi(u) = \\frac{1}{\\sqrt{2\\pi}} e^{-u^2/2}$.',
      '',
      'With $z_{ij} = (y_i - \\mu_j)/\\sigma_j$:',
      '',
      '$$\\phi(z_{ij}) = \\frac{1}{\\sqrt{2\\pi}} e^{-(y_i - \\mu_j)^2/(2\\sigma_j^2)}$$',
      '',
      '$$\\frac{\\partial}{\\partial \\sigma_j} \\left[ \\frac{1}{\\sigma_j} \\phi\\left( \\frac{y_i - \\mu_j}{\\sigma_j} \\right) \\right] = \\frac{1}{\\sigma_j^2} \\, \\phi(z_{ij}) \\left( z_{ij}^2 - 1 \\right)$$',
    ].join('\n');
    it('applies the note\'s φ to the note\'s z_ij', () => {
      assert.deepEqual(verdictsAt(note, 5), ['pass']);
      assert.deepEqual(verdictsAt(note, 7), ['pass']);
    });
    it('still fails a wrong step written with them', () => {
      assert.deepEqual(verdictsAt(note.replace('\\left( z_{ij}^2 - 1 \\right)', '\\left( z_{ij}^2 + 1 \\right)'), 7), ['fail']);
    });
  });
  describe('a name defined where it is used, then stated again after setting a derivative to zero', () => {
    // ∂ℓ/∂μ_k = Σ_n γ_nk (x_n − μ_k)/σ_k² = (S_k − N_k μ_k)/σ_k² with S_k = Σ_n γ_nk x_n (the "where" after it);
    // "setting it to zero gives S_k = N_k μ_k" holds at the optimum only. The later statement must not become
    // what S_k means in the step before it (which read S_k = N_k μ_k and made the right side 0).
    const note = [
      '$$\\ell = \\sum_{n=1}^{N} \\ln \\sum_{j=1}^{K} \\pi_j \\mathcal{N}(x_n \\mid \\mu_j, \\sigma_j^2), \\quad N_k = \\sum_{n=1}^{N} \\gamma_{nk}$$',
      '',
      '$$\\frac{\\partial \\ell}{\\partial \\mu_k} = \\sum_{n=1}^{N} \\frac{\\gamma_{nk}}{\\sigma_k^2} (x_n - \\mu_k) = \\frac{1}{\\sigma_k^2} (S_k - N_k \\mu_k) \\quad \\text{where } S_k = \\sum_{n=1}^{N} \\gamma_{nk} x_n$$',
      '',
      'Setting it to zero gives $S_k = N_k \\mu_k$, i.e.',
    ].join('\n');
    it('checks the step with the definition beside it', () => {
      assert.deepEqual(verdictsAt(note, 3), ['pass', 'pass', 'pass']);
    });
    it('reads the statement after "setting it to zero" as a condition at the optimum', () => {
      const c = at(note, 5);
      assert.deepEqual(c.map((x) => x.verdict), ['unchecked']);
      assert.match(c[0]!.message, /stationary points/);
      // Wrong even there (N for N_k): still a ✗.
      assert.deepEqual(verdictsAt(note.replace('$S_k = N_k \\mu_k$', '$S_k = N \\mu_k$'), 5), ['fail']);
    });
  });
  describe('a general-looking step that holds at the worked example the note states', () => {
    // π = (½, ½), μ = (0, 2), σ² = (1, 1): the normalising constants cancel and γ_n2 = 1/(1 + e^{2 − 2x_n}) there
    // (numpy: equal to Bayes' rule to 1e-17 at x = 0, 1, 3); for other parameters it is not the responsibility.
    const example = [
      'Three points $x_1 = 0$, $x_2 = 1$, $x_3 = 3$ and $K = 2$ components. Start from',
      '$\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 0$, $\\mu_2 = 2$, $\\sigma_1^2 = \\sigma_2^2 = 1$.',
      '',
      'With equal weights and equal variances the normalising constants cancel:',
      '',
    ];
    const step = '$$\\gamma_{n2} = \\frac{e^{-(x_n - 2)^2/2}}{e^{-x_n^2/2} + e^{-(x_n - 2)^2/2}} = \\frac{1}{1 + e^{2 - 2x_n}}$$';
    it('is not judged after the example (it holds there)', () => {
      const c = at([...example, step].join('\n'), 6);
      assert.equal(c[0]!.verdict, 'unchecked');
      assert.match(c[0]!.message, /worked example of lines 1–2/);
      assert.equal(c[1]!.verdict, 'pass');
    });
    it('fails where it is wrong at the example too, and without an example', () => {
      assert.equal(at([...example, step.replace('e^{2 - 2x_n}', 'e^{2 - x_n}')].join('\n'), 6)[1]!.verdict, 'fail');
      assert.equal(at(step, 1)[0]!.verdict, 'fail');
    });
  });
  describe('the max over components of a quadratic form (log-sum-exp in D dimensions)', () => {
    // m_n = max_k a_nk with a_nk = ln π_k + ln 𝒩(x_n | μ_k, Σ_k) written out: its quadratic form is a 1×1 matrix, a number.
    // ln Σ_k e^{a_nk} = m_n + ln Σ_k e^{a_nk − m_n} for any m_n; the denominator without the shift is wrong (numpy).
    const note = [
      '$$\\ln p(\\mathbf{x}_n) = \\ln \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol\\mu_k, \\boldsymbol\\Sigma_k)$$',
      'Let $a_{nk} = \\ln \\pi_k - \\tfrac{D}{2} \\ln 2\\pi - \\tfrac{1}{2} \\ln \\det \\boldsymbol\\Sigma_k - \\tfrac{1}{2} (\\mathbf{x}_n - \\boldsymbol\\mu_k)^{\\top} \\boldsymbol\\Sigma_k^{-1} (\\mathbf{x}_n - \\boldsymbol\\mu_k)$ and $m_n = \\max_k a_{nk}$.',
      '',
      '$$\\ln \\sum_{k=1}^{K} e^{a_{nk}} = m_n + \\ln \\sum_{k=1}^{K} e^{a_{nk} - m_n}$$',
      '',
      '$$\\gamma_{nk} = \\frac{e^{a_{nk} - m_n}}{\\sum_{j=1}^{K} e^{a_{nj} - m_n}}$$',
    ].join('\n');
    it('evaluates the max and judges the steps that use it', () => {
      assert.deepEqual(verdictsAt(note, 4), ['pass']);
      assert.deepEqual(verdictsAt(note, 6), ['pass']);
      assert.deepEqual(verdictsAt(note.replace('\\sum_{j=1}^{K} e^{a_{nj} - m_n}', '\\sum_{j=1}^{K} e^{a_{nj}}'), 6), ['fail']);
    });
  });
  describe('a tied covariance the text names by its letter alone, and an updated Σ without an index', () => {
    // With one Σ for all components the M-step is Σ^new = (1/N) Σ_k Σ_n γ_nk (x_n − μ_k^new)(x_n − μ_k^new)ᵀ (numpy: the
    // gradient of Q in the shared precision vanishes there): judged at instances whose components share one Σ.
    const lines = (intro: string) => [
      '$$\\gamma_{nk} = \\frac{\\pi_k \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)}{\\sum_{j=1}^{K} \\pi_j \\mathcal{N}(\\mathbf{x}_n \\mid \\boldsymbol{\\mu}_j, \\boldsymbol{\\Sigma}_j)}, \\quad \\boldsymbol{\\mu}_k^{\\text{new}} = \\frac{1}{N_k} \\sum_{n=1}^{N} \\gamma_{nk} \\mathbf{x}_n$$',
      '',
      intro,
      '',
      '$$\\boldsymbol{\\Sigma}^{\\text{new}} = \\frac{1}{N}\\sum_{k=1}^{K}\\sum_{n=1}^{N} \\gamma_{nk} (\\mathbf{x}_n - \\boldsymbol{\\mu}_k^{\\text{new}})(\\mathbf{x}_n - \\boldsymbol{\\mu}_k^{\\text{new}})^{\\top}$$',
    ].join('\n');
    it('reads "all components share one $\\Sigma$" as a tie', () => {
      const c = at(lines('Now all components share one $\\boldsymbol{\\Sigma}$.'), 5);
      assert.deepEqual(c.map((x) => x.verdict), ['pass']);
    });
    it('does not compare Σ^new from all components\' responsibilities with one Gaussian\'s sample covariance', () => {
      const c = at(lines('Now the tied model.'), 5);
      assert.deepEqual(c.map((x) => x.verdict), ['unchecked']);
      assert.match(c[0]!.message, /tied model/);
    });
    it('still fails Σ^new set to one component\'s update (its index left out)', () => {
      const note = lines('Next the covariances.').replace('\\frac{1}{N}\\sum_{k=1}^{K}\\sum_{n=1}^{N}', '\\frac{1}{N_k}\\sum_{n=1}^{N}');
      assert.deepEqual(verdictsAt(note, 5), ['fail']);
    });
  });
});
