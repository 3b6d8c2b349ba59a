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
