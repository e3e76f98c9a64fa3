/**
 * Codes of the categorical columns. The arrays are the dictionaries of the Arrow tables, so a code is an index into
 * its array; the order is part of the output format.
 */
export const PURCHASE_KINDS = ['planned', 'impulse', 'cart'] as const;
/** Where a purchase decision came from, whichever way it was then bought: the cart takes only impulse decisions. */
export const PURCHASE_ORIGINS = ['planned', 'impulse'] as const;
export const ORIGIN_PLANNED = 0;
export const ORIGIN_IMPULSE = 1;

/** The origin of a purchase of a kind (PURCHASE_KINDS): planned stays planned; impulse and cart began as impulses. */
export function originOf(kind: number): number {
  return kind === KIND_PLANNED ? ORIGIN_PLANNED : ORIGIN_IMPULSE;
}
export const KIND_PLANNED = 0;
export const KIND_IMPULSE = 1;
export const KIND_CART = 2;

export const SOURCES = ['feed', 'live', 'search', 'push', 'social'] as const;
export const SOURCE_FEED = 0;
export const SOURCE_LIVE = 1;
export const SOURCE_SEARCH = 2;
export const SOURCE_PUSH = 3;
/** A friend's shared purchase shown as a post in the feed. */
export const SOURCE_SOCIAL = 4;

/** The nudge that shaped a purchase (or an attempted one). */
export const NUDGES = ['none', 'cooling_off', 'budget_reminder', 'rational_tips', 'spending_cap', 'transparency'] as const;
export const NUDGE_NONE = 0;
export const NUDGE_COOLING_OFF = 1;
export const NUDGE_BUDGET_REMINDER = 2;
export const NUDGE_RATIONAL_TIPS = 3;
export const NUDGE_SPENDING_CAP = 4;
export const NUDGE_TRANSPARENCY = 5;

/** The strongest reason behind a regret, or why an unregretted purchase came back. */
export const REGRET_REASONS = ['none', 'disappointment', 'budget', 'unneeded', 'defect'] as const;
export const REASON_NONE = 0;
export const REASON_DISAPPOINTMENT = 1;
export const REASON_BUDGET = 2;
export const REASON_UNNEEDED = 3;
export const REASON_DEFECT = 4;
