// The grammar as a table: every control word the parser understands is one
// entry saying what it is (a symbol, a font, a function, a relation, …).
// The parser (parser.ts) dispatches on these entries; adding notation means
// adding a row here. Anything not in the table is reported by name.
import type { Font, Relation } from './ast';

export type CommandEntry =
  | { type: 'symbol'; name: string; font?: Font }
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
  /** An accent that makes another symbol (x̄ is not x, Ẽ is not E): `accent` is its name in the tree. */
  | { type: 'accent'; accent: string }
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
  | { type: 'normBar' }
  | { type: 'integral' }
  | { type: 'largeop' }
  | { type: 'limitop' }
  | { type: 'openDelim'; close: string; open: string }
  | { type: 'closeDelim' }
  | { type: 'substack' }
  | { type: 'literal'; text: string };

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota',
  'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau',
  'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi',
  'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega', 'ell', 'imath', 'jmath', 'hbar', 'nabla', 'varkappa', 'varGamma', 'varDelta',
  'varTheta', 'varLambda', 'varXi', 'varPi', 'varSigma', 'varUpsilon', 'varPhi', 'varPsi', 'varOmega', 'digamma',
];

const table = new Map<string, CommandEntry>();
const add = (names: string[], entry: CommandEntry) => { for (const n of names) table.set(n, entry); };

for (const g of GREEK) table.set(g, { type: 'symbol', name: g.startsWith('var') && g !== 'varpi' ? g.slice(3) : g });
add(['mathcal', 'cal'], { type: 'font', font: 'cal' });
add(['mathscr'], { type: 'font', font: 'scr' });
add(['mathbf', 'boldsymbol', 'bm', 'pmb', 'bf', 'mathbfit', 'bold', 'bsym'], { type: 'font', font: 'bold' });
add(['mathfrak', 'frak'], { type: 'font', font: 'frak' });
add(['mathbb', 'Bbb'], { type: 'font', font: 'bb' });
add(['mathrm', 'mathit', 'mathsf', 'mathtt', 'rm', 'it', 'sf', 'tt', 'mathnormal', 'operatorname', 'mathop', 'mathord', 'mathbin', 'mathrel', 'mathopen', 'mathclose', 'mathpunct', 'mathinner'],
  { type: 'font', font: 'rm' });
// KaTeX's blackboard shorthands (\R is ℝ).
for (const [n, l] of [['R', 'R'], ['N', 'N'], ['Z', 'Z'], ['C', 'C'], ['Q', 'Q'], ['reals', 'R'], ['Reals', 'R'], ['natnums', 'N'],
  ['Complex', 'C'], ['cnums', 'C'], ['Bbbk', 'k']] as const) table.set(n, { type: 'symbol', name: l, font: 'bb' });
add(['frac', 'dfrac', 'tfrac', 'cfrac'], { type: 'frac' });
add(['binom', 'dbinom', 'tbinom'], { type: 'binom' });
add(['sqrt'], { type: 'sqrt' });
for (const f of ['log', 'ln', 'exp', 'det', 'tr', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'max', 'min', 'lg'])
  table.set(f, { type: 'func', name: f });
add(['sum'], { type: 'bigop', op: 'sum' });
add(['int', 'iint', 'iiint', 'oint', 'oiint', 'oiiint', 'intop', 'smallint'], { type: 'integral' });
add(['bigcup', 'bigcap', 'coprod', 'bigoplus', 'bigotimes', 'bigodot', 'biguplus', 'bigsqcup', 'bigvee', 'bigwedge'], { type: 'largeop' });
add(['lim', 'limsup', 'liminf', 'sup', 'inf', 'argmax', 'argmin', 'arg', 'Pr', 'plim', 'injlim', 'projlim', 'varlimsup',
  'varliminf', 'varinjlim', 'varprojlim', 'gcd', 'deg', 'dim', 'hom', 'ker'], { type: 'limitop' });
add(['langle'], { type: 'openDelim', open: '⟨', close: 'rangle' });
add(['lfloor'], { type: 'openDelim', open: '⌊', close: 'rfloor' });
add(['lceil'], { type: 'openDelim', open: '⌈', close: 'rceil' });
add(['lbrack'], { type: 'openDelim', open: '[', close: 'rbrack' });
add(['lparen'], { type: 'openDelim', open: '(', close: 'rparen' });
add(['rangle', 'rfloor', 'rceil', 'rbrack', 'rparen'], { type: 'closeDelim' });
add(['substack'], { type: 'substack' });
add(['%', '_', '#', '&', '$', 'textbackslash', 'S', 'P', 'dag', 'ddag', 'copyright', 'pounds'], { type: 'literal', text: 'character' });
add(['prod'], { type: 'bigop', op: 'prod' });
add(['cdot', 'times', 'ast', 'cdotp', 'bullet'], { type: 'binop', op: 'mul' });
add(['div'], { type: 'binop', op: 'div' });
add(['pm', 'mp'], { type: 'binop', op: 'pm' });
const rel = (names: string[], r: Relation) => add(names, { type: 'relation', rel: r });
rel(['coloneqq', 'triangleq', 'doteq', 'eqqcolon', 'leftarrow', 'gets', 'coloneq'], ':=');
rel(['equiv'], '≡');
rel(['ll', 'lll'], '≪');
rel(['gg', 'ggg'], '≫');
rel(['lt'], '<');
rel(['gt'], '>');
rel(['perp', 'bot'], '⊥');
rel(['parallel', 'nparallel'], '∥');
rel(['prec', 'preceq', 'preccurlyeq'], '≺');
rel(['succ', 'succeq', 'succcurlyeq'], '≻');
rel(['ni', 'owns'], '∋');
rel(['vdash', 'models', 'vDash', 'Vdash', 'dashv'], '⊢');
rel(['uparrow', 'Uparrow', 'nearrow', 'nwarrow'], '↑');
rel(['downarrow', 'Downarrow', 'searrow', 'swarrow', 'updownarrow', 'Updownarrow'], '↓');
rel(['lesssim', 'lessapprox', 'precsim'], '≲');
rel(['gtrsim', 'gtrapprox', 'succsim'], '≳');
rel(['asymp', 'bowtie'], '≍');
rel(['nleq', 'nleqslant', 'ngeq', 'ngeqslant', 'nless', 'ngtr', 'ncong', 'nsim', 'nequiv'], '≠');
rel(['approx', 'simeq', 'cong', 'approxeq', 'thickapprox', 'eqsim', 'backsimeq'], '≈');
rel(['neq', 'ne'], '≠');
rel(['leq', 'le', 'leqslant', 'leqq'], '≤');
rel(['geq', 'ge', 'geqslant', 'geqq'], '≥');
rel(['in'], '∈');
rel(['notin', 'notni'], '∉');
rel(['subset', 'subseteq', 'supset', 'supseteq', 'subsetneq', 'supsetneq', 'nsubseteq', 'nsupseteq', 'sqsubset', 'sqsubseteq',
  'sqsupset', 'sqsupseteq', 'Subset', 'Supset', 'sube', 'supe', 'subseteqq', 'supseteqq', 'subsetneqq'], '⊂');
rel(['to', 'rightarrow', 'longrightarrow', 'mapsto', 'longmapsto', 'hookrightarrow', 'rightharpoonup', 'rightharpoondown',
  'rightrightarrows', 'leftleftarrows', 'rightleftarrows', 'leftrightarrows', 'rightleftharpoons', 'leftrightharpoons',
  'longleftarrow', 'hookleftarrow', 'leftharpoonup', 'leftharpoondown', 'twoheadrightarrow', 'rightsquigarrow', 'leadsto',
  'longleftrightarrow', 'curvearrowright', 'circlearrowright', 'nrightarrow', 'nleftarrow', 'restriction'], '→');
rel(['propto', 'varpropto'], '∝');
rel(['sim', 'backsim'], '∼');
rel(['Rightarrow', 'implies', 'Longrightarrow', 'Leftarrow', 'impliedby', 'therefore', 'because', 'Longleftarrow',
  'Rrightarrow', 'Lleftarrow', 'nRightarrow', 'nLeftarrow'], '⇒');
rel(['iff', 'Leftrightarrow', 'Longleftrightarrow', 'leftrightarrow', 'nLeftrightarrow', 'nleftrightarrow'], '⇔');
add(['displaystyle', 'textstyle', 'scriptstyle', 'scriptscriptstyle', 'limits', 'nolimits', 'quad', 'qquad',
  ',', ';', ':', '!', ' ', '>', '/', 'enspace', 'thinspace', 'medspace', 'thickspace', 'negthinspace', 'negmedspace',
  'negthickspace', 'relax', 'mathstrut', 'strut', 'allowbreak', 'nobreak', 'space', 'nobreakspace', 'enskip', 'quad',
  'newline', 'cr', 'nolinebreak', 'mkern', 'mskip'], { type: 'ignore' });
add(['big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'middle'],
  { type: 'sizing' });
add(['dots', 'ldots', 'cdots', 'vdots', 'ddots', 'dotsc', 'dotsb', 'dotsm'], { type: 'ellipsis' });
add(['text', 'textrm', 'textit', 'textbf', 'mbox', 'textsf', 'texttt', 'textnormal', 'textup', 'textmd', 'hbox', 'textsc',
  'emph', 'textsl', 'verb'], { type: 'text' });
add(['underbrace', 'underbracket'], { type: 'brace', over: false });
add(['overbrace'], { type: 'brace', over: true });
add(['boxed', 'fbox', 'color', 'textcolor', 'underline', 'vec'], { type: 'boxed' });
// x̄, μ̂, Ẽ, ẋ: another symbol than x, μ, E, x (a sample mean, an estimate, a modified objective, a
// time derivative). On a lone symbol the accent is kept on it (SymNode.accent); around anything
// else the checker reads the argument, as for the decorations above.
add(['bar', 'overline'], { type: 'accent', accent: 'bar' });
add(['hat', 'widehat'], { type: 'accent', accent: 'hat' });
add(['tilde', 'widetilde'], { type: 'accent', accent: 'tilde' });
add(['dot'], { type: 'accent', accent: 'dot' });
add(['ddot'], { type: 'accent', accent: 'ddot' });
// Decorations KaTeX draws around their argument that do not make another symbol (vector arrows like
// \vec, boxes, colours, overlaps): the checker reads the argument. Accents that do make another
// symbol (\check, \breve, \mathring, …) and \cancel are not here: they stay opaque atoms (unchecked).
add(['overrightarrow', 'overleftarrow', 'overleftrightarrow', 'underrightarrow', 'underleftarrow', 'underleftrightarrow',
  'Overrightarrow', 'overlinesegment', 'underlinesegment', 'overgroup', 'undergroup', 'underbar', 'colorbox', 'fcolorbox',
  'bbox', 'mathclap', 'mathllap', 'mathrlap', 'clap', 'llap', 'rlap', 'smash', 'vcenter', 'raisebox'], { type: 'boxed' });
add(['infty'], { type: 'opaque', what: '∞' });
// Kept apart so that events can be read: P(A ∩ B), P(A ∪ B).
add(['cap'], { type: 'opaque', what: '∩' });
add(['cup'], { type: 'opaque', what: '∪' });
add(['emptyset', 'varnothing'], { type: 'opaque', what: '∅' });
add(['forall', 'exists', 'nexists', 'neg', 'lnot', 'land', 'lor', 'wedge', 'vee', 'setminus', 'circ', 'otimes', 'oplus',
  'odot', 'star', 'dagger', 'angle', 'triangle', 'checkmark', 'square', 'blacksquare', 'qed'],
  { type: 'opaque', what: 'symbol' });
add(['textcircled', 'href', 'url', 'htmlClass', 'htmlId', 'htmlStyle', 'htmlData', 'rule', 'xrightarrow', 'xleftarrow',
  'xRightarrow', 'xLeftarrow', 'xLeftrightarrow', 'xleftrightarrow', 'xmapsto', 'xlongequal', 'xhookrightarrow'],
  { type: 'opaqueArg', what: 'unsupported' });
add(['partial'], { type: 'partial' });
add(['left'], { type: 'left' });
add(['right'], { type: 'right' });
add(['begin'], { type: 'begin' });
add(['end'], { type: 'end' });
add(['top', 'intercal', 'T'], { type: 'transposeMark' });
add(['prime'], { type: 'prime' });
add(['mid'], { type: 'given' });
add(['stackrel', 'overset', 'underset'], { type: 'stackrel' });
add(['{', 'lbrace'], { type: 'setOpen' });
add(['}', 'rbrace'], { type: 'setClose' });
add(['|'], { type: 'normBar' });

// Names that are \operatorname{…}/\mathrm{…}/\text{…} words for functions.
export const WORD_FUNCTIONS = new Set(['log', 'ln', 'exp', 'det', 'tr', 'Tr', 'trace', 'sin', 'cos', 'tan', 'tanh',
  'softmax', 'sigmoid', 'diag', 'max', 'min', 'sinh', 'cosh']);

/**
 * Function words typed as text that apply to whatever follows, brackets or not (`\text{exp}\left(…\right)`,
 * `\text{log}\,\mathcal{N}`): those of one argument a derivation writes that way (not diag, max, softmax, whose text
 * form is as often a label).
 */
export const TEXT_FUNCTIONS = new Set(['log', 'ln', 'exp', 'det', 'tr']);

/** Superscript words that name a symbol rather than raise it to a power. */
export const DECORATION_WORDS = new Set(['new', 'old', 'next', 'prev', 'ML', 'MLE', 'MAP', 'opt', 'init', 'true', 'est',
  'updated', 'current', 'EM', 'mle', 'map', 'best', 'final',
  // The same words in the languages notes are written in, typed without \text (check/compile.ts decorRole reads them).
  'neu', 'alt', 'nuevo', 'nueva', 'viejo', 'vieja', 'nouveau', 'nouvelle', 'ancien', 'ancienne', 'novo', 'nova', 'antigo', 'antiga',
  'nuovo', 'nuova', 'vecchio', 'vecchia', 'nowy', 'nowa', 'nowe', 'stary', 'stara', 'stare', 'nieuw', 'oud', 'yeni', 'eski']);

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
