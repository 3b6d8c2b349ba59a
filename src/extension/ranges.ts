// The one place where the core's UTF-16 offsets and 1-based lines become
// vscode.Range / vscode.Position (and back). The core's offsets index the
// note text exactly as `TextDocument.getText()` returns it, CRLF included.
import * as vscode from 'vscode';
import type { Claim, Span } from '../core/types';

export function spanToRange(doc: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
}

export function rangeToSpan(doc: vscode.TextDocument, range: vscode.Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

/** The whole relation of a claim: from its left-hand side to the end of its right-hand side. */
export function claimSpan(claim: Claim): Span {
  return {
    start: Math.min(claim.lhsSpan.start, claim.rhsSpan.start),
    end: Math.max(claim.lhsSpan.end, claim.rhsSpan.end),
  };
}

export function claimRange(doc: vscode.TextDocument, claim: Claim): vscode.Range {
  return spanToRange(doc, claimSpan(claim));
}

/** Range of the span blamed for a claim (the culprit of a broken chain, else the whole claim). */
export function culpritRange(doc: vscode.TextDocument, claim: Claim): vscode.Range {
  return spanToRange(doc, claim.culprit);
}

/** Start of a 1-based core line, clamped to the document (a report may be older than the text). */
export function lineStart(doc: vscode.TextDocument, line1: number): vscode.Position {
  const line = Math.min(Math.max(line1 - 1, 0), Math.max(doc.lineCount - 1, 0));
  return new vscode.Position(line, 0);
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
