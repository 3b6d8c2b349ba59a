// Formulas that are not valid LaTeX at all (an unbalanced brace, a \left
// without \right, an unknown environment): results too, so the student sees
// where the formula breaks. Braces are matched here, to point at the brace
// that is never closed (KaTeX only says the formula ended early); anything
// else is asked of KaTeX, the renderer the preview uses, as an independent
// judge: a formula KaTeX renders is never called broken here, so a
// construct only our own parser lacks stays an ordinary "unchecked".
import katex from 'katex';

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

/** Why KaTeX cannot render the formula, if it cannot. */
function katexError(tex: string, display: boolean): Broken | null {
  try {
    katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: 'ignore', trust: false, maxExpand: 200, maxSize: 10 });
    return null;
  } catch (err) {
    if (!(err instanceof katex.ParseError)) return null;
    const e = err as katex.ParseError & { position?: number; rawMessage?: string };
    const position = typeof e.position === 'number' ? Math.min(Math.max(0, e.position), tex.length) : 0;
    return { message: e.rawMessage ?? e.message.replace(/^KaTeX parse error: /, ''), offset: position };
  }
}

/** The formula is broken LaTeX: where and why (null when it renders). */
export function brokenFormula(tex: string, display: boolean): Broken | null {
  const katexSays = katexError(tex, display);
  if (!katexSays) return null;
  return braceError(tex) ?? katexSays;
}
