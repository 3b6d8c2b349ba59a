// The `gmmCheck.aliases` setting: LaTeX symbol → the quantity it stands for.
// The core takes a symbol's name without its indices (`\phi`, `w`) and one of
// its quantity names (`weight`, `mean`, …). People write what they see in
// their notes (`"\\phi_k": "\\pi_k"`), so both sides are read leniently here,
// and anything that still means nothing is reported (output channel and a
// warning naming the valid values) instead of being ignored in silence.
import { QUANTITIES } from '../core/check/notation';

/** The quantities an alias can name, with what a student would write for each. */
export const QUANTITY_EXAMPLES: Record<(typeof QUANTITIES)[number], string> = {
  weight: '\\pi_k (mixture weight)',
  mean: '\\mu_k (mean)',
  std: '\\sigma_k (standard deviation)',
  cov: '\\Sigma_k (covariance)',
  data: 'x_i (data point)',
  resp: '\\gamma_{ik} (responsibility)',
  effcount: 'N_k (effective count)',
  loglik: '\\mathcal{L} (log-likelihood)',
  lambda: '\\lambda (Lagrange multiplier)',
  density: '\\mathcal{N} (Gaussian density)',
};

/** A quantity written as LaTeX (`\pi_k`, `\Sigma`) → its name. */
const BY_LATEX: Record<string, (typeof QUANTITIES)[number]> = {
  '\\pi': 'weight', '\\mu': 'mean', '\\sigma': 'std', '\\Sigma': 'cov', x: 'data', '\\gamma': 'resp', r: 'resp',
  N: 'effcount', '\\mathcal{L}': 'loglik', '\\ell': 'loglik', '\\lambda': 'lambda', '\\mathcal{N}': 'density',
};

/** `\phi_k`, `\phi_{k}`, `{\phi}` → `\phi`: the core matches a symbol's name without indices. */
function baseSymbol(latex: string): string {
  let s = latex.trim().replace(/^\{(.*)\}$/, '$1').trim();
  s = s.replace(/\s*(_\{[^{}]*\}|_[A-Za-z0-9])\s*$/, '').trim();
  s = s.replace(/^\\(boldsymbol|mathbf|bm)\{(.*)\}$/, '$2').trim();
  return s;
}

export interface AliasReading {
  aliases: Record<string, string>;
  /** One line per entry that means nothing, saying why. */
  problems: string[];
}

export function readAliases(raw: unknown): AliasReading {
  const aliases: Record<string, string> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { aliases, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('gmmCheck.aliases must be an object such as { "\\\\phi": "weight" }');
    return { aliases, problems };
  }
  const names = QUANTITIES as readonly string[];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'string') {
      problems.push(`"${key}": the value must be a string, one of ${names.join(', ')}`);
      continue;
    }
    const symbol = baseSymbol(key);
    if (!/^(\\[A-Za-z]+|[A-Za-z]|\\math(cal|frak|bb|scr)\{\\?[A-Za-z]+\})$/.test(symbol)) {
      problems.push(`"${key}": not a symbol the checker reads (write a letter or a command such as \\\\phi, without indices)`);
      continue;
    }
    const v = value.trim();
    const quantity = names.includes(v) ? v : names.find((n) => n.toLowerCase() === v.toLowerCase()) ?? BY_LATEX[baseSymbol(v)];
    if (!quantity) {
      problems.push(`"${key}": "${value}" is not a quantity; use one of ${names.join(', ')}`);
      continue;
    }
    aliases[symbol] = quantity;
  }
  return { aliases, problems };
}
