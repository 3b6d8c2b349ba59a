// An inline formula the sentence around it qualifies: "the gradient vanishes at $\mu_k = \mu_k^{new}$"
// (a point), "$r_{ik} = 1$ if $k = \arg\min_j …$ and 0 otherwise" (a case of a definition), "when
// $\sigma_k = \sigma$ for all k" (an assumption). The text states such an equality under a condition or
// names a point with it; judged as an identity for every GMM it fails though nothing is wrong. A ✗ on it
// becomes unchecked, saying which word qualifies it; a step that holds anyway keeps its ✓.
// Runs after the chain's claims are made (and kept for reuse): the words after a formula are not part of
// what the reuse of a chain's claims is keyed by, so this reads them at every check.
import type { Chain } from '../latex/ast';
import type { Claim } from '../types';
import { CONDITION_ON_LINE } from './claims';

/** Words that end the text before a formula and make it a point or a condition. */
const BEFORE = /(?:^|[\s(,;:])(at|when|whenever|if|iff|unless|assuming|provided(?: that)?|suppose|once|until|wenn|falls|lorsque|quand|cuando|当|若|如果)\s*(?:\$|\\\()\s*$/iu;
/** Words that open the text after a formula and make it a case: "$r_{ik} = 1$ if …". */
const AFTER = /^\s*[,;]?\s*(?:\$|\\\))\s*,?\s*(if|iff|only if|when|whenever|unless|provided|otherwise|wenn|falls|si|lorsque|quand|cuando|当|若|如果)(?=[\s,.:;]|$)/iu;

export function qualifiedByProse(text: string, chain: Chain, claims: Claim[], inline: boolean): Claim[] {
  if (!inline || !claims.some((c) => c.verdict === 'fail' && inside(c, chain))) return claims;
  const lineStart = text.lastIndexOf('\n', chain.span.start - 1) + 1;
  let lineEnd = text.indexOf('\n', chain.span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const word = BEFORE.exec(text.slice(lineStart, chain.span.start))?.[1] ?? AFTER.exec(text.slice(chain.span.end, lineEnd))?.[1];
  if (!word) return claims;
  const message = `not checked as an identity: the text qualifies it (“${word}”), so it names a point or states a case or a condition, not something that holds for every GMM`;
  return claims.map((c) => (c.verdict === 'fail' && inside(c, chain)
    ? { ...c, verdict: 'unchecked', reason: 'condition', kind: 'condition', message, cause: undefined, values: undefined }
    : c));
}

function inside(c: Claim, chain: Chain): boolean {
  return c.lhsSpan.start >= chain.span.start && c.rhsSpan.end <= chain.span.end;
}

/** Words that say the note estimates with a prior (MAP-EM), whose M-step is not the maximum-likelihood one. */
const PRIOR = /\b(Dirichlet|MAP(?!\s*\d)|maximum a posteriori|conjugate prior|(?:normal|inverse)[- ]Wishart|Wishart|prior (?:distribution )?(?:on|over|for) (?:the |each |all )?(?:\$|means?\b|weights?\b|mixing|covariances?\b|variances?\b|precisions?\b|parameters?\b|components?\b))/;
/** A hyperparameter as notes write them: a letter with the subscript 0 (κ₀, m₀, ν₀, 𝐒₀, Ψ₀, α₀). */
const HYPERPARAMETER = /(?:\\[a-zA-Z]+(?:\{[^{}]*\})?|[a-zA-Z])\s*_\s*(?:0|\{\s*0\s*\})(?![\d}])/;

/** What in the text says the updates after it are MAP estimates (the word); null when nothing does. */
export function priorWord(text: string): string | null {
  return PRIOR.exec(text)?.[1] ?? null;
}

/**
 * A parameter update that fails against the reference's maximum-likelihood M-step, after text that says the
 * note estimates with a prior (priorWord of `proseBefore`: the text of its section, at most a screenful back)
 * or whose update writes a hyperparameter (κ₀, m₀): the MAP update
 * `π_k = (N_k + α − 1)/(N + Kα − K)`, `μ_k = (Σγx + κ₀m₀)/(N_k + κ₀)` is right for its prior, which the
 * reference does not have. Unchecked, saying so; passes stay.
 */
export function priorUpdates(claims: Claim[], proseBefore: () => string): Claim[] {
  if (!claims.some((c) => c.verdict === 'fail' && c.kind === 'update')) return claims;
  const prior = priorWord(proseBefore());
  return claims.map((c) => {
    // (A ✗ against the condition the note derived, with its prior, stands: claims.ts, solvesCondition.)
    if (c.verdict !== 'fail' || c.kind !== 'update' || c.message.includes(CONDITION_ON_LINE)) return c;
    const hyper = HYPERPARAMETER.exec(c.rhs)?.[0];
    if (!prior && !hyper) return c;
    const why = prior ? `the note estimates with a prior (“${prior}”)` : `it writes a prior's hyperparameter (${hyper!.replace(/\s+/g, '')})`;
    return {
      ...c, verdict: 'unchecked', reason: 'unsupported', cause: undefined, values: undefined,
      message: `differs from the maximum-likelihood M-step, but ${why}: a MAP update depends on the prior, which the checker's reference does not have; not checked`,
    };
  });
}
