// Worked examples (numeric.ts): the numbers a note prints, checked against the
// reference at the note's own instance. Every expected value below was computed
// independently with numpy (the script is in each block's comment) or by hand;
// the printed numbers are those values rounded, or deliberately wrong.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkNote } from '../../../src/core/check/index';
import { agrees, printedNumber } from '../../../src/core/check/numeric';
import { parseStatement } from '../../../src/core/latex/parser';
import type { Claim } from '../../../src/core/types';

function claimsOn(text: string, line: number): Claim[] {
  return checkNote(text).claims.filter((c) => c.line === line);
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line with ${needle}`);
  return i + 1;
}

function printed(latex: string) {
  const side = parseStatement([{ start: 0, text: latex }]).chains[0]!.sides[0]!;
  assert.ok(side.ok);
  return printedNumber(side.node, latex);
}

describe('check/numeric: printed precision', () => {
  it('d decimals: passes when the exact value rounds to the printed one', () => {
    assert.ok(agrees(0.00015, printed('0.000')!));
    assert.ok(!agrees(0.00015, printed('0.001')!));
    assert.ok(agrees(0.0005, printed('0.001')!), 'a tie rounds either way');
    assert.ok(agrees(0.0005, printed('0.000')!), 'a tie rounds either way');
    assert.ok(!agrees(0.00056, printed('0.000')!));
    assert.ok(agrees(0.999844, printed('1.0')!));
    assert.ok(agrees(-2.70123, printed('-2.7')!));
    assert.ok(!agrees(-2.76, printed('-2.7')!));
  });

  it('rounded twice by hand (one more digit first) is accepted, and nothing looser', () => {
    // 0.8705088 → 0.8705 → 0.870 (half to even): 0.0005088 from the printed value, just over half a unit.
    assert.ok(agrees(0.8705088, printed('0.870')!));
    assert.ok(agrees(0.8705088, printed('0.871')!));
    // 0.87056 → 0.8706 → 0.871 only.
    assert.ok(!agrees(0.87056, printed('0.870')!));
    // Seed 003's row 4: 0.00015 → 0.0002 is still not 0.001.
    assert.ok(!agrees(0.000150, printed('0.001')!));
  });

  it('scientific notation: the decimals of the mantissa, shifted', () => {
    const p = printed('1.5 \\times 10^{-4}')!;
    assert.equal(p.value, 1.5e-4);
    assert.ok(Math.abs(p.half - 0.5e-5) < 1e-20);
    assert.ok(agrees(0.000150, p));
    assert.ok(agrees(0.000154, p));
    assert.ok(!agrees(0.000156, p));
  });

  it('a fraction of integers is exact', () => {
    const p = printed('\\frac{1}{3}')!;
    assert.equal(p.half, 0);
    assert.ok(agrees(1 / 3, p));
    assert.ok(!agrees(0.3333, p));
  });
});

// numpy: x = [1, 2, 4]; π = (.5, .5); μ = (1, 4); σ² = (1, 1)
//   resp = [[0.98901306, 0.01098694], [0.81757448, 0.18242552], [0.01098694, 0.98901306]]
//   N = (1.81757448, 1.18242552); μ_new = (1.46795073, 3.66356285)
//   σ²_new = (0.28524187, 0.58755995) (new means); with the old means (0.50421976, 0.70074991)
//   π_new = (0.60585816, 0.39414184); log-likelihood −5.112748373613913
//   p(x_2) = 0.14798085
const ONE_D = `# EM by hand

Data $\\mathcal{X} = \\{1, 2, 4\\}$ and $K = 2$ components, starting from
$\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 1$, $\\mu_2 = 4$, $\\sigma_1^2 = 1$, $\\sigma_2^2 = 1$.

E-step, the responsibilities of each component for each point:

$$\\begin{bmatrix} 0.989 & 0.011 \\\\ 0.818 & 0.182 \\\\ 0.011 & 0.989 \\end{bmatrix}$$

so $\\gamma_{21} = 0.82$ and $\\gamma_{22} = 0.19$, and $N_1 = 1.82$, $N_2 = 1.18$.

The density of the second point is $p(x_2 \\mid \\theta) = 0.148$, and the log-likelihood is $\\mathcal{L} = -5.11$.

M-step:

- $\\mu_1 : 1 \\rightarrow 1.47$
- $\\mu_2^{new} = 3.66$
- $\\sigma_1^2 : 1 \\rightarrow 0.50$
- $\\sigma_2^2 : 1 \\rightarrow 0.59$
- $\\pi_1^{new} = 0.61$, $\\pi_2^{new} = 0.394$

By hand: $\\frac{3}{20000} = 1.5 \\times 10^{-4}$ and $\\frac{1}{3} = 0.334$.
`;

describe('check/numeric: a 1-D worked example', () => {
  const report = checkNote(ONE_D);
  const at = (needle: string) => report.claims.filter((c) => c.line === lineOf(ONE_D, needle));

  it('states the instance without judging it', () => {
    for (const c of at('Data')) assert.equal(c.verdict, 'unchecked', c.message);
    assert.ok(at('Data').some((c) => /data \(3 points\)/.test(c.message)));
  });

  it('checks every row of the responsibility matrix (prose says what it holds)', () => {
    const rows = at('0.989 & 0.011');
    assert.equal(rows.length, 3);
    assert.deepEqual(rows.map((c) => c.verdict), ['pass', 'pass', 'pass']);
    assert.ok(rows.every((c) => c.kind === 'numeric'));
  });

  it('scalars: γ_21 = 0.82 passes, γ_22 = 0.19 fails (exact 0.18243), N_k pass', () => {
    const cs = at('so $');
    const by = (lhs: string) => cs.find((c) => c.lhs.includes(lhs))!;
    assert.equal(by('\\gamma_{21}').verdict, 'pass');
    const g22 = by('\\gamma_{22}');
    assert.equal(g22.verdict, 'fail');
    assert.match(g22.message, /printed 0\.19, exact 0\.1824 \(0\.18 to 2 decimals\)/);
    assert.equal(by('N_1').verdict, 'pass');
    assert.equal(by('N_2').verdict, 'pass');
  });

  it('a density at a point and the log-likelihood', () => {
    const cs = at('density of the second point');
    assert.deepEqual(cs.map((c) => c.verdict), ['pass', 'pass'], cs.map((c) => c.message).join('\n'));
  });

  it('updates: means and weights pass; a variance computed with the old mean fails with that cause', () => {
    assert.deepEqual(at('\\mu_1 : 1').map((c) => c.verdict), ['pass', 'pass']);
    assert.equal(at('\\mu_2^{new}')[0]!.verdict, 'pass');
    const s1 = at('\\sigma_1^2 : 1');
    assert.equal(s1[1]!.verdict, 'fail');
    assert.equal(s1[1]!.cause, 'the old mean in a covariance update');
    assert.match(s1[1]!.message, /printed 0\.50, exact 0\.2852/);
    assert.equal(at('\\sigma_2^2 : 1')[1]!.verdict, 'pass');
    assert.deepEqual(at('\\pi_1^{new}').map((c) => c.verdict), ['pass', 'pass']);
  });

  it('arithmetic on printed numbers: scientific notation passes, 1/3 = 0.334 fails', () => {
    const cs = at('By hand');
    assert.deepEqual(cs.map((c) => c.verdict), ['pass', 'fail']);
    assert.match(cs[1]!.message, /printed 0\.334, exact 0\.33333 \(0\.333 to 3 decimals\)/);
  });
});

// numpy: X = [[0,0],[1,0],[0,1],[3,3]]; π = (.5,.5); μ_1 = (0,0), μ_2 = (3,3); Σ_1 = I, Σ_2 = [[2,.5],[.5,1]]
//   resp = [[0.995604, 0.004396], [0.987273, 0.012727], [0.948956, 0.051044], [0.000163, 0.999837]]
//   μ_new = [[0.336891, 0.323822], [2.820436, 2.856314]]
//   Σ_1,new = [[0.223729, -0.108592], [-0.108592, 0.219295]]; log-likelihood −11.334134185614928
const TWO_D = `## A 2-D example

The points are $\\mathbf{x}_1 = (0, 0)^\\top$, $\\mathbf{x}_2 = (1, 0)^\\top$, $\\mathbf{x}_3 = (0, 1)^\\top$, $\\mathbf{x}_4 = (3, 3)^\\top$.
Start from $\\pi_1 = \\pi_2 = 0.5$, $\\boldsymbol{\\mu}_1 = (0, 0)^\\top$, $\\boldsymbol{\\mu}_2 = (3, 3)^\\top$,
$\\boldsymbol{\\Sigma}_1 = \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}$, $\\boldsymbol{\\Sigma}_2 = \\begin{bmatrix} 2 & 0.5 \\\\ 0.5 & 1 \\end{bmatrix}$.

$$R = \\begin{bmatrix} 0.9956 & 0.0044 \\\\ 0.9873 & 0.0127 \\\\ 0.9490 & 0.0510 \\\\ 0.0002 & 0.9998 \\end{bmatrix}$$

$$\\boldsymbol{\\mu}_1^{new} = (0.337, 0.324)^\\top$$

$$\\boldsymbol{\\mu}_2^{new} = (2.820, 2.865)^\\top$$

$$\\boldsymbol{\\Sigma}_1^{new} = \\begin{bmatrix} 0.224 & -0.109 \\\\ -0.109 & 0.219 \\end{bmatrix}$$

$$\\mathcal{L} = -11.33$$
`;

describe('check/numeric: a 2-D worked example', () => {
  const at = (needle: string) => claimsOn(TWO_D, lineOf(TWO_D, needle));

  it('reads the points and the matrices, and checks the 4 × 2 matrix R row by row', () => {
    const rows = at('R = ');
    assert.equal(rows.length, 4);
    assert.deepEqual(rows.map((c) => c.verdict), ['pass', 'pass', 'pass', 'pass'], rows.map((c) => c.message).join('\n'));
  });

  it('vector and matrix updates entry by entry; a wrong entry is named', () => {
    assert.equal(at('\\mu}_1^{new}')[0]!.verdict, 'pass');
    const mu2 = at('\\mu}_2^{new}')[0]!;
    assert.equal(mu2.verdict, 'fail');
    assert.match(mu2.message, /entry 2: printed 2\.865, exact 2\.8563/);
    assert.equal(at('\\Sigma}_1^{new}')[0]!.verdict, 'pass', at('\\Sigma}_1^{new}')[0]!.message);
    assert.equal(at('\\mathcal{L} = -11.33')[0]!.verdict, 'pass');
  });
});

describe('check/numeric: values the note does not determine stay unchecked', () => {
  it('no data set: the printed update says what is missing', () => {
    const note = 'Start from $\\mu_1 = 0$, $\\mu_2 = 1$, $\\sigma_1^2 = \\sigma_2^2 = 1$, $\\pi_1 = \\pi_2 = 0.5$.\n\nThen $\\mu_1^{new} = 0.25$.\n';
    const c = claimsOn(note, 3)[0]!;
    assert.equal(c.verdict, 'unchecked');
    assert.match(c.message, /no data set/);
  });

  it('a parameter never stated', () => {
    const note = '$\\mathcal{X} = \\{0, 1, 3\\}$, $\\mu_1 = 0$, $\\mu_2 = 3$, $\\sigma_1^2 = \\sigma_2^2 = 1$.\n\nThen $N_1 = 1.9$.\n';
    const c = claimsOn(note, 3)[0]!;
    assert.equal(c.verdict, 'unchecked');
    assert.match(c.message, /does not give π₁/);
  });

  it('a parameter given again with another value starts another instance, not a ✗', () => {
    const note = [
      '$\\mathcal{X} = \\{1, 2, 4\\}$, $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 1$, $\\mu_2 = 4$, $\\sigma_1^2 = \\sigma_2^2 = 1$.',
      '',
      '$N_1 = 1.82$',
      '',
      'Now take $\\mu_1 = 0$.',
      '',
      '$\\mu_1 = 1.47$',
    ].join('\n');
    const cs = checkNote(note).claims;
    assert.equal(cs.find((c) => c.line === 3)!.verdict, 'pass');
    assert.equal(cs.find((c) => c.line === 5)!.verdict, 'unchecked');
    assert.ok(cs.every((c) => c.verdict !== 'fail'), cs.map((c) => `${c.line} ${c.verdict} ${c.message}`).join('\n'));
  });

  it('after one EM cycle: a parameter given with its updated value passes and the example moves on', () => {
    // μ_1 after one cycle is 1.46795 (numpy above): 1.468 to 3 decimals.
    const note = [
      '$\\mathcal{X} = \\{1, 2, 4\\}$, $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 1$, $\\mu_2 = 4$, $\\sigma_1^2 = \\sigma_2^2 = 1$.',
      '',
      '$N_1 = 1.82$',
      '',
      'After one EM cycle $\\mu_1 = 1.468$.',
    ].join('\n');
    const cs = checkNote(note).claims;
    const c = cs.find((x) => x.line === 5)!;
    assert.equal(c.verdict, 'pass', c.message);
    assert.match(c.message, /after 1 EM cycle/);
  });
});

describe('check/numeric: seed 003, the MML book worked example', () => {
  const seed = join(__dirname, '../../../../shared/seeds/003_977e0f68f9666590.txt');
  before(function () { if (!existsSync(seed)) this.skip(); });

  it('row 4 of the responsibility matrix is flagged with the exact values; every other printed number passes', () => {
    const text = readFileSync(seed, 'utf8');
    const numeric = checkNote(text).claims.filter((c) => c.kind === 'numeric' && c.verdict !== 'unchecked');
    const fails = numeric.filter((c) => c.verdict === 'fail');
    assert.equal(fails.length, 1, fails.map((c) => c.message).join('\n'));
    assert.equal(fails[0]!.line, 236);
    assert.match(fails[0]!.message, /x = 0 \(row 4\).*printed 0\.001, exact 0\.00015 \(0\.000 to 3 decimals\).*printed 0\.999, exact 0\.99984 \(1\.000 to 3 decimals\)/);
    // 7 rows, 3 means, 3 variances, 3 weights: each a value and its update.
    assert.equal(numeric.filter((c) => c.line === 236).length, 7);
    for (const line of [271, 272, 273, 352, 353, 354, 408, 409, 410]) {
      const cs = numeric.filter((c) => c.line === line);
      assert.deepEqual(cs.map((c) => c.verdict), ['pass', 'pass'], `line ${line}`);
    }
  });
});

describe('check/numeric: what is not a worked example\'s number is left to the identity checks', () => {
  const example = '$\\mathcal{X} = \\{1, 2\\}$, $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 1$, $\\mu_2 = 4$, $\\sigma_1^2 = \\sigma_2^2 = 1$.\n\n';

  it('a quantity without its index (x, μ) is no number of the example', () => {
    const cs = checkNote(`${example}The peak: $\\mathcal{N}(x \\mid \\mu_1, 1) = 0.399$.\n`).claims.filter((c) => c.line === 3);
    assert.ok(cs.every((c) => c.verdict !== 'fail'), cs.map((c) => c.message).join('\n'));
  });

  it('an identity with a free index (r_{i1} + r_{i2} = 1) is still checked for every i', () => {
    const cs = checkNote(`${example}$$r_{i1} + r_{i2} = 1$$\n`).claims.filter((c) => c.line === 3);
    assert.equal(cs.length, 1);
    assert.equal(cs[0]!.verdict, 'pass');
    assert.notEqual(cs[0]!.kind, 'numeric');
  });

  it('a covariance matrix after prose about responsibilities is a parameter, not responsibilities', () => {
    const note = `${example}With the responsibilities in mind, take\n\n$$\\Sigma_1 = \\begin{bmatrix} 2 & 0.5 \\\\ 0.5 & 1 \\end{bmatrix}$$\n`;
    const cs = checkNote(note).claims.filter((c) => c.line === 5);
    assert.equal(cs.length, 1);
    assert.match(cs[0]!.message, /states the worked example/);
  });
});

// numpy: x = (0, 1, 3); π = (0.6, 0.4); μ = (0, 3); σ = (1, 1)
//   resp = [[0.99264845, 0.00735155], [0.87050882, 0.12949118], [0.01639037, 0.98360963]]
//   N = (1.87954764, 1.12045236); μ_new = (0.48930919, 2.7491754); σ²_new = (0.302208, 0.45841993)
//   By hand: 𝒩(0 | 0, 1) = 0.39894, 𝒩(3 | 0, 1) = 0.0044318, 𝒩(1 | 0, 1) = 0.24197, 𝒩(1 | 3, 1) = 0.053991.
const BY_HAND = `# One EM iteration by hand

Three points $x_1 = 0$, $x_2 = 1$, $x_3 = 3$; $\\pi_1 = 0.6$, $\\pi_2 = 0.4$, $\\mu_1 = 0$, $\\mu_2 = 3$, $\\sigma_1 = \\sigma_2 = 1$.

$$
\\begin{aligned}
\\gamma_{11} &= \\frac{0.6 \\cdot 0.3989}{0.6 \\cdot 0.3989 + 0.4 \\cdot 0.0044} = 0.993 \\\\
\\gamma_{21} &= \\frac{0.6 \\cdot 0.2420}{0.6 \\cdot 0.2420 + 0.4 \\cdot 0.0540} = 0.870 \\\\
\\gamma_{31} &= \\frac{0.6 \\cdot 0.0044}{0.6 \\cdot 0.0044 + 0.4 \\cdot 0.3989} = 0.031
\\end{aligned}
$$

$$\\gamma_{12} = \\frac{0.6 \\cdot 0.0044}{0.6 \\cdot 0.3989 + 0.4 \\cdot 0.0044}$$

So $N_1 = \\gamma_{11} + \\gamma_{21} + \\gamma_{31} = 1.880$ and $\\mu_1^{new} = \\frac{1}{N_1}\\sum_{i=1}^3 \\gamma_{i1} x_i = 0.49$.
`;

describe('check/numeric: values worked by hand from rounded numbers', () => {
  const at = (needle: string) => claimsOn(BY_HAND, lineOf(BY_HAND, needle));

  it('a formula with rounded densities agrees within what their rounding moves it', () => {
    assert.deepEqual(at('\\gamma_{11} &=').map((c) => c.verdict), ['pass', 'pass']);
  });

  it('0.8705088 printed 0.870: rounded twice (0.8705, then 0.870) is accepted and said', () => {
    const cs = at('\\gamma_{21} &=');
    assert.deepEqual(cs.map((c) => c.verdict), ['pass', 'pass']);
    assert.match(cs[1]!.message, /0\.8705 to 4 decimals, then 0\.870 to 3/);
  });

  it('a wrong printed result after a right formula: the printed number is blamed (exact 0.01639)', () => {
    const cs = at('\\gamma_{31} &=');
    assert.deepEqual(cs.map((c) => c.verdict), ['pass', 'fail']);
    assert.match(cs[1]!.message, /printed 0\.031, exact 0\.01639/);
  });

  it('the wrong weight in the numerator (0.6 for π₂; exact 0.00735) is more than rounding explains', () => {
    const c = at('\\gamma_{12} =')[0]!;
    assert.equal(c.verdict, 'fail');
    assert.match(c.message, /more than the rounding/);
  });

  it('N_1 as a sum of the responsibilities, and the mean update written out', () => {
    assert.deepEqual(at('So $N_1').map((c) => c.verdict), ['pass', 'pass', 'pass', 'pass']);
  });
});

describe('check/numeric: the note\'s convention for a Gaussian\'s second slot', () => {
  // numpy: x = (0, 1), π = (.5, .5), μ = (0, 1), σ = (2, 0.5): resp of x_1 = (0.64878564, 0.35121436);
  // read as variances (2, 0.5) instead: (0.57611688, 0.42388312).
  const body = '$\\mathcal{X} = \\{0, 1\\}$, $\\pi_1 = \\pi_2 = 0.5$, $p_1(x) = \\mathcal{N}(x \\mid 0, 2)$, $p_2(x) = \\mathcal{N}(x \\mid 1, 0.5)$.\n\nThen $\\gamma_{11} = 0.649$.\n';

  it('a note that writes 𝒩(x | μ_k, σ_k) gives standard deviations', () => {
    const note = `The model: $p(x) = \\sum_{k=1}^2 \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k)$.\n\n${body}`;
    const c = claimsOn(note, 5)[0]!;
    assert.equal(c.verdict, 'pass', c.message);
  });

  it('a note that writes 𝒩(x | μ_k, σ_k²) gives variances (then 0.649 is wrong: 0.576)', () => {
    const note = `The model: $p(x) = \\sum_{k=1}^2 \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$.\n\n${body}`;
    const c = claimsOn(note, 5)[0]!;
    assert.equal(c.verdict, 'fail', c.message);
    assert.match(c.message, /exact 0\.5761/);
  });

  it('a note that writes both: unchecked, saying so', () => {
    const note = `$p(x) = \\sum_{k=1}^2 \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$ and $q(x) = \\mathcal{N}(x \\mid \\mu_1, \\sigma_1)$.\n\n${body}`;
    const c = claimsOn(note, 5)[0]!;
    assert.equal(c.verdict, 'unchecked');
    assert.match(c.message, /σ or σ²/);
  });
});

describe('check/numeric: a second cycle computed from the printed (rounded) parameters', () => {
  // numpy: θ₁ exact π = (0.60585816, 0.39414184), μ = (1.46795073, 3.66356285), σ² = (0.28524187, 0.58755995).
  //   E-step at θ₁ exact: γ_22 = 0.06598407; at θ₁ as printed (0.61, 0.39, 1.47, 3.66, 0.29, 0.59): γ_22 = 0.06578118.
  const note = (g22: string) => [
    '$\\mathcal{X} = \\{1, 2, 4\\}$, $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 1$, $\\mu_2 = 4$, $\\sigma_1^2 = \\sigma_2^2 = 1$.',
    '',
    'After one EM cycle: $\\pi_1 = 0.61$, $\\pi_2 = 0.39$, $\\mu_1 = 1.47$, $\\mu_2 = 3.66$, $\\sigma_1^2 = 0.29$, $\\sigma_2^2 = 0.59$.',
    '',
    `The next E-step gives $\\gamma_{22} = ${g22}$.`,
  ].join('\n');

  it('the parameters stated again pass as the values after one cycle', () => {
    const cs = checkNote(note('0.0660')).claims.filter((c) => c.line === 3);
    assert.equal(cs.length, 6);
    assert.deepEqual(cs.map((c) => c.verdict), Array(6).fill('pass'), cs.map((c) => c.message).join('\n'));
  });

  it('a responsibility from the exact cycle (0.0660) or from the printed parameters (0.0658) passes; 0.0700 fails', () => {
    assert.equal(claimsOn(note('0.0660'), 5)[0]!.verdict, 'pass');
    const rounded = claimsOn(note('0.0658'), 5)[0]!;
    assert.equal(rounded.verdict, 'pass', rounded.message);
    assert.match(rounded.message, /as printed/);
    assert.equal(claimsOn(note('0.0700'), 5)[0]!.verdict, 'fail');
  });
});

// Found by a reviewer writing worked examples (false ✗ before the fix). numpy on
// X = {1, 2, 3, 6, 7}, π = (.5, .5), σ² = (1, 1): with μ = (2, 6): N_1 = 2.982014, 𝓛 = −9.541596,
// one cycle μ_new = (1.99443, 6.46812), π_new = (0.596403, 0.403597); with μ = (2, 5): one cycle gives μ_2 = 6.185.
describe('check/numeric: readings a reviewer found wrong', () => {
  const head = (mu2: number) => `Mixture $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$.\n\n$\\mathcal{X} = \\{1, 2, 3, 6, 7\\}$, $K = 2$, $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 2$, $\\mu_2 = ${mu2}$, $\\sigma_1^2 = \\sigma_2^2 = 1$.\n\n`;
  const verdicts = (note: string, line: number) => claimsOn(note, line).map((c) => c.verdict);

  it('an integer stated again is another start, not the value after a cycle that rounds to it', () => {
    const note = `${head(5)}A better start is $\\mu_2 = 6$ (the rest unchanged). From it, $N_1 = 2.982$ and $\\mathcal{L} = -9.54$.\n`;
    const cs = claimsOn(note, 5);
    assert.equal(cs[0]!.verdict, 'unchecked');
    assert.deepEqual(cs.slice(1).map((c) => c.verdict), ['pass', 'pass'], cs.map((c) => c.message).join('\n'));
  });

  it('updated values restated in the middle of an M-step: later ^{new} values belong to that cycle', () => {
    const note = `${head(6)}M-step: the new means are $\\mu_1 = 1.994$ and $\\mu_2 = 6.468$; the new weights are $\\pi_1^{new} = 0.596$, $\\pi_2^{new} = 0.404$.\n`;
    assert.deepEqual(verdicts(note, 5), ['pass', 'pass', 'pass', 'pass']);
  });

  it('arithmetic with 2, π, √, exp, printed rounded', () => {
    const note = `${head(6)}$\\mathcal{N}(x_1 \\mid \\mu_1, \\sigma_1^2) = \\frac{1}{\\sqrt{2\\pi}} \\exp\\left(-\\frac{(1-2)^2}{2}\\right) = 0.242$ and $\\sqrt{2} = 1.414$ but $\\frac{1}{\\sqrt{2\\pi}} = 0.39$ (0.3989 rounds to 0.40).\n`;
    assert.deepEqual(verdicts(note, 5), ['pass', 'pass', 'pass', 'fail']);
  });

  it('the log-likelihood as 𝓛(θ^{(0)}), ℓ(θ^{old}), log p(𝒳 | θ), ln p(𝒳 | π, μ, σ), −𝓛', () => {
    const forms = ['\\mathcal{L}(\\theta^{(0)}) = -9.54', '\\ell(\\theta^{old}) = -9.54', '\\log p(\\mathcal{X} \\mid \\theta) = -9.54',
      '\\ln p(\\mathcal{X} \\mid \\pi, \\mu, \\sigma) = -9.54', '-\\mathcal{L} = 9.54', '\\log p(\\mathcal{X} \\mid \\theta) = -9.60'];
    const note = `${head(6)}${forms.map((f) => `$${f}$`).join(', ')}.\n`;
    assert.deepEqual(verdicts(note, 5), ['pass', 'pass', 'pass', 'pass', 'pass', 'fail']);
  });

  it('computer e-notation and an order of magnitude', () => {
    // MML example: r_41 = 0.000150, r_61 = 3.2e−13 (numpy).
    const note = '$\\mathcal{X} = \\{-3, -2.5, -1, 0, 2, 4, 5\\}$, $K = 3$, $p_1(x) = \\mathcal{N}(x \\mid -4, 1)$, $p_2(x) = \\mathcal{N}(x \\mid 0, 0.2)$, $p_3(x) = \\mathcal{N}(x \\mid 8, 3)$, $\\pi_1 = \\pi_2 = \\pi_3 = 1/3$.\n\n$r_{61} = 3.2e-13$, $r_{41} = 1.5\\mathrm{e}{-4}$, $r_{41} \\approx 10^{-2}$.\n';
    assert.deepEqual(verdicts(note, 3), ['pass', 'pass', 'fail']);
  });

  it('Σ_k = I for every k, μ_1 = 0 as a vector, and vector arithmetic at the example', () => {
    // numpy: X = (0,0), (1,1), (4,0), (5,1), (2,5); μ_1 = 0, μ_2 = (5, 0); Σ = I: N_2 = 2.07585818.
    const note = [
      'Let $p(\\mathbf{x}) = \\sum_{k=1}^{K} \\pi_k \\mathcal{N}(\\mathbf{x} \\mid \\boldsymbol{\\mu}_k, \\boldsymbol{\\Sigma}_k)$.',
      '',
      'Data: $\\mathbf{x}_1 = (0, 0)^\\top$, $\\mathbf{x}_2 = (1, 1)^\\top$, $\\mathbf{x}_3 = (4, 0)^\\top$, $\\mathbf{x}_4 = (5, 1)^\\top$, $\\mathbf{x}_5 = (2, 5)^\\top$, $K = 2$.',
      '',
      'Initial values: $\\pi_1 = \\pi_2 = 0.5$, $\\boldsymbol{\\mu}_1 = \\mathbf{0}$, $\\boldsymbol{\\mu}_2 = (5, 0)^\\top$, and $\\boldsymbol{\\Sigma}_k = \\mathbf{I}$ for $k = 1, 2$.',
      '',
      '$N_2 = 2.08$, $\\mathbf{x}_2 - \\boldsymbol{\\mu}_2 = \\begin{bmatrix} -4 \\\\ 1 \\end{bmatrix}$, $\\boldsymbol{\\Sigma}_1^{-1} = \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}$.',
    ].join('\n');
    assert.ok(checkNote(note).claims.filter((c) => c.line === 5).every((c) => c.verdict === 'unchecked'));
    assert.deepEqual(verdicts(note, 7), ['pass', 'pass', 'pass']);
  });

  it('r_{n1} ≈ 1 said of the example: holds for some n only → unchecked; for every n → pass', () => {
    const some = `${head(6)}The first points belong to component 1: $r_{n1} \\approx 1$ for $n \\le 3$.\n`;
    assert.equal(claimsOn(some, 5)[0]!.verdict, 'unchecked');
    const all = `${head(6)}Every point is explained: $r_{n1} + r_{n2} = 1.0$.\n`;
    assert.notEqual(claimsOn(all, 5)[0]!.verdict, 'fail');
  });
});

// A second reviewer's worked examples (false ✗ before the fix). numpy, same instance as above
// (μ = (2, 6)): one cycle μ_1 = 1.99443, σ²_1 = 0.666474, σ²_2 = 0.359354, π_1 = 0.596403;
// w_11 = π_1 𝒩(1 | 2, 1) = 0.1209854; Σ_n x_n = 19; Σ_n ln p(x_n) = −9.541596.
describe('check/numeric: readings a second reviewer found wrong', () => {
  const head = 'Mixture $p(x) = \\sum_{k=1}^K \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$.\n\n$\\mathcal{X} = \\{1, 2, 3, 6, 7\\}$, $K = 2$, $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 2$, $\\mu_2 = 6$, $\\sigma_1^2 = \\sigma_2^2 = 1$.\n\n';
  const verdicts = (note: string, line: number) => claimsOn(note, line).map((c) => c.verdict);

  it('an M-step formula worked out to a number: the formula is the update, the number its value', () => {
    const note = `${head}$\\mu_1 = \\frac{1}{N_1}\\sum_{n=1}^N \\gamma_{n1} x_n = 1.994$ and $\\hat\\sigma_1^2 = \\frac{1}{N_1}\\sum_{n=1}^N \\gamma_{n1}(x_n - \\hat\\mu_1)^2 = 0.66647$ and $\\pi_1 = \\frac{N_1}{N} = 0.596$.\n`;
    assert.deepEqual(verdicts(note, 5), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('quantities of the example written with N and sums (no number in them) are its numbers', () => {
    const note = `${head}$\\sum_{n=1}^{N} \\ln p(x_n) = -9.54$, $\\sum_{n=1}^N x_n = 19$, $\\sum_{n=1}^N x_n = 21$.\n`;
    assert.deepEqual(verdicts(note, 5), ['pass', 'pass', 'fail']);
  });

  it('unnormalised weights the note names w_{nk}: unchecked, saying what the number is', () => {
    const note = `${head}Define $w_{nk} = \\pi_k \\mathcal{N}(x_n \\mid \\mu_k, \\sigma_k^2)$. Then $w_{11} = 0.1210$.\n`;
    const c = claimsOn(note, 5).find((x) => x.lhs.includes('w_{11}'))!;
    assert.equal(c.verdict, 'unchecked');
    assert.match(c.message, /unnormalised weight/);
  });

  it('values "at convergence" are another iterate: later numbers not failed on a guess', () => {
    const note = `${head}Running EM to convergence gives $\\mu_1 = 2$ and $\\mu_2 = 6.5$, with final log-likelihood $\\ell = -8.47$.\n`;
    assert.ok(claimsOn(note, 5).every((c) => c.verdict !== 'fail'));
  });

  it('a note about a Poisson mixture with a Gaussian aside: its numbers are not judged as a Gaussian mixture\'s', () => {
    const note = '# Poisson mixture\n\n$p(x \\mid \\lambda_k) = \\frac{\\lambda_k^x e^{-\\lambda_k}}{x!}$ (with a Gaussian we would use $\\mu_1 = 1$, $\\mu_2 = 6$, $\\sigma_1^2 = \\sigma_2^2 = 1$).\n\nCounts $\\mathcal{X} = \\{0, 2, 5, 7\\}$, $K = 2$, $\\pi_1 = \\pi_2 = 0.5$.\n\nSo $r_{21} = 0.805$ and $N_1 = 1.82$.\n';
    assert.ok(checkNote(note).claims.every((c) => c.verdict !== 'fail'));
  });

  it('the log-likelihood in base 10, or the likelihood itself: unchecked, saying so', () => {
    const note = `${head}$\\log p(\\mathcal{X} \\mid \\theta) = -4.144$ and $\\mathcal{L} = 7.18 \\times 10^{-5}$.\n`;
    const cs = claimsOn(note, 5);
    assert.deepEqual(cs.map((c) => c.verdict), ['unchecked', 'unchecked']);
    assert.match(cs[0]!.message, /base 10/);
    assert.match(cs[1]!.message, /likelihood itself/);
  });
});

// Worked examples as new notes write them (a review of unseen notes found each read wrongly). Expected
// values from numpy (an independent E/M-step): ℓ(θ⁽⁰⁾) = −15.8516, ℓ(θ⁽¹⁾) = −13.0050 for the first
// example; γ₃₁ = 0.76666 at θ⁽⁰⁾ and 0.83226 at θ⁽¹⁾ for the second; r (component 1, point 2) = 0.0686
// and (component 2, point 1) = 0.1686 for the third; γ₄₁ = 5.5278·10⁻⁴ for the fourth.
describe('check/numeric: how new notes print their numbers', () => {
  const verdicts = (text: string, line: number) => claimsOn(text, line).map((c) => c.verdict);
  const ex1 = [
    'Model: $p(x) = \\sum_{k=1}^{3} \\phi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$.',
    'Data $X = (0.2, 0.9, 1.5, 3.1, 3.6, 6.0, 6.8)$, $K = 3$, $\\phi_1 = \\phi_2 = \\phi_3 = \\frac{1}{3}$, $\\mu_1 = 0$, $\\mu_2 = 3$, $\\mu_3 = 7$, $\\sigma_1^2 = 1$, $\\sigma_2^2 = 1$, $\\sigma_3^2 = 2$.',
  ];
  it('reads "after the update" beside a printed log-likelihood as one EM cycle', () => {
    const right = [...ex1, '$\\mathcal{L} \\approx -15.85$ at the initial parameters and $\\mathcal{L} \\approx -13.01$ after the update.'].join('\n');
    assert.deepEqual(verdicts(right, 3), ['pass', 'pass']);
    const before = [...ex1, 'After one EM iteration the log-likelihood is $\\mathcal{L} = -13.01$.'].join('\n');
    assert.deepEqual(verdicts(before, 3), ['pass']);
    // The initial value printed as the one after the update is wrong.
    const wrong = [...ex1, '$\\mathcal{L} \\approx -15.85$ at the initial parameters and $\\mathcal{L} \\approx -15.85$ after the update.'].join('\n');
    assert.deepEqual(verdicts(wrong, 3), ['pass', 'fail']);
  });
  it('reads γ_31^{(1)} at the parameters after one cycle', () => {
    const note = [
      '$p(x) = \\sum_{k=1}^{2} \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$, data $\\mathcal{X} = \\{-1, 0, 0.5, 2.5, 3, 4\\}$.',
      'Initial parameters: $\\pi_1^{(0)} = 0.6$, $\\pi_2^{(0)} = 0.4$, $\\mu_1^{(0)} = 0$, $\\mu_2^{(0)} = 2$, $\\sigma_1^{2(0)} = 1$, $\\sigma_2^{2(0)} = 2$.',
      'With the parameters $\\theta^{(1)}$ the responsibility of point 3 is $\\gamma_{31}^{(1)} = 0.832$.',
    ].join('\n');
    assert.deepEqual(verdicts(note, 3), ['pass']);
    assert.deepEqual(verdicts(note.replace('0.832', '0.812'), 3), ['fail']);
  });
  const ex3 = [
    '$p(x) = \\sum_{k=1}^3 \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$ with data $x_1 = 0$, $x_2 = 2$, $x_3 = 5$.',
    'Parameters: $\\pi_1 = 0.2$, $\\pi_2 = 0.3$, $\\pi_3 = 0.5$, $\\mu_1 = 0$, $\\mu_2 = 2$, $\\mu_3 = 4$, $\\sigma_1^2 = \\sigma_2^2 = \\sigma_3^2 = 1$.',
  ];
  it('reads r_{kn} with the component first when k is the note\'s component index', () => {
    const note = [...ex3, 'We write the responsibilities as $r_{kn}$. Here $r_{12} = 0.0686$.'].join('\n');
    assert.deepEqual(verdicts(note, 3).filter((v) => v !== 'unchecked'), ['pass']);
    assert.deepEqual(verdicts(note.replace('0.0686', '0.1686'), 3).filter((v) => v !== 'unchecked'), ['fail']);
  });
  it('reads a square responsibility matrix the way the note declares it (N × K: a row per point)', () => {
    const decl = 'The responsibility matrix $\\Gamma \\in \\mathbb{R}^{N \\times K}$, one row per data point:';
    const byRows = [...ex3, decl, '$$\\Gamma = \\begin{bmatrix} 0.8307 & 0.1686 & 0.0007 \\\\ 0.0686 & 0.7600 & 0.1714 \\\\ 0.0000 & 0.0109 & 0.9891 \\end{bmatrix}$$'].join('\n');
    assert.deepEqual(verdicts(byRows, 4), ['pass', 'pass', 'pass']);
    // Printed transposed, its columns sum to one but its rows, the points it declares, do not.
    const transposed = [...ex3, decl, '$$\\Gamma = \\begin{bmatrix} 0.8307 & 0.0686 & 0.0000 \\\\ 0.1686 & 0.7600 & 0.0109 \\\\ 0.0007 & 0.1714 & 0.9891 \\end{bmatrix}$$'].join('\n');
    assert.deepEqual(verdicts(transposed, 4), ['fail', 'fail', 'fail']);
  });
  it('reads e-notation written with \\text{e}', () => {
    const head = 'Model $p(x) = \\sum_{k=1}^2 \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$; data $x_1 = 1$, $x_2 = 2$, $x_3 = 4$, $x_4 = 5$; $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 1$, $\\mu_2 = 4$, $\\sigma_1^2 = \\sigma_2^2 = 1$.';
    for (const v of ['5.53\\text{e}-4', '5.53\\text{e-}4', '5.53\\,\\text{e}{-4}', '5.53\\text{E}-04']) {
      assert.deepEqual(verdicts(`${head}\n$\\gamma_{41} = ${v}$ here.`, 2), ['pass'], v);
    }
    assert.deepEqual(verdicts(`${head}\n$\\gamma_{41} = 5.53\\text{e}-3$ here.`, 2), ['fail']);
  });
  it('instances have as many points as the note\'s numeric sums over the data', () => {
    // ℓ = Σ_{n=1}^{4} log p(x_n) is the log-likelihood of four points: an identity, with 4-point instances.
    const note = 'Model $p(x) = \\sum_{k=1}^2 \\pi_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$; data $x_1 = 1$, $x_2 = 2$, $x_3 = 4$, $x_4 = 5$.\n$$\\ell(\\theta) = \\sum_{n=1}^{4} \\log p(x_n \\mid \\theta)$$';
    assert.deepEqual(verdicts(note, 2), ['pass']);
    assert.match(checkNote(note).model.description, /4 random data points/);
  });
  it('reads a mixture written term by term with weights w_1, w_2, and their values as the example\'s', () => {
    const note = '$$p(x) = w_1 \\mathcal{N}(x \\mid \\mu_1, \\sigma_1^2) + w_2 \\mathcal{N}(x \\mid \\mu_2, \\sigma_2^2)$$\nStart with $w_1 = 0.7$, $w_2 = 0.3$.';
    assert.deepEqual(verdicts(note, 1), ['pass']);
    assert.ok(!checkNote(note).claims.some((c) => c.verdict === 'fail'));
  });
});

describe('check/numeric: a data set named 𝒟 and variances written (σ_1^{(0)})²', () => {
  // Data {-1, 0, 0.5, 2.5, 3, 4}, α = (0.6, 0.4), μ = (0, 2), σ² = (1, 2): numpy gives μ_1 after one cycle
  // −0.08236 and the log-likelihood after it −10.9425 (an E-step and an M-step written independently).
  const note = [
    'Model: $p(x \\mid \\theta) = \\sum_{k=1}^{2} \\alpha_k \\mathcal{N}(x \\mid \\mu_k, \\sigma_k^2)$.',
    'Data set: $\\mathcal{D} = \\{-1, 0, 0.5, 2.5, 3, 4\\}$.',
    '$\\alpha_1^{(0)} = 0.6$, $\\alpha_2^{(0)} = 0.4$, $\\mu_1^{(0)} = 0$, $\\mu_2^{(0)} = 2$, $(\\sigma_1^{(0)})^2 = 1$, $(\\sigma_2^{(0)})^2 = 2$.',
    'After one iteration $\\mu_1^{(1)} = -0.082$ and $\\ell(\\theta^{(1)}) = -10.942$.',
  ].join('\n');
  it('reads the example and checks what it prints', () => {
    const on4 = checkNote(note).claims.filter((c) => c.line === 4).map((c) => c.verdict);
    assert.deepEqual(on4, ['pass', 'pass']);
    const wrong = checkNote(note.replace('-10.942', '-10.924')).claims.filter((c) => c.line === 4).map((c) => c.verdict);
    assert.deepEqual(wrong, ['pass', 'fail']);
  });
});

describe('check/numeric: a decimal comma', () => {
  // x_1 = 2,5 and μ_1 = 1: x_1 − μ_1 = 1,5 (1,9 is wrong); π_1 = 0,25: 1 − π_1 = 0,75.
  const note = (printed: string) => [
    'Log-Likelihood $\\mathcal{L} = \\sum_{n=1}^{N}\\ln\\sum_{k=1}^{K}\\pi_k\\mathcal{N}(x_n\\mid\\mu_k,\\sigma_k^2)$.',
    `Beispiel: $x_1 = 2,5$, $\\mu_1 = 1$, $\\sigma_1^2 = 1$ und $\\pi_1 = 0,25$; dann ist $1 - \\pi_1 = 0,75$ und $x_1 - \\mu_1 = ${printed}$.`,
  ].join('\n');
  const judged = (text: string) => checkNote(text).claims.filter((c) => c.line === 2 && c.verdict !== 'unchecked').map((c) => c.verdict);
  it('reads 0,25 as 0.25 in a worked example', () => {
    assert.deepEqual(judged(note('1,5')), ['pass', 'pass']);
    assert.deepEqual(judged(note('1,9')), ['pass', 'fail']);
  });
});

describe('check/numeric: exam-style answers (a probe of notes worked by hand)', () => {
  // Every number below checked with numpy. Data {0, 2, 5}, π = (½, ½), μ = (1, 4), σ² = (1, 1): N_1 = 1.81757 at θ^{(0)};
  // after one cycle μ_1^{(1)} = 0.90130, N_1 = 1.93262 (1.9325 from the rounded responsibilities a student carries).
  const head = '**Problem.** Fit a two-component 1-D GMM to $x = \\{0, 2, 5\\}$. Use $\\theta^{(0)}$: $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 1$, $\\mu_2 = 4$, $\\sigma_1^2 = \\sigma_2^2 = 1$.\n\n';
  const at = (text: string, line: number) => checkNote(text).claims.filter((c) => c.line === line);
  it('works a chain out at the iteration its superscript names', () => {
    const note = `${head}$$\\mu_1^{(1)} = \\frac{0.8176 \\cdot 2 + 0.0006 \\cdot 5}{1.8176} = \\frac{1.6382}{1.8176} = 0.9013$$\n`;
    assert.deepEqual(at(note, 3).map((c) => c.verdict), ['pass', 'pass', 'pass']);
    assert.ok(at(note.replace('= 0.9013', '= 0.9113'), 3).some((c) => c.verdict === 'fail'));
  });
  it('leaves a count of the next cycle, its name reused without a superscript, unjudged', () => {
    const note = `${head}## Iteration 2\n\nThen $N_1 = 1.9325$.\n`;
    const c = at(note, 5);
    assert.deepEqual(c.map((x) => x.verdict), ['unchecked']);
    assert.match(c[0]!.message, /after an EM cycle/);
    // Neither the stated parameters' count nor the next one's: a ✗.
    assert.deepEqual(at(note.replace('1.9325', '1.7325'), 5).map((x) => x.verdict), ['fail']);
  });
  it('judges closed arithmetic and the rounded number after it without a data set', () => {
    // 𝒩(x | μ_2, I) at x − μ_2 = (−1, −1): e^{−1}/(2π) = 0.0585498.
    const note = 'Point $x = (1, 0)^T$, component 2 has $\\mu_2 = (2, 1)^T$ and $\\Sigma_2 = I$.\n\n$$\\mathcal{N}(x \\mid \\mu_2, I) = \\frac{1}{2\\pi} e^{-1} = 0.05855$$\n';
    assert.deepEqual(at(note, 3).filter((c) => c.rhs === '0.05855').map((c) => c.verdict), ['pass']);
    assert.deepEqual(at(note.replace('0.05855', '0.05955'), 3).filter((c) => c.rhs === '0.05955').map((c) => c.verdict), ['fail']);
  });
  it('reads the dimension a note states, or its example\'s vectors give', () => {
    const formula = '$$\\mathcal{N}(\\mathbf{x} \\mid \\boldsymbol\\mu, \\Sigma) = \\frac{1}{2\\pi \\sqrt{\\det \\Sigma}} \\exp\\left(-\\frac{1}{2}(\\mathbf{x} - \\boldsymbol\\mu)^T \\Sigma^{-1} (\\mathbf{x} - \\boldsymbol\\mu)\\right)$$';
    const stated = checkNote(`In $D = 2$ dimensions:\n\n${formula}\n`);
    assert.equal(stated.model.D, 2);
    assert.deepEqual(stated.claims.filter((c) => c.line === 3).map((c) => c.verdict), ['pass']);
    const vectors = checkNote(`Take $\\boldsymbol\\mu_1 = (1, 2)^T$ and $\\Sigma_1 = \\begin{pmatrix} 2 & 0 \\\\ 0 & 1 \\end{pmatrix}$.\n\n${formula}\n`);
    assert.equal(vectors.model.D, 2);
  });
  it('does not fail numbers that agree up to the rounding written, nor the example\'s quantities at random instances', () => {
    // (1/1.3)(1.5, 1.0) = (1.153846, 0.769231); det Σ_1 = 2·2 − 1·1 = 3 for the Σ_1 the example states.
    const note = [
      'Data $x_1 = (1, 0)^T$, $x_2 = (0, 1)^T$; $\\mu_1 = (0, 0)^T$ and $\\Sigma_1 = \\begin{bmatrix} 2 & 1 \\\\ 1 & 2 \\end{bmatrix}$, $\\pi_1 = \\pi_2 = 0.5$.',
      '',
      '$$\\frac{1}{1.3} \\begin{bmatrix} 1.5 \\\\ 1.0 \\end{bmatrix} = \\begin{bmatrix} 1.1538 \\\\ 0.7692 \\end{bmatrix}$$',
      '',
      '$$\\det \\Sigma_1 = 2 \\cdot 2 - 1 \\cdot 1 = 3$$',
    ].join('\n');
    assert.ok(at(note, 3).every((c) => c.verdict !== 'fail'));
    assert.ok(at(note, 5).every((c) => c.verdict !== 'fail'));
    // Off by more than the rounding: still a ✗.
    assert.ok(at(note.replace('1.1538', '1.1638'), 3).some((c) => c.verdict === 'fail'));
    assert.ok(at(note.replace('= 3$$', () => '= 4$$'), 5).some((c) => c.verdict === 'fail'));
  });
  it('a link of numbers inside a chain the worked example cannot read: not ✗ within the rounding, ✗ beyond it', () => {
    // No parameters stated, so the example is incomplete; (1/1.3)(1.5, 1.0) = (1.153846, 0.769231).
    const note = [
      'Data $x_1 = (1, 0)^T$, $x_2 = (0, 1)^T$, $x_3 = (2, 2)^T$ with given responsibilities $\\gamma_{11} = 0.7$, $\\gamma_{21} = 0.2$, $\\gamma_{31} = 0.4$.',
      '',
      '$$\\mu_1^{new} = \\frac{1}{1.3} \\begin{bmatrix} 1.5 \\\\ 1.0 \\end{bmatrix} = \\begin{bmatrix} 1.1538 \\\\ 0.7692 \\end{bmatrix}$$',
    ].join('\n');
    const link = (text: string) => at(text, 3).filter((c) => c.rhs.startsWith('\\begin{bmatrix} 1.')).map((c) => c.verdict);
    assert.deepEqual(link(note), ['unchecked']);
    assert.deepEqual(link(note.replace('1.1538', '1.1638')), ['fail']);
  });
});

describe('check/numeric: a whole number after arithmetic on rounded numbers', () => {
  // γ_21 = 0.8176 and γ_22 = 0.1824 add up to 1; 0.8176 + 0.1842 = 1.0018 is not 1 "to 0 decimals".
  const note = (sum: string) => `Data $x = \\{0, 2, 5\\}$, $\\pi_1 = \\pi_2 = 0.5$, $\\mu_1 = 1$, $\\mu_2 = 4$, $\\sigma_1^2 = \\sigma_2^2 = 1$.\n\nCheck: $${sum} = 1$.\n`;
  const last = (text: string) => checkNote(text).claims.filter((c) => c.line === 3 && c.rhs === '1').map((c) => c.verdict);
  it('passes within the rounding of the numbers written and never passes a sum that is off', () => {
    assert.deepEqual(last(note('0.8176 + 0.1824')), ['pass']);
    assert.deepEqual(last(note('0.33 + 0.33 + 0.33')), ['pass']);
    assert.deepEqual(last(note('0.8176 + 0.1842')), ['unchecked']);
    assert.deepEqual(last(note('0.8176 + 0.2824')), ['fail']);
  });
});
