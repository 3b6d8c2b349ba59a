// Bundles the extension-host test suites (test/extension/**/*.ts) with esbuild into
// out/test/extension/, one CommonJS file per source file. `vscode` is provided by the
// extension host and `mocha` is loaded from the project's node_modules at run time,
// so both stay external. Shared by both runners (real server and @vscode/test-electron).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, projectRoot } from './util';

export const suitesSrc = path.join(projectRoot, 'test', 'extension');
export const suitesOut = path.join(projectRoot, 'out', 'test', 'extension');
export const suiteIndex = path.join(suitesOut, 'index.js');

export async function buildSuites(): Promise<void> {
  const dist = path.join(projectRoot, 'dist', 'extension.js');
  if (!fs.existsSync(dist)) throw new Error(`${dist} is missing: run \`npm run build\` first`);
  const entryPoints = (fs.readdirSync(suitesSrc, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(suitesSrc, f));
  // Stale outputs of deleted suites would still be picked up by the index.
  fs.rmSync(suitesOut, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: suitesOut,
    outbase: suitesSrc,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  log('build', `${entryPoints.length} extension-test files -> ${path.relative(projectRoot, suitesOut)}`);
}
