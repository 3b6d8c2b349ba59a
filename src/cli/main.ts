// The gmm-check CLI as a function: main(argv, io, deps) → exit status.
// Parses the command line, expands the PATHs, checks each note with the core
// checker and writes one report. The checker, the HTML renderer and the
// output file are dependencies so tests can drive the shell with fakes; the
// default deps are the real modules.
import { availableParallelism } from 'node:os';
import { version as packageVersion } from '../../package.json';
import { checkNote } from '../core/check';
import { renderReportPage } from '../core/render/html';
import type { CheckOptions, NoteReport } from '../core/types';
import { HELP_TEXT, parseArgs, UsageError, type CliOptions } from './args';
import * as path from 'node:path';
import { expandPaths, readNote, describeFsError, outputProblem, reportDirProblem, writeClassReport, writeReportFile } from './files';
import { formatCsv, formatGradescope } from './gradebook';
import { formatJson, formatText, katexCssFile, loadKatexCss, terminalSafe, TextReport, type CheckedFile, type FileError } from './format';
import { renderClassReport } from './overview';
import { createWorkerPool, type NotePool, type PoolOptions } from './pool';
import { ProgressLine } from './progress';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  /** stderr is a terminal: a batch shows its progress line there. */
  stderrIsTTY?: boolean;
}

export interface CliDeps {
  checkNote(text: string, options: CheckOptions): NoteReport;
  renderReportPage(files: CheckedFile[], opts: { katexCss: string; errors?: FileError[] }): string;
  /** KaTeX CSS with fonts inlined, for the HTML report. */
  loadKatexCss(): string;
  writeFile(file: string, text: string): Promise<void>;
  /** Threads that check notes concurrently (--jobs above 1). */
  createPool(size: number, opts: PoolOptions): NotePool;
  /** The default of --jobs. */
  cores(): number;
  /** Milliseconds, for the progress line's rate. */
  now(): number;
}

export const defaultDeps: CliDeps = {
  checkNote,
  renderReportPage,
  loadKatexCss,
  writeFile: writeReportFile,
  createPool: createWorkerPool,
  cores: availableParallelism,
  now: () => performance.now(),
};

/** One note of the batch: checked, or why not. */
type Outcome = { ok: true; checked: CheckedFile } | { ok: false; error: FileError };

export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
export const EXIT_ERROR = 2;

export async function main(argv: string[], rawIo: CliIO, deps: CliDeps = defaultDeps): Promise<number> {
  // Paths and messages on stderr come from the notes and their names: no escape sequences.
  // A message erases the progress line first; the line is drawn again at the next note.
  let progress: ProgressLine | null = null;
  const io: CliIO = {
    stdout: (s) => rawIo.stdout(s),
    stderr: (s) => {
      progress?.clear();
      rawIo.stderr(s.split('\n').map(terminalSafe).join('\n'));
    },
  };
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`gmm-check: ${err.message}\nusage: gmm-check [options] PATH...\nTry 'gmm-check --help' for more.\n`);
    return EXIT_ERROR;
  }
  if (opts.help) {
    io.stdout(HELP_TEXT);
    return EXIT_OK;
  }
  if (opts.version) {
    io.stdout(`gmm-check ${packageVersion}\n`);
    return EXIT_OK;
  }

  const errors: FileError[] = [];
  const reportError = (e: FileError): void => {
    errors.push(e);
    io.stderr(`gmm-check: ${e.path}: ${e.message}\n`);
  };

  const expanded = await expandPaths(opts.paths);
  expanded.problems.forEach(reportError);
  if (!opts.quiet) for (const w of expanded.warnings) io.stderr(`gmm-check: ${w.path}: ${w.message}\n`);

  // Gradescope grades one submission: several notes (or none) is an error the
  // results.json itself explains, so the student sees why there is no score.
  if (opts.format === 'gradescope' && expanded.files.length !== 1 && expanded.problems.length === 0) {
    reportError({ path: opts.paths.join(', '), message: `--format gradescope grades exactly one note; found ${expanded.files.length}` });
    expanded.files = [];
  }

  // Refuse a bad --output before spending any time on the notes.
  if (opts.output !== null) {
    const problem = await outputProblem(opts.output, [...expanded.files, ...opts.paths], opts.force);
    if (problem !== null) {
      io.stderr(`gmm-check: ${opts.output}: ${problem}\n`);
      return EXIT_ERROR;
    }
  }

  if (opts.report !== null) {
    const problem = await reportDirProblem(opts.report, expanded.files);
    if (problem !== null) {
      io.stderr(`gmm-check: ${opts.report}: ${problem}\n`);
      return EXIT_ERROR;
    }
  }

  // Text on stdout is printed note by note, as each is checked.
  const streaming = opts.format === 'text' && opts.output === null ? new TextReport() : null;
  const results: CheckedFile[] = [];
  const files = expanded.files;
  const n = files.length;
  if (n > 1 && !opts.quiet && rawIo.stderrIsTTY === true) progress = new ProgressLine(n, (s) => rawIo.stderr(s), () => deps.now());

  // Notes finish in any order on several threads; each is reported in the
  // batch's order, as soon as the ones before it are, so every output (and
  // stderr) is the same as a run on one thread.
  const finished = new Map<number, Outcome>();
  let reported = 0;
  const settle = (i: number, outcome: Outcome): void => {
    finished.set(i, outcome);
    for (let o = finished.get(reported); o !== undefined; o = finished.get(reported)) {
      finished.delete(reported++);
      if (!o.ok) {
        reportError(o.error);
        continue;
      }
      results.push(o.checked);
      if (streaming) io.stdout(streaming.file(o.checked));
    }
    progress?.tick();
  };
  const notChecked = (file: string, err: unknown): Outcome => ({ ok: false, error: { path: file, message: `could not be checked: ${errorMessage(err)}` } });

  const jobs = Math.min(opts.jobs ?? deps.cores(), n);
  if (jobs <= 1) {
    for (let i = 0; i < n; i++) {
      const file = files[i];
      const read = await readNote(file);
      if (!read.ok) {
        settle(i, { ok: false, error: { path: file, message: read.message } });
        continue;
      }
      // The core promises not to throw, but one bad note must never cost the
      // user the report on all the others: contain it to this file.
      try {
        settle(i, { ok: true, checked: { path: file, text: read.text, report: deps.checkNote(read.text, { ...opts.check }) } });
      } catch (err) {
        settle(i, notChecked(file, err));
      }
    }
  } else {
    const pool = deps.createPool(jobs, { timeoutMs: opts.timeoutMs });
    try {
      // One reader per thread: a note is read just before it is sent, so at
      // most `jobs` notes wait in memory besides the checked ones.
      let next = 0;
      const runner = async (): Promise<void> => {
        while (next < n) {
          const i = next++;
          const file = files[i];
          const read = await readNote(file);
          if (!read.ok) {
            settle(i, { ok: false, error: { path: file, message: read.message } });
            continue;
          }
          const r = await pool.check(read.text, { ...opts.check });
          settle(i, r.ok ? { ok: true, checked: { path: file, text: read.text, report: r.report } } : notChecked(file, r.message));
        }
      };
      await Promise.all(Array.from({ length: jobs }, runner));
    } finally {
      await pool.close();
    }
  }
  progress?.clear();
  progress = null;

  let reportFailed = false;
  if (opts.report !== null) {
    try {
      const pages = renderClassReport(results, errors, (file) => deps.renderReportPage([file], { katexCss: '' }));
      await writeClassReport(opts.report, pages, katexCssFile());
      if (!opts.quiet) io.stderr(`gmm-check: wrote the class overview ${path.join(opts.report, 'index.html')} (${count(results.length + errors.length, 'note')})\n`);
    } catch (err) {
      io.stderr(`gmm-check: ${opts.report}: cannot write the class overview: ${describeFsError(err)}\n`);
      reportFailed = true;
    }
  }

  if (streaming) {
    io.stdout(streaming.total(results, errors));
    if (errors.length > 0 || reportFailed) return EXIT_ERROR;
    return results.some((r) => r.report.claims.some((c) => c.verdict === 'fail')) ? EXIT_FAIL : EXIT_OK;
  }

  let output: string;
  try {
    output = render(opts, results, errors, deps, io);
  } catch (err) {
    io.stderr(`gmm-check: could not write the ${opts.format} report: ${errorMessage(err)}\n`);
    return EXIT_ERROR;
  }

  const anyFail = results.some((r) => r.report.claims.some((c) => c.verdict === 'fail'));
  if (opts.output !== null) {
    try {
      await deps.writeFile(opts.output, output);
    } catch (err) {
      io.stderr(`gmm-check: ${opts.output}: cannot write the report: ${describeFsError(err)}\n`);
      return EXIT_ERROR;
    }
    if (!opts.quiet) {
      const fails = results.reduce((k, r) => k + r.report.claims.filter((c) => c.verdict === 'fail').length, 0);
      io.stderr(`gmm-check: wrote ${opts.output} (${count(results.length, 'file')} checked, ${count(fails, 'failing claim')})\n`);
    }
  } else {
    io.stdout(output);
  }

  // A path we could not read or check outranks failing claims: the run is incomplete.
  if (errors.length > 0 || reportFailed) return EXIT_ERROR;
  return anyFail ? EXIT_FAIL : EXIT_OK;
}

function render(opts: CliOptions, results: CheckedFile[], errors: FileError[], deps: CliDeps, io: CliIO): string {
  switch (opts.format) {
    case 'json':
      return formatJson(results, errors);
    case 'html': {
      let katexCss = '';
      try {
        katexCss = deps.loadKatexCss();
      } catch (err) {
        // Still worth writing: the verdicts and markers are there, only the math typesetting degrades.
        io.stderr(`gmm-check: warning: ${errorMessage(err)}; the HTML report will lack KaTeX styles\n`);
      }
      return deps.renderReportPage(results, { katexCss, errors });
    }
    case 'text':
      return formatText(results, errors);
    case 'csv':
      return formatCsv(results, errors);
    case 'gradescope':
      return formatGradescope(results, errors);
  }
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
