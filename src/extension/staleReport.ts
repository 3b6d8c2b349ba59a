// A report of an older text carried over to the newer text of the same note,
// for the one place that cannot wait for the worker: VS Code's built-in
// Markdown preview calls its markdown-it plugins synchronously with the text
// only. Between a keystroke and the worker's result for it, the plugin shows
// the last result moved over the edit: the texts' common prefix and suffix
// bound the edited range, formulas before it keep their place, formulas after
// it shift by the edit's length and line count, and formulas the edit touched
// lose their markers until the new result comes (then the preview is
// refreshed). No `vscode` import: unit-tested on plain strings.
import type { Claim, MathRegion, NoteIssue, NoteReport, Span } from '../core/types';

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** The report of `oldText` with spans and lines moved to `newText`; claims of formulas the edit touched are dropped. */
export function carryReport(report: NoteReport, oldText: string, newText: string): NoteReport {
  if (oldText === newText) return report;
  const n = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < n && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < n - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  // The edit replaced oldText[prefix, oldEnd) by newText[prefix, newText.length - suffix).
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;
  const lineDelta = countNewlines(newText, prefix, newText.length - suffix) - countNewlines(oldText, prefix, oldEnd);
  // A span touching the edit (or merely adjacent: typing right after `$` changes the formula) is stale.
  const before = (s: Span) => s.end < prefix;
  const after = (s: Span) => s.start > oldEnd;
  const move = (s: Span): Span => ({ start: s.start + delta, end: s.end + delta });

  const touched = new Set<number>();
  const regions: MathRegion[] = report.regions.map((r) => {
    if (before(r.span)) return r;
    if (after(r.span)) return { ...r, span: move(r.span), content: move(r.content), line: r.line + lineDelta, endLine: r.endLine + lineDelta };
    touched.add(r.index);
    return r;
  });
  const claims: Claim[] = [];
  for (const c of report.claims) {
    if (touched.has(c.regionIndex)) continue;
    const region = report.regions[c.regionIndex];
    if (!region || before(region.span)) claims.push(c);
    else claims.push({
      ...c, line: c.line + lineDelta, endLine: c.endLine + lineDelta,
      lhsSpan: move(c.lhsSpan), rhsSpan: move(c.rhsSpan), culprit: move(c.culprit),
      ...(c.culpritAt ? { culpritAt: { ...c.culpritAt, line: c.culpritAt.line + lineDelta, endLine: c.culpritAt.endLine + lineDelta } } : {}),
    });
  }
  const issues: NoteIssue[] = [];
  for (const i of report.issues) {
    if (before(i.span)) issues.push(i);
    else if (after(i.span)) issues.push({ ...i, span: move(i.span), line: i.line + lineDelta });
  }
  const summary = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  return { ...report, regions, claims, issues, summary };
}
