// The real-VS-Code part of the benchmark, on the test harness of test/e2e/:
// the VS Code server from .vscode-test/, its workbench in headless chromium,
// this project as the extension under development and bench/vscodeHost.ts as
// the "tests" the extension host runs. For one note (seed 003 or the long
// note, with an edit point at the top) it measures, in one session:
//  - activation (`ext.activate()` inside the host) and open → first
//    diagnostics of every seed note;
//  - VS Code's built-in Markdown preview of the note, our markers switched
//    off: keystroke → its page changes (a MutationObserver in its frame);
//  - our derivation preview: keystroke → the summary shows the new verdict
//    (a digit after the edit point makes a true step false, Backspace makes
//    it true again), the same edits as for the built-in preview;
//  - typing: keystroke → character drawn in the editor (a MutationObserver on
//    the editor's lines), keys every 150 ms while the checks and renders of
//    the previous keys run; with our preview open, and as controls in the same
//    session, the note alone with the extension checking nothing
//    (`gmmCheck.checkOn` = `command`) and the note alone with checks on, so
//    that the figure says which part is the checks' and which the preview's;
//  - a Chrome trace of the typing with the preview open (again, after the
//    timed keys: tracing slows the page): the renderer main threads' long
//    tasks and what they ran (bench/trace.ts).
// Reports, never asserts.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, remoteUri, workbenchUrl } from '../test/e2e/browser';
import { createScratch, startServer } from '../test/e2e/server';
import { ensureTestVSCode } from '../test/e2e/setup';
import { startTrace, stopTrace, summariseTrace, traceLines } from './trace';
import { log, projectRoot } from '../test/e2e/util';

export interface VscodeBench {
  vscodeVersion: string;
  activationMs: number;
  wasActive: boolean;
  /** Open a seed note → its first diagnostics, per file name. */
  firstDiagnosticsMs: Record<string, number>;
  /**
   * Where each of those went, ms from the openTextDocument call: `opened` its promise resolved,
   * `event` the open event reached the extension (which posts the check then), `shown` the editor shown.
   */
  openTimesMs: Record<string, { opened: number; event: number; shown: number; settled: number }>;
  /** Whether the built-in preview ran without our markers (the setting exists). */
  builtinWithoutMarkers: boolean;
  /** Keystroke → the built-in Markdown preview's page changed, per edit. */
  builtinMs: number[];
  /** Open the preview command → its summary visible in the webview (includes the first check and render). */
  firstPreviewMs: number;
  /** Open our preview → the whole note in it (a long note's page comes as a first page of the blocks in view, then in steps). */
  completePreviewMs: number;
  /** Keystroke → the preview's summary shows the new verdict, per edit (the same edits). */
  keyToPreviewMs: number[];
  /** Keystroke → the character drawn in the editor, our preview open, keys every ECHO_GAP_MS. */
  echoMs: number[];
  /** The same with the preview closed and the extension checking nothing (checkOn `command`). */
  echoIdleMs: number[];
  /** The same with the preview closed and checks on (checkOn `type`). */
  echoChecksMs: number[];
  /** Traces of the same typing after each of those (`idle`, `checks`, `preview`), summarised (bench/trace.ts). */
  echoTrace: Record<string, string[]>;
  echoGapMs: number;
}

const hostOut = path.join(projectRoot, 'out', 'bench', 'host.js');
const EDITS = 6;
const ECHO_KEYS = 30;
const ECHO_GAP_MS = 150;
/** How long an edit may take to show in VS Code's built-in preview: on the long note, 18–67 s under load. */
export const BUILTIN_WAIT_MS = 150_000;

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function summaryText(frame: Frame): Promise<string | undefined> {
  return frame.evaluate(() => document.querySelector('.gmm-summary')?.textContent ?? undefined).catch(() => undefined);
}

async function findPreview(page: Page): Promise<Frame | undefined> {
  for (const f of page.frames()) {
    if (f !== page.mainFrame() && (await summaryText(f)) !== undefined) return f;
  }
  return undefined;
}

/** The built-in Markdown preview's content frame: the one whose page shows the note's heading text. */
async function findBuiltin(page: Page, text: string): Promise<Frame | undefined> {
  for (const f of page.frames()) {
    if (f === page.mainFrame()) continue;
    const ok = await f.evaluate((t) => document.body?.classList.contains('vscode-body') && (document.body.textContent ?? '').includes(t), text)
      .catch(() => false);
    if (ok) return f;
  }
  return undefined;
}

/**
 * In the webview: a promise of the Date.now() at which the summary first contains `target`.
 * (No named functions inside evaluated code: tsx's transform would wrap them in a helper the page lacks.)
 */
function watchSummary(frame: Frame, target: string, timeoutMs: number): Promise<number> {
  return frame.evaluate(([t, ms]) => new Promise<number>((resolve, reject) => {
    if ((document.querySelector('.gmm-summary')?.textContent ?? '').includes(t)) return resolve(Date.now());
    const mo = new MutationObserver(() => {
      if ((document.querySelector('.gmm-summary')?.textContent ?? '').includes(t)) { mo.disconnect(); resolve(Date.now()); }
    });
    mo.observe(document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => { mo.disconnect(); reject(new Error(`preview never showed ${t}`)); }, ms);
  }), [target, timeoutMs] as const);
}

/** In a frame: a promise of the Date.now() of the first change of its page. */
function watchAnyChange(frame: Frame, timeoutMs: number): Promise<number> {
  return frame.evaluate((ms) => new Promise<number>((resolve, reject) => {
    const mo = new MutationObserver(() => { mo.disconnect(); resolve(Date.now()); });
    // Not attributes: the preview marks the editor's active line by a class as the cursor moves.
    mo.observe(document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => { mo.disconnect(); reject(new Error('the built-in preview never changed')); }, ms);
  }), timeoutMs);
}

/**
 * In the workbench: stamps Date.now() on every change of the focused editor's lines
 * into window.__gmmEcho. Installed once, so that a stamp is never missed because the
 * page ran our script after it had drawn the key.
 */
async function installEchoLog(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __gmmEcho: number[] };
    w.__gmmEcho = [];
    const lines = document.activeElement?.closest('.monaco-editor')?.querySelector('.view-lines');
    if (!lines) throw new Error('no focused editor');
    new MutationObserver(() => { w.__gmmEcho.push(Date.now()); })
      .observe(lines, { childList: true, subtree: true, characterData: true });
  });
}

/** The first stamp at or after t0, waiting up to 60 s. */
function echoAfter(page: Page, t0: number): Promise<number> {
  return until('the key to show in the editor', 60_000, () => page.evaluate((t) =>
    (window as unknown as { __gmmEcho: number[] }).__gmmEcho.find((x) => x >= t), t0));
}

/** ECHO_KEYS keys to the focused editor, one every ECHO_GAP_MS: keystroke → drawn, per key. */
async function echoLoop(page: Page): Promise<number[]> {
  const echoMs: number[] = [];
  await installEchoLog(page);
  for (let n = 0; n < ECHO_KEYS; n++) {
    const t0 = Date.now();
    await page.keyboard.press(n % 2 === 0 ? '1' : 'Backspace');
    echoMs.push((await echoAfter(page, t0)) - t0);
    await page.waitForTimeout(Math.max(0, ECHO_GAP_MS - (Date.now() - t0)));
  }
  return echoMs;
}

/**
 * The typing of echoLoop again, traced (after the timed keys: tracing slows the page):
 * the keys' times and the summary of the renderer's long tasks; the trace is kept in out/bench/.
 */
async function tracedEcho(page: Page, name: string): Promise<string[]> {
  try {
    const cdp = await startTrace(page);
    const traced = await echoLoop(page);
    const events = await stopTrace(cdp);
    fs.mkdirSync(path.dirname(hostOut), { recursive: true });
    const traceFile = path.join(path.dirname(hostOut), `echo-trace-${name}.json`);
    fs.writeFileSync(traceFile, JSON.stringify(events));
    const lines = [`traced keys drawn after ${traced.join(', ')} ms (trace: ${path.relative(projectRoot, traceFile)})`,
      ...traceLines(summariseTrace(events))];
    for (const l of lines) log('bench', `trace ${name}: ${l}`);
    return lines;
  } catch (e) {
    return [`no trace: ${e instanceof Error ? e.message : String(e)}`];
  }
}

/** Keys to the editor, not a webview: Ctrl+1, else ask the extension host (slow while it is busy). */
async function focusEditor(page: Page, dir: string): Promise<void> {
  const editorFocused = (): Promise<true | undefined> => page.evaluate(() =>
    (document.activeElement?.closest('.monaco-editor') ? true : undefined));
  await page.keyboard.press('Control+1');
  if (await until('the focus in the editor', 5_000, editorFocused).catch(() => undefined)) return;
  const focus = path.join(dir, 'focus');
  fs.writeFileSync(focus, '');
  await until('the extension host to focus the editor', 180_000, async () => (fs.existsSync(focus) ? undefined : true));
  await until('the focus in the editor', 30_000, editorFocused);
}

/**
 * `failsBefore`: failed steps of the note as it is; typing a digit at the edit point makes one more.
 * `seeds`: notes whose open → first diagnostics is timed (copied into the workspace).
 */
export async function benchVscode(noteText: string, marker: string, failsBefore: number, seeds: string[], heading: string): Promise<VscodeBench> {
  await esbuild.build({
    entryPoints: [path.join(projectRoot, 'bench', 'vscodeHost.ts')], outfile: hostOut,
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  const vs = await ensureTestVSCode();
  const scratch = createScratch('bench');
  const cleanups: Array<() => Promise<void>> = [async () => scratch.dispose()];
  try {
    const note = path.join(scratch.workspace, 'bench-note.md');
    fs.writeFileSync(note, noteText);
    const seedCopies = seeds.map((s) => {
      const to = path.join(scratch.workspace, path.basename(s));
      fs.copyFileSync(s, to);
      return to;
    });
    const dir = path.join(scratch.root, 'bench-io');
    fs.mkdirSync(dir, { recursive: true });
    const server = await startServer(vs, scratch, { testDriver: true });
    cleanups.push(server.stop);
    const browser = await launchBrowser(vs, scratch);
    cleanups.push(browser.close);
    const { page } = browser;
    let exited = false;
    await page.exposeFunction('codeAutomationLog', () => undefined);
    await page.exposeFunction('codeAutomationExit', () => { exited = true; });
    // Only the typing figures (GMM_BENCH_ECHO_ONLY=1): no built-in preview, no ✓/✗ edits.
    const echoOnly = process.env.GMM_BENCH_ECHO_ONLY === '1';
    const env = { GMM_BENCH_ECHO_ONLY: echoOnly ? '1' : '', GMM_BENCH_DIR: dir, GMM_BENCH_NOTE: note, GMM_BENCH_MARKER: marker, GMM_BENCH_SEEDS: seedCopies.join(path.delimiter) };
    await page.goto(workbenchUrl(server.url, scratch.workspace, [
      ['extensionDevelopmentPath', remoteUri(server.url, projectRoot)],
      ['extensionTestsPath', remoteUri(server.url, hostOut)],
      ['skipWelcome', 'true'],
      ['extensionEnvironment', JSON.stringify(env)],
    ]));
    const readJson = (name: string) => async () => {
      const f = path.join(dir, name);
      return fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown> : undefined;
    };
    const host = await until('the extension host (phase 1)', 300_000, readJson('host-1.json'));
    if (typeof host.error === 'string') throw new Error(`in the extension host: ${host.error}`);
    const phase0 = {
      vscodeVersion: String(host.vscode ?? vs.vscodeVersion),
      activationMs: Number(host.activationMs),
      wasActive: host.wasActive === true,
      firstDiagnosticsMs: (host.firstDiagnosticsMs ?? {}) as Record<string, number>,
      openTimesMs: (host.openTimesMs ?? {}) as VscodeBench['openTimesMs'],
      builtinWithoutMarkers: host.builtinWithoutMarkers === true,
    };
    // Only activation and open → first diagnostics (GMM_BENCH_OPEN_ONLY=1).
    if (process.env.GMM_BENCH_OPEN_ONLY === '1') {
      fs.writeFileSync(path.join(dir, 'done'), '');
      await until('the extension host to finish', 20_000, async () => (exited ? true : undefined)).catch(() => undefined);
      return { ...phase0, builtinMs: [], firstPreviewMs: NaN, completePreviewMs: NaN, keyToPreviewMs: [], echoMs: [], echoGapMs: ECHO_GAP_MS, echoIdleMs: [], echoChecksMs: [], echoTrace: {} };
    }

    // Phase 1: the built-in preview.
    const builtinMs: number[] = [];
    if (!echoOnly) {
      let builtin = await until('the built-in Markdown preview', 120_000, () => findBuiltin(page, heading));
      await page.waitForTimeout(1_500);
      await focusEditor(page, dir);
      let replaced = 0;
      for (let n = 0; n < EDITS; n++) {
        const key = n % 2 === 0 ? '1' : 'Backspace';
        // Handled at once: VS Code may replace the preview's frame (a reload) before the key is sent.
        let detached = false;
        const seen = watchAnyChange(builtin, BUILTIN_WAIT_MS).catch((e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          detached = /detached/i.test(message);
          log('bench', `built-in preview: ${message.split('\n')[0]}`);
          return undefined;
        });
        const t0 = Date.now();
        await page.keyboard.press(key);
        // A built-in preview that never re-renders (it took over 60 s on the long note under load, 18–37 s in a run at load 5) ends this phase, not the run.
        const at = await seen;
        if (at === undefined) {
          if (n % 2 === 0) await page.keyboard.press('Backspace');
          // A replaced frame: find the new one and time the edit again (twice at most).
          if (detached && replaced++ < 2) {
            builtin = await until('the built-in Markdown preview (again)', 120_000, () => findBuiltin(page, heading));
            await page.waitForTimeout(1_500);
            await focusEditor(page, dir);
            n = n % 2 === 0 ? n - 1 : n - 2;
            continue;
          }
          break;
        }
        builtinMs.push(at - t0);
        log('bench', `${key} → built-in preview changed after ${builtinMs[builtinMs.length - 1]} ms`);
        await page.waitForTimeout(700);
      }
    }

    // Controls of the typing figure: the note alone, the extension checking nothing, then checking.
    const control = async (checkOn: 'command' | 'type'): Promise<number[]> => {
      fs.writeFileSync(path.join(dir, 'control'), checkOn);
      const rc = await until(`the extension host (control ${checkOn})`, 180_000, readJson(`control-${checkOn}.json`));
      if (typeof rc.error === 'string') throw new Error(`in the extension host: ${rc.error}`);
      await focusEditor(page, dir);
      await page.waitForTimeout(1_500);
      const ms = await echoLoop(page);
      log('bench', `checkOn ${checkOn}, no preview: keys drawn in the editor after ${ms.join(', ')} ms`);
      return ms;
    };
    const echoTrace: Record<string, string[]> = {};
    const echoIdleMs = await control('command');
    echoTrace.idle = await tracedEcho(page, `idle-${noteText.length}`);
    const echoChecksMs = await control('type');
    echoTrace.checks = await tracedEcho(page, `checks-${noteText.length}`);

    // Phase 2: our preview.
    fs.writeFileSync(path.join(dir, 'next'), '');
    const host2 = await until('the extension host (phase 2)', 120_000, readJson('host-2.json'));
    if (typeof host2.error === 'string') throw new Error(`in the extension host: ${host2.error}`);
    const tOpened = Date.now() - Number(host2.openPreviewCommandMs ?? 0);
    const frame = await until('the preview webview', 120_000, () => findPreview(page));
    const firstPreviewMs = Date.now() - tOpened;
    const fails = (n: number) => `✗ ${n} failed`;
    await watchSummary(frame, fails(failsBefore), 120_000);
    // The edits and keys are timed on the whole page, not while its blocks are still coming in.
    // (The chunks by the sections' children: a selector would be matched against all of the page's KaTeX on every poll.)
    await until('the whole note in our preview', 180_000, () => frame.evaluate(() => {
      const body = document.querySelector('#gmm-root > .gmm-note-body');
      for (const section of Array.from(body?.children ?? [])) for (const chunk of Array.from(section.children)) if (!chunk.firstChild) return undefined;
      return true;
    }).catch(() => undefined));
    const completePreviewMs = Date.now() - tOpened;
    await page.waitForTimeout(1_000);
    await focusEditor(page, dir);
    const keyToPreviewMs: number[] = [];
    for (let n = 0; n < (echoOnly ? 0 : EDITS); n++) {
      const [key, target] = n % 2 === 0 ? ['1', fails(failsBefore + 1)] : ['Backspace', fails(failsBefore)];
      const seen = watchSummary(frame, target, 60_000);
      const t0 = Date.now();
      await page.keyboard.press(key);
      keyToPreviewMs.push((await seen) - t0);
      log('bench', `${key} → preview updated after ${keyToPreviewMs[keyToPreviewMs.length - 1]} ms`);
      await page.waitForTimeout(700);
    }

    const echoMs = await echoLoop(page);
    log('bench', `preview open: keys drawn in the editor after ${echoMs.join(', ')} ms`);
    await watchSummary(frame, fails(failsBefore), 60_000).catch(() => undefined);
    await page.waitForTimeout(1_000);

    echoTrace.preview = await tracedEcho(page, `preview-${noteText.length}`);
    await watchSummary(frame, fails(failsBefore), 60_000).catch(() => undefined);

    fs.writeFileSync(path.join(dir, 'done'), '');
    await until('the extension host to finish', 20_000, async () => (exited ? true : undefined)).catch(() => undefined);
    return {
      ...phase0,
      builtinMs, firstPreviewMs, completePreviewMs, keyToPreviewMs, echoMs, echoGapMs: ECHO_GAP_MS,
      echoIdleMs, echoChecksMs, echoTrace,
    };
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  }
}
