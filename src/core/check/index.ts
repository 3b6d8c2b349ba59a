// checkNote: the whole pipeline for one note, pure and synchronous.
//   markdown → math regions → statements → chains → claims with verdicts.
// One bad statement never spoils the note: each is checked on its own, and an
// unexpected exception inside one becomes an "unchecked" claim for it.
import { hashString } from '../util/hash';
import { extractRegions, lineIndexAt, lineStarts, normalizeSameLength } from '../extract/regions';
import { extractStatements } from '../extract/statements';
import { beginParsePass, parseStatement } from '../latex/parser';
import { noteMacros, type MacroScope } from '../latex/macros';
import { walk, type Chain } from '../latex/ast';
import type { CheckOptions, Claim, MathRegion, NoteIssue, NoteReport, Span, Statement, UncheckedReason } from '../types';
import { chainDepth, MAX_TREE_DEPTH } from './depth';
import { chainNodes } from './chainNodes';
import { ClaimBuilder, countStatements, proseValues, type CountStatement } from './claims';
import { declaredShapes, normalisedFunctions, parametersOfInterest, sumsComponentsFromZero, type NoteContext } from './compile';
import { inferModel, MAX_K } from './model';
import { parseAliases } from './notation';
import { iterationLetters, newestBare, readIterations } from './iterations';
import { indicatorLetters, readAsWritten, transposedLetters, usualArguments } from './written';
import { describeReading, inferReading, latexOf, readingParts, readingSignature, readingText, tiedModel, type Reading } from './reading';
import { ChainReuse } from './chainReuse';
import { symbolToUnicode } from '../render/unicode';
import type { SymNode } from '../latex/ast';
import { brokenFormula } from './broken';
import { spreadConvention, WorkedExamples } from './numeric';
import { nonEmUpdates, otherModelSteps, qualifiedByProse } from './proseQualifiers';
import { bareWeight, withBareWeight, type BareWeight } from './bareWeight';

export const DEFAULT_SEED = 1;
export const DEFAULT_TRIALS = 5;
export const DEFAULT_TOLERANCE = 1e-6;
/**
 * Wall-clock budget of one link of a chain; past it the link is unchecked ("too slow").
 * Generous on purpose: verdicts must not depend on how busy the machine is.
 */
export const DEFAULT_CLAIM_BUDGET_MS = 5000;

/** Thrown by checkNote when `options.isCancelled` says the result is no longer wanted. */
export class CheckCancelled extends Error {
  override name = 'CheckCancelled';
}

/**
 * Bounds of the user's settings, enforced here whatever the caller (a workspace's
 * settings are not trusted: a tolerance of 1 would pass every step) and repeated
 * in the CLI's usage errors and package.json's schema. D above 8 gains nothing
 * (verdicts of the example notes are the same from D = 3 to 8) and costs D² passes
 * per ∂/∂Σ; K is also capped by the instance generator (MAX_K).
 */
export const LIMITS = {
  trials: { min: 1, max: 100 },
  tolerance: { min: 1e-12, max: 1e-3 },
  components: { min: 1, max: MAX_K },
  dimensions: { min: 1, max: 8 },
} as const;

function clamp(x: number | undefined, limit: { min: number; max: number }, integer = true): number | undefined {
  if (x === undefined || !Number.isFinite(x)) return undefined;
  const v = Math.min(limit.max, Math.max(limit.min, x));
  return integer ? Math.round(v) : v;
}

/** The options within LIMITS (out-of-range values are clamped, non-numbers dropped). */
export function boundedOptions(options: CheckOptions): CheckOptions {
  return {
    ...options,
    trials: clamp(options.trials, LIMITS.trials),
    tolerance: clamp(options.tolerance, LIMITS.tolerance, false),
    K: clamp(options.K, LIMITS.components),
    D: clamp(options.D, LIMITS.dimensions),
  };
}

/**
 * "unknown command \\Sig" where the note defines \\Sig outside math (`\\newcommand{\\Sig}{…}` on a line of its own, which no
 * renderer reads there): the hint to move the definition into `$…$`, or nothing.
 */
function definedOutsideMath(message: string, text: string, regions: readonly { span: Span }[], line: (offset: number) => number): string {
  const name = /^unknown command \\([A-Za-z]+)/.exec(message)?.[1];
  if (!name) return '';
  const def = new RegExp(String.raw`\\(?:re)?newcommand\s*\{?\s*\\${name}(?![A-Za-z])|\\def\s*\\${name}(?![A-Za-z])|\\DeclareMathOperator\*?\s*\{\s*\\${name}(?![A-Za-z])`).exec(text);
  if (!def || regions.some((r) => r.span.start <= def.index && def.index < r.span.end)) return '';
  return ` (line ${line(def.index)} defines \\${name} outside math, where it is not read: put the definition inside $…$)`;
}

export function checkNote(text: string, rawOptions: CheckOptions = {}): NoteReport {
  const started = performance.now();
  const options = boundedOptions(rawOptions);
  const { regions, issues } = extractRegions(text);
  // Lines as the extraction counts them (a lone \r ends a line too), so claims and regions agree.
  const starts = lineStarts(normalizeSameLength(text));
  const statements = extractStatements(text, regions);
  // `\newcommand{\bx}{\mathbf{x}}` once at the top: in force for every formula after it.
  const macros = noteMacros(regions);
  // Moved copies of kept parses that this check and the last did not use may go (parser.ts).
  beginParsePass();
  const parsed: { stmt: Statement; chains: Chain[] }[] = [];
  const allIssues: NoteIssue[] = [...issues];
  const claims: Claim[] = [];
  const loc = {
    text,
    line: (offset: number) => lineIndexAt(starts, offset) + 1,
    column: (offset: number) => offset - starts[lineIndexAt(starts, offset)],
  };
  /** An unchecked claim covering a whole formula (it could not be read, or checking it broke). */
  const wholeFormula = (span: Span, stmt: Statement, reason: UncheckedReason, message: string, from = stmt.segments[0]?.start ?? span.start): Claim => ({
    line: loc.line(span.start), endLine: loc.line(span.end), column: loc.column(span.start), kind: 'step',
    lhs: text.slice(from, span.end).trim(), rhs: '', relation: '',
    verdict: 'unchecked', reason, message, lhsSpan: span, rhsSpan: span, culprit: span, regionIndex: stmt.regionIndex,
  });
  for (const stmt of statements) {
    let r: ReturnType<typeof parseStatement>;
    try {
      r = parseStatement(stmt.segments, macros.at(stmt.segments[0]?.start ?? 0));
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // The stack overflowed in the parser: a formula nested far beyond any derivation.
      const last = stmt.segments[stmt.segments.length - 1];
      const span = { start: stmt.segments[0]?.start ?? 0, end: last ? last.start + last.text.length : 0 };
      claims.push(wholeFormula(span, stmt, 'unsupported', 'not checked: the formula is nested too deeply to read'));
      continue;
    }
    if (r.error) {
      const span = r.error.span;
      claims.push({ ...wholeFormula(span, stmt, 'parse-error', r.error.message), endLine: loc.line(span.start) });
      continue;
    }
    // Everything after the parser walks trees recursively: bound their depth first.
    const tooDeep = r.chains.find(tooDeepToCheck);
    if (tooDeep) {
      claims.push(wholeFormula(tooDeep.span, stmt, 'unsupported',
        `not checked: the formula is nested more than ${MAX_TREE_DEPTH} levels deep (a long flat sum or product is as deep as it has terms)`));
      continue;
    }
    parsed.push({ stmt, chains: withAnnotations(r.chains) });
  }
  // `{\pi_k \mathcal{N}}(x \mid …)` renders as a call and is read as one, μ_{ML} as μ^{ML}; θ^j, u_k^{j+1}: bare
  // superscripts the note uses for iterations are read as such, before anything else.
  for (const p of parsed) p.chains = p.chains.map(asWritten);
  const iterations = iterationLetters(parsed.flatMap((p) => p.chains));
  const newest = newestBare(parsed.flatMap((p) => p.chains), iterations);
  const letters = `${[...iterations].sort().join(',')}/${[...newest].sort().join(',')}`;
  for (const p of parsed) p.chains = p.chains.map((c) => withIterations(c, iterations, newest, letters));
  // The note's chains as read, in order (every note-level pass below takes them).
  const allChains = parsed.flatMap((p) => p.chains);
  const reading = inferReading({
    chains: allChains.map((chain) => ({ chain })), text, line: loc.line,
    aliases: options.aliases, parseSymbol, iterations, newestBare: newest,
  });
  for (const p of reading.problems) {
    const at = p.line > 0 ? starts[p.line - 1] : 0;
    allIssues.push({ severity: 'warning', message: p.message, span: { start: at, end: at }, line: Math.max(1, p.line) });
  }
  const model = inferModel(allChains, { K: options.K, D: options.D }, text, reading);
  const usualArgs = usualArguments(allChains);
  const indicators = indicatorLetters(allChains);
  const ctx: NoteContext = {
    K: model.K, D: model.D, N: model.N, isotropic: model.isotropic, ...(!model.isotropic && tiedModel(reading) ? { tied: true } : {}), defs: new Map(), defaultDensity: model.defaultDensity, usualArgs, indicatorLetters: indicators,
    transposedLetters: transposedLetters(allChains),
    dataCount: model.dataCount, aliases: parseAliases(options.aliases), reading, ...(model.pointsWritten ? { pointsWritten: true } : {}),
    boldPoints: boldPoints(allChains, text),
    ...(namesSigmoid(text) ? { sigmoid: true } : {}),
  };
  // Headings divide a note into sections ("## Means", "## Covariances"), outside code fences.
  const headings: number[] = [];
  let fenced = false;
  for (let l = 0; l < starts.length; l++) {
    const line = text.slice(starts[l], starts[l + 1] ?? text.length);
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && /^#{1,6}\s/.test(line)) headings.push(starts[l]!);
  }
  ctx.interestAt = parametersOfInterest(allChains, ctx, headings);
  ctx.componentsFromZero = sumsComponentsFromZero(allChains, ctx);
  ctx.distributions = normalisedFunctions(allChains, ctx);
  ctx.declaredShapes = declaredShapes(allChains, ctx);
  const spread = spreadConvention(allChains, ctx);
  if (spread === 'std') ctx.stdInSpreadSlot = true;
  const weight = bareWeight(allChains, ctx, (offset) => loc.line(offset));
  if (weight) {
    ctx.bareWeight = weight;
    for (const p of parsed) p.chains = p.chains.map((c) => withBareWeight(c, weight, ctx));
    allChains.splice(0, allChains.length, ...parsed.flatMap((p) => p.chains));
    // (The usual arguments as rewritten: a bare J after `J(π) = …` is J(π_1), as its definition now reads.)
    ctx.usualArgs = usualArguments(allChains);
  }
  // Values the text gives every component in words (read once: the key and the builder both need them).
  const told = proseValues(text);
  const sizes = countStatements(text);
  const key = noteKey(options, ctx, text, told, sizes);
  // Chains are reused by the key without the lines it holds (an Enter above them leaves them as they were); claims that
  // quote a line only under the whole key (ChainReuse), and after as many values told in words (`toldAt`).
  const reuseKey = noteKey(options, ctx, text, told, sizes, false);
  const builder = new ClaimBuilder(ctx, loc, {
    seed: options.seed ?? DEFAULT_SEED,
    trials: Math.max(1, options.trials ?? DEFAULT_TRIALS),
    tolerance: options.tolerance ?? DEFAULT_TOLERANCE,
    budgetMs: options.claimBudgetMs ?? DEFAULT_CLAIM_BUDGET_MS,
  }, key);
  builder.proseValues = told;
  builder.countsStated = sizes;
  const reuse = new ChainReuse(reuseKey, hashString(key), told.map((v) => ({ at: v.at, until: v.until })), builder, loc, ctx.interestAt, headings);
  // Names the note defines only after using them ("…, where n_k = Σ_j γ_jk").
  for (const { stmt, chains } of parsed) {
    const inline = !regions[stmt.regionIndex]?.display;
    for (const chain of chains) reuse.track(chain, stmt, inline, () => builder.predefine(chain));
  }
  const cancelled = options.isCancelled;
  const modelSummary = { K: model.K, D: model.D, description: ctx.tied ? `${model.description}, one spread shared by all components (a tied model, as the note writes it)` : model.description };
  const finish = (done: Claim[], checkedTo = Infinity): NoteReport =>
    finishReport(text, regions, done, allIssues, modelSummary, reading, loc, checkedTo, macros, ctx.bareWeight);
  const progress = options.onProgress ? new Progress(options.onProgress, Math.max(0, options.progressMs ?? DEFAULT_PROGRESS_MS), started) : null;
  // The numbers of worked examples, read in note order against the instance the note states.
  const examples = new WorkedExamples(ctx, loc, allChains, spread);
  builder.worked = examples;
  for (const { stmt, chains } of parsed) {
    const inline = !regions[stmt.regionIndex]?.display;
    for (const chain of chains) {
      if (cancelled?.()) throw new CheckCancelled('check cancelled: the note changed');
      progress?.between(chain.span.start, (checkedTo) => (claims.some((c) => c.lhsSpan.start < checkedTo) ? finish(claims, checkedTo) : null));
      try {
        const own = qualifiedByProse(text, chain, reuse.claims(chain, stmt, inline, () => builder.chainClaims(chain, stmt, inline)), inline);
        const built = otherModelSteps(nonEmUpdates(own, () => {
          // The text of the chain's section before it, at most PRIOR_LINES lines back.
          const line = loc.line(chain.span.start);
          const h = lineIndexAt(headings, chain.span.start);
          const section = headings.length && headings[h]! <= chain.span.start ? headings[h]! : 0;
          return text.slice(Math.max(section, starts[Math.max(0, line - 1 - PRIOR_LINES)]!), chain.span.start);
        }), () => {
          // The headings above the chain, nearest first, then the note's opening (otherModelSteps).
          const out: string[] = [];
          for (let h = lineIndexAt(headings, chain.span.start); h >= 0 && headings.length; h--) {
            if (headings[h]! > chain.span.start) continue;
            const end = text.indexOf('\n', headings[h]!);
            out.push(text.slice(headings[h]!, end < 0 ? text.length : end));
          }
          out.push(text.slice(0, OPENING_CHARS));
          return out;
        });
        let revised = built;
        try {
          revised = examples.revise(chain, built, stmt.regionIndex);
        } catch {
          // Reading a worked example must never cost a chain its claims: keep the ones checked as identities.
        }
        claims.push(...revised);
      } catch (e) {
        // A bug of ours must not take the note down: report it on this chain only.
        claims.push(wholeFormula(chain.span, stmt, 'unsupported', `internal error while checking this formula: ${e instanceof Error ? e.message : String(e)}`, chain.span.start));
      }
    }
  }
  return finish(claims);
}

/** Bold lowercase letters the note puts in a density's point slot (`\mathcal{N}(\mathbf{y} \mid …)`): NoteContext.boldPoints. */
function boldPoints(chains: Chain[], text: string): Set<string> {
  const out = new Set<string>();
  if (!/\\(?:mathbf|boldsymbol|bm)\s*\{?\s*[a-z]/.test(text)) return out;
  // (The calls with two given slots each chain lists once with its parse: no walk of every side at every check.)
  for (const c of chains) {
    for (const n of chainNodes(c).twoGiven) {
      const a = n.args[0];
      if (n.fn.name === 'N' && !n.fn.sub && a?.kind === 'sym' && a.font === 'bold' && !a.sub && /^[a-z]$/.test(a.name)) out.add(a.name);
    }
  }
  return out;
}

/**
 * Does the note name σ the logistic sigmoid (NoteContext.sigmoid)? In words beside it ("the logistic sigmoid $\sigma$",
 * "$\sigma(\cdot)$ is the sigmoid") or in its formula (`\sigma(a) = \frac{1}{1 + e^{-a}}`); not the word alone ("the
 * logistic-regression baseline" in a note whose σ is a standard deviation).
 */
function namesSigmoid(text: string): boolean {
  if (!/sigmoid|logistic|\\sigma\s*\(/i.test(text)) return false;
  if (SIGMOID_FORMULA.test(text)) return true;
  // The word with a bare σ (not σ_k) in the same sentence, within a few words either way: "the logistic sigmoid
  // $\sigma$", "let $\sigma$ denote the logistic function", "the logistic (sigmoid) function $\sigma(\cdot)$".
  for (const m of text.matchAll(/sigmoid|logistic/gi)) {
    const near = text.slice(Math.max(0, m.index! - 70), m.index! + m[0].length + 70);
    const at = m.index! - Math.max(0, m.index! - 70);
    const sentence = near.slice(Math.max(0, near.lastIndexOf('. ', at) + 1), (near.indexOf('. ', at) + 1 || near.length + 1) - 1);
    if (/\\sigma(?![a-zA-Z_])(?!\s*_)/.test(sentence) && !SIGMOID_DENIED.test(sentence)) return true;
    // (Or σ(·), the function itself, further back in the sentence: "where $\sigma(\cdot)$, the squashing function that turns
    // the log-odds into a probability, is the logistic sigmoid".)
    const wide = text.slice(Math.max(0, m.index! - 200), m.index!);
    const opening = Math.max(wide.lastIndexOf('. '), wide.lastIndexOf('\n\n'));
    const before = opening < 0 ? wide : wide.slice(opening + 1);
    if (/\\sigma\s*\(\s*\\cdot\s*\)/.test(before) && !SIGMOID_DENIED.test(before)) return true;
    // (Or σ applied later in the sentence, past a display: "The posterior is the standard logistic function of the log-odds,
    // $$\gamma_{n1} = \frac{…}{…} = \sigma(a_n)$$". The function named, not "logistic regression".)
    if (/^(?:sigmoid|logistic\s+(?:function|sigmoid))/i.test(text.slice(m.index!, m.index! + 20))) {
      const rest = text.slice(m.index!, m.index! + 600);
      const end = rest.search(/\.\s|\n\s*\n/);
      const sentence = end < 0 ? rest : rest.slice(0, end);
      // (σ applied to one letter, `\sigma(a_n)`, `\sigma(-z)`: not `\log\sigma(\sqrt{2\pi})`, σ times a bracket.)
      if (/\\sigma\s*\(\s*-?\s*[A-Za-z](?:_\{?[A-Za-z0-9]{1,3}\}?)?\s*\)/.test(sentence) && !SIGMOID_DENIED.test(sentence) && !/standard deviation|variance/i.test(sentence)) return true;
    }
  }
  return false;
}
/** σ(a) = …1 + e^{…}… within a few characters: 1/(1+e^{−a}), \frac{1}{1+e^{-a}}, (1+\exp(-a))^{-1}, e^a/(1+e^a). */
const SIGMOID_FORMULA = /\\sigma\s*\(\s*[^()]{1,20}\)\s*=[^$=]{0,40}?1\s*\+\s*(?:e\s*\^|\\exp)/;
/** A sentence that says σ is not the sigmoid ("Unlike in logistic regression, σ here is a standard deviation"). */
const SIGMOID_DENIED = /\bunlike\b|\\sigma\s*\$?\s*(?:here |now )?(?:is|denotes|stands for)\s+(?:a |the |its )?(?:standard deviation|variance|spread|scale)/i;

/** How far back the text before an update may say it is a MAP estimate (nonEmUpdates). */
const PRIOR_LINES = 20;
/** The note's opening, read for the model it is about where no heading names one (otherModelSteps). */
const OPENING_CHARS = 300;

/** Time between the partial reports of a long check (CheckOptions.onProgress). */
const DEFAULT_PROGRESS_MS = 150;

/** When a long check reports its results so far: every `everyMs` from its start. */
class Progress {
  private next: number;
  constructor(private readonly report: (partial: NoteReport, checkedTo: number) => void, private readonly everyMs: number, started: number) {
    this.next = started + everyMs;
  }

  /** Between two chains, the next starting at `at`: reports the claims before it when it is time and there are some. */
  between(at: number, partial: (checkedTo: number) => NoteReport | null): void {
    const now = performance.now();
    if (now < this.next) return;
    const report = partial(at);
    if (!report) return;
    this.next = now + this.everyMs;
    this.report(report, at);
  }
}

/**
 * The report of the claims checked: broken formulas marked, claims in note order, failing
 * steps located at their culprit, the counts. A partial report (`checkedTo` an offset) holds
 * the claims that start before it, copied (`done` is not changed), as the whole report has them.
 */
function finishReport(text: string, regions: MathRegion[], done: Claim[], issues: NoteIssue[], model: NoteReport['model'],
  reading: Reading, loc: { line(offset: number): number; column(offset: number): number }, checkedTo: number, macros: MacroScope, bare?: BareWeight): NoteReport {
  const whole = checkedTo === Infinity;
  // A broken formula's claim lies inside its region, so those of regions ending before checkedTo start before it too.
  const claims = whole ? done : done.filter((c) => c.lhsSpan.start < checkedTo).map((c) => ({ ...c }));
  markBrokenFormulas(text, whole ? regions : regions.filter((r) => r.content.end <= checkedTo), claims, loc, macros);
  claims.sort((a, b) => a.lhsSpan.start - b.lhsSpan.start || a.rhsSpan.start - b.rhsSpan.start);
  // (A new object for a claim whose message gains the hint: claims may be kept for the next check.)
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i]!;
    if (c.reason !== 'parse-error' || !c.message.startsWith('unknown command')) continue;
    const hint = definedOutsideMath(c.message, text, regions, loc.line);
    if (hint && !c.message.endsWith(hint)) claims[i] = { ...c, message: c.message + hint };
  }
  for (const c of claims) {
    // Failing steps and broken formulas are shown at their culprit (Problems, the CLI's text, the markers' labels).
    if (c.verdict !== 'fail' && !c.brokenFormula) continue;
    // The end offset is exclusive: the culprit's last character is at end - 1.
    const end = Math.max(c.culprit.start, c.culprit.end - 1);
    c.culpritAt = { line: loc.line(c.culprit.start), endLine: loc.line(end), column: loc.column(c.culprit.start) };
  }
  const summary = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  return { regions, claims, issues, summary, model, reading: summarizeReading(reading, bare) };
}

/**
 * Where the reuse of a chain's claims accounts for each field of the note's context. A
 * field added to NoteContext without an entry here is a type error: whoever adds one must
 * decide how a change of it reaches the reuse key (a field forgotten there gave stale
 * verdicts on reused chains).
 */
export const NOTE_CONTEXT_IN_KEY: Record<keyof NoteContext, 'noteKey' | 'builder state trail' | 'chain key'> = {
  K: 'noteKey', D: 'noteKey', N: 'noteKey', dataCount: 'noteKey', aliases: 'noteKey', defaultDensity: 'noteKey',
  componentsFromZero: 'noteKey', distributions: 'noteKey', usualArgs: 'noteKey', indicatorLetters: 'noteKey', transposedLetters: 'noteKey',
  reading: 'noteKey', isotropic: 'noteKey', tied: 'noteKey', sigmoid: 'noteKey', declaredShapes: 'noteKey', stdInSpreadSlot: 'noteKey', bareWeight: 'noteKey', pointsWritten: 'noteKey', boldPoints: 'noteKey',
  defs: 'builder state trail', latestForms: 'builder state trail',
  interestAt: 'chain key',
};

/**
 * Everything note-level a chain's check reads (ChainReuse): the options, the model, the
 * reading in full (lines included: messages quote them), the letters and forms read from
 * the whole note. The builder's own signature (ClaimBuilder.ctxSignature) is a subset.
 */
function noteKey(options: CheckOptions, ctx: NoteContext, text: string, told: ReturnType<typeof proseValues>, sizes: CountStatement[], lines = true): string {
  const span = (n: { span: Span }) => text.slice(n.span.start, n.span.end);
  const r = ctx.reading;
  const line = (at: number): number | null => lines ? text.slice(0, at).split('\n').length : null;
  // `lines` false: the lines the reading's findings keep (messages quote them) left out, in fields and in words.
  const unlined = lines ? undefined : (k: string, v: unknown): unknown => k === 'line' ? undefined : typeof v === 'string' ? v.replace(/\bline \d+/g, 'line') : v;
  return JSON.stringify([
    options.seed ?? DEFAULT_SEED, options.trials ?? DEFAULT_TRIALS, options.tolerance ?? DEFAULT_TOLERANCE, options.claimBudgetMs ?? DEFAULT_CLAIM_BUDGET_MS,
    options.aliases ?? null, ctx.K, ctx.D, ctx.N, [...ctx.dataCount].sort(), [...ctx.aliases].map(([k, m]) => [k, m]).sort(),
    ctx.defaultDensity ? span(ctx.defaultDensity) : null, ctx.componentsFromZero ?? false,
    [...ctx.usualArgs ?? []].map(([k, args]) => [k, args ? args.map(span) : null]).sort(),
    [...ctx.indicatorLetters ?? []].sort(), [...ctx.transposedLetters ?? []].sort(),
    r ? [readingSignature(r), [...r.symbols].sort(), [...r.ambiguous].sort(), [...r.iterations].sort()] : null,
    ctx.isotropic ?? false, ctx.tied ?? false, ctx.sigmoid ?? false, ctx.pointsWritten ?? false, [...ctx.boldPoints ?? []].sort(), [...ctx.declaredShapes ?? []].sort(), ctx.stdInSpreadSlot ?? false, ctx.bareWeight ?? null,
    [...ctx.distributions ?? []].sort(),
    // Values the text gives every component in words, read by failing steps after them (claims.ts, proseValues).
    told.map((v) => [v.words, line(v.at)]),
    // Sizes stated in formulas of their own, read by failing steps in their section (claims.ts, localSizes).
    sizes.map((c) => [c.which, c.value, lines ? c.line : null]),
  ], unlined);
}

// The parser hands out the same trees for a statement that has not moved (its cache): the
// trees read from them are kept as long as those are, so a re-check does not map them again.
const writtenOf = new WeakMap<Chain, Chain>();
const iteratedOf = new WeakMap<Chain, { letters: string; chain: Chain }>();

/** Whether a parsed chain is nested beyond MAX_TREE_DEPTH (its trees alone decide: kept on it). */
const tooDeepOf = new WeakMap<Chain, boolean>();

function tooDeepToCheck(chain: Chain): boolean {
  let deep = tooDeepOf.get(chain);
  if (deep === undefined) tooDeepOf.set(chain, deep = chainDepth(chain, MAX_TREE_DEPTH) > MAX_TREE_DEPTH);
  return deep;
}

const annotated = new WeakMap<Chain[], Chain[]>();

/**
 * The chains of a statement and the claims its annotations make: `\underbrace{\sum_k \gamma_{nk}}_{= 1}`
 * (or `\overbrace{…}^{= …}`) says the body equals the label's right side, and is checked like a step
 * of its own (a wrong annotation passed unseen). A label with words in it (`= 0 \text{ at the optimum}`)
 * is a remark, not a claim. Kept per parse: the checker keeps what it reads on the chain objects.
 */
function withAnnotations(chains: Chain[]): Chain[] {
  const kept = annotated.get(chains);
  if (kept) return kept;
  let out = chains;
  for (const chain of chains) {
    for (const n of chainNodes(chain).underbraces) {
      if (n.label.kind !== 'event' || n.label.rels.length !== 1 || n.label.rels[0] !== '=') continue;
      const [before, value] = n.label.items;
      if (before?.kind !== 'empty' || !value || value.kind === 'empty') continue;
      let words = false;
      walk(value, (m) => { if (m.kind === 'text' || m.kind === 'opaque') words = true; });
      if (words) continue;
      if (out === chains) out = [...chains];
      out.push({
        sides: [{ ok: true, node: n.body, span: n.body.span }, { ok: true, node: value, span: value.span }],
        relations: [{ rel: '=', span: { start: n.label.span.start, end: value.span.start } }],
        span: { start: n.body.span.start, end: value.span.end },
      });
    }
  }
  annotated.set(chains, out);
  return out;
}

function asWritten(chain: Chain): Chain {
  let out = writtenOf.get(chain);
  if (!out) writtenOf.set(chain, out = readAsWritten(chain));
  return out;
}

function withIterations(chain: Chain, iterations: ReadonlySet<string>, newest: ReadonlySet<string>, letters: string): Chain {
  const kept = iteratedOf.get(chain);
  if (kept?.letters === letters) return kept.chain;
  const out = readIterations(chain, iterations, newest);
  iteratedOf.set(chain, { letters, chain: out });
  return out;
}

/** A symbol as the user writes it in a gmm comment or an alias (`\alpha`, `\gamma_{ji}`), parsed by the note's parser. */
function parseSymbol(latex: string): SymNode | null {
  const r = parseStatement([{ start: 0, text: latex }]);
  const side = r.chains[0]?.sides[0];
  return !r.error && r.chains.length === 1 && r.chains[0].sides.length === 1 && side?.ok && side.node.kind === 'sym' ? side.node : null;
}

function summarizeReading(r: Reading, bare?: BareWeight): NoteReport['reading'] {
  const parts = readingParts(r, symbolToUnicode);
  const symbols: NoteReport['reading']['symbols'] = [];
  if (bare) {
    // π_1 = π, π_2 = 1 − π: shown beside the note's other weights (after the data).
    const letter = latexOf({ name: bare.name, font: bare.font });
    const other = 3 - bare.component;
    const text = `weights ${symbolToUnicode(`${letter}_${bare.component}`)} = ${symbolToUnicode(letter)}, ${symbolToUnicode(`${letter}_${other}`)} = 1 − ${symbolToUnicode(letter)}`;
    parts.splice(parts[0]?.names.some((n) => /^x|data/.test(n)) ? 1 : 0, 0, { latex: `weights ${letter}_${bare.component} = ${letter}, ${letter}_${other} = 1 - ${letter}`, text, names: [letter] });
    symbols.push({ symbol: letter, role: 'weight', why: `the weight of component ${bare.component} of the two (its complement 1 − ${letter} weighs the other)`, line: bare.line, source: 'note' });
  }
  return {
    description: describeReading(r, parts),
    text: readingText(parts),
    parts: parts.map((p) => ({ text: p.text, names: p.names })),
    symbols: [...symbols, ...[...r.symbols.values()].map((s) => ({
      symbol: s.latex, role: s.quantity, ...(s.form ? { indexOrder: s.form } : {}), why: s.why, line: s.line, source: s.source,
    }))],
    pointIndices: [...r.points], componentIndices: [...r.components],
    pointCounts: [...r.pointCounts], componentCounts: [...r.componentCounts], dimensions: [...r.dimensions],
    iterationIndices: [...r.iterations],
    ambiguous: [...r.ambiguous.values()],
  };
}

/**
 * A formula that is broken LaTeX is a result, not silence: its parse-error
 * claims are marked, and a formula that gave no claim at all (an unclosed
 * brace hides its `=`) gets one at the place it breaks.
 */
function markBrokenFormulas(text: string, regions: MathRegion[], claims: Claim[],
  loc: { line(offset: number): number; column(offset: number): number }, macros: MacroScope): void {
  const withClaims = new Set(claims.map((c) => c.regionIndex));
  // Parse errors by region, gathered once: a note of thousands of regions must stay linear.
  const errorsOf = new Map<number, Claim[]>();
  for (const c of claims) {
    if (c.reason !== 'parse-error') continue;
    const list = errorsOf.get(c.regionIndex);
    if (list) list.push(c);
    else errorsOf.set(c.regionIndex, [c]);
  }
  for (const region of regions) {
    const parseErrors = errorsOf.get(region.index) ?? [];
    if (withClaims.has(region.index) && parseErrors.length === 0) continue;
    const broken = brokenFormula(region.latex, region.display, macros.at(region.content.start));
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
