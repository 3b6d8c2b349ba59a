// Entry point VS Code calls inside the extension host (`extensionTestsPath`):
// runs every *.test.js bundled next to this file with mocha and ends with the line
// `N passed, N failed` that scripts/test-all.mjs adds up. Rejecting makes VS Code
// exit the test run with code 1.
// GMM_TEST_DELIBERATE_FAIL=1 (passed via extensionEnvironment) adds one failing
// test, to check by hand that a failure really gives a non-zero exit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import MochaImport from 'mocha';

type MochaClass = typeof MochaImport;

/**
 * mocha 12 is an ES module; `require`d from CommonJS it arrives as a namespace
 * (possibly wrapped again by esbuild's interop) whose `default` is the class.
 * mocha <= 11 is the class itself. Unwrap until we hold the constructor.
 */
function mochaClass(m: unknown): MochaClass {
  let cur = m;
  for (let i = 0; i < 3 && typeof cur !== 'function'; i++) cur = (cur as { default?: unknown } | undefined)?.default;
  if (typeof cur !== 'function') throw new Error('could not load mocha');
  return cur as MochaClass;
}

export function run(): Promise<void> {
  const Mocha = mochaClass(MochaImport);
  console.log(`${vscode.env.appName} ${vscode.version} (extension host: node ${process.version}, ${vscode.env.remoteName ?? 'local'})`);
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000 });
  const files = (fs.readdirSync(__dirname, { recursive: true }) as string[]).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  if (process.env.GMM_TEST_DELIBERATE_FAIL === '1') {
    mocha.suite.addTest(
      new Mocha.Test('deliberate failure (GMM_TEST_DELIBERATE_FAIL=1)', () => {
        throw new Error('failing on purpose to check that a failed suite gives a non-zero exit code');
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      console.log(`${stats?.passes ?? 0} passed, ${stats?.failures ?? failures} failed`);
      if (failures > 0) reject(new Error(`${failures} extension test(s) failed`));
      else resolve();
    });
  });
}
