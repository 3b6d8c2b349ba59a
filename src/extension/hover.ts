// Hover over a checked relation: its verdict and the checker's message, which
// for a failing step already leads with what is wrong and how to fix it and
// ends with the evidence (math in Unicode, see src/core/render/unicode.ts),
// then how the note's symbols that the step uses were read ("Read as: …").
import * as vscode from 'vscode';
import { claimReading } from '../core/render/markers';
import type { Claim, NoteReport } from '../core/types';
import type { NoteChecker } from './checker';
import { claimSpan } from './ranges';

const HEADING: Record<Claim['verdict'], string> = {
  pass: '✓ passes',
  fail: '✗ fails',
  unchecked: '? unchecked',
};

/** The hover of a claim; with the note's reading, one line saying how the symbols the step uses were read. */
export function hoverMarkdown(claim: Claim, reading?: NoteReport['reading']): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.appendMarkdown(`**GMM Check: ${HEADING[claim.verdict]}** (${claim.kind}`);
  if (claim.reason) md.appendMarkdown(`, ${claim.reason}`);
  md.appendMarkdown(')\n\n');
  md.appendText(claim.message);
  // A cause the message does not already say (the message leads with it when there is one).
  if (claim.cause && !claim.message.toLowerCase().includes(claim.cause.toLowerCase())) {
    md.appendMarkdown('\n\n*Likely cause:* ');
    md.appendText(claim.cause);
  }
  if (claim.values && claim.kind === 'numeric') {
    // A worked example's number: what the note printed beside the exact value at its instance.
    md.appendMarkdown('\n\nPrinted and exact:\n\n');
    md.appendCodeblock(`printed = ${claim.values.lhs}\nexact   = ${claim.values.rhs}\nat ${claim.values.at}`, 'text');
  } else if (claim.values && claim.verdict === 'pass') {
    md.appendMarkdown('\n\nLargest difference seen:\n\n');
    md.appendCodeblock(`left  = ${claim.values.lhs}\nright = ${claim.values.rhs}\nat ${claim.values.at}`, 'text');
  }
  // A ✗ or ? may come from how a symbol was read (weights, index order…): say how, so a misreading shows.
  const read = reading && claimReading(reading, claim);
  if (read) {
    md.appendMarkdown('\n\n*Read as:* ');
    md.appendText(read);
  }
  return md;
}

export class VerdictHoverProvider implements vscode.HoverProvider {
  constructor(private readonly checker: NoteChecker) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    // Only a report of this very version has offsets that match the text under the mouse.
    const report = this.checker.current(doc)?.report;
    if (!report) return undefined;
    const offset = doc.offsetAt(position);
    // The innermost relation under the mouse: the shortest claim span containing it.
    let best: Claim | undefined;
    for (const c of report.claims) {
      const s = claimSpan(c);
      if (offset < s.start || offset > s.end) continue;
      if (!best || s.end - s.start < claimSpan(best).end - claimSpan(best).start) best = c;
    }
    if (!best) return undefined;
    const s = claimSpan(best);
    return new vscode.Hover(hoverMarkdown(best, report.reading), new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end)));
  }
}
