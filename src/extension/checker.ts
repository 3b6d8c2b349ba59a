// The checking service: has markdown documents checked when the
// `gmmCheck.checkOn` setting says so, keeps the newest result per document,
// and tells listeners (diagnostics, lenses, status bar, preview) about each
// new result at once, all from the same result.
//
// Checks run in a worker thread (src/worker/), never in the extension host,
// so typing never waits for one. A note is checked as soon as it opens; while
// typing, at most once per `gmmCheck.debounceMs` (a throttle, like VS Code's
// own Markdown preview: the first edit after a pause is checked at once, then
// the newest text every interval). Each request carries the document version;
// a newer request of the same note cancels the older one (dropped from the
// worker's queue or abandoned between chains), and a result older than the
// one kept is dropped. Without worker threads (a host that lacks them) the
// checks run in place, as before.
//
// It never throws: a crash of the checker on one note becomes an error result
// for that note, and the next note is checked as usual.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { boundedOptions, checkNote } from '../core/check';
import { renderNoteBlocks } from '../core/render/html';
import { lineIndexAt, lineStarts, normalizeSameLength } from '../core/extract/regions';
import { keyedNote, shiftBlockHtml, type KeyedNote } from '../shared/blockKeys';
import type { CheckOptions, NoteReport } from '../core/types';
import { CheckWorkerClient, type WorkerAnswer, type WorkerProgress } from '../worker/client';
import type { RenderedNote } from '../worker/protocol';
import { carryReport } from './staleReport';
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
  /** The text that was checked (the document's text at `version`). */
  text: string;
  /** The note rendered for the derivation preview, when one is open (see setRendering). */
  blocks?: KeyedNote;
  /** Why `blocks` is missing although asked for. */
  renderError?: string;
  /**
   * The results so far of a note's first check (the worker's progress): the final claims of
   * the note up to line `checkedTo` (1-based), the rest still being checked. Shown in
   * Problems, the lenses and the status bar; the preview, hovers and `check()` wait for
   * the whole result, which follows.
   */
  partial?: { checkedTo: number };
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
  // The schema's bounds are advice to the settings editor; settings.json can hold anything.
  return boundedOptions(options);
}

function readThrottleMs(): number {
  const v = vscode.workspace.getConfiguration('gmmCheck').get<unknown>('debounceMs');
  return typeof v === 'number' && v >= 0 ? Math.min(v, 300) : 300;
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.message}${err.stack ? `\n${err.stack}` : ''}` : String(err);
}

/**
 * The bundled worker beside the bundled extension (dist/checkWorker.js next to dist/extension.js).
 * Code bundled elsewhere (the extension tests build their own bundle that creates the services)
 * finds it in the installed extension's dist folder.
 */
function workerScript(): string {
  const beside = path.join(__dirname, 'checkWorker.js');
  if (fs.existsSync(beside)) return beside;
  const installed = vscode.extensions.getExtension('gmm-check.gmm-derivation-checker')?.extensionPath;
  const inDist = installed ? path.join(installed, 'dist', 'checkWorker.js') : beside;
  return fs.existsSync(inDist) ? inDist : beside;
}
const WORKER_SCRIPT = workerScript();

interface Waiter {
  version: number;
  resolve: (r: CheckResult) => void;
}

export class NoteChecker implements vscode.Disposable {
  private readonly results = new Map<string, CheckResult>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** When the last check of each note was sent (the throttle counts from there). */
  private readonly lastSent = new Map<string, number>();
  /**
   * How long the worker took for each note's last check (and render). While
   * the user types, the next check waits at least that long after the last
   * one was sent: on a note whose check takes longer than the throttle, the
   * worker would otherwise check without a pause, one core taken from the
   * workbench that draws the keys (on a 2-core machine, half of it).
   */
  private readonly lastCheckMs = new Map<string, number>();
  /** The document version each note's last check was sent for. */
  private readonly sentVersion = new Map<string, number>();
  /** Callers of check() waiting for a result of at least their version. */
  private readonly waiters = new Map<string, Waiter[]>();
  /** Reports for texts rendered by the built-in preview that are no open document's, checked in place. */
  private readonly textCache = new Map<string, NoteReport | undefined>();
  /** Notes with a derivation preview open: their results come rendered. */
  private readonly rendering = new Set<string>();
  /**
   * Per rendered note, the HTML of each block of its last render by key
   * (relative to the block's line): the worker sends only blocks new since.
   * Missing when the host has none (the next request asks for everything).
   */
  private readonly blockHtml = new Map<string, Map<string, string>>();
  /** Notes the built-in preview showed with a carried-over report: refresh it when their result comes. */
  private readonly previewWaiting = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<CheckResult>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private options: CheckOptions = readCheckOptions();
  /** Bumped when the settings change: answers computed with older settings are dropped. */
  private generation = 0;
  private worker: CheckWorkerClient | undefined;
  /** Crashes already announced, so typing in a note that crashes the checker does not pile up notifications. */
  private readonly announced = new Set<string>();

  /** Fires after every check, in the order the checks ran. */
  readonly onDidCheck = this.emitter.event;

  constructor(private readonly log: vscode.OutputChannel, workerScript: string | null = WORKER_SCRIPT) {
    if (workerScript) {
      try {
        this.worker = new CheckWorkerClient(workerScript);
        // Activation comes with a markdown note: have the thread loaded by the time it is checked.
        this.worker.warm();
      } catch (err) {
        log.appendLine(`no checking worker (${errorText(err)}): notes are checked in the extension host`);
      }
    }
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.autoCheck(doc, 'open')),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.autoCheck(e.document, 'type'); }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.autoCheck(doc, 'save')),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('gmmCheck')) return;
        this.options = readCheckOptions();
        this.generation++;
        this.results.clear();
        this.textCache.clear();
        // Settings change verdicts: recheck what is open, whatever checkOn says, so nothing shows old verdicts.
        for (const doc of vscode.workspace.textDocuments) if (isNote(doc) && readCheckOn() !== 'command') void this.check(doc);
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
    if (readCheckOn() !== 'command') for (const doc of vscode.workspace.textDocuments) if (isNote(doc)) void this.check(doc);
  }

  /** Every result kept, for a listener that subscribes after checks already ran. */
  allResults(): CheckResult[] {
    return [...this.results.values()];
  }

  /** The latest result for the document, possibly for an older version (compare `version`). */
  latest(uri: vscode.Uri): CheckResult | undefined {
    return this.results.get(uri.toString());
  }

  /** The whole result for the document's current version, if it has been checked (not the results so far of a check). */
  current(doc: vscode.TextDocument): CheckResult | undefined {
    const r = this.results.get(doc.uri.toString());
    return r && r.version === doc.version && !r.partial ? r : undefined;
  }

  /** Results come rendered from the worker (else the preview renders them itself). */
  get rendersInWorker(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Whether results of a note come with its rendered HTML (a derivation
   * preview of it is open).
   */
  setRendering(uri: vscode.Uri, on: boolean): void {
    const key = uri.toString();
    if (!on) {
      this.rendering.delete(key);
      this.blockHtml.delete(key);
      return;
    }
    this.rendering.add(key);
  }

  /** Sends the document's current text to be checked (and rendered, see setRendering) even if its result is kept. */
  request(doc: vscode.TextDocument): void {
    this.send(doc);
  }

  /**
   * Checks the document's current text now (or returns the kept result for
   * this version); resolves with the first result of this version or a newer
   * one, after listeners were notified. Never rejects.
   */
  check(doc: vscode.TextDocument): Promise<CheckResult> {
    const key = doc.uri.toString();
    this.cancelTimer(key);
    const cached = this.current(doc);
    if (cached) return Promise.resolve(cached);
    const waiting = new Promise<CheckResult>((resolve) => {
      const list = this.waiters.get(key) ?? [];
      list.push({ version: doc.version, resolve });
      this.waiters.set(key, list);
    });
    this.send(doc);
    return waiting;
  }

  /**
   * Report for a text without a document (VS Code's markdown preview calls its
   * plugins synchronously with the text only): the kept result of that exact
   * text; else, for an open note being edited, its last result carried over
   * the edit (the preview is refreshed when the new result comes); for an
   * open note not checked yet, nothing until its first result comes (then the
   * preview is refreshed); else (a text that is no open note's) a check in
   * place. Undefined when the checker crashes on it.
   */
  reportForText(text: string): NoteReport | undefined {
    for (const r of this.results.values()) if (r.text === text && !r.partial) return r.report;
    if (this.textCache.has(text)) return this.textCache.get(text);
    const doc = vscode.workspace.textDocuments.find((d) => isNote(d) && d.getText() === text);
    const last = doc && this.results.get(doc.uri.toString());
    if (doc && last?.report) {
      const key = doc.uri.toString();
      this.previewWaiting.add(key);
      // Sent already for this version: its result is on the way (`last` may be its results so
      // far). Sending it again cancelled a note's first check halfway and started it over.
      if (this.sentVersion.get(key) !== doc.version && !this.timers.has(key) && this.current(doc) === undefined) this.autoCheck(doc, 'type');
      return carryReport(last.report, last.text, text);
    }
    if (doc && this.worker) {
      // A note just opened, its first result on the way from the worker: no markers until it
      // comes (then the preview is refreshed). Checking it here instead held the extension host,
      // and the worker's answer with it, for a whole first check: VS Code's markdown language
      // server has the host parse every note it opens, with this plugin, at once.
      const key = doc.uri.toString();
      this.previewWaiting.add(key);
      if (this.sentVersion.get(key) !== doc.version && !this.timers.has(key)) this.send(doc);
      return undefined;
    }
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

  /** Sends the document's current text to the worker (or checks it in place without one). */
  private send(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.cancelTimer(key);
    this.lastSent.set(key, Date.now());
    this.sentVersion.set(key, doc.version);
    const text = doc.getText();
    const base = { uri: doc.uri, version: doc.version, text };
    const generation = this.generation;
    const render = this.rendering.has(key);
    if (!this.worker) {
      let result: CheckResult;
      try {
        result = { ...base, report: checkNote(text, this.options) };
      } catch (err) {
        result = { ...base, error: errorText(err) };
      }
      if (render && result.report) {
        try {
          const rendered = renderNoteBlocks(text, result.report);
          result.blocks = keyedNote(rendered.summary, rendered.blocks);
        } catch (err) {
          result.renderError = err instanceof Error ? err.message : String(err);
        }
      }
      this.accept(key, result, generation);
      return;
    }
    const { isCancelled: _, ...options } = this.options;
    const resetRender = render && !this.blockHtml.has(key);
    // A note's first check shows its results so far while it runs: the top of a note just
    // opened is marked before the worker (its code not yet optimised, on a long note) is through.
    // So does a check that replaces it before it is through (the user typed at once).
    const kept = this.results.get(key);
    const onProgress = kept && !kept.partial ? undefined : (p: WorkerProgress): void => {
      this.acceptPartial(key, { ...base, report: p.report, partial: { checkedTo: lineIndexAt(lineStarts(normalizeSameLength(text)), p.checkedTo) + 1 } }, generation);
    };
    void this.worker.check(key, doc.version, text, options, render, resetRender, onProgress).then((a: WorkerAnswer) => {
      if (a.type === 'cancelled') return;
      if (a.type === 'result') this.lastCheckMs.set(key, a.ms);
      // Every rendered answer updates the blocks kept, also one dropped next as stale: the worker counts it as sent.
      const blocks = a.type === 'result' && a.blocks ? this.takeBlocks(key, a.blocks) : undefined;
      this.accept(key, a.type === 'result'
        ? { ...base, report: a.report, blocks, renderError: a.renderError }
        : { ...base, error: a.error }, generation);
    });
  }

  /**
   * The blocks of a rendered answer, from its new HTML and the blocks kept;
   * undefined when some block is in neither (an answer to a request sent
   * before the host dropped its blocks): the next request then asks for all.
   */
  private takeBlocks(key: string, r: RenderedNote): KeyedNote | undefined {
    const old = this.blockHtml.get(key);
    const kept = new Map<string, string>();
    let missing = false;
    for (const k of r.keys) {
      const html = r.fresh[k] ?? old?.get(k);
      if (html === undefined) missing = true;
      else kept.set(k, html);
    }
    if (missing || !this.rendering.has(key)) {
      this.blockHtml.delete(key);
      return undefined;
    }
    this.blockHtml.set(key, kept);
    const { keys, lines } = r;
    return { summary: r.summary, keys, lines, html: (i) => shiftBlockHtml(kept.get(keys[i]!)!, lines[i]!) };
  }

  /** A new result: kept and announced unless a newer one is kept already or the settings changed since. */
  private accept(key: string, result: CheckResult, generation: number): void {
    if (generation !== this.generation) return;
    const kept = this.results.get(key);
    if (kept && kept.version > result.version) return;
    if (result.error !== undefined) this.announceCrash(result);
    else this.announced.delete(key);
    this.results.set(key, result);
    this.emitter.fire(result);
    const list = this.waiters.get(key);
    if (list) {
      const done = list.filter((w) => w.version <= result.version);
      const rest = list.filter((w) => w.version > result.version);
      if (rest.length) this.waiters.set(key, rest);
      else this.waiters.delete(key);
      for (const w of done) w.resolve(result);
    }
    if (this.previewWaiting.delete(key)) void vscode.commands.executeCommand('markdown.preview.refresh');
  }

  /** Results so far: shown until the whole result comes, unless a whole result is kept already. */
  private acceptPartial(key: string, result: CheckResult, generation: number): void {
    if (generation !== this.generation) return;
    const kept = this.results.get(key);
    if (kept && (!kept.partial || kept.version > result.version)) return;
    this.results.set(key, result);
    this.emitter.fire(result);
  }

  private announceCrash(result: CheckResult): void {
    const key = result.uri.toString();
    this.log.appendLine(`checker crashed on ${key} (version ${result.version}): ${result.error ?? ''}`);
    if (this.announced.has(key)) return;
    this.announced.add(key);
    void vscode.window.showWarningMessage(
      `GMM Check could not check ${vscode.workspace.asRelativePath(result.uri)}: ${(result.error ?? '').split('\n')[0] ?? ''}`);
  }

  private autoCheck(doc: vscode.TextDocument, why: 'open' | 'type' | 'save'): void {
    if (!isNote(doc)) return;
    const mode = readCheckOn();
    if (mode === 'command') return;
    // A note of megabytes would take the worker (or the host, without one) for
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
      // A check is already scheduled: it reads the text when it fires, so it sees this edit too.
      if (this.timers.has(key)) return;
      const wait = (this.lastSent.get(key) ?? -Infinity) + Math.max(readThrottleMs(), this.lastCheckMs.get(key) ?? 0) - Date.now();
      if (wait <= 0) {
        this.send(doc);
        return;
      }
      this.timers.set(key, setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.send(doc);
      }, wait));
      return;
    }
    if (this.current(doc)) return;
    this.send(doc);
  }

  private cancelTimer(key: string): void {
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.cancelTimer(key);
    this.worker?.cancelNote(key);
    const last = this.results.get(key);
    this.results.delete(key);
    this.lastSent.delete(key);
    this.lastCheckMs.delete(key);
    this.sentVersion.delete(key);
    this.previewWaiting.delete(key);
    this.rendering.delete(key);
    this.blockHtml.delete(key);
    this.announced.delete(key);
    const list = this.waiters.get(key);
    this.waiters.delete(key);
    for (const w of list ?? []) {
      w.resolve(last && last.version >= w.version ? last
        : { uri, version: w.version, text: '', error: 'the note was closed before its check finished' });
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.worker?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
