// The real bin behind a pipe whose reader stops early (`gmm-check notes/ | head -1`).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('gmm-check behind a closed pipe', () => {
  it('stops quietly when the reader goes away', function () {
    this.timeout(60000);
    const root = join(__dirname, '..', '..', '..');
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    // `head -c 1` reads one byte and exits; the checker still has the rest of the report to write.
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${tsx}" src/cli/cli.ts examples --format text | head -c 1 >/dev/null`], { cwd: root, encoding: 'utf8' });
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled/);
    assert.equal(r.status, 0, r.stderr);
  });
});
