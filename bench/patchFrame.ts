// The renderer's work for the derivation preview's patches, in headless
// Chromium without VS Code: seed 003 with the benchmark's edit point, its page
// as the webview shows it (media/preview.css, dist/webview.js's source), and
// 12 patches that alternate a digit typed at the edit point and removed (the
// summary and one block change), each followed by two frames. Prints the CPU
// time of the trace's script, style, layout, pre-paint and paint events: in
// VS Code the page shares the renderer that draws the editor's keys.
//   npx tsx bench/patchFrame.ts ['extra CSS']
// The extra CSS goes after the stylesheet, e.g. '.gmm-note-body > .gmm-section
// { contain: none; }' for the page without its sections' containment.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { checkNote } from '../src/core/check';
import { renderNoteBlocks } from '../src/core/render/html';
import { allBlocks, keyedNote, patchFrom, type KeyedNote } from '../src/shared/blockKeys';
import { chunkedBody } from '../src/shared/messages';
import { buildLongNote, EDIT_BLOCK, EDIT_MARKER } from './longnote';

const PATCHES = 12;
const STEPS = ['FunctionCall', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize'];

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const seed = fs.readdirSync(path.join(root, 'examples')).find((n) => n.startsWith('003'));
  if (!seed) throw new Error('no seed note 003 in examples/');
  // GMM_PATCH_NOTE=long: the benchmark's long note (bench/longnote.ts) instead.
  const long = process.env.GMM_PATCH_NOTE === 'long';
  const before = long ? buildLongNote(path.join(root, 'examples'), 2000, 5000).text : `${EDIT_BLOCK}\n${fs.readFileSync(path.join(root, 'examples', seed), 'utf8')}`;
  const after = before.replace(EDIT_MARKER, `${EDIT_MARKER}1`);
  const keyed = (t: string): KeyedNote => {
    const r = renderNoteBlocks(t, checkNote(t));
    return keyedNote(r.summary, r.blocks);
  };
  const [k0, k1] = [keyed(before), keyed(after)];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-patch-frame-'));
  try {
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'webview', 'preview.ts')], outfile: path.join(dir, 'webview.js'),
      bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning',
    });
    fs.writeFileSync(path.join(dir, 'page.html'), `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${root}/media/katex/katex.min.css"><link rel="stylesheet" href="file://${root}/media/preview.css">
<style>${process.argv[2] ?? ''}</style>
<script>window.acquireVsCodeApi = () => ({ postMessage: () => {}, getState: () => undefined, setState: () => {} });</script>
</head><body class="gmm-preview vscode-light"><div id="gmm-preview-settings" hidden data-uri="file:///n.md" data-version="1" data-line="0"></div>
<main id="gmm-root">${chunkedBody(k0.summary, allBlocks(k0))}</main><script src="file://${dir}/webview.js"></script></body></html>`);
    const browser = await chromium.launch({ executablePath: process.env.GMM_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 700, height: 850 } });
      await page.goto(`file://${dir}/page.html`);
      await page.waitForTimeout(1_500);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Tracing.start', {
        transferMode: 'ReturnAsStream',
        traceConfig: { includedCategories: ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] },
      });
      for (let v = 1; v <= PATCHES; v++) {
        const [from, to] = v % 2 === 1 ? [k0, k1] : [k1, k0];
        // Posted as VS Code posts it; two frames after the handler ran.
        await page.evaluate((m) => new Promise<void>((resolve) => {
          window.postMessage(m, '*');
          setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())), 50);
        }), patchFrom(from, to, v, v + 1));
        await page.waitForTimeout(100);
      }
      const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream ?? '')));
      await cdp.send('Tracing.end');
      const stream = await done;
      let text = '';
      for (;;) {
        const chunk = await cdp.send('IO.read', { handle: stream });
        text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
        if (chunk.eof) break;
      }
      const events = (JSON.parse(text) as { traceEvents: Array<{ name: string; ph: string; dur?: number; tdur?: number }> }).traceEvents;
      const cpu = new Map<string, number>();
      const most = new Map<string, number>();
      for (const e of events) {
        if (e.ph !== 'X' || !STEPS.includes(e.name)) continue;
        const t = (e.tdur ?? e.dur ?? 0) / 1000;
        cpu.set(e.name, (cpu.get(e.name) ?? 0) + t);
        most.set(e.name, Math.max(most.get(e.name) ?? 0, t));
      }
      console.log(`${long ? 'long note' : 'seed 003'} page (${k0.keys.length} blocks), ms of CPU per patch (mean of ${PATCHES}; script includes the style and layout it forces):`);
      console.log(STEPS.map((s) => `${s} ${((cpu.get(s) ?? 0) / PATCHES).toFixed(1)} (max ${(most.get(s) ?? 0).toFixed(1)})`).join(', '));
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
