// How deep a formula's tree is, measured without recursion. Everything after
// the parser (model inference, binding, compiling, evaluating, explaining)
// walks trees recursively, and a flat formula of 6,000 terms is a tree 6,000
// deep: it overflowed the stack outside any per-chain guard and cost the
// whole note. Formulas deeper than MAX_TREE_DEPTH are left unchecked with
// that reason instead, before anything recursive sees them.
import { children, type Chain, type Node } from '../latex/ast';

/** Deepest tree the checker walks; far beyond any derivation, far below the stack's limit. */
export const MAX_TREE_DEPTH = 800;

/** Depth of the tree (a leaf is 1), or `limit + 1` as soon as it exceeds `limit`. */
export function treeDepth(root: Node, limit = Number.POSITIVE_INFINITY): number {
  const stack: [Node, number][] = [[root, 1]];
  let deepest = 0;
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > deepest) {
      deepest = d;
      if (deepest > limit) return deepest;
    }
    for (const c of children(n)) stack.push([c, d + 1]);
  }
  return deepest;
}

/** Depth of a chain's deepest side. */
export function chainDepth(chain: Chain, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  for (const s of chain.sides) if (s.ok) deepest = Math.max(deepest, treeDepth(s.node, limit));
  return deepest;
}
