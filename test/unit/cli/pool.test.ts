// The worker threads of --jobs: real threads running the checker, and a note
// that hangs, kills its thread, throws outside the checker or exhausts its
// heap is answered with an error for that note alone while the other notes
// are still checked, on a replacement thread.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import { createWorkerPool, type NotePool } from '../../../src/cli/pool';

const NOTE = readFileSync(path.join(__dirname, '../../../examples/001_340b0ad5deac142b.md'), 'utf8');
const OPTIONS = { seed: 1, trials: 5 };

describe('cli/pool', function () {
  this.timeout(60_000);
  let pool: NotePool | null = null;
  afterEach(async () => { await pool?.close(); pool = null; });

  it('checks on threads the same report as in this thread', async () => {
    pool = createWorkerPool(2, { timeoutMs: 60_000 });
    const [a, b] = await Promise.all([pool.check(NOTE, OPTIONS), pool.check('$$x_i = x_i$$\n', OPTIONS)]);
    assert.ok(a.ok && b.ok);
    assert.equal(JSON.stringify(a.report), JSON.stringify(checkNote(NOTE, OPTIONS)));
    assert.deepEqual(b.report.claims.map((c) => c.verdict), ['pass']);
  });

  it('a hanging, exiting, crashing or memory-hungry note fails alone; the next notes are checked', async () => {
    pool = createWorkerPool(2, { timeoutMs: 4_000, script: path.join(__dirname, 'fixtures', 'misbehavingWorker.ts'), maxHeapMb: 64 });
    const texts = ['hang', 'exit', '$$x_i = x_i$$\n', 'crash', 'oom', '$$\\pi_k = 2\\pi_k$$\n'];
    const answers = await Promise.all(texts.map((t) => pool!.check(t, OPTIONS)));
    const shown = answers.map((a) => (a.ok ? a.report.claims.map((c) => c.verdict).join(',') : a.message));
    assert.match(shown[0], /took longer than 4 s and was stopped/);
    assert.match(shown[1], /stopped \(exit code 3\)/);
    assert.equal(shown[2], 'pass');
    assert.match(shown[3], /crashed: crashed outside the checker/);
    assert.match(shown[4], /ran out of memory \(64 MiB\)/);
    assert.equal(shown[5], 'fail');
  });

  it('the time limit counts from when the thread has loaded, not from its start', async () => {
    process.env.GMM_TEST_SLOW_START_MS = '2500';
    try {
      pool = createWorkerPool(1, { timeoutMs: 1_500, script: path.join(__dirname, 'fixtures', 'misbehavingWorker.ts') });
      const a = await pool.check('$$x_i = x_i$$\n', OPTIONS);
      assert.ok(a.ok, a.ok ? '' : a.message);
    } finally {
      delete process.env.GMM_TEST_SLOW_START_MS;
    }
  });

  it('close() answers what is still queued and stops the threads', async () => {
    pool = createWorkerPool(1, { timeoutMs: 60_000, script: path.join(__dirname, 'fixtures', 'misbehavingWorker.ts') });
    const stuck = pool.check('hang', OPTIONS);
    const queued = pool.check('$$x_i = x_i$$\n', OPTIONS);
    await new Promise((r) => setTimeout(r, 200));
    await pool.close();
    assert.deepEqual(await stuck, { ok: false, message: 'the checking threads were stopped' });
    assert.deepEqual(await queued, { ok: false, message: 'the checking threads were stopped' });
  });
});
