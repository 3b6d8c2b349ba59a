// `npm test`: runs every check in order, stops at the first failure, and ends
// with ONE line `N passed, N failed` that adds up the tests of all suites.
// Each step's output is shown as it runs and also scanned for its counts:
// our own `N passed, N failed` lines (extension host, UI check) or mocha's
// `N passing` / `N failing`. Steps without tests (typecheck, lint, build) only
// have to exit 0.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vsix = join(root, 'gmm-derivation-checker.vsix');

/** name, npm script, whether it reports test counts */
const steps = [
  ['typecheck', 'typecheck', false],
  ['lint', 'lint', false],
  ['build', 'build', false],
  ['unit', 'test:unit', true],
  ['vsix', 'test:vsix', true],
  // Installs the test VS Code on the first run (minutes on a cold machine); its own
  // step so the extension tests' deadline only counts the tests.
  ['setup', 'test:setup', false],
  ['extension', 'test:extension', true],
  ['e2e', 'test:e2e', true],
];

// Never fetch a browser; the harness drives Debian's chromium.
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

/** Test counts from a step's output; the last report wins. */
function counts(out) {
  const text = out.replace(/\x1b\[[0-9;]*m/g, '');
  const own = [...text.matchAll(/^\s*(\d+) passed, (\d+) failed\s*$/gm)].pop();
  if (own) return { passed: +own[1], failed: +own[2] };
  const passing = [...text.matchAll(/^\s*(\d+) passing\b/gm)].pop();
  const failing = [...text.matchAll(/^\s*(\d+) failing\b/gm)].pop();
  if (passing || failing) return { passed: passing ? +passing[1] : 0, failed: failing ? +failing[1] : 0 };
  return undefined;
}

const t0 = Date.now();
const summary = [];
let passed = 0;
let failed = 0;
let broken = false;
for (const [name, script, hasTests] of steps) {
  console.log(`\n=== ${name} (npm run ${script}) ===`);
  const start = Date.now();
  const { code, out } = await run(script);
  const secs = ((Date.now() - start) / 1000).toFixed(1);
  const c = hasTests ? counts(out) : undefined;
  if (c) { passed += c.passed; failed += c.failed; }
  // A test step that exits 0 without a readable report is suspicious: count it as broken.
  const ok = code === 0 && (!hasTests || (c !== undefined && c.failed === 0));
  summary.push(`  ${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(10)} ${secs.padStart(6)} s` +
    (c ? `  ${c.passed} ok / ${c.failed} not ok` : hasTests ? '  (no test counts found)' : ''));
  if (!ok) { broken = true; break; }
  // The VSIX test just packaged a fresh VSIX; the UI test installs that one instead of packaging again.
  if (name === 'vsix' && existsSync(vsix)) env.GMM_REUSE_VSIX = '1';
}

console.log(`\n=== summary (${((Date.now() - t0) / 1000).toFixed(1)} s) ===`);
console.log(summary.join('\n'));
if (broken && failed === 0) failed = 1; // a crashed step counts as one failure
if (broken) console.log(`stopped after the first failing step; later steps did not run`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
