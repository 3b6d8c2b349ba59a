// Starts and stops the VS Code server (server-main.js) for one test run, inside a
// scratch folder of its own under .vscode-test/runs/: user data, server data,
// extensions, HOME and TMPDIR (the server writes sockets and caches there; TMPDIR
// is reached through a short link, see createScratch), and the workspace folder.
// Also installs a VSIX with the same server's CLI.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestVSCode } from './setup';
import { cleanEnv, log, runLogged, tail, testRoot } from './util';

export interface Scratch {
  root: string;
  home: string;
  tmp: string;
  userData: string;
  serverData: string;
  extensions: string;
  workspace: string;
  /** Deletes the folder, unless `keep` or GMM_E2E_KEEP=1 (then it is left for inspection). */
  dispose(keep?: boolean): void;
}

// A quiet, deterministic workbench: no welcome page, no AI/chat, no telemetry, no update checks.
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'git.enabled': false,
};

/** Failed runs keep their folders for inspection; drop those older than a day so they do not pile up. */
function pruneOldRuns(runs: string): void {
  if (!fs.existsSync(runs)) return;
  for (const d of fs.readdirSync(runs)) {
    const p = path.join(runs, d);
    if (Date.now() - fs.statSync(p).mtimeMs > 24 * 3600_000) fs.rmSync(p, { recursive: true, force: true });
  }
}

export function createScratch(name: string): Scratch {
  pruneOldRuns(path.join(testRoot, 'runs'));
  const root = path.join(testRoot, 'runs', `${name}-${Date.now().toString(36)}-${process.pid}`);
  // Unix socket paths must stay under ~107 bytes and both chromium and the server
  // put sockets in TMPDIR, so TMPDIR is a short link in the system temp folder
  // (/tmp/gmm-XXXXXX/t) that points into the scratch folder, wherever the project lives.
  const realTmp = path.join(root, 'tmp');
  fs.mkdirSync(realTmp, { recursive: true });
  const linkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-'));
  fs.symlinkSync(realTmp, path.join(linkDir, 't'));
  const dirs = {
    home: path.join(root, 'home'),
    tmp: path.join(linkDir, 't'),
    userData: path.join(root, 'user-data'),
    serverData: path.join(root, 'server-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  return {
    root,
    ...dirs,
    dispose: (keep = false) => {
      fs.rmSync(linkDir, { recursive: true, force: true }); // only the link, not its target
      if (keep || process.env.GMM_E2E_KEEP === '1') log('server', `scratch folder kept for inspection: ${root}`);
      else fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

function serverArgs(s: Scratch): string[] {
  return [
    '--accept-server-license-terms',
    '--user-data-dir', s.userData,
    '--server-data-dir', s.serverData,
    '--extensions-dir', s.extensions,
  ];
}

function serverEnv(s: Scratch): NodeJS.ProcessEnv {
  return cleanEnv({ HOME: s.home, TMPDIR: s.tmp, XDG_RUNTIME_DIR: s.tmp, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' });
}

/** Installs a packaged extension into the scratch extensions dir, as a user's `code --install-extension` would. */
export async function installVsix(vs: TestVSCode, s: Scratch, vsix: string): Promise<void> {
  const logFile = path.join(s.root, 'install-extension.log');
  await runLogged(vs.node, [vs.serverMain, ...serverArgs(s), '--install-extension', vsix, '--force'], logFile, {
    env: serverEnv(s),
  });
  log('server', `installed ${path.basename(vsix)}: ${fs.readdirSync(s.extensions).filter((f) => !f.endsWith('.json')).join(', ')}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  port: number;
  /** http://127.0.0.1:PORT/ */
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /**
   * --enable-smoke-test-driver: needed for extension tests (without it a built
   * workbench ignores the `payload` URL parameter and the tests silently never
   * start), but it also turns off notification toasts, so a run that looks at the
   * UI like a user must leave it off.
   */
  testDriver: boolean;
}

export async function startServer(vs: TestVSCode, s: Scratch, opts: ServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const logFile = path.join(s.root, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const args = [
    vs.serverMain, ...serverArgs(s),
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', ...(opts.testDriver ? ['--enable-smoke-test-driver'] : []),
    '--disable-telemetry', '--disable-workspace-trust',
  ];
  // detached: the server gets its own process group, so stopping it also stops
  // the extension host and file watcher it forks.
  const child: ChildProcess = spawn(vs.node, args, { detached: true, stdio: ['ignore', out, out], env: serverEnv(s) });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn the VS Code server');
  let exited = false;
  const exitedP = new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve(); }));
  const killGroup = (sig: NodeJS.Signals): void => {
    try { process.kill(-pid, sig); } catch { /* already gone */ }
  };
  // Last resort if this process dies without running its cleanups.
  const onExit = (): void => killGroup('SIGKILL');
  process.on('exit', onExit);
  const stop = async (): Promise<void> => {
    process.off('exit', onExit);
    killGroup('SIGTERM');
    const gone = await Promise.race([exitedP.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
    // SIGKILL the group anyway: forked children may outlive a server that exited on SIGTERM.
    killGroup('SIGKILL');
    log('server', `stopped (pid ${pid}${gone ? '' : ', had to SIGKILL'})`);
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`VS Code server exited during startup; ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`VS Code server did not answer on ${url} within 60 s; ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  log('server', `VS Code ${vs.vscodeVersion} server on ${url} (pid ${pid}, log ${path.relative(process.cwd(), logFile)})`);
  return { port, url, logFile, stop };
}
