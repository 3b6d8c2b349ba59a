// checkNote: the whole pipeline for one note, pure and synchronous.
//   markdown → math regions → statements → chains → claims with verdicts.
// One bad statement never spoils the note: each is checked on its own, and an
// unexpected exception inside one becomes an "unchecked" claim for it.
import { extractRegions, lineIndexAt, lineStarts, normalizeSameLength } from '../extract/regions';
import { extractStatements } from '../extract/statements';
import { parseStatement } from '../latex/parser';
import type { Chain } from '../latex/ast';
import type { CheckOptions, Claim, MathRegion, NoteIssue, NoteReport, Statement } from '../types';
import { ClaimBuilder } from './claims';
import type { NoteContext } from './compile';
import { inferModel } from './model';
import { parseAliases } from './notation';
import { brokenFormula } from './broken';

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
  const model = inferModel(parsed.flatMap((p) => p.chains), { K: options.K, D: options.D }, text);
  const ctx: NoteContext = {
    K: model.K, D: model.D, N: model.N, defs: new Map(), defaultDensity: model.defaultDensity,
    dataCount: model.dataCount, aliases: parseAliases(options.aliases),
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
  markBrokenFormulas(text, regions, claims, loc);
  claims.sort((a, b) => a.lhsSpan.start - b.lhsSpan.start || a.rhsSpan.start - b.rhsSpan.start);
  const summary = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  return { regions, claims, issues: allIssues, summary, model: { K: model.K, D: model.D, description: model.description } };
}

/**
 * A formula that is broken LaTeX is a result, not silence: its parse-error
 * claims are marked, and a formula that gave no claim at all (an unclosed
 * brace hides its `=`) gets one at the place it breaks.
 */
function markBrokenFormulas(text: string, regions: MathRegion[], claims: Claim[],
  loc: { line(offset: number): number; column(offset: number): number }): void {
  const withClaims = new Set(claims.map((c) => c.regionIndex));
  for (const region of regions) {
    const parseErrors = claims.filter((c) => c.regionIndex === region.index && c.reason === 'parse-error');
    if (withClaims.has(region.index) && parseErrors.length === 0) continue;
    const broken = brokenFormula(region.latex, region.display);
    if (!broken) continue;
    if (parseErrors.length) {
      for (const c of parseErrors) c.brokenFormula = true;
      continue;
    }
    const at = region.content.start + broken.offset;
    const span = { start: at, end: Math.min(at + 1, region.content.end) };
    const line = loc.line(at);
    claims.push({
      line, endLine: line, column: loc.column(at), kind: 'step',
      lhs: text.slice(region.content.start, region.content.end).trim(), rhs: '', relation: '',
      verdict: 'unchecked', reason: 'parse-error', brokenFormula: true,
      message: `Broken formula: ${broken.message}. Nothing in it can be checked until it is fixed.`,
      lhsSpan: span, rhsSpan: span, culprit: span, regionIndex: region.index,
    });
  }
}
