// The tree rewrites of the reading (iterations.ts mapTree) share every subtree
// they do not change and copy only the nodes on the way to a change: reading a
// note no longer copies every node of every chain on every check, and a rewrite
// must still reach every node kind. And the errors the checker throws and
// catches as part of its work carry their message without a stack trace.
import { strict as assert } from 'node:assert';
import { parseStatement } from '../../../src/core/latex/parser';
import { children, type Node } from '../../../src/core/latex/ast';
import { mapTree } from '../../../src/core/check/iterations';
import { CheckError } from '../../../src/core/check/compile';
import { EvalError } from '../../../src/core/eval/values';
import { BudgetExceeded } from '../../../src/core/check/budget';

function tree(latex: string): Node {
  const r = parseStatement([{ start: 0, text: latex }]);
  const side = r.chains[0]?.sides[0];
  assert.ok(!r.error && side?.ok, `parses ${latex}`);
  return side.node;
}

function nodes(n: Node): Node[] {
  return [n, ...children(n).flatMap(nodes)];
}

describe('tree rewrites of the reading', () => {
  const latex = String.raw`\sum_{i=1}^N \gamma_{ik} \frac{(x_i - \mu_k)^2}{2 \sigma_k^2} + \log \det(\Sigma_k)`;

  it('return the same tree when nothing changes, visiting every node', () => {
    const t = tree(latex);
    let visited = 0;
    assert.equal(mapTree(t, (n) => { visited++; return n; }), t);
    assert.equal(visited, nodes(t).length);
  });

  it('copy only the nodes on the way to a change, and share the rest', () => {
    const t = tree(latex);
    const isMu = (n: Node) => n.kind === 'sym' && n.name === 'mu';
    const out = mapTree(t, (n) => (isMu(n) ? { ...n, name: 'nu' } as Node : n));
    assert.notEqual(out, t);
    const before = new Set(nodes(t));
    const after = nodes(out);
    assert.equal(after.length, nodes(t).length);
    assert.ok(after.some((n) => n.kind === 'sym' && n.name === 'nu'));
    assert.ok(!after.some(isMu));
    // A node is new exactly when it is the changed one or one of its ancestors.
    const contains = (n: Node): boolean => (n.kind === 'sym' && n.name === 'nu') || children(n).some(contains);
    for (const n of after) assert.equal(!before.has(n), contains(n), `${n.kind} copied only on the way to the change`);
    // The input is left as it was.
    assert.ok(nodes(t).some(isMu));
  });
});

describe('errors the checker throws and catches', () => {
  it('keep their message and type, without stack frames', () => {
    for (const e of [new CheckError('unsupported', 'not read', { start: 0, end: 1 }), new EvalError('singular'), new BudgetExceeded('too costly')]) {
      assert.ok(e instanceof Error);
      assert.ok(e.message.length > 0);
      assert.ok(!/\n\s+at /.test(e.stack ?? ''), `${e.constructor.name} has no stack frames`);
    }
    // Other errors keep theirs.
    assert.match(new Error('x').stack ?? '', /\n\s+at /);
  });
});
