// Statements: what is blanked (with exact positions), how environments are
// split into rows, how rows and display regions are joined, and a snapshot of
// every region and statement of the five seed notes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { extractRegions } from '../../../src/core/extract/regions';
import { extractStatements, statementsOf } from '../../../src/core/extract/statements';
import type { Statement } from '../../../src/core/types';
import { lineOf, seed, seeds } from './helpers';

/** Every segment lies in the note and matches it except where blanked to spaces. */
function assertPositions(text: string, statements: Statement[]): void {
  for (const st of statements) {
    for (const seg of st.segments) {
      assert.ok(seg.start >= 0 && seg.start + seg.text.length <= text.length);
      for (let k = 0; k < seg.text.length; k++) {
        const c = seg.text[k];
        if (c !== ' ' && c !== '\n') assert.equal(c, text[seg.start + k], `offset ${seg.start + k}`);
      }
    }
  }
}

function statements(text: string): Statement[] {
  const out = extractStatements(text, extractRegions(text).regions);
  assertPositions(text, out);
  return out;
}

/** Each statement as its segments' text, whitespace collapsed, joined by " ⏎ ". */
function joined(st: Statement): string {
  return st.segments.map((s) => s.text.replace(/\s+/g, ' ').trim()).join(' ⏎ ');
}

function texts(text: string): string[] {
  return statements(text).map(joined);
}

describe('extractStatements', () => {
  it('points each segment at its text in the note', () => {
    const text = 'Intro\n$$\\begin{aligned} a &= b \\\\ &= c. \\end{aligned}$$\n';
    const [st] = statements(text);
    assert.equal(st.segments.length, 2);
    assert.equal(st.segments[0].text, 'a  = b');
    assert.equal(st.segments[0].start, text.indexOf('a &= b'));
    assert.equal(st.segments[1].text, '= c');
    assert.equal(st.segments[1].start, text.indexOf('= c.'));
    assert.equal(st.continued, true);
  });

  it('blanks \\text and friends, but not names in scripts or before "("', () => {
    assert.deepEqual(texts('$$\\theta_{\\text{ML}} = x \\textbf{bold}$$'), ['\\theta_{\\text{ML}} = x']);
    assert.deepEqual(texts('$$\\pi_k^{\\text{new}} = \\frac{N_k}{N}$$'), ['\\pi_k^{\\text{new}} = \\frac{N_k}{N}']);
    assert.deepEqual(texts('$$x_\\text{a} = \\text{softmax}(\\alpha_k)$$'), ['x_\\text{a} = \\text{softmax}(\\alpha_k)']);
    assert.deepEqual(texts('$$\\mbox{so} \\ a = b$$'), ['a = b']);
  });

  it('blanks spacing, &, \\tag, \\label, \\nonumber and trailing punctuation', () => {
    const text = '$$\\begin{align} a &= b\\,c \\; d \\! e \\ f \\label{eq:1} \\nonumber, \\\\ g &= h \\tag{2}. \\end{align}$$';
    const st = statements(text);
    // Thin spaces stay for the parser: they end an operator's argument (\det A \, B).
    assert.deepEqual(st.map(joined), ['a = b\\,c \\; d \\! e f', 'g = h']);
  });

  it('blanks step labels and \\bullet at the start of a row', () => {
    assert.deepEqual(texts('$$\\begin{gather} 1. a = b \\\\ (2) c = d \\\\ 1.5 = e \\end{gather}$$'), ['a = b', 'c = d', '1.5 = e']);
    assert.deepEqual(texts('$$\\bullet \\sum_i x_i$$'), ['\\sum_i x_i']);
  });

  it('splits a row at \\quad or prose that follows math', () => {
    const st = statements('$$r_1 + r_2 = 1 \\quad \\text{for each } i.$$');
    assert.deepEqual(st.map((s) => [joined(s), s.prose]), [['r_1 + r_2 = 1', false], ['i', true]]);
    assert.deepEqual(texts('$$a = b, \\quad k = 1, \\dots, K.$$'), ['a = b', 'k = 1, \\dots, K']);
    assert.deepEqual(texts('$$x = 1 \\quad - (4)$$'), ['x = 1']);
    assert.deepEqual(texts('$$a = b \\rightarrow (\\text{hard to prove})$$'), ['a = b']);
  });

  it('keeps \\\\ and & of matrices and cases, and splits only row-level environments', () => {
    const st = texts('$$\\begin{aligned} A &= \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix} \\\\ B &= \\begin{cases} 1 & x \\\\ 0 & y \\end{cases} \\end{aligned}$$');
    assert.deepEqual(st, ['A = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}', 'B = \\begin{cases} 1 & x \\\\ 0 & y \\end{cases}']);
    assert.deepEqual(texts('$$\\left( a \\\\ b \\right) = c$$'), ['\\left( a \\\\ b \\right) = c']);
    assert.deepEqual(texts('$$a = b \\\\ c = d$$'), ['a = b', 'c = d']);
  });

  it('joins a row starting with a relation to the chain, skipping prose-introduced rows', () => {
    const st = statements('$$\\begin{gather} a = b \\\\ \\text{Using a rule,} f = g: \\\\ = c \\\\ \\leq d \\end{gather}$$');
    assert.deepEqual(st.map((s) => [joined(s), s.continued, s.prose]), [
      ['a = b ⏎ = c ⏎ \\leq d', true, false],
      ['f = g', false, true],
    ]);
  });

  it('joins a row starting with an operator or \\left. to the previous expression', () => {
    const st = texts('$$\\begin{aligned} a &= \\left[ b \\right. \\\\ &\\quad \\left. + c \\right] \\\\ &\\quad \\cdot d \\\\ - e &= f \\end{aligned}$$');
    assert.deepEqual(st, ['a = \\left[ b \\right. ⏎ \\left. + c \\right] ⏎ \\cdot d', '- e = f']);
  });

  it('joins rows while a bracket opened on one closes on a later one, keeping the commas', () => {
    const st = texts('$$\\begin{aligned} a &= (b, \\\\ &\\quad c, \\\\ &\\quad d)^T \\\\ e &= [f \\\\ &\\quad g]. \\\\ h &= i \\end{aligned}$$');
    assert.deepEqual(st, ['a = (b, ⏎ c, ⏎ d)^T', 'e = [f ⏎ g]', 'h = i']);
  });

  it('does not split a row at prose inside bars (|\\text{…} - y|), only between formulas', () => {
    assert.deepEqual(texts('$$ |\\text{"e"} - y_1|^2 + |\\text{"l"} - y_1|^2 $$'), ['| - y_1|^2 + | - y_1|^2']);
    assert.deepEqual(texts('$$ a = b \\text{ for } |x| < 1 $$'), ['a = b', '|x| < 1']);
  });

  it('keeps rows apart when an open bracket never closes, or a row closes more than is open', () => {
    assert.deepEqual(texts('$$\\begin{aligned} a &= (b \\\\ c &= d \\\\ e &= f \\end{aligned}$$'), ['a = (b', 'c = d', 'e = f']);
    assert.deepEqual(texts('$$\\begin{aligned} a &= (b \\\\ c &= d)) \\end{aligned}$$'), ['a = (b', 'c = d))']);
  });

  it('blanks a position option ([t]) after \\begin, but keeps a bracket that starts the first row', () => {
    assert.deepEqual(texts('$$\\begin{aligned}[t] a &= b \\\\ &= c \\end{aligned}$$'), ['a = b ⏎ = c']);
    assert.deepEqual(texts("$$\\begin{align}[\\sum_i a_i]' \\\\ &= b \\end{align}$$"), ["[\\sum_i a_i]' ⏎ = b"]);
  });

  it('starts a new statement at \\Leftrightarrow, \\iff, \\Rightarrow, \\implies', () => {
    assert.deepEqual(texts('$$\\begin{aligned} a &= b \\\\ \\Leftrightarrow c &= d \\\\ \\implies e &= f \\end{aligned}$$'), [
      'a = b', '\\Leftrightarrow c = d', '\\implies e = f',
    ]);
  });

  it('lets a prose-only row introduce the next row, but not a numbered one', () => {
    const st = statements('$$\\begin{gather} \\text{We have:} \\\\ a = b \\\\ 1. \\text{Step} \\\\ c = d \\end{gather}$$');
    assert.deepEqual(st.map((s) => [joined(s), s.prose]), [['a = b', true], ['c = d', false]]);
  });

  it('continues the last chain of the previous display region, not across inline math', () => {
    const text = '$$a = b$$\n\nso $x$ and\n\n$$= c$$\n\n$$= d$$\n\nthen $= e$';
    const st = statements(text);
    assert.deepEqual(st.map(joined), ['a = b ⏎ = c ⏎ = d', 'x', '= e']);
    assert.equal(st[0].continued, true);
    const regions = extractRegions(text).regions;
    assert.deepEqual(statementsOf(text, regions[2]).map(joined), ['= c'], 'statementsOf does not join across regions');
  });

  it('never throws on random LaTeX and keeps segments inside the note', () => {
    const piece = fc.constantFrom(
      '\\\\', '&', '\\text{a}', '{', '}', '_', '^', '=', '+', '\\left.', '\\right)', '\\begin{aligned}', '\\end{aligned}',
      '\\begin{bmatrix}', '\\end{bmatrix}', '\\quad', '1.', '(2)', '.', ',', '\\', ' ', '\n', 'x', '%', '(', ')', '\\tag{', '\\rightarrow',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((a) => `$$${a.join('')}$$`), (text) => {
        statements(text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('statements of the seed notes', () => {
  const at = (text: string, st: Statement[]) => st.map((s) => ({ lines: s.segments.map((g) => lineOf(text, g.start)), s }));

  it('seed 000 line 36: three rows of aligned, three statements', () => {
    const text = seed('000');
    const rows = at(text, statements(text)).filter((x) => x.lines[0] === 36);
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => joined(r.s).startsWith('\\frac{\\partial \\mathcal{L}}{\\partial \\mu_k} =')));
  });

  it('seed 001: line 65 continues line 62 (past the prose row 63), 66 and 67 follow', () => {
    const text = seed('001');
    const all = at(text, statements(text));
    const chain = all.find((x) => x.lines[0] === 62);
    assert.deepEqual(chain?.lines, [62, 65, 66, 67]);
    assert.equal(chain?.s.continued, true);
    assert.equal(chain?.s.prose, false);
    const aside = all.find((x) => x.lines[0] === 63);
    assert.equal(aside?.s.prose, true);
    assert.equal(joined(aside!.s), "\\frac{d}{dx} e^{f(x)} = f'(x)e^{f(x)}");
  });

  it('seed 001 line 109: three regions, three statements', () => {
    const text = seed('001');
    assert.equal(at(text, statements(text)).filter((x) => x.lines[0] === 109).length, 3);
  });

  it('seed 003 lines 298 and 310: rows after "\\\\ &\\quad \\left. +" and "\\cdot" are joined', () => {
    const text = seed('003');
    const all = at(text, statements(text));
    const s298 = all.filter((x) => x.lines[0] === 298);
    assert.equal(s298.length, 1);
    assert.equal(s298[0].s.segments.length, 3);
    assert.match(s298[0].s.segments[2].text, /^\\left\. \+ \\det/);
    const s310 = all.filter((x) => x.lines[0] === 310);
    assert.equal(s310.length, 1);
    assert.equal(s310[0].s.segments.length, 5);
    assert.match(s310[0].s.segments[2].text, /^\\cdot \\left\[/);
  });

  it('seed 004: line 25 continues line 23, line 85 continues line 83', () => {
    const text = seed('004');
    const all = at(text, statements(text));
    assert.deepEqual(all.find((x) => x.lines[0] === 23)?.lines, [23, 25]);
    assert.deepEqual(all.find((x) => x.lines[0] === 83)?.lines, [83, 85]);
    assert.ok(!all.some((x) => x.lines[0] === 25 || x.lines[0] === 85));
  });

  it('matches the snapshot of every region and statement (UPDATE_SNAPSHOT=1 rewrites it)', () => {
    const lines: string[] = [];
    for (const { name, text } of seeds()) {
      const { regions } = extractRegions(text);
      const sts = statements(text);
      lines.push(`# ${name}: ${regions.length} regions, ${sts.length} statements`);
      for (const r of regions) lines.push(`region ${r.index} ${r.delimiter} lines ${r.line}-${r.endLine}`);
      for (const s of sts) {
        const where = s.segments.map((g) => lineOf(text, g.start)).join('+');
        const flags = `${s.continued ? ' continued' : ''}${s.prose ? ' prose' : ''}`;
        lines.push(`statement r${s.regionIndex} L${where}${flags}: ${joined(s)}`);
      }
      lines.push('');
    }
    const file = join(__dirname, 'seeds.snapshot.txt');
    const actual = lines.join('\n');
    if (process.env.UPDATE_SNAPSHOT || !existsSync(file)) writeFileSync(file, actual);
    assert.equal(actual, readFileSync(file, 'utf8'));
  });
});
