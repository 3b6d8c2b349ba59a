// Notes written for three probes of notes the checker had never seen (test/fixtures/probe-notes/): weights
// as α, φ, w; the component index first; precision matrices, Q-functions, Lagrangians under other letters;
// tied and isotropic special cases, values given every component, a single Gaussian before the mixture, soft
// k-means, online EM, matrix forms, Spanish, German, French and Chinese prose. labels.json says which lines
// are right and which wrong, from the mathematics: each step was checked with numpy (finite differences, or
// the M-step's stationarity of Q), never with the checker. Each probe found wrong ✗ on right steps; this test
// keeps them away, and keeps the planted mistakes it catches caught.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';

const dir = path.join(__dirname, '..', '..', 'fixtures', 'probe-notes');
const labels = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8')) as Record<string, Record<string, 'right' | 'wrong'>>;

describe('probe notes: notes the checker had never seen', () => {
  let caught = 0, wrongLines = 0;
  for (const [file, lines] of Object.entries(labels)) {
    it(`${file}: no ✗ on a right step`, () => {
      const claims = checkNote(fs.readFileSync(path.join(dir, file), 'utf8')).claims;
      // A claim belongs to the line of its right side (a row of an aligned chain).
      const at = (line: number) => claims.filter((c) => (c.endLine ?? c.line) === line);
      const wrong = Object.entries(lines).filter(([l, v]) => v === 'right' && at(Number(l)).some((c) => c.verdict === 'fail'))
        .map(([l]) => `line ${l}: ${at(Number(l)).filter((c) => c.verdict === 'fail').map((c) => c.message).join(' | ')}`);
      assert.deepEqual(wrong, []);
      for (const [l, v] of Object.entries(lines)) {
        if (v !== 'wrong') continue;
        wrongLines++;
        if (at(Number(l)).some((c) => c.verdict === 'fail')) caught++;
      }
    });
  }
  it('catches most of the planted mistakes', () => {
    // 38 of the 54 planted mistakes get a ✗ (2026-12-01); the others are unchecked, with a reason.
    assert.ok(wrongLines > 0 && caught >= 36, `${caught} of ${wrongLines} planted mistakes caught`);
  });
});
