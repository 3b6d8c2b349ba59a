// The derivation preview's page in a real browser engine (Debian's chromium
// through playwright-core): a note of hundreds of blocks is marked `gmm-many`,
// so chunks off screen are not laid out (media/preview.css), and the webview
// script still reports the source line at the top of the view as a scan of
// every line element does (the script's way before chunks were skipped: the
// reference here), patches one block, and keeps the mark when a patch crosses
// the threshold. Skipped, with a message, where chromium is not installed.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { checkNote } from '../../../src/core/check';
import { renderNoteBlocks } from '../../../src/core/render/html';
import { blockAtLine, keyedNote, patchFrom, stepTowards, type KeyedNote } from '../../../src/shared/blockKeys';
import { chunkedBody, MANY_BLOCKS, SECTION_BLOCKS } from '../../../src/shared/messages';

const CHROMIUM = process.env.GMM_CHROMIUM ?? '/usr/bin/chromium';
const root = path.resolve(__dirname, '..', '..', '..');

/** A note of `n` sections: a heading, a paragraph, a display formula (true or not), a list. */
function note(n: number, wrongAt = -1): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`## Part ${i}`, '', `For part ${i} the mean gradient reads`, '',
      `$$\\frac{\\partial}{\\partial \\mu_k} \\frac{(x_i - \\mu_k)^2}{2} = ${i === wrongAt ? '' : '-'}(x_i - \\mu_k)$$`, '',
      `- item one of ${i}`, `- item two of ${i}`, '');
  }
  return parts.join('\n');
}

function rendered(text: string): { summary: string; blocks: string[] } {
  const r = renderNoteBlocks(text, checkNote(text));
  return { summary: r.summary, blocks: r.blocks };
}

describe('preview page in chromium (content-visibility for long notes)', function () {
  this.timeout(180_000);
  let browser: Browser | undefined;
  let page: Page;
  let dir: string;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`      (skipped: ${CHROMIUM} not found; apt-get install -y chromium, or set GMM_CHROMIUM)`);
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmm-page-'));
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'webview', 'preview.ts')], outfile: path.join(dir, 'webview.js'),
      bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Loads the page of `body` with the webview script and a stand-in for VS Code's API that records what the script posts. */
  async function load(body: string): Promise<void> {
    const file = path.join(dir, 'page.html');
    fs.writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="file://${root}/media/katex/katex.min.css"><link rel="stylesheet" href="file://${root}/media/preview.css">
<script>window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });</script>
</head><body class="gmm-preview vscode-light"><div id="gmm-preview-settings" hidden data-uri="file:///n.md" data-version="1" data-line="0"></div>
<main id="gmm-root">${body}</main><script src="file://${dir}/webview.js"></script></body></html>`);
    page = await browser!.newPage({ viewport: { width: 900, height: 800 } });
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    // Once loaded, the page puts itself at its line and takes scroll events of the next 100 ms
    // for that scroll's echo: a test's scroll in that window was not posted (seen on a fast machine).
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(250);
  }

  /**
   * Scrolls to `y`; the line the script posts, and the line a scan of every line
   * element gives (the reference). No named functions in evaluated code: the
   * TypeScript loader would wrap them in a helper the page lacks.
   */
  async function lineAt(y: number): Promise<{ posted: number; scanned: number }> {
    const before = await page.evaluate((to) => {
      const n = (window as unknown as { __posted: unknown[] }).__posted.length;
      window.scrollTo(0, to);
      return n;
    }, y);
    let posted: number | undefined;
    for (let i = 0; i < 200 && posted === undefined; i++) {
      await page.waitForTimeout(50);
      posted = await page.evaluate((from) => (window as unknown as { __posted: Array<{ type: string; line?: number }> }).__posted
        .slice(from).find((m) => m.type === 'scrolled')?.line, before);
    }
    if (posted === undefined) throw new Error(`no scrolled message after scrolling to ${y}`);
    const scanned = await page.evaluate(() => {
      const bar = document.querySelector<HTMLElement>('#gmm-root > .gmm-summary');
      const covered = bar ? bar.getBoundingClientRect().height + (parseFloat(getComputedStyle(bar).marginBottom) || 0) : 0;
      const at = window.scrollY + (window.scrollY > 0 ? covered : 0);
      const els = Array.from(document.querySelectorAll<HTMLElement>('#gmm-root [data-line]'))
        .filter((el) => !el.closest('.gmm-marker, .gmm-note, .gmm-issue'));
      const tops = els.map((el) => el.getBoundingClientRect().top + window.scrollY);
      let b = 0;
      let a = -1;
      for (let i = 0; i < els.length; i++) {
        if (tops[i]! <= at + 1) b = i;
        else { a = i; break; }
      }
      const bl = Number(els[b]!.dataset['line']);
      if (a < 0 || tops[a]! <= tops[b]!) return bl;
      const al = Number(els[a]!.dataset['line']);
      return Math.floor(bl + Math.min(1, Math.max(0, (at - tops[b]!) / (tops[a]! - tops[b]!))) * (al - bl));
    });
    return { posted, scanned };
  }

  /** How the page's chunks differ from `expected` blocks (HTML, numbering, sections); empty when they do not. */
  function chunksDiffer(expected: readonly string[]): Promise<string[]> {
    return page.evaluate((blocks) => {
      const chunks = Array.from(document.querySelectorAll<HTMLElement>('#gmm-root > .gmm-note-body > .gmm-section > .gmm-chunk'));
      const out: string[] = [];
      if (chunks.length !== blocks.length) out.push(`${chunks.length} chunks for ${blocks.length} blocks`);
      const t = document.createElement('template');
      chunks.forEach((c, i) => {
        t.innerHTML = blocks[i] ?? '';
        if (c.innerHTML !== t.innerHTML) out.push(`block ${i} differs`);
        if (c.dataset['chunk'] !== String(i)) out.push(`block ${i} numbered ${c.dataset['chunk']}`);
      });
      if (document.querySelector('.gmm-note-body > .gmm-section:empty')) out.push('an empty section');
      if (document.querySelector('.gmm-note-body > .gmm-chunk')) out.push('a chunk outside the sections');
      return out;
    }, expected);
  }

  it(`marks a note of ${MANY_BLOCKS}+ blocks and skips the chunks off screen; a short note is laid out whole`, async () => {
    const long = rendered(note(Math.ceil(MANY_BLOCKS / 4) + 10));
    assert.ok(long.blocks.length >= MANY_BLOCKS, `${long.blocks.length} blocks`);
    await load(chunkedBody(long.summary, long.blocks));
    const styles = await page.evaluate(() => {
      const sections = Array.from(document.querySelectorAll<HTMLElement>('.gmm-note-body > .gmm-section'));
      return {
        many: document.querySelector('.gmm-note-body')!.classList.contains('gmm-many'),
        last: getComputedStyle(sections[sections.length - 1]!).contentVisibility,
        // Sections are what is skipped, not each chunk (an intersection observer per skipped element).
        chunk: getComputedStyle(document.querySelector<HTMLElement>('.gmm-section > .gmm-chunk')!).contentVisibility,
        sections: sections.length,
      };
    });
    assert.deepEqual(styles, { many: true, last: 'auto', chunk: 'visible', sections: Math.ceil(long.blocks.length / SECTION_BLOCKS) });
    await page.close();

    const short = rendered(note(5));
    await load(chunkedBody(short.summary, short.blocks));
    const shortStyles = await page.evaluate(() => ({
      many: document.querySelector('.gmm-note-body')!.classList.contains('gmm-many'),
      last: getComputedStyle(document.querySelector<HTMLElement>('.gmm-note-body > .gmm-section:last-child')!).contentVisibility,
      // Contained all the same: a patch in one section leaves the others' paint properties alone.
      contain: getComputedStyle(document.querySelector<HTMLElement>('.gmm-note-body > .gmm-section')!).contain,
    }));
    assert.deepEqual(shortStyles, { many: false, last: 'visible', contain: 'layout style' });
    await page.close();
  });

  for (const [what, parts] of [['long', Math.ceil(MANY_BLOCKS / 4) + 10], ['short', Math.ceil(MANY_BLOCKS / 8)]] as const) {
    it(`posts the source line at the top of the view that a scan of every line element gives (${what} note)`, async () => {
      const long = rendered(note(parts));
      await load(chunkedBody(long.summary, long.blocks));
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const seen: string[] = [];
      for (const f of [0.05, 0.31, 0.5, 0.77, 0.93, 0.12]) {
        const { posted, scanned } = await lineAt(Math.round(height * f));
        seen.push(`${f}: ${posted}/${scanned}`);
        assert.equal(posted, scanned, `at ${f} of the page: ${seen.join(', ')}`);
      }
      await page.close();
    });
  }

  it('patches one block of a long page, and drops the mark when a patch makes the note short', async () => {
    const text = note(Math.ceil(MANY_BLOCKS / 4) + 10);
    const before = rendered(text);
    await load(chunkedBody(before.summary, before.blocks));
    const shown = keyedNote(before.summary, before.blocks);
    const wrongAt = Math.ceil(MANY_BLOCKS / 8);
    const after = rendered(note(Math.ceil(MANY_BLOCKS / 4) + 10, wrongAt));
    const patch = patchFrom(shown, keyedNote(after.summary, after.blocks), 1, 2);
    assert.ok(patch.type === 'patch');
    assert.equal(patch.blocks.filter((b) => typeof b === 'string').length, 1, 'one block changed');
    const fails = await page.evaluate((p) => {
      window.postMessage(p, '*');
      return new Promise<number>((resolve) => setTimeout(() => resolve(document.querySelectorAll('#gmm-root .gmm-marker.gmm-fail').length), 200));
    }, patch);
    assert.equal(fails, checkNote(note(Math.ceil(MANY_BLOCKS / 4) + 10, wrongAt)).claims.filter((c) => c.verdict === 'fail').length);
    assert.ok(fails >= 1);

    const short = rendered(note(5));
    const cut = patchFrom(keyedNote(after.summary, after.blocks), keyedNote(short.summary, short.blocks), 2, 3);
    const many = await page.evaluate((p) => {
      window.postMessage(p, '*');
      return new Promise<boolean>((resolve) => setTimeout(() => resolve(document.querySelector('.gmm-note-body')!.classList.contains('gmm-many')), 200));
    }, cut);
    assert.equal(many, false);
    await page.close();
  });

  it('keeps the blocks in order across sections when a patch inserts, moves and deletes blocks', async () => {
    const n = Math.ceil(MANY_BLOCKS / 4) + 10;
    const before = rendered(note(n));
    await load(chunkedBody(before.summary, before.blocks));
    // A part inserted at the top, one cut from the middle and one added at the end
    // (new blocks at a section's start and end, kept ones shifted by lines).
    const parts = note(n).split('## Part ');
    const cut = Math.floor(parts.length / 2);
    const edited = [parts[0], '0b\n\nA new first part.\n\n', ...parts.slice(1, cut), ...parts.slice(cut + 1), `${n} and more\n\nThe end.\n`].join('## Part ');
    const after = rendered(edited);
    const patch = patchFrom(keyedNote(before.summary, before.blocks), keyedNote(after.summary, after.blocks), 1, 2);
    assert.ok(patch.type === 'patch');
    const fresh = patch.blocks.filter((b) => typeof b === 'string').length;
    assert.ok(fresh >= 2 && fresh < 10, `${fresh} new blocks`);
    await page.evaluate((p) => window.postMessage(p, '*'), patch);
    await page.waitForTimeout(200);
    const wrong = await chunksDiffer(after.blocks);
    assert.deepEqual(wrong, []);
    await page.close();
  });

  /** A note of some 350 blocks rendered, keyed, and a step budget of a sixth of its HTML. */
  function longInSteps(): { full: { summary: string; blocks: string[] }; next: KeyedNote; budget: number } {
    const full = rendered(note(Math.ceil(MANY_BLOCKS / 4) + 10));
    return { full, next: keyedNote(full.summary, full.blocks), budget: Math.ceil(full.blocks.reduce((t, h) => t + h.length, 0) / 6) };
  }

  /** Posts a message to the page's script; what the script posts back within 200 ms. */
  function postAndCollect(message: unknown): Promise<Array<{ type: string; version?: number; line?: number }>> {
    return page.evaluate((p) => new Promise<Array<{ type: string; version?: number; line?: number }>>((resolve) => {
      const posted = (window as unknown as { __posted: Array<{ type: string; version?: number; line?: number }> }).__posted;
      const from = posted.length;
      window.postMessage(p, '*');
      setTimeout(() => resolve(posted.slice(from)), 200);
    }), message);
  }

  /** The source line of the first line element below the summary bar. */
  function lineAtViewTop(): Promise<number> {
    return page.evaluate(() => {
      const bar = document.querySelector<HTMLElement>('#gmm-root > .gmm-summary');
      const covered = bar ? bar.getBoundingClientRect().bottom : 0;
      const el = Array.from(document.querySelectorAll<HTMLElement>('#gmm-root [data-line]'))
        .find((e) => !e.closest('.gmm-marker, .gmm-note, .gmm-issue') && e.getBoundingClientRect().bottom > covered);
      return Number(el?.dataset['line']);
    });
  }

  it('fills a first page of the blocks in view step by step, saying after each which version it shows', async () => {
    const { full, next, budget } = longInSteps();
    const line = next.lines[Math.floor(next.lines.length * 0.6)]!;
    const around = blockAtLine(next, line);
    let step = stepTowards(undefined, next, around, budget);
    assert.equal(step.done, false);
    await load(chunkedBody(step.note.summary, next.keys.map((_, i) => step.note.html(i))));
    let shown: KeyedNote = step.note;
    let version = 1;
    while (!step.done) {
      step = stepTowards(shown, next, around, budget);
      const posted = await postAndCollect({ ...patchFrom(shown, step.note, version, version + 1), line });
      version++;
      assert.equal(posted.find((m) => m.type === 'applied')?.version, version, `step to version ${version} acknowledged`);
      shown = step.note;
      assert.ok(version < 20, 'the steps end');
    }
    assert.deepEqual(await chunksDiffer(full.blocks), []);
    // The line the steps asked for is at the top of the view.
    const top = await lineAtViewTop();
    assert.ok(Math.abs(top - line) <= 8, `line ${top} at the top, asked for ${line}`);
    await page.close();
  });

  it('takes a scroll back to where the page\'s own last scroll put it for the reader\'s', async () => {
    const { next, budget } = longInSteps();
    let step = stepTowards(undefined, next, 0, budget);
    await load(chunkedBody(step.note.summary, next.keys.map((_, i) => step.note.html(i))));
    // A step that puts a line at the top: the page's own scroll.
    step = stepTowards(step.note, next, 0, budget);
    const line = next.lines[Math.floor(next.lines.length / 8)]!;
    await postAndCollect({ ...patchFrom(stepTowards(undefined, next, 0, budget).note, step.note, 1, 2), line });
    assert.ok(Math.abs((await lineAtViewTop()) - line) <= 6, 'the step scrolled the page');
    // Away and back to where that scroll had put the page: the reader's scroll, reported.
    const own = await page.evaluate(() => window.scrollY);
    await lineAt(own + 400);
    const back = await lineAt(own);
    assert.equal(back.posted, back.scanned);
    await page.close();
  });
});
