// Honest verdicts at numerical edge cases. The checker draws its own random
// GMM instances (seeded), so the stress here is on correct lines never failing
// whatever the seed: responsibilities, log-densities and gradients written in
// several equivalent forms, each checked for seeds 1..N, plus correct lines
// whose evaluation underflows or overflows on purpose (densities of far
// points, huge scale factors, high powers of σ² and π_k, a nearly singular
// product, catastrophic cancellation with huge values). Such a line may be
// "unchecked" (the numbers cannot tell), never "fail": a false ✗ is the worst
// thing the checker can say. Wrong lines in the same notes must still fail,
// so the test cannot pass by checking nothing.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import type { Claim, NoteReport } from '../../../src/core/types';

/** How many seeds each note of correct lines is checked with. */
const SEEDS_1D = 200;
const SEEDS_FULL = 60;
const SEEDS_EXTREME = 20;

const NK = (x: string, m: string, v: string) => `\\mathcal{N}(${x} \\mid ${m}, ${v})`;
const N_ik = NK('x_i', '\\mu_k', '\\sigma_k^2');
const N_ij = NK('x_i', '\\mu_j', '\\sigma_j^2');
const MIX = `\\sum_{j=1}^K \\pi_j ${N_ij}`;

/** Correct 1-D lines: each must pass (or at worst be unchecked) for every seed. */
const CORRECT_1D = [
  `\\gamma_{ik} = \\frac{\\pi_k ${N_ik}}{${MIX}}`,
  `r_{ik} = \\frac{\\pi_k \\mathcal{N}(x_i | \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i | \\mu_j, \\sigma_j^2)}`,
  `\\sum_{k=1}^K \\gamma_{ik} = 1`,
  `N_k = \\sum_{i=1}^N \\gamma_{ik}`,
  `${N_ik} = \\frac{1}{\\sqrt{2\\pi\\sigma_k^2}} \\exp\\left(-\\frac{(x_i-\\mu_k)^2}{2\\sigma_k^2}\\right)`,
  `\\log ${N_ik} = -\\frac{1}{2}\\log(2\\pi\\sigma_k^2) - \\frac{(x_i-\\mu_k)^2}{2\\sigma_k^2}`,
  `\\log \\gamma_{ik} = \\log \\pi_k + \\log ${N_ik} - \\log ${MIX}`,
  `\\gamma_{ik} = \\exp\\left(\\log \\pi_k + \\log ${N_ik} - \\log ${MIX}\\right)`,
  `\\mathcal{L} = \\sum_{i=1}^N \\log ${MIX}`,
  `\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = \\sum_{i=1}^N \\gamma_{ik} \\frac{x_i - \\mu_k}{\\sigma_k^2}`,
  `\\frac{\\partial \\mathcal{L}}{\\partial \\sigma_k^2} = \\sum_{i=1}^N \\gamma_{ik} \\left( \\frac{(x_i-\\mu_k)^2}{2\\sigma_k^4} - \\frac{1}{2\\sigma_k^2} \\right)`,
  `\\frac{\\partial ${N_ik}}{\\partial \\sigma_k^2} = ${N_ik} \\left(\\frac{(x_i-\\mu_k)^2}{2\\sigma_k^4} - \\frac{1}{2\\sigma_k^2}\\right)`,
  `\\frac{\\partial \\log ${N_ik}}{\\partial \\mu_k} = \\frac{x_i - \\mu_k}{\\sigma_k^2}`,
];

/** Correct lines whose evaluation under- or overflows on purpose: pass or unchecked, never fail. */
const EXTREME: Record<string, { line: string }> = {
  'the density of a far point underflows (log of the explicit form)': { line: `\\log\\left(\\frac{1}{\\sqrt{2\\pi\\sigma_k^2}}\\exp\\left(-\\frac{(x_i-\\mu_k+10^{3})^2}{2\\sigma_k^2}\\right)\\right) = -\\frac{1}{2}\\log(2\\pi\\sigma_k^2) - \\frac{(x_i-\\mu_k+10^{3})^2}{2\\sigma_k^2}` },
  'responsibilities of a far point (0/0)': { line: `\\frac{\\pi_k \\mathcal{N}(x_i + 10^{4} \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i + 10^{4} \\mid \\mu_j, \\sigma_j^2)} = \\frac{\\pi_k \\mathcal{N}(x_i + 10^{4} \\mid \\mu_k, \\sigma_k^2)}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(x_i + 10^{4} \\mid \\mu_j, \\sigma_j^2)}` },
  'responsibilities scaled by 1e300 (inf/inf)': { line: `\\gamma_{ik} = \\frac{10^{300}\\pi_k ${N_ik}}{\\sum_{j=1}^K 10^{300}\\pi_j ${N_ij}}` },
  'responsibilities scaled by 1e-300 (0/0)': { line: `\\gamma_{ik} = \\frac{10^{-300}\\pi_k ${N_ik}}{\\sum_{j=1}^K 10^{-300}\\pi_j ${N_ij}}` },
  'a density times e^-1000 e^1000 (0 times inf)': { line: `${N_ik} e^{-1000} e^{1000} = ${N_ik}` },
  'high powers of the variance': { line: `\\frac{(\\sigma_k^2)^{400}}{(\\sigma_k^2)^{399}} = \\sigma_k^2` },
  'high powers of pi_k (underflow to 0/0)': { line: `\\frac{\\pi_k^{1000}}{\\pi_k^{999}} = \\pi_k` },
  'a variance near 0 in subnormal numbers': { line: `\\frac{(10^{-160}\\sigma_k^2)^2}{10^{-320}} = \\sigma_k^4` },
  'pi_k near 1 (log(1 - tiny))': { line: `\\log(1 - 10^{-17}\\pi_k) + 1 = 1` },
  'huge data values (catastrophic cancellation)': { line: `(x_i + 10^{12})^2 - 10^{24} = x_i^2 + 2 \\cdot 10^{12} x_i` },
  'huge data values squared and scaled back': { line: `\\frac{(10^{150} x_i)^2}{10^{300}} = x_i^2` },
  'a nearly singular covariance (det underflows)': { line: `\\log\\det(10^{-150} \\Sigma_k) = 3\\log(10^{-150}) + \\log\\det \\Sigma_k` },
  'the inverse of a nearly singular covariance': { line: `(10^{-150} \\Sigma_k)^{-1} = 10^{150} \\Sigma_k^{-1}` },
};

/** Wrong lines in the same note: they must fail, or the test would pass by checking nothing. */
const WRONG_1D = [
  `\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} = \\sum_{i=1}^N \\gamma_{ik} \\frac{x_i - \\mu_k}{2\\sigma_k^2}`,
  `\\log ${N_ik} = -\\log(2\\pi\\sigma_k^2) - \\frac{(x_i-\\mu_k)^2}{2\\sigma_k^2}`,
];

const x = '\\mathbf{x}_i', m = '\\boldsymbol{\\mu}_k', S = '\\Sigma_k';
const NF = `\\mathcal{N}(${x} \\mid ${m}, ${S})`;
/** Correct full-covariance lines (the note is read as D = 3). */
const CORRECT_FULL = [
  `\\log ${NF} = -\\frac{D}{2}\\log(2\\pi) - \\frac{1}{2}\\log\\det ${S} - \\frac{1}{2}(${x}-${m})^\\top ${S}^{-1}(${x}-${m})`,
  `${NF} = (2\\pi)^{-D/2} \\det(${S})^{-1/2} \\exp\\left(-\\frac{1}{2}(${x}-${m})^\\top ${S}^{-1}(${x}-${m})\\right)`,
  `\\gamma_{ik} = \\frac{\\pi_k ${NF}}{\\sum_{j=1}^K \\pi_j \\mathcal{N}(${x} \\mid \\boldsymbol{\\mu}_j, \\Sigma_j)}`,
  `\\frac{\\partial \\mathcal{L}}{\\partial ${m}} = \\sum_{i=1}^N \\gamma_{ik} ${S}^{-1}(${x} - ${m})`,
  `\\frac{\\partial \\mathcal{L}}{\\partial ${S}} = -\\frac{1}{2}\\sum_{i=1}^N \\gamma_{ik}\\left(${S}^{-1} - ${S}^{-1}(${x}-${m})(${x}-${m})^\\top ${S}^{-1}\\right)`,
];
const WRONG_FULL = [
  `\\frac{\\partial \\mathcal{L}}{\\partial ${m}} = \\sum_{i=1}^N \\gamma_{ik} ${S}(${x} - ${m})`,
];

function note(lines: string[]): string {
  return lines.map((l) => `$$${l}$$\n`).join('\n');
}

/** The claims of each `$$…$$` line, by the note line it is on (1-based, every other line). */
function claimsOfLine(report: NoteReport, lineIndex: number): Claim[] {
  return report.claims.filter((c) => c.line === 2 * lineIndex + 1);
}

function describeFailure(seed: number, line: string, c: Claim): string {
  return `seed ${seed}: false ✗ on the correct line ${line}\n  ${c.message}${c.values ? ` (left ${c.values.lhs}, right ${c.values.rhs} at ${c.values.at})` : ''}`;
}

interface Tally {
  cases: number;
  pass: number;
  unchecked: number;
  falseFails: string[];
}

/**
 * Checks one note holding `correct` and `wrong` lines for seeds 1..`seeds`.
 * Correct lines must not fail (collected, to report every seed at once);
 * with `mustPass` they must not be unchecked either. Wrong lines must fail.
 */
function runSeeds(correct: string[], wrong: string[], seeds: number, mustPass: boolean): Tally {
  const lines = [...correct, ...wrong];
  const text = note(lines);
  const tally: Tally = { cases: 0, pass: 0, unchecked: 0, falseFails: [] };
  for (let seed = 1; seed <= seeds; seed++) {
    const report = checkNote(text, { seed });
    lines.forEach((line, li) => {
      const claims = claimsOfLine(report, li);
      assert.ok(claims.length > 0, `seed ${seed}: no claim for ${line}`);
      for (const c of claims) {
        tally.cases++;
        if (li >= correct.length) {
          assert.equal(c.verdict, 'fail', `seed ${seed}: the wrong line ${line} is not flagged: ${c.verdict} ${c.message}`);
        } else if (c.verdict === 'fail') {
          tally.falseFails.push(describeFailure(seed, line, c));
        } else if (c.verdict === 'pass') {
          tally.pass++;
        } else {
          tally.unchecked++;
          if (mustPass) assert.fail(`seed ${seed}: the correct line ${line} is unchecked: ${c.reason} ${c.message}`);
        }
      }
    });
  }
  return tally;
}

const total = { cases: 0 };
function report(what: string, seeds: number, t: Tally, t0: number): void {
  total.cases += t.cases;
  console.log(`      numerics ${what}: ${t.cases} claim checks over ${seeds} seeds (${t.pass} pass, ${t.unchecked} unchecked, ${t.falseFails.length} false ✗) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

describe('hostile input: numerical edge cases give honest verdicts', function () {
  this.timeout(60_000);

  after(() => console.log(`      numerics: ${total.cases} claim checks in all`));

  it(`correct 1-D lines pass and wrong ones fail, for seeds 1..${SEEDS_1D}`, () => {
    const t0 = performance.now();
    const tally = runSeeds(CORRECT_1D, WRONG_1D, SEEDS_1D, true);
    report('1-D', SEEDS_1D, tally, t0);
    assert.deepEqual(tally.falseFails, []);
  });

  it(`correct full-covariance lines pass and wrong ones fail, for seeds 1..${SEEDS_FULL}`, () => {
    const t0 = performance.now();
    const tally = runSeeds(CORRECT_FULL, WRONG_FULL, SEEDS_FULL, true);
    report('full covariance', SEEDS_FULL, tally, t0);
    assert.deepEqual(tally.falseFails, []);
  });

  describe('correct lines that under- or overflow are pass or unchecked, never fail', () => {
    for (const [name, { line }] of Object.entries(EXTREME)) {
      it(name, () => {
        const t0 = performance.now();
        const tally = runSeeds([line], [], SEEDS_EXTREME, false);
        report(name, SEEDS_EXTREME, tally, t0);
        assert.deepEqual(tally.falseFails, []);
      });
    }
  });
});
