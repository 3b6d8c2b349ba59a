// Checks what users actually install: packages the VSIX (`npm run package`, or
// reuses it when GMM_REUSE_VSIX=1 and it exists), reads the zip's own table of
// contents, and asserts the runtime files are in and the sources, tests, source
// maps and node_modules are out, and that it stays small.
// Usage: npm run test:vsix
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const vsix = path.join(root, 'gmm-derivation-checker.vsix');
const MAX_BYTES = 3 * 1024 * 1024;

/**
 * Entry names of a zip file, read from its central directory (no unzip tool
 * needed). Enough for VSIX files: no zip64, no multi-disk archives.
 */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  // End-of-central-directory record: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${n} in ${file}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

describe('VSIX package', function () {
  let entries: string[] = [];
  let size = 0;

  before(function () {
    this.timeout(180_000);
    if (process.env.GMM_REUSE_VSIX === '1' && fs.existsSync(vsix)) {
      console.log(`    reusing ${path.basename(vsix)}`);
    } else {
      execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    entries = zipEntries(vsix);
    size = fs.statSync(vsix).size;
    console.log(`    ${path.basename(vsix)}: ${(size / 1024).toFixed(1)} KiB, ${entries.length} entries`);
  });

  it('contains the four bundles', () => {
    for (const f of ['extension/dist/extension.js', 'extension/dist/checkWorker.js', 'extension/dist/cli.js', 'extension/dist/webview.js']) {
      assert.ok(entries.includes(f), `${f} missing`);
    }
  });

  it('contains KaTeX CSS and fonts', () => {
    assert.ok(entries.includes('extension/media/katex/katex.min.css'), 'katex.min.css missing');
    const fonts = entries.filter((e) => e.startsWith('extension/media/katex/fonts/') && e.endsWith('.woff2'));
    assert.ok(fonts.length >= 10, `only ${fonts.length} KaTeX woff2 fonts`);
  });

  it('contains package.json, README and LICENSE', () => {
    assert.ok(entries.includes('extension/package.json'), 'package.json missing');
    // vsce renames them: README.md -> readme.md, LICENSE -> LICENSE.txt.
    assert.ok(entries.some((e) => /^extension\/readme\.md$/i.test(e)), 'README.md missing');
    assert.ok(entries.some((e) => /^extension\/licen[cs]e(\.txt|\.md)?$/i.test(e)), 'LICENSE missing');
  });

  it('leaves out sources, tests, source maps and node_modules', () => {
    const bad = entries.filter((e) =>
      /^extension\/(src|test|out|scripts|examples|\.vscode-test)\//.test(e) || e.endsWith('.map') ||
      e.includes('node_modules/') || e.endsWith('.ts'));
    assert.deepEqual(bad, []);
  });

  it('is smaller than 3 MB', () => {
    assert.ok(size < MAX_BYTES, `${size} bytes`);
  });
});
