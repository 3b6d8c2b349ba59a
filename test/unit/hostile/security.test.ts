// Security of the renderers on hostile notes: a note is untrusted text shown
// in the VS Code webview and in the CLI's HTML report. renderNoteBody and
// renderReportPage must never emit a script, an event-handler attribute, a
// script/data URL, attributes a note asks KaTeX for (\htmlClass, \htmlData,
// \htmlId, \htmlStyle), or huge sizes (\rule); macro bombs end quickly with an
// error rendering, and checkNote on all of these ends quickly too. The HTML
// is read with a small tag tokenizer (no DOM library needed).
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { renderNoteBody, renderReportPage } from '../../../src/core/render/html';

/** One start tag of the output: its name and attributes (values decoded of the few entities that matter). */
interface Tag {
  name: string;
  attrs: Map<string, string>;
  source: string;
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function decode(v: string): string {
  return v.replace(/&#x([0-9a-f]+);?/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&colon;/gi, ':')
    .replace(/&amp;/g, '&');
}

function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(TAG)) {
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(ATTR)) attrs.set(a[1]!.toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? ''));
    out.push({ name: m[1]!.toLowerCase(), attrs, source: m[0] });
  }
  return out;
}

/** Is a URL one a browser would run or load as a document (script, data, file)? Stricter than the product's check. */
function dangerousUrl(url: string): boolean {
  const squeezed = url.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  return /^(javascript|vbscript|data|file|livescript):/.test(squeezed) || /^(javascript|vbscript|data|file)%3a/.test(squeezed);
}

const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'base', 'link', 'meta', 'style', 'svg', 'foreignobject', 'img', 'video', 'audio', 'source', 'input', 'button', 'textarea', 'template']);
const URL_ATTRS = ['href', 'src', 'xlink:href', 'action', 'formaction', 'background', 'poster', 'srcset', 'data'];
/**
 * KaTeX caps positive user sizes at maxSize (10em) and the renderer clamps
 * what slips through (a \rule's raise, a negative \kern) to 1000em.
 */
const MAX_EM = 1000;

/** Everything a hostile note must not get into the rendered body. */
function assertInert(html: string, what: string): void {
  assert.doesNotMatch(html, /<script/i, `${what}: a script element`);
  for (const t of tags(html)) {
    assert.ok(!FORBIDDEN_TAGS.has(t.name), `${what}: a <${t.name}> element: ${t.source}`);
    for (const [name, value] of t.attrs) {
      assert.ok(!name.startsWith('on'), `${what}: an event handler attribute: ${t.source}`);
      if (URL_ATTRS.includes(name)) assert.ok(!dangerousUrl(value), `${what}: a dangerous URL: ${t.source}`);
      if (name === 'style') {
        assert.doesNotMatch(value, /url\s*\(|expression\s*\(|javascript:|@import/i, `${what}: a style that loads or runs something: ${t.source}`);
        for (const m of value.matchAll(/(-?[\d.]+)em/g)) {
          assert.ok(Math.abs(Number(m[1])) <= MAX_EM, `${what}: a size of ${m[0]} (over ${MAX_EM}em): ${t.source}`);
        }
      }
      // \htmlData / \htmlId / \htmlClass would add these.
      assert.ok(!/^data-(foo|evil|x)/.test(name), `${what}: a note-chosen data attribute: ${t.source}`);
      if (name === 'id') assert.notEqual(value, 'evil', `${what}: a note-chosen id: ${t.source}`);
      if (name === 'class') assert.ok(!/\bevil\b/.test(value), `${what}: a note-chosen class: ${t.source}`);
    }
  }
}

/** Hostile notes, each with what it tries. */
const HOSTILE: Record<string, string> = {
  'raw script element': 'Text <script>alert(1)</script> text\n\n<script>\nalert(2)\n</script>\n',
  'img onerror': '<img src=x onerror=alert(1)>\n\nInline <img src="x" onerror="alert(2)"> too.\n',
  'svg onload and other raw html': '<svg onload=alert(1)><div onclick="alert(2)">x</div><iframe src="javascript:alert(3)"></iframe>\n',
  'javascript: links': '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c](&#106;avascript:alert(3)) <javascript:alert(4)>\n\n[d]: javascript:alert(5)\n\n[d] ![e](javascript:alert(6)) [f](vbscript:msgbox(7)) [g](data:text/html,<script>alert(8)</script>) [h](java%0ascript:alert(9))\n',
  'html in math': '$<script>alert(1)</script>$ and $$</div><script>alert(2)</script>$$ and $\\text{<img src=x onerror=alert(3)>}$\n',
  'a claim whose sides hold html': '$$<script>alert(1)</script> = x_i$$\n\n$$\\gamma_{ik} = \\frac{"><img src=x onerror=alert(2)>}{1}$$\n',
  '\\href and \\url with javascript:': '$\\href{javascript:alert(1)}{x}$ $$\\url{javascript:alert(2)}$$ $\\href{JAVASCRIPT:alert(3)}{\\gamma_{ik}} = 1$\n',
  '\\htmlClass, \\htmlData, \\htmlId, \\htmlStyle': '$\\htmlClass{evil}{x}$ $\\htmlData{foo=bar, evil=1}{x}$ $\\htmlId{evil}{x}$ $\\htmlStyle{background:url(javascript:alert(1))}{x}$\n',
  '\\includegraphics': '$\\includegraphics[height=1em]{https://example.invalid/a.png}$ $\\includegraphics{javascript:alert(1)}$\n',
  'huge \\rule and sizes': '$$\\rule{100000em}{100000em}$$\n\n$\\rule[-99999em]{1em}{1em}$ $\\kern{100000em} x \\kern-100000em y \\hspace{99999em} \\mkern{99999mu}$ $\\raisebox{99999em}{x}$ $\\Huge\\Huge x$\n',
  '\\color breaking out of its attribute': '$\\color{red" onmouseover="alert(1)}{x}$ $\\textcolor{red;background:url(javascript:alert(2))}{x}$\n',
  'macro bomb \\def': '$$\\def\\a{\\a\\a}\\a$$\n',
  'macro bomb \\newcommand': '$$\\newcommand{\\x}{\\y\\y\\y\\y}\\newcommand{\\y}{\\z\\z\\z\\z}\\newcommand{\\z}{\\w\\w\\w\\w}\\newcommand{\\w}{\\v\\v\\v\\v}\\newcommand{\\v}{aaaa}\\x\\x\\x\\x$$\n',
  'macro bomb with arguments': '$$\\def\\b#1{#1#1#1#1}\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{\\b{x}}}}}}}}}}$$\n',
  'macro bomb \\gdef recursion': '$\\gdef\\f{\\f x}\\f$ $\\let\\g\\g\\g$ $\\edef\\e{\\e}\\e$\n',
  'nested \\left\\right bomb': `$$${'\\left('.repeat(2000)}x${'\\right)'.repeat(2000)}$$\n`,
};

/** A note can take this long at most (check and render); a bomb that expands ends far earlier. */
const MAX_MS = 3000;
let cases = 0;

describe('hostile input: security of the rendered HTML', function () {
  this.timeout(30_000);

  after(() => console.log(`      security: ${cases} hostile renderings checked`));

  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`renders inertly and quickly: ${name}`, () => {
      const t0 = performance.now();
      const report = checkNote(text);
      const checked = performance.now();
      const html = renderNoteBody(text, report);
      const rendered = performance.now();
      cases++;
      assert.ok(checked - t0 < MAX_MS, `checkNote took ${(checked - t0).toFixed(0)} ms`);
      assert.ok(rendered - checked < MAX_MS, `renderNoteBody took ${(rendered - checked).toFixed(0)} ms`);
      assertInert(html, name);
      const bare = renderNoteBody(text, report, { sourceLines: false });
      assertInert(bare, `${name} (without source lines)`);
    });
  }

  it('a \\href keeps only its text: no link at all', () => {
    const html = renderNoteBody('$\\href{https://example.invalid}{x}$', checkNote(''));
    assert.ok(!tags(html).some((t) => t.name === 'a'), 'KaTeX runs with trust: false');
  });

  it('a markdown javascript: link is shown as text, a normal link stays a link', () => {
    const html = renderNoteBody('[bad](javascript:alert(1)) [good](https://example.invalid/x)', checkNote(''));
    const links = tags(html).filter((t) => t.name === 'a');
    assert.deepEqual(links.map((t) => t.attrs.get('href')), ['https://example.invalid/x']);
  });

  it('raw html is shown as text', () => {
    const html = renderNoteBody('<b onclick="x()">bold</b>', checkNote(''));
    assert.match(html, /&lt;b onclick=&quot;x\(\)&quot;&gt;bold&lt;\/b&gt;/);
  });

  it('macro bombs render as a KaTeX error', () => {
    const html = renderNoteBody(HOSTILE['macro bomb \\def']!, checkNote(''));
    assert.match(html, /katex-error/);
    assert.match(html, /Too many expansions/);
  });

  it('\\rule is capped at KaTeX maxSize', () => {
    const html = renderNoteBody('$$\\rule{100000em}{100000em}$$', checkNote(''));
    assert.match(html, /katex-rule/);
    assertInert(html, '\\rule');
  });

  it('the report page has a strict CSP, no script, and escapes paths and CSS', () => {
    const files = Object.entries(HOSTILE).map(([name, text]) => ({
      path: `"><script>alert('${name}')</script><img src=x onerror=alert(1)>.md`, text, report: checkNote(text),
    }));
    const page = renderReportPage(files, { katexCss: '.katex{} </style><script>alert(1)</script><style>' });
    cases++;
    const metas = tags(page).filter((t) => t.name === 'meta' && t.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
    assert.equal(metas.length, 1, 'one CSP meta');
    const csp = metas[0]!.attrs.get('content') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /script-src/, 'no script source at all');
    assert.doesNotMatch(csp, /unsafe-eval/);
    // The CSS (the caller's, from the katex package) cannot end its style
    // element early; inside it "<script>" is inert text.
    assert.equal((page.match(/<\/style/gi) ?? []).length, 1, 'one closing </style>');
    const outsideStyle = page.replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
    assert.doesNotMatch(outsideStyle, /<script/i);
    // Everything below <body> comes from the notes and must be inert.
    assertInert(outsideStyle.slice(outsideStyle.indexOf('<body>')), 'report page body');
  });
});
