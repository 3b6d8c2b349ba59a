// Opens the VS Code workbench in Debian's headless chromium through playwright-core
// (never a downloaded browser), with a fresh persistent profile in the scratch folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Scratch } from './server';
import type { TestVSCode } from './setup';
import { cleanEnv, log } from './util';

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(vs: TestVSCode, s: Scratch): Promise<Browser> {
  const profile = path.join(s.root, 'chromium-profile');
  fs.mkdirSync(profile, { recursive: true });
  // Persistent rather than incognito: incognito blocks third-party cookies, which
  // breaks webview service workers whenever webviews come from another origin.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: vs.chromium,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: cleanEnv({ HOME: s.home, TMPDIR: s.tmp, XDG_RUNTIME_DIR: s.tmp }),
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => log('browser', 'page error:', String(e).slice(0, 300)));
  if (process.env.GMM_E2E_VERBOSE === '1') page.on('console', (m) => log('browser', m.type(), m.text().slice(0, 300)));
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
    },
  };
}

/** Workbench URL that opens `folder` (an absolute path on the server's machine). */
export function workbenchUrl(serverUrl: string, folder: string, payload?: Array<[string, string]>): string {
  const u = new URL(serverUrl);
  u.searchParams.set('folder', folder);
  if (payload) u.searchParams.set('payload', JSON.stringify(payload));
  return u.href;
}

/** A server path as the browser workbench must name it: the authority must equal the page's host:port. */
export function remoteUri(serverUrl: string, absPath: string): string {
  return `vscode-remote://${new URL(serverUrl).host}${absPath}`;
}
