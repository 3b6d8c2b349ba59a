// Notes a review wrote against the rules for models beside the plain GMM and for layouts
// (test/fixtures/review-cases2/): each showed a rule hiding a clear mistake as unchecked, or failing a correct
// step. The expected verdicts come from the mathematics, stated at the top of each note.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { fixtureNote } from './fixtureNotes';

const failing = (name: string) => checkNote(fixtureNote('review-cases2', name))
  .claims.filter((c) => c.verdict === 'fail').map((c) => c.line);

describe('review cases of the rules for neighbouring models and layouts', () => {
  it('does not split a piecewise definition in cases or array{ll} into equations', () => {
    assert.deepEqual(failing('F1_piecewise_cases_false_fail.md'), []);
  });
  it('keeps ✗ on wrong steps that ordinary prose introduces ("arrive at", "when …", "if …")', () => {
    assert.deepEqual(failing('F2_arrive_at_hides_mistakes.md'), [14, 16, 18]);
    assert.deepEqual(failing('F3_when_if_hides_mistakes.md'), [14, 16]);
  });
  it('reads "the prior π_k" and a negated "not MAP (no Dirichlet prior)" as maximum likelihood', () => {
    assert.deepEqual(failing('F4_prior_vocabulary_hides_mistakes.md'), [18, 20]);
    assert.deepEqual(failing('F5_prior_negated_hides_mistakes.md'), [16, 18]);
  });
  it('does not read σ_k as a variance when the text says it is the standard deviation, or against the note\'s σ_k²', () => {
    assert.deepEqual(failing('F6_std_stated_sigma_confusion_hidden.md'), [24, 26, 28]);
    assert.deepEqual(failing('F7_loose_variance_word_blanks_note.md'), [22]);
  });
  it('keeps using γ after a stabilising ε in its definition', () => {
    assert.deepEqual(failing('F8_epsilon_in_gamma_hides_later_steps.md'), [19, 21]);
  });
  it('checks EM updates written as the current value plus a correction made of the model\'s quantities', () => {
    assert.deepEqual(failing('F9_typod_update_as_iteration.md'), [19, 21, 23, 25]);
  });
  it('fails a step that drops σ_k\'s index in a note that writes it (not a tied model)', () => {
    assert.deepEqual(failing('F10_dropped_sigma_index_hidden.md'), [13, 15]);
  });
  it('names a factor 2 as such even where N/K is 2', () => {
    const text = fixtureNote('review-cases2', 'F11_factor2_named_N_over_K.md');
    const fails = checkNote(text).claims.filter((c) => c.verdict === 'fail');
    assert.equal(fails.length, 2);
    for (const c of fails) assert.match(c.message, /factor 2/);
  });
});
