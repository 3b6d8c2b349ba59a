// Results so far of a long check (CheckOptions.onProgress): each partial report must be the
// beginning of the whole report, claim for claim, so that what the editor shows while a note's
// first check runs is never taken back. The reference is the whole report of the same text
// checked without progress. The seeds always; the ../shared corpus notes when present.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import { clearEvaluationCache } from '../../../src/core/check/claims';
import type { NoteReport } from '../../../src/core/types';

const root = path.resolve(__dirname, '..', '..', '..');
const examples = path.join(root, 'examples');
const seeds = fs.readdirSync(examples).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(examples, f));
const corpusDir = process.env.GMM_CORPUS_DIR ?? path.join(root, '..', 'shared', 'corpus');
const corpus = fs.existsSync(corpusDir)
  ? fs.readdirSync(corpusDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && !/mutant/i.test(f)).sort().map((f) => path.join(corpusDir, f))
  : [];

/** The partial reports of a check (every `everyMs`; 0: between every two chains), and the whole one. */
function withProgress(text: string, everyMs: number): { partials: { report: NoteReport; checkedTo: number }[]; whole: NoteReport } {
  const partials: { report: NoteReport; checkedTo: number }[] = [];
  // Cold, so that the check is slow enough to report between several chains.
  clearEvaluationCache();
  const whole = checkNote(text, { progressMs: everyMs, onProgress: (report, checkedTo) => partials.push({ report: structuredClone(report), checkedTo }) });
  return { partials, whole };
}

function assertPrefix(name: string, text: string, everyMs = 0): number {
  const { partials, whole } = withProgress(text, everyMs);
  assert.deepEqual(JSON.parse(JSON.stringify(whole)), JSON.parse(JSON.stringify(checkNote(text))), `${name}: the whole report is the same with progress`);
  let last = -1;
  for (const { report, checkedTo } of partials) {
    assert.ok(checkedTo > last, `${name}: partial reports go forward`);
    last = checkedTo;
    const expected = whole.claims.filter((c) => c.lhsSpan.start < checkedTo);
    assert.ok(report.claims.length > 0, `${name}: a partial report has claims`);
    assert.deepEqual(JSON.parse(JSON.stringify(report.claims)), JSON.parse(JSON.stringify(expected)), `${name}: the claims before offset ${checkedTo} are the whole report's`);
    const counts = { pass: 0, fail: 0, unchecked: 0 };
    for (const c of expected) counts[c.verdict]++;
    assert.deepEqual(report.summary, counts, `${name}: the partial counts are its claims'`);
    assert.deepEqual(report.model, whole.model);
    assert.deepEqual(report.reading, whole.reading);
  }
  return partials.length;
}

describe('results so far of a long check', function () {
  this.timeout(300_000);

  it('are the beginning of the whole report, on every seed note', () => {
    let reported = 0;
    for (const f of seeds) reported += assertPrefix(path.basename(f), fs.readFileSync(f, 'utf8'));
    assert.ok(reported >= seeds.length, `${reported} partial reports over ${seeds.length} notes`);
  });

  it('are the beginning of the whole report, on a long note of several seeds with a broken formula', () => {
    const text = seeds.map((f) => fs.readFileSync(f, 'utf8')).join('\n\n$$\\frac{a}{b = c$$\n\n');
    assert.ok(assertPrefix('long note', text, 5) >= 2);
  });

  it('are the beginning of the whole report, on the corpus notes', function () {
    if (!corpus.length) {
      console.log(`      (skipped: no corpus at ${corpusDir})`);
      this.skip();
    }
    // Every 5 ms rather than between every two chains: each partial report copies the claims so far.
    for (const f of corpus) assertPrefix(path.basename(f), fs.readFileSync(f, 'utf8'), 5);
  });

  it('are not reported before their time (a check shorter than progressMs reports nothing)', () => {
    const partials: number[] = [];
    checkNote(fs.readFileSync(seeds[0]!, 'utf8'), { progressMs: 60_000, onProgress: (_, at) => partials.push(at) });
    assert.deepEqual(partials, []);
  });
});
