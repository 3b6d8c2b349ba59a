// `npm run bench`: performance figures of this machine, printed as a table with
// their targets. Not part of `npm test`, asserts nothing.
//   1. parse time per math piece of the seed notes: ours, KaTeX's parser, the
//      Compute Engine's LaTeX parser, SymPy's parse_latex (when python3 has it);
//   2. full check time per seed note with nothing cached: in the shipped (minified esbuild)
//      bundle, median of 100 after 100 warm-up checks (bench/shipped.ts: V8 is still
//      optimising for tens of checks; the first check and the first twenty are printed too),
//      and through tsx
//      (5 warm-up runs, then the median of 15);
//   3. the same for a generated long note of ≥ 2,000 claims (bench/longnote.ts);
//   4. peak memory of the CLI on the long note; size of the VSIX;
//   5. in the real VS Code of the test harness, for seed 003 and for the long
//      note (≥ 5,000 lines), each with an edit point at the top: keystroke →
//      ✓/✗ in our preview and keystroke → re-render of VS Code's built-in
//      Markdown preview (our markers off) for the same edits, and their ratio;
//      keystroke → character drawn while checks run (median, p95); open →
//      first diagnostics of every seed note; activation.
// Env: GMM_BENCH_ECHO_ONLY=1 (in VS Code only the typing figures), GMM_BENCH_NO_BUILD=1 (use dist/ as it is), GMM_BENCH_SKIP_VSCODE=1,
//      GMM_BENCH_ONLY_VSCODE=1 (skip 1–4), GMM_BENCH_OPEN_ONLY=1 (in VS Code only activation and open → first diagnostics),
//      GMM_BENCH_SKIP_SYMPY=1 (SymPy takes about a minute).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkNote } from '../src/core/check';
import { clearEvaluationCache } from '../src/core/check/claims';
import { renderNoteBody } from '../src/core/render/html';
import { buildLongNote, EDIT_BLOCK, EDIT_HEADING, EDIT_MARKER } from './longnote';
import { editCases, timeEdit } from './incremental';
import {
  collectPieces, computeEngineParse, katexParse, loadComputeEngine, median, oursUncached, timeCorpusApart, timePasses,
  timeSideBySide, timeSympy,
  type Timing,
} from './pieces';
import { RUNS, SHIPPED_PROCESSES, WARM, timeShipped, type ShippedTiming } from './shipped';
import { benchVscode, BUILTIN_WAIT_MS } from './vscode';

const root = path.resolve(__dirname, '..');
const examples = path.join(root, 'examples');
const rows: Array<[string, string, string]> = [];
const notes: string[] = [];

function say(msg: string): void {
  console.log(`[bench] ${msg}`);
}
function row(figure: string, value: string, target = ''): void {
  rows.push([figure, value, target]);
  say(`${figure}: ${value}${target ? `   (target: ${target})` : ''}`);
}
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms';
/** The p-quantile (nearest rank) of the values. */
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? NaN;
}
const us = (t: Timing): string => `${t.perPieceUs.toFixed(1)} µs/piece (${t.errors} rejected, median of ${t.runs})`;

function machine(): string[] {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  return [
    `CPU: ${model}, ${os.cpus().length} cores; ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; ${os.type()} ${os.release()}`,
    `Node ${process.version}; load average at start: ${load}`,
  ];
}

/**
 * Median check time after `warm` runs. The checker keeps evaluation results and
 * the claims of chains across checks (keyed by text): `fresh` clears them before every run (the
 * cost of checking the note's claims), otherwise the runs re-check unchanged
 * text (what a re-check after an unrelated edit costs). Parses stay kept.
 */
function timeCheck(text: string, warm: number, runs: number, fresh: boolean): number {
  return checkTimes(text, warm, runs, fresh).median;
}

/** The median and the fastest of the runs (on a shared machine the fastest is the nearest to an idle one). */
function checkTimes(text: string, warm: number, runs: number, fresh: boolean): { median: number; best: number } {
  for (let i = 0; i < warm; i++) {
    if (fresh) clearEvaluationCache();
    checkNote(text);
  }
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (fresh) clearEvaluationCache();
    const t0 = performance.now();
    checkNote(text);
    t.push(performance.now() - t0);
  }
  return { median: median(t), best: Math.min(...t) };
}

/** Peak RSS of `node dist/cli.js file` (process.resourceUsage().maxRSS, reported by a preload at exit). */
function cliPeak(file: string): { maxRssMiB: number; wallMs: number } | string {
  const preload = path.join(os.tmpdir(), `gmm-bench-rss-${process.pid}.js`);
  fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write('GMM_MAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));\n");
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', preload, path.join(root, 'dist', 'cli.js'), '--format', 'json', file],
      { encoding: 'utf8', maxBuffer: 1 << 28 });
    const wallMs = performance.now() - t0;
    const kb = /GMM_MAXRSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1];
    if (!kb) return `no figure (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').pop() ?? ''}`;
    return { maxRssMiB: Number(kb) / 1024, wallMs };
  } finally {
    fs.rmSync(preload, { force: true });
  }
}

/** 1. and 2.: parsers, seed notes. */
async function coreFigures(): Promise<void> {
  // 1. Parsers on the same pieces.
  const pieces = collectPieces(examples);
  say(`${pieces.length} math pieces in ${fs.readdirSync(examples).filter((f) => f.endsWith('.md')).length} seed notes`);
  // Side by side, each pass after a full garbage collection; ours without its cache of parses (KaTeX keeps nothing).
  const { ours: oursT, katex: katexT } = timeSideBySide(pieces, { ours: oursUncached, katex: katexParse });
  row('parse: ours', us(oursT), '≤ KaTeX');
  row('parse: KaTeX __parse', us(katexT));
  row('parse: ours / KaTeX', `${(oursT.perPieceUs / katexT.perPieceUs).toFixed(2)}×`, '≤ 1.00×');
  // 1b. The real-formula corpus beside the repository (issue 9): every KaTeX-accepted formula.
  const corpusFile = process.env.GMM_FORMULAS ?? path.join(root, '..', 'shared', 'formulas', 'formulas.jsonl');
  const c = timeCorpusApart(corpusFile);
  if (c === null) {
    row('parse, formula corpus', `skipped: ${corpusFile} is absent`);
  } else if (typeof c === 'string') {
    row('parse, formula corpus', `failed: ${c}`);
  } else {
    row(`parse, ${c.formulas} corpus formulas: ours / KaTeX total (fresh process, ${c.passes} alternating passes)`,
      `${c.totalMs.ours.toFixed(0)} ms / ${c.totalMs.katex.toFixed(0)} ms (${(c.totalMs.ours / c.totalMs.katex).toFixed(2)}×; ` +
      `median of the passes' own ratios ${c.passRatio.toFixed(2)}×)`, '≤ 1.00×');
    row('parse, corpus: ours / KaTeX median per formula', `${c.medianUs.ours.toFixed(1)} µs / ${c.medianUs.katex.toFixed(1)} µs (${(c.medianUs.ours / c.medianUs.katex).toFixed(2)}×)`, '≤ 1.00×');
  }
  const ce = await loadComputeEngine();
  if (typeof ce === 'string') {
    row('parse: Compute Engine', `skipped: ${ce}`);
  } else {
    // The Compute Engine prints its complaints about some pieces; keep them out of the report.
    const saved = [console.log, console.warn, console.error] as const;
    let complaints = 0;
    console.log = console.warn = console.error = () => { complaints++; };
    try {
      const ceT = timePasses(pieces, computeEngineParse(ce, true), 1, 3);
      row('parse: Compute Engine parse()', us(ceT));
    } finally {
      [console.log, console.warn, console.error] = saved;
    }
    if (complaints) notes.push(`The Compute Engine printed ${complaints} messages while parsing (silenced).`);
    const ceVersion = (JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@cortex-js', 'compute-engine', 'package.json'), 'utf8')) as { version: string }).version;
    notes.push(`Compute Engine ${ceVersion} (the newest release for Node 20; later ones need Node ≥ 22.3), default (canonical) parse.`);
  }
  if (process.env.GMM_BENCH_SKIP_SYMPY === '1') {
    row('parse: SymPy parse_latex', 'skipped (GMM_BENCH_SKIP_SYMPY=1)');
  } else {
    const sy = timeSympy(pieces, 3);
    if (typeof sy === 'string') row('parse: SymPy parse_latex', `skipped: ${sy}`);
    else row(`parse: SymPy ${sy.version} parse_latex (${sy.backend})`, us(sy));
  }

  // 2. Seed notes: in the code the VSIX ships (bench/shipped.ts, a process of its own), then through tsx.
  const seedFiles = fs.readdirSync(examples).filter((n) => n.endsWith('.md')).sort();
  // Several processes: on a shared 2-core machine one process's median moves by a third from
  // minute to minute (the same bundle gave seed 003 medians of 12–21 ms in nine processes), so
  // the figure is the median of the processes' medians, with their range beside it.
  const shipped = timeShipped(seedFiles.map((f) => path.join(examples, f)), WARM, RUNS, SHIPPED_PROCESSES);
  if (typeof shipped === 'string') notes.push(`no figure for the shipped bundle: ${shipped}`);
  for (const f of seedFiles) {
    const text = fs.readFileSync(path.join(examples, f), 'utf8');
    const claims = checkNote(text).claims.length;
    const bs = typeof shipped === 'string' ? [] : shipped.map((m) => m.get(path.join(examples, f))).filter((b): b is ShippedTiming => b !== undefined);
    if (bs.length) {
      const medians = bs.map((b) => b.median);
      row(`check: ${f.slice(0, 3)} (${claims} claims), shipped bundle, nothing cached`,
        `${ms(median(medians))} (median of ${bs.length} processes' medians, which range ${ms(Math.min(...medians))}–${ms(Math.max(...medians))}; fastest run ${ms(Math.min(...bs.map((b) => b.best)))})`, '< 10 ms');
      row(`check: ${f.slice(0, 3)}, shipped bundle, its first check in the process (parse included) / median of its first 20`,
        `${ms(median(bs.map((b) => b.first)))} / ${ms(median(bs.map((b) => b.early)))} (medians of the ${bs.length} processes)`);
    }
    const cold = checkTimes(text, 5, 15, true);
    row(`check: ${f.slice(0, 3)} (${claims} claims), sources via tsx`,
      `${ms(cold.median)} warm (fastest run ${ms(cold.best)}); unchanged re-check ${ms(timeCheck(text, 5, 15, false))}`);
  }
  // 2b. What a keystroke costs the worker: the re-check right after the text before the edit (issue 13).
  const seed3 = fs.readdirSync(examples).find((n) => n.startsWith('003'));
  if (seed3) {
    for (const c of editCases(fs.readFileSync(path.join(examples, seed3), 'utf8'), 'seed 003').slice(1)) row(`re-check, ${c.name}`, ms(timeEdit(c, 5)));
  }

}

/** 3. and 4.: the long note, CLI memory, VSIX size. */
function longNoteFigures(long: ReturnType<typeof buildLongNote>): void {
  // 3. Long note.
  say(`long note: ${long.copies} copies of seeds 000 + 002, ${long.lines} lines, ${(long.text.length / 1024).toFixed(0)} KiB, ` +
    `${long.claims} claims (${long.summary.pass} pass, ${long.summary.fail} fail, ${long.summary.unchecked} unchecked)`);
  if (long.dropped.length) notes.push(`renamings dropped because they changed verdicts: ${long.dropped.join(' ')}`);
  row(`check: long note (${long.claims} claims)`,
    `${ms(timeCheck(long.text, 5, 5, true))} warm; unchanged re-check ${ms(timeCheck(long.text, 3, 5, false))}`, '< 1 s');
  for (const c of editCases(long.text, 'long note').slice(1)) row(`re-check, ${c.name}`, ms(timeEdit(c, 3)));
  {
    // What the preview does with each new result: the whole note to HTML (KaTeX), in the extension host.
    const report = checkNote(long.text);
    const t: number[] = [];
    let size = 0;
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      size = renderNoteBody(long.text, report).length;
      t.push(performance.now() - t0);
    }
    row('render: long note → preview HTML', `${ms(median(t.slice(1)))} (${(size / 2 ** 20).toFixed(1)} MiB of HTML; median of 3 after 1)`);
  }
  notes.push('check times: median after 5 warm-up runs (15 runs per seed note, 5 for the long note); "warm" clears the ' +
    'evaluation results and chain claims the checker keeps between checks before each run, "unchanged re-check" keeps them; ' +
    '"re-check, …" times the check of the edited text right after the text before the edit (and back), median of the runs.');

  // 4. CLI memory, VSIX size.
  const longFile = path.join(os.tmpdir(), `gmm-bench-long-${process.pid}.md`);
  fs.writeFileSync(longFile, long.text);
  const peak = cliPeak(longFile);
  fs.rmSync(longFile, { force: true });
  row('CLI peak memory, long note', typeof peak === 'string' ? peak : `${peak.maxRssMiB.toFixed(0)} MiB max RSS (run took ${ms(peak.wallMs)}, cold)`);
  const vsix = path.join(root, 'gmm-derivation-checker.vsix');
  if (!fs.existsSync(vsix)) {
    say('packaging the VSIX (npm run package)');
    spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
  }
  row('VSIX size', fs.existsSync(vsix)
    ? `${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB (${path.basename(vsix)}, built ${fs.statSync(vsix).mtime.toISOString()})`
    : 'no VSIX (npm run package failed)');

}

async function main(): Promise<void> {
  const header = machine();
  for (const l of header) say(l);
  if (process.env.GMM_BENCH_NO_BUILD !== '1') {
    say('building dist/ (node scripts/build.mjs)');
    const b = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('build failed');
  }

  const openOnly = process.env.GMM_BENCH_OPEN_ONLY === '1';
  const onlyVscode = process.env.GMM_BENCH_ONLY_VSCODE === '1' || openOnly;
  if (!onlyVscode) await coreFigures();
  const long = buildLongNote(examples, 2000, 5000);
  if (!onlyVscode) longNoteFigures(long);

  // 5. VS Code.
  if (process.env.GMM_BENCH_SKIP_VSCODE === '1') {
    row('VS Code', 'skipped (GMM_BENCH_SKIP_VSCODE=1)');
  } else {
    const seedFiles = fs.readdirSync(examples).filter((n) => n.endsWith('.md')).sort().map((n) => path.join(examples, n));
    const seed003 = seedFiles.find((f) => path.basename(f).startsWith('003'));
    const notesToTime: Array<{ name: string; text: string }> = [];
    if (seed003 && process.env.GMM_BENCH_ONLY_LONG !== '1') notesToTime.push({ name: 'seed 003', text: `${EDIT_BLOCK}\n${fs.readFileSync(seed003, 'utf8')}` });
    if (process.env.GMM_BENCH_NO_LONG !== '1' && !openOnly) notesToTime.push({ name: `long note (${long.lines} lines)`, text: long.text });
    for (const [n, note] of notesToTime.entries()) {
      try {
        const fails = checkNote(note.text).summary.fail;
        const v = await benchVscode(note.text, EDIT_MARKER, fails, n === 0 ? seedFiles : [], EDIT_HEADING);
        if (n === 0) {
          row(`VS Code ${v.vscodeVersion}: activation`, `${ms(v.activationMs)} (ext.activate()${v.wasActive ? ', was already active!' : ''})`);
          for (const [f, t] of Object.entries(v.firstDiagnosticsMs)) {
            const o = v.openTimesMs[f];
            // Up to the open event VS Code opens the document; from it on the time is the extension's (the check and its publishing).
            const parts = o && Number.isFinite(o.event) && Number.isFinite(t)
              ? ` (open event after ${ms(o.event)}, editor shown after ${ms(o.shown)}; from the open event ${ms(t - o.event)}` +
                `${Number.isFinite(o.settled) && o.settled > t + 1 ? `; complete after ${ms(o.settled)}` : '; complete'})` : '';
            row(`VS Code: open → first diagnostics, ${f.slice(0, 3)}`, Number.isFinite(t) ? `${ms(t)}${parts}` : 'no diagnostics event', '< 1 s');
          }
        }
        if (openOnly) continue;
        const ours = median(v.keyToPreviewMs);
        if (v.keyToPreviewMs.length) {
          const builtin = median(v.builtinMs);
          row(`VS Code: keystroke → ✓/✗ in our preview, ${note.name}`, `median ${ms(ours)}, max ${ms(Math.max(...v.keyToPreviewMs))} (${v.keyToPreviewMs.length} edits)`);
          if (!v.builtinMs.length) {
            row(`VS Code: keystroke → built-in preview re-render, ${note.name}`, `not measured (no re-render within ${BUILTIN_WAIT_MS / 1000} s)`);
          } else {
            row(`VS Code: keystroke → built-in preview re-render, ${note.name}`,
              `median ${ms(builtin)}, max ${ms(Math.max(...v.builtinMs))} (${v.builtinMs.length === v.keyToPreviewMs.length ? 'same edits' : `the first ${v.builtinMs.length} of the same edits`}` +
              `${v.builtinWithoutMarkers ? ', our markers off' : ', our markers on: no setting to turn them off'})`);
            row(`VS Code: ratio ours / built-in, ${note.name}`, `${(ours / builtin).toFixed(2)}×`, '≤ 1.00×');
          }
        }
        row(`VS Code: open our preview → shown, ${note.name}`, ms(v.firstPreviewMs));
        row(`VS Code: open our preview → whole note in it, ${note.name}`, ms(v.completePreviewMs));
        const echo = (xs: number[]) => `median ${ms(median(xs))}, p95 ${ms(percentile(xs, 0.95))}, max ${ms(Math.max(...xs))} (${xs.length} keys, one per ${v.echoGapMs} ms)`;
        row(`VS Code: keystroke → drawn, control: no preview, checkOn command, ${note.name}`, echo(v.echoIdleMs));
        row(`VS Code: keystroke → drawn, control: no preview, checks on, ${note.name}`, echo(v.echoChecksMs));
        row(`VS Code: keystroke → drawn, our preview open, ${note.name}`, echo(v.echoMs), 'p95 < 50 ms');
        const traced = { idle: 'no preview, checkOn command', checks: 'no preview, checks on', preview: 'our preview open' };
        for (const [k, what] of Object.entries(traced)) for (const l of v.echoTrace[k] ?? []) notes.push(`${note.name}, typing, ${what}: ${l}`);
      } catch (e) {
        row(`VS Code, ${note.name}`, `not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
  }

  // Table.
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log('\n=== GMM Derivation Checker benchmark ===');
  for (const l of header) console.log(l);
  console.log(`load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}\n`);
  console.log(`${'figure'.padEnd(w0)} | ${'value'.padEnd(w1)} | target`);
  console.log(`${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|-------`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c}`);
  for (const n of notes) console.log(`note: ${n}`);
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error('[bench] failed:', e);
  process.exit(1);
});
