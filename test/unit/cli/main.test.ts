// main(argv, io, deps) end to end with fake checkers on temp files: exit
// statuses, output routing, progress, and containment of unreadable paths and
// checker crashes. One test at the end runs the real checker on examples/.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { assertJsonContract, fakeDeps, memoryIO, tempDir } from './helpers';

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
    it('shows [i/n] progress on stderr for more than one file', async () => {
      const io = memoryIO();
      await main([good, bad], io, fakeDeps());
      assert.equal(io.err, `[1/2] ${good}\n[2/2] ${bad}\n`);
    });

    it('no progress for a single file or with --quiet', async () => {
      const one = memoryIO();
      await main([good], one, fakeDeps());
      assert.equal(one.err, '');
      const quiet = memoryIO();
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
