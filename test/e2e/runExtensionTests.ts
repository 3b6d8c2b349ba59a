// Runs the mocha suites of test/extension/ inside a real VS Code's Node extension
// host: the VS Code 1.139 server from .vscode-test/ (see setup.ts), its workbench
// opened in headless chromium with the `payload` URL parameter that names this
// project as the extension under development and out/test/extension/index.js as
// the test entry. Exit code = the suites' result (0 pass, 1 fail, 124 timeout).
// Usage: npm run test:extension
// Env: GMM_TEST_*=...        forwarded to the extension host (e.g. GMM_TEST_DELIBERATE_FAIL=1)
//      GMM_E2E_TIMEOUT=ms    overall deadline (default 480000, includes a first-run install; a busy 2-core machine needs over 240 s)
//      GMM_E2E_VERBOSE=1     also show VS Code's own log lines
//      GMM_E2E_KEEP=1        keep the scratch folder (.vscode-test/runs/...) for inspection
import * as util from 'node:util';
import { launchBrowser, remoteUri, workbenchUrl } from './browser';
import { buildSuites, suiteIndex } from './buildSuites';
import { createScratch, startServer } from './server';
import { ensureTestVSCode } from './setup';
import { envInt, log, projectRoot, runMain, seconds } from './util';

// VS Code's own chatter that reaches codeAutomationLog; mocha's lines never match.
const NOISE =
  /^\s*(INFO|WARN|TRACE|DEBUG)\b|^(Resolv|Creating a socket|Updating additional)|\[(AgentHost[^\]]*|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]|getaddrinfo ENOTFOUND|workbench\.js:\d+:\d+|^Canceled/;

/** GMM_TEST_* variables of this process, for the extension host's environment. */
function testEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('GMM_TEST_') && v !== undefined) env[k] = v;
  return env;
}

const timeout = {
  ms: envInt('GMM_E2E_TIMEOUT', 480_000),
  what: 'the extension tests did not report a result (codeAutomationExit)',
  envVar: 'GMM_E2E_TIMEOUT',
};

runMain('ext-tests', timeout, async (cleanups) => {
  await buildSuites();
  const vs = await ensureTestVSCode();
  const scratch = createScratch('ext-tests');
  let ok = false;
  // A failed run keeps its logs (server.log, profile) for inspection.
  cleanups.push(async () => scratch.dispose(!ok));
  const server = await startServer(vs, scratch, { testDriver: true });
  cleanups.push(server.stop);
  const browser = await launchBrowser(vs, scratch);
  cleanups.push(browser.close);
  const { page } = browser;

  let report: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (report = resolve));
  const verbose = process.env.GMM_E2E_VERBOSE === '1';
  // Both must exist before the page loads: the workbench looks them up at startup.
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const line = util.format(...args); // mocha's reporters log printf-style
    if (verbose || !NOISE.test(line)) console.log(line);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => report(code));

  const env = testEnvironment();
  const payload: Array<[string, string]> = [
    ['extensionDevelopmentPath', remoteUri(server.url, projectRoot)],
    ['extensionTestsPath', remoteUri(server.url, suiteIndex)],
    ['skipWelcome', 'true'],
  ];
  if (Object.keys(env).length) payload.push(['extensionEnvironment', JSON.stringify(env)]);
  log('ext-tests', `opening the workbench${Object.keys(env).length ? ` with ${JSON.stringify(env)}` : ''}`);
  const start = Date.now();
  await page.goto(workbenchUrl(server.url, scratch.workspace, payload));
  const code = await exitCode;
  log('ext-tests', `extension host reported exit code ${code} after ${seconds(start)}`);
  ok = code === 0;
  return code;
});
