// Notes two hunts for wrong verdicts wrote (test/fixtures/hunt-cases/): models beside the plain GMM
// (gradient ascent, MAP-EM, a tied variance, hard EM, weighted points) and layouts (\overset at a row's
// start, \intertext, ≈, a formula the sentence qualifies). Each gave a false ✗ or ✓ or missed a wrong step.
// The expected verdicts come from the mathematics, stated at the top of each note (checked with numpy
// by finite differences of the log-likelihood), never from a run of the checker.
import * as assert from 'node:assert/strict';
import { checkNote } from '../../../src/core/check';
import { assertNoFail, fixtureNote } from './fixtureNotes';
import type { Claim } from '../../../src/core/types';

const note = (name: string) => fixtureNote('hunt-cases', name);
const claimsAt = (text: string, line: number): Claim[] => checkNote(text).claims.filter((c) => c.line <= line && line <= (c.endLine ?? c.line));
const noFail = (name: string) => assertNoFail(note(name), name);

describe('hunt cases: models beside the plain GMM', () => {
  it('leaves a gradient-ascent step unjudged, with ← or with iterations (it is no EM update)', () => {
    noFail('ff_leftarrow_update.md');
    noFail('ff_gradient_iterate.md');
    assert.match(claimsAt(note('ff_gradient_iterate.md'), 8)[0]!.message, /a step of an iterative method \(μₖ⁽ᵗ⁺¹⁾ from its current value plus a step/);
    // A wrong EM update that is not written as a step from the current value is still ✗.
    const wrong = '$$\\mu_k^{(t+1)} = \\frac{1}{N} \\sum_{i=1}^N \\gamma_{ik} x_i$$';
    assert.deepEqual(checkNote(wrong).claims.map((c) => c.verdict), ['fail']);
  });
  it('leaves MAP updates unjudged after text that names the prior, or when they write its hyperparameters', () => {
    noFail('ff_map_dirichlet_weight.md');
    noFail('ff_map_mean_prior.md');
    // π_k = (N_k + 1)/(N + K) without any prior in the text is a wrong ML update.
    const text = 'Setting the derivative of the Lagrangian to zero:\n\n$$\\pi_k = \\frac{N_k + 1}{N + K}$$';
    assert.deepEqual(claimsAt(text, 3).map((c) => c.verdict), ['fail']);
  });
  it('leaves a responsibility with one shared σ unjudged (a tied model), and γ_ik = 1 "if …" (a case of a definition)', () => {
    noFail('ff_shared_sigma_responsibility.md');
    noFail('ff_hard_assignment_definition.md');
    noFail('ff_tied_chain_rule.md');
  });
  it('does not judge steps with N_k after the note defined its own N_k = Σ w_i γ_ik', () => {
    // σ_k² = (1/N_k) Σ γ (x − μ)² and π_k = N_k/N are wrong with the weighted N_k (the weights are missing,
    // and Σ_k N_k/N ≠ 1): never ✓.
    const cs = checkNote(note('fp_weighted_counts.md')).claims;
    for (const line of [10, 12]) assert.deepEqual(cs.filter((c) => c.line === line).map((c) => c.verdict), ['unchecked'], `line ${line}`);
    assert.match(cs.find((c) => c.line === 10)!.message, /uses Nₖ, which the note defines on line 8/);
  });
});

describe('hunt cases: layouts', () => {
  it('links a row that starts with \\overset{(a)}{=} to the row before (its wrong step is ✗)', () => {
    // Row 2 halves row 1's value: (x − μ)/(2σ²) for (x − μ)/σ².
    assert.deepEqual(claimsAt(note('R01_overset_row_start_missed.md'), 8).map((c) => c.verdict), ['fail']);
    assert.match(claimsAt(note('R01_overset_row_start_missed.md'), 8)[0]!.message, /factor ½/);
  });
  it('starts a new row after \\intertext and \\shortintertext, with or without \\\\ before it', () => {
    const short = checkNote(note('R02_shortintertext.md')).claims;
    assert.deepEqual(short.map((c) => c.verdict), ['pass', 'pass', 'pass']);
    const rows = checkNote(note('intertext_rows.md')).claims;
    assert.deepEqual(rows.filter((c) => c.verdict !== 'pass').map((c) => `${c.line} ${c.verdict}`), ['8 fail']);
  });
  it('goes on after a row that ends with its relation (`= {}&` then \\\\): the wrong right side is ✗', () => {
    // ∂ℓ/∂σ_k² = (1/(2σ_k⁴)) Σ γ (x − μ)² − N_k/(2σ_k²); the row writes −N_k/σ_k².
    assert.deepEqual(checkNote(note('R05_rowbreak_after_equals.md')).claims.filter((c) => c.verdict !== 'pass').map((c) => `${c.line} ${c.verdict}`), ['6 fail']);
  });
  it('reads `A =: s_k` as the definition of s_k', () => {
    // μ_k^new = x̄_k holds; the variance's last form needs x̄_k squared.
    const cs = checkNote(note('R07_reverse_definition.md')).claims;
    assert.deepEqual(cs.filter((c) => c.verdict !== 'pass').map((c) => `${c.line} ${c.verdict}`), ['7 fail']);
    assert.ok(cs.some((c) => c.kind === 'definition' && /defines s_/.test(c.message)));
  });
  it('applies 𝒩 to its bracket across \\! and \\, (spacing only)', () => {
    assert.deepEqual(checkNote(note('R10_spacing_before_gaussian_args.md')).claims.map((c) => c.verdict), ['pass', 'pass', 'pass']);
  });
  it('checks a system of equations in array{rcl} or cases (also inside \\left\\{ … \\right.), not a piecewise definition', () => {
    // π_k^new = N_k/N: the rows with N − 1 and 1/K are wrong, the others hold.
    const rcl = checkNote(note('R03_array_rcl_missed.md')).claims;
    assert.deepEqual(rcl.filter((c) => c.verdict !== 'pass').map((c) => `${c.line} ${c.verdict}`), ['8 fail']);
    assert.match(rcl.find((c) => c.verdict === 'fail')!.message, /^A denominator N − 1 where N belongs/);
    const cases = checkNote(note('R04_cases_system_missed.md')).claims;
    assert.deepEqual(cases.filter((c) => c.verdict !== 'pass').map((c) => `${c.line} ${c.verdict}`), ['7 fail', '14 fail']);
    assert.match(cases.find((c) => c.verdict === 'fail')!.message, /^The number of points N where the number of components K belongs, or the reverse/);
    // A piecewise definition is one formula: its rows are cases, not equations.
    const piecewise = checkNote('$$\\begin{cases} 1 & k = j \\\\ 0 & k \\neq j \\end{cases}$$').claims;
    assert.ok(piecewise.every((c) => c.verdict !== 'fail'));
  });
  it('reads a dollar amount in prose as text, as VS Code\'s preview does, and checks the formula after it', () => {
    // "$5 and the update $": the first `$` after the amount follows a space, so it closes nothing. The update
    // μ_k^new = (1/(2N_k)) Σ γ x is half the M-step mean.
    const cs = checkNote(note('R09_currency_hides_formula.md')).claims.filter((c) => c.line === 7);
    assert.deepEqual(cs.map((c) => c.verdict), ['fail']);
    assert.match(cs[0]!.lhs, /^\\mu_k\^\{new\}/);
  });
  it('reads a reason `\\text{(since } … = 1)` whose bracket closes outside the text as a remark, not a parse error', () => {
    assert.ok(checkNote(note('R11_text_paren_parse_error.md')).claims.every((c) => c.verdict === 'pass'));
  });
  it('does not fail an approximation written with ≈', () => {
    noFail('R06_approx_false_fail.md');
  });
  it('does not fail "vanishes at $μ_k = μ_k^{new}$", and still fails the same formula the text does not qualify', () => {
    noFail('R08_evaluation_point_false_fail.md');
    const plain = note('R08_evaluation_point_false_fail.md').replace('The gradient vanishes at $', 'We show $').replace('^{new}$.', '^{new}$ always.');
    assert.deepEqual(claimsAt(plain, 8).map((c) => c.verdict), ['fail']);
  });
});

describe('hunt cases: notes exported from other tools', () => {
  it('checks a CS229 responsibility w_j^{(i)} against the reference (a typo in its denominator is ✗ there, not later)', () => {
    const cs = checkNote(note('export_R06_wrong_responsibility_definition_passes.md')).claims;
    assert.deepEqual(cs.filter((c) => c.verdict !== 'pass').map((c) => `${c.line} ${c.verdict}`), ['10 fail']);
  });
  it('does not check math inside Obsidian %% comments or an HTML comment in a paragraph', () => {
    for (const n of ['export_R03_obsidian_comment_math.md', 'export_R11_inline_html_comment_math.md']) noFail(n);
    assert.equal(checkNote(note('export_R03_obsidian_comment_math.md')).claims.filter((c) => c.line === 8).length, 0);
  });
  it('reads what tools leave in math: \\_ (kramdown), Unicode ², right-to-left marks, full-width brackets', () => {
    // Each note has one correct gradient and one with its sign flipped (stated at its top).
    const expected: Record<string, string[]> = {
      'export_R02_escaped_underscore_in_math.md': ['8 fail'],
      'export_R09_unicode_superscript_in_math.md': ['9 fail'],
      'export_R10_rtl_mark_in_math.md': ['8 fail'],
      'export_R12_fullwidth_parens_in_math.md': ['9 fail'],
    };
    for (const [name, lines] of Object.entries(expected)) {
      const cs = checkNote(note(name)).claims;
      assert.deepEqual(cs.filter((c) => c.verdict !== 'pass').map((c) => `${c.line} ${c.verdict}`), lines, name);
    }
  });
  it('reads a function the text defines after using it ("…, where $\\phi(z) = …$")', () => {
    // π_k φ((x − μ_k)/σ_k) lacks the 1/σ_k of 𝒩(x | μ_k, σ_k²): ✗; with it, ✓.
    const text = note('export_R08_where_definition_after_use.md');
    assert.deepEqual(checkNote(text).claims.filter((c) => c.verdict !== 'pass').map((c) => `${c.line} ${c.verdict}`), ['6 fail']);
    const right = text.replace('\\pi_k \\phi\\left(', '\\frac{\\pi_k}{\\sigma_k} \\phi\\left(');
    assert.notEqual(right, text);
    assert.deepEqual(checkNote(right).claims.map((c) => c.verdict), ['pass', 'pass']);
  });
});
