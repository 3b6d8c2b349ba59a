// checkNote: the whole pipeline for one note, pure and synchronous.
//   markdown → math regions → statements → chains → claims with verdicts.
// One bad statement never spoils the note: each is checked on its own, and an
// unexpected exception inside one becomes an "unchecked" claim for it.
import { extractRegions, lineIndexAt, lineStarts, normalizeSameLength } from '../extract/regions';
import { extractStatements } from '../extract/statements';
import { parseStatement } from '../latex/parser';
import type { Chain } from '../latex/ast';
import type { CheckOptions, Claim, NoteIssue, NoteReport, Statement } from '../types';
import { ClaimBuilder } from './claims';
import type { NoteContext } from './compile';
import { inferModel } from './model';
import { parseAliases } from './notation';
import { describeReading, inferReading, type Reading } from './reading';
import type { SymNode } from '../latex/ast';

export const DEFAULT_SEED = 1;
export const DEFAULT_TRIALS = 5;
export const DEFAULT_TOLERANCE = 1e-6;
/**
 * Wall-clock budget of one link of a chain; past it the link is unchecked ("too slow").
 * Generous on purpose: verdicts must not depend on how busy the machine is.
 */
export const DEFAULT_CLAIM_BUDGET_MS = 5000;

export function checkNote(text: string, options: CheckOptions = {}): NoteReport {
  const { regions, issues } = extractRegions(text);
  // Lines as the extraction counts them (a lone \r ends a line too), so claims and regions agree.
  const starts = lineStarts(normalizeSameLength(text));
  const statements = extractStatements(text, regions);
  const parsed: { stmt: Statement; chains: Chain[] }[] = [];
  const allIssues: NoteIssue[] = [...issues];
  const claims: Claim[] = [];
  const loc = {
    text,
    line: (offset: number) => lineIndexAt(starts, offset) + 1,
    column: (offset: number) => offset - starts[lineIndexAt(starts, offset)],
  };
  for (const stmt of statements) {
    const r = parseStatement(stmt.segments);
    if (r.error) {
      const span = r.error.span;
      const line = loc.line(span.start);
      claims.push({
        line, endLine: line, column: loc.column(span.start), kind: 'step',
        lhs: text.slice(stmt.segments[0]?.start ?? span.start, span.end).trim(), rhs: '', relation: '',
        verdict: 'unchecked', reason: 'parse-error', message: r.error.message,
        lhsSpan: span, rhsSpan: span, culprit: span, regionIndex: stmt.regionIndex,
      });
      continue;
    }
    parsed.push({ stmt, chains: r.chains });
  }
  const reading = inferReading({
    chains: parsed.flatMap((p) => p.chains.map((chain) => ({ chain }))), text, line: loc.line,
    aliases: options.aliases, parseSymbol,
  });
  for (const p of reading.problems) {
    const at = p.line > 0 ? starts[p.line - 1] : 0;
    allIssues.push({ severity: 'warning', message: p.message, span: { start: at, end: at }, line: Math.max(1, p.line) });
  }
  const model = inferModel(parsed.flatMap((p) => p.chains), { K: options.K, D: options.D }, text, reading);
  const ctx: NoteContext = {
    K: model.K, D: model.D, N: model.N, defs: new Map(), defaultDensity: model.defaultDensity,
    dataCount: model.dataCount, aliases: parseAliases(options.aliases), reading,
  };
  const builder = new ClaimBuilder(ctx, loc, {
    seed: options.seed ?? DEFAULT_SEED,
    trials: Math.max(1, options.trials ?? DEFAULT_TRIALS),
    tolerance: options.tolerance ?? DEFAULT_TOLERANCE,
    budgetMs: options.claimBudgetMs ?? DEFAULT_CLAIM_BUDGET_MS,
  });
  for (const { stmt, chains } of parsed) {
    const inline = !regions[stmt.regionIndex]?.display;
    for (const chain of chains) {
      try {
        claims.push(...builder.chainClaims(chain, stmt, inline));
      } catch (e) {
        // A bug of ours must not take the note down: report it on this chain only.
        const span = chain.span;
        const line = loc.line(span.start);
        claims.push({
          line, endLine: loc.line(span.end), column: loc.column(span.start), kind: 'step',
          lhs: text.slice(span.start, span.end).trim(), rhs: '', relation: '', verdict: 'unchecked', reason: 'unsupported',
          message: `internal error while checking this formula: ${e instanceof Error ? e.message : String(e)}`,
          lhsSpan: span, rhsSpan: span, culprit: span, regionIndex: stmt.regionIndex,
        });
      }
    }
  }
  claims.sort((a, b) => a.lhsSpan.start - b.lhsSpan.start || a.rhsSpan.start - b.rhsSpan.start);
  for (const c of claims) {
    if (c.verdict !== 'fail') continue;
    // The end offset is exclusive: the culprit's last character is at end - 1.
    const end = Math.max(c.culprit.start, c.culprit.end - 1);
    c.culpritAt = { line: loc.line(c.culprit.start), endLine: loc.line(end), column: loc.column(c.culprit.start) };
  }
  const summary = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  return {
    regions, claims, issues: allIssues, summary, model: { K: model.K, D: model.D, description: model.description },
    reading: summarizeReading(reading),
  };
}

/** A symbol as the user writes it in a gmm comment or an alias (`\alpha`, `\gamma_{ji}`), parsed by the note's parser. */
function parseSymbol(latex: string): SymNode | null {
  const r = parseStatement([{ start: 0, text: latex }]);
  const side = r.chains[0]?.sides[0];
  return !r.error && r.chains.length === 1 && r.chains[0].sides.length === 1 && side?.ok && side.node.kind === 'sym' ? side.node : null;
}

function summarizeReading(r: Reading): NoteReport['reading'] {
  return {
    description: describeReading(r),
    symbols: [...r.symbols.values()].map((s) => ({
      symbol: s.latex, role: s.quantity, ...(s.form ? { indexOrder: s.form } : {}), why: s.why, line: s.line, source: s.source,
    })),
    pointIndices: [...r.points], componentIndices: [...r.components],
    pointCounts: [...r.pointCounts], componentCounts: [...r.componentCounts], dimensions: [...r.dimensions],
    ambiguous: [...r.ambiguous.values()],
  };
}
