// The grammar as a table: every control word the parser understands is one
// entry saying what it is (a symbol, a font, a function, a relation, …).
// The parser (parser.ts) dispatches on these entries; adding notation means
// adding a row here. Anything not in the table is reported by name.
import type { Font, Relation } from './ast';

export type CommandEntry =
  | { type: 'symbol'; name: string }
  | { type: 'font'; font: Font | null }
  | { type: 'frac' }
  | { type: 'binom' }
  | { type: 'sqrt' }
  | { type: 'func'; name: string }
  | { type: 'bigop'; op: 'sum' | 'prod' }
  | { type: 'binop'; op: 'mul' | 'div' | 'pm' }
  | { type: 'relation'; rel: Relation }
  | { type: 'ignore' }
  | { type: 'sizing' }
  | { type: 'ellipsis' }
  | { type: 'text' }
  | { type: 'brace'; over: boolean }
  | { type: 'boxed' }
  | { type: 'opaque'; what: string }
  | { type: 'opaqueArg'; what: string }
  | { type: 'partial' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'begin' }
  | { type: 'end' }
  | { type: 'transposeMark' }
  | { type: 'prime' }
  | { type: 'star' }
  | { type: 'given' }
  | { type: 'stackrel' }
  | { type: 'setOpen' }
  | { type: 'setClose' }
  | { type: 'normBar' };

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau',
  'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi',
  'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega', 'ell', 'imath', 'jmath', 'hbar', 'nabla',
];

const table = new Map<string, CommandEntry>();
const add = (names: string[], entry: CommandEntry) => { for (const n of names) table.set(n, entry); };

for (const g of GREEK) table.set(g, { type: 'symbol', name: g.startsWith('var') && g !== 'varpi' ? g.slice(3) : g });
add(['mathcal'], { type: 'font', font: 'cal' });
add(['mathscr'], { type: 'font', font: 'scr' });
add(['mathbf', 'boldsymbol', 'bm', 'pmb', 'bf', 'mathbfit'], { type: 'font', font: 'bold' });
add(['mathfrak'], { type: 'font', font: 'frak' });
add(['mathbb'], { type: 'font', font: 'bb' });
add(['mathrm', 'mathit', 'mathsf', 'mathtt', 'rm', 'it', 'operatorname'], { type: 'font', font: 'rm' });
add(['frac', 'dfrac', 'tfrac', 'cfrac'], { type: 'frac' });
add(['binom', 'dbinom', 'tbinom'], { type: 'binom' });
add(['sqrt'], { type: 'sqrt' });
for (const f of ['log', 'ln', 'exp', 'det', 'tr', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'max', 'min', 'lg'])
  table.set(f, { type: 'func', name: f });
add(['sum'], { type: 'bigop', op: 'sum' });
add(['prod'], { type: 'bigop', op: 'prod' });
add(['cdot', 'times', 'ast', 'cdotp', 'bullet'], { type: 'binop', op: 'mul' });
add(['div'], { type: 'binop', op: 'div' });
add(['pm', 'mp'], { type: 'binop', op: 'pm' });
const rel = (names: string[], r: Relation) => add(names, { type: 'relation', rel: r });
rel(['coloneqq', 'triangleq', 'doteq', 'eqqcolon', 'leftarrow', 'gets', 'coloneq'], ':=');
rel(['equiv'], '≡');
rel(['approx', 'simeq', 'cong'], '≈');
rel(['neq', 'ne'], '≠');
rel(['leq', 'le', 'leqslant', 'leqq'], '≤');
rel(['geq', 'ge', 'geqslant', 'geqq'], '≥');
rel(['in'], '∈');
rel(['notin'], '∉');
rel(['subset', 'subseteq', 'supset', 'supseteq'], '⊂');
rel(['to', 'rightarrow', 'longrightarrow', 'mapsto', 'longmapsto'], '→');
rel(['propto'], '∝');
rel(['sim'], '∼');
rel(['Rightarrow', 'implies', 'Longrightarrow', 'Leftarrow', 'impliedby', 'therefore', 'because'], '⇒');
rel(['iff', 'Leftrightarrow', 'Longleftrightarrow', 'leftrightarrow'], '⇔');
add(['displaystyle', 'textstyle', 'scriptstyle', 'limits', 'nolimits', 'nonumber', 'notag', 'quad', 'qquad',
  ',', ';', ':', '!', ' ', 'enspace', 'thinspace', 'medspace', 'thickspace', 'hspace*', 'relax', 'phantom',
  'mathstrut', 'strut', 'allowbreak', 'label'], { type: 'ignore' });
add(['big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'middle'],
  { type: 'sizing' });
add(['dots', 'ldots', 'cdots', 'vdots', 'ddots', 'dotsc', 'dotsb', 'dotsm'], { type: 'ellipsis' });
add(['text', 'textrm', 'textit', 'textbf', 'mbox', 'textsf', 'texttt', 'textnormal'], { type: 'text' });
add(['underbrace', 'underbracket'], { type: 'brace', over: false });
add(['overbrace'], { type: 'brace', over: true });
add(['boxed', 'fbox', 'color', 'textcolor', 'underline', 'overline', 'bar', 'hat', 'tilde', 'widehat', 'widetilde', 'vec', 'dot', 'ddot'],
  { type: 'boxed' });
add(['infty'], { type: 'opaque', what: '∞' });
add(['emptyset', 'varnothing'], { type: 'opaque', what: '∅' });
add(['forall', 'exists', 'neg', 'lnot', 'land', 'lor', 'wedge', 'vee', 'cap', 'cup', 'setminus', 'circ', 'otimes', 'oplus',
  'odot', 'star', 'dagger', 'perp', 'parallel', 'angle', 'triangle', 'checkmark', 'square', 'blacksquare', 'qed'],
  { type: 'opaque', what: 'symbol' });
add(['textcircled', 'tag', 'href', 'url', 'htmlClass', 'htmlId', 'htmlStyle', 'htmlData', 'operatorname*', 'lim', 'argmax', 'argmin',
  'arg', 'sup', 'inf', 'limsup', 'liminf', 'Pr', 'mathop', 'overset', 'underset', 'rule', 'hline', 'cancel', 'xrightarrow'],
  { type: 'opaqueArg', what: 'unsupported' });
add(['partial'], { type: 'partial' });
add(['left'], { type: 'left' });
add(['right'], { type: 'right' });
add(['begin'], { type: 'begin' });
add(['end'], { type: 'end' });
add(['top', 'intercal', 'T'], { type: 'transposeMark' });
add(['prime'], { type: 'prime' });
add(['mid', 'vert', 'lvert', 'rvert'], { type: 'given' });
add(['stackrel'], { type: 'stackrel' });
add(['{', 'lbrace'], { type: 'setOpen' });
add(['}', 'rbrace'], { type: 'setClose' });
add(['|', 'Vert', 'lVert', 'rVert'], { type: 'normBar' });

// Names that are \operatorname{…}/\mathrm{…}/\text{…} words for functions.
export const WORD_FUNCTIONS = new Set(['log', 'ln', 'exp', 'det', 'tr', 'Tr', 'trace', 'sin', 'cos', 'tan', 'tanh',
  'softmax', 'sigmoid', 'diag', 'max', 'min', 'sinh', 'cosh']);

/** Superscript words that name a symbol rather than raise it to a power. */
export const DECORATION_WORDS = new Set(['new', 'old', 'next', 'prev', 'ML', 'MLE', 'MAP', 'opt', 'init', 'true', 'est',
  'updated', 'current', 'EM', 'mle', 'map', 'best', 'final']);

export function lookupCommand(name: string): CommandEntry | undefined {
  return table.get(name);
}

/** Relation spelled with a character token. */
export function charRelation(text: string): Relation | null {
  switch (text) {
    case '=': return '=';
    case ':=': return ':=';
    case '<': return '<';
    case '>': return '>';
    case ':': return ':';
    default: return null;
  }
}
