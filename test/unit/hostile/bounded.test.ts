// Issue 11, "bounded on any input": every numbered item of the issue as a case
// with a bound on time and memory. Each case failed before the fix (a hang, a
// stack overflow, a lost file, a verdict from the machinery rather than the
// math) and passes after it.
import * as assert from 'node:assert/strict';
import { lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, defaultDeps } from '../../../src/cli/main';
import { checkNote as realCheck, LIMITS } from '../../../src/core/check';
import { memoryIO, tempDir } from '../cli/helpers';
import * as fc from 'fast-check';
import { BoundedCache } from '../../../src/core/util/boundedCache';
import { renderNoteBody as renderBody, renderReportPage, renderTex } from '../../../src/core/render/html';
import { checkNote } from '../../../src/core/check';
import { clearEvaluationCache } from '../../../src/core/check/claims';
import { renderNoteBody } from '../../../src/core/render/html';
import type { CheckOptions, Claim, NoteReport } from '../../../src/core/types';

/** Check a note, asserting it took at most `ms` and grew the heap by at most `mb`. */
function bounded(text: string, ms: number, mb = 200, options: CheckOptions = {}): NoteReport {
  clearEvaluationCache();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const report = checkNote(text, options);
  const took = performance.now() - t0;
  const grew = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  assert.ok(took < ms, `took ${took.toFixed(0)} ms (bound ${ms} ms)`);
  assert.ok(grew < mb, `heap grew ${grew.toFixed(0)} MiB (bound ${mb} MiB)`);
  return report;
}

const verdicts = (r: NoteReport): string[] => r.claims.map((c) => `${c.line} ${c.verdict}`);
const only = (r: NoteReport): Claim => {
  assert.equal(r.claims.length, 1, JSON.stringify(r.claims.map((c) => c.message)));
  return r.claims[0]!;
};
const CORRECT = '$$N_k = \\sum_{i=1}^N \\gamma_{ik}$$';

describe('issue 11: bounded on any input', function () {
  this.timeout(60_000);

  describe('1. evaluation has a budget inside it', () => {
    for (const [what, note] of [
      ['a derivative of order 16', '$$\\frac{\\partial^{16} \\mathcal{L}}{\\partial \\mu_k^{16}} = 0$$'],
      ['40 nested ∂/∂μ_k', `$$${'\\frac{\\partial}{\\partial\\mu_k}'.repeat(40)} \\mathcal{L} = 0$$`],
      ['the same index summed 12 times', `$$${'\\sum_{i=1}^{N}'.repeat(12)} x_i = 0$$`],
      ['the same index summed 12 times, as an identity', `$$${'\\sum_{i=1}^{N}'.repeat(12)} x_i = x_1$$`],
    ] as const) {
      it(`${what}: unchecked, too costly to evaluate, in well under a second`, () => {
        const c = only(bounded(note, 3000, 100));
        assert.equal(c.verdict, 'unchecked');
        assert.match(c.message, /too costly to evaluate/);
      });
    }

    it('the cost does not grow with the derivative order or the nesting (n, 2n, 4n, 8n)', () => {
      for (const make of [
        (n: number) => `$$\\frac{\\partial^{${n}} \\mathcal{L}}{\\partial \\mu_k^{${n}}} = 1$$`,
        (n: number) => `$$${'\\sum_{i=1}^{N}'.repeat(n)} x_i = 1$$`,
      ]) {
        for (const n of [3, 6, 12, 24]) bounded(make(n), 2000, 100);
      }
    });

    it('a costly claim does not cost the note its other claims', () => {
      const r = bounded(`$$\\frac{\\partial^{16} \\mathcal{L}}{\\partial \\mu_k^{16}} = 0$$\n\n${CORRECT}\n`, 3000);
      assert.deepEqual(verdicts(r), ['1 unchecked', '3 pass']);
    });
  });

  describe('2. deep trees never overflow the stack', () => {
    const forms: Record<string, (n: number) => string> = {
      '+': (n) => Array(n).fill('x_i').join(' + ') + ' + 1',
      '\\cdot': (n) => Array(n).fill('x_i').join(' \\cdot '),
      '/': (n) => Array(n).fill('x_i').join(' / '),
      '2^2^…': (n) => Array(n).fill('2').join('^'),
      '^\\top^\\top…': (n) => '\\mu_k' + '^\\top'.repeat(n),
      '\\Sigma_k^{-1}^{-1}…': (n) => '\\Sigma_k' + '^{-1}'.repeat(n),
      'juxtaposed letters': (n) => Array(n).fill('x_i').join(' '),
    };
    for (const [what, make] of Object.entries(forms)) {
      it(`8,000 of ${what}: that formula unchecked, the correct one next to it still checked`, () => {
        const text = `$$y = ${make(8000)}$$\n\n${CORRECT}\n`;
        const alone = bounded(text, 10_000);
        assert.deepEqual(verdicts(alone).slice(-1), ['3 pass']);
        assert.equal(alone.claims[0]!.verdict, 'unchecked');
        // The same outcome alone and after other notes (nothing kept from one note changes the next).
        checkNote(`$$x = ${make(50)}$$`);
        assert.deepEqual(verdicts(checkNote(text)), verdicts(alone));
        renderNoteBody(text, alone);
      });
    }
    it('800 terms are still checked', () => {
      const r = bounded(`$$y = ${forms['+']!(790)}$$\n\n${CORRECT}\n`, 10_000);
      assert.deepEqual(verdicts(r), ['1 pass', '3 pass']);
    });
  });

  describe('8. a stationary-point check that cannot decide says unchecked, never ✗', () => {
    const example = (f: string) => readFileSync(join(__dirname, '../../../examples', f), 'utf8');
    const at = (r: NoteReport, line: number) => r.claims.filter((c) => c.line === line);
    it('seed 70 on example 003: ∂𝓛/∂Σ_k = 0 (left ≈ 1e-7 at an almost collapsed component) is not failed', () => {
      const r = checkNote(example('003_977e0f68f9666590.md'), { seed: 70 });
      for (const line of [318, 322, 330]) {
        const cs = at(r, line);
        assert.ok(cs.length > 0);
        for (const c of cs) assert.notEqual(c.verdict, 'fail', `${line}: ${c.message}`);
      }
      assert.ok(at(r, 180).filter((c) => /Sigma/.test(c.lhs)).every((c) => c.verdict !== 'fail'));
    });
    it('seed 34 on example 004: line 79 (no usable stationary point) is unchecked, not failed as an identity', () => {
      const c = at(checkNote(example('004_69d5f849e87c0d2a.md'), { seed: 34 }), 79);
      assert.equal(c.length, 1);
      assert.equal(c[0]!.verdict, 'unchecked');
      assert.equal(c[0]!.kind, 'condition');
    });
  });

  describe('9. correct identities the machinery used to fail', () => {
    for (const [what, note] of [
      ['Σ^{1/2} Σ^{1/2} = Σ', '$$\\Sigma_k^{1/2}\\Sigma_k^{1/2} = \\Sigma_k$$'],
      ['Σ^{-1/2} Σ Σ^{-1/2} = I', '$$\\Sigma_k^{-1/2}\\Sigma_k\\Sigma_k^{-1/2} = I$$'],
      ['Σ^{-2} = Σ^{-1} Σ^{-1}', '$$\\Sigma_k^{-2} = \\Sigma_k^{-1}\\Sigma_k^{-1}$$'],
      ['Σ^0 = I', '$$\\Sigma_k^{0} = I$$'],
      ['∂ det Σ / ∂Σ = det Σ \\, Σ^{-1}', '$$\\frac{\\partial \\det \\Sigma_k}{\\partial \\Sigma_k} = \\det \\Sigma_k \\, \\Sigma_k^{-1}$$'],
    ] as const) {
      it(`${what} passes`, () => {
        const c = only(bounded(note, 5000));
        assert.equal(c.verdict, 'pass', c.message);
      });
    }
    it('μ_k(μ_k)^⊤ is a product with a transposed bracket, not a call', () => {
      assert.equal(only(bounded('$$\\boldsymbol{\\mu}_k(\\boldsymbol{\\mu}_k)^\\top = \\boldsymbol{\\mu}_k\\boldsymbol{\\mu}_k^\\top$$', 5000)).verdict, 'pass');
      assert.equal(only(bounded('$$\\boldsymbol{\\mu}_k(\\boldsymbol{\\mu}_k)^\\top = \\boldsymbol{\\mu}_k^\\top\\boldsymbol{\\mu}_k$$', 5000)).verdict, 'fail');
    });
    it('display math inside a blockquote: the quote markers of later lines are not math', () => {
      const r = bounded('> $$\\sum_{k=1}^K \\gamma_{ik}\n> = 1$$\n\n> > Nested\n> > $$N_k\n> >  = \\sum_{i=1}^N \\gamma_{ik}$$\n', 5000);
      assert.deepEqual(verdicts(r), ['1 pass', '5 pass']);
      const wrong = bounded('> $$\\sum_{k=1}^K \\gamma_{ik}\n> = 2$$\n', 5000);
      assert.deepEqual(verdicts(wrong), ['1 fail']);
    });
    it('a wrong matrix power still fails', () => {
      assert.equal(only(bounded('$$\\Sigma_k^{1/2}\\Sigma_k^{1/2} = \\Sigma_k^{2}$$', 5000)).verdict, 'fail');
    });
    it('a fractional power inside a derivative is unchecked, not failed', () => {
      const c = only(bounded('$$\\frac{\\partial}{\\partial \\Sigma_k} \\operatorname{tr}(\\Sigma_k^{1/2}) = I$$', 5000));
      assert.notEqual(c.verdict, 'fail', c.message);
    });
  });

  describe('10. cancellation: lost digits give unchecked, never ✓ or ✗', () => {
    const cancel = (rhs: string, big: string) => `$$\\frac{(x_i + 10^{${big}})^2 - (x_i - 10^{${big}})^2}{4 \\cdot 10^{${big}}} = ${rhs}$$`;
    it('((x + 10¹²)² − (x − 10¹²)²)/(4·10¹²) = 2x (the left side is x) is not passed', () => {
      const c = only(bounded(cancel('2 x_i', '12'), 5000));
      assert.equal(c.verdict, 'unchecked');
      assert.match(c.message, /cancellation/);
    });
    it('… = x (correct, but 12 digits are gone) is not passed either', () => {
      assert.equal(only(bounded(cancel('x_i', '12'), 5000)).verdict, 'unchecked');
    });
    it('with 10³ enough digits survive: x passes, 2x fails', () => {
      assert.equal(only(bounded(cancel('x_i', '3'), 5000)).verdict, 'pass');
      assert.equal(only(bounded(cancel('2 x_i', '3'), 5000)).verdict, 'fail');
    });
    it('two sides that are 0 up to rounding still agree', () => {
      assert.equal(only(bounded('$$\\sum_{k=1}^K \\gamma_{ik} - 1 = 1 - \\sum_{j=1}^K \\gamma_{ij}$$', 5000)).verdict, 'pass');
    });
  });

  describe('CLI: files are never lost or overwritten (items 2, 3, 6, 7, 11)', () => {
    let dir: string;
    let cleanup: () => void;
    const NOTE = '# My note\n\n$$x_i = 2 x_i$$\n';
    before(() => ({ dir, cleanup } = tempDir()));
    after(() => cleanup());
    // The real checker and renderer, writing for real, without KaTeX's fonts (speed).
    const deps = { ...defaultDeps, loadKatexCss: () => '' };

    it('6. --output onto the input note is refused, and the note is unchanged', async () => {
      const n = join(dir, 'n.md');
      writeFileSync(n, NOTE);
      const io = memoryIO();
      assert.equal(await main(['--format', 'json', '--output', n, n], io, deps), 2);
      assert.match(io.err, /is one of the notes being checked/);
      assert.equal(readFileSync(n, 'utf8'), NOTE);
      // Also through another spelling, a symlink, and with --force.
      symlinkSync(n, join(dir, 'link.md'));
      assert.equal(await main(['--force', '--output', join(dir, 'link.md'), join(dir, '.', 'n.md')], memoryIO(), deps), 2);
      assert.equal(await main(['--force', '--output', n, dir], memoryIO(), deps), 2);
      assert.equal(readFileSync(n, 'utf8'), NOTE);
    });

    it('6. an existing file is replaced only with --force, atomically, and a symlink there is replaced, not followed', async () => {
      const n = join(dir, 'a.md');
      writeFileSync(n, NOTE);
      const out = join(dir, 'report.json');
      writeFileSync(out, 'keep me');
      const io = memoryIO();
      assert.equal(await main(['--format', 'json', '--output', out, n], io, deps), 2);
      assert.match(io.err, /already exists; use --force/);
      assert.equal(readFileSync(out, 'utf8'), 'keep me');
      assert.equal(await main(['--format', 'json', '--force', '--output', out, n], memoryIO(), deps), 1);
      assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, 1);
      const victim = join(dir, 'victim.txt');
      writeFileSync(victim, 'precious');
      const link = join(dir, 'out-link.json');
      symlinkSync(victim, link);
      assert.equal(await main(['--format', 'json', '--force', '--output', link, n], memoryIO(), deps), 1);
      assert.equal(readFileSync(victim, 'utf8'), 'precious');
      assert.ok(!lstatSync(link).isSymbolicLink());
      assert.throws(() => readlinkSync(link));
    });

    it('7. the HTML report lists every path that could not be checked, with why; a note reached twice by a symlinked folder counts once', async () => {
      const sub = join(dir, 'notes');
      mkdirSync(sub);
      writeFileSync(join(sub, 'one.md'), NOTE);
      symlinkSync(sub, join(dir, 'again'));
      const missing = join(dir, 'missing.md');
      const io = memoryIO();
      assert.equal(await main(['--format', 'html', sub, join(dir, 'again'), missing], io, deps), 2);
      assert.match(io.out, /missing\.md<\/td><td colspan="3" class="gmm-fail">not checked: no such file or directory/);
      assert.equal(io.out.match(/<section class="gmm-file"/g)?.length, 1);
    });

    it('3. a note over the size limit is reported, not read, and the batch report keeps the others', async () => {
      const big = join(dir, 'big.md');
      writeFileSync(big, Buffer.alloc(3 * 2 ** 20, 0x61));
      const n = join(dir, 'small.md');
      writeFileSync(n, NOTE);
      for (const format of ['text', 'json', 'html']) {
        const io = memoryIO();
        const heap0 = process.memoryUsage().heapUsed;
        assert.equal(await main(['--format', format, big, n], io, deps), 2);
        assert.ok(process.memoryUsage().heapUsed - heap0 < 100 * 2 ** 20);
        assert.match(io.err, /too large to check \(3\.0 MiB/);
        assert.ok(io.out.includes('small.md'), format);
      }
    });

    it('2. a note whose check throws never costs the batch its report (text is printed note by note)', async () => {
      const a = join(dir, 'first.md'), b = join(dir, 'second.md');
      writeFileSync(a, NOTE);
      writeFileSync(b, 'boom');
      const io = memoryIO();
      const chunks: string[] = [];
      // --jobs 1: the throwing checker is this thread's (threads run the real one).
      const status = await main(['--jobs', '1', a, b], { stdout: (x) => { chunks.push(x); io.stdout(x); }, stderr: io.stderr }, {
        ...deps, checkNote: (text, o) => { if (text === 'boom') throw new RangeError('Maximum call stack size exceeded'); return realCheck(text, o); },
      });
      assert.equal(status, 2);
      assert.match(chunks[0]!, /first\.md:3:3 ✗/);
      assert.match(io.err, /second\.md: could not be checked: Maximum call stack/);
      assert.match(io.out, /total: 1 file, 0 pass, 1 fail/);
    });

    it('11. escape sequences from a note or a file name never reach the terminal', async () => {
      const evil = join(dir, 'evil\u001b]0;pwned\u0007.md');
      writeFileSync(evil, '$$x_i = 2 x_i \\text{\u001b[2J\u001b[1;1H0 fail\u009b31m}$$\n$$\\alpha\u0007 = 1$$\n');
      const io = memoryIO();
      await main(['--format', 'text', evil, join(dir, 'nope\u001b[31m.md')], io, deps);
      for (const s of [io.out, io.err]) {
        assert.doesNotMatch(s, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      }
      assert.match(io.out, /evil\ufffd\]0;pwned\ufffd\.md/);
    });
  });

  describe('14. settings cannot loosen the check', () => {
    it('the core clamps tolerance, trials, K and D whatever the caller passes', () => {
      const wrong = '$$\\gamma_{ik} = 2\\gamma_{ik}$$';
      assert.equal(only(realCheck(wrong, { tolerance: 1 })).verdict, 'fail');
      assert.equal(only(realCheck(wrong, { tolerance: 10, trials: 1e6, D: 100, K: 1000 })).verdict, 'fail');
      assert.ok(realCheck('$$\\Sigma_k = \\Sigma_k$$', { D: 100 }).model.D <= LIMITS.dimensions.max);
    });
    it('package.json restricts them in untrusted workspaces and bounds them in the schema', () => {
      const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
      const u = pkg.capabilities.untrustedWorkspaces;
      assert.equal(u.supported, 'limited');
      for (const k of ['tolerance', 'trials', 'components', 'dimensions', 'aliases']) assert.ok(u.restrictedConfigurations.includes(`gmmCheck.${k}`), k);
      const props = pkg.contributes.configuration.properties;
      assert.equal(props['gmmCheck.tolerance'].maximum, LIMITS.tolerance.max);
      assert.equal(props['gmmCheck.trials'].maximum, LIMITS.trials.max);
      assert.equal(props['gmmCheck.components'].maximum, LIMITS.components.max);
      assert.equal(props['gmmCheck.dimensions'].maximum, LIMITS.dimensions.max);
    });
  });

  describe('4. linear extraction and chain checking', () => {
    // Time at 8n over time at n: about 8 when linear, 64 when quadratic. Each size is
    // timed three times and the best kept (the machine is shared); the bound allows noise
    // (before the fix: dots 56×, aligned rows 25×, chain links 22×, unmatched 52×).
    const growth = (make: (n: number) => string, n: number): number => {
      const best = (m: number) => {
        const text = make(m);
        let t = Infinity;
        for (let r = 0; r < 3; r++) {
          clearEvaluationCache();
          const t0 = performance.now();
          checkNote(text);
          t = Math.min(t, performance.now() - t0);
        }
        return t;
      };
      best(n);
      return best(8 * n) / Math.max(best(n), 50);
    };
    for (const [what, make, n] of [
      ['trailing dots', (m: number) => `$$x_i = x_i ${'.'.repeat(m)}$$`, 20_000],
      ['aligned rows', (m: number) => `$$\\begin{aligned}${Array(m).fill('x_i &= x_i').join(' \\\\\n')}\\end{aligned}$$`, 1250],
      ['chain links', (m: number) => `$$x_i ${'= x_i '.repeat(m)}$$`, 2500],
      ['unmatched \\begin/\\end', (m: number) => '\\begin{aligned} x \\\\ '.repeat(m) + '\n' + '$$ \\end{aligned} $$ '.repeat(m), 1000],
    ] as const) {
      it(`${what}: 8 times the input costs well under 64 times the time`, () => {
        // Measured again once when over the bound: a burst of load elsewhere on a shared machine
        // (or a collection of the earlier tests' garbage) lands on one run, not on two.
        let g = growth(make, n);
        if (g >= 40) g = Math.min(g, growth(make, n));
        console.log(`      ${what}: 8× the input, ${g.toFixed(1)}× the time`);
        // Quadratic is 64×; in the full suite (garbage from earlier tests, caches warm at n but
        // not at 8n) linear inputs were measured up to 28×.
        assert.ok(g < 40, `8× input took ${g.toFixed(1)}× the time`);
      });
    }
  });

  describe('5. caches are bounded by bytes', () => {
    it('a bounded cache never holds more than its byte budget, and keeps the recently used', () => {
      const c = new BoundedCache<string, string>(1000, (k, v) => k.length + v.length);
      for (let i = 0; i < 100; i++) c.set(`k${i}`, 'x'.repeat(90));
      assert.ok(c.heldBytes <= 1000 && c.size <= 11);
      c.get('k95');
      // Two generations of half the budget each: an entry just used survives at least a
      // generation's worth (5 entries here) of newer ones.
      for (let i = 100; i < 105; i++) c.set(`k${i}`, 'x'.repeat(90));
      assert.equal(c.get('k95'), 'x'.repeat(90));
      assert.equal(c.get('k0'), undefined);
      c.set('huge', 'x'.repeat(5000));
      assert.equal(c.get('huge'), undefined);
    });
  });

  describe('12, 13. rendering: formulas stay in their box, placeholders cannot be forged', () => {
    it('KaTeX caps sizes (maxSize) and every stylesheet clips a formula to its box', () => {
      const html = renderTex('\\kern-5em\\smash{\\color{white}\\rule[6.9em]{100em}{80em}}', false);
      for (const m of html.matchAll(/(?:width|height|border-right-width|border-top-width):\s*([\d.]+)em/g)) assert.ok(Number(m[1]) <= 10, m[0]);
      const clip = /\.katex\s*\{[^}]*overflow:\s*clip/;
      assert.match(readFileSync(join(__dirname, '../../../media/preview.css'), 'utf8'), clip);
      assert.match(renderReportPage([], { katexCss: '' }), clip);
    });
    it('math inside a link URL is restored, no private-use placeholder leaks into href', () => {
      const t = '[a]($x$) and [b](\\(y\\)) $x_i = x_i$\n';
      const html = renderBody(t, checkNote(t));
      assert.deepEqual(html.match(/href="[^"]*"/g), ['href="$x$"', 'href="\\(y\\)"']);
      assert.doesNotMatch(html, /[\uE000\uE001]|%EE%80%80/);
    });
    it('placeholder characters written in a note show no formula and no extra marker', () => {
      const t = 'Forged: \\\uE000\uE100\uE100 here. $x_i = 2x_i$\n\n$$\\gamma_{ik} = \\gamma_{ik}$$\n';
      const html = renderBody(t, checkNote(t));
      assert.equal(html.match(/class="katex"/g)?.length, 2);
      assert.equal(html.match(/class="gmm-marker/g)?.length, 2);
    });
  });

  describe('property: random notes finish within their budget', () => {
    const TEX = ['x_i', '\\mu_k', '\\Sigma_k', '\\gamma_{ik}', '\\pi_k', '=', '+', '-', '\\cdot', '^2', '^{-1}', '^{1/2}', '^\\top',
      '\\sum_{i=1}^N', '\\sum_{k=1}^K', '\\frac{\\partial}{\\partial \\mu_k}', '\\frac{\\partial^{3} \\mathcal{L}}{\\partial \\Sigma_k^{3}}',
      '\\mathcal{N}(x_i \\mid \\mu_k, \\Sigma_k)', '\\log', '\\det', '(', ')', '{', '}', '\\,', '.', '10^{12}', '0', '\\lambda'];
    const formula = fc.array(fc.constantFrom(...TEX), { minLength: 1, maxLength: 40 }).map((ts) => ts.join(' '));
    const note = fc.array(fc.oneof(formula.map((f) => `$$${f}$$`), formula.map((f) => `> $$${f}\n> = ${f}$$`), fc.constant('text .')), { maxLength: 6 })
      .map((ps) => ps.join('\n\n'));
    it('every check ends within the per-claim budget times its claims, with every claim decided or unchecked', () => {
      fc.assert(fc.property(note, fc.integer({ min: 0, max: 300 }), (text, seed) => {
        clearEvaluationCache();
        const t0 = performance.now();
        const r = checkNote(text, { seed, claimBudgetMs: 500 });
        const took = performance.now() - t0;
        assert.ok(took < 2000 + 500 * r.claims.length, `${took.toFixed(0)} ms for ${r.claims.length} claims`);
        for (const c of r.claims) assert.ok(c.verdict !== 'unchecked' || c.reason !== null);
      }), { numRuns: 60 });
    });
  });
});
