// The real-VS-Code part of the benchmark, on the test harness of test/e2e/:
// the VS Code server from .vscode-test/, its workbench in headless chromium,
// this project as the extension under development and bench/vscodeHost.ts as
// the "tests" the extension host runs. Measures
//  - activation: `ext.activate()` timed inside the extension host;
//  - keystroke → updated preview: a digit typed into the long note's editor
//    (Playwright keyboard) until the preview webview's summary shows the new
//    verdict (a MutationObserver in the webview frame stamps Date.now());
//  - typing while checking: how long each key takes to appear in the editor
//    (a MutationObserver on the editor's lines) when keys come every 400 ms,
//    i.e. while the check/render of the previous key runs.
// Reports, never asserts.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, remoteUri, workbenchUrl } from '../test/e2e/browser';
import { createScratch, startServer } from '../test/e2e/server';
import { ensureTestVSCode } from '../test/e2e/setup';
import { log, projectRoot } from '../test/e2e/util';

export interface VscodeBench {
  vscodeVersion: string;
  activationMs: number;
  wasActive: boolean;
  /** Open the preview command → its summary visible in the webview (includes the first check and render). */
  firstPreviewMs: number;
  /** Keystroke → the preview's summary shows the new verdict, each edit (add a digit / delete it). */
  keyToPreviewMs: number[];
  /** Keystroke → the character drawn in the editor, keys every 400 ms while checks run. */
  echoMs: number[];
  debounceMs: number;
}

const hostOut = path.join(projectRoot, 'out', 'bench', 'host.js');

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

export async function benchVscode(noteText: string, marker: string, debounceMs = 300): Promise<VscodeBench> {
  await esbuild.build({
    entryPoints: [path.join(projectRoot, 'bench', 'vscodeHost.ts')], outfile: hostOut,
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning',
  });
  const vs = await ensureTestVSCode();
  const scratch = createScratch('bench');
  const cleanups: Array<() => Promise<void>> = [async () => scratch.dispose()];
  try {
    const note = path.join(scratch.workspace, 'long-note.md');
    fs.writeFileSync(note, noteText);
    const out = path.join(scratch.root, 'bench-host.json');
    const done = path.join(scratch.root, 'bench-done');
    const server = await startServer(vs, scratch, { testDriver: true });
    cleanups.push(server.stop);
    const browser = await launchBrowser(vs, scratch);
    cleanups.push(browser.close);
    const { page } = browser;
    let exited = false;
    await page.exposeFunction('codeAutomationLog', () => undefined);
    await page.exposeFunction('codeAutomationExit', () => { exited = true; });
    const focus = path.join(scratch.root, 'bench-focus');
    const env = { GMM_BENCH_NOTE: note, GMM_BENCH_OUT: out, GMM_BENCH_DONE: done, GMM_BENCH_MARKER: marker, GMM_BENCH_FOCUS: focus };
    await page.goto(workbenchUrl(server.url, scratch.workspace, [
      ['extensionDevelopmentPath', remoteUri(server.url, projectRoot)],
      ['extensionTestsPath', remoteUri(server.url, hostOut)],
      ['skipWelcome', 'true'],
      ['extensionEnvironment', JSON.stringify(env)],
    ]));
    const host = await until('the extension host to open the note and the preview', 240_000,
      async () => (fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown> : undefined));
    if (typeof host.error === 'string') throw new Error(`in the extension host: ${host.error}`);
    const tOpened = Date.now() - Number(host.openPreviewCommandMs ?? 0);
    const frame = await until('the preview webview', 120_000, () => findPreview(page));
    const firstPreviewMs = Date.now() - tOpened;
    await watchSummary(frame, '✗ 0 failed', 60_000);
    await page.waitForTimeout(1_000);
    // Keys must go to the editor, not the webview that just loaded: Ctrl+1 (focus the
    // first editor group, handled by the workbench; the cursor stays where the host put
    // it), else ask the extension host (slow while it is busy checking).
    const editorFocused = (): Promise<true | undefined> => page.evaluate(() =>
      (document.activeElement?.closest('.monaco-editor') ? true : undefined));
    await page.keyboard.press('Control+1');
    let inEditor = await until('the focus in the editor', 5_000, editorFocused).catch(() => undefined);
    if (!inEditor) {
      fs.writeFileSync(focus, '');
      await until('the extension host to focus the editor', 180_000, async () => (fs.existsSync(focus) ? undefined : true));
      inEditor = await until('the focus in the editor', 30_000, editorFocused);
    }
    log('bench', `focus in the editor: ${inEditor}`);

    const keyToPreviewMs: number[] = [];
    for (let rep = 0; rep < 2; rep++) {
      for (const [key, target] of [['1', '✗ 1 failed'], ['Backspace', '✗ 0 failed']] as const) {
        const seen = watchSummary(frame, target, 60_000);
        const t0 = Date.now();
        await page.keyboard.press(key);
        keyToPreviewMs.push((await seen) - t0);
        log('bench', `${key} → preview updated after ${keyToPreviewMs[keyToPreviewMs.length - 1]} ms`);
        await page.waitForTimeout(300);
      }
    }

    const echoMs: number[] = [];
    await installEchoLog(page);
    for (let n = 0; n < 12; n++) {
      const t0 = Date.now();
      await page.keyboard.press('1');
      echoMs.push((await echoAfter(page, t0)) - t0);
      log('bench', `key ${n + 1} drawn in the editor after ${echoMs[echoMs.length - 1]} ms`);
      await page.waitForTimeout(Math.max(0, 400 - (Date.now() - t0)));
    }
    for (let n = 0; n < 12; n++) await page.keyboard.press('Backspace');
    await watchSummary(frame, '✗ 0 failed', 60_000);

    fs.writeFileSync(done, '');
    await until('the extension host to finish', 20_000, async () => (exited ? true : undefined)).catch(() => undefined);
    return {
      vscodeVersion: String(host.vscode ?? vs.vscodeVersion),
      activationMs: Number(host.activationMs),
      wasActive: host.wasActive === true,
      firstPreviewMs, keyToPreviewMs, echoMs, debounceMs,
    };
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  }
}
