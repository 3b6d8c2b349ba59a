// Extension entry point: builds the services and registers them in one place
// (everything goes into context.subscriptions), registers the commands, and
// returns `extendMarkdownIt` so VS Code's own markdown preview shows the
// same ✓/✗/? markers as the derivation preview.
import * as vscode from 'vscode';
import { markerPlugin, type Markdown } from '../core/render/markers';
import type { NoteReport, Span } from '../core/types';
import { NoteChecker, isNote, readCheckOn } from './checker';
import { readAliases } from './aliases';
import { REVEAL_IN_PREVIEW, VerdictLensProvider } from './codelens';
import { DiagnosticsPublisher } from './diagnostics';
import { VerdictHoverProvider } from './hover';
import { PreviewManager } from './preview';
import { rangeToSpan } from './ranges';
import { VerdictStatusBar } from './statusBar';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

export interface GmmCheckApi {
  extendMarkdownIt(md: Markdown): Markdown;
}

/**
 * The report VS Code's own Markdown preview shows markers from, as the
 * settings say: none when `gmmCheck.markdownPreview` is `off`; with `checkOn`
 * = `command`, only for a note the command (or a preview) has checked, at the
 * text it checked; in `auto` (the default), only for notes with GMM math the
 * checker could check (a physics note with `E = mc^2` gets no "?" at all).
 */
export function builtinPreviewReport(checker: NoteChecker, src: string): NoteReport | undefined {
  const mode = vscode.workspace.getConfiguration('gmmCheck').get<string>('markdownPreview', 'auto');
  if (mode === 'off') return undefined;
  let report: NoteReport | undefined;
  if (readCheckOn() === 'command') {
    report = checker.allResults().find((r) => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === r.uri.toString());
      return doc !== undefined && doc.version === r.version && doc.getText() === src;
    })?.report;
  } else {
    report = checker.reportForText(src);
  }
  if (!report) return undefined;
  if (mode !== 'always' && !report.claims.some((c) => c.verdict !== 'unchecked')) return undefined;
  return report;
}

/** Entries of `gmmCheck.aliases` that mean nothing: to the output channel, and one warning. */
function reportAliasProblems(log: vscode.OutputChannel): void {
  const { problems } = readAliases(vscode.workspace.getConfiguration('gmmCheck').get<unknown>('aliases'));
  if (problems.length === 0) return;
  for (const p of problems) log.appendLine(`gmmCheck.aliases: ${p}`);
  void vscode.window.showWarningMessage(
    `GMM Check: ${problems.length} entr${problems.length === 1 ? 'y' : 'ies'} of gmmCheck.aliases ignored: ${problems[0]}`, 'Show Log')
    .then((choice) => { if (choice) log.show(true); });
}

/** The markdown note a command applies to: the given one, else the active editor's. */
async function targetNote(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  const doc = vscode.window.activeTextEditor?.document;
  return doc && isNote(doc) ? doc : undefined;
}

/** The checker and everything that shows its results outside the preview. */
export interface NoteServices {
  checker: NoteChecker;
  diagnostics: DiagnosticsPublisher;
  lenses: VerdictLensProvider;
  statusBar: VerdictStatusBar;
}

/**
 * Builds the checker and its listeners, and only then checks the notes
 * already open: the note whose opening activated the extension must reach
 * the Problems panel like any later one.
 */
export function createNoteServices(log: vscode.OutputChannel): NoteServices {
  const checker = new NoteChecker(log);
  const services = {
    checker,
    diagnostics: new DiagnosticsPublisher(checker),
    lenses: new VerdictLensProvider(checker),
    statusBar: new VerdictStatusBar(checker),
  };
  checker.start();
  return services;
}

export function activate(context: vscode.ExtensionContext): GmmCheckApi {
  const log = vscode.window.createOutputChannel('GMM Check');
  const { checker, diagnostics, lenses, statusBar } = createNoteServices(log);
  const previews = new PreviewManager(context.extensionUri, checker);

  const checkGradient = async (uri?: unknown): Promise<NoteReport | undefined> => {
    const doc = await targetNote(uri);
    if (!doc) {
      void vscode.window.showWarningMessage('GMM Check: open a markdown note to check.');
      return undefined;
    }
    const result = await checker.check(doc);
    // With a selection, only the claims inside it are reported (the whole note
    // is still checked, since the selection may use the note's definitions).
    const editor = vscode.window.activeTextEditor;
    const within: Span[] | undefined = editor && editor.document === doc && editor.selections.some((s) => !s.isEmpty)
      ? editor.selections.filter((s) => !s.isEmpty).map((s) => rangeToSpan(doc, s))
      : undefined;
    diagnostics.publishResult(result, within);
    previews.show(doc, { preserveFocus: true });
    return result.report;
  };

  log.appendLine(`GMM Check ${String((context.extension.packageJSON as { version?: unknown }).version ?? '')} activated; checkOn = ${readCheckOn()}`);
  reportAliasProblems(log);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('gmmCheck')) return;
      log.appendLine('settings changed: checking open notes again');
      if (e.affectsConfiguration('gmmCheck.aliases')) reportAliasProblems(log);
      // VS Code's own preview does not re-render on our settings by itself.
      void vscode.commands.executeCommand('markdown.preview.refresh');
    }),
    checker.onDidCheck((r) => {
      if (r.partial) return;
      const s = r.report?.summary;
      log.appendLine(`${new Date().toISOString().slice(11, 19)} checked ${vscode.workspace.asRelativePath(r.uri)} (version ${r.version}): ` +
        (s ? `✓ ${s.pass} ✗ ${s.fail} ? ${s.unchecked}${r.report!.issues.length ? `, ${r.report!.issues.length} note issue(s)` : ''}` : 'checker crashed'));
    }),
    log, checker, diagnostics, lenses, previews, statusBar,
    vscode.languages.registerCodeLensProvider(MARKDOWN, lenses),
    vscode.languages.registerHoverProvider(MARKDOWN, new VerdictHoverProvider(checker)),
    vscode.commands.registerCommand('gmmCheck.checkGradient', checkGradient),
    vscode.commands.registerCommand('gmmCheck.openPreview', async (uri?: unknown) => {
      const doc = await targetNote(uri);
      if (!doc) {
        void vscode.window.showWarningMessage('GMM Check: open a markdown note to preview.');
        return;
      }
      const editor = vscode.window.activeTextEditor;
      const line = editor?.document === doc ? editor.visibleRanges[0]?.start.line : undefined;
      previews.show(doc, { line, preserveFocus: true });
    }),
    vscode.commands.registerCommand('gmmCheck.togglePreviewLock', () => {
      const locked = previews.toggleLock();
      if (locked === undefined) void vscode.window.showInformationMessage('GMM Check: no derivation preview is open.');
      return locked;
    }),
    vscode.commands.registerCommand(REVEAL_IN_PREVIEW, async (uri: unknown, line: unknown) => {
      const doc = await targetNote(uri);
      if (doc) previews.show(doc, { line: typeof line === 'number' ? line : undefined, preserveFocus: true });
    }),
  );

  return {
    // VS Code's preview hands its plugins the text only; the checker caches reports by text.
    extendMarkdownIt(md: Markdown): Markdown {
      markerPlugin(md, (src) => builtinPreviewReport(checker, src), { builtin: true });
      return md;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
