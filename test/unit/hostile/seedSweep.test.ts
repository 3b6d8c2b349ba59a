// Issue 11 item 8: verdicts must not depend on the seed. Every example note and
// every note of ../shared/corpus (skipped, saying so, when absent) is checked
// at seeds 0..300 and every claim must get the same verdict at every seed.
//
// Cost: about 0.3–0.5 s of CPU per seed for all the notes (003 dominates), so
// the 301 seeds run in-process (no CLI, no JSON) on two worker threads, one
// per core of CI; the time is printed. No seed is dropped to save time.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { corpusDir, corpusPresent } from '../check/corpusLabels';
import type { SweepJob, SweepResult } from './seedSweepWorker';

const SEEDS = Array.from({ length: 301 }, (_, s) => s);
const WORKERS = 2;

function examples(): { name: string; text: string }[] {
  const dir = join(__dirname, '../../../examples');
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => ({ name: `examples/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

function corpusNotes(): { name: string; text: string }[] {
  return readdirSync(corpusDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    .filter((d) => existsSync(join(corpusDir, d, 'note.md')))
    .map((d) => ({ name: `corpus/${d}/note.md`, text: readFileSync(join(corpusDir, d, 'note.md'), 'utf8') }));
}

function runWorker(job: SweepJob): Promise<SweepResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(join(__dirname, 'seedSweepWorker.ts'), { workerData: job, execArgv: ['--require', 'tsx/cjs'] });
    w.once('message', (m: SweepResult) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => { if (code !== 0) reject(new Error(`seed sweep worker exited with ${code}`)); });
  });
}

describe('issue 11 item 8: verdicts independent of the seed (seeds 0..300)', function () {
  this.timeout(600_000);

  it('every claim of the example notes and ../shared/corpus gets the same verdict at every seed', async function () {
    const notes = examples();
    if (corpusPresent()) notes.push(...corpusNotes());
    else console.log(`      ${corpusDir} is absent (a user's clone): the sweep covers the example notes only`);
    const t0 = performance.now();
    const parts = await Promise.all(Array.from({ length: WORKERS }, (_, w) => runWorker({ notes, seeds: SEEDS.filter((s) => s % WORKERS === w) })));
    const results = parts.flat().sort((a, b) => a.seed - b.seed);
    assert.equal(results.length, SEEDS.length);
    const reference = results[0]!.verdicts;
    const changes: string[] = [];
    for (const { seed, verdicts } of results) {
      verdicts.forEach((v, i) => {
        if (v.join('|') === reference[i]!.join('|')) return;
        const diff = v.map((x, j) => (x === reference[i]![j] ? null : `${x} (seed ${SEEDS[0]}: ${reference[i]![j] ?? 'absent'})`)).filter(Boolean);
        changes.push(`seed ${seed} ${notes[i]!.name}: ${diff.slice(0, 3).join('; ')}${v.length !== reference[i]!.length ? ` (${v.length} claims vs ${reference[i]!.length})` : ''}`);
      });
    }
    const claims = reference.reduce((n, v) => n + v.length, 0);
    console.log(`      seed sweep: ${notes.length} notes, ${claims} claims × ${SEEDS.length} seeds, ${changes.length} note-seeds differ, ${((performance.now() - t0) / 1000).toFixed(1)} s on ${WORKERS} workers`);
    assert.deepEqual(changes, []);
  });
});
