// The latent assignments of a mixture, where a note writes them as values:
// indicators z_{ik}, 𝟏_{Z_i = k}, I(z_i = k), the complete-data likelihood
// p(X, Z | θ) = ∏_i π_{z_i} 𝒩(x_i | μ_{z_i}, Σ_{z_i}) and its log, and their
// expectations under the posterior E_{Z|X,θ^{(t)}}[…] (the Q-function).
//
// A claim about the assignments (`ln p(X, Z | θ) = Σ_i Σ_k z_ik [ln π_k + ln 𝒩_k]`)
// holds for every assignment, so it is evaluated at one drawn per instance
// (Env.assignment). An expectation under the posterior of an expression that is
// affine in the indicators is that expression with each indicator replaced by
// its posterior mean, the responsibility at the current parameters (held
// fixed, as θ^{(t)} is): exact, no sampling. Anything not affine in the
// indicators (a power z_ik, a log of an indicator, a product of two) is left
// unchecked with the reason. This module holds the tree analysis; compile.ts
// wires it to values.
import type { Node } from '../latex/ast';
import { children } from '../latex/ast';

/** How an expression depends on the indicators: 0 not at all, 1 affinely, Infinity otherwise. */
export type LatentDegree = 0 | 1 | typeof Infinity;

/**
 * The degree of `n` in the indicators, given a test for the nodes that are one indicator
 * (degree 1) or a non-affine function of them (Infinity), e.g. p(X, Z | θ).
 */
export function latentDegree(n: Node, leaf: (n: Node) => LatentDegree | null): LatentDegree {
  const own = leaf(n);
  if (own !== null) return own;
  const d = (m: Node) => latentDegree(m, leaf);
  switch (n.kind) {
    case 'add': case 'sub': return Math.max(d(n.a), d(n.b)) as LatentDegree;
    case 'mul': { const s = d(n.a) + d(n.b); return s > 1 ? Infinity : s as LatentDegree; }
    case 'div': return d(n.b) > 0 ? Infinity : d(n.a);
    case 'neg': case 'group': case 'underbrace': return d(n.body);
    case 'sum': return d(n.body);
    case 'prod': return d(n.body) > 0 ? Infinity : 0;
    case 'given': return d(n.body);
    case 'pow': {
      const b = d(n.base);
      if (d(n.exp) > 0) return Infinity;
      return b === 0 ? 0 : n.exp.kind === 'num' && n.exp.value === 1 ? b : Infinity;
    }
    default: {
      let any = false;
      for (const c of children(n)) if (d(c) > 0) any = true;
      return any ? Infinity : 0;
    }
  }
}

/** Does the expression mention an indicator (or a complete-data probability) at all? */
export function mentionsLatent(n: Node, leaf: (n: Node) => LatentDegree | null): boolean {
  const stack = [n];
  while (stack.length) {
    const m = stack.pop()!;
    const l = leaf(m);
    if (l !== null && l > 0) return true;
    stack.push(...children(m));
  }
  return false;
}

/** `Z`, `\mathbf{Z}`, `z` without index: the assignments of all points. */
export function isAllAssignments(n: Node): boolean {
  return n.kind === 'sym' && (n.name === 'Z' || n.name === 'z') && !n.sub && !n.decor && !n.primes;
}
