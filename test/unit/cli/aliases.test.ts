// The gmmCheck.aliases setting as read for the core (src/extension/aliases.ts,
// which has no VS Code import): the forms people write, and typos reported.
import * as assert from 'node:assert/strict';
import { readAliases } from '../../../src/extension/aliases';

describe('gmmCheck.aliases', () => {
  it('reads quantity names and the LaTeX of a quantity, with or without indices', () => {
    assert.deepEqual(readAliases({ '\\phi': 'weight', w: 'resp' }), { aliases: { '\\phi': 'weight', w: 'resp' }, problems: [] });
    assert.deepEqual(readAliases({ '\\phi_k': '\\pi_k', 'w_{ik}': '\\gamma_{ik}' }).aliases, { '\\phi': 'weight', w: 'resp' });
  });

  it('reports what means nothing, naming the valid quantities', () => {
    const { aliases, problems } = readAliases({ '\\phi': 'weigth', '': 'mean', q: 3 });
    assert.deepEqual(aliases, {});
    assert.equal(problems.length, 3);
    assert.match(problems[0]!, /"weigth" is not a quantity; use one of weight, mean/);
  });
});
