import { REASON_BUDGET, REASON_DEFECT, REASON_DISAPPOINTMENT, REASON_NONE, REASON_UNNEEDED } from '../codes.js';
import { logistic } from '../math/logistic.js';
import type { ConsumerParams } from '../scenario/schema.js';

/** Fit of an item to a consumer in [0, 1] from the cosine of interests and features. */
export function fitOf(match: number): number {
  return (1 + match) / 2;
}

/**
 * What the buyer expects at purchase: the usual quality times fit, inflated by arousal above baseline and by the
 * item's hype (Zheng: emotional purchase; Rexidin: live hosts amplify expectations).
 */
export function expectationAtPurchase(
  fit: number,
  arousal: number,
  hype: number,
  params: ConsumerParams['evaluation'],
  baseline: number,
): number {
  const excitement = arousal > baseline ? arousal - baseline : 0;
  return params.expectedQuality * fit * (1 + params.arousalInflation * excitement + params.hypeInflation * hype);
}

/** The outcome of judging one delivered purchase. */
export interface Judgement {
  value: number;
  disappointment: number;
  regretProbability: number;
  reason: number;
}

/**
 * Judges a delivered purchase: realized value is quality times fit; disappointment (expectation above value),
 * budget strain and lack of need raise the chance of regret. The reason is the largest of the three terms.
 */
export function judgePurchase(
  expectation: number,
  quality: number,
  fit: number,
  strain: number,
  needed: boolean,
  params: ConsumerParams['evaluation'],
): Judgement {
  const value = quality * fit;
  const disappointment = expectation > value ? expectation - value : 0;
  const disappointmentTerm = params.disappointment * disappointment;
  const strainTerm = params.budgetStrain * strain;
  const needTerm = needed ? 0 : params.noNeed;
  const regretProbability = logistic(params.intercept + disappointmentTerm + strainTerm + needTerm);
  let reason = REASON_DISAPPOINTMENT;
  let largest = disappointmentTerm;
  if (strainTerm > largest) {
    largest = strainTerm;
    reason = REASON_BUDGET;
  }
  if (needTerm > largest) {
    largest = needTerm;
    reason = REASON_UNNEEDED;
  }
  if (largest <= 0) reason = REASON_NONE;
  return { value, disappointment, regretProbability, reason };
}

/** Reference window (days) at which the return shares apply in full: the EU right of withdrawal. */
const REFERENCE_WINDOW_DAYS = 14;
const RETURN_TIME_SCALE_DAYS = 7;

/**
 * How much of the return propensity a window allows: 0 with no window, 1 at 14 days, saturating beyond
 * (assumption: reasons to return surface early; most returns happen in the first week).
 */
export function returnWindowFactor(windowDays: number): number {
  if (windowDays <= 0) return 0;
  return windowReach(windowDays) / windowReach(REFERENCE_WINDOW_DAYS);
}

/** Chance that a reason to return surfaces within `days` of delivery (exponential, scale RETURN_TIME_SCALE_DAYS). */
function windowReach(days: number): number {
  return 1 - Math.exp(-days / RETURN_TIME_SCALE_DAYS);
}

/**
 * Days from delivery until a returned item is sent back, for a uniform draw u: a reason to return surfaces at an
 * exponential time (scale 7 days, as in returnWindowFactor), conditioned on surfacing within the window. Returns
 * 0 (the day of delivery) to windowDays - 1.
 */
export function returnDelayDays(u: number, windowDays: number): number {
  if (windowDays <= 1) return 0;
  const days = Math.floor(-RETURN_TIME_SCALE_DAYS * Math.log1p(-u * windowReach(windowDays)));
  return days < windowDays ? days : windowDays - 1;
}

/** Chance of a return: regretted purchases come back often, others rarely (defects, size). */
export function returnProbability(regretted: boolean, windowFactor: number, params: ConsumerParams['evaluation']): number {
  const p = (regretted ? params.returnGivenRegret : params.returnWithoutRegret) * windowFactor;
  return p > 1 ? 1 : p;
}

/**
 * Chance that a reason to return surfaces at all, however long after delivery: the return chance under a window
 * without end. A draw below {@link returnProbability} is a return; a draw between the two is a reason that surfaced
 * after the window closed, so the item is kept.
 */
export function returnReasonProbability(regretted: boolean, params: ConsumerParams['evaluation']): number {
  return returnProbability(regretted, 1 / windowReach(REFERENCE_WINDOW_DAYS), params);
}

/** What became of an evaluated purchase, for its welfare. */
export const ITEM_KEPT = 0;
export const ITEM_RETURNED = 1;
/** A defect or wrong size that surfaced after the return window closed: kept, and worth nothing to its buyer. */
export const ITEM_KEPT_DEFECTIVE = 2;

/** The reason recorded for a return that was not regretted. */
export const UNREGRETTED_RETURN_REASON = REASON_DEFECT;

/** Hassle and remorse of a regretted purchase, as a share of its price (assumption). */
const REGRET_COST_SHARE = 0.2;
/** Fit of a typical purchase: an item of expected quality at this fit is worth its category's median price (assumption). */
const REFERENCE_FIT = 0.75;
/** Extra worth of an item that meets an active need (assumption). */
const NEED_PREMIUM = 0.25;

/**
 * Consumer welfare of one evaluated purchase, in money: what the item is worth to the buyer, minus what they paid
 * for it, minus the cost of regret. Worth is the category's median price times realized value over the value of a
 * typical purchase (expected quality at a typical fit), plus a premium when it met a need: it depends on the item
 * and the buyer, never on the price paid, so paying more for the same item always lowers welfare. A returned item
 * is neither kept nor paid for (worth and price both drop out, the refund making the buyer whole); a defective item
 * kept because the window had closed is worth nothing; a regretted purchase costs a share of its price whether it is
 * kept or returned.
 */
export function purchaseWelfare(
  price: number,
  categoryMedianPrice: number,
  value: number,
  expectedQuality: number,
  needed: boolean,
  regretted: boolean,
  outcome: number,
): number {
  const worth = outcome === ITEM_KEPT_DEFECTIVE ? 0 : categoryMedianPrice * (value / (expectedQuality * REFERENCE_FIT)) * (needed ? 1 + NEED_PREMIUM : 1);
  const surplus = outcome === ITEM_RETURNED ? 0 : worth - price;
  return surplus - (regretted ? REGRET_COST_SHARE * price : 0);
}
