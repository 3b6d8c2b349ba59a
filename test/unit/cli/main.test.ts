// main(argv, io, deps) end to end with fake checkers on temp files: exit
// statuses, output routing, progress, and containment of unreadable paths and
// checker crashes. One test at the end runs the real checker on examples/.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultDeps, main } from '../../../src/cli/main';
import { createWorkerPool, type PoolOptions } from '../../../src/cli/pool';
import { assertJsonContract, fakeCheckNote, fakeDeps, memoryIO, tempDir, type MemoryIO } from './helpers';

/** A memoryIO whose stderr is a terminal. */
function ttyIO(): MemoryIO {
  const io = memoryIO();
  io.stderrIsTTY = true;
  return io;
}

describe('cli/main', () => {
  let dir: string;
  let cleanup: () => void;
  let good: string;
  let bad: string;
  let mixed: string;
  let crash: string;

  before(() => {
    ({ dir, cleanup } = tempDir());
    good = path.join(dir, 'good.md');
    bad = path.join(dir, 'bad.md');
    mixed = path.join(dir, 'mixed.txt');
    crash = path.join(dir, 'crash.md');
    writeFileSync(good, '# good\npass\npass\n');
    writeFileSync(bad, '# bad\npass\n  fail\n');
    writeFileSync(mixed, 'unchecked\nfail\npass\n');
    writeFileSync(crash, 'pass\nthrow\n');
  });
  after(() => cleanup());

  describe('exit status', () => {
    it('0 when no claim fails', async () => {
      const io = memoryIO();
      assert.equal(await main([good], io, fakeDeps()), 0);
      assert.match(io.out, /total: 1 file, 2 pass, 0 fail, 0 unchecked/);
      assert.equal(io.err, '');
    });

    it('1 when a claim fails', async () => {
      const io = memoryIO();
      assert.equal(await main([good, bad], io, fakeDeps()), 1);
      assert.ok(io.out.includes(`${bad}:3:3 ✗ fail at line 3`));
    });

    it('2 on a usage error, with the message and no report', async () => {
      const io = memoryIO();
      assert.equal(await main(['--format', 'pdf', good], io, fakeDeps()), 2);
      assert.match(io.err, /^gmm-check: --format must be one of text, json, html/);
      assert.match(io.err, /usage: gmm-check \[options\] PATH\.\.\./);
      assert.equal(io.out, '');
    });

    it('2 with no PATH', async () => {
      assert.equal(await main([], memoryIO(), fakeDeps()), 2);
    });

    it('0 for --help and --version, on stdout', async () => {
      const help = memoryIO();
      assert.equal(await main(['--help'], help, fakeDeps()), 0);
      assert.match(help.out, /^usage: gmm-check/);
      const ver = memoryIO();
      assert.equal(await main(['--version'], ver, fakeDeps()), 0);
      assert.match(ver.out, /^gmm-check \d+\.\d+\.\d+\n$/);
    });
  });

  describe('unusable paths', () => {
    it('an unreadable path and a good one: both reported, exit 2', async () => {
      const missing = path.join(dir, 'missing.md');
      const io = memoryIO();
      const deps = fakeDeps();
      assert.equal(await main([missing, good, '--format', 'json'], io, deps), 2);
      assert.ok(io.err.includes(`gmm-check: ${missing}: no such file or directory`));
      const doc = JSON.parse(io.out);
      assertJsonContract(doc);
      assert.deepEqual(doc.files.map((f: { path: string }) => f.path), [good]);
      assert.deepEqual(doc.errors, [{ path: missing, message: 'no such file or directory' }]);
    });

    it('2 wins over 1', async () => {
      assert.equal(await main([path.join(dir, 'missing.md'), bad], memoryIO(), fakeDeps()), 2);
    });

    it('a binary file is reported as not text, not checked', async () => {
      const bin = path.join(dir, 'pic.md');
      writeFileSync(bin, Buffer.from([1, 2, 0, 3]));
      const io = memoryIO();
      const deps = fakeDeps();
      assert.equal(await main([bin, good], io, deps), 2);
      assert.ok(io.err.includes(`${bin}: not a text file`));
      assert.equal(deps.checked.length, 1);
    });
  });

  describe('a checker that throws', () => {
    it('is contained to its file: the others are checked, exit 2', async () => {
      const io = memoryIO();
      const deps = fakeDeps();
      const code = await main([good, crash, bad, '--format', 'json', '--quiet'], io, deps);
      assert.equal(code, 2);
      assert.ok(io.err.includes(`gmm-check: ${crash}: could not be checked: boom in the checker`));
      const doc = JSON.parse(io.out);
      assertJsonContract(doc);
      assert.deepEqual(doc.files.map((f: { path: string }) => f.path), [good, bad]);
      assert.equal(doc.errors[0].path, crash);
    });

    it('even when it throws a non-Error', async () => {
      const io = memoryIO();
      const deps = fakeDeps({ checkNote: () => { throw 'a string'; } });
      assert.equal(await main([good], io, deps), 2);
      assert.match(io.err, /could not be checked: a string/);
    });
  });

  describe('output', () => {
    it('json on stdout meets the contract, paths as given', async () => {
      const io = memoryIO();
      assert.equal(await main(['--format=json', good, mixed], io, fakeDeps()), 1);
      const doc = JSON.parse(io.out);
      assertJsonContract(doc);
      assert.deepEqual(doc.files.map((f: { path: string }) => f.path), [good, mixed]);
      assert.deepEqual(doc.files[1].summary, { pass: 1, fail: 1, unchecked: 1 });
      assert.equal(doc.files[1].claims[1].cause, 'a factor of 2');
    });

    it('a folder is expanded to its markdown files, paths joined as found', async () => {
      const io = memoryIO();
      const deps = fakeDeps();
      await main([dir, '--format', 'json', '--quiet'], io, deps);
      const paths = JSON.parse(io.out).files.map((f: { path: string }) => path.basename(f.path));
      // mixed.txt is not markdown, so a folder walk skips it.
      assert.deepEqual(paths, ['bad.md', 'good.md']);
    });

    it('--output writes the report to the file, nothing on stdout', async () => {
      const io = memoryIO();
      const deps = fakeDeps();
      assert.equal(await main([good, '--output', 'r.txt'], io, deps), 0);
      assert.equal(io.out, '');
      assert.match(deps.written.get('r.txt') ?? '', /total: 1 file/);
      assert.match(io.err, /wrote r\.txt/);
    });

    it('a report that cannot be written: exit 2', async () => {
      const io = memoryIO();
      const deps = fakeDeps({ writeFile: async () => { throw Object.assign(new Error('x'), { code: 'EACCES' }); } });
      assert.equal(await main([good, '-o', '/root/r.txt'], io, deps), 2);
      assert.match(io.err, /\/root\/r\.txt: cannot write the report: permission denied/);
    });

    it('html goes through the renderer with the KaTeX CSS', async () => {
      const io = memoryIO();
      const deps = fakeDeps();
      assert.equal(await main([good, bad, '--format', 'html', '-q'], io, deps), 1);
      assert.equal(io.out, `<html><style>.katex{}</style><section>${good}</section><section>${bad}</section></html>`);
    });

    it('html without KaTeX CSS still renders, with a warning', async () => {
      const io = memoryIO();
      const deps = fakeDeps({ loadKatexCss: () => { throw new Error('KaTeX stylesheet not found'); } });
      assert.equal(await main([good, '--format', 'html'], io, deps), 0);
      assert.match(io.out, /^<html><style><\/style>/);
      assert.match(io.err, /warning: KaTeX stylesheet not found/);
    });

    it('a renderer crash: exit 2 with a message', async () => {
      const io = memoryIO();
      const deps = fakeDeps({ renderReportPage: () => { throw new Error('bad template'); } });
      assert.equal(await main([good, '--format', 'html'], io, deps), 2);
      assert.match(io.err, /could not write the html report: bad template/);
    });
  });

  describe('progress and checker options', () => {
    it('a progress line on a terminal: rewritten in place with count, rate and time left, erased at the end', async () => {
      const io = ttyIO();
      let t = 0;
      // Each note takes half a second of the fake clock.
      const deps = fakeDeps({ now: () => t, checkNote: (text, options) => { t += 500; return fakeCheckNote(text, options); } });
      await main([good, bad, mixed], io, deps);
      const draws = io.err.split('\r\x1b[2K');
      assert.equal(draws[0], '', 'starts by erasing the line');
      assert.equal(draws.at(-1), '', 'ends with the line erased');
      assert.ok(!io.err.includes('\n'), 'never a new line');
      assert.equal(draws[1], 'checking 0/3 notes…');
      assert.match(draws[2], /^checking 1\/3 notes · 2\.0 notes\/s · about 1 s left$/);
      assert.match(draws.at(-2)!, /^checking 3\/3 notes · [\d.]+ notes\/s · done$/);
    });

    it('a message on stderr erases the progress line first; it is drawn again after', async () => {
      const io = ttyIO();
      const binary = path.join(dir, 'binary.md');
      writeFileSync(binary, Buffer.from([0x70, 0x00]));
      await main([good, binary, bad], io, fakeDeps({ now: () => 0 }));
      assert.match(io.err, /\r\x1b\[2Kgmm-check: .*binary\.md: not a text file \(it contains NUL bytes\)\n\r\x1b\[2Kchecking 2\/3/);
    });

    it('no progress when stderr is not a terminal, for a single file, or with --quiet', async () => {
      const pipe = memoryIO();
      await main([good, bad], pipe, fakeDeps());
      assert.equal(pipe.err, '');
      const one = ttyIO();
      await main([good], one, fakeDeps());
      assert.equal(one.err, '');
      const quiet = ttyIO();
      await main([good, bad, '--quiet'], quiet, fakeDeps());
      assert.equal(quiet.err, '');
    });

    it('passes seed, trials, tolerance, K and D to the checker (defaults when not given)', async () => {
      const deps = fakeDeps();
      await main([good], memoryIO(), deps);
      assert.deepEqual(deps.checked[0].options, { seed: 1, trials: 5 });
      await main([good, '--seed', '7', '--trials', '3', '--tolerance', '1e-9', '-K', '4', '-D', '2'], memoryIO(), deps);
      assert.deepEqual(deps.checked[1].options, { seed: 7, trials: 3, tolerance: 1e-9, K: 4, D: 2 });
    });
  });

  describe('--jobs', () => {
    const formats = ['text', 'json', 'csv', 'html'];

    it('on several threads, every format is byte for byte the serial run, notes finishing in any order', async () => {
      const notes = Array.from({ length: 12 }, (_, i) => {
        const f = path.join(dir, `n${String(i).padStart(2, '0')}.md`);
        writeFileSync(f, `# note ${i}\n${'pass\n'.repeat(i % 4)}${i % 3 === 0 ? 'fail\n' : ''}${i === 5 ? 'throw\n' : ''}unchecked\n`);
        return f;
      });
      const args = [...notes.slice(0, 7), path.join(dir, 'missing.md'), ...notes.slice(7)];
      for (const format of formats) {
        const serial = memoryIO();
        const serialDeps = fakeDeps();
        const serialCode = await main(['--jobs', '1', '--format', format, ...args], serial, serialDeps);
        const parallel = memoryIO();
        const deps = fakeDeps();
        const code = await main(['--jobs', '3', '--format', format, ...args], parallel, deps);
        assert.deepEqual(serialDeps.pools, [], '--jobs 1 checks in this thread');
        assert.deepEqual(deps.pools, [3]);
        assert.equal(parallel.out, serial.out, format);
        assert.equal(parallel.err, serial.err, `${format} stderr`);
        assert.equal(code, serialCode);
        assert.equal(code, 2, 'the missing note and the crashing one');
      }
    });

    it('defaults to the number of cores, and never more threads than notes', async () => {
      const deps = fakeDeps({ cores: () => 8 });
      await main([good, bad, mixed], memoryIO(), deps);
      assert.deepEqual(deps.pools, [3]);
      const one = fakeDeps({ cores: () => 8 });
      await main([good], memoryIO(), one);
      assert.deepEqual(one.pools, []);
    });

    it('a note that hangs or kills its thread gets an error entry and row; the batch goes on', async function () {
      this.timeout(60_000);
      const { dir: folder, cleanup: done } = tempDir();
      try {
        const names = ['a-good.md', 'b-hang.md', 'c-good.md', 'd-exit.md', 'e-good.md'];
        const texts = ['$$x_i = x_i$$\n', 'hang', '$$\\pi_k = 2\\pi_k$$\n', 'exit', '$$x_i = x_i$$\n'];
        names.forEach((n, i) => writeFileSync(path.join(folder, n), texts[i]));
        const script = path.join(__dirname, 'fixtures', 'misbehavingWorker.ts');
        const deps = { ...defaultDeps, createPool: (size: number, o: PoolOptions) => createWorkerPool(size, { ...o, script }) };
        const json = memoryIO();
        assert.equal(await main(['--jobs', '2', '--timeout', '6', '--format', 'json', folder], json, deps), 2);
        const doc = JSON.parse(json.out);
        assert.deepEqual(doc.files.map((f: { path: string }) => path.basename(f.path)), ['a-good.md', 'c-good.md', 'e-good.md']);
        assert.deepEqual(doc.errors.map((e: { path: string; message: string }) => `${path.basename(e.path)}: ${e.message}`), [
          'b-hang.md: could not be checked: the check took longer than 6 s and was stopped',
          'd-exit.md: could not be checked: the checking thread stopped (exit code 3)',
        ]);
        const csv = memoryIO();
        await main(['--jobs', '2', '--timeout', '6', '--format', 'csv', folder], csv, deps);
        assert.match(csv.out, /b-hang\.md,,,,,,,could not be checked: the check took longer than 6 s/);
      } finally {
        done();
      }
    });

    it('with the real checker and threads, a folder with hostile notes: --jobs 2 equals --jobs 1 in every format', async function () {
      this.timeout(240_000);
      const { dir: folder, cleanup: done } = tempDir();
      try {
        const examples = path.join(__dirname, '../../../examples');
        for (const name of ['001_340b0ad5deac142b.md', '003_977e0f68f9666590.md']) {
          writeFileSync(path.join(folder, name), readFileSync(path.join(examples, name)));
        }
        writeFileSync(path.join(folder, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
        writeFileSync(path.join(folder, 'hostile.md'), '# <script>alert(1)</script>\n\n$$' + '{'.repeat(10_000) + 'x' + '}'.repeat(10_000) +
          '$$\n\n$$\\gamma_{ik} = \\frac{\\pi_k}{\\sum_j \\pi_j}\\href{javascript:alert(1)}{x}$$\n\n\x1b]0;title\x07 $$\\pi_k = 2\\pi_k$$\n\n$$\\sigma');
        for (const format of formats) {
          const serial = memoryIO();
          const serialCode = await main(['--jobs', '1', '--format', format, folder], serial);
          const parallel = memoryIO();
          const code = await main(['--jobs', '2', '--format', format, folder], parallel);
          assert.equal(parallel.out, serial.out, format);
          assert.equal(parallel.err, serial.err, `${format} stderr`);
          assert.equal(code, serialCode);
          assert.equal(code, 2, 'the binary note is reported');
          assert.match(parallel.err, /binary\.md: not a text file/);
          if (format === 'json') assert.equal(JSON.parse(parallel.out).files.length, 3, 'the other notes are checked');
        }
      } finally {
        done();
      }
    });
  });

  describe('with the real checker', () => {
    it('examples/ gives a contract-valid JSON report and exit 0 or 1', async function () {
      this.timeout(120_000);
      const io = memoryIO();
      const code = await main(['--format', 'json', '--quiet', 'examples'], io);
      assert.equal(io.err, '', 'no path or checker errors');
      assert.ok(code === 0 || code === 1, `exit ${code}`);
      const doc = JSON.parse(io.out);
      assertJsonContract(doc);
      assert.ok(doc.files.length > 0);
    });
  });
});
