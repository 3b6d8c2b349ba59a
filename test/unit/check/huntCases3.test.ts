// Notes a hunt wrote in the notation of textbooks and courses (Bishop with precisions, Murphy's r_k and
// θ^{t-1}, CS229's Lagrangian with β, French decimal commas) and from student mistakes
// (test/fixtures/hunt-cases3/): each showed a false ✗, a plain step left unchecked or a wrong cause.
// The expected verdicts come from the mathematics stated at the top of each note (checked with numpy and
// finite differences), never from a run of the checker.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { assertNoFail, fixtureNote } from './fixtureNotes';

const note = (name: string) => fixtureNote('hunt-cases3', name);
const verdicts = (name: string) => checkNote(note(name)).claims;
const failing = (name: string) => verdicts(name).filter((c) => c.verdict === 'fail').map((c) => c.line);
const unchecked = (name: string) => verdicts(name).filter((c) => c.verdict === 'unchecked');

describe('hunt cases: textbook notations and student mistakes', () => {
  it('reads Λ_k⁻¹ = Σ_k = (1/N_k) Σ … as the update of Σ_k, as without the middle name', () => {
    const name = 'T1_precision_chain_then_update.md';
    assertNoFail(note(name), name);
    assert.equal(unchecked(name).length, 0);
  });
  it('judges a derivative in θ_k (any parameter of component k) along μ_k and along Σ_k', () => {
    const name = 'T2_generic_theta_k.md';
    assertNoFail(note(name), name);
    assert.equal(unchecked(name).length, 0);
    assert.deepEqual(failing('T22_theta_k_wrong.md'), [4]);
  });
  it('reads 𝓛 defined with a multiplier other than λ (β) as the note\'s Lagrangian', () => {
    for (const name of ['T3_cs229_lagrangian_beta.md', 'T4_calL_beta_bare.md']) {
      assertNoFail(note(name), name);
      assert.equal(unchecked(name).length, 0, name);
    }
  });
  it('names the multiplier\'s sign, not "write the Lagrangian", when the note\'s own Lagrangian 𝓛 is differentiated wrongly', () => {
    const text = note('T4_calL_beta_bare.md').replace(/\+ \\beta\$\$\s*$/, () => '- \\beta$$\n');
    const fails = checkNote(text).claims.filter((c) => c.verdict === 'fail');
    assert.equal(fails.length, 1);
    assert.doesNotMatch(fails[0]!.message, /write the Lagrangian/i);
  });
  it('reads 𝓛_λ as a name of its own (the Lagrangian), not 𝓛 with an index', () => {
    const name = 'T12_lagrangian_named_after_multiplier.md';
    assertNoFail(note(name), name);
    // (Line 7, γ_ik ∇_{μ_k} log 𝒩 inside the sum, is read since ∇ after a factor is the gradient of what follows it.)
    assert.deepEqual(unchecked(name).map((c) => c.line), []);
    const wrong = note(name).replace('} + \\lambda$$', () => '} - \\lambda$$');
    assert.deepEqual(checkNote(wrong).claims.filter((c) => c.verdict === 'fail').map((c) => c.line), [6]);
  });
  it('judges a step with λ added to both sides as the identity it is, and leaves a consequence of the optimum unchecked', () => {
    const fails = verdicts('T13_lambda_cancels.md').filter((c) => c.verdict === 'fail');
    assert.deepEqual(fails.map((c) => c.line), [5, 6]);
    assert.doesNotMatch(fails[0]!.message, /stationary|condition/);
    const name = 'T14_lambda_consequence.md';
    assertNoFail(note(name), name);
  });
  it('points at the middle expression of a ∂Q chain that writes a stray index, and names the index', () => {
    const fails = verdicts('T15_free_index_typo_in_Q_chain.md').filter((c) => c.verdict === 'fail');
    assert.ok(fails.length > 0);
    const text = note('T15_free_index_typo_in_Q_chain.md');
    for (const c of fails) {
      assert.match(text.slice(c.culprit.start, c.culprit.end), /\\mu\}_j\)$/);
      assert.match(c.message, /where the chain breaks.*its index j/);
    }
  });
  it('reads r_ik as the responsibility beside Murphy\'s count r_k = Σ_i r_ik', () => {
    const name = 'T5_murphy_rk.md';
    assertNoFail(note(name), name);
    assert.equal(unchecked(name).length, 0);
  });
  it('sums over the components where a sum without bounds runs over a letter the note uses for them', () => {
    const name = 'T6_sum_without_bounds.md';
    assertNoFail(note(name), name);
    assert.equal(unchecked(name).length, 0);
  });
  it('applies a function to the bracket \\! pulls to it', () => {
    const name = 'T7_phi_negthinspace.md';
    assertNoFail(note(name), name);
    assert.equal(unchecked(name).length, 0);
  });
  it('reads decimal commas written 0{,}6 and judges the numbers printed with them', () => {
    assert.deepEqual(failing('T8_decimal_comma_braces.md'), [5, 7]);
    assert.deepEqual(failing('T11_french_example.md'), [16, 34]);
  });
  it('reads ^t as the update and ^{t-1} as the current value in a note that writes Q(θ, θ^{t-1}) and no ^{t+1}', () => {
    const name = 'T9_murphy_theta_t_minus_1.md';
    assertNoFail(note(name), name);
    assert.match(checkNote(note(name)).reading.description, /iteration t \(θ\^\{t-1\}; \^\{t\} the update\)/);
  });
  it('does not blame an unused summation index when the index is in a bracketed superscript x^{(i)}', () => {
    const fails = verdicts('T10_superscript_index_cause.md').filter((c) => c.verdict === 'fail');
    assert.equal(fails.length, 1);
    assert.doesNotMatch(fails[0]!.message, /does not use i/);
  });
  it('keeps ^t the current value where θ^{t-1} appears only in a convergence test', () => {
    assertNoFail(note('T16_t_is_current.md'), 'T16');
  });
  it('reads γ^{new} as the E-step\'s new numbers or as the responsibilities at the updated parameters, whichever the step uses', () => {
    assertNoFail(note('T17_resp_at_update.md'), 'T17');
    assertNoFail(note('T18_new_resp_from_estep.md'), 'T18');
    assert.equal(unchecked('T18_new_resp_from_estep.md').length, 0);
  });
  it('does not read 1{,}500 as a number, nor judge a printed number against the expression before a step it cannot read', () => {
    assertNoFail(note('T19_english_thousands.md'), 'T19');
  });
  it('does not sum over the components a symbol the note defines over the points (ℓ = Σ_j l_j)', () => {
    assertNoFail(note('T20_sum_over_defined_symbol.md'), 'T20');
  });
  it('multiplies a precision by the bracket \\! pulls to it', () => {
    assert.deepEqual(failing('T21_precision_negthinspace.md'), [6]);
    assert.equal(unchecked('T21_precision_negthinspace.md').length, 0);
  });
  it('leaves a rearranged stationarity condition after "setting this to zero" unchecked, not ✗', () => {
    assertNoFail(note('T23_stationarity_rearranged.md'), 'T23');
  });
  it('takes d𝓛/dπ_1 as the total derivative where the note has written π_2 = 1 − π_1', () => {
    assertNoFail(note('T24_two_weights_substituted.md'), 'T24');
    const wrong = note('T24_two_weights_substituted.md').replace('\\sigma_1^2) - \\mathcal{N}', () => '\\sigma_1^2) + \\mathcal{N}');
    assert.deepEqual(checkNote(wrong).claims.filter((c) => c.verdict === 'fail').map((c) => c.line), [9]);
  });
  it('does not judge a two-component special case against K components, nor a formula a sentence asks about', () => {
    assertNoFail(note('T25_two_component_special_case.md'), 'T25');
    assertNoFail(note('T26_question_callout.md'), 'T26');
  });
  it('goes on with a chain in an inline $= …$ after a list bullet, "i.e." or "which is"', () => {
    const claims = verdicts('T27_continuation_after_prefix.md');
    assert.deepEqual(claims.map((c) => c.verdict), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  });
});
