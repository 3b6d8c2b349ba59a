// The long note of the benchmark: the derivations of seed notes 000 and 002
// repeated, each copy with its indices renamed (i, k, j → other letters) and
// the two seeds in alternating order, until the note holds at least
// `minClaims` claims (counted by checkNote itself).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkNote } from '../src/core/check';
import type { NoteSummary } from '../src/core/types';

export const SEEDS = ['000_610a1e28ec070b97.md', '002_e8109031e5c7143f.md'];

/** Index renamings; the identity first. Only letters the checker takes as indices (m is the data count). */
export const RENAMINGS: Array<Record<string, string>> = [
  { i: 'i', k: 'k', j: 'j' },
  { i: 'n', k: 'c', j: 'l' },
  { i: 't', k: 'l', j: 'c' },
  { i: 'i', k: 'j', j: 'k' },
  { i: 'c', k: 'n', j: 't' },
  { i: 'l', k: 't', j: 'n' },
];

/** Renames the standalone index letters i, k, j (not inside commands such as `\mid`, `\pi`, nor words). */
export function renameIndices(text: string, map: Record<string, string>): string {
  const letter = (m: string): string => map[m] ?? m;
  // One pass, so that swaps (k ↔ j) do not rename twice. Subscript groups without
  // commands (`_{ik}`, `_{i=1}`): every index letter in them; elsewhere, lone letters.
  return text.replace(/_\{([^{}\\]*)\}|(?<![\\A-Za-z])([ijk])(?![A-Za-z])/g, (m: string, group?: string, lone?: string) =>
    group !== undefined ? `_{${group.replace(/[ijk]/g, letter)}}` : letter(lone ?? m));
}

/**
 * Where the VS Code benchmark types: a true identity at the top of the note;
 * typing a digit right after the marker makes it false (✗ 1 failed), and
 * deleting it makes it true again.
 */
export const EDIT_MARKER = '\\pi_1 + \\pi_1 = 2';
/** The heading of the edit point (how the benchmark finds a preview of the note). */
export const EDIT_HEADING = 'Edit point of the benchmark';
export const EDIT_BLOCK = `${EDIT_HEADING}:\n\n$$${EDIT_MARKER} \\pi_1$$\n`;

export interface LongNote {
  text: string;
  lines: number;
  claims: number;
  copies: number;
  summary: NoteSummary;
  /** Renamings dropped because they changed a seed's verdicts (should be none). */
  dropped: string[];
}

function same(a: NoteSummary, b: NoteSummary): boolean {
  return a.pass === b.pass && a.fail === b.fail && a.unchecked === b.unchecked;
}

/** At least `minClaims` claims and `minLines` lines. */
export function buildLongNote(examplesDir: string, minClaims = 2000, minLines = 0): LongNote {
  const seeds = SEEDS.map((f) => fs.readFileSync(path.join(examplesDir, f), 'utf8'));
  const dropped: string[] = [];
  // Each renamed variant must keep the seed's verdicts, or it would not be "the same derivation".
  const variants: string[][] = [];
  for (const map of RENAMINGS) {
    const renamed = seeds.map((s) => renameIndices(s, map));
    const ok = renamed.every((r, n) => same(checkNote(r).summary, checkNote(seeds[n]).summary));
    if (ok) variants.push(renamed);
    else dropped.push(JSON.stringify(map));
  }
  const perCopy = seeds.reduce((s, t) => s + checkNote(t).claims.length, 0);
  const linesPerCopy = seeds.reduce((s, t) => s + t.split('\n').length + 1, 3);
  const copies = Math.max(Math.ceil(minClaims / perCopy), Math.ceil(minLines / linesPerCopy));
  const parts: string[] = ['# Long note (benchmark)\n\n', EDIT_BLOCK];
  for (let c = 0; c < copies; c++) {
    const v = variants[c % variants.length];
    const order = c % 2 === 0 ? v : [...v].reverse();
    parts.push(`\n## Copy ${c + 1}\n\n${order.join('\n\n')}\n`);
  }
  const text = parts.join('');
  const report = checkNote(text);
  return { text, lines: text.split('\n').length, claims: report.claims.length, copies, summary: report.summary, dropped };
}
