// Runs the same extension-host suites (test/extension/) in VS Code *desktop* via
// @vscode/test-electron, the standard way on a developer machine or a CI runner
// with internet: runTests() downloads VS Code into .vscode-test/ on first use.
// It does NOT work on a machine that reaches only the npm registry (that download
// fails) — there `npm run test:extension` (runExtensionTests.ts) is the runner.
// Not part of `npm test`.
// Usage: npm run build && npx tsx test/e2e/runWithTestElectron.ts
//        (on Linux without a display: xvfb-run -a npx tsx test/e2e/runWithTestElectron.ts)
// Env: GMM_VSCODE_VERSION=stable|insiders|1.100.0   VS Code to download (default stable)
//      GMM_TEST_*=...                               forwarded to the extension host
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuites, suiteIndex } from './buildSuites';
import { log, projectRoot, testRoot } from './util';

async function main(): Promise<number> {
  await buildSuites();
  const workspace = path.join(testRoot, 'runs', `electron-${process.pid}`);
  fs.mkdirSync(workspace, { recursive: true });
  const extensionTestsEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('GMM_TEST_') && v !== undefined) extensionTestsEnv[k] = v;
  try {
    // runTests resolves with the exit code of VS Code (0 when the suites passed).
    return await runTests({
      version: process.env.GMM_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: suiteIndex,
      extensionTestsEnv,
      // Other installed extensions would only slow the run down and add noise.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    log('test-electron', 'FAILED:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
