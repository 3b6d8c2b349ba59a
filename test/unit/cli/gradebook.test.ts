// The grade-book exports: CSV read back with an RFC 4180 parser written here
// (independent of the writer) and compared with the JSON of the same run;
// Gradescope results.json validated field by field against the format
// Gradescope documents; hostile and unreadable notes in a batch.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatCsv, toGradescope } from '../../../src/cli/gradebook';
import { main } from '../../../src/cli/main';
import { claim, fakeDeps, memoryIO, report, tempDir } from './helpers';

/**
 * RFC 4180 by its grammar: records end in CRLF, a field is either a run of
 * non-special characters or DQUOTE (TEXTDATA / COMMA / CR / LF / 2DQUOTE)*
 * DQUOTE. Anything else (a bare LF, a quote inside an unquoted field, text
 * after a closing quote) is a format error, so the writer is held to the RFC.
 */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < s.length) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (s[i] === '"') {
        i++;
        for (;;) {
          if (i >= s.length) throw new Error('unterminated quoted field');
          if (s[i] === '"') {
            if (s[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++;
            break;
          }
          field += s[i++];
        }
      } else {
        while (i < s.length && !/[,\r\n]/.test(s[i])) {
          if (s[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
          field += s[i++];
        }
      }
      row.push(field);
      if (s[i] === ',') { i++; continue; }
      if (s[i] === '\r' && s[i + 1] === '\n') { i += 2; break; }
      throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(s.slice(i, i + 5))}`);
    }
    rows.push(row);
  }
  return rows;
}

const HEADER = ['path', 'pass', 'fail', 'unchecked', 'first_fail_line', 'first_fail_message', 'first_fail_cause', 'error'];

interface JsonDoc {
  version: number;
  files: { path: string; summary: { pass: number; fail: number; unchecked: number }; claims: JsonClaim[] }[];
  errors: { path: string; message: string }[];
}
interface JsonClaim { line: number; column: number; verdict: string; message: string; cause?: string; culprit?: { line: number; column: number } }

/** The CSV row the JSON of the same run implies, derived from the JSON's fields alone. */
function rowFromJson(f: JsonDoc['files'][number]): string[] {
  const at = (c: JsonClaim): { line: number; column: number } => c.culprit ?? c;
  const fails = f.claims.filter((c) => c.verdict === 'fail')
    .sort((a, b) => at(a).line - at(b).line || at(a).column - at(b).column);
  const first = fails[0];
  const cause = first?.cause && !first.message.toLowerCase().includes(first.cause.toLowerCase()) ? first.cause : '';
  return [f.path, String(f.summary.pass), String(f.summary.fail), String(f.summary.unchecked),
    first ? String(at(first).line) : '', first?.message ?? '', cause, ''];
}

/** Gradescope's results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/), the fields we promise. */
function assertGradescope(doc: unknown): asserts doc is { score: number; output: string; tests: Record<string, unknown>[] } {
  assert.ok(typeof doc === 'object' && doc !== null && !Array.isArray(doc), 'results is an object');
  const d = doc as Record<string, unknown>;
  assert.equal(typeof d.score, 'number', 'top-level score is a number');
  assert.ok(Number.isFinite(d.score) && (d.score as number) >= 0, 'score is finite and >= 0');
  assert.ok(Array.isArray(d.tests), 'tests is an array');
  let sum = 0;
  for (const t of d.tests as Record<string, unknown>[]) {
    const where = JSON.stringify(t).slice(0, 200);
    assert.equal(typeof t.name, 'string', `name: ${where}`);
    assert.ok((t.name as string).length > 0 && !/[\r\n]/.test(t.name as string), `name is one non-empty line: ${where}`);
    assert.ok(t.status === 'passed' || t.status === 'failed', `status passed/failed: ${where}`);
    assert.equal(typeof t.output, 'string', `output: ${where}`);
    assert.equal(typeof t.max_score, 'number', `max_score: ${where}`);
    assert.equal(typeof t.score, 'number', `score: ${where}`);
    assert.ok((t.score as number) >= 0 && (t.score as number) <= (t.max_score as number), `0 <= score <= max_score: ${where}`);
    assert.ok(['visible', 'hidden', 'after_due_date', 'after_published'].includes(t.visibility as string), `visibility: ${where}`);
    // A failed test loses its points; a passed one has all of them.
    assert.equal(t.score, t.status === 'passed' ? t.max_score : 0, `score matches status: ${where}`);
    sum += t.score as number;
  }
  assert.equal(d.score, sum, 'top-level score is the sum of the tests\' scores');
}

describe('cli/gradebook', () => {
  describe('CSV', () => {
    it('quotes commas, quotes and newlines per RFC 4180, and reads back field for field', () => {
      const message = 'left "2, 1", right 3\nsecond line\r\nthird, with CRLF';
      const csv = formatCsv([
        { path: 'notes/a, b "c".md', text: '', report: report([
          claim({ verdict: 'pass', line: 2 }),
          claim({ verdict: 'fail', line: 9, message: 'later' }),
          claim({ verdict: 'fail', line: 5, message, cause: 'a factor of 2' }),
          claim({ verdict: 'unchecked', line: 7 }),
        ]) },
        { path: 'plain.md', text: '', report: report([]) },
        { path: 'newline.md', text: '', report: report([claim({ verdict: 'fail', message: 'only\na newline' })]) },
      ], [{ path: 'gone.md', message: 'no such file or directory' }]);
      assert.ok(csv.endsWith('\r\n'));
      assert.deepEqual(parseCsv(csv), [
        HEADER,
        ['notes/a, b "c".md', '1', '2', '1', '5', message, 'a factor of 2', ''],
        ['plain.md', '0', '0', '0', '', '', '', ''],
        ['newline.md', '0', '1', '0', '1', 'only\na newline', '', ''],
        ['gone.md', '', '', '', '', '', '', 'no such file or directory'],
      ]);
    });

    it('a failing step is placed at its culprit, as the Problems panel shows it', () => {
      const r = report([
        claim({ verdict: 'fail', line: 3, message: 'first to start', culpritAt: { line: 8, endLine: 8, column: 0 } }),
        claim({ verdict: 'fail', line: 6, message: 'first to blame' }),
      ]);
      const rows = parseCsv(formatCsv([{ path: 'n.md', text: '', report: r }]));
      assert.equal(rows[1][4], '6');
      assert.equal(rows[1][5], 'first to blame');
    });

    it('defuses spreadsheet formulas in text cells', () => {
      const rows = parseCsv(formatCsv([{ path: '=HYPERLINK("x").md', text: '', report: report([
        claim({ verdict: 'fail', message: '+1 too many', cause: '@cause' }),
      ]) }]));
      assert.deepEqual(rows[1].slice(0, 1), ['\'=HYPERLINK("x").md']);
      assert.equal(rows[1][5], '\'+1 too many');
      assert.equal(rows[1][6], '\'@cause');
    });

    describe('on a real batch with a hostile note', function () {
      this.timeout(300000);
      let dir: string;
      let cleanup: () => void;
      let csvRows: string[][];
      let json: JsonDoc;
      let status: { csv: number; json: number };
      let files: string[];

      before(async () => {
        ({ dir, cleanup } = tempDir());
        const examples = path.join(__dirname, '..', '..', '..', 'examples');
        const hostile = path.join(dir, 'hostile.md');
        // A 200 000-character formula on one line, then broken LaTeX of several kinds, then a
        // message-provoking wrong step: none of it may stop the rows after it.
        writeFileSync(hostile, [
          '# hostile, "quoted", title',
          `$$${'x_i + '.repeat(40000)}x_i = 2$$`,
          '$$\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k = \\sum_{i$$',
          '$$\\begin{aligned} a &= \\left( b \\\\ \\end{gather}$$',
          '$$\\frac{\\partial}{\\partial \\mu_k} \\mu_k^2 = 3\\mu_k$$',
          '',
        ].join('\n'));
        files = [path.join(examples, '001_340b0ad5deac142b.md'), hostile, path.join(examples, '000_610a1e28ec070b97.md'), path.join(dir, 'missing.md')];
        const a = memoryIO();
        const b = memoryIO();
        status = {
          csv: await main(['--quiet', '--format', 'csv', ...files], a),
          json: await main(['--quiet', '--format', 'json', ...files], b),
        };
        csvRows = parseCsv(a.out);
        json = JSON.parse(b.out) as JsonDoc;
      });
      after(() => cleanup());

      it('one row per note, counts and first failure equal to the JSON of the same run', () => {
        assert.deepEqual(csvRows[0], HEADER);
        assert.equal(json.version, 1);
        assert.deepEqual(csvRows.slice(1, 1 + json.files.length), json.files.map(rowFromJson));
        assert.deepEqual(json.files.map((f) => f.path), files.slice(0, 3), 'the hostile note did not stop the batch');
        assert.ok(json.files[0].summary.fail > 0, 'the example with mistakes fails somewhere');
        assert.ok(json.files[1].summary.fail + json.files[1].summary.unchecked > 0, 'the hostile note got verdicts');
      });

      it('the unreadable path is a row with its error, and the exit status is 2 as for JSON', () => {
        assert.deepEqual(csvRows.slice(1 + json.files.length), json.errors.map((e) => [e.path, '', '', '', '', '', '', e.message]));
        assert.equal(json.errors.length, 1);
        assert.equal(status.csv, 2);
        assert.equal(status.json, 2);
      });
    });

    it('a note that crashes the checker is a row with its error; the notes after it still get rows', async () => {
      const { dir, cleanup } = tempDir();
      try {
        const crash = path.join(dir, 'a-crash.md');
        const after = path.join(dir, 'b-after.md');
        writeFileSync(crash, 'pass\nthrow\n');
        writeFileSync(after, 'pass\nfail\nunchecked\n');
        const io = memoryIO();
        assert.equal(await main(['--quiet', '--format', 'csv', dir], io, fakeDeps()), 2);
        const rows = parseCsv(io.out);
        assert.deepEqual(rows.slice(1).map((r) => r[0]), [after, crash]);
        assert.deepEqual(rows[1].slice(1, 6), ['1', '1', '1', '2', 'fail at line 2']);
        assert.match(rows[2][7], /could not be checked: boom in the checker/);
      } finally {
        cleanup();
      }
    });
  });

  describe('Gradescope', () => {
    it('one test per claim: checked ones worth a point, unchecked ones shown and worth none', () => {
      const r = report([
        claim({ verdict: 'pass', line: 2, lhs: 'a', rhs: 'b' }),
        claim({ verdict: 'fail', line: 4, message: 'differs: 1 vs 2', cause: 'a factor of 2' }),
        claim({ verdict: 'unchecked', line: 3, reason: 'condition', message: 'a stationarity condition' }),
        claim({ verdict: 'pass', line: 6 }),
      ]);
      const doc = toGradescope([{ path: 'sub.md', text: '', report: r }]);
      assertGradescope(doc);
      assert.equal(doc.score, 2);
      assert.deepEqual(doc.tests.map((t) => [t.name.split(':')[0], t.status, t.score, t.max_score]), [
        ['Line 2', 'passed', 1, 1],
        ['Line 3', 'passed', 0, 0],
        ['Line 4', 'failed', 0, 1],
        ['Line 6', 'passed', 1, 1],
      ]);
      assert.equal(doc.tests[0].name, 'Line 2: a = b');
      assert.match(doc.tests[1].name, /\(not scored\)$/);
      assert.equal(doc.tests[1].output, 'Not checked (condition): a stationarity condition');
      assert.equal(doc.tests[2].output, 'Wrong: differs: 1 vs 2\nLikely cause: a factor of 2');
      assert.match(doc.output, /^sub\.md: 2 pass, 1 fail, 1 unchecked/);
    });

    it('a huge formula makes a one-line name of bounded length', () => {
      const doc = toGradescope([{ path: 's.md', text: '', report: report([claim({ verdict: 'pass', lhs: 'x +\n'.repeat(50000), rhs: 'y' })]) }]);
      assertGradescope(doc);
      assert.ok(doc.tests[0].name.length <= 100);
    });

    it('main writes results.json for one real note: one test per claim, score = passing claims', async function () {
      this.timeout(300000);
      const { dir, cleanup } = tempDir();
      try {
        const note = path.join(__dirname, '..', '..', '..', 'examples', '001_340b0ad5deac142b.md');
        const out = path.join(dir, 'results.json');
        const gs = memoryIO();
        const js = memoryIO();
        assert.equal(await main(['--quiet', '--format', 'gradescope', '--output', out, note], gs), 1);
        assert.equal(gs.out, '', 'with --output nothing goes to stdout');
        assert.equal(await main(['--quiet', '--format', 'json', note], js), 1);
        const doc: unknown = JSON.parse(readFileSync(out, 'utf8'));
        assertGradescope(doc);
        const [f] = (JSON.parse(js.out) as JsonDoc).files;
        assert.equal(doc.tests.length, f.claims.length);
        assert.equal(doc.score, f.summary.pass);
        const statuses = { passed: 0, failed: 0 };
        for (const t of doc.tests) statuses[t.status as 'passed' | 'failed']++;
        assert.equal(statuses.failed, f.summary.fail);
        assert.equal(doc.tests.filter((t) => t.max_score === 0).length, f.summary.unchecked);
        const maxScore = doc.tests.reduce((s, t) => s + (t.max_score as number), 0);
        assert.equal(maxScore, f.summary.pass + f.summary.fail);
      } finally {
        cleanup();
      }
    });

    it('several notes, or an unreadable one: exit 2 and results that explain it with score 0', async () => {
      const { dir, cleanup } = tempDir();
      try {
        writeFileSync(path.join(dir, 'a.md'), 'pass\n');
        writeFileSync(path.join(dir, 'b.md'), 'pass\n');
        const deps = fakeDeps();
        const two = memoryIO();
        assert.equal(await main(['--format', 'gradescope', dir], two, deps), 2);
        const doc: unknown = JSON.parse(two.out);
        assertGradescope(doc);
        assert.equal(doc.score, 0);
        assert.deepEqual(doc.tests, []);
        assert.match(doc.output, /exactly one note; found 2/);
        assert.equal(deps.checked.length, 0, 'no note is checked for nothing');
        assert.match(two.err, /exactly one note; found 2/);

        const gone = memoryIO();
        assert.equal(await main(['--format', 'gradescope', path.join(dir, 'gone.md')], gone, fakeDeps()), 2);
        const doc2: unknown = JSON.parse(gone.out);
        assertGradescope(doc2);
        assert.match(doc2.output, /gone\.md: no such file or directory/);
      } finally {
        cleanup();
      }
    });
  });
});
