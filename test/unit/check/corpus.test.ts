// The labelled real notes of ../shared/corpus, notes and single-line mutants,
// measured from the CLI's JSON as the seeds are. The floors below are the
// committed state of the checker: raise them as the reading improves, never
// lower them. False alarms (a correct step marked wrong) have a ceiling that
// must reach 0. Skips, saying so, when ../shared is not beside the repository.
import * as assert from 'node:assert';
import { corpusDir, corpusPresent, runCorpus, type CorpusRun } from './corpusLabels';
import { describeFigures } from './labelFigures';

/** Committed figures: recall and coverage may not fall below, false alarms may not rise above. */
const FLOOR = {
  notes: { recall: 0.99, coverage: 0.98, falseAlarms: 0 },
  mutants: { recall: 0.98, coverage: 0.98, falseAlarms: 0 },
};

describe('real notes of ../shared/corpus (from the CLI JSON)', function () {
  this.timeout(120000);
  let run: CorpusRun;

  before(async function () {
    if (!corpusPresent()) {
      console.log(`      ${corpusDir} is absent (a user's clone): corpus figures skipped`);
      this.skip();
    }
    run = await runCorpus();
    console.log(`      ${describeFigures('corpus notes', run.notes)}`);
    console.log(`      ${describeFigures('corpus mutants', run.mutants)}`);
  });

  for (const set of ['notes', 'mutants'] as const) {
    it(`${set}: false alarms at or below the committed ceiling (${FLOOR[set].falseAlarms})`, () => {
      const f = run[set];
      assert.ok(f.flagged.length <= FLOOR[set].falseAlarms,
        `correct steps flagged: ${f.flagged.map((l) => `${l.file}:${l.line}`).join(', ')}`);
    });
    it(`${set}: recall and coverage at or above the committed floor`, () => {
      const f = run[set];
      assert.ok(f.recall >= FLOOR[set].recall - 1e-9, `recall ${f.recall.toFixed(3)} < ${FLOOR[set].recall}`);
      assert.ok(f.coverage >= FLOOR[set].coverage - 1e-9, `coverage ${f.coverage.toFixed(3)} < ${FLOOR[set].coverage}`);
    });
  }
});
