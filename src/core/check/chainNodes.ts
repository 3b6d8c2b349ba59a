// The few kinds of node that passes over a whole note look for in every chain, listed once per
// chain: the derivatives (parameters of interest), the sums with a lower bound of 0 (components
// counted from 0), the calls with two given slots (the Gaussians' second slot, WorkedExamples),
// the underbraces (the names they define), and the letters each side uses (ClaimBuilder's
// `mentions`). Each pass used to walk every side of every chain at every check; a chain
// whose statement is unchanged keeps its parse (the parse cache), and with it this list, as
// modelFacts (model.ts) and the reading's chain facts (reading.ts) are kept.
import { walk, type ApplyNode, type BigOpNode, type Chain, type DerivNode, type Node, type UnderbraceNode } from '../latex/ast';

export interface ChainNodes {
  /** Every derivative, in the order of a pre-order walk of the sides, sides in order. */
  derivs: DerivNode[];
  /** Sums whose lower bound is the number 0 (`\sum_{k=0}^{K-1}`). */
  sumsFromZero: BigOpNode[];
  /** Calls with two given slots (`\mathcal{N}(x \mid \mu, \sigma^2)`). */
  twoGiven: ApplyNode[];
  /** Underbraces, in the order of derivs. */
  underbraces: UnderbraceNode[];
}

const listed = new WeakMap<Chain, ChainNodes>();

export function chainNodes(chain: Chain): ChainNodes {
  const kept = listed.get(chain);
  if (kept) return kept;
  const o: ChainNodes = { derivs: [], sumsFromZero: [], twoGiven: [], underbraces: [] };
  for (const side of chain.sides) {
    if (!side.ok) continue;
    walk(side.node, (n) => {
      if (n.kind === 'deriv') o.derivs.push(n);
      else if (n.kind === 'sum' && n.lower?.kind === 'num' && n.lower.value === 0) o.sumsFromZero.push(n);
      else if (n.kind === 'apply' && n.given?.length === 2) o.twoGiven.push(n);
      else if (n.kind === 'underbrace') o.underbraces.push(n);
    });
  }
  listed.set(chain, o);
  return o;
}

/** The letters a side uses (symbol names, subscripted or not), and whether it has a λ without a subscript. */
interface SideLetters { names: Set<string>; bareLambda: boolean }

const lettersOf = new WeakMap<Node, SideLetters>();

/**
 * Does the side use the letter `name`? λ counts only without a subscript: λ_k is not the
 * multiplier (notation.ts), and weights named λ_k stay on the simplex. For the roots of sides
 * (kept per side, as the node lists above are kept per chain).
 */
export function sideMentions(side: Node, name: string): boolean {
  let l = lettersOf.get(side);
  if (l === undefined) {
    const letters: SideLetters = { names: new Set(), bareLambda: false };
    walk(side, (n) => {
      if (n.kind !== 'sym') return;
      letters.names.add(n.name);
      if (n.name === 'lambda' && !n.sub) letters.bareLambda = true;
    });
    lettersOf.set(side, l = letters);
  }
  return name === 'lambda' ? l.bareLambda : l.names.has(name);
}
