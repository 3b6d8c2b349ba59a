// Shared pieces of the CLI tests: a fake checker driven by markers in the
// note text, an in-memory CliIO, temp folders, and a validator for the JSON
// document of the CLI contract (DESIGN.md) that the tests run on main()'s
// output.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliDeps, CliIO } from '../../../src/cli/main';
import type { NotePool, PoolResult } from '../../../src/cli/pool';
import { NO_READING } from '../../../src/core/check/reading';
import type { Claim, CheckOptions, NoteReport, Verdict } from '../../../src/core/types';

export function claim(over: Partial<Claim> & { verdict: Verdict }): Claim {
  return {
    line: 1,
    endLine: over.line ?? 1,
    column: 0,
    kind: 'step',
    lhs: 'a',
    rhs: 'b',
    relation: '=',
    reason: over.verdict === 'unchecked' ? 'unsupported' : null,
    message: over.verdict === 'pass' ? 'agrees at 5 random GMM instances' : 'differs',
    lhsSpan: { start: 0, end: 1 },
    rhsSpan: { start: 2, end: 3 },
    culprit: { start: 0, end: 3 },
    regionIndex: 0,
    ...over,
  };
}

export function report(claims: Claim[]): NoteReport {
  const summary = { pass: 0, fail: 0, unchecked: 0 };
  for (const c of claims) summary[c.verdict]++;
  return { regions: [], claims, issues: [], summary, model: { K: 2, D: 1, description: '1-D, K = 2' }, reading: NO_READING };
}

/**
 * A checker that reads markers from the note: every line starting with
 * `pass`, `fail` or `unchecked` becomes one claim at that line (column = the
 * marker's indentation); a line `throw` makes the checker throw.
 */
export function fakeCheckNote(text: string, _options?: CheckOptions): NoteReport {
  const claims: Claim[] = [];
  text.split('\n').forEach((raw, i) => {
    const m = /^(\s*)(pass|fail|unchecked|throw)\b\s*(.*)$/.exec(raw);
    if (m === null) return;
    if (m[2] === 'throw') throw new Error('boom in the checker');
    const verdict = m[2] as Verdict;
    claims.push(claim({
      verdict,
      line: i + 1,
      endLine: i + 1,
      column: m[1].length,
      lhs: `x_{${i + 1}}`,
      rhs: m[3] || 'y',
      message: `${verdict} at line ${i + 1}`,
      reason: verdict === 'unchecked' ? 'condition' : null,
      ...(verdict === 'fail' ? { cause: 'a factor of 2' } : {}),
    }));
  });
  return report(claims);
}

export interface MemoryIO extends CliIO {
  out: string;
  err: string;
}

export function memoryIO(): MemoryIO {
  const io: MemoryIO = {
    out: '',
    err: '',
    stdout: (s) => { io.out += s; },
    stderr: (s) => { io.err += s; },
  };
  return io;
}

export interface FakeDeps extends CliDeps {
  written: Map<string, string>;
  checked: { text: string; options: CheckOptions }[];
  /** Sizes of the pools main() asked for (--jobs above 1). */
  pools: number[];
}

/**
 * A pool that runs `check` (the fake checker) after a delay that depends on
 * the text, so notes finish out of order, with at most `size` at once; a
 * thrown error becomes the pool's error answer, as in the real threads.
 */
export function fakePool(size: number, check: (text: string, options: CheckOptions) => NoteReport): NotePool & { maxBusy: number } {
  let busy = 0;
  const pool = {
    maxBusy: 0,
    async check(text: string, options: CheckOptions): Promise<PoolResult> {
      busy++;
      pool.maxBusy = Math.max(pool.maxBusy, busy);
      assert.ok(busy <= size, `at most ${size} notes at once`);
      let h = 0;
      for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 9973;
      await new Promise((r) => setTimeout(r, h % 7));
      busy--;
      try {
        return { ok: true, report: check(text, options) };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
    },
    async close(): Promise<void> {},
  };
  return pool;
}

export function fakeDeps(over: Partial<CliDeps> = {}): FakeDeps {
  const written = new Map<string, string>();
  const checked: { text: string; options: CheckOptions }[] = [];
  const pools: number[] = [];
  const checkNote = (text: string, options: CheckOptions): NoteReport => {
    checked.push({ text, options });
    return fakeCheckNote(text, options);
  };
  return {
    written,
    checked,
    pools,
    checkNote,
    createPool: (size) => {
      pools.push(size);
      return fakePool(size, (text, options) => (over.checkNote ?? checkNote)(text, options));
    },
    cores: () => 1,
    now: () => 0,
    renderReportPage: (files, opts) =>
      `<html><style>${opts.katexCss}</style>${files.map((f) => `<section>${f.path}</section>`).join('')}</html>`,
    loadKatexCss: () => '.katex{}',
    writeFile: async (file, text) => { written.set(file, text); },
    ...over,
  };
}

/** A fresh temp folder; call the returned cleanup in after(). */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gmm-check-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const KINDS = ['definition', 'step', 'gradient', 'update', 'identity', 'condition', 'numeric'];
const REASONS = ['parse-error', 'unknown-symbol', 'abstract-function', 'condition', 'unsupported', 'not-an-equation'];
const VERDICTS = ['pass', 'fail', 'unchecked'];

/** Assert that `doc` is the JSON document of the CLI contract (DESIGN.md), field by field. */
export function assertJsonContract(doc: unknown): void {
  assert.ok(isObject(doc), 'document is an object');
  assert.equal(doc.version, 1, 'version is 1');
  assert.ok(Array.isArray(doc.files), 'files is an array');
  for (const f of doc.files as unknown[]) {
    assert.ok(isObject(f), 'file entry is an object');
    assert.equal(typeof f.path, 'string', 'file.path is a string');
    assert.ok(Array.isArray(f.claims), 'file.claims is an array');
    const counted = { pass: 0, fail: 0, unchecked: 0 };
    for (const c of f.claims as unknown[]) {
      assert.ok(isObject(c), 'claim is an object');
      const where: string = `${String(f.path)} claim ${JSON.stringify(c)}`;
      for (const key of ['line', 'endLine', 'column']) {
        assert.ok(Number.isInteger(c[key]), `${key} is an integer: ${where}`);
      }
      assert.ok((c.line as number) >= 1, `line >= 1: ${where}`);
      assert.ok((c.endLine as number) >= (c.line as number), `endLine >= line: ${where}`);
      assert.ok((c.column as number) >= 0, `column >= 0: ${where}`);
      assert.ok(KINDS.includes(c.kind as string), `kind is one of ${KINDS.join('/')}: ${where}`);
      assert.equal(typeof c.lhs, 'string', `lhs is a string: ${where}`);
      assert.equal(typeof c.rhs, 'string', `rhs is a string: ${where}`);
      assert.ok(VERDICTS.includes(c.verdict as string), `verdict: ${where}`);
      assert.equal(typeof c.message, 'string', `message is a string: ${where}`);
      assert.ok('reason' in c, `reason is present: ${where}`);
      if (c.verdict === 'unchecked') {
        assert.ok(REASONS.includes(c.reason as string), `unchecked has a reason code: ${where}`);
      } else {
        assert.equal(c.reason, null, `reason is null when checked: ${where}`);
      }
      if ('cause' in c) assert.equal(typeof c.cause, 'string', `cause is a string: ${where}`);
      counted[c.verdict as Verdict]++;
    }
    assert.ok(isObject(f.summary), 'summary is an object');
    assert.deepEqual(
      { pass: f.summary.pass, fail: f.summary.fail, unchecked: f.summary.unchecked },
      counted,
      `summary counts the claims of ${String(f.path)}`,
    );
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
