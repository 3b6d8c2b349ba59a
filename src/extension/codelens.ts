// One CodeLens above each math block that has claims, summarising its steps
// ("✗ step 2 of 4 fails · ✓ 2 verified · ? 1 unchecked"); clicking it opens
// the derivation preview at that block. On a note with more than
// MAX_QUIET_LENSES blocks, only blocks with a failing or unchecked step get
// one: VS Code moves every lens of the editor on each keystroke (its CodeLens
// contribution updates each lens's view zone on every content change, and lays
// out every lens widget each frame), so 1,243 "✓ verified" lenses of a
// 7,320-line note cost tens of milliseconds of every key drawn.
import * as vscode from 'vscode';
import { claimsByRegion } from '../core/render/markers';
import type { Claim, NoteReport } from '../core/types';
import type { NoteChecker } from './checker';
import { isNote } from './checker';
import { lineStart } from './ranges';

export const REVEAL_IN_PREVIEW = 'gmmCheck.revealInPreview';

/** The lens title of a block's claims. */
export function lensTitle(claims: readonly Claim[]): string {
  const n = claims.length;
  const failing = claims.flatMap((c, i) => (c.verdict === 'fail' ? [i + 1] : []));
  const passed = claims.filter((c) => c.verdict === 'pass').length;
  const unchecked = claims.filter((c) => c.verdict === 'unchecked').length;
  const parts: string[] = [];
  const broken = claims.filter((c) => c.brokenFormula).length;
  if (broken > 0) parts.push('✗ broken formula (see Problems)');
  if (failing.length === 1) parts.push(`✗ step ${failing[0]} of ${n} fails`);
  else if (failing.length > 1) parts.push(`✗ steps ${failing.join(', ')} of ${n} fail`);
  if (passed > 0) parts.push(failing.length || unchecked ? `✓ ${passed} verified` : `✓ ${passed} step${passed === 1 ? '' : 's'} verified`);
  if (unchecked - broken > 0) parts.push(`? ${unchecked - broken} unchecked`);
  return parts.join(' · ');
}

/**
 * Above this many lenses, blocks whose steps all pass get none (the status bar
 * and the preview still count them): the lenses left are those that ask for
 * attention. Below it every block with steps has its lens, as before.
 */
export const MAX_QUIET_LENSES = 200;

/** The note's lenses: the line (1-based) and title of each block that gets one. */
export function blockLenses(report: NoteReport): { line: number; title: string }[] {
  const out: { line: number; title: string; quiet: boolean }[] = [];
  for (const [index, claims] of claimsByRegion(report)) {
    const region = report.regions[index];
    // Inline formulas in prose get a lens only when something in them is wrong:
    // a "✓ 1 step verified" above every sentence with a `$…$` is noise.
    if (region && !region.display && !claims.some((c) => c.verdict === 'fail' || c.brokenFormula)) continue;
    out.push({ line: region?.line ?? claims[0]!.line, title: lensTitle(claims), quiet: claims.every((c) => c.verdict === 'pass') });
  }
  const shown = out.length > MAX_QUIET_LENSES ? out.filter((l) => !l.quiet) : out;
  return shown.map(({ line, title }) => ({ line, title }));
}

/** What a set of lenses shows, to tell whether the workbench has it already. */
function lensesSignature(lenses: readonly { line: number; title: string }[]): string {
  return JSON.stringify(lenses.map((l) => [l.line, l.title]));
}

export class VerdictLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  /**
   * Per note, the lenses (line and title) the workbench last got from provideCodeLenses: a
   * result with the same lenses does not announce a change. While the user types most
   * results repeat the last one, and each announcement makes the workbench ask for the
   * lenses and lay them out again, on the thread that draws the keys (it asks by itself
   * after an edit anyway). What was served, not what was announced: an editor opened on
   * the note after its results were dropped (settings changed) got no lenses, and a
   * result with the lenses announced before must still announce them.
   */
  private readonly served = new Map<string, string>();

  constructor(private readonly checker: NoteChecker) {
    this.subscriptions = [
      checker.onDidCheck((result) => {
        const key = result.uri.toString();
        const lenses = lensesSignature(result.report ? blockLenses(result.report) : []);
        if (this.served.get(key) === lenses) return;
        // Until the workbench asks again, count these as what it has: one announcement per change.
        this.served.set(key, lenses);
        this.changed.fire();
      }),
      // A note opened again starts without lenses: its first result is announced whatever it shows.
      vscode.workspace.onDidCloseTextDocument((doc) => this.served.delete(doc.uri.toString())),
    ];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isNote(doc)) return [];
    // While the user types, the last report (a version or two old) keeps the
    // lenses in place instead of making them flicker away until the next check.
    const report = this.checker.latest(doc.uri)?.report;
    const lenses = report ? blockLenses(report) : [];
    this.served.set(doc.uri.toString(), lensesSignature(lenses));
    return lenses.map(({ line, title }) => {
      const at = lineStart(doc, line);
      return new vscode.CodeLens(new vscode.Range(at, at), {
        title,
        tooltip: 'Show this formula in the derivation preview',
        command: REVEAL_IN_PREVIEW,
        arguments: [doc.uri, at.line],
      });
    });
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
    this.changed.dispose();
  }
}
