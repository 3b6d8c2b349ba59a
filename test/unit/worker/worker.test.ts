// The checking worker through its client, as the extension uses it: answers
// carry their request's version, a newer request of the same note cancels the
// older one (queued or running), other notes are not affected, and a result
// equals the core's checkNote on the same text in this thread.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import { renderNoteBlocks } from '../../../src/core/render/html';
import { shiftBlockHtml } from '../../../src/shared/blockKeys';
import { CheckWorkerClient, type WorkerAnswer, type WorkerProgress } from '../../../src/worker/client';

const root = path.resolve(__dirname, '..', '..', '..');
const script = path.join(root, 'src', 'worker', 'checkWorker.ts');
const seed = (name: string) => fs.readFileSync(path.join(root, 'examples', name), 'utf8');
const NOTE = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md')).sort()[0]!;

describe('checking worker', function () {
  this.timeout(120_000);
  let client: CheckWorkerClient;
  beforeEach(() => { client = new CheckWorkerClient(script, ['--require', 'tsx/cjs']); });
  afterEach(() => client.dispose());

  it('answers with the report checkNote gives, for the version asked', async () => {
    const text = seed(NOTE);
    const a = await client.check('a', 7, text, {});
    assert.equal(a.type, 'result');
    assert.equal(a.version, 7);
    if (a.type !== 'result') return;
    assert.deepEqual(a.report, checkNote(text));
    assert.equal(a.blocks, undefined, 'no HTML unless asked');
  });

  it('answers requests that come while it warms up from its start as checkNote does', async () => {
    client.warm();
    // The worker starts its warm-up notes as soon as it is up; these requests stop them between chains.
    await new Promise((r) => setTimeout(r, 500));
    const names = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md')).sort();
    const answers = await Promise.all(names.map((n, i) => client.check(n, i, seed(n), {})));
    answers.forEach((a, i) => {
      assert.equal(a.type, 'result');
      if (a.type === 'result') assert.deepEqual(a.report, checkNote(seed(names[i]!)));
    });
  });

  it('answers a request that comes while it warms up (after its first answer) as checkNote does', async () => {
    await client.check('a', 1, seed(NOTE), {});
    const other = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md')).sort().at(-1)!;
    const a = await client.check('b', 1, seed(other), {});
    assert.equal(a.type, 'result');
    if (a.type === 'result') assert.deepEqual(a.report, checkNote(seed(other)));
  });

  it('renders when asked: one key and line per block, each block\'s HTML sent once', async () => {
    const a = await client.check('a', 1, seed(NOTE), {}, true);
    assert.equal(a.type, 'result');
    if (a.type !== 'result') return;
    const blocks = renderNoteBlocks(seed(NOTE), checkNote(seed(NOTE))).blocks;
    assert.ok(a.blocks);
    assert.equal(a.blocks.keys.length, blocks.length);
    assert.equal(a.blocks.lines.length, blocks.length);
    // Every block's HTML comes once (relative to its line); shifted back, it is the block rendered here.
    assert.deepEqual(a.blocks.keys.map((k, i) => shiftBlockHtml(a.blocks!.fresh[k]!, a.blocks!.lines[i]!)), blocks);
    // A second render of the same text sends no HTML again, a reset sends it all.
    const again = await client.check('a', 2, seed(NOTE), {}, true);
    assert.ok(again.type === 'result' && again.blocks && Object.keys(again.blocks.fresh).length === 0);
    const reset = await client.check('a', 3, seed(NOTE), {}, true, true);
    assert.ok(reset.type === 'result' && reset.blocks && Object.keys(reset.blocks.fresh).length === new Set(reset.blocks.keys).size);
  });

  it('cancels the older requests of a note when a newer one comes, and checks only the newest', async () => {
    // A long text: the first request would take long enough to be abandoned if it had started.
    const long = Array.from({ length: 30 }, () => seed(NOTE)).join('\n\n');
    const answers: Promise<WorkerAnswer>[] = [];
    for (let v = 1; v <= 4; v++) answers.push(client.check('a', v, v === 4 ? seed(NOTE) : `${long}\n\nv${v}`, {}));
    const other = client.check('b', 1, seed(NOTE), {});
    const got = await Promise.all(answers);
    assert.deepEqual(got.map((a) => a.type), ['cancelled', 'cancelled', 'cancelled', 'result']);
    assert.deepEqual(got.map((a) => a.version), [1, 2, 3, 4]);
    assert.equal((await other).type, 'result', 'another note is not cancelled');
  });

  it('abandons a running check when a newer request of the same note comes', async () => {
    const text = seed(NOTE);
    await client.check('a', 1, text, {}); // the worker is up
    // Many trials and another seed (nothing cached): seconds of work, abandoned between chains.
    const biggest = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.md'))
      .map((f) => seed(f)).sort((x, y) => y.length - x.length)[0]!;
    const slow = { trials: 200, seed: 4242, progressMs: 50 };
    // The newer request comes while the first check runs: when it has sent its first results so
    // far (50 ms into it), not after a fixed time, which a fast machine spent on the whole check.
    let running: () => void = () => undefined;
    const started = new Promise<void>((r) => { running = r; });
    const first = client.check('a', 2, biggest, slow, false, false, () => running());
    await started;
    const t0 = Date.now();
    const second = client.check('a', 3, text, {});
    assert.equal((await first).type, 'cancelled');
    const cancelledAfter = Date.now() - t0;
    assert.equal((await second).type, 'result');
    // The same check run to the end, for comparison: the cancelled one stopped well before. Under
    // another seed, so that nothing the cancelled check computed is reused (the evaluation cache
    // would make the comparison run shorter than a check from scratch).
    const t1 = Date.now();
    assert.equal((await client.check('b', 1, biggest, { ...slow, seed: slow.seed + 1 })).type, 'result');
    const full = Date.now() - t1;
    assert.ok(cancelledAfter < full / 4, `cancelled ${cancelledAfter} ms after the newer request, the whole check takes ${full} ms`);
  });

  it('sends the results so far of a long check when asked, each the beginning of its answer', async () => {
    const long = Array.from({ length: 12 }, () => seed(NOTE)).join('\n\n');
    const progress: WorkerProgress[] = [];
    // Results so far every 20 ms (150 by default): twelve copies of a seed note take less than 150 ms
    // on a fast machine, as later copies reuse the first one's chains.
    const a = await client.check('a', 5, long, { progressMs: 20 }, false, false, (p) => progress.push(p));
    assert.equal(a.type, 'result');
    if (a.type !== 'result') return;
    assert.ok(progress.length >= 1, 'a check of a long note reports before its answer');
    for (const p of progress) {
      assert.equal(p.version, 5);
      assert.deepEqual(p.report.claims, a.report.claims.filter((c) => c.lhsSpan.start < p.checkedTo));
    }
  });

  it('checks at a lower priority than the thread that started it (Linux)', async function () {
    if (!fs.existsSync('/proc/self/task')) this.skip();
    // (A thread of the process may end between the listing and the read: it has no priority to compare then.)
    const nice = (task: string): number => {
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ESRCH') return Number.NaN;
        throw e;
      }
      // Field 19 of stat; the fields after the command name (in brackets) start at field 3.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const main = nice(String(process.pid));
    // A process already running at that priority or lower cannot show the difference.
    if (main >= 10) this.skip();
    const before = new Set(fs.readdirSync('/proc/self/task').filter((t) => nice(t) > main));
    await client.check('a', 1, seed(NOTE), {});
    const lowered = fs.readdirSync('/proc/self/task').filter((t) => nice(t) > main && !before.has(t));
    assert.equal(lowered.length, 1, 'the checking thread, and no other, runs at a lower priority');
    assert.equal(nice(String(process.pid)), main, 'the main thread keeps its priority');
  });
});
