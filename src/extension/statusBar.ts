// Status bar item with the totals of the active note ("GMM ✓ 12 ✗ 2 ? 5");
// clicking it runs the check. Hidden when the active editor is not markdown.
import * as vscode from 'vscode';
import { shownSummary } from '../core/render/markers';
import type { NoteChecker } from './checker';
import { isNote } from './checker';

export class VerdictStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gmmCheck.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly checker: NoteChecker) {
    this.item.name = 'GMM Check';
    this.item.command = 'gmmCheck.checkGradient';
    this.disposables.push(
      checker.onDidCheck(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  /** The note whose totals are shown: kept while a webview (e.g. its preview) has focus and no text editor is active. */
  private doc: vscode.TextDocument | undefined;

  private update(): void {
    const active = vscode.window.activeTextEditor?.document;
    if (active) this.doc = isNote(active) ? active : undefined;
    else if (this.doc?.isClosed) this.doc = undefined;
    const doc = this.doc;
    if (!doc) {
      if (this.shown !== null) this.item.hide();
      this.shown = null;
      return;
    }
    const result = this.checker.latest(doc.uri);
    let text: string, tooltip: string, background: string | undefined;
    if (!result) {
      text = 'GMM $(beaker)';
      tooltip = 'GMM Check: not checked yet. Click to check this note.';
    } else if (result.error !== undefined || !result.report) {
      text = 'GMM $(warning) crashed';
      tooltip = 'GMM Check crashed on this note (see the GMM Check output). Click to try again.';
      background = 'statusBarItem.warningBackground';
    } else {
      const { pass, fail, unchecked } = shownSummary(result.report);
      const soFar = result.partial;
      text = `GMM ✓ ${pass} ✗ ${fail} ? ${unchecked}${soFar ? ' $(sync~spin)' : ''}`;
      tooltip = soFar
        ? `GMM Check: checking the note; up to line ${soFar.checkedTo}: ${pass} passed, ${fail} failed, ${unchecked} unchecked.`
        : `GMM Check: ${pass} passed, ${fail} failed, ${unchecked} unchecked` +
          `${result.report.model.description ? ` (${result.report.model.description})` : ''}. Click to check again.`;
      if (fail > 0) background = 'statusBarItem.errorBackground';
    }
    // Each change of the item is sent to the workbench and redrawn there: only real changes are made.
    const shown = `${text}\u0000${tooltip}\u0000${background ?? ''}`;
    if (shown === this.shown) return;
    this.shown = shown;
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
    this.item.show();
  }

  /** Text, tooltip and background the item shows (null: hidden). */
  private shown: string | null = null;

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
