// An inline formula the sentence around it qualifies: "the gradient vanishes at $\mu_k = \mu_k^{new}$"
// (a point), "$r_{ik} = 1$ if $k = \arg\min_j …$ and 0 otherwise" (a case of a definition), "when
// $\sigma_k = \sigma$ for all k" (an assumption). The text states such an equality under a condition or
// names a point with it; judged as an identity for every GMM it fails though nothing is wrong. A ✗ on it
// becomes unchecked, saying which word qualifies it; a step that holds anyway keeps its ✓.
// Runs after the chain's claims are made (and kept for reuse), at every check. The word that makes a formula a case
// (proseCase) is part of what the reuse of a chain's claims is keyed by (chainReuse.ts): claims.ts reads it too, to
// keep such a formula from defining its letter.
import { extend } from '../util/objects';
import { walk, type Chain, type Node } from '../latex/ast';
import type { Claim } from '../types';
import { CONDITION_ON_LINE } from './claims';

/**
 * Words that end the text before a formula and make it a point or a hypothesis: "vanishes at", "evaluated at"
 * (not "arrive at", "look at": those introduce a claim), "if", "when", "assuming".
 */
const BEFORE = /(?:^|[\s(,;:])((?:vanish(?:es)?|zero|evaluated|maximi[sz]ed|minimi[sz]ed|attained|achieved|stationary|optimal|extremum|maximum|minimum|holds|equal to zero) at|evaluat(?:e|es|ed|ing)(?: (?:everything|it|this|them|these|all|each|every|the \w+)){1,2} at|when|whenever|if|iff|unless|assuming|provided(?: that)?|suppose|wenn|falls|lorsque|quand|cuando|si|se|jeśli|jeżeli|gdy|если|когда|eğer|nếu|khi|もし|만약|当|若|如果)\s*(?:\$|\\\()\s*$/iu;
/**
 * Words that open the text after a formula `X = c` with c a number and make it one case of a piecewise
 * definition: "$r_{ik} = 1$ if k = argmin …". (After a formula with an expression on its right, "when …" states
 * the case a claim is made for, which is still checked.)
 */
const AFTER = /^\s*[,;]?\s*(?:\$|\\\))\s*,?\s*(if|iff|only if|when|whenever|unless|otherwise|wenn|falls|si|lorsque|quand|cuando|当|若|如果|のとき|とき|ならば|なら|の場合|이면|일 때|ise|iken)(?=[\s,.:;、。，]|$)/iu;

/** A sentence that opens with "With" and words, up to a formula: "With two centres at distances $" (ProseCase: values only). */
const WITH_CLAUSE = /(?:^|[.!?]\s+|\n\s*(?:[-*>]\s*)?)(With)\s[^.,;:$()]{1,60}(?:\$|\\\()\s*$/u;

/** A sentence that opens with a conditional clause, up to the formula: "If all components share $", "When every point has $". */
const IF_CLAUSE = /(?:^|[.!?]\s+|\n\s*(?:[-*>]\s*)?)(If|When|Whenever|Suppose|Assuming|Provided)\s[^.,;:$()]{1,60}(?:\$|\\\()\s*$/u;

/**
 * The word of IF_CLAUSE ending `before`, when the clause states a case rather than leading to a result: not "When we
 * differentiate we get $", "If we define $", "Assuming the current parameters the E-step computes $" (a subject that acts,
 * a verb of result: the formula is what the sentence states).
 */
function ifClause(before: string): string | null {
  const m = IF_CLAUSE.exec(before);
  return m && !RESULT_IN_CLAUSE.test(m[0]) ? m[1]! : null;
}
const RESULT_IN_CLAUSE = /\b(?:we|one|you|I|get|gets|got|obtain\w*|yield\w*|give|gives|giving|comput\w*|find|finds|defin\w*|write|writes|set|sets|setting|differentiat\w*|then|becomes?|reduces?|simplif\w*|leads?)\b/i;
/** A verb right after a formula that says the sentence states it: "$…$ holds", "$…$ is true", "$…$ follows". */
const HOLDS_AFTER = /^\s*(?:\$|\\\))\s*(?:holds|is (?:true|satisfied)|follows)\b/i;

/** "if the variances are equal ($\sigma_1^2 = \sigma_2^2$)": the formula in brackets after a clause that states a case. */
const CASE_IN_BRACKETS = /(?:^|[\s(,;:])(if|when|whenever|assuming|se|si|wenn|falls|если|когда|jeśli|gdy|nếu|eğer)\s[^.$()]{1,50}\(\s*(?:\$|\\\()\s*$/iu;

/**
 * "For $a_k = 1$ we get …", "At $\beta = 1$ this is plain EM": a value the text takes for a case (a number on the right
 * only; `for $k = 1, \dots, K$` is a range).
 */
const FOR_BEFORE = /(?:^|[\s(,;:])(for|für|pour|para|per|dla|для|için)\s*(?:\$|\\\()\s*$|(?:^|[.!?:]\s+|\n\s*)(At)\s*(?:\$|\\\()\s*$/iu;

/** The rest of a formula's sentence when it ends in a question mark at once: `$…$?`, `$…$ here?` (a few words, no other sentence). */
const QUESTION = /^\s*(?:\$|\\\))[^.!?$\n]{0,30}[?？]/u;

/**
 * The word that makes an inline formula a case or a hypothesis rather than a statement: one of BEFORE
 * before it, or one of AFTER after it when its right side is a number ("$z_{ik} = 1$ if point i came from
 * component k"). Such a formula names no quantity: claims.ts does not take it as a definition.
 */
export function proseCase(text: string, chain: Chain): string | null {
  // (The words BEFORE looks for are the last few before the formula: a long line's start is not read. The cut starts
  // at a space, so no word is cut in two. This runs for every chain at every check.)
  const lineStart = text.lastIndexOf('\n', chain.span.start - 1) + 1;
  const near = Math.max(lineStart, chain.span.start - 48);
  const from = near === lineStart ? near : Math.max(near, text.indexOf(' ', near));
  const before = from < chain.span.start ? BEFORE.exec(text.slice(from, chain.span.start))?.[1] : undefined;
  if (before) return before;
  // "Suppose $A$ and $B$", "if $A$, $B$ or $C$": the word before the first formula of a list qualifies the others too.
  const listed = conjunctCase(text, chain.span.start, lineStart);
  if (listed) return listed;
  // "If all components share $\alpha_k = 1/K$, the …": a formula in the clause a sentence opens with "If" (no comma or
  // formula between the word and it).
  const clause = from < chain.span.start ? ifClause(text.slice(Math.max(lineStart, chain.span.start - 80), chain.span.start)) : null;
  // (Not a formula the sentence then says holds: "When the weights are normalised $\sum_k \pi_k = 1$ holds.")
  if (clause && !HOLDS_AFTER.test(text.slice(chain.span.end, chain.span.end + 30))) return clause;
  // (Only a formula of bare values, `\sigma_1^2 = \sigma_2^2 = \sigma^2`: "When we run the E-step ($\gamma_{nk} = …$)" states a claim.)
  const bareValues = chain.sides.every((sd) => sd.ok && (isNumber(sd.node) || sd.node.kind === 'sym' || (sd.node.kind === 'pow' && sd.node.base.kind === 'sym')));
  const bracketed = bareValues && from < chain.span.start ? CASE_IN_BRACKETS.exec(text.slice(Math.max(lineStart, chain.span.start - 80), chain.span.start))?.[1] : undefined;
  if (bracketed) return bracketed;
  const last = chain.sides[chain.sides.length - 1];
  if (!(chain.sides.length === 2 && last?.ok === true && isNumber(last.node))) return null;
  const forMatch = from < chain.span.start ? FOR_BEFORE.exec(text.slice(from, chain.span.start)) : null;
  const forCase = forMatch?.[1] ?? forMatch?.[2];
  if (forCase) return forCase;
  // "With two centres at distances $\|x_n - \mu_1\|^2 = 1$ and $\|x_n - \mu_2\|^2 = 4$, …": values the clause a sentence
  // opens with supposes for expressions (a number on the right only: "With $N_k = \sum_n \gamma_{nk}$ the update is …"
  // defines; a name set to a number, "With the weak prior $\kappa_0 = 0$", is a choice made from there on, CHOICE_BEFORE).
  // (Of a data point, with no sum: `\|x_n - \mu_1\|^2 = 1`; not "With these weights $\sum_k \pi_k = 2$", a claim.)
  const first = chain.sides[0];
  if (first?.ok && first.node.kind !== 'sym' && pointExpression(first.node)) {
    const withCase = WITH_CLAUSE.exec(text.slice(Math.max(lineStart, chain.span.start - 80), chain.span.start))?.[1];
    if (withCase) return withCase;
    const head = listHead(text, chain.span.start);
    const opened = head !== chain.span.start ? WITH_CLAUSE.exec(text.slice(Math.max(lineStart, head - 80), head))?.[1] : undefined;
    if (opened) return opened;
  }
  let lineEnd = text.indexOf('\n', chain.span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const after = AFTER.exec(text.slice(chain.span.end, lineEnd))?.[1];
  if (after) return after;
  // "… and $z_{nk} = 0$\notherwise.": a formula that ends its line, and "otherwise" opening the next (only that word: "… = 1$\n
  // when we sum them" is a wrapped sentence as often as a case).
  if (lineEnd < text.length && /^\s*(?:\$|\\\))\s*,?\s*$/.test(text.slice(chain.span.end, lineEnd)) && /^[ \t>]*otherwise\b/i.test(text.slice(lineEnd + 1, lineEnd + 40))) return 'otherwise';
  return null;
}

/**
 * Words that open a sentence and then take a formula as a choice made from there on: "With $q_{ik} = \gamma_{ik}$
 * the bound is tight", "Taking $\Sigma_k = I$, …". What the formula says holds after it, not before: a name it
 * gives is not read back into the lines above (claims.ts, predefine).
 */
export const CHOICE_BEFORE = /(?:^|[.!?:]\s+|\n\s*(?:[-*>]\s*)?)(?:with|taking|choosing|substituting|plugging in|putting|setting)\s*(?:\$|\\\()\s*$/i;

/**
 * Words in the formula itself, after the chain, that state where its last step holds: `= N \quad \text{at } \alpha_k =
 * N_k/N`, `\text{at the optimum}`, `\text{ when } \sigma_k = \sigma`, `(\text{at the M-step})`, `\text{evaluated at …}`.
 * (Not `\text{where } N_k = …`, which defines, nor `\text{for all } k`, `\text{for } k = 1, …, K`, which say the
 * indices the chain is for.)
 */
const FORMULA_CONDITION = /^(?:\s|[,;.~(]|\\[,;:!> ]|\\q?quad\b|\\[hm]?space\s*\{[^}]*\}|\\(?:left|right|big|Big)[.(]?)*\\(?:text|textrm|textit|mbox|mathrm|operatorname)\s*\{\s*\(?\s*(at|when|whenever|if|provided(?: that)?|assuming|only at|evaluated at)(?=[\s}~])([^}]*)\}([^$\n]{0,120})/i;
/**
 * A condition that restricts nothing: the current iterate (`\text{at } \theta = \theta^{(t)}`, "at iteration t"), a
 * domain (`\text{when } \sigma_k > 0`), every value (`\text{for all}`).
 */
const NO_RESTRICTION = /\biteration\b|(?<![-\w])step\s+\(?[a-z0-9]|\^\s*\{?\s*\(\s*[a-z]\s*\)|\^\s*\{?\s*(?:\\text\{\s*)?old|\\(?:ge|le|geq|leq|gt|lt|neq|ne|in|notin|forall)\b|[<>]|\ball\b|\bevery\b|\beach\b/i;

/** The words of a formula just before a chain that make the chain the condition: `\text{(at }`, `\text{ when }`, `\mbox{if }`. */
const CONDITION_IN_FORMULA = /\\(?:text|textrm|textit|mbox|mathrm)\s*\{\s*\(?\s*(at|when|whenever|if|provided(?: that)?|assuming|evaluated at)\s*\}\s*$/i;

/** The word of the formula that states the condition its last step holds under (FORMULA_CONDITION), or null. */
export function formulaCondition(text: string, chain: Chain): string | null {
  const m = FORMULA_CONDITION.exec(text.slice(chain.span.end, chain.span.end + 200));
  if (!m || NO_RESTRICTION.test(`${m[2]} ${m[3]}`)) return null;
  return m[1]!.toLowerCase();
}

export function qualifiedByProse(text: string, chain: Chain, claims: Claim[], inline: boolean): Claim[] {
  if (!claims.some((c) => c.verdict === 'fail' && inside(c, chain))) return claims;
  // (In a display too: `… = n_k\mu_k^2 \qquad \text{(at } \mu_k = \mu_k^{(t+1)}\text{)}`, the point the step before holds at.)
  const stated = CONDITION_IN_FORMULA.exec(text.slice(Math.max(0, chain.span.start - 60), chain.span.start))?.[1];
  if (!inline && !stated) return claims;
  let lineEnd = text.indexOf('\n', chain.span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const word = stated ?? proseCase(text, chain);
  // "Why can't we just set $\frac{\partial \mathcal{L}}{\partial \pi_k} = 0$?": the sentence asks, it does not claim.
  const asked = !word && QUESTION.test(text.slice(chain.span.end, lineEnd));
  if (!word && !asked) return claims;
  const message = asked
    ? 'not checked as an identity: the sentence asks a question about it rather than stating it'
    : `not checked as an identity: the text qualifies it (“${word}”), so it names a point or states a case or a condition, not something that holds for every GMM`;
  // (A point named in a formula, `\text{(at } \mu_k = A = B\text{)}`, "evaluate … at $\mu_k = A = B$": its first link names it,
  // the links after it are claims about A.)
  const pointOnly = !!stated || /^evaluat/i.test(word ?? '');
  const firstStart = chain.sides[0]?.span.start;
  return claims.map((c) => (c.verdict === 'fail' && inside(c, chain) && (!pointOnly || c.lhsSpan.start === firstStart)
    ? extend(c, { verdict: 'unchecked', reason: 'condition', kind: 'condition', message, cause: undefined, values: undefined })
    : c));
}

/** `$ and $`, `$, $`, `$ or $`, `$, and $` just before a formula: it is the next of a list of inline formulas. */
const LISTED = /(?:\$|\\\))\s*(,|and\s+|or\s+)\s*(?:\$|\\\()\s*$/;
/** What follows a formula in the middle of a list: `$, $` or `$ and $`, `$ or $` (a comma alone may end a clause instead). */
const LIST_GOES_ON = /^\s*(?:\$|\\\))\s*(?:,|and\s|or\s)\s*(?:\$|\\\()/;

/**
 * Where the first formula of a list of inline formulas on one line that ends with the formula at `start` begins ("Suppose
 * $A$ and $B$": A's start for B; at most three back); `start` itself when the formula is not in such a list.
 */
function listHead(text: string, start: number): number {
  // (Runs for every inline formula: every search is bounded to the few hundred characters before it, never to the
  // start of a line that may be megabytes long.)
  const from = Math.max(0, start - LIST_REACH);
  const lineStart = from + text.slice(from, start).lastIndexOf('\n') + 1;
  let at = start;
  for (let hop = 0; hop < 3; hop++) {
    const window = Math.max(lineStart, at - 12);
    const m = LISTED.exec(text.slice(window, at));
    if (!m) break;
    // ("If $A$, $B$": B after a comma is the main clause, unless the list goes on after it, "if $A$, $B$ or $C$". ", and $"
    // starts a clause of its own: "vanishes at $A$, and $B$".)
    if (m[1] === ',') {
      // (The formula's closing `$` or `\)`, looked for within the same bound.)
      const close = text.slice(at, at + LIST_REACH).search(/\$|\\\)/);
      if (close < 0 || !LIST_GOES_ON.test(text.slice(at + close, at + close + 16))) break;
    }
    // The opening `$` (or `\(`) of the formula before: the last one before its closing, on this line.
    const closeAt = window + m.index;
    const before = text.slice(lineStart, closeAt);
    const dollar = before.lastIndexOf('$'), paren = before.lastIndexOf('\\(');
    if (dollar < 0 && paren < 0) break;
    at = lineStart + (paren > dollar ? paren + 2 : dollar + 1);
  }
  return at;
}
/** How far back a list of inline formulas is followed (listHead): three formulas and the words between them. */
const LIST_REACH = 600;

/** The word of BEFORE (or IF_CLAUSE) before the first formula of a list of inline formulas ending with the one at `start`, else null. */
function conjunctCase(text: string, start: number, lineStart: number): string | null {
  const head = listHead(text, start);
  if (head === start) return null;
  const near = Math.max(lineStart, head - 48);
  const from = near === lineStart ? near : Math.max(near, text.indexOf(' ', near));
  if (from >= head) return null;
  return BEFORE.exec(text.slice(from, head))?.[1] ?? ifClause(text.slice(Math.max(lineStart, head - 80), head));
}

/** An expression of a data point without a sum (`\|x_n - \mu_1\|^2`, `(x_n - \mu_2)^2`): a distance an example supposes. */
function pointExpression(n: Node): boolean {
  let point = false, summed = false;
  walk(n, (m) => {
    if (m.kind === 'sum' || m.kind === 'prod') summed = true;
    else if (m.kind === 'sym' && (m.name === 'x' || m.name === 'y') && m.sub) point = true;
  });
  return point && !summed;
}

/** A number, possibly negated: the value of one case. */
function isNumber(n: Node): boolean {
  return n.kind === 'num' || (n.kind === 'neg' && n.body.kind === 'num');
}

function inside(c: Claim, chain: Chain): boolean {
  return c.lhsSpan.start >= chain.span.start && c.rhsSpan.end <= chain.span.end;
}

/**
 * Words that say the note estimates with a prior (MAP-EM), whose M-step is not the maximum-likelihood one. Not
 * "the prior π_k" or "a prior over $z_i$": notes call the mixing weights, and the latent's distribution, priors.
 */
const PRIOR = /\b(Dirichlet|MAP(?!\s*\d)|maximum a posteriori|conjugate prior|(?:normal|inverse)[- ]Wishart|Wishart|prior (?:distribution )?(?:on|over) (?:the |each |all )?(?:means?\b|weights?\b|mixing (?:weights|proportions|coefficients)|covariances?\b|variances?\b|precisions?\b|parameters?\b|\$\\?(?:mu|Sigma|sigma|pi|Lambda|theta|alpha|phi|boldsymbol\{\\mu)))/g;
/** A negation just before such a word: "not MAP", "no Dirichlet prior", "without a prior on the means". */
const NEGATED = /\b(?:not|no|without|instead of|rather than|nor|never)\b[^.;:!?\n]{0,24}$/i;
/** Words that say the updates after them are steps of another iterative method than EM. */
const OTHER_METHOD = /\b(gradient (?:ascent|descent)|learning rate|step size|Newton(?:'s method|-Raphson)?|stochastic gradient|SGD)\b/i;

/** A hyperparameter as notes write them: a letter with the subscript 0 (κ₀, m₀, ν₀, 𝐒₀, Ψ₀, α₀). */
const HYPERPARAMETER = /(?:\\[a-zA-Z]+(?:\{[^{}]*\})?|[a-zA-Z])\s*_\s*(?:0|\{\s*0\s*\})(?![\d}])/;

/** What in the text says the updates after it are MAP estimates (the word); null when nothing does. */
function priorWord(text: string): string | null {
  for (const m of text.matchAll(PRIOR)) if (!NEGATED.test(text.slice(Math.max(0, m.index! - 40), m.index))) return m[1]!;
  return null;
}

/**
 * A parameter update that fails against the reference's maximum-likelihood M-step, after text of its section (at most
 * PRIOR_LINES back) that names another iterative method ("gradient ascent", and the update is a step from the
 * current value), or that says the
 * note estimates with a prior (priorWord of `proseBefore`: the text of its section, at most a screenful back)
 * or whose update writes a hyperparameter (κ₀, m₀): the MAP update
 * `π_k = (N_k + α − 1)/(N + Kα − K)`, `μ_k = (Σγx + κ₀m₀)/(N_k + κ₀)` is right for its prior, which the
 * reference does not have. Unchecked, saying so; passes stay.
 */
export function nonEmUpdates(claims: Claim[], proseBefore: () => string): Claim[] {
  if (!claims.some((c) => c.verdict === 'fail' && c.kind === 'update')) return claims;
  const before = proseBefore();
  const prior = priorWord(before);
  const method = OTHER_METHOD.exec(before)?.[1];
  return claims.map((c) => {
    // (A ✗ against the condition the note derived, with its prior, stands: claims.ts, solvesCondition.)
    if (c.verdict !== 'fail' || c.kind !== 'update' || c.message.includes(CONDITION_ON_LINE)) return c;
    // `μ_k^{new} = μ_k + \frac{1}{N} Σ …` under "gradient ascent": a step of that method from the current value.
    const parameter = /^[^^]*/.exec(c.lhs)![0].trim();
    if (method && parameter && c.rhs.includes(parameter)) {
      return extend(c, { verdict: 'unchecked', reason: 'unsupported', cause: undefined, values: undefined,
        message: `differs from EM's update, but the text says the note takes steps of another method (“${method}”) from the current value; the checker has only EM's to compare with: not checked`,
      });
    }
    const hyper = HYPERPARAMETER.exec(c.rhs)?.[0];
    if (!prior && !hyper) return c;
    const why = prior ? `the note estimates with a prior (“${prior}”)` : `it writes a prior's hyperparameter (${hyper!.replace(/\s+/g, '')})`;
    return extend(c, { verdict: 'unchecked', reason: 'unsupported', cause: undefined, values: undefined,
      message: `differs from the maximum-likelihood M-step, but ${why}: a MAP update depends on the prior, which the checker's reference does not have; not checked`,
    });
  });
}

/** Families a note may mix instead of Gaussians (a mixture of them is another model than the reference's). */
const FAMILY = String.raw`(?:[Ll]aplace|[Pp]oisson|[Bb]ernoulli|[Bb]inomial|[Ss]tudent(?:'s)?[- ]?t|[Vv]on Mises|[Ee]xponential|[Gg]amma|[Cc]ategorical|[Mm]ultinomial|[Dd]irichlet|[Bb]eta|[Ww]eibull|[Cc]auchy)`;
/**
 * Words that name another model than a Gaussian mixture: a mixture of another family ("a Laplace mixture", "mixture
 * of Poisson distributions", "Bernoulli components", "$t$-mixtures"), a hidden Markov model, a mixture of regressions
 * or of experts. (Case-sensitive where a word is one: "Hmm," is not an HMM.)
 */
const OTHER_MODEL = new RegExp(String.raw`(?<![\w-])(${FAMILY}[- ]mixtures?|[Mm]ixtures? of (?:\w+ ){0,2}?${FAMILY}(?:s|\s+distributions?)?\b|${FAMILY} (?:components?|emissions?)\b|[Hh]idden Markov|HMMs?\b|Baum[- ]Welch|[Ff]orward[- ]backward|[Mm]ixtures? of (?:linear )?(?:regressions?|experts)|\$t\$-mixtures?)`);
/** OTHER_MODEL for every mention (namedModel). */
const OTHER_MODEL_ALL = new RegExp(OTHER_MODEL.source, 'g');
/**
 * Words before another model's name, in its sentence, that set it aside: "Unlike an HMM, …", "why not Student-t
 * mixtures?", "(as for Poisson mixtures)", "In contrast to an HMM", "Last week: HMMs.", "instead of a Laplace mixture".
 */
const SET_ASIDE = /\b(?:[Uu]nlike|[Nn]ot|[Nn]o longer|[Ii]nstead of|[Rr]ather than|[Cc]ompared (?:to|with)|[Ii]n contrast (?:to|with)|[Cc]ontrary to|[Aa]s (?:for|in|with)|[Ll]ike|[Ll]ast (?:week|time|lecture|class|chapter)|[Pp]reviously|[Ee]arlier|[Vv]ersus|vs\.?|[Bb]eyond|[Ee]xcept)\b|n't\b/g;

/**
 * The first mention of another model (OTHER_MODEL) that its sentence does not set aside, or null. A set-aside word
 * counts across a colon only when the text goes on to a Gaussian mixture ("Last week: HMMs. Today: a Gaussian
 * mixture"): "Beyond Gaussians: Poisson mixtures" and "As promised last week: Poisson mixtures" are about them.
 */
function namedModel(h: string): RegExpMatchArray | null {
  for (const m of h.matchAll(OTHER_MODEL_ALL)) {
    const before = h.slice(0, m.index!);
    const sentence = before.slice(Math.max(before.search(/[^.!?]*$/), 0));
    let aside = false;
    // (In brackets, "# Lecture 6: EM (last week: HMMs)", or before "Today: …", the colon does not end the aside.)
    const bracketed = before.split('(').length > before.split(')').length;
    const rest = h.slice(m.index! + m[0].length);
    for (const w of sentence.matchAll(SET_ASIDE)) {
      const between = sentence.slice(w.index! + w[0].length);
      if (!between.includes(':') || bracketed || GAUSSIAN_MIXTURE.test(rest) || movesOn(rest)) aside = true;
    }
    if (!aside) return m;
  }
  return null;
}

/** A later sentence that says what the text is about now ("Today: EM for mixtures", "This week …"). */
const MOVES_ON = /[.!?;]\s*(?:Today|This (?:week|lecture|time|chapter)|Now|Here)\b/;

/** "… Today: EM for mixtures": a later sentence that moves on to mixtures (not "Here each component is Poisson"). */
function movesOn(rest: string): boolean {
  const m = MOVES_ON.exec(rest);
  if (!m) return false;
  const after = rest.slice(m.index + m[0].length);
  const sentence = after.split(/[.!?]/)[0] ?? '';
  return /\b(?:EM|GMMs?|mixtures?)\b/.test(sentence) && !FAMILY_WORD.test(sentence);
}
/** A family's name as a word (`\gamma` is no Gamma family). */
const FAMILY_WORD = new RegExp(String.raw`(?<![\\\w])${FAMILY}\b`);

/** Words that name a Gaussian mixture itself. */
const GAUSSIAN_MIXTURE = /\b(?:GMMs?|[Gg]aussian mixtures?|[Mm]ixtures? of (?:\w+ )?[Gg]aussians|[Gg]aussian components?)\b/;

/**
 * A ✗ under a heading that says its section is about another model (OTHER_MODEL): its quantities look like a Gaussian
 * mixture's (weights π_k, responsibilities, means) but are not, and the reference has only the Gaussian one.
 * `headings`: the headings above the step, nearest first, then the note's opening (its title where it has no
 * heading). The first that names a model decides, by the model it names first ("HMM with Gaussian emissions: what
 * changes relative to the GMM" is about an HMM, "a scalar GMM in HMM notation" about a GMM): another model makes the
 * ✗ unchecked, saying which; a Gaussian mixture keeps it. Passes stay, and a step that writes a Gaussian 𝒩 keeps its ✗.
 */
export function otherModelSteps(claims: Claim[], headings: () => string[]): Claim[] {
  if (!claims.some((c) => c.verdict === 'fail')) return claims;
  let model: string | null = null;
  for (const h of headings()) {
    const other = namedModel(h);
    const gaussian = GAUSSIAN_MIXTURE.exec(h);
    if (!other && !gaussian) continue;
    if (other && (!gaussian || other.index! < gaussian.index)) model = other[1]!;
    break;
  }
  if (!model) return claims;
  return claims.map((c) => (c.verdict !== 'fail' || /\\mathcal\s*\{?\s*N\b/.test(`${c.lhs} ${c.rhs}`) ? c : extend(c, {
    verdict: 'unchecked', reason: 'unsupported', cause: undefined, values: undefined,
    message: `the note's heading says this part is about another model than a Gaussian mixture (“${model}”), and the checker's reference is a Gaussian mixture: not checked`,
  })));
}
