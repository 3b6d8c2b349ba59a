// The seed notes against their grader labels (test/fixtures/labels.json, a
// copy of shared/seeds/labels.json), computed from the CLI's JSON exactly as
// a CI job would: every `fail` label covered by a failing claim, no `pass`
// label covered by a failing claim, and at least 90% of pass/fail labels
// decided (covered by a pass or fail verdict). Also: verdicts do not depend
// on the seed, and the messages of four known mistakes name their cause.
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliJson, covering, describeFigures, figures, type JsonClaim, type JsonReport, type Label } from './labelFigures';

const root = join(__dirname, '..', '..', '..');
const labels = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'labels.json'), 'utf8')) as Label[];
const notePath = (labelFile: string) => join(root, 'examples', labelFile.replace(/\.txt$/, '.md'));

function claimsByPath(report: JsonReport): Map<string, JsonClaim[]> {
  return new Map(report.files.map((f) => [f.path, f.claims]));
}

describe('seed labels (from the CLI JSON)', () => {
  const files = [...new Set(labels.map((l) => notePath(l.file)))];
  let byPath: Map<string, JsonClaim[]>;
  let exitCode: number;

  before(async () => {
    const r = await cliJson(files);
    byPath = claimsByPath(r.report);
    exitCode = r.code;
  });
  const seedFigures = () => figures(labels, (l) => byPath.get(notePath(l.file)) ?? []);

  it('exits 1 because the seeds contain wrong steps', () => {
    assert.strictEqual(exitCode, 1);
  });

  it('covers every fail label with a failing claim', () => {
    assert.deepStrictEqual(seedFigures().missed.map((l) => `${l.file}:${l.line}`), []);
  });

  it('never covers a pass label with a failing claim', () => {
    assert.deepStrictEqual(seedFigures().flagged.map((l) => `${l.file}:${l.line}`), []);
  });

  it('decides at least 90% of pass/fail labels (pass or fail, not unchecked)', () => {
    const f = seedFigures();
    console.log(`      ${describeFigures('seeds', f)}`);
    assert.ok(f.coverage >= 0.9, `only ${(100 * f.coverage).toFixed(1)}% decided`);
  });

  it('gives the same verdicts with another seed and on a repeated run', async function () {
    // Two CLI processes checking every seed note: over the suite's 20 s at a load average of 8.
    this.timeout(120_000);
    const other = claimsByPath((await cliJson(['--seed', '7', ...files])).report);
    const again = claimsByPath((await cliJson(files)).report);
    for (const f of files) {
      const verdicts = (m: Map<string, JsonClaim[]>) => (m.get(f) ?? []).map((c) => `${c.line}-${c.endLine}:${c.verdict}`);
      assert.deepStrictEqual(verdicts(other), verdicts(byPath), `seed changes verdicts in ${f}`);
      assert.deepStrictEqual(verdicts(again), verdicts(byPath), `repeated run changes verdicts in ${f}`);
    }
  });

  describe('messages name the cause', () => {
    const failAt = (file: string, line: number) =>
      covering(byPath.get(join(root, 'examples', file)) ?? [], line).filter((c) => c.verdict === 'fail').map((c) => c.message).join('\n');
    it('seed 001 line 99: the derivative was not taken', () => {
      assert.match(failAt('001_340b0ad5deac142b.md', 99), /not its derivative|derivative was not taken/);
    });
    it('seed 001 line 56: a derivative used as an operator', () => {
      assert.match(failAt('001_340b0ad5deac142b.md', 56), /Notation: .*is already a derivative/);
    });
    it('seed 004 line 11: the normalising constant', () => {
      assert.match(failAt('004_69d5f849e87c0d2a.md', 11), /normalising constant/);
    });
    it('seed 003 line 386: λ belongs to the Lagrangian', () => {
      assert.match(failAt('003_977e0f68f9666590.md', 386), /Lagrangian 𝔏 \(line 374\)/);
    });
  });
});
