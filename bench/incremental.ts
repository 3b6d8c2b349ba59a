// Re-check times after an edit, with the caches warm from the text before it (issue 13):
// what a keystroke costs the worker. Run with `npx tsx bench/incremental.ts [rounds]`.
// Each case alternates between the two texts (before and after the edit), so every timed
// check is a re-check of a text one edit away from the one checked just before it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../src/core/check';
import { buildLongNote, EDIT_MARKER } from './longnote';

export interface EditCase { name: string; before: string; after: string }

/** The edits timed on a note: a character typed at the edit marker (or the top), in the middle, and a line inserted above the middle. */
export function editCases(text: string, label: string): EditCase[] {
  const top = text.includes(EDIT_MARKER) ? text.indexOf(EDIT_MARKER) + EDIT_MARKER.length : text.indexOf('$') + 1;
  // The middle: the start of a line near the middle of the note that opens no math.
  let mid = text.indexOf('\n', text.length >> 1) + 1;
  while (mid > 0 && mid < text.length && /^\s*(\$|\\|&|[^\n]*\$\$)/.test(text.slice(mid, text.indexOf('\n', mid)))) mid = text.indexOf('\n', mid) + 1;
  const insert = (at: number, s: string): string => text.slice(0, at) + s + text.slice(at);
  return [
    { name: `${label}: unchanged re-check`, before: text, after: text },
    { name: `${label}: one character typed at the top`, before: text, after: insert(top, '1') },
    { name: `${label}: one character typed in the middle`, before: text, after: insert(mid, 'a') },
    { name: `${label}: a line inserted in the middle`, before: text, after: insert(mid, 'A new line.\n') },
  ];
}

/** Median wall time of re-checking `after` right after `before` (and back), `rounds` times each way. */
export function timeEdit(c: EditCase, rounds: number): number {
  const t: number[] = [];
  checkNote(c.before);
  for (let i = 0; i < rounds + 1; i++) {
    for (const text of [c.after, c.before]) {
      const t0 = performance.now();
      checkNote(text);
      if (i > 0) t.push(performance.now() - t0);
    }
  }
  t.sort((a, b) => a - b);
  return t[t.length >> 1]!;
}

if (require.main === module) {
  const rounds = Number(process.argv[2] ?? 3);
  const examples = path.join(__dirname, '..', 'examples');
  const seed = fs.readFileSync(path.join(examples, fs.readdirSync(examples).find((f) => f.startsWith('003'))!), 'utf8');
  const long = buildLongNote(examples);
  for (const c of [...editCases(long.text, 'long note'), ...editCases(seed, 'seed 003')]) {
    console.log(`${c.name}: ${timeEdit(c, rounds).toFixed(1)} ms`);
  }
}
