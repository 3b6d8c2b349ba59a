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
      this.item.hide();
      return;
    }
    const result = this.checker.latest(doc.uri);
    if (!result) {
      this.item.text = 'GMM $(beaker)';
      this.item.tooltip = 'GMM Check: not checked yet. Click to check this note.';
      this.item.backgroundColor = undefined;
    } else if (result.error !== undefined || !result.report) {
      this.item.text = 'GMM $(warning) crashed';
      this.item.tooltip = 'GMM Check crashed on this note (see the GMM Check output). Click to try again.';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      const { pass, fail, unchecked } = shownSummary(result.report);
      this.item.text = `GMM ✓ ${pass} ✗ ${fail} ? ${unchecked}`;
      this.item.tooltip = `GMM Check: ${pass} passed, ${fail} failed, ${unchecked} unchecked` +
        `${result.report.model.description ? ` (${result.report.model.description})` : ''}. Click to check again.`;
      this.item.backgroundColor = fail > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    }
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
