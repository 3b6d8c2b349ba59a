// The pure parts of the live loop: the preview's patch keyed by content
// (a line inserted above a block only shifts it) and the built-in preview's
// report carried over an edit. References are the renders and checks of the
// new text itself, not the carried or patched results.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../../../src/core/check';
import { renderNoteBlocks } from '../../../src/core/render/html';
import { carryReport } from '../../../src/extension/staleReport';
import { keyedNote, patchFrom, shiftBlockHtml, type KeyedNote } from '../../../src/shared/blockKeys';

const examples = path.resolve(__dirname, '..', '..', '..', 'examples');
const NOTE = fs.readFileSync(path.join(examples, fs.readdirSync(examples).filter((f) => f.endsWith('.md')).sort()[0]!), 'utf8');

function keyed(text: string): KeyedNote & { blocks: string[] } {
  const r = renderNoteBlocks(text, checkNote(text));
  return { ...keyedNote(r.summary, r.blocks), blocks: r.blocks };
}

/** What the webview does with a patch, on strings: kept blocks with their data-line numbers shifted. */
function applyOnStrings(shown: string[], patch: ReturnType<typeof patchFrom>): string[] {
  assert.equal(patch.type, 'patch');
  if (patch.type !== 'patch') return [];
  return patch.blocks.map((b) => typeof b === 'string' ? b : shiftBlockHtml(shown[b[0]]!, b[1]));
}

describe('preview patches keyed by content', () => {
  it('sends no HTML for an unchanged note', () => {
    const a = keyed(NOTE);
    const p = patchFrom(a, keyed(NOTE), 1, 2);
    assert.ok(p.type === 'patch' && p.blocks.every((b) => typeof b !== 'string'));
  });

  it('after a line inserted at the top, resends only the changed block and shifts the others', () => {
    const a = keyed(NOTE);
    const edited = `Inserted paragraph.\n\n${NOTE}`;
    const b = keyed(edited);
    const p = patchFrom(a, b, 1, 2);
    assert.ok(p.type === 'patch');
    const sent = p.blocks.filter((x) => typeof x === 'string').length;
    assert.ok(sent <= 2, `${sent} blocks resent`);
    assert.deepEqual(applyOnStrings(a.blocks, p), b.blocks);
  });

  it('after a formula is changed in the middle, the patched page equals the new render', () => {
    const a = keyed(NOTE);
    const at = NOTE.indexOf('=', Math.floor(NOTE.length / 2));
    const edited = `${NOTE.slice(0, at)}= 2 \\cdot ${NOTE.slice(at + 1)}\n\nline\nmore\n`;
    const b = keyed(edited);
    assert.deepEqual(applyOnStrings(a.blocks, patchFrom(a, b, 1, 2)), b.blocks);
  });
});

describe('report carried over an edit (built-in preview until the new result)', () => {
  const report = checkNote(NOTE);

  it('shifts the formulas after an inserted line, like a check of the new text places them', () => {
    const edited = `New first line.\n${NOTE}`;
    const carried = carryReport(report, NOTE, edited);
    const fresh = checkNote(edited);
    assert.deepEqual(carried.regions.map((r) => [r.line, r.span.start]), fresh.regions.map((r) => [r.line, r.span.start]));
    assert.deepEqual(carried.claims.map((c) => [c.line, c.lhsSpan.start, c.verdict]), fresh.claims.map((c) => [c.line, c.lhsSpan.start, c.verdict]));
  });

  it('drops the claims of the formula the edit touched, keeps the others', () => {
    const claim = report.claims.find((c) => c.verdict === 'pass')!;
    const at = claim.rhsSpan.end;
    const edited = `${NOTE.slice(0, at)}+1${NOTE.slice(at)}`;
    const carried = carryReport(report, NOTE, edited);
    assert.ok(!carried.claims.some((c) => c.regionIndex === claim.regionIndex));
    const others = report.claims.filter((c) => c.regionIndex !== claim.regionIndex);
    assert.equal(carried.claims.length, others.length);
    assert.equal(carried.summary.pass + carried.summary.fail + carried.summary.unchecked, others.length);
  });
});
