// Shared helpers of the extraction tests: the seed notes (examples/ holds the
// same files as the shared seeds) and 1-based line lookup for offsets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lineIndexAt, lineStarts } from '../../../src/core/extract/regions';

export const examplesDir = join(__dirname, '../../../examples');

export function seeds(): { name: string; text: string }[] {
  return readdirSync(examplesDir)
    .filter((f) => /^\d{3}_.*\.md$/.test(f))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(examplesDir, name), 'utf8') }));
}

export function seed(prefix: string): string {
  const found = seeds().find((s) => s.name.startsWith(prefix));
  if (!found) throw new Error(`no seed ${prefix}`);
  return found.text;
}

/** 1-based line of a note offset. */
export function lineOf(text: string, offset: number): number {
  return lineIndexAt(lineStarts(text), offset) + 1;
}
