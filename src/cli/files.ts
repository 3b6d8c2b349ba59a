// Turns the command line's PATHs into the list of notes to check and reads
// them. This is the only part of the CLI that touches the file system for
// input; a path that cannot be used becomes a PathProblem (reported, exit 2)
// instead of stopping the run, so one bad path never hides the other notes.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

export interface PathProblem {
  /** The path as given on the command line or found in a folder. */
  path: string;
  message: string;
}

export interface ExpandedPaths {
  /** Files to check, in command-line order; each folder's files sorted. */
  files: string[];
  problems: PathProblem[];
  /** Non-fatal remarks, e.g. a folder without markdown files. */
  warnings: PathProblem[];
}

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

const MARKDOWN_EXT = /\.(md|markdown)$/i;
/** How much of a file is scanned for NUL bytes to decide it is not text (as git and grep do). */
const BINARY_SNIFF_BYTES = 8192;

/**
 * Expand PATHs: a file is taken as is (any extension: the seed notes are
 * .txt), a folder is walked recursively for .md/.markdown files, skipping
 * node_modules and dot-folders. A file named twice (directly and through its
 * folder) is checked once, at its first mention.
 */
export async function expandPaths(paths: readonly string[]): Promise<ExpandedPaths> {
  const out: ExpandedPaths = { files: [], problems: [], warnings: [] };
  const seen = new Set<string>();
  const add = async (p: string): Promise<void> => {
    // By real path: a note reached through a symlinked folder and directly is one note.
    let key = path.resolve(p);
    try {
      key = await fsp.realpath(p);
    } catch {
      // Unreadable now: keep the plain path; reading it will report the problem.
    }
    if (!seen.has(key)) {
      seen.add(key);
      out.files.push(p);
    }
  };

  for (const given of paths) {
    let st;
    try {
      st = await fsp.stat(given);
    } catch (err) {
      out.problems.push({ path: given, message: describeFsError(err) });
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      await walk(given, found, out.problems, new Set());
      if (found.length === 0) out.warnings.push({ path: given, message: 'no .md or .markdown files in this folder' });
      // Plain code-unit order, not localeCompare: the report must list files
      // the same way on every machine.
      found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const f of found) await add(f);
    } else if (st.isFile()) {
      await add(given);
    } else {
      out.problems.push({ path: given, message: 'not a regular file or folder' });
    }
  }
  return out;
}

async function walk(dir: string, found: string[], problems: PathProblem[], visited: Set<string>): Promise<void> {
  // Symlinked folders are followed, so guard against loops by real path.
  let real: string;
  try {
    real = await fsp.realpath(dir);
  } catch (err) {
    problems.push({ path: dir, message: describeFsError(err) });
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);

  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    problems.push({ path: dir, message: describeFsError(err) });
    return;
  }
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = await fsp.stat(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        // A dangling link inside a folder is not something the user asked
        // for by name; skip it rather than fail the run.
        continue;
      }
    }
    if (isDir) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      await walk(p, found, problems, visited);
    } else if (isFile && MARKDOWN_EXT.test(entry.name)) {
      found.push(p);
    }
  }
}

/**
 * Largest note the CLI reads: 100 times the longest real note (20 KB), and small
 * enough that checking and rendering it stays within a few hundred MB (a 100 MB
 * note took 4.5 GB and crashed the HTML report, losing the batch).
 */
export const MAX_NOTE_BYTES = 2 * 2 ** 20;

/** Read one note as UTF-8 text, refusing binary files and notes over MAX_NOTE_BYTES. */
export async function readNote(file: string): Promise<ReadResult> {
  let buf: Buffer;
  try {
    const st = await fsp.stat(file);
    if (st.size > MAX_NOTE_BYTES) {
      return { ok: false, message: `too large to check (${(st.size / 2 ** 20).toFixed(1)} MiB; notes up to ${MAX_NOTE_BYTES / 2 ** 20} MiB are checked)` };
    }
    buf = await fsp.readFile(file);
  } catch (err) {
    return { ok: false, message: describeFsError(err) };
  }
  if (buf.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return { ok: false, message: 'not a text file (it contains NUL bytes)' };
  }
  let text = buf.toString('utf8');
  // Editors hide a UTF-8 byte-order mark; drop it so columns on line 1 agree
  // with what VS Code (and the extension) report for the same note.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/**
 * Why the report must not be written to `output`, or null: it is one of the
 * notes being checked (compared by real path, so links and `./` spellings
 * count), or it exists and `force` is not set. A symlink there is never
 * followed (writeReportFile replaces the link itself).
 */
export async function outputProblem(output: string, inputs: readonly string[], force: boolean): Promise<string | null> {
  const real = async (p: string): Promise<string> => {
    try {
      return await fsp.realpath(p);
    } catch {
      // Not there (yet): its folder's real path and its name.
      try {
        return path.join(await fsp.realpath(path.dirname(p)), path.basename(p));
      } catch {
        return path.resolve(p);
      }
    }
  };
  let exists = false;
  try {
    await fsp.lstat(output);
    exists = true;
  } catch {
    // Does not exist: nothing to overwrite.
  }
  const target = await real(output);
  const own = path.resolve(output);
  for (const input of inputs) {
    const r = await real(input);
    if (r === target || r === own) return `is one of the notes being checked (${input}); the report is not written over it`;
  }
  if (exists && !force) return 'already exists; use --force to replace it';
  return null;
}

/** Write the report atomically: a temporary file beside it, then a rename (which replaces a symlink, never its target). */
export async function writeReportFile(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fsp.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** A short, plain reason for a failed fs call, e.g. "no such file or directory". */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'is a folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Marks a folder as written by `--report`, so a later run may replace it. */
export const REPORT_MARKER = '.gmm-check-report';
/** What a report folder holds besides the marker: all a later run removes before writing. */
const REPORT_ENTRIES = ['index.html', 'notes', 'katex'];

/**
 * Why the class overview must not be written into `dir`, or null: it is not a
 * folder, holds files but is not an earlier report (its marker file), or one
 * of the notes being checked is inside it (a later run clears it).
 */
export async function reportDirProblem(dir: string, inputs: readonly string[]): Promise<string | null> {
  let entries: string[];
  try {
    const st = await fsp.stat(dir);
    if (!st.isDirectory()) return 'is not a folder';
    entries = await fsp.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return describeFsError(err);
  }
  if (entries.length > 0 && !entries.includes(REPORT_MARKER)) {
    return 'is not empty and holds no earlier report; give a new or empty folder';
  }
  const real = await fsp.realpath(dir);
  for (const input of inputs) {
    let r: string;
    try {
      r = await fsp.realpath(input);
    } catch {
      continue;
    }
    if (r === real || r.startsWith(real + path.sep)) return `holds a note being checked (${input}); give a folder of its own`;
  }
  return null;
}

/**
 * Write the class overview into `dir`: its pages (paths relative to `dir`),
 * KaTeX's stylesheet and woff2 fonts into dir/katex, and the marker. An
 * earlier report there is removed first (only what a report holds).
 */
export async function writeClassReport(dir: string, pages: readonly { path: string; content: string }[], katexCss: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  for (const entry of REPORT_ENTRIES) await fsp.rm(path.join(dir, entry), { recursive: true, force: true });
  await fsp.writeFile(path.join(dir, REPORT_MARKER), 'Written by gmm-check --report; the next --report run into this folder replaces it.\n');
  const katexOut = path.join(dir, 'katex');
  await fsp.mkdir(path.join(katexOut, 'fonts'), { recursive: true });
  await fsp.copyFile(katexCss, path.join(katexOut, 'katex.min.css'));
  // woff2 only: every browser that runs KaTeX reads it, and it is listed first in each @font-face.
  const fontsIn = path.join(path.dirname(katexCss), 'fonts');
  for (const font of await fsp.readdir(fontsIn)) {
    if (font.endsWith('.woff2')) await fsp.copyFile(path.join(fontsIn, font), path.join(katexOut, 'fonts', font));
  }
  const folders = new Set(pages.map((p) => path.dirname(path.join(dir, p.path))));
  for (const f of folders) await fsp.mkdir(f, { recursive: true });
  for (const page of pages) await fsp.writeFile(path.join(dir, page.path), page.content, 'utf8');
}
