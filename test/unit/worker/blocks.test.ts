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
import { blockAtLine, keyedNote, patchFrom, PENDING, shiftBlockHtml, stepTowards, type KeyedNote } from '../../../src/shared/blockKeys';
import { chunkedBody } from '../../../src/shared/messages';

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

describe('a long page sent in steps', () => {
  // Every example note in one (a few hundred blocks), and the same with a formula changed in the middle.
  const LONG = fs.readdirSync(examples).filter((f) => f.endsWith('.md')).sort()
    .map((f) => fs.readFileSync(path.join(examples, f), 'utf8')).join('\n\n');

  /** The steps from `shown` (a page as strings, undefined: none) to `next`, each applied as the webview applies a patch. */
  function walk(shown: { note: KeyedNote; page: string[] } | undefined, next: KeyedNote & { blocks: string[] }, line: number, budget: number) {
    const around = blockAtLine(next, line);
    let first = stepTowards(shown?.note, next, around, budget);
    let note = first.note;
    let page = shown ? applyOnStrings(shown.page, patchFrom(shown.note, note, 1, 2)) : next.keys.map((_, i) => note.html(i));
    const steps = [note];
    while (!first.done) {
      first = stepTowards(note, next, around, budget);
      const patch = patchFrom(note, first.note, 1, 2);
      assert.ok(patch.type === 'patch');
      // A step sends at most `budget` characters of new HTML, or one block bigger than that.
      const fresh = patch.blocks.filter((b): b is string => typeof b === 'string' && b !== '');
      const size = fresh.reduce((n, b) => n + b.length, 0);
      assert.ok(size <= budget || fresh.length === 1, `a step of ${fresh.length} blocks, ${size} characters (budget ${budget})`);
      page = applyOnStrings(page, patch);
      note = first.note;
      steps.push(note);
      assert.ok(steps.length < next.keys.length + 2, 'the steps end');
    }
    return { page, steps };
  }

  it('sends a short note in one piece (the note itself)', () => {
    const a = keyed(NOTE);
    const s = stepTowards(undefined, a, 0, 512 * 1024);
    assert.equal(s.done, true);
    assert.equal(s.note, a);
  });

  it('a first page of the blocks around the line in view, then steps that end in the whole note', () => {
    const b = keyed(LONG);
    const total = b.blocks.reduce((n, h) => n + h.length, 0);
    const budget = Math.ceil(total / 6);
    const line = b.lines[Math.floor(b.lines.length / 2)]!;
    const first = stepTowards(undefined, b, blockAtLine(b, line), budget);
    assert.equal(first.done, false);
    // The block at the line and its neighbours are there; the first and last are not.
    const at = blockAtLine(b, line);
    assert.equal(b.lines[at], line);
    for (const i of [at, at + 1, at - 1]) assert.equal(first.note.keys[i], b.keys[i], `block ${i} of the first page`);
    assert.equal(first.note.keys[0], PENDING);
    assert.equal(first.note.keys[b.keys.length - 1], PENDING);
    // Its page holds empty chunks for the rest, each block in its place.
    assert.equal(chunkedBody(first.note.summary, b.keys.map((_, i) => first.note.html(i))).split('class="gmm-chunk"').length - 1, b.blocks.length);
    const { page, steps } = walk(undefined, b, line, budget);
    assert.ok(steps.length >= 5 && steps.length <= 12, `${steps.length} steps`);
    assert.deepEqual(page, b.blocks);
  });

  it('an edit while the steps are under way: the remaining steps bring the page to the new note', () => {
    const a = keyed(LONG);
    const total = a.blocks.reduce((n, h) => n + h.length, 0);
    const budget = Math.ceil(total / 5);
    const half = stepTowards(undefined, a, 0, budget).note;
    const page = a.keys.map((_, i) => half.html(i));
    const at = LONG.indexOf('=', Math.floor(LONG.length / 3));
    const b = keyed(`Inserted line.\n\n${LONG.slice(0, at)}= 3 \\cdot ${LONG.slice(at + 1)}`);
    const { page: final } = walk({ note: half, page }, b, 0, budget);
    assert.deepEqual(final, b.blocks);
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
