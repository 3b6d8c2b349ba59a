// Raw HTML in notes (issue 12, defect 6): <details> and a few other bare tags
// render, anything that could run script or load something is shown as text.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { renderNoteBody } from '../../../src/core/render/html';
import { sanitizeHtml } from '../../../src/core/render/sanitize';

describe('raw HTML in notes', () => {
  it('renders <details>/<summary> blocks with the markdown inside them', () => {
    const text = '<details>\n<summary>Proof</summary>\n\nThe *mean* $\\mu_k = \\mu_k$.\n\n</details>\n';
    const html = renderNoteBody(text, checkNote(text));
    assert.match(html, /<details>\s*<summary>Proof<\/summary>/);
    assert.match(html, /<em>mean<\/em>/);
    assert.match(html, /<\/details>/);
  });

  it('keeps no attribute but <details open>, and escapes every other tag', () => {
    assert.equal(sanitizeHtml('<details open>'), '<details open>');
    assert.equal(sanitizeHtml('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(sanitizeHtml('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(sanitizeHtml('<b onclick="x">b</b>'), '&lt;b onclick=&quot;x&quot;&gt;b&lt;/b&gt;');
    assert.equal(sanitizeHtml('<a href="javascript:x">y</a>'), '&lt;a href=&quot;javascript:x&quot;&gt;y&lt;/a&gt;');
    assert.equal(sanitizeHtml('a<!-- note to self -->b'), 'ab');
  });
});
