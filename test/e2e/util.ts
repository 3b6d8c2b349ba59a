// Shared helpers of the real-VS-Code harness: project paths, timestamped logging,
// running child processes with their output in a log file, and a watchdog.
import { spawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..');
/** Everything the harness installs or scribbles lives here (git-ignored, like @vscode/test-electron's folder). */
export const testRoot = path.join(projectRoot, '.vscode-test');
export const resultsDir = path.join(projectRoot, 'test-results');
export const vsixPath = path.join(projectRoot, 'gmm-derivation-checker.vsix');

// Nothing in this harness may fetch a browser: Debian's chromium is driven instead.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const t0 = Date.now();
export function log(tag: string, ...msg: unknown[]): void {
  console.log(`[${tag} +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...msg);
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

/**
 * Runs a command to completion with stdout+stderr appended to `logFile`
 * (installs are chatty; the log is shown only when something fails).
 */
export function runLogged(cmd: string, args: string[], logFile: string, opts: SpawnOptions = {}): Promise<void> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(fd, `\n$ ${cmd} ${args.join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', fd, fd] });
    child.on('error', (e) => {
      fs.closeSync(fd);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      fs.closeSync(fd);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); last lines of ${logFile}:\n${tail(logFile)}`));
    });
  });
}

/** Runs a command with its output passed through (used for `npm run package`). */
export function runVisible(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)));
  });
}

/**
 * Environment for processes of the test VS Code: our own variables minus anything
 * that would make a VS Code think it runs inside another one (e.g. when `npm test`
 * is started from a VS Code terminal).
 */
export function cleanEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') continue;
    env[k] = v;
  }
  return { ...env, ...overrides };
}

/** Positive integer from an env var, else the default. */
export function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * Runs `main` with a hard deadline and a cleanup list that runs on every way out
 * (success, failure, timeout, Ctrl-C), then exits with main's code.
 */
export function runMain(
  tag: string,
  timeout: { ms: number; what: string; envVar: string },
  main: (cleanups: Array<() => Promise<void>>) => Promise<number>,
): void {
  const cleanups: Array<() => Promise<void>> = [];
  let exiting = false;
  const finish = async (code: number): Promise<void> => {
    // The first way out decides the exit code; e.g. after a timeout, main() fails
    // too (its browser is being closed) and must not turn 124 into 1.
    if (exiting) return;
    exiting = true;
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => log(tag, 'cleanup failed:', e));
    process.exit(code);
  };
  const timer = setTimeout(() => {
    log(tag, `TIMEOUT: ${timeout.what} within ${timeout.ms / 1000} s; giving up (raise ${timeout.envVar}=ms if the machine is just slow)`);
    void finish(124);
  }, timeout.ms);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      log(tag, `got ${sig}, cleaning up`);
      void finish(130);
    });
  }
  main(cleanups).then(
    (code) => {
      clearTimeout(timer);
      return finish(code);
    },
    (e: unknown) => {
      clearTimeout(timer);
      if (!exiting) log(tag, 'FAILED:', e instanceof Error ? e.message : e);
      return finish(1);
    },
  );
}
