// The worker's warm-up notes (src/worker/warmup.ts) must keep running the code
// a real note runs: read without parse errors, and checked, with derivatives
// with respect to a vector and a matrix among the steps evaluated. A warm-up
// that the parser or the reading stopped understanding would warm nothing,
// silently.
import { strict as assert } from 'node:assert';
import { checkNote } from '../../../src/core/check';
import { WARM_UP_NOTES } from '../../../src/worker/warmup';

describe('the checking worker\'s warm-up notes', () => {
  it('are read without parse errors and their steps are evaluated', () => {
    for (const note of WARM_UP_NOTES) {
      const r = checkNote(note);
      assert.deepEqual(r.claims.filter((c) => c.reason === 'parse-error').map((c) => c.message), []);
      assert.ok(r.claims.filter((c) => c.verdict !== 'unchecked').length >= 3, `steps evaluated in ${note.split('\n')[0]}`);
    }
  });

  it('differentiate with respect to a mean vector and a covariance matrix, in D > 1', () => {
    const steps = WARM_UP_NOTES.map((n) => checkNote(n)).filter((r) => r.model.D > 1).flatMap((r) => r.claims);
    const passing = steps.filter((c) => c.verdict === 'pass').map((c) => c.lhs);
    assert.ok(passing.some((l) => /\\partial \\boldsymbol\{\\mu\}_k/.test(l)), 'a gradient in μ_k passes');
    assert.ok(passing.some((l) => /\\partial \\boldsymbol\{\\Sigma\}_k/.test(l)), 'a gradient in Σ_k passes');
  });
});
