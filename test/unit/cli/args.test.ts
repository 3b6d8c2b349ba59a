// parseArgs: every option of the CLI contract, its spellings, and the usage
// errors that make main() exit with status 2.
import * as assert from 'node:assert/strict';
import { DEFAULT_SEED, DEFAULT_TIMEOUT_S, DEFAULT_TRIALS, HELP_TEXT, parseArgs, UsageError } from '../../../src/cli/args';

function usageError(argv: string[], pattern: RegExp): void {
  assert.throws(() => parseArgs(argv), (err: unknown) => {
    assert.ok(err instanceof UsageError, `UsageError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

describe('cli/args', () => {
  it('defaults: text to stdout, documented seed and trials', () => {
    const o = parseArgs(['notes']);
    assert.equal(o.format, 'text');
    assert.equal(o.output, null);
    assert.deepEqual(o.check, { seed: DEFAULT_SEED, trials: DEFAULT_TRIALS });
    assert.deepEqual(o.paths, ['notes']);
    assert.equal(o.quiet, false);
    assert.equal(DEFAULT_SEED, 1);
    assert.equal(DEFAULT_TRIALS, 5);
  });

  it('accepts the grade-book formats csv and gradescope, and --help describes them', () => {
    assert.equal(parseArgs(['--format', 'csv', 'notes']).format, 'csv');
    assert.equal(parseArgs(['--format=gradescope', 'sub.md']).format, 'gradescope');
    usageError(['--format', 'xlsx', 'a.md'], /--format must be one of text, json, html, csv, gradescope \(got "xlsx"\)/);
    assert.match(HELP_TEXT, /^ +csv +one row per note/m);
    assert.match(HELP_TEXT, /^ +gradescope +Gradescope autograder results\.json/m);
  });

  it('--jobs, -j, --timeout and --report, with their bounds', () => {
    const d = parseArgs(['a.md']);
    assert.equal(d.jobs, null, 'default: the number of cores, decided by main()');
    assert.equal(d.timeoutMs, DEFAULT_TIMEOUT_S * 1000);
    assert.equal(d.report, null);
    const o = parseArgs(['--jobs', '4', '--timeout=30', '--report', 'site', 'a.md']);
    assert.equal(o.jobs, 4);
    assert.equal(o.timeoutMs, 30_000);
    assert.equal(o.report, 'site');
    assert.equal(parseArgs(['-j2', 'a.md']).jobs, 2);
    usageError(['--jobs', '0', 'a.md'], /--jobs must be between 1 and 64/);
    usageError(['-j', 'many', 'a.md'], /-j needs a whole number/);
    usageError(['--timeout', '0', 'a.md'], /--timeout must be between 1/);
    usageError(['--report=', 'a.md'], /--report needs a folder name/);
    for (const opt of ['--jobs N', '--timeout SECONDS', '--report DIR']) assert.ok(HELP_TEXT.includes(opt), opt);
  });

  it('--help documents the defaults and every option', () => {
    assert.match(HELP_TEXT, /--seed N .*default: 1\)/);
    assert.match(HELP_TEXT, /--trials N .*default: 5\)/);
    for (const opt of ['--format', '--output', '--tolerance', '--components', '--dimensions', '--quiet', '--version']) {
      assert.ok(HELP_TEXT.includes(opt), opt);
    }
  });

  it('reads every option, in both "--opt v" and "--opt=v" forms', () => {
    const o = parseArgs([
      '--format', 'json', '--output=out.json', '--seed', '42', '--trials=9', '--tolerance', '1e-8',
      '-K', '3', '--dimensions=2', '--quiet', 'a.md', 'notes/',
    ]);
    assert.equal(o.format, 'json');
    assert.equal(o.output, 'out.json');
    assert.deepEqual(o.check, { seed: 42, trials: 9, tolerance: 1e-8, K: 3, D: 2 });
    assert.equal(o.quiet, true);
    assert.deepEqual(o.paths, ['a.md', 'notes/']);
  });

  it('short forms -K3, -D 2, -o FILE, -q, -h', () => {
    const o = parseArgs(['-K3', '-D', '2', '-o', 'r.html', '-q', 'x']);
    assert.equal(o.check.K, 3);
    assert.equal(o.check.D, 2);
    assert.equal(o.output, 'r.html');
    assert.equal(o.quiet, true);
    assert.equal(parseArgs(['-h']).help, true);
  });

  it('options may follow paths; "--" ends the options', () => {
    const o = parseArgs(['a.md', '--format', 'html', '--', '--weird.md', '-K']);
    assert.equal(o.format, 'html');
    assert.deepEqual(o.paths, ['a.md', '--weird.md', '-K']);
  });

  it('--help and --version need no PATH', () => {
    assert.equal(parseArgs(['--help']).help, true);
    assert.equal(parseArgs(['--version']).version, true);
  });

  it('rejects a missing PATH', () => usageError([], /no PATH/));
  it('rejects an unknown option, naming it', () => usageError(['--colour', 'a.md'], /unknown option --colour/));
  it('rejects an unknown short option', () => usageError(['-x', 'a.md'], /unknown option -x/));
  it('rejects a bad format, listing the choices', () => usageError(['--format', 'xml', 'a'], /text, json, html.*xml/));
  it('rejects an option without its value', () => usageError(['a.md', '--seed'], /--seed needs a value/));
  it('rejects a value given to a flag', () => usageError(['--quiet=yes', 'a'], /--quiet takes no value/));
  it('rejects a non-integer seed', () => usageError(['--seed', '1.5', 'a'], /--seed needs a whole number/));
  it('rejects a negative seed', () => usageError(['--seed', '-3', 'a'], /--seed needs a whole number/));
  it('rejects zero trials', () => usageError(['--trials', '0', 'a'], /--trials must be between 1/));
  it('rejects a non-numeric tolerance', () => usageError(['--tolerance', 'tiny', 'a'], /--tolerance needs a number/));
  it('rejects a tolerance outside [1e-12, 1e-3]', () => {
    usageError(['--tolerance', '0', 'a'], /between 1e-12 and 0.001/);
    // A loose tolerance turns wrong steps into passes (issue 11 item 14).
    usageError(['--tolerance', '0.5', 'a'], /between 1e-12 and 0.001/);
  });
  it('bounds trials, K and D (issue 11 item 3)', () => {
    usageError(['--trials', '101', 'a'], /--trials must be between 1 and 100/);
    usageError(['-D', '9', 'a'], /-D must be between 1 and 8/);
    usageError(['-K', '9', 'a'], /-K must be between 1 and 8/);
  });
  it('rejects K = 0', () => usageError(['-K', '0', 'a'], /-K must be between 1/));
  it('rejects an empty dimension', () => usageError(['--dimensions=', 'a'], /--dimensions needs a whole number/));
});
