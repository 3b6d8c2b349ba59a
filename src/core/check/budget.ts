// Bounds on the work of one evaluation. The chain-level time check in
// claims.ts runs between links only; a single short formula (a derivative of
// order 16, the same index summed six times) can take minutes inside one
// link. So the evaluator spends from a Budget in its loops (each term of a
// sum, each forward-mode pass, each data point of a recomputed likelihood),
// and refuses nesting that grows exponentially before it starts. Past the
// budget the claim is unchecked ("too costly to evaluate"), never a verdict.
//
// The work count is deterministic, so the same note gives the same outcome
// on a fast and a slow machine; the clock is a second line of defence for
// work the count does not see (it is read every few hundred units only).

import { QuietError } from '../util/quietError';

/** Thrown by Budget.spend; never an evaluation error (it must not count as "undefined at this point"). */
export class BudgetExceeded extends QuietError {
  override name = 'BudgetExceeded';
}

/**
 * Work units (sum terms, derivative passes, likelihood terms) one evaluation of a
 * claim may spend: 40 times the most any claim of the example notes and
 * ../shared/corpus spends (6,000), about 0.1–0.3 s.
 */
export const MAX_WORK = 250_000;
/** Derivatives nested in one another (∂² counts 2): each level doubles the size of every number. */
export const MAX_DERIVATIVE_DEPTH = 4;

export class Budget {
  private work = 0;
  private nextClock = 256;
  private factor = 1;

  constructor(private readonly maxWork: number, private readonly deadline: number) {}

  /**
   * Runs `f` with its work counted `factor` times: one forward pass for several
   * directions at once does the work of that many passes, and counts as them
   * (a claim is "too costly" at the same point whichever way it is evaluated).
   */
  scaled<T>(factor: number, f: () => T): T {
    const prev = this.factor;
    this.factor = prev * factor;
    try {
      return f();
    } finally {
      this.factor = prev;
    }
  }

  /** Spend `n` units; throws BudgetExceeded past the work limit or the deadline. */
  spend(n = 1): void {
    this.work += n * this.factor;
    if (this.work > this.maxWork) {
      throw new BudgetExceeded(`more than ${this.maxWork.toLocaleString('en-US')} evaluation steps`);
    }
    if (this.work >= this.nextClock) {
      this.nextClock = this.work + 256;
      if (Date.now() > this.deadline) throw new BudgetExceeded('longer than the time budget');
    }
  }

  /** Forget the work spent since `spent` read `to` (an attempt given up and redone another way). */
  rewind(to: number): void {
    this.work = to;
  }

  get spent(): number {
    return this.work;
  }
}

/** A budget that never runs out (environments built outside a claim's evaluation). */
export function unlimitedBudget(): Budget {
  return new Budget(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
}
