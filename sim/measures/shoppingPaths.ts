/**
 * The shopping path as a Markov chain over the states an exposure can pass through, from being shown to being kept
 * or returned. Each exposure starts in `shown`; the counts of each day's transitions become paths.arrow.
 */
export const PATH_STATES = ['shown', 'skipped', 'viewed', 'passed', 'chose', 'tempted', 'resisted', 'gave_in', 'bought', 'carted', 'stopped', 'dropped', 'kept', 'returned'] as const;

export const SHOWN = 0;
export const SKIPPED = 1;
export const VIEWED = 2;
/** Watched without wanting it. */
export const PASSED = 3;
/** A planned choice: the item meets a need and the consumer chose it. */
export const CHOSE = 4;
/** The urge to buy on impulse beat the moment. */
export const TEMPTED = 5;
export const RESISTED = 6;
export const GAVE_IN = 7;
export const BOUGHT = 8;
/** Parked in the cooling-off cart. */
export const CARTED = 9;
/** Wanted but stopped by the spending cap, the balance or an empty stock. */
export const STOPPED = 10;
/** Dropped from the cart on review. */
export const DROPPED = 11;
export const KEPT = 12;
export const RETURNED = 13;

/** Every transition the model can make, in the order paths.arrow lists them each day. */
export const PATH_TRANSITIONS: readonly (readonly [number, number])[] = [
  [SHOWN, SKIPPED],
  [SHOWN, VIEWED],
  [VIEWED, PASSED],
  [VIEWED, CHOSE],
  [VIEWED, TEMPTED],
  [TEMPTED, RESISTED],
  [TEMPTED, GAVE_IN],
  [CHOSE, BOUGHT],
  [CHOSE, STOPPED],
  [GAVE_IN, BOUGHT],
  [GAVE_IN, CARTED],
  [GAVE_IN, STOPPED],
  [CARTED, BOUGHT],
  [CARTED, DROPPED],
  [BOUGHT, KEPT],
  [BOUGHT, RETURNED],
];

const STATES = PATH_STATES.length;

/** One day's transition counts, indexed [from * states + to]. */
export class PathCounts {
  readonly counts = new Float64Array(STATES * STATES);

  add(from: number, to: number): void {
    this.counts[from * STATES + to]++;
  }

  count(from: number, to: number): number {
    return this.counts[from * STATES + to];
  }

  /** Transitions out of `from` today, over every state they led to. */
  leaving(from: number): number {
    let total = 0;
    for (let to = 0; to < STATES; to++) total += this.counts[from * STATES + to];
    return total;
  }

  reset(): void {
    this.counts.fill(0);
  }
}

/** The funnel's stages, each a subset of the one before (output/README.md, "The shopping funnel"). */
export const FUNNEL_STAGES = ['shown', 'viewed', 'wanted', 'bought', 'kept'] as const;

/**
 * The funnel from transition counts (one day's, or summed over days): shown = every exposure, viewed, wanted = planned
 * choices plus impulses given in to, bought = bought from a choice, an impulse or the cart, kept = bought and not
 * returned once judged.
 */
export function funnelOf(count: (from: number, to: number) => number): Record<(typeof FUNNEL_STAGES)[number], number> {
  return {
    shown: count(SHOWN, SKIPPED) + count(SHOWN, VIEWED),
    viewed: count(SHOWN, VIEWED),
    wanted: count(VIEWED, CHOSE) + count(TEMPTED, GAVE_IN),
    bought: count(CHOSE, BOUGHT) + count(GAVE_IN, BOUGHT) + count(CARTED, BOUGHT),
    kept: count(BOUGHT, KEPT),
  };
}
