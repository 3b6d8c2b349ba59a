// Extension entry point: builds the services and registers them in one place
// (everything goes into context.subscriptions), registers the commands, and
// returns `extendMarkdownIt` so VS Code's own markdown preview shows the
// same ✓/✗/? markers as the derivation preview.
import * as vscode from 'vscode';
import { markerPlugin, type Markdown } from '../core/render/markers';
import type { NoteReport, Span } from '../core/types';
import { NoteChecker, isNote } from './checker';
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
    const result = checker.check(doc);
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

  context.subscriptions.push(
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
    vscode.commands.registerCommand(REVEAL_IN_PREVIEW, async (uri: unknown, line: unknown) => {
      const doc = await targetNote(uri);
      if (doc) previews.show(doc, { line: typeof line === 'number' ? line : undefined, preserveFocus: true });
    }),
  );

  return {
    // VS Code's preview hands its plugins the text only; the checker caches reports by text.
    extendMarkdownIt(md: Markdown): Markdown {
      markerPlugin(md, (src) => checker.reportForText(src));
      return md;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
