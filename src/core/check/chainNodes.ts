// The few kinds of node that note-level passes look for in every chain of a note, listed once
// per chain: the derivatives (parameters of interest), the sums with a lower bound of 0
// (components counted from 0) and the calls with two given slots (the Gaussians' second slot,
// WorkedExamples). Each pass used to walk every side of every chain at every check; a chain
// whose statement is unchanged keeps its parse (the parse cache), and with it this list, as
// modelFacts (model.ts) and the reading's chain facts (reading.ts) are kept.
import { children, type ApplyNode, type BigOpNode, type Chain, type DerivNode, type Node } from '../latex/ast';

export interface ChainNodes {
  /** Every derivative, in the order of a pre-order walk of the sides, sides in order. */
  derivs: DerivNode[];
  /** Sums whose lower bound is the number 0 (`\sum_{k=0}^{K-1}`). */
  sumsFromZero: BigOpNode[];
  /** Calls with two given slots (`\mathcal{N}(x \mid \mu, \sigma^2)`). */
  twoGiven: ApplyNode[];
}

const listed = new WeakMap<Chain, ChainNodes>();

export function chainNodes(chain: Chain): ChainNodes {
  let out = listed.get(chain);
  if (out) return out;
  out = { derivs: [], sumsFromZero: [], twoGiven: [] };
  // An explicit stack, children pushed in reverse: the pre-order of a recursive walk.
  const stack: Node[] = [];
  for (let s = chain.sides.length - 1; s >= 0; s--) {
    const side = chain.sides[s]!;
    if (side.ok) stack.push(side.node);
  }
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'deriv') out.derivs.push(n);
    else if (n.kind === 'sum' && n.lower?.kind === 'num' && n.lower.value === 0) out.sumsFromZero.push(n);
    else if (n.kind === 'apply' && n.given?.length === 2) out.twoGiven.push(n);
    const ch = children(n);
    for (let i = ch.length - 1; i >= 0; i--) stack.push(ch[i]!);
  }
  listed.set(chain, out);
  return out;
}
