// A bench program run as the VSIX ships code: bundled by esbuild with the options of
// `npm run package` (scripts/build.mjs --minify), in a node process of its own. The bench's
// own figures run the TypeScript sources through tsx, which wraps every function they create
// in a naming helper (`__name`) that the shipped bundles do not have. No main block here: this
// file goes into the bundles it makes.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * Runs `node BUNDLE ...args` on `entry` bundled as `npm run package` bundles the programs
 * (esbuild, minified, node, CommonJS; `external` left to node_modules), and returns its output.
 * The bundle goes to out/ in the repository, where it finds the packages it leaves out.
 */
export function runBundled(entry: string, args: string[], external: string[] = []): BundledRun {
  return runBundledTimes(entry, args, 1, external)[0]!;
}

export interface BundledRun { status: number | null; stdout: string; stderr: string }

/** runBundled `times` times, each in a fresh process, from one bundle built once. */
export function runBundledTimes(entry: string, args: string[], times: number, external: string[] = []): BundledRun[] {
  const outDir = path.join(__dirname, '..', 'out');
  fs.mkdirSync(outDir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(outDir, 'bench-bundle-'));
  try {
    const outfile = path.join(dir, 'bundle.js');
    esbuild.buildSync({
      entryPoints: [entry], outfile, bundle: true, minify: true, external,
      target: 'es2022', platform: 'node', format: 'cjs', logLevel: 'error',
    });
    const out: BundledRun[] = [];
    for (let i = 0; i < times; i++) {
      const r = spawnSync(process.execPath, [outfile, ...args], { encoding: 'utf8', timeout: 1_800_000, maxBuffer: 1 << 26 });
      out.push({ status: r.status, stdout: r.stdout ?? '', stderr: r.stderr || String(r.error ?? '') });
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
