// Shared by the statement splitter (extract/statements.ts), which keeps such a word in the formula, and the parser
// (latex/parser.ts), which reads it as a name.

/**
 * An acronym that names a quantity when typed as text in a formula (`\text{NLL}`, `\text{ELBO}`, `\text{MSE}`): two to
 * eight capitals, not one that labels a side, a method or an estimate (`\text{LHS} = \text{RHS}` compares the sides
 * named in the prose, `\hat\mu \; \text{MLE}` tags the estimate). The parser reads it as `\mathrm{…}` does.
 */
export const QUANTITY_ACRONYM = /^(?!(?:LHS|RHS|QED|IID|EM|MLE|MAP|ML|GMM|PDF|CDF|OK|NB|RV|ODE|PS)$)[A-Z]{2,8}$/;
