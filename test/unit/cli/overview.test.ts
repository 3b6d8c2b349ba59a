// The class overview (--report DIR): index.html lists every note with the
// counts of the JSON report of the same run (read back from the HTML with a
// regexp over the table rows, not from the code that wrote it), the parts of
// a derivation are found from what each step derives, the note pages are the
// marked notes with a strict CSP, and the folder is never written over
// anything but an earlier report.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import { main } from '../../../src/cli/main';
import { displayPaths, notePageName } from '../../../src/cli/overview';
import { baseSymbol, claimParts, derivativeVariable, partResults } from '../../../src/cli/parts';
import { memoryIO, tempDir } from './helpers';

const EXAMPLES = path.join(__dirname, '../../../examples');
const PARTS_NOTE = readFileSync(path.join(__dirname, 'fixtures', 'parts.md'), 'utf8');

/** HTML text back to plain text (the entities escapeHtml writes). */
function unescape(s: string): string {
  return s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

interface IndexRow { note: string; href: string | null; pass: string; fail: string; unchecked: string; first: string }

function indexRows(html: string): IndexRow[] {
  const body = /<table id="notes">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html);
  assert.ok(body, 'the notes table');
  return [...body[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]);
    const href = /<a href="([^"]*)">/.exec(cells[0]);
    return { note: unescape(cells[0]), href: href ? unescape(href[1]) : null, pass: unescape(cells[1]), fail: unescape(cells[2]), unchecked: unescape(cells[3]), first: unescape(cells[4]) };
  });
}

describe('cli/overview', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => void;
  before(() => ({ dir, cleanup } = tempDir()));
  after(() => cleanup());

  describe('parts of a derivation', () => {
    it('reads the variable of a derivative and the symbol under fonts and accents', () => {
      assert.equal(derivativeVariable('\\frac{\\partial \\mathcal{L}}{\\partial \\sigma^{2}_{k}}'), '\\sigma^{2}_{k}');
      assert.equal(derivativeVariable('\\frac{\\partial}{\\partial \\boldsymbol{\\mu}_k} \\log p'), '\\boldsymbol{\\mu}_k');
      assert.equal(derivativeVariable('\\frac{\\partial \\log \\mathcal{N}(x_i | \\mu_k, \\sigma_k^2)}{\\partial \\mu_k}'), '\\mu_k');
      assert.equal(derivativeVariable('\\frac{d}{dx} e^{f(x)}'), 'x');
      assert.equal(derivativeVariable('\\nabla_{\\pi_k} \\ell'), '\\pi_k');
      assert.equal(derivativeVariable('\\sum_k \\pi_k'), null);
      assert.equal(baseSymbol('\\boldsymbol{\\mu}_k^{new}'), '\\mu');
      assert.equal(baseSymbol('\\boldsymbol\\Sigma_k'), '\\Sigma');
      assert.equal(baseSymbol('{\\sigma^2}_k^{(t+1)}'), '\\sigma');
      assert.equal(baseSymbol('\\hat{\\pi}_k'), '\\pi');
    });

    it('assigns each step by what it derives, in the note\'s own names (α for the weights), chains as a whole', () => {
      const report = checkNote(PARTS_NOTE, { seed: 1, trials: 5 });
      const byLine = report.claims.map((c, i) => `${c.line} ${claimParts(report)[i]}`);
      // By hand from the note: line 3 the likelihood, 5 the responsibilities, 7 a chain
      // of two links in μ, 9 σ², 11 the weights α, 13 and 15 the updates, 17 the multiplier
      // of the weights' constraint, 19 a named derivative in μ (g' = ∂/∂μ …) and its next link.
      assert.deepEqual(byLine, ['3 other', '5 resp', '7 grad-mean', '7 grad-mean', '9 grad-spread', '11 grad-weight', '13 update-mean', '15 update-weight',
        '17 grad-weight', '19 grad-mean', '19 grad-mean']);
      const results = partResults(report);
      assert.equal(results['grad-spread'], 'wrong', 'the factor-2 slip on line 9');
      assert.equal(results['grad-mean'], 'right');
      assert.equal(results['update-spread'], 'absent');
    });
  });

  it('paths lose the class folder all share; note pages get unique, safe names', () => {
    assert.deepEqual(displayPaths(['class/alice/a.md', 'class/bob/b.md', 'class/bob/c.md']), ['alice/a.md', 'bob/b.md', 'bob/c.md']);
    assert.deepEqual(displayPaths(['class/only.md']), ['only.md']);
    assert.deepEqual(displayPaths(['a.md', 'b/c.md']), ['a.md', 'b/c.md']);
    assert.equal(notePageName(0, 'alice/hw 1.md'), '001-alice-hw-1.html');
    assert.equal(notePageName(11, '../<script>.md'), '012-script.html');
  });

  it('index.html lists every note with the counts of the JSON report, errors included; each note links to its marked page', async () => {
    const notes = path.join(dir, 'class');
    for (const [student, file] of [['alice', '001_340b0ad5deac142b.md'], ['bob', '002_e8109031e5c7143f.md'], ['carol', '004_69d5f849e87c0d2a.md']]) {
      mkdirSync(path.join(notes, student), { recursive: true });
      writeFileSync(path.join(notes, student, 'hw.md'), readFileSync(path.join(EXAMPLES, file)));
    }
    mkdirSync(path.join(notes, 'dave'));
    writeFileSync(path.join(notes, 'dave', 'hw.md'), PARTS_NOTE);
    mkdirSync(path.join(notes, 'eve'));
    writeFileSync(path.join(notes, 'eve', 'hw.md'), '# <script>alert(1)</script> "quoted" & <b>bold</b>\n\n$$\\pi_k = 2\\pi_k \\href{javascript:alert(1)}{x}$$\n\n<img src=x onerror=alert(1)>\n');
    mkdirSync(path.join(notes, 'zed'));
    writeFileSync(path.join(notes, 'zed', 'hw.md'), Buffer.from([0x23, 0x00, 0x01]));

    const site = path.join(dir, 'site');
    const io = memoryIO();
    const code = await main(['--report', site, '--format', 'json', '--jobs', '1', notes], io);
    assert.equal(code, 2, 'the binary note');
    assert.match(io.err, /wrote the class overview .*index\.html \(6 notes\)/);
    const doc = JSON.parse(io.out) as { files: { path: string; summary: { pass: number; fail: number; unchecked: number } }[]; errors: { path: string; message: string }[] };
    const html = readFileSync(path.join(site, 'index.html'), 'utf8');
    const rows = indexRows(html);
    assert.equal(rows.length, doc.files.length + doc.errors.length);
    doc.files.forEach((f, i) => {
      const row = rows[i];
      assert.equal(row.note, path.relative(notes, f.path).split(path.sep).join('/'));
      assert.deepEqual([row.pass, row.fail, row.unchecked], [f.summary.pass, f.summary.fail, f.summary.unchecked].map(String), f.path);
      assert.ok(row.href && existsSync(path.join(site, row.href)), `page of ${f.path}`);
    });
    assert.equal(rows.at(-1)!.note, 'zed/hw.md');
    assert.match(rows.at(-1)!.first, /not checked: not a text file/);
    assert.equal(rows.at(-1)!.href, null);
    // dave's note: its first wrong step is line 9's factor of 2.
    assert.match(rows[3].first, /^line 9: /);
    assert.ok(doc.files.some((f) => f.summary.fail > 0), 'some note fails');

    // Totals and the parts table: dave got ∂/∂σ² wrong.
    assert.match(html, /6 notes · <span class="fail">\d+ with a wrong step/);
    const spread = /<tr><td>Gradient in the variances[\s\S]*?<\/tr>/.exec(html);
    assert.ok(spread && spread[0].includes('dave/hw.md'), 'dave listed as wrong on the variances');

    // The only script is the page's own, allowed by its hash; nothing of a note is markup.
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    const hash = createHash('sha256').update(scripts[0][1]).digest('base64');
    assert.ok(html.includes(`script-src 'sha256-${hash}'`), 'CSP allows the script by its hash');
    assert.match(html, /default-src 'none'/);
    const eve = rows.find((r) => r.note === 'eve/hw.md')!;
    const evePage = readFileSync(path.join(site, eve.href!), 'utf8');
    // (KaTeX keeps the formula's source as text in an <annotation>: inert.)
    const markup = evePage.replace(/<annotation encoding="application\/x-tex">[^<]*<\/annotation>/g, '');
    for (const [tag, name, attrs] of markup.matchAll(/<([a-z][\w-]*)([^>]*)>/gi)) {
      assert.ok(!/^(script|img|iframe|object|embed)$/i.test(name), tag);
      assert.ok(!/\son\w+\s*=|javascript:/i.test(attrs), tag);
    }
    assert.ok(evePage.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'shown as text');
    assert.match(evePage, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self' data:;/);
    assert.equal((evePage.match(/Content-Security-Policy/g) ?? []).length, 1, 'one CSP, ours');
    assert.match(evePage, /<link rel="stylesheet" href="\.\.\/katex\/katex\.min\.css">/);
    assert.match(evePage, /<a href="\.\.\/index\.html">← Class overview<\/a>/);
    assert.match(evePage, /gmm-marker/, 'the note is marked');
    // KaTeX offline, next to the pages.
    assert.ok(existsSync(path.join(site, 'katex', 'katex.min.css')));
    assert.ok(readdirSync(path.join(site, 'katex', 'fonts')).some((f) => f.endsWith('.woff2')));

    // A second run replaces the report; a folder with other files is refused.
    assert.equal(await main(['--report', site, '--format', 'csv', '--quiet', path.join(notes, 'alice')], memoryIO()), 1);
    assert.equal(indexRows(readFileSync(path.join(site, 'index.html'), 'utf8')).length, 1);
    assert.equal(readdirSync(path.join(site, 'notes')).length, 1, 'the old note pages are gone');
    const refused = memoryIO();
    assert.equal(await main(['--report', notes, path.join(notes, 'alice')], refused), 2);
    assert.match(refused.err, /is not empty and holds no earlier report/);
    assert.equal(refused.out, '', 'refused before checking');
  });
});
