// Formulas that are not valid LaTeX at all (an unbalanced brace, a \left
// without \right, an unknown environment): results too, so the student sees
// where the formula breaks. Braces are matched here, to point at the brace
// that is never closed (KaTeX only says the formula ended early); anything
// else is asked of KaTeX, the renderer the preview uses, as an independent
// judge: a formula KaTeX renders is never called broken here, so a
// construct only our own parser lacks stays an ordinary "unchecked".
import katex from 'katex';
import { BoundedCache, stringBytes } from '../util/boundedCache';
import { katexInput, macrosCalled, NO_MACROS, USER_MACRO_EXPANSIONS, type MacroTable } from '../latex/macros';

export interface Broken {
  message: string;
  /** Offset in the formula's LaTeX where it breaks. */
  offset: number;
}

/** Where the braces of a formula fail to match, if they do. */
function braceError(tex: string): Broken | null {
  const open: number[] = [];
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') { i++; continue; }
    if (c === '%') {
      while (i < tex.length && tex[i] !== '\n') i++;
      continue;
    }
    if (c === '{') open.push(i);
    else if (c === '}') {
      if (open.length === 0) return { message: 'this “}” closes no “{”', offset: i };
      open.pop();
    }
  }
  if (open.length) return { message: 'this “{” is never closed (a “}” is missing)', offset: open[open.length - 1]! };
  return null;
}

/** KaTeX's parser alone (no layout): `__parse` is exported for this; older builds fall back to a render. */
const katexParse = (katex as unknown as { __parse?: (tex: string, options: katex.KatexOptions) => unknown }).__parse;

/** Past these, KaTeX is not asked (its time grows with nesting); braces are still matched. */
const MAX_KATEX_CHARS = 20_000;
const MAX_KATEX_DEPTH = 200;

function braceDepth(tex: string): number {
  let depth = 0, max = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') max = Math.max(max, ++depth);
    else if (c === '}') depth--;
  }
  return max;
}

/** Why KaTeX cannot render the formula, if it cannot. */
function katexError(tex: string, display: boolean, macros: MacroTable): Broken | null {
  const input = katexInput(tex, macros);
  const options: katex.KatexOptions = { displayMode: display, throwOnError: true, strict: 'ignore', trust: false, maxExpand: 200, maxSize: 10, macros: input.macros };
  if (macros.map.size > 0) {
    // KaTeX counts the expansions of the note's macros too: its own default then, not the tighter bound.
    options.maxExpand = USER_MACRO_EXPANSIONS;
  }
  try {
    if (katexParse) katexParse(input.tex, options);
    else katex.renderToString(input.tex, options);
    return null;
  } catch (err) {
    if (!(err instanceof katex.ParseError)) return null;
    const e = err as katex.ParseError & { position?: number; rawMessage?: string };
    const position = typeof e.position === 'number' ? Math.min(Math.max(0, e.position), tex.length) : 0;
    return { message: e.rawMessage ?? e.message.replace(/^KaTeX parse error: /, ''), offset: position };
  }
}

/**
 * Answers of brokenFormula by formula: every check asks again for each formula
 * without claims (prose math, definitions in words), and KaTeX parsing them
 * again on every keystroke was a tenth of a re-check.
 */
const answers = new BoundedCache<string, { broken: Broken | null }>(4 * 2 ** 20, (k) => stringBytes(k) + 200);

/** The formula is broken LaTeX: where and why (null when it renders). */
export function brokenFormula(tex: string, display: boolean, macros: MacroTable = NO_MACROS): Broken | null {
  // The note's macros (macros.ts) as KaTeX's option, when the formula calls one.
  const used = macrosCalled(tex, macros);
  const key = `${display ? 'd' : 'i'}${used.key}\u0001${tex}`;
  const hit = answers.get(key);
  if (hit) return hit.broken && { ...hit.broken };
  const broken = brokenUncached(tex, display, used);
  answers.set(key, { broken: broken && { ...broken } });
  return broken;
}

function brokenUncached(tex: string, display: boolean, macros: MacroTable): Broken | null {
  if (tex.length > MAX_KATEX_CHARS || braceDepth(tex) > MAX_KATEX_DEPTH) return braceError(tex);
  const katexSays = katexError(tex, display, macros);
  if (!katexSays) return null;
  return braceError(tex) ?? katexSays;
}
