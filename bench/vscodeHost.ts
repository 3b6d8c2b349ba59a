// Runs inside the VS Code extension host (as `extensionTestsPath`, bundled by
// bench/vscode.ts). Talks to the driver through files in GMM_BENCH_DIR:
//   host-1.json  written when phase 1 is ready: activation, open → first
//                diagnostics of every seed note, then the benchmark note open
//                with the cursor on the edit point and VS Code's built-in
//                Markdown preview beside it (our markers switched off there);
//   next         created by the driver: close the built-in preview, open the
//                derivation preview (phase 2), then write host-2.json;
//   focus        created by the driver: give the focus back to the editor;
//   done         created by the driver when it is through.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'gmm-check.gmm-derivation-checker';
/** The source of the checker's diagnostics (src/extension/diagnostics.ts; the host is bundled on its own). */
const DIAGNOSTIC_SOURCE = 'GMM Check';

function waitFor<T>(what: string, ms: number, probe: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const tick = () => {
      const v = probe();
      if (v !== undefined) return resolve(v);
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

/**
 * Open a note → the first diagnostics event for it that is ours: after it the note has
 * diagnostics of ours, or (a note whose result has none: an empty set is published too)
 * lenses of ours. Any event was counted before, but VS Code's markdown language server
 * publishes (empty) diagnostics of its own for a note it opens: runs counted that event,
 * before our result. The lenses are asked for right after the event; a result that comes
 * in between counts from the earlier event (off by that query's few milliseconds).
 */
/**
 * Where an open → first diagnostics went (ms from the openTextDocument call). `settled`: the
 * last change of our diagnostics of the note before they stayed the same for SETTLE_MS (a
 * note's first check shows its results so far first: this is when Problems are complete).
 */
interface OpenTimes { total: number; opened: number; event: number; shown: number; settled: number }

/** Quiet time after which a note's diagnostics count as complete. */
const SETTLE_MS = 3000;

async function openToDiagnostics(file: string): Promise<OpenTimes> {
  const uri = vscode.Uri.file(file);
  let seen: number | undefined;
  let lastChange: number | undefined;
  let lastSig = '';
  // The open event reaches the extension's listener (which posts the check) just before this one.
  let opened: number | undefined;
  const onOpen = vscode.workspace.onDidOpenTextDocument((d) => { if (opened === undefined && d.uri.toString() === uri.toString()) opened = performance.now(); });
  const ours = () => vscode.languages.getDiagnostics(uri).some((d) => d.source === DIAGNOSTIC_SOURCE);
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (!e.uris.some((u) => u.toString() === uri.toString())) return;
    const at = performance.now();
    // Only a change of ours counts (the markdown language server publishes its own for the note too).
    const sig = JSON.stringify(vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => [d.range.start.line, d.message]));
    if (ours() && sig !== lastSig) {
      lastChange = at;
      lastSig = sig;
    }
    if (seen !== undefined) return;
    if (ours()) {
      seen = at;
      return;
    }
    void vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri).then((lenses) => {
      if (seen === undefined && (lenses ?? []).some((l) => /[✓✗?]/.test(l.command?.title ?? ''))) seen = at;
    });
  });
  try {
    const t0 = performance.now();
    const doc = await vscode.workspace.openTextDocument(uri);
    const tDoc = performance.now();
    await vscode.window.showTextDocument(doc, { preview: false });
    const tShown = performance.now();
    // No event of ours within the time: NaN, not a failure.
    const t1 = await waitFor(`diagnostics of ${path.basename(file)}`, 20_000, () => seen).catch(() => NaN);
    await waitFor('the diagnostics to settle', 30_000, () => (performance.now() - (lastChange ?? seen ?? t0) > SETTLE_MS ? true : undefined)).catch(() => undefined);
    return { total: t1 - t0, opened: tDoc - t0, event: (opened ?? NaN) - t0, shown: tShown - t0, settled: (lastChange ?? seen ?? NaN) - t0 };
  } finally {
    sub.dispose();
    onOpen.dispose();
  }
}

async function putCursor(note: string, marker: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(note));
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  const at = doc.getText().indexOf(marker);
  if (at < 0) throw new Error(`marker ${JSON.stringify(marker)} not in the note`);
  const pos = doc.positionAt(at + marker.length);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
}

export async function run(): Promise<void> {
  const dir = process.env.GMM_BENCH_DIR ?? '';
  const note = process.env.GMM_BENCH_NOTE ?? '';
  const marker = process.env.GMM_BENCH_MARKER ?? '';
  const seeds = (process.env.GMM_BENCH_SEEDS ?? '').split(path.delimiter).filter(Boolean);
  const file = (name: string) => path.join(dir, name);
  const result: Record<string, unknown> = { vscode: vscode.version, node: process.version };
  const cfg = () => vscode.workspace.getConfiguration('gmmCheck');
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
    result.wasActive = ext.isActive;
    // No markdown file is open yet, so nothing has activated the extension: this is its whole activation.
    const t0 = performance.now();
    await ext.activate();
    result.activationMs = performance.now() - t0;
    const firstDiagnostics: Record<string, number> = {};
    const openTimes: Record<string, OpenTimes> = {};
    for (const s of seeds) {
      const t = await openToDiagnostics(s);
      firstDiagnostics[path.basename(s)] = t.total;
      openTimes[path.basename(s)] = t;
    }
    result.firstDiagnosticsMs = firstDiagnostics;
    result.openTimesMs = openTimes;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // Phase 1: the built-in preview of the same note, without our markers (the setting exists when it is declared).
    const hasSetting = cfg().inspect('markdownPreview') !== undefined;
    result.builtinWithoutMarkers = hasSetting;
    if (hasSetting) await cfg().update('markdownPreview', 'off', vscode.ConfigurationTarget.Global);
    await putCursor(note, marker);
    await vscode.commands.executeCommand('markdown.showPreviewToSide');
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
  } catch (e) {
    result.error = e instanceof Error ? e.message : String(e);
  }
  fs.writeFileSync(file('host-1.json'), JSON.stringify(result));

  const deadline = Date.now() + 10 * 60_000;
  let phase2 = false;
  while (!fs.existsSync(file('done')) && Date.now() < deadline) {
    if (!phase2 && fs.existsSync(file('next'))) {
      phase2 = true;
      const r2: Record<string, unknown> = {};
      try {
        // Close the built-in preview (everything but the note), then open ours.
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        if (result.builtinWithoutMarkers === true) await cfg().update('markdownPreview', undefined, vscode.ConfigurationTarget.Global);
        await putCursor(note, marker);
        const t1 = performance.now();
        await vscode.commands.executeCommand('gmmCheck.openPreview');
        r2.openPreviewCommandMs = performance.now() - t1;
        await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
      } catch (e) {
        r2.error = e instanceof Error ? e.message : String(e);
      }
      fs.writeFileSync(file('host-2.json'), JSON.stringify(r2));
    }
    if (fs.existsSync(file('focus'))) {
      // The webview may take the focus when it loads: give it back to the editor, cursor at the edit point.
      await putCursor(note, marker).catch(() => undefined);
      fs.rmSync(file('focus'), { force: true });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
