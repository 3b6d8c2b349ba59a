// Puts the checker's verdicts into the Problems panel: a failing claim is an
// Error on the span it blames, a broken formula an Error where it breaks, an
// unchecked claim a Hint (or Information, by setting) saying why, a note
// issue (e.g. an unterminated `$$`) an Error/Warning/Information. Passing
// claims add nothing. Diagnostics follow every check (so a fixed step loses
// its diagnostic) and go away when the note is closed.
import * as vscode from 'vscode';
import type { Claim, NoteIssue, NoteReport, Span } from '../core/types';
import { isDomainStatement } from '../core/render/markers';
import type { CheckResult, NoteChecker } from './checker';
import { claimSpan, culpritRange, spanToRange, spansOverlap } from './ranges';

export const DIAGNOSTIC_SOURCE = 'GMM Check';

const ISSUE_SEVERITY: Record<NoteIssue['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** How unchecked steps appear in Problems (`gmmCheck.uncheckedInProblems`). */
export type UncheckedSeverity = 'hint' | 'information';

export function readUncheckedSeverity(): UncheckedSeverity {
  return vscode.workspace.getConfiguration('gmmCheck').get<string>('uncheckedInProblems') === 'information' ? 'information' : 'hint';
}

/**
 * The diagnostic of a claim: an Error at the culprit of a failing step; an
 * Error at the exact place a formula breaks when it is not valid LaTeX at all
 * (KaTeX cannot render it either: the note is wrong as written, and Problems
 * is where a student looks for that — the JSON still says `unchecked`,
 * `parse-error`, since nothing in it was checked); other unchecked steps as
 * Hints, or Information when the setting asks to list them.
 */
export function claimDiagnostic(doc: vscode.TextDocument, claim: Claim, unchecked: UncheckedSeverity = 'hint'): vscode.Diagnostic | undefined {
  if (claim.verdict === 'pass') return undefined;
  if (claim.verdict === 'fail') {
    const d = new vscode.Diagnostic(culpritRange(doc, claim), claim.message, vscode.DiagnosticSeverity.Error);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = claim.kind;
    return d;
  }
  if (claim.brokenFormula) {
    const d = new vscode.Diagnostic(culpritRange(doc, claim), claim.message, vscode.DiagnosticSeverity.Error);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = 'parse-error';
    return d;
  }
  const why = claim.reason ? `unchecked (${claim.reason})` : 'unchecked';
  const severity = unchecked === 'information' ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Hint;
  const d = new vscode.Diagnostic(spanToRange(doc, claimSpan(claim)), `${why}: ${claim.message}`, severity);
  d.source = DIAGNOSTIC_SOURCE;
  if (claim.reason) d.code = claim.reason;
  return d;
}

/** Diagnostics for a report; with `within`, only claims overlapping one of those spans (a selection). */
export function reportDiagnostics(doc: vscode.TextDocument, report: NoteReport, within?: readonly Span[]): vscode.Diagnostic[] {
  const inside = (span: Span) => !within || within.some((w) => spansOverlap(span, w));
  const out: vscode.Diagnostic[] = [];
  const unchecked = readUncheckedSeverity();
  for (const claim of report.claims) {
    if (!inside(claimSpan(claim)) || isDomainStatement(claim)) continue;
    const d = claimDiagnostic(doc, claim, unchecked);
    if (d) out.push(d);
  }
  for (const issue of report.issues) {
    if (!inside(issue.span)) continue;
    const d = new vscode.Diagnostic(spanToRange(doc, issue.span), issue.message, ISSUE_SEVERITY[issue.severity]);
    d.source = DIAGNOSTIC_SOURCE;
    out.push(d);
  }
  return out;
}

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('gmmCheck');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /**
   * Per note, what was published last: the same diagnostics are not sent again. While the
   * user types, most results repeat the last one, and each set makes the workbench redo
   * the note's markers (squiggles, Problems) on the thread that draws the keys.
   */
  private readonly published = new Map<string, string>();

  constructor(checker: NoteChecker) {
    this.disposables.push(
      checker.onDidCheck((result) => this.publishResult(result)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.collection.delete(doc.uri);
        this.published.delete(doc.uri.toString());
      }),
    );
    // Results of checks that ran before this publisher listened (they are announced only once).
    for (const result of checker.allResults()) this.publishResult(result);
  }

  /** The note's diagnostics as published (for tests). */
  diagnosticsFor(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  /** Replaces the note's diagnostics with those of `result` (only claims within `within`, if given). */
  publishResult(result: CheckResult, within?: readonly Span[]): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri.toString());
    // A result for an older version would put ranges on the wrong text; the newer check will publish.
    if (!doc || doc.version !== result.version) return;
    if (result.error !== undefined) {
      const firstLine = result.error.split('\n')[0] ?? result.error;
      const d = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
        `The checker crashed on this note, so nothing in it was checked: ${firstLine}`, vscode.DiagnosticSeverity.Error);
      d.source = DIAGNOSTIC_SOURCE;
      this.set(doc.uri, [d]);
      return;
    }
    if (result.report) this.set(doc.uri, reportDiagnostics(doc, result.report, within));
  }

  /** Sets the note's diagnostics unless they are those published last (the first set of a note is always sent). */
  private set(uri: vscode.Uri, diagnostics: vscode.Diagnostic[]): void {
    const key = uri.toString();
    const signature = JSON.stringify(diagnostics.map((d) => [
      d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.message, d.source, String(d.code),
    ]));
    if (this.published.get(key) === signature) return;
    this.published.set(key, signature);
    this.collection.set(uri, diagnostics);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
