// expandPaths and readNote on a real temp folder: which files a folder
// yields and in what order, and how unusable paths are reported.
import * as assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expandPaths, readNote } from '../../../src/cli/files';
import { tempDir } from './helpers';

describe('cli/files', () => {
  let dir: string;
  let cleanup: () => void;

  before(() => {
    ({ dir, cleanup } = tempDir());
    const files: Record<string, string> = {
      'b.md': 'b',
      'a.markdown': 'a',
      'C.MD': 'c',
      'notes.txt': 'not markdown',
      'sub/z.md': 'z',
      'sub/deeper/y.md': 'y',
      'node_modules/pkg/readme.md': 'skip',
      '.hidden/x.md': 'skip',
      'empty/.keep': '',
      'seed.txt': 'a seed note',
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
  });
  after(() => cleanup());

  it('walks a folder recursively for .md/.markdown, sorted, skipping node_modules and dot-folders', async () => {
    const r = await expandPaths([dir]);
    const rel = r.files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
    assert.deepEqual(rel, ['C.MD', 'a.markdown', 'b.md', 'sub/deeper/y.md', 'sub/z.md']);
    assert.deepEqual(r.problems, []);
  });

  it('keeps paths as given (joined onto the folder as written)', async () => {
    const r = await expandPaths([path.join(dir, 'sub')]);
    assert.deepEqual(r.files, [path.join(dir, 'sub', 'deeper', 'y.md'), path.join(dir, 'sub', 'z.md')]);
  });

  it('follows a symlinked folder but not round a loop', async function () {
    const loop = tempDir();
    try {
      mkdirSync(path.join(loop.dir, 'inner'));
      writeFileSync(path.join(loop.dir, 'inner', 'n.md'), 'n');
      try {
        symlinkSync(loop.dir, path.join(loop.dir, 'inner', 'back'), 'dir');
      } catch {
        this.skip(); // symlinks unavailable (e.g. Windows without privileges)
      }
      const r = await expandPaths([loop.dir]);
      assert.deepEqual(r.files, [path.join(loop.dir, 'inner', 'n.md')]);
      assert.deepEqual(r.problems, []);
    } finally {
      loop.cleanup();
    }
  });

  it('takes a file as is, whatever its extension', async () => {
    const seed = path.join(dir, 'seed.txt');
    const r = await expandPaths([seed]);
    assert.deepEqual(r.files, [seed]);
  });

  it('keeps command-line order and checks a file named twice once', async () => {
    const b = path.join(dir, 'b.md');
    const r = await expandPaths([b, path.join(dir, 'sub'), b, path.join(dir, 'sub', 'z.md')]);
    assert.deepEqual(r.files, [b, path.join(dir, 'sub', 'deeper', 'y.md'), path.join(dir, 'sub', 'z.md')]);
  });

  it('reports a nonexistent path by name and still returns the others', async () => {
    const missing = path.join(dir, 'nope.md');
    const r = await expandPaths([missing, path.join(dir, 'b.md')]);
    assert.deepEqual(r.files, [path.join(dir, 'b.md')]);
    assert.deepEqual(r.problems, [{ path: missing, message: 'no such file or directory' }]);
  });

  it('warns about a folder without markdown files', async () => {
    const r = await expandPaths([path.join(dir, 'empty')]);
    assert.deepEqual(r.files, []);
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0].message, /no \.md or \.markdown files/);
  });

  it('reads text and drops a byte-order mark', async () => {
    const f = path.join(dir, 'bom.md');
    writeFileSync(f, '\ufeff# Title\n$x$\n');
    assert.deepEqual(await readNote(f), { ok: true, text: '# Title\n$x$\n' });
  });

  it('refuses a binary file (NUL in the first 8 KB)', async () => {
    const f = path.join(dir, 'image.md');
    writeFileSync(f, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const r = await readNote(f);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.message, /not a text file/);
  });

  it('reports an unreadable file', async () => {
    const r = await readNote(path.join(dir, 'missing.md'));
    assert.deepEqual(r, { ok: false, message: 'no such file or directory' });
  });
});
