// Command-line parsing for gmm-check: argv → CliOptions, or a UsageError
// whose message main() prints before exiting with status 2. No I/O here, so
// every accepted and rejected command line can be unit-tested.
import type { CheckOptions } from '../core/types';

// The sampling defaults shown in --help are the checker's own, so the help
// and the verdicts cannot drift apart.
import { DEFAULT_SEED, DEFAULT_TRIALS, LIMITS } from '../core/check';

export { DEFAULT_SEED, DEFAULT_TRIALS };

/** Default of --timeout: a hundred times the slowest real note (about a second), so only a hung check reaches it. */
export const DEFAULT_TIMEOUT_S = 120;
/** More threads than this only add memory (each holds its own checker and caches). */
export const MAX_JOBS = 64;

export type OutputFormat = 'text' | 'json' | 'html' | 'csv' | 'gradescope';
const FORMATS: readonly OutputFormat[] = ['text', 'json', 'html', 'csv', 'gradescope'];

export interface CliOptions {
  format: OutputFormat;
  /** Write the report to this file instead of stdout. */
  output: string | null;
  /** Options handed to the checker; seed and trials are always set. */
  check: CheckOptions & { seed: number; trials: number };
  quiet: boolean;
  /** Replace an existing --output file (never an input note). */
  force: boolean;
  help: boolean;
  version: boolean;
  /** Notes checked at once on worker threads; null: the number of cores. 1: one after another in this thread. */
  jobs: number | null;
  /** With --jobs above 1: a note whose check takes longer is stopped and reported (milliseconds). */
  timeoutMs: number;
  /** Write the class overview (index.html and one page per note) into this folder. */
  report: string | null;
  /** Files and folders, in command-line order. */
  paths: string[];
}

/** A bad command line. The message is one sentence naming the offending option or value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP_TEXT = `usage: gmm-check [options] PATH...

Checks the derivations (gradients, EM updates, identities) of Gaussian
mixture model notes numerically and marks every step pass, fail or unchecked.
PATH is a markdown file (any extension) or a folder, searched recursively for
.md and .markdown files (node_modules and dot-folders are skipped).

options:
  --format FORMAT          output format (default: text):
                             text        per-claim lines for people
                             json        the JSON document (version 1) for tools
                             html        a standalone report page, notes rendered and marked
                             csv         one row per note for a grade book: path, pass, fail,
                                         unchecked, first failing line, its message and cause,
                                         error (RFC 4180, header row)
                             gradescope  Gradescope autograder results.json for exactly one
                                         note: one test per checked step (1 point if it
                                         passes), unchecked steps listed with 0 points
  --output FILE            write the report to FILE instead of stdout (never onto a
                           note being checked; an existing FILE only with --force)
  --force                  replace an existing --output FILE
  --seed N                 seed of the random GMM instances (default: ${DEFAULT_SEED})
  --trials N               random instances per claim (default: ${DEFAULT_TRIALS})
  --tolerance X            relative tolerance of the comparison (default: the checker's, about 1e-6)
  -K, --components N       number of mixture components (default: inferred from the note)
  -D, --dimensions N       dimension of the data (default: inferred from the note)
  --report DIR             also write a class overview into folder DIR (new, empty, or a
                           previous report): DIR/index.html with one row per note
                           (counts, first wrong step, its likely cause), how many notes
                           got each part of the derivation right, and one marked page
                           per note; works offline (KaTeX copied into DIR/katex)
  -j, --jobs N             check N notes at once on worker threads (default: the number
                           of cores); 1 checks them one after another in one thread.
                           Reports are the same, in the same order, for every N
  --timeout SECONDS        with --jobs above 1, a note still being checked after this
                           long is stopped and reported as not checked (default: ${DEFAULT_TIMEOUT_S})
  --quiet                  no progress messages on stderr (the progress line is
                           shown only when stderr is a terminal)
  -h, --help               show this help and exit
  --version                print the version and exit

exit status: 0 no claim fails, 1 at least one claim fails,
             2 usage error, unreadable path, or a note that could not be checked
`;

/** Options that take a value, keyed by every spelling, with the canonical long name. */
const VALUE_OPTIONS: Record<string, string> = {
  '--format': '--format',
  '--output': '--output',
  '-o': '--output',
  '--seed': '--seed',
  '--trials': '--trials',
  '--tolerance': '--tolerance',
  '-K': '--components',
  '--components': '--components',
  '-D': '--dimensions',
  '--dimensions': '--dimensions',
  '--report': '--report',
  '--jobs': '--jobs',
  '-j': '--jobs',
  '--timeout': '--timeout',
};

const FLAG_OPTIONS: Record<string, 'quiet' | 'help' | 'version' | 'force'> = {
  '--quiet': 'quiet',
  '--force': 'force',
  '-q': 'quiet',
  '--help': 'help',
  '-h': 'help',
  '--version': 'version',
  '-V': 'version',
};

/** Parse argv (without the node and script entries). Throws UsageError on a bad command line. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = {
    format: 'text',
    output: null,
    check: { seed: DEFAULT_SEED, trials: DEFAULT_TRIALS },
    quiet: false,
    force: false,
    help: false,
    version: false,
    jobs: null,
    timeoutMs: DEFAULT_TIMEOUT_S * 1000,
    report: null,
    paths: [],
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      // Everything after "--" is a path, so a note named "-x.md" can be checked.
      opts.paths.push(...argv.slice(i + 1));
      break;
    }
    // "-" alone is not an option (it would conventionally mean stdin, which we do not read);
    // it is kept as a path and reported as unreadable like any other missing file.
    if (!arg.startsWith('-') || arg === '-') {
      opts.paths.push(arg);
      continue;
    }

    const flag = FLAG_OPTIONS[arg];
    if (flag !== undefined) {
      opts[flag] = true;
      continue;
    }

    // Accept both "--seed 3" and "--seed=3" (and "-K3" for the short forms).
    let name = arg;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      name = arg.slice(0, eq);
      value = arg.slice(eq + 1);
    } else if (/^-[KDoj]./.test(arg)) {
      name = arg.slice(0, 2);
      value = arg.slice(2);
    }
    const canonical = VALUE_OPTIONS[name];
    if (canonical === undefined) {
      if (FLAG_OPTIONS[name] !== undefined) throw new UsageError(`option ${name} takes no value`);
      throw new UsageError(`unknown option ${name}`);
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`option ${name} needs a value`);
      value = argv[++i];
    }
    applyValue(opts, name, canonical, value);
  }

  if (!opts.help && !opts.version && opts.paths.length === 0) {
    throw new UsageError('no PATH given (a markdown file or a folder of them)');
  }
  return opts;
}

function applyValue(opts: CliOptions, name: string, canonical: string, value: string): void {
  switch (canonical) {
    case '--format':
      if (!(FORMATS as readonly string[]).includes(value)) {
        throw new UsageError(`${name} must be one of ${FORMATS.join(', ')} (got "${value}")`);
      }
      opts.format = value as OutputFormat;
      return;
    case '--output':
      if (value === '') throw new UsageError(`${name} needs a file name`);
      opts.output = value;
      return;
    case '--seed':
      // Any non-negative integer a 32-bit PRNG seed can hold exactly; larger
      // values would silently collide after truncation.
      opts.check.seed = integerIn(name, value, 0, 2 ** 32 - 1);
      return;
    case '--trials':
      opts.check.trials = integerIn(name, value, 1, LIMITS.trials.max);
      return;
    case '--tolerance': {
      const x = number(name, value);
      if (!(x >= LIMITS.tolerance.min && x <= LIMITS.tolerance.max)) {
        throw new UsageError(`${name} must be a number between ${LIMITS.tolerance.min} and ${LIMITS.tolerance.max} (got "${value}")`);
      }
      opts.check.tolerance = x;
      return;
    }
    case '--components':
      opts.check.K = integerIn(name, value, 1, LIMITS.components.max);
      return;
    case '--dimensions':
      opts.check.D = integerIn(name, value, 1, LIMITS.dimensions.max);
      return;
    case '--report':
      if (value === '') throw new UsageError(`${name} needs a folder name`);
      opts.report = value;
      return;
    case '--jobs':
      opts.jobs = integerIn(name, value, 1, MAX_JOBS);
      return;
    case '--timeout':
      opts.timeoutMs = integerIn(name, value, 1, 24 * 3600) * 1000;
      return;
    default:
      throw new UsageError(`unknown option ${name}`);
  }
}

function number(name: string, value: string): number {
  // Number('') is 0 and Number(' 3') is 3; insist on a plain numeral.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
    throw new UsageError(`${name} needs a number (got "${value}")`);
  }
  return Number(value);
}

function integerIn(name: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} needs a whole number (got "${value}")`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${name} must be between ${min} and ${max} (got ${value})`);
  return n;
}
