// Shared vocabulary of the core: source spans, math regions, claims and
// verdicts. Everything here is plain data so that the CLI, the extension and
// the webview can pass it around (and JSON.stringify it) without the core.

/** Half-open range of UTF-16 offsets into the note text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * A piece of the note's text that the LaTeX lexer reads. Rows of an
 * environment and continuation rows are not contiguous in the note, so a
 * formula to parse is a list of segments; every token keeps the note offset
 * of the segment it came from (`start + index in text`).
 */
export interface Segment {
  /** Text to lex. Prose (`\text{…}`, step labels, `&`) is blanked to spaces, so offsets stay exact. */
  text: string;
  /** Note offset of `text[0]`. */
  start: number;
}

/** `env`: a math environment written without `$$` (`\\begin{equation*}…\\end{equation*}` on its own lines, as MathJax renders in notebooks). */
export type MathDelimiter = '$' | '$$' | '\\(' | '\\[' | 'fence' | 'env';

/** One math region found in the markdown: `$…$`, `$$…$$`, `\[…\]`, `\(…\)`, or a ```math fence. */
export interface MathRegion {
  index: number;
  display: boolean;
  delimiter: MathDelimiter;
  /** Whole region including delimiters. */
  span: Span;
  /** The LaTeX between the delimiters. */
  content: Span;
  /** Raw LaTeX between the delimiters (as written). */
  latex: string;
  /** 1-based lines of the region's first and last character. */
  line: number;
  endLine: number;
}

/**
 * A formula to parse into a relation chain: one row of an environment, a
 * whole inline formula, or rows joined because the later ones continue the
 * earlier (`= …`, `&\quad \cdot …`, `\left. + …`).
 */
export interface Statement {
  regionIndex: number;
  segments: Segment[];
  /** True when this statement's first row started with a relation and was joined to an earlier chain. */
  continued: boolean;
  /** The row was introduced by prose (`\text{…}` before the math): a comment, not a derivation step. */
  prose: boolean;
}

export type Verdict = 'pass' | 'fail' | 'unchecked';
export type ClaimKind = 'definition' | 'step' | 'gradient' | 'update' | 'identity' | 'condition' | 'numeric';
export type UncheckedReason =
  | 'parse-error'
  | 'unknown-symbol'
  | 'abstract-function'
  | 'condition'
  | 'unsupported'
  | 'not-an-equation';

/** One relation between neighbouring expressions of a chain, with its verdict. */
export interface Claim {
  /** 1-based line where the left-hand side starts. */
  line: number;
  /** 1-based line where the right-hand side ends. */
  endLine: number;
  /** 0-based column of the left-hand side on `line`. */
  column: number;
  kind: ClaimKind;
  /** LaTeX source of the two sides, as written (prose blanked). */
  lhs: string;
  rhs: string;
  relation: string;
  verdict: Verdict;
  reason: UncheckedReason | null;
  message: string;
  /** Note offsets of the two sides. */
  lhsSpan: Span;
  rhsSpan: Span;
  /** The expression blamed when the claim fails (the culprit of a chain), else the whole claim. */
  culprit: Span;
  /** Lines and column of `culprit` (failing steps and broken formulas): where a grader should look. */
  culpritAt?: { line: number; endLine: number; column: number };
  regionIndex: number;
  /** A likely cause in a few words, when one fits (fail only). */
  cause?: string;
  /** Values at a counterexample (fail) or the largest relative error seen (pass). */
  values?: { lhs: string; rhs: string; at: string };
  maxRelError?: number;
  /**
   * The formula is not valid LaTeX at all (KaTeX cannot render it either), as
   * opposed to a formula only this checker cannot read; with reason `parse-error`.
   */
  brokenFormula?: boolean;
}

export interface NoteSummary {
  pass: number;
  fail: number;
  unchecked: number;
}

/** A problem with the note that is not a claim (e.g. an unterminated `$$`). */
export interface NoteIssue {
  severity: 'error' | 'warning' | 'info';
  message: string;
  span: Span;
  line: number;
}

export interface CheckOptions {
  /** Seed of the random GMM instances (verdicts must not depend on it). */
  seed?: number;
  /** Number of random instances each claim is evaluated at. */
  trials?: number;
  /** Relative tolerance of the comparison. */
  tolerance?: number;
  /** Override the number of components / dimensions inferred from the note. */
  K?: number;
  D?: number;
  /** Extra notation aliases: LaTeX → canonical quantity name (see notation table). */
  aliases?: Record<string, string>;
  /** Budget per claim in milliseconds; past it the claim is unchecked ("too slow"). */
  claimBudgetMs?: number;
  /**
   * Polled between chains; when it returns true the check stops with a
   * CheckCancelled error (the editor's worker abandons a check of a text that
   * has been edited since).
   */
  isCancelled?: () => boolean;
  /**
   * Results so far, while a long check runs: called between chains every
   * `progressMs` from the start of the check. Each partial report holds the final claims of the note's beginning (every
   * chain that starts before `checkedTo`, an offset in the text); the rest of the
   * note is not in it yet. The editor shows a note's first marks with it.
   */
  onProgress?: (partial: NoteReport, checkedTo: number) => void;
  /** See onProgress (default 150 ms). */
  progressMs?: number;
}

export interface NoteReport {
  regions: MathRegion[];
  claims: Claim[];
  issues: NoteIssue[];
  summary: NoteSummary;
  /** What the checker assumed about the model, e.g. "1-D, K = 2". */
  model: { K: number; D: number; description: string };
  /** How the note was read (reading.ts): which symbol plays which role, and why. */
  reading: NoteReading;
}

/** The note's reading as data, for the CLI's JSON, the preview and the hover. */
export interface NoteReading {
  /** One line for people, e.g. "weights \alpha_·; responsibilities \gamma_· (point index first); point index j". */
  description: string;
  /** The same in Unicode with the note's index letters, as the editor and the CLI's text show it: "weights αₖ; responsibilities γⱼₖ (point index first); point index j". */
  text: string;
  /** `text` in pieces with the symbols and index letters each names (LaTeX), so a hover can show those a step uses. */
  parts: { text: string; names: string[] }[];
  symbols: { symbol: string; role: string; indexOrder?: 'point-first' | 'component-first'; why: string; line: number; source: 'note' | 'comment' | 'setting' }[];
  pointIndices: string[];
  componentIndices: string[];
  pointCounts: string[];
  componentCounts: string[];
  dimensions: string[];
  /** Letters of EM iterations written as bare superscripts (θ^j, μ_k^{j+1}). */
  iterationIndices: string[];
  /** Symbols used in two roles: the checker leaves their steps unchecked. */
  ambiguous: string[];
}
