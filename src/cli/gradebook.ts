// Grade-book exports of a run: CSV (one row per note, for a spreadsheet or a
// grade book) and the Gradescope autograder's results.json (one note, so a
// course can run gmm-check as its autograder). Pure: results in, string out.
// The counts come from `summarize`, the same function the JSON's summary
// uses, so the three formats cannot disagree on a run.
import { claimPlace } from '../core/render/markers';
import type { Claim } from '../core/types';
import { extraCause, shorten, summarize, type CheckedFile, type FileError } from './format';

// ---------------------------------------------------------------- CSV

export const CSV_HEADER = ['path', 'pass', 'fail', 'unchecked', 'first_fail_line', 'first_fail_message', 'first_fail_cause', 'error'] as const;

/**
 * One row per note (checked notes in run order, then the paths that could
 * not be read or checked, with counts left empty and the reason in `error`),
 * after a header row. RFC 4180: CRLF between records, a field quoted when it
 * holds a comma, a quote, CR or LF, quotes doubled. Written by hand because
 * it is these ten lines; the tests parse it back with an independent parser.
 *
 * `first_fail_cause` is the likely cause when the message does not already
 * say it. `first_fail_line` is where the first wrong step is to blame (its culprit,
 * as the Problems panel and the text report show it), ordered by that line.
 */
export function formatCsv(results: readonly CheckedFile[], errors: readonly FileError[] = []): string {
  const rows: string[][] = [[...CSV_HEADER]];
  for (const r of results) {
    const s = summarize(r.report.claims);
    const first = firstFailure(r.report.claims);
    rows.push([
      text(r.path),
      String(s.pass),
      String(s.fail),
      String(s.unchecked),
      first ? String(claimPlace(first).line) : '',
      first ? text(first.message) : '',
      first ? text(extraCause(first)) : '',
      '',
    ]);
  }
  for (const e of errors) rows.push([text(e.path), '', '', '', '', '', '', text(e.message)]);
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** The failing claim a grader should look at first: the earliest place to blame. */
export function firstFailure(claims: readonly Claim[]): Claim | undefined {
  let best: Claim | undefined;
  for (const c of claims) {
    if (c.verdict !== 'fail') continue;
    if (best === undefined || compareAt(claimPlace(c), claimPlace(best)) < 0) best = c;
  }
  return best;
}

function compareAt(a: { line: number; column: number }, b: { line: number; column: number }): number {
  return a.line - b.line || a.column - b.column;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A text cell that a spreadsheet would run as a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or CR: a note's file name is chosen by a student)
 * gets a leading apostrophe, as OWASP's CSV-injection advice says; the
 * spreadsheet shows the text and a program reading the CSV sees the mark.
 */
function text(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

// ---------------------------------------------------------------- Gradescope

/** One test case of Gradescope's results.json (the fields we write). */
export interface GradescopeTest {
  name: string;
  status: 'passed' | 'failed';
  score: number;
  max_score: number;
  output: string;
  visibility: 'visible';
}

export interface GradescopeResults {
  score: number;
  output: string;
  visibility: 'visible';
  tests: GradescopeTest[];
}

/** Gradescope shows test names as headings: one line, a huge formula cut. */
const MAX_NAME = 100;

/**
 * Gradescope's autograder results for exactly one note. Every checked claim
 * (pass or fail) is one test worth one point; the score is the number that
 * pass. Unchecked claims are listed too, so the student sees them, but with
 * `max_score` 0: the checker could not decide them (a stationarity
 * condition, an abstract function, a parse error), and neither a point
 * given nor one taken away would be a grade. Their status is "passed",
 * which is what Gradescope infers for 0 out of 0, never "failed": marking a
 * step the checker could not judge as wrong is the one thing it must not do.
 *
 * With no note, several notes, or a note that could not be read or checked,
 * the results say so with score 0 and no tests: Gradescope then shows the
 * reason instead of "the autograder failed to produce output".
 */
export function toGradescope(results: readonly CheckedFile[], errors: readonly FileError[] = []): GradescopeResults {
  const problem = errors.length > 0
    ? errors.map((e) => `${e.path}: ${e.message}`).join('\n')
    : results.length !== 1
      ? `expected exactly one note, found ${results.length}${results.length ? `: ${results.map((r) => r.path).join(', ')}` : ''}`
      : null;
  if (problem !== null) {
    return { score: 0, output: `The note could not be graded.\n${problem}`, visibility: 'visible', tests: [] };
  }
  const [note] = results;
  const claims = [...note.report.claims].sort((a, b) => compareAt(claimPlace(a), claimPlace(b)));
  const tests = claims.map(gradescopeTest);
  const s = summarize(note.report.claims);
  const score = tests.reduce((sum, t) => sum + t.score, 0);
  const summary = `${note.path}: ${s.pass} pass, ${s.fail} fail, ${s.unchecked} unchecked (model: ${note.report.model.description})`;
  const reading = note.report.reading.symbols.length || note.report.reading.ambiguous.length ? `\nRead as: ${note.report.reading.text}` : '';
  return { score, output: summary + reading, visibility: 'visible', tests };
}

/** results.json as Gradescope reads it, newline-terminated. */
export function formatGradescope(results: readonly CheckedFile[], errors: readonly FileError[] = []): string {
  return JSON.stringify(toGradescope(results, errors), null, 2) + '\n';
}

function gradescopeTest(c: Claim): GradescopeTest {
  const at = claimPlace(c);
  const name = shorten(`Line ${at.line}: ${c.lhs} ${c.relation || '='} ${c.rhs}`, MAX_NAME);
  if (c.verdict === 'unchecked') {
    return {
      name: `${name} (not scored)`,
      status: 'passed',
      score: 0,
      max_score: 0,
      output: `Not checked (${c.reason ?? 'unsupported'}): ${c.message}`,
      visibility: 'visible',
    };
  }
  const cause = c.verdict === 'fail' && extraCause(c) ? `\nLikely cause: ${extraCause(c)}` : '';
  return {
    name,
    status: c.verdict === 'pass' ? 'passed' : 'failed',
    score: c.verdict === 'pass' ? 1 : 0,
    max_score: 1,
    output: `${c.verdict === 'pass' ? 'Correct' : 'Wrong'}: ${c.message}${cause}`,
    visibility: 'visible',
  };
}
