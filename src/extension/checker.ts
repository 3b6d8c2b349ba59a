// The checking service: runs the core's checkNote on markdown documents,
// when the `gmmCheck.checkOn` setting says so (debounced while typing), caches
// one result per document version, and tells listeners (diagnostics, lenses,
// status bar, preview) about each new result. It never throws: a crash of the
// checker on one note becomes an error result for that note, and the next
// note is checked as usual.
import * as vscode from 'vscode';
import { checkNote } from '../core/check';
import type { CheckOptions, NoteReport } from '../core/types';
import { readAliases } from './aliases';

export type CheckOn = 'type' | 'save' | 'command';

/** Notes longer than this are not checked automatically (about 40,000 lines of math-heavy markdown). */
export const AUTO_CHECK_MAX_CHARS = 2_000_000;

export interface CheckResult {
  uri: vscode.Uri;
  /** Document version the report was computed for. */
  version: number;
  report?: NoteReport;
  /** Set instead of `report` when the checker crashed on this note. */
  error?: string;
}

export function isNote(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown';
}

export function readCheckOn(): CheckOn {
  const v = vscode.workspace.getConfiguration('gmmCheck').get<string>('checkOn', 'type');
  return v === 'save' || v === 'command' ? v : 'type';
}

/** The `gmmCheck.*` settings as options of the core; unset or invalid values are left to the core's defaults. */
export function readCheckOptions(): CheckOptions {
  const cfg = vscode.workspace.getConfiguration('gmmCheck');
  const options: CheckOptions = {};
  const int = (key: string, min: number): number | undefined => {
    const v = cfg.get<unknown>(key);
    return typeof v === 'number' && Number.isInteger(v) && v >= min ? v : undefined;
  };
  const trials = int('trials', 1);
  if (trials !== undefined) options.trials = trials;
  const seed = int('seed', 0);
  if (seed !== undefined) options.seed = seed;
  const tolerance = cfg.get<unknown>('tolerance');
  if (typeof tolerance === 'number' && tolerance > 0) options.tolerance = tolerance;
  const K = int('components', 1);
  if (K !== undefined) options.K = K;
  const D = int('dimensions', 1);
  if (D !== undefined) options.D = D;
  const { aliases } = readAliases(cfg.get<unknown>('aliases'));
  if (Object.keys(aliases).length) options.aliases = aliases;
  return options;
}

function readDebounceMs(): number {
  const v = vscode.workspace.getConfiguration('gmmCheck').get<unknown>('debounceMs');
  return typeof v === 'number' && v >= 0 ? v : 300;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.message}${err.stack ? `\n${err.stack}` : ''}` : String(err);
}

export class NoteChecker implements vscode.Disposable {
  private readonly results = new Map<string, CheckResult>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Reports for texts rendered by the built-in preview, which hands us text rather than a document. */
  private readonly textCache = new Map<string, NoteReport | undefined>();
  private readonly emitter = new vscode.EventEmitter<CheckResult>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private options: CheckOptions = readCheckOptions();
  /** Crashes already announced, so typing in a note that crashes the checker does not pile up notifications. */
  private readonly announced = new Set<string>();

  /** Fires after every check, in the order the checks ran. */
  readonly onDidCheck = this.emitter.event;

  constructor(private readonly log: vscode.OutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.autoCheck(doc, 'open')),
      vscode.workspace.onDidChangeTextDocument((e) => this.autoCheck(e.document, 'type')),
      vscode.workspace.onDidSaveTextDocument((doc) => this.autoCheck(doc, 'save')),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('gmmCheck')) return;
        this.options = readCheckOptions();
        this.results.clear();
        this.textCache.clear();
        // Settings change verdicts: recheck what is open, whatever checkOn says, so nothing shows old verdicts.
        for (const doc of vscode.workspace.textDocuments) if (isNote(doc) && readCheckOn() !== 'command') this.check(doc);
      }),
    );
  }

  /**
   * Checks the notes already open. Separate from the constructor so that the
   * listeners (Problems, lenses, status bar) subscribe first: a result
   * announced before anyone listens was lost, and the first note opened (the
   * one that activated the extension) showed no Problems.
   */
  start(): void {
    if (readCheckOn() !== 'command') for (const doc of vscode.workspace.textDocuments) if (isNote(doc)) this.check(doc);
  }

  /** Every result kept, for a listener that subscribes after checks already ran. */
  allResults(): CheckResult[] {
    return [...this.results.values()];
  }

  /** The latest result for the document, possibly for an older version (compare `version`). */
  latest(uri: vscode.Uri): CheckResult | undefined {
    return this.results.get(uri.toString());
  }

  /** The result for the document's current version, if it has been checked. */
  current(doc: vscode.TextDocument): CheckResult | undefined {
    const r = this.results.get(doc.uri.toString());
    return r && r.version === doc.version ? r : undefined;
  }

  /** Checks now (or returns the cached result for this version) and notifies listeners. Never throws. */
  check(doc: vscode.TextDocument): CheckResult {
    const key = doc.uri.toString();
    this.cancel(key);
    const cached = this.current(doc);
    if (cached) return cached;
    const result = this.run(doc);
    this.results.set(key, result);
    this.emitter.fire(result);
    return result;
  }

  /**
   * Report for a text without a document (VS Code's markdown preview calls its
   * plugins with the text only). Undefined when the checker crashes on it.
   */
  reportForText(text: string): NoteReport | undefined {
    if (this.textCache.has(text)) return this.textCache.get(text);
    let report: NoteReport | undefined;
    try {
      report = checkNote(text, this.options);
    } catch (err) {
      this.log.appendLine(`checker crashed on a previewed note: ${errorText(err)}`);
    }
    // The preview re-renders on every keystroke; keep only the last few texts.
    if (this.textCache.size >= 8) this.textCache.delete(this.textCache.keys().next().value!);
    this.textCache.set(text, report);
    return report;
  }

  private run(doc: vscode.TextDocument): CheckResult {
    const base = { uri: doc.uri, version: doc.version };
    try {
      const report = checkNote(doc.getText(), this.options);
      this.announced.delete(doc.uri.toString());
      return { ...base, report };
    } catch (err) {
      const text = errorText(err);
      this.log.appendLine(`checker crashed on ${doc.uri.toString()} (version ${doc.version}): ${text}`);
      const key = doc.uri.toString();
      if (!this.announced.has(key)) {
        this.announced.add(key);
        void vscode.window.showWarningMessage(
          `GMM Check could not check ${vscode.workspace.asRelativePath(doc.uri)}: ${err instanceof Error ? err.message : String(err)}`);
      }
      return { ...base, error: text };
    }
  }

  private autoCheck(doc: vscode.TextDocument, why: 'open' | 'type' | 'save'): void {
    if (!isNote(doc)) return;
    const mode = readCheckOn();
    if (mode === 'command') return;
    // The check runs in the extension host: a note of megabytes would hold it for
    // seconds on every keystroke. Such notes are checked on command only.
    if (doc.getText().length > AUTO_CHECK_MAX_CHARS) {
      const key = doc.uri.toString();
      if (!this.announced.has(`large:${key}`)) {
        this.announced.add(`large:${key}`);
        this.log.appendLine(`${key} has more than ${AUTO_CHECK_MAX_CHARS} characters: checked only by "GMM: Check Gradient"`);
      }
      return;
    }
    if (why === 'type') {
      if (mode !== 'type') return;
      const key = doc.uri.toString();
      this.cancel(key);
      // The check reads the text when the timer fires, so it always sees the newest version.
      this.timers.set(key, setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.check(doc);
      }, readDebounceMs()));
      return;
    }
    this.check(doc);
  }

  private cancel(key: string): void {
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancel(key);
    this.results.delete(key);
    this.announced.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
