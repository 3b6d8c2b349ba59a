// Raw HTML in notes (`<details>`, `<sub>`, `<br>`…) rendered, safely: only
// tags from a short list, with no attributes except `open` on <details> and
// `align` on table cells; every other tag, and all text, is escaped. Tags
// without attributes cannot run script or load anything, so no HTML
// sanitiser library is needed for this (and none that parses arbitrary HTML
// is small enough to ship in the webview and the CLI report alike).
import { escapeHtml } from './markers';

const ALLOWED = new Set(['details', 'summary', 'br', 'hr', 'p', 'div', 'span', 'b', 'i', 'em', 'strong', 'u', 's', 'del', 'ins',
  'sub', 'sup', 'kbd', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'small', 'mark', 'abbr', 'center']);

/** A tag we keep: `<tag>`, `</tag>`, `<br/>`, `<details open>`. */
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?)*)\s*\/?>/g;

function keptAttributes(tag: string, attrs: string): string | null {
  const list = [...attrs.matchAll(/([a-zA-Z-]+)(?:\s*=\s*("[^"<>]*"|'[^'<>]*'|[^\s"'<>=`]+))?/g)];
  let out = '';
  for (const [, name, value] of list) {
    const n = name!.toLowerCase();
    if (tag === 'details' && n === 'open' && value === undefined) out += ' open';
    else if ((tag === 'td' || tag === 'th') && n === 'align' && value && /^["']?(left|right|center)["']?$/i.test(value)) {
      out += ` align="${value.replace(/["']/g, '').toLowerCase()}"`;
    } else return null;
  }
  return out;
}

/** Raw HTML from a note: allowed bare tags kept, everything else as text. */
export function sanitizeHtml(html: string, rejected: Map<string, number> = new Map()): string {
  // Comments are for the author: hidden, as any renderer does.
  html = html.replace(/<!--[\s\S]*?(-->|$)/g, '');
  let out = '';
  let last = 0;
  // The closing tag of an opening tag shown as text is shown as text too
  // (`rejected` is shared by the pieces of one note: inline tags come one by one).
  for (const m of html.matchAll(TAG)) {
    const [whole, close, rawTag, attrs = ''] = m;
    const tag = rawTag!.toLowerCase();
    let kept = ALLOWED.has(tag) ? (close ? (attrs.trim() === '' ? '' : null) : keptAttributes(tag, attrs)) : null;
    if (close && (rejected.get(tag) ?? 0) > 0) {
      rejected.set(tag, rejected.get(tag)! - 1);
      kept = null;
    } else if (!close && kept === null) rejected.set(tag, (rejected.get(tag) ?? 0) + 1);
    out += escapeHtml(html.slice(last, m.index));
    out += kept === null ? escapeHtml(whole) : close ? `</${tag}>` : `<${tag}${kept}>`;
    last = m.index + whole.length;
  }
  return out + escapeHtml(html.slice(last));
}
