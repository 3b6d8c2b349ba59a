// Prints every claim of a note as the CLI's JSON gives it (line, verdict,
// reason, message), optionally only those on the given lines, and the note's
// reading. Usage: npx tsx scripts/show-claims.ts NOTE [LINE...]
import { readFileSync } from 'node:fs';
import { checkNote } from '../src/core/check/index';

const [path, ...lines] = process.argv.slice(2);
const want = new Set(lines.map(Number));
const report = checkNote(readFileSync(path, 'utf8'));
console.log(`read as: ${report.reading.description}`);
for (const c of report.claims) {
  if (want.size && ![...want].some((l) => l >= c.line && l <= (c.endLine ?? c.line))) continue;
  const reason = c.verdict === 'unchecked' ? ` [${c.reason}]` : '';
  console.log(`${c.line}${c.endLine && c.endLine !== c.line ? '-' + c.endLine : ''} ${c.verdict}${reason}: ${(c.lhs.trim() + " " + c.relation + " " + c.rhs.trim()).replace(/\s+/g, " ").slice(0, 160)}\n    ${(c.message ?? '').slice(0, 300)}`);
}
