// End-to-end check done the way a person would: package the VSIX, install it into
// the test VS Code (its own extensions dir, not the development path), open a
// workspace holding an example note, double-click the note in the Explorer, F1,
// type "GMM: Check Gradient", Enter, and wait for the result to show — either a
// notification toast or a webview (the preview beside the editor) whose text
// matches the expected pattern. Saves test-results/e2e-check-gradient.png.
// Prints `1 passed, 0 failed` (or `0 passed, 1 failed`) for scripts/test-all.mjs.
// Usage: npm run test:e2e
// Env: GMM_REUSE_VSIX=1        use the existing gmm-derivation-checker.vsix instead of packaging
//      GMM_E2E_COMMAND=title   command-palette title to run   (default "GMM: Check Gradient")
//      GMM_E2E_EXPECT=regex    what the toast or webview text must match
//                              (default "GMM|\d+ passed": a toast naming the extension,
//                              or the preview's summary "✓ 38 passed · ✗ 6 failed …")
//      GMM_E2E_NOTE=file       note from examples/ to open    (default 001_340b0ad5deac142b.md)
//      GMM_E2E_TIMEOUT=ms      overall deadline (default 240000, includes a first-run install)
//      GMM_E2E_KEEP=1          keep the scratch folder for inspection
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, workbenchUrl } from './browser';
import { createScratch, installVsix, startServer } from './server';
import { ensureTestVSCode } from './setup';
import { envInt, log, projectRoot, resultsDir, runMain, runVisible, seconds, vsixPath } from './util';

const COMMAND = process.env.GMM_E2E_COMMAND ?? 'GMM: Check Gradient';
const EXPECT = new RegExp(process.env.GMM_E2E_EXPECT ?? 'GMM|\\d+ passed');
const NOTE = process.env.GMM_E2E_NOTE ?? '001_340b0ad5deac142b.md';
const SCREENSHOT = path.join(resultsDir, 'e2e-check-gradient.png');

interface Found {
  where: string;
  text: string;
  frame?: Frame;
}

/** Looks once for the command's result: a toast or a webview frame whose text matches EXPECT. */
async function findResult(page: Page): Promise<Found | undefined> {
  for (const toast of await page.locator('.notifications-toasts .notification-toast').all()) {
    const text = await toast.innerText().catch(() => '');
    if (EXPECT.test(text)) return { where: 'notification toast', text };
  }
  // Webview content lives in nested iframes; the workbench itself (main frame)
  // shows the note's text and the palette input, so it must not count.
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const text = await frame.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
    if (EXPECT.test(text)) return { where: `webview frame ${frame.url().slice(0, 100)}`, text, frame };
  }
  return undefined;
}

async function ui(page: Page, url: string): Promise<Found | undefined> {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  log('ui', 'workbench visible');

  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: NOTE }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.dblclick();
  await page.waitForSelector(`.tabs-container .tab.active:has-text("${NOTE}")`, { timeout: 20_000 });
  log('ui', `opened ${NOTE} from the Explorer`);

  // The palette lists the commands known when it opens and does not refresh, and
  // the installed extension's contributions arrive a little after the workbench
  // shows up. So: open, type, and if the top entry is not our command yet, close
  // and try again until the deadline.
  const top = page.locator('.quick-input-list .monaco-list-row').first();
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget', { state: 'visible', timeout: 20_000 });
    await page.keyboard.type(COMMAND, { delay: 20 });
    try {
      await top.filter({ hasText: COMMAND }).waitFor({ timeout: 3_000 });
      break;
    } catch {
      const shown = await top.innerText().catch(() => '(no entries)');
      if (Date.now() > deadline) {
        throw new Error(`"${COMMAND}" is not offered by the command palette after ${attempt} tries ` +
          `(top entry: ${JSON.stringify(shown)}); is it listed under contributes.commands in package.json?`);
      }
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  // Let the list settle (it re-sorts while filtering) so Enter picks the entry we checked.
  await page.waitForTimeout(500);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 10_000 });
  log('ui', `ran "${COMMAND}" from the command palette`);

  for (let i = 0; i < 60; i++) {
    const found = await findResult(page);
    if (found) return found;
    await page.waitForTimeout(500);
  }
  return undefined;
}

const timeout = {
  ms: envInt('GMM_E2E_TIMEOUT', 240_000),
  what: 'the UI check did not finish',
  envVar: 'GMM_E2E_TIMEOUT',
};

runMain('ui', timeout, async (cleanups) => {
  if (process.env.GMM_REUSE_VSIX === '1' && fs.existsSync(vsixPath)) {
    log('ui', `reusing ${path.basename(vsixPath)}`);
  } else {
    await runVisible('npm', ['run', '--silent', 'package'], { cwd: projectRoot });
  }
  const vs = await ensureTestVSCode();
  const scratch = createScratch('ui');
  let ok = false;
  // A failed run keeps its logs (server.log, profile) for inspection.
  cleanups.push(async () => scratch.dispose(!ok));
  await installVsix(vs, scratch, vsixPath);
  fs.copyFileSync(path.join(projectRoot, 'examples', NOTE), path.join(scratch.workspace, NOTE));
  const server = await startServer(vs, scratch, { testDriver: false });
  cleanups.push(server.stop);
  const browser = await launchBrowser(vs, scratch);
  cleanups.push(browser.close);
  fs.mkdirSync(resultsDir, { recursive: true });

  const start = Date.now();
  let found: Found | undefined;
  let error: unknown;
  try {
    found = await ui(browser.page, workbenchUrl(server.url, scratch.workspace));
  } catch (e) {
    error = e;
  }
  // The preview's math is set in KaTeX's web fonts: wait for them, or the
  // screenshot shows fraction bars without symbols.
  await found?.frame?.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
  // A screenshot either way: on failure it shows what the user would have seen.
  await browser.page.waitForTimeout(1_000);
  await browser.page.screenshot({ path: SCREENSHOT }).catch((e: unknown) => log('ui', 'screenshot failed:', e));
  log('ui', `screenshot ${path.relative(projectRoot, SCREENSHOT)}`);
  if (found) {
    log('ui', `result found in ${found.where} after ${seconds(start)}: ${JSON.stringify(found.text.slice(0, 200))}`);
    ok = true;
  } else {
    log('ui', `FAILED: ${error instanceof Error ? error.message : `no toast or webview matching ${EXPECT} within 30 s`}`);
  }
  console.log(ok ? '1 passed, 0 failed' : '0 passed, 1 failed');
  return ok ? 0 : 1;
});
