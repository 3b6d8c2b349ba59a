// The progress line's text and redraw rhythm, on a fake clock.
import * as assert from 'node:assert/strict';
import { CLEAR_LINE, duration, ProgressLine } from '../../../src/cli/progress';

describe('cli/progress', () => {
  it('time left reads as seconds, minutes, hours, rounded up', () => {
    assert.equal(duration(0.2), '1 s');
    assert.equal(duration(59.5), '1 min');
    assert.equal(duration(65), '1 min 5 s');
    assert.equal(duration(3 * 3600 + 61), '3 h 2 min');
  });

  it('redraws at most every 100 ms, always for the last note, and clears once', () => {
    let t = 0;
    const out: string[] = [];
    const p = new ProgressLine(4, (s) => out.push(s), () => t);
    t = 50;
    p.tick(); // too soon after the first draw
    t = 200;
    p.tick();
    t = 210;
    p.tick();
    t = 220;
    p.tick(); // the last
    p.clear();
    p.clear();
    assert.deepEqual(out, [
      `${CLEAR_LINE}checking 0/4 notes…`,
      `${CLEAR_LINE}checking 2/4 notes · 10 notes/s · about 1 s left`,
      `${CLEAR_LINE}checking 4/4 notes · 18 notes/s · done`,
      CLEAR_LINE,
    ]);
  });
});
