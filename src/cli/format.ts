// The CLI's report formats: text for people, the JSON document of the CLI
// contract (DESIGN.md) for tools, and the KaTeX stylesheet the HTML report
// needs. Formatting is pure (results in, string out) so every format is
// unit-tested without running the checker; only loadKatexCss reads files.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { claimPlace } from '../core/render/markers';
import type { Claim, NoteIssue, NoteReport, NoteSummary } from '../core/types';

/** A note that was read and checked. */
export interface CheckedFile {
  /** As given on the command line or found in a folder. */
  path: string;
  text: string;
  report: NoteReport;
}

/** A path that could not be read, or a note the checker could not finish. */
export interface FileError {
  path: string;
  message: string;
}

// ---------------------------------------------------------------- JSON

/**
 * The contract's fields of a claim (DESIGN.md), plus `cause` when the checker
 * names one, `values` (the evidence of a failing claim: both sides' values
 * and the sample point in parameter values) so that `message` stays plain text,
 * and `culprit` (the lines of the expression to blame).
 */
export type JsonClaim = Pick<Claim, 'line' | 'endLine' | 'column' | 'kind' | 'lhs' | 'rhs' | 'verdict' | 'reason' | 'message' | 'cause' | 'values'>
  & { culprit?: NonNullable<Claim['culpritAt']> };

export type JsonIssue = Pick<NoteIssue, 'severity' | 'line' | 'message'>;

export interface JsonFile {
  path: string;
  claims: JsonClaim[];
  summary: NoteSummary;
  /** Extra field: what the checker assumed about the model (K, D and why). */
  model: NoteReport['model'];
  /** Extra field: problems with the note that are not claims (e.g. an unterminated `$$`). */
  issues: JsonIssue[];
  /** How the note was read: which symbol plays which role, and why (DESIGN.md); `text` is `description` in Unicode. */
  reading: Omit<NoteReport['reading'], 'parts'>;
}

export interface JsonReport {
  version: 1;
  files: JsonFile[];
  /** Extra field: paths that could not be read or checked (they make the exit status 2). */
  errors: FileError[];
}

/** The JSON document of the CLI contract, as an object. */
export function toJsonReport(results: readonly CheckedFile[], errors: readonly FileError[] = []): JsonReport {
  return {
    version: 1,
    files: results.map((r) => ({
      path: r.path,
      claims: r.report.claims.map(toJsonClaim),
      summary: summarize(r.report.claims),
      model: r.report.model,
      issues: r.report.issues.map((i) => ({ severity: i.severity, line: i.line, message: i.message })),
      // The pieces are for the editor's hovers; the JSON keeps the reading's data and its two summaries.
      reading: jsonReading(r.report.reading),
    })),
    errors: errors.map((e) => ({ path: e.path, message: e.message })),
  };
}

function jsonReading(reading: NoteReport['reading']): JsonFile['reading'] {
  const { parts: _parts, ...rest } = reading;
  return rest;
}

/** Exactly one JSON document, newline-terminated. */
export function formatJson(results: readonly CheckedFile[], errors: readonly FileError[] = []): string {
  return JSON.stringify(toJsonReport(results, errors), null, 2) + '\n';
}

function toJsonClaim(c: Claim): JsonClaim {
  const out: JsonClaim = {
    line: c.line,
    endLine: c.endLine,
    column: c.column,
    kind: c.kind,
    lhs: c.lhs,
    rhs: c.rhs,
    verdict: c.verdict,
    // The contract says reason is null exactly when the claim was checked;
    // enforce it here so a checker slip cannot break downstream tools.
    reason: c.verdict === 'unchecked' ? (c.reason ?? 'unsupported') : null,
    message: c.message,
  };
  if (c.cause !== undefined && c.cause !== '') out.cause = c.cause;
  if (c.verdict === 'fail' && c.culpritAt) out.culprit = { ...c.culpritAt };
  if (c.verdict === 'fail' && c.values) out.values = { ...c.values };
  return out;
}

/**
 * Counts recomputed from the claims rather than copied from the report, so
 * the summary, the listed claims and the exit status can never disagree.
 */
export function summarize(claims: readonly Claim[]): NoteSummary {
  const s: NoteSummary = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of claims) s[c.verdict]++;
  return s;
}

// ---------------------------------------------------------------- text

const MAX_SOURCE = 120;

/**
 * The report for people. Per file: the failing claims first (the thing to
 * fix), each as `path:line:col ✗ message` with its source below, then notes
 * about the file, then the unchecked claims one line each, then a summary
 * line; a total line ends the report. Columns are printed 1-based, as
 * editors and terminals expect in `path:line:col` links (JSON keeps the
 * contract's 0-based column).
 */
export function formatText(results: readonly CheckedFile[], errors: readonly FileError[] = []): string {
  const report = new TextReport();
  return results.map((r) => report.file(r)).join('') + report.total(results, errors);
}

/**
 * formatText in pieces, so the CLI can print each note's part as soon as it is
 * checked (a note that takes long, or a crash, never costs the earlier ones).
 * Every line goes through `terminalSafe`: a note or a file name cannot send
 * escape sequences to the terminal.
 */
export class TextReport {
  private lastBlank = true;

  /** The lines for one checked note. */
  file(r: CheckedFile): string {
    const lines: string[] = [];
    const claims = [...r.report.claims].sort(byPosition);
    for (const c of claims) {
      if (c.verdict !== 'fail') continue;
      const cause = extraCause(c) ? ` (likely cause: ${extraCause(c)})` : '';
      lines.push(`${where(r.path, c)} ✗ ${c.message}${cause}`);
      lines.push(`    ${shorten(`${c.lhs} ${c.relation || '='} ${c.rhs}`)}`);
    }
    for (const i of [...r.report.issues].sort((a, b) => a.line - b.line)) {
      lines.push(`${r.path}:${i.line} ${i.severity}: ${i.message}`);
    }
    for (const c of claims) {
      if (c.verdict !== 'unchecked') continue;
      lines.push(`${where(r.path, c)} ? unchecked (${c.reason ?? 'unsupported'}): ${shorten(c.message)}`);
    }
    lines.push(`${r.path}: ${counts(summarize(r.report.claims))} (model: ${r.report.model.description})`);
    if (r.report.reading.symbols.length || r.report.reading.ambiguous.length) lines.push(`${r.path}: read as: ${r.report.reading.text}`);
    // A file with details gets blank lines around it; clean files stay one
    // summary line each, so a folder of good notes reads as a short list.
    const detailed = lines.length > 1;
    const out: string[] = [];
    if (detailed && !this.lastBlank) out.push('');
    out.push(...lines);
    if (detailed) out.push('');
    return this.emit(out);
  }

  /** The total line that ends the report. */
  total(results: readonly CheckedFile[], errors: readonly FileError[] = []): string {
    const total: NoteSummary = { pass: 0, fail: 0, unchecked: 0 };
    for (const r of results) {
      const s = summarize(r.report.claims);
      total.pass += s.pass;
      total.fail += s.fail;
      total.unchecked += s.unchecked;
    }
    // Errors were already printed on stderr as they happened; the total line
    // repeats their count so a report written with --output is not misleading.
    const failed = errors.length > 0 ? `; ${plural(errors.length, 'path')} could not be checked` : '';
    const out: string[] = [];
    if (!this.lastBlank) out.push('');
    out.push(`total: ${plural(results.length, 'file')}, ${counts(total)}${failed}`);
    return this.emit(out);
  }

  private emit(lines: string[]): string {
    if (lines.length === 0) return '';
    this.lastBlank = lines[lines.length - 1] === '';
    return lines.map((l) => `${terminalSafe(l)}\n`).join('');
  }
}

/**
 * Text for a terminal: control characters (ESC, BEL, CR, the C1 range) and
 * bidirectional overrides, which could retitle or clear the terminal or hide
 * and reorder text, become U+FFFD. Tabs stay.
 */
export function terminalSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

/** `path:line:col` where the Problems panel shows the claim (a failing step at its culprit). */
function where(file: string, c: Claim): string {
  const at = claimPlace(c);
  return `${file}:${at.line}:${at.column + 1}`;
}

function byPosition(a: Claim, b: Claim): number {
  return a.line - b.line || a.column - b.column;
}

function counts(s: NoteSummary): string {
  return `${s.pass} pass, ${s.fail} fail, ${s.unchecked} unchecked`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line of at most `max` characters: multi-line LaTeX is flattened, a huge formula cut. */
export function shorten(s: string, max = MAX_SOURCE): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1) + '…';
}

/** A failing claim's likely cause when its message does not already say it, else ''. */
export function extraCause(c: Claim): string {
  return c.cause && !c.message.toLowerCase().includes(c.cause.toLowerCase()) ? c.cause : '';
}

// ---------------------------------------------------------------- HTML support

/**
 * KaTeX's stylesheet with its woff2 fonts inlined as data: URLs, so the HTML
 * report is one file that renders offline. Looks first in the media/ folder
 * the build copies next to dist/ (the installed bin), then in the katex
 * package (running from source).
 */
export function loadKatexCss(): string {
  const cssFile = katexCssFile();
  const fontDir = path.dirname(cssFile);
  return inlineKatexFonts(readFileSync(cssFile, 'utf8'), (rel) => {
    try {
      return readFileSync(path.join(fontDir, rel));
    } catch {
      return null;
    }
  });
}

/** KaTeX's katex.min.css (its fonts/ folder beside it): the media/ copy next to dist/, or the katex package. */
export function katexCssFile(): string {
  const candidates = [path.join(__dirname, '..', 'media', 'katex', 'katex.min.css')];
  try {
    candidates.push(require.resolve('katex/dist/katex.min.css'));
  } catch {
    // katex not resolvable from here: only the media/ copy can work.
  }
  const cssFile = candidates.find((f) => existsSync(f));
  if (cssFile === undefined) throw new Error(`KaTeX stylesheet not found (looked in ${candidates.join(', ')})`);
  return cssFile;
}

/**
 * Rewrite every `src:` list of an @font-face to a single woff2 data: URL.
 * woff and ttf are dropped: every browser that runs KaTeX reads woff2, and
 * inlining all three would triple the page. A font that cannot be read keeps
 * its relative URL (the browser falls back to a system font for it).
 */
export function inlineKatexFonts(css: string, readFont: (relativePath: string) => Buffer | null): string {
  return css.replace(/src:([^;}]*)/g, (whole, list: string) => {
    const woff2 = list.split(',').map((s) => s.trim()).find((s) => /\.woff2\b/.test(s));
    if (woff2 === undefined) return whole;
    const m = /url\((['"]?)([^'")]+)\1\)/.exec(woff2);
    if (m === null) return whole;
    const data = readFont(m[2]);
    if (data === null) return `src:${woff2}`;
    return `src:url(data:font/woff2;base64,${data.toString('base64')}) format("woff2")`;
  });
}
