// Recall / false alarm / coverage of the CLI's JSON against grader labels, as
// the issues measure them: recall = fail labels covered by a failing claim;
// false alarm = pass labels covered by a failing claim; coverage = pass/fail
// labels covered by a decided (pass or fail) claim. A claim covers a label when
// line <= label.line <= endLine; a failing claim that names its culprit
// covers the culprit's lines instead (the link of a chain spans two rows, and
// the row to blame is the culprit's: DESIGN.md). Shared by the seed and corpus label tests and by
// `npx tsx scripts/corpus-figures.ts`.
import { main } from '../../../src/cli/main';

export interface Label { file: string; line: number; expect: 'pass' | 'fail' | 'any'; why?: string; cls?: string }
export interface JsonClaim {
  line: number; endLine: number; verdict: string; message: string; kind: string; reason: string | null;
  culprit?: { line: number; endLine: number; column: number };
}
export interface JsonReport { version: number; files: { path: string; claims: JsonClaim[] }[] }

export async function cliJson(args: string[]): Promise<{ code: number; report: JsonReport }> {
  let out = '';
  const code = await main(['--format', 'json', '--quiet', ...args], { stdout: (s) => { out += s; }, stderr: () => undefined });
  return { code, report: JSON.parse(out) as JsonReport };
}

export function covering(claims: readonly JsonClaim[], line: number): JsonClaim[] {
  return claims.filter((c) => (c.verdict === 'fail' && c.culprit !== undefined
    ? c.culprit.line <= line && line <= c.culprit.endLine
    : c.line <= line && line <= c.endLine));
}

export interface Figures {
  recall: number; falseAlarm: number; coverage: number;
  fails: number; passes: number; missed: Label[]; flagged: Label[]; undecided: Label[];
}

/** Figures over `labels`, whose claims are looked up by `claimsOf(label)`. */
export function figures(labels: readonly Label[], claimsOf: (l: Label) => readonly JsonClaim[]): Figures {
  const fails = labels.filter((l) => l.expect === 'fail');
  const passes = labels.filter((l) => l.expect === 'pass');
  const missed = fails.filter((l) => !covering(claimsOf(l), l.line).some((c) => c.verdict === 'fail'));
  const flagged = passes.filter((l) => covering(claimsOf(l), l.line).some((c) => c.verdict === 'fail'));
  const undecided = [...fails, ...passes].filter((l) => !covering(claimsOf(l), l.line).some((c) => c.verdict !== 'unchecked'));
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    recall: ratio(fails.length - missed.length, fails.length),
    falseAlarm: ratio(flagged.length, passes.length),
    coverage: ratio(fails.length + passes.length - undecided.length, fails.length + passes.length),
    fails: fails.length, passes: passes.length, missed, flagged, undecided,
  };
}

export function describeFigures(name: string, f: Figures): string {
  return `${name}: recall ${f.recall.toFixed(2)} (${f.fails - f.missed.length}/${f.fails}), `
    + `false alarm ${f.falseAlarm.toFixed(3)} (${f.flagged.length}/${f.passes}), `
    + `coverage ${f.coverage.toFixed(2)} (${f.fails + f.passes - f.undecided.length}/${f.fails + f.passes})`;
}
