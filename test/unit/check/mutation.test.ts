// Mutation test (issue: "a mutation test … catches at least 98% of them with
// no failing claim on any unmutated line"). The campaign itself, its
// operators, the equivalence detection and what counts as caught are in
// scripts/mutate.ts (run it directly for the full campaign and the list of
// surviving mutants). To stay well under a minute this test runs every mutant
// of 002 and 004 and a deterministic, spread-out sample per operator of the
// others (at most 30 per operator of 000, 5 of 001, 3 of 003).
import assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check/index';
import {
  formatSpread, formatSurvivors, formatTable, loadNotes, runCampaign, tally, type CampaignResult,
} from '../../../scripts/mutate';

const MIN_MUTANTS = 200;
const MIN_RATE = 0.98;

describe('mutation test of the checker (scripts/mutate.ts)', function () {
  this.timeout(180_000);
  let res: CampaignResult;

  before(function () {
    res = runCampaign({ capPerOperatorPerFile: { '000': 30, '001': 5, '003': 3 } });
    const survivors = formatSurvivors(res.results);
    const spread = formatSpread(res.results);
    // The summary is printed once, for the lead and for CI logs.
    console.log(`\n${formatTable(res.results)}\ntime ${(res.ms / 1000).toFixed(1)} s`);
    if (survivors) console.log(survivors);
    if (spread) console.log(spread);
  });

  it('leaves no failing claim on any pass-labelled line of the unmutated notes', function () {
    const failures: string[] = [];
    for (const note of loadNotes()) {
      const rep = checkNote(note.text);
      for (const L of note.passLines) {
        for (const c of rep.claims) {
          if (c.line <= L && L <= c.endLine && c.verdict === 'fail') failures.push(`${note.file}:${L}: ${c.message}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(res.baselineFailures, []);
  });

  it(`generates at least ${MIN_MUTANTS} non-equivalent mutants`, function () {
    const { total } = tally(res.results);
    assert.ok(total.counted >= MIN_MUTANTS, `only ${total.counted} non-equivalent mutants`);
  });

  it('detects equivalent mutants instead of counting them', function () {
    // Known equivalences among the mutants: Σ_j π_j ∂N_j/∂μ_k keeps only j = k, so π_j → π_k
    // there changes nothing; the parameter list of p(x_i | π, μ, σ²) is not evaluated.
    const eq = res.results.filter((r) => r.outcome === 'equivalent');
    assert.ok(eq.length > 0, 'no equivalent mutant detected');
    for (const r of eq) assert.equal(r.expr?.verdict, 'pass');
  });

  it(`catches at least ${MIN_RATE * 100}% of the non-equivalent mutants`, function () {
    const { total, rate } = tally(res.results);
    assert.ok(rate >= MIN_RATE,
      `caught ${total.caught}/${total.counted} = ${(100 * rate).toFixed(2)}%; survivors:\n${formatSurvivors(res.results)}`);
  });
});
