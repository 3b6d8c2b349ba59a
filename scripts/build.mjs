// Bundles the three programs with esbuild and copies KaTeX's CSS and fonts
// into media/ so the extension and the HTML report work with no network.
//   dist/extension.js  node, CommonJS, `vscode` external (the extension host provides it)
//   dist/cli.js        node, CommonJS, with a shebang (the `gmm-check` bin)
//   dist/checkWorker.js node, CommonJS: the worker thread the extension checks notes in
//   dist/batchWorker.js node, CommonJS: the worker threads of `gmm-check --jobs N` (found next to cli.js)
//   dist/webview.js    browser IIFE for the preview webview
// Usage: node scripts/build.mjs [--watch] [--minify]
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, chmodSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

function copyKatexMedia() {
  const katexDist = join(dirname(require.resolve('katex/package.json')), 'dist');
  const out = join(root, 'media', 'katex');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'fonts'), { recursive: true });
  cpSync(join(katexDist, 'katex.min.css'), join(out, 'katex.min.css'));
  // woff2 is enough for every engine VS Code's webviews run in; the other
  // formats would triple the VSIX for nothing.
  cpSync(join(katexDist, 'fonts'), join(out, 'fonts'), {
    recursive: true,
    filter: (src) => !/\.(ttf|woff)$/.test(src),
  });
}

const common = { bundle: true, sourcemap: !minify, minify, logLevel: 'warning', target: 'es2022' };
const builds = [
  { ...common, entryPoints: [join(root, 'src/extension/extension.ts')], outfile: join(root, 'dist/extension.js'),
    platform: 'node', format: 'cjs', external: ['vscode'] },
  { ...common, entryPoints: [join(root, 'src/worker/checkWorker.ts')], outfile: join(root, 'dist/checkWorker.js'),
    platform: 'node', format: 'cjs' },
  { ...common, entryPoints: [join(root, 'src/cli/batchWorker.ts')], outfile: join(root, 'dist/batchWorker.js'),
    platform: 'node', format: 'cjs' },
  { ...common, entryPoints: [join(root, 'src/cli/cli.ts')], outfile: join(root, 'dist/cli.js'),
    platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: [join(root, 'src/webview/preview.ts')], outfile: join(root, 'dist/webview.js'),
    platform: 'browser', format: 'iife' },
];

copyKatexMedia();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const cli = join(root, 'dist/cli.js');
  if (existsSync(cli)) chmodSync(cli, 0o755);
}
