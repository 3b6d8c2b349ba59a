// LaTeX → Unicode plain text for the messages people read in the Problems
// panel, hovers, the CLI's text and the JSON `message` (∂𝓛/∂μₖ, σₖ², Σₖ⁻¹
// instead of \frac{\partial \mathcal{L}}{\partial \mu_k}). Hand-written
// rather than a library: the packages that do this (e.g. unicodeit) cover
// symbols but not \frac, \left…\right, sub/superscript groups or the GMM
// notation the checker reads, and pull in far more than the ~60 commands
// these notes use. It is for display only: nothing parses its output.
// Unknown commands lose their backslash; nothing throws.
import { BoundedCache, stringBytes } from '../util/boundedCache';

const SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ',
  vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ', mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ',
  sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ', phi: 'φ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
  Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ', Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω',
  partial: '∂', nabla: '∇', infty: '∞', sum: 'Σ', prod: 'Π', int: '∫', cdot: '·', times: '×', div: '÷', pm: '±', mp: '∓',
  mid: '|', vert: '|', Vert: '‖', lvert: '|', rvert: '|', in: '∈', notin: '∉', subset: '⊂', subseteq: '⊆', cup: '∪', cap: '∩',
  le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠', approx: '≈', equiv: '≡', propto: '∝', sim: '∼', simeq: '≃',
  to: '→', rightarrow: '→', leftarrow: '←', Rightarrow: '⇒', Leftarrow: '⇐', iff: '⇔', implies: '⇒', mapsto: '↦',
  ldots: '…', dots: '…', cdots: '⋯', vdots: '⋮', ddots: '⋱', top: 'ᵀ', intercal: 'ᵀ', prime: '′', star: '⋆', circ: '∘',
  langle: '⟨', rangle: '⟩', lbrace: '{', rbrace: '}', lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', forall: '∀', exists: '∃',
  emptyset: '∅', ell: 'ℓ', log: 'log', ln: 'ln', exp: 'exp', det: 'det', tr: 'tr', max: 'max', min: 'min', arg: 'arg',
  argmax: 'argmax', argmin: 'argmin', sup: 'sup', inf: 'inf', lim: 'lim', sin: 'sin', cos: 'cos', diag: 'diag',
  quad: '  ', qquad: '    ', cdotp: '·', ast: '∗', land: '∧', lor: '∨', neg: '¬', setminus: '∖', oplus: '⊕', otimes: '⊗',
};

/** Commands that only space or size things (dropped; `\left.` also drops its dot). */
const DROPPED = new Set(['left', 'right', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr',
  'displaystyle', 'textstyle', 'limits', 'nolimits', 'nonumber', 'notag', 'label', 'tag', 'middle']);
/** Commands whose argument is shown as it is (fonts and text). */
const PLAIN_ARG = new Set(['text', 'textrm', 'textit', 'textbf', 'mathrm', 'mathit', 'operatorname', 'mathbf', 'boldsymbol',
  'bm', 'pmb', 'mathsf', 'mathtt', 'boxed', 'underbrace', 'overbrace', 'underline', 'overline', 'mbox', 'hbox']);
const ACCENTS: Record<string, string> = { hat: '\u0302', widehat: '\u0302', bar: '\u0304', tilde: '\u0303', widetilde: '\u0303',
  dot: '\u0307', ddot: '\u0308', vec: '\u20d7', check: '\u030c' };

const SCRIPT: Record<string, string> = {
  A: '𝒜', B: 'ℬ', C: '𝒞', D: '𝒟', E: 'ℰ', F: 'ℱ', G: '𝒢', H: 'ℋ', I: 'ℐ', J: '𝒥', K: '𝒦', L: '𝓛', M: 'ℳ', N: '𝒩',
  O: '𝒪', P: '𝒫', Q: '𝒬', R: 'ℛ', S: '𝒮', T: '𝒯', U: '𝒰', V: '𝒱', W: '𝒲', X: '𝒳', Y: '𝒴', Z: '𝒵',
};
const FRAKTUR: Record<string, string> = { L: '𝔏', F: '𝔉', A: '𝔄', B: '𝔅', D: '𝔇', E: '𝔈', G: '𝔊', J: '𝔍', K: '𝔎', M: '𝔐',
  N: '𝔑', O: '𝔒', P: '𝔓', Q: '𝔔', S: '𝔖', T: '𝔗', U: '𝔘', V: '𝔙', W: '𝔚', X: '𝔛', Y: '𝔜' };
const DOUBLE: Record<string, string> = { R: 'ℝ', N: 'ℕ', Z: 'ℤ', Q: 'ℚ', C: 'ℂ', E: '𝔼', P: 'ℙ' };

const SUB: Record<string, string> = {
  0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '−': '₋', '-': '₋', '=': '₌',
  '(': '₍', ')': '₎', a: 'ₐ', e: 'ₑ', h: 'ₕ', i: 'ᵢ', j: 'ⱼ', k: 'ₖ', l: 'ₗ', m: 'ₘ', n: 'ₙ', o: 'ₒ', p: 'ₚ', r: 'ᵣ',
  s: 'ₛ', t: 'ₜ', u: 'ᵤ', v: 'ᵥ', x: 'ₓ', β: 'ᵦ', γ: 'ᵧ', ρ: 'ᵨ', φ: 'ᵩ', χ: 'ᵪ', ' ': '',
};
const SUP: Record<string, string> = {
  0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '−': '⁻', '-': '⁻', '=': '⁼',
  '(': '⁽', ')': '⁾', a: 'ᵃ', b: 'ᵇ', c: 'ᶜ', d: 'ᵈ', e: 'ᵉ', f: 'ᶠ', g: 'ᵍ', h: 'ʰ', i: 'ⁱ', j: 'ʲ', k: 'ᵏ', l: 'ˡ',
  m: 'ᵐ', n: 'ⁿ', o: 'ᵒ', p: 'ᵖ', r: 'ʳ', s: 'ˢ', t: 'ᵗ', u: 'ᵘ', v: 'ᵛ', w: 'ʷ', x: 'ˣ', y: 'ʸ', z: 'ᶻ',
  A: 'ᴬ', B: 'ᴮ', D: 'ᴰ', E: 'ᴱ', G: 'ᴳ', H: 'ᴴ', I: 'ᴵ', J: 'ᴶ', K: 'ᴷ', L: 'ᴸ', M: 'ᴹ', N: 'ᴺ', O: 'ᴼ', P: 'ᴾ',
  R: 'ᴿ', T: 'ᵀ', U: 'ᵁ', V: 'ⱽ', W: 'ᵂ', ᵀ: 'ᵀ', '′': '′', ' ': '',
};

const SUB_OR_SUP = new Set([...Object.values(SUB), ...Object.values(SUP)].filter((c) => c !== ''));

/** `text` in small raised/lowered characters when every character has one, else null. */
function mapAll(text: string, table: Record<string, string>): string | null {
  let out = '';
  for (const ch of text) {
    const m = table[ch];
    if (m === undefined) return null;
    out += m;
  }
  return out;
}

/** Has an operator outside brackets, so needs brackets to stay one unit after a `/` or in `^(`…`)`. */
function compound(s: string): boolean {
  let depth = 0;
  const t = s.trim();
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && /[\s+−\-=/·×,|]/.test(c) && i > 0) return true;
  }
  return false;
}

/** More than one factor (`2σₖ²`): a denominator that needs brackets after `/`. */
function product(s: string): boolean {
  const bases = [...s.trim()].filter((ch) => SUB_OR_SUP.has(ch) === false && !/[\u0300-\u036f\u20d7]/.test(ch));
  return bases.length > 1 && !/^\(.*\)$/.test(s.trim()) && !/^[a-z]+\(.*\)$/.test(s.trim());
}

function wrap(s: string, denominator = false): string {
  const t = s.trim();
  return compound(t) || (denominator && product(t)) ? `(${t})` : t;
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}

  /** Converts until the end, or a `}` closing the group we are in (consumed). */
  until(close: boolean): string {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === '}') {
        this.i++;
        if (close) return out;
        continue;
      }
      out += this.atom(true);
    }
    return out;
  }

  /** The next argument: a `{…}` group, a command, or one character. */
  arg(): string {
    while (this.s[this.i] === ' ') this.i++;
    if (this.s[this.i] === '{') {
      this.i++;
      return this.until(true);
    }
    if (this.i >= this.s.length) return '';
    return this.atom(false);
  }

  /** Raw text of the next `{…}` group (for font commands applied letter by letter). */
  rawArg(): string {
    while (this.s[this.i] === ' ') this.i++;
    if (this.s[this.i] !== '{') return this.s[this.i++] ?? '';
    let depth = 0;
    const start = this.i + 1;
    for (; this.i < this.s.length; this.i++) {
      if (this.s[this.i] === '{') depth++;
      else if (this.s[this.i] === '}' && --depth === 0) break;
    }
    return this.s.slice(start, this.i++);
  }

  atom(scripts: boolean): string {
    const c = this.s[this.i]!;
    let out: string;
    if (c === '\\') out = this.command();
    else if (c === '{') {
      this.i++;
      out = this.until(true);
    } else if (c === '_' || c === '^') {
      this.i++;
      return this.script(c, this.arg());
    } else if (c === '&') {
      this.i++;
      out = '';
    } else if (c === '~') {
      this.i++;
      out = ' ';
    } else if (/\s/.test(c)) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
      out = ' ';
    } else {
      this.i++;
      out = c === '-' ? '−' : c === "'" ? '′' : c;
    }
    return scripts ? out : out;
  }

  script(kind: '_' | '^', body: string): string {
    const t = body.trim();
    if (kind === '^') {
      if (t === 'T' || t === 'ᵀ' || t === '⊤') return 'ᵀ';
      const m = mapAll(t, SUP);
      if (m !== null) return m;
      return `^${wrap(t)}`;
    }
    const m = mapAll(t.replace(/,/g, ''), SUB);
    if (m !== null && !/,/.test(t)) return m;
    return `_${wrap(t)}`;
  }

  command(): string {
    this.i++;
    const m = /^[a-zA-Z]+|^./.exec(this.s.slice(this.i));
    if (!m) return '';
    const name = m[0];
    this.i += name.length;
    if (name === '\\') return '; ';
    if (name === ',' || name === ';' || name === ':' || name === '!' || name === ' ') return name === '!' ? '' : ' ';
    if (name === '{' || name === '}' || name === '|' || name === '#' || name === '%' || name === '$' || name === '&' || name === '_') {
      return name === '|' ? '‖' : name;
    }
    if (DROPPED.has(name)) {
      if ((name === 'left' || name === 'right' || name === 'middle') && this.s[this.i] === '.') this.i++;
      if (name === 'label' || name === 'tag') this.arg();
      return '';
    }
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const a = this.arg().trim();
      const b = this.arg().trim();
      // ∂𝓛/∂μₖ, ∂/∂σₖ²
      if (a.startsWith('∂') && b.startsWith('∂')) return `${a.replace(/^∂\s*/, '∂')}/${b.replace(/^∂\s*/, '∂')}`;
      return `${wrap(a)}/${wrap(b, true)}`;
    }
    if (name === 'sqrt') {
      const a = this.arg().trim();
      return `√${compound(a) || a.length > 1 ? `(${a})` : a}`;
    }
    if (name === 'mathcal' || name === 'mathscr') return [...this.rawArg().trim()].map((ch) => SCRIPT[ch] ?? ch).join('');
    if (name === 'mathfrak') return [...this.rawArg().trim()].map((ch) => FRAKTUR[ch] ?? ch).join('');
    if (name === 'mathbb') return [...this.rawArg().trim()].map((ch) => DOUBLE[ch] ?? ch).join('');
    if (PLAIN_ARG.has(name)) {
      const body = this.arg();
      // The label under a brace (\underbrace{…}_{g}) is a name for the part, not part of it.
      if ((name === 'underbrace' || name === 'overbrace') && /^\s*[_^]/.test(this.s.slice(this.i))) {
        while (this.s[this.i] === ' ') this.i++;
        this.i++;
        this.arg();
      }
      return body;
    }
    if (ACCENTS[name]) {
      const body = this.arg().trim();
      return body.length === 1 ? body + ACCENTS[name] : `${body}${ACCENTS[name]}`;
    }
    if (name === 'begin' || name === 'end') {
      this.rawArg();
      return '';
    }
    const sym = SYMBOLS[name];
    if (sym !== undefined) return /^[a-z]{2,}$/.test(sym) ? `${sym} ` : sym;
    return name;
  }
}

/** One formula (LaTeX math) as Unicode text: `\frac{\partial \mathcal{L}}{\partial \mu_k}` → `∂𝓛/∂μₖ`. */
export function texToUnicode(tex: string): string {
  const sup = [...new Set(Object.values(SUP))].filter((c) => c !== '').join('');
  const sub = [...new Set(Object.values(SUB))].filter((c) => c !== '').join('');
  return new Reader(tex).until(false)
    // σ^{2}_{k} reads σₖ², as it is usually written.
    .replace(new RegExp(`([${sup}]+)([${sub}]+)`, 'gu'), '$2$1')
    .replace(/[ \t]+/g, ' ')
    .replace(/ ([)\]},;.ᵀ′])/g, '$1')
    .replace(/([([{]) /g, '$1')
    .replace(/(log|exp|det|ln|tr|diag) \(/g, '$1(')
    .trim();
}

/** Characters that continue a LaTeX fragment across a space (an operator or another command). */
const CONTINUES = /^\s+(?=[\\{}_^=+\-<>|[\](]|[\p{L}\p{N}]+[_^])/u;

/**
 * Prose with LaTeX fragments in it (a checker message quoting the note)
 * with each fragment turned to Unicode. A fragment starts at a word holding
 * a command (`\mu`), a sub/superscript (`x_i`, `\sigma^2`) or a brace, and
 * runs over balanced braces and across spaces that are followed by more math.
 */
export function proseToUnicode(text: string): string {
  if (!/[\\_^]/.test(text)) return text;
  const hit = proseAnswers.get(text);
  if (hit !== undefined) return hit;
  const out = proseToUnicodeUncached(text);
  proseAnswers.set(text, out);
  return out;
}

/** Messages of the same claims come again on every check: their Unicode is kept (a twentieth of a re-check). */
const proseAnswers = new BoundedCache<string, string>(2 * 2 ** 20, (k, v) => stringBytes(k) + stringBytes(v));

function proseToUnicodeUncached(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    // The start of the current word.
    const wordStart = i;
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) j++;
    const word = text.slice(wordStart, j);
    if (!/\\[a-zA-Z{}|,;]|[\p{L}\p{N})}\]]\s*[_^]|[_^]\{/u.test(word)) {
      out += word;
      i = j;
      while (i < text.length && /\s/.test(text[i]!)) out += text[i++];
      continue;
    }
    // Leading prose punctuation stays as it is.
    let start = wordStart;
    while (start < j && /["“‘(«]/.test(text[start]!)) out += text[start++];
    let k = start;
    let depth = 0;
    for (; k < text.length; k++) {
      const c = text[k]!;
      if (c === '\\' && k + 1 < text.length) { k++; continue; }
      if (c === '{') depth++;
      else if (c === '}') depth = Math.max(0, depth - 1);
      else if (depth === 0 && /\s/.test(c)) {
        const more = CONTINUES.exec(text.slice(k));
        if (!more) break;
        k += more[0].length - 1;
      }
    }
    // Trailing prose punctuation (":", ",", "." ending a sentence, closing quotes) is not math.
    let end = k;
    while (end > start && /[:;,.!?”’"»]/.test(text[end - 1]!) && text[end - 2] !== '\\') end--;
    out += texToUnicode(text.slice(start, end)) + text.slice(end, k);
    i = k;
    while (i < text.length && /\s/.test(text[i]!)) out += text[i++];
  }
  return out;
}

/** Bold letters (Mathematical Bold, upright): 𝐱, 𝚺, 𝛍; other characters as they are. */
function boldLetters(text: string): string {
  return Array.from(text, (c) => {
    const n = c.codePointAt(0)!;
    if (n >= 0x41 && n <= 0x5a) return String.fromCodePoint(0x1d400 + n - 0x41);
    if (n >= 0x61 && n <= 0x7a) return String.fromCodePoint(0x1d41a + n - 0x61);
    if (n >= 0x391 && n <= 0x3a9) return String.fromCodePoint(0x1d6a8 + n - 0x391);
    if (n >= 0x3b1 && n <= 0x3c9) return String.fromCodePoint(0x1d6c2 + n - 0x3b1);
    return c;
  }).join('');
}

/**
 * One symbol as Unicode, keeping bold (`\mathbf{x}_{i}` → 𝐱ᵢ): in the note's
 * reading, bold is what tells the vector 𝐱 from the scalar x (messages drop it).
 */
export function symbolToUnicode(tex: string): string {
  // Kept like prose: the reading names the same symbols on every check of a note.
  const hit = symbolAnswers.get(tex);
  if (hit !== undefined) return hit;
  const m = /^\\(?:mathbf|boldsymbol|bm)\{([^{}]*)\}(.*)$/s.exec(tex);
  const out = m ? boldLetters(texToUnicode(m[1]!)) + texToUnicode(m[2]!) : texToUnicode(tex);
  symbolAnswers.set(tex, out);
  return out;
}

const symbolAnswers = new BoundedCache<string, string>(2 ** 20, (k, v) => stringBytes(k) + stringBytes(v));
