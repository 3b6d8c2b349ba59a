// Correct derivations written for the purpose by a reviewer hunting false ✗ (Bishop §9.2–9.3,
// Murphy's r_k, MAP updates with Gaussian, inverse-gamma and inverse-Wishart priors, "+ const"
// per section, partial Q(μ_k), a hat update through arg max, components numbered from 0): every
// step in them was checked by hand or numerically (gradients to 1e-16), so none may fail. And
// a note with one deliberate mistake per display, each of which must.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNote } from '../../../src/core/check';

const dir = join(__dirname, '../../fixtures/correct-notes');

describe('correct notes written to provoke false ✗', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    it(`never fails a step of ${file}`, () => {
      const report = checkNote(readFileSync(join(dir, file), 'utf8'));
      const fails = report.claims.filter((c) => c.verdict === 'fail').map((c) => `${c.line}: ${c.message}`);
      assert.deepEqual(fails, []);
    });
  }

  it('still fails the deliberate mistakes (one per display)', () => {
    const report = checkNote(readFileSync(join(dir, '../one-mistake-each.md'), 'utf8'));
    const failing = new Set(report.claims.filter((c) => c.verdict === 'fail').map((c) => c.line));
    // N for N_k; a dropped π_k under ∝; log det Σ for log det Σ⁻¹; a sign in ∂/∂Σ⁻¹ and in ∂/∂μ; the IW exponent.
    for (const line of [5, 9, 13, 15, 17, 19]) assert.ok(failing.has(line), `line ${line} should fail`);
    assert.equal(report.claims.filter((c) => c.line === 3 && c.verdict === 'fail').length, 0);
  });
});
