// The class overview (`gmm-check --report DIR`): DIR/index.html with one row
// per note (counts, the first wrong step, its likely cause, a link to the
// note's page), a table of how many notes got each part of the derivation
// right, and one page per note, the note rendered and marked by the same
// renderer as `--format html`. Pure: results in, pages out; writing them and
// copying KaTeX is writeClassReport's (files.ts style: atomic, refusing a
// folder that holds anything but an earlier report).
//
// Safety: notes and their file names are a student's text. Everything from
// them is escaped; the only script is the index's own sorting and filtering,
// allowed by its hash in the page's CSP, and it reads cells as text only.
import { createHash } from 'node:crypto';
import { pageHead } from '../core/render/html';
import { claimPlace, escapeHtml } from '../core/render/markers';
import type { Claim } from '../core/types';
import { extraCause, shorten, summarize, type CheckedFile, type FileError } from './format';
import { firstFailure } from './gradebook';
import { PARTS, partResults, type PartId, type PartResult } from './parts';

/** A file of the report, relative to DIR (with `/`). */
export interface ReportPage {
  path: string;
  content: string;
}

/** A first wrong step's message is cut here in the table (whole in its tooltip and on the note's page). */
const MAX_MESSAGE = 240;

/** Where the note pages and KaTeX go inside DIR. */
export const NOTES_DIR = 'notes';
export const KATEX_DIR = 'katex';

/** Renders one checked note as a standalone page (renderReportPage of the core, given no inline KaTeX CSS). */
export type RenderNotePage = (file: CheckedFile) => string;

/** Sorting by column and the "has a wrong step" filter. Reads cells' text and data-sort only; never writes HTML. */
const INDEX_SCRIPT = `(function () {
  var table = document.getElementById('notes');
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function key(row, i, numeric) {
    var cell = row.cells[i];
    var v = cell.getAttribute('data-sort');
    if (v === null) v = cell.textContent;
    return numeric ? parseFloat(v) : v.toLowerCase();
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var numeric = th.getAttribute('data-type') === 'num';
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a, i, numeric), y = key(b, i, numeric);
        var r = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? r : -r;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  var only = document.getElementById('only-wrong');
  var shown = document.getElementById('shown');
  function filter() {
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      r.hidden = only.checked && !r.classList.contains('has-fail');
      if (!r.hidden) n++;
    });
    shown.textContent = n + ' of ' + body.rows.length + ' notes shown';
  }
  only.addEventListener('change', filter);
  filter();
  // On paper, the lists of who got a part wrong are open.
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details.who'), function (d) { d.open = true; });
  });
})();`;

const SCRIPT_HASH = createHash('sha256').update(INDEX_SCRIPT).digest('base64');

/** The index's CSP: its own script by hash, inline styles, nothing else (no network, no frames, no forms). */
export const INDEX_CSP = `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
/** The note pages' CSP: no script; styles and fonts inline or from DIR/katex. */
export const NOTE_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src data:; base-uri 'none'; form-action 'none'";

const PALETTE = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --unchecked: #6e7781; --border: #d0d7de; --bg-soft: #f6f8fa; --link: #0969da; }
@media (prefers-color-scheme: dark) { :root { --pass: #3fb950; --fail: #ff7b72; --unchecked: #9ea7b3; --border: #30363d; --bg-soft: #161b22; --link: #58a6ff; } }
a { color: var(--link); }
@media print { :root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --unchecked: #57606a; --border: #999; --bg-soft: #fff; --link: #000; } .no-print { display: none !important; } }
`;

const INDEX_CSS = `${PALETTE}
body { font-family: system-ui, sans-serif; line-height: 1.4; margin: 0 auto; padding: 1rem 2rem; max-width: 90rem; }
h1 { margin: .2rem 0; font-size: 1.6rem; } h2 { margin: 1.5rem 0 .4rem; font-size: 1.2rem; }
.totals { margin: .2rem 0 .8rem; }
.controls { margin: .4rem 0; display: flex; gap: 1.5rem; align-items: center; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--border); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: Canvas; border-bottom: 2px solid var(--border); white-space: nowrap; }
th button { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
th button::after { content: " ↕"; opacity: .35; }
th[aria-sort="ascending"] button::after { content: " ↑"; opacity: 1; }
th[aria-sort="descending"] button::after { content: " ↓"; opacity: 1; }
tbody tr:nth-child(even) { background: var(--bg-soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; width: 3.5rem; }
td.note { overflow-wrap: anywhere; min-width: 12rem; max-width: 22rem; }
td.first { min-width: 20rem; } td.cause { min-width: 8rem; max-width: 18rem; }
.line { font-weight: 600; white-space: nowrap; }
.more { color: var(--unchecked); white-space: nowrap; }
.pass { color: var(--pass); } .fail { color: var(--fail); } .unchecked { color: var(--unchecked); }
tr.error td.first { color: var(--fail); }
.zero { opacity: .45; }
.bar-track { display: inline-block; width: 8rem; height: .7rem; background: var(--bg-soft); border: 1px solid var(--border); border-radius: 2px; vertical-align: middle; margin-right: .4rem; overflow: hidden; }
.bar { display: block; height: 100%; background: var(--pass); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
details.who summary { cursor: pointer; color: var(--fail); }
details.who ul { margin: .2rem 0; padding-left: 1.2rem; }
.generated { margin-top: 2rem; color: var(--unchecked); font-size: .85rem; }
@media print {
  body { padding: 0; max-width: none; font-size: 10pt; }
  thead th { position: static; }
  tr { break-inside: avoid; }
  th button::after { content: none; }
  tbody tr:nth-child(even) { background: none; }
  details.who::details-content { content-visibility: visible; display: block; }
}
`;

/** Extra rules for the note pages, after the core report's own styles. */
const NOTE_PAGE_CSS = `${PALETTE}
.gmm-class-nav { margin: .2rem 0 .6rem; }
.gmm-toc { display: none; }
@media print { .gmm-summary { position: static; } .gmm-block, .gmm-row { break-inside: avoid; } body { max-width: none; padding: 0; } }
`;

/** Note paths as the overview shows them: without the folder all of them share (a class folder), so the student's folder leads. */
export function displayPaths(paths: readonly string[]): string[] {
  const split = paths.map((p) => p.split(/[\\/]+/));
  if (paths.length === 0) return [];
  let common = 0;
  // Only whole folders, never the file name itself.
  const maxCommon = Math.min(...split.map((s) => s.length - 1));
  while (common < maxCommon && split.every((s) => s[common] === split[0][common])) common++;
  return split.map((s) => s.slice(common).join('/'));
}

/** The note page's file name inside notes/: its place in the batch (unique) and a readable tail of its path. */
export function notePageName(index: number, shown: string): string {
  const slug = shown.replace(/\.(md|markdown|txt)$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(-60);
  return `${String(index + 1).padStart(3, '0')}${slug ? `-${slug}` : ''}.html`;
}

interface Row {
  file: CheckedFile;
  shown: string;
  page: string;
  first: Claim | undefined;
  fails: number;
  parts: Record<PartId, PartResult>;
}

/** index.html and one page per note; the KaTeX files are copied by the writer. */
export function renderClassReport(results: readonly CheckedFile[], errors: readonly FileError[], renderNotePage: RenderNotePage): ReportPage[] {
  const shownAll = displayPaths([...results.map((r) => r.path), ...errors.map((e) => e.path)]);
  const rows: Row[] = results.map((file, i) => {
    const shown = shownAll[i];
    return {
      file,
      shown,
      page: `${NOTES_DIR}/${notePageName(i, shown)}`,
      first: firstFailure(file.report.claims),
      fails: file.report.claims.filter((c) => c.verdict === 'fail').length,
      parts: partResults(file.report),
    };
  });
  const errorRows = errors.map((e, i) => ({ error: e, shown: shownAll[results.length + i] }));
  const pages: ReportPage[] = [{ path: 'index.html', content: indexPage(rows, errorRows) }];
  for (const row of rows) pages.push({ path: row.page, content: notePage(renderNotePage(row.file), row) });
  return pages;
}

function indexPage(rows: Row[], errorRows: { error: FileError; shown: string }[]): string {
  const total = { pass: 0, fail: 0, unchecked: 0 };
  for (const r of rows) {
    const s = summarize(r.file.report.claims);
    total.pass += s.pass;
    total.fail += s.fail;
    total.unchecked += s.unchecked;
  }
  const withFail = rows.filter((r) => r.fails > 0).length;
  const totals = `${plural(rows.length + errorRows.length, 'note')} · <span class="fail">${withFail} with a wrong step</span>` +
    (errorRows.length ? ` · <span class="fail">${errorRows.length} could not be checked</span>` : '') +
    ` · steps: <span class="pass">✓ ${total.pass}</span> <span class="fail">✗ ${total.fail}</span> <span class="unchecked">? ${total.unchecked}</span>`;

  const noteRows = rows.map(noteRow).concat(errorRows.map(({ error, shown }) =>
    `<tr class="error has-error"><td class="note" data-sort="${escapeHtml(shown)}">${escapeHtml(shown)}</td>` +
    '<td class="num" data-sort="-1">–</td><td class="num" data-sort="-1">–</td><td class="num" data-sort="-1">–</td>' +
    `<td class="first" data-sort="-1">not checked: ${escapeHtml(error.message)}</td><td class="cause"></td></tr>`));

  return `${pageHead(INDEX_CSP, 'Class overview · GMM derivation check', INDEX_CSS, '\n<meta name="generator" content="gmm-check">')}
<h1>Class overview</h1>
<p class="totals">${totals}</p>
<h2 id="by-note">Notes</h2>
<div class="controls no-print"><label><input type="checkbox" id="only-wrong"> only notes with a wrong step</label> <span id="shown" aria-live="polite"></span></div>
<table id="notes">
<thead><tr><th data-type="text" aria-sort="ascending"><button type="button">Note</button></th><th class="num" data-type="num"><button type="button" title="steps that pass">✓</button></th><th class="num" data-type="num"><button type="button" title="wrong steps">✗</button></th><th class="num" data-type="num"><button type="button" title="steps not checked">?</button></th><th data-type="num"><button type="button" title="sort by its line">First wrong step</button></th><th data-type="text"><button type="button">Likely cause</button></th></tr></thead>
<tbody>
${noteRows.join('\n')}
</tbody>
</table>
<h2 id="by-part">By part of the derivation</h2>
<p>A note got a part right when it has a checked step there and none is wrong; steps are assigned to a part by what they derive (the variable of a derivative, the left side of an update), read in each note's own notation.</p>
<table id="parts">
<thead><tr><th>Part</th><th class="num">notes</th><th class="num">right</th><th class="num">wrong</th><th class="num" title="only steps the checker could not decide">unchecked</th><th>share right</th></tr></thead>
<tbody>
${partRows(rows).join('\n')}
</tbody>
</table>
<p class="generated">Written by gmm-check. Counts are the JSON report's per-note summary; ✓ passes, ✗ fails, ? could not be checked (with the reason on the note's page).</p>
<script>${INDEX_SCRIPT}</script>
</body>
</html>
`;
}

function noteRow(r: Row): string {
  const s = summarize(r.file.report.claims);
  const count = (n: number, cls: string): string => `<td class="num ${n === 0 ? 'zero' : cls}">${n}</td>`;
  let first = '<td class="first" data-sort="1e9"></td><td class="cause"></td>';
  if (r.first) {
    const line = claimPlace(r.first).line;
    const more = r.fails > 1 ? ` <span class="more">(+${r.fails - 1} more)</span>` : '';
    const message = shorten(r.first.message, MAX_MESSAGE);
    const whole = message === r.first.message ? '' : ` title="${escapeHtml(r.first.message)}"`;
    first = `<td class="first" data-sort="${line}"${whole}><span class="line">line ${line}:</span> ${escapeHtml(message)}${more}</td>` +
      `<td class="cause">${escapeHtml(extraCause(r.first))}</td>`;
  }
  return `<tr${r.fails > 0 ? ' class="has-fail"' : ''}><td class="note" data-sort="${escapeHtml(r.shown)}"><a href="${escapeHtml(r.page)}">${escapeHtml(r.shown)}</a></td>` +
    `${count(s.pass, 'pass')}${count(s.fail, 'fail')}${count(s.unchecked, 'unchecked')}${first}</tr>`;
}

function partRows(rows: Row[]): string[] {
  return PARTS.map(({ id, label }) => {
    const tally = { right: 0, wrong: 0, unchecked: 0 };
    const wrong: Row[] = [];
    for (const r of rows) {
      const result = r.parts[id];
      if (result === 'absent') continue;
      tally[result]++;
      if (result === 'wrong') wrong.push(r);
    }
    const attempted = tally.right + tally.wrong + tally.unchecked;
    const share = attempted ? Math.round((100 * tally.right) / attempted) : 0;
    const who = wrong.length === 0 ? '' : `<details class="who"><summary>wrong in ${plural(wrong.length, 'note')}</summary><ul>${wrong.map((r) =>
      `<li><a href="${escapeHtml(r.page)}">${escapeHtml(r.shown)}</a></li>`).join('')}</ul></details>`;
    return `<tr><td>${escapeHtml(label)}${who}</td><td class="num">${attempted}</td><td class="num pass">${tally.right}</td>` +
      `<td class="num fail">${tally.wrong}</td><td class="num unchecked">${tally.unchecked}</td>` +
      `<td>${attempted ? `<span class="bar-track"><span class="bar" style="width:${share}%"></span></span>${share}%` : '–'}</td></tr>`;
  });
}

/**
 * A note's page: the core's single-note report with this folder's CSP, the
 * KaTeX stylesheet from ../katex, a link back to the index and print rules.
 * Only the page's head (the renderer's own markup, before any of the note)
 * and the start of its body are touched.
 */
function notePage(html: string, row: Row): string {
  const headEnd = html.indexOf('</head>');
  const bodyStart = html.indexOf('<body>');
  if (headEnd < 0 || bodyStart < headEnd) throw new Error('the note page has no <head> and <body>');
  let head = html.slice(0, headEnd).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/gi, '');
  const headOpen = head.indexOf('<head>');
  if (headOpen < 0) throw new Error('the note page has no <head>');
  const at = headOpen + '<head>'.length;
  head = head.slice(0, at) +
    `\n<meta http-equiv="Content-Security-Policy" content="${NOTE_CSP}">` +
    `\n<link rel="stylesheet" href="../${KATEX_DIR}/katex.min.css">` +
    head.slice(at).replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(row.shown)} · GMM derivation check</title>`) +
    `<style>${NOTE_PAGE_CSS}</style>\n`;
  const bodyAt = bodyStart + '<body>'.length;
  const nav = `\n<nav class="gmm-class-nav no-print"><a href="../index.html">← Class overview</a></nav>`;
  return head + html.slice(headEnd, bodyAt) + nav + html.slice(bodyAt);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
