// Reading the notes kept under test/fixtures/<folder>/ and asserting on their verdicts (shared by the
// review and hunt case tests).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNote } from '../../../src/core/check';

/** The note `name` of test/fixtures/`folder`/. */
export function fixtureNote(folder: string, name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'fixtures', folder, name), 'utf8');
}

/** Asserts that no step of the note is ✗ (listing the ones that are, with their messages). */
export function assertNoFail(text: string, name: string): void {
  const bad = checkNote(text).claims.filter((c) => c.verdict === 'fail');
  assert.deepEqual(bad.map((c) => `${c.line}: ${c.message}`), [], name);
}

/**
 * The two tests of a folder of labelled notes (`labels.json`: { note: { line: 'right' | 'wrong' } }, every label from
 * numpy): no ✗ on a right step beyond `stillFalse` ("note.md:line", the ones no rule reads yet: never more), and every
 * planted mistake in `caught` is ✗ (the ones reviews found hidden by rules too broad: they stay caught).
 */
export function labelledFixtureTests(folder: string, stillFalse: ReadonlySet<string>, caught: readonly string[], caughtTitle = 'the planted mistakes listed are ✗'): void {
  const labels = JSON.parse(fixtureNote(folder, 'labels.json')) as Record<string, Record<string, 'right' | 'wrong'>>;
  const fails = new Map<string, Set<number>>();
  const failsIn = (file: string): Set<number> => {
    let f = fails.get(file);
    if (!f) fails.set(file, f = new Set(checkNote(fixtureNote(folder, file)).claims.filter((c) => c.verdict === 'fail').map((c) => c.endLine ?? c.line)));
    return f;
  };
  it('no ✗ on a right step beyond the ones listed', () => {
    const wrong: string[] = [];
    for (const [file, lines] of Object.entries(labels)) {
      for (const [l, v] of Object.entries(lines)) if (v === 'right' && failsIn(file).has(Number(l)) && !stillFalse.has(`${file}:${l}`)) wrong.push(`${file}:${l}`);
    }
    assert.deepEqual(wrong, []);
  });
  it(caughtTitle, () => {
    for (const at of caught) assert.equal(labels[at.split(':')[0]!]?.[at.split(':')[1]!], 'wrong', at);
    assert.deepEqual(caught.filter((at) => !failsIn(at.split(':')[0]!).has(Number(at.split(':')[1]))), []);
  });
}
