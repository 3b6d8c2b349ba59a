// Runs inside the VS Code extension host (as `extensionTestsPath`, bundled by
// bench/vscode.ts): times the extension's activation, opens the long note with
// the cursor on the benchmark's edit point and opens the derivation preview,
// then waits (while bench/vscode.ts types in the browser) until told to finish.
// Talks to the driver through files: GMM_BENCH_OUT (JSON results, written when
// ready) and GMM_BENCH_DONE (created by the driver when it is through).
import * as fs from 'node:fs';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gmm-check.gmm-derivation-checker';

export async function run(): Promise<void> {
  const note = process.env.GMM_BENCH_NOTE ?? '';
  const out = process.env.GMM_BENCH_OUT ?? '';
  const done = process.env.GMM_BENCH_DONE ?? '';
  const marker = process.env.GMM_BENCH_MARKER ?? '';
  const result: Record<string, unknown> = { vscode: vscode.version, node: process.version };
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
    result.wasActive = ext.isActive;
    // No markdown file is open yet, so nothing has activated the extension: this is its whole activation.
    const t0 = performance.now();
    await ext.activate();
    result.activationMs = performance.now() - t0;

    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(note));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const at = doc.getText().indexOf(marker);
    if (at < 0) throw new Error(`marker ${JSON.stringify(marker)} not in the note`);
    const pos = doc.positionAt(at + marker.length);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    const t1 = performance.now();
    await vscode.commands.executeCommand('gmmCheck.openPreview');
    result.openPreviewCommandMs = performance.now() - t1;
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  fs.writeFileSync(out, JSON.stringify(result));
  // The webview may take the focus when it loads: on request (GMM_BENCH_FOCUS appears),
  // give it back to the editor, cursor at the edit point.
  const focus = process.env.GMM_BENCH_FOCUS ?? '';
  const deadline = Date.now() + 10 * 60_000;
  while (!fs.existsSync(done) && Date.now() < deadline) {
    if (fs.existsSync(focus)) {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === note);
      if (editor) {
        const pos = editor.document.positionAt(editor.document.getText().indexOf(marker) + marker.length);
        await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
        editor.selection = new vscode.Selection(pos, pos);
      }
      fs.rmSync(focus, { force: true });
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
