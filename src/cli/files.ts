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
  const add = (p: string): void => {
    const key = path.resolve(p);
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
      found.forEach(add);
    } else if (st.isFile()) {
      add(given);
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

/** Read one note as UTF-8 text, refusing binary files. */
export async function readNote(file: string): Promise<ReadResult> {
  let buf: Buffer;
  try {
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
