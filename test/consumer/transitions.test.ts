import { describe, expect, it } from 'vitest';
import { budgetStrain, canAfford, isPayday, passesSpendingCap, priceBurden } from '../../sim/consumer/budget.js';
import { fadeArousal, raiseArousal, resonance } from '../../sim/consumer/emotion.js';
import {
  expectationAtPurchase,
  fitOf,
  judgePurchase,
  ITEM_KEPT,
  ITEM_KEPT_DEFECTIVE,
  ITEM_RETURNED,
  purchaseWelfare,
  returnProbability,
  returnReasonProbability,
  returnWindowFactor,
  returnDelayDays,
} from '../../sim/consumer/evaluation.js';
import { depleteSelfControl, recoverSelfControl, spendOnView } from '../../sim/consumer/selfControl.js';
import { REASON_BUDGET, REASON_DISAPPOINTMENT, REASON_UNNEEDED } from '../../sim/codes.js';
import { smallScenario } from '../helpers/scenarios.js';

const params = smallScenario().consumer;

describe('self-control', () => {
  it('depletes by the temptation cost, more when resisting, more in a live room', () => {
    expect(depleteSelfControl(0.8, false, 0.01, 0.02, 1)).toBeCloseTo(0.79, 12);
    expect(depleteSelfControl(0.8, true, 0.01, 0.02, 1)).toBeCloseTo(0.77, 12);
    expect(depleteSelfControl(0.8, true, 0.01, 0.02, 1.5)).toBeCloseTo(0.755, 12);
    expect(depleteSelfControl(0.02, true, 0.01, 0.02, 1)).toBe(0);
  });
  it('spends a share of what is left on each viewed item, more in a live room, never below 0', () => {
    expect(spendOnView(0.8, 0.015, 1)).toBeCloseTo(0.788, 12);
    expect(spendOnView(0.8, 0.015, 1.5)).toBeCloseTo(0.782, 12);
    let strength = 0.6;
    for (let view = 0; view < 9; view++) strength = spendOnView(strength, 0.015, 1);
    // Nine views, about an active day's: 0.6 * 0.985^9
    expect(strength).toBeCloseTo(0.6 * Math.pow(0.985, 9), 12);
    expect(spendOnView(0.5, 0.8, 1.5)).toBe(0);
  });
  it('recovers a share of the gap to capacity overnight', () => {
    // 0.4 + (0.9 - 0.4) * 0.6 = 0.7
    expect(recoverSelfControl(0.4, 0.9, 0.6)).toBeCloseTo(0.7, 12);
    expect(recoverSelfControl(0.9, 0.9, 0.6)).toBeCloseTo(0.9, 12);
  });
});

describe('emotion', () => {
  it('fades toward baseline and rises with saturation', () => {
    expect(fadeArousal(0.6, 0.2, 0.85)).toBeCloseTo(0.2 + 0.4 * 0.85, 12);
    expect(raiseArousal(0.5, 0.4)).toBeCloseTo(0.7, 12);
    expect(raiseArousal(0.5, 3)).toBe(1);
    expect(resonance(-0.3)).toBe(0);
    expect(resonance(0.5)).toBeCloseTo(0.25, 12);
  });
});

describe('budget', () => {
  it('weighs price on a log scale of daily income and measures strain', () => {
    // income 300 a month: 10 a day; price 20 -> log(1 + 2)
    expect(priceBurden(20, 300)).toBeCloseTo(Math.log(3), 4);
    expect(priceBurden(5000, 300)).toBeCloseTo(Math.log1p(500), 12);
    expect(budgetStrain(100, 400)).toBe(0);
    expect(budgetStrain(300, 400)).toBeCloseTo(0.5, 12);
    expect(budgetStrain(500, 400)).toBe(1);
  });
  it('never lets a purchase exceed the balance or the cap', () => {
    expect(canAfford(10, 10)).toBe(true);
    expect(canAfford(9.99, 10)).toBe(false);
    expect(passesSpendingCap(90, 10, 100, 1)).toBe(true);
    expect(passesSpendingCap(90, 10.5, 100, 1)).toBe(false);
    expect(passesSpendingCap(1e9, 10, 100, null)).toBe(true);
  });
  it('pays on the consumer payday of each 30-day month', () => {
    expect(isPayday(0, 1)).toBe(true);
    expect(isPayday(30, 1)).toBe(true);
    expect(isPayday(14, 15)).toBe(true);
    expect(isPayday(15, 15)).toBe(false);
  });
});

describe('evaluation', () => {
  const evaluation = { ...params.evaluation, expectedQuality: 0.7, arousalInflation: 0.6, hypeInflation: 0.4 };
  it('inflates expectations with arousal above baseline and hype', () => {
    // 0.7 * 0.8 * (1 + 0.6 * 0.3 + 0.4 * 0.5) = 0.56 * 1.38
    expect(expectationAtPurchase(0.8, 0.5, 0.5, evaluation, 0.2)).toBeCloseTo(0.7728, 12);
    expect(expectationAtPurchase(0.8, 0.1, 0, evaluation, 0.2)).toBeCloseTo(0.56, 12);
    expect(fitOf(0.6)).toBeCloseTo(0.8, 12);
  });
  it('regrets by disappointment, strain and lack of need, with the largest as the reason', () => {
    const judged = judgePurchase(0.7728, 0.5, 0.8, 0, true, { ...evaluation, intercept: -2.2, disappointment: 4, budgetStrain: 1.5, noNeed: 0.8 });
    expect(judged.value).toBeCloseTo(0.4, 12);
    expect(judged.disappointment).toBeCloseTo(0.3728, 12);
    expect(judged.regretProbability).toBeCloseTo(1 / (1 + Math.exp(-(-2.2 + 4 * 0.3728))), 6);
    expect(judged.reason).toBe(REASON_DISAPPOINTMENT);
    const unneeded = judgePurchase(0.3, 0.9, 0.8, 0, false, { ...evaluation, intercept: -2.2, disappointment: 4, budgetStrain: 1.5, noNeed: 0.8 });
    expect(unneeded.disappointment).toBe(0);
    expect(unneeded.reason).toBe(REASON_UNNEEDED);
    expect(unneeded.regretProbability).toBeCloseTo(1 / (1 + Math.exp(1.4)), 6);
    const strained = judgePurchase(0.3, 0.9, 0.8, 1, true, { ...evaluation, intercept: -2.2, disappointment: 4, budgetStrain: 1.5, noNeed: 0.8 });
    expect(strained.reason).toBe(REASON_BUDGET);
  });
  it('sends a return back within its window, most often in the first week', () => {
    expect(returnDelayDays(0, 14)).toBe(0);
    expect(returnDelayDays(0.999999, 14)).toBe(13);
    expect(returnDelayDays(0.5, 1)).toBe(0);
    expect(returnDelayDays(0.5, 0)).toBe(0);
    // The median of an exponential (scale 7) conditioned on the first 14 days: -7 ln(1 - 0.5 (1 - e^-2)) = 3.96 days.
    expect(returnDelayDays(0.5, 14)).toBe(3);
    const delays = Array.from({ length: 1000 }, (_, k) => returnDelayDays((k + 0.5) / 1000, 30));
    expect(Math.max(...delays)).toBe(29);
    expect(delays.filter((d) => d < 7).length).toBeGreaterThan(600);
  });

  it('allows returns only within a window, in full at 14 days', () => {
    expect(returnWindowFactor(0)).toBe(0);
    expect(returnWindowFactor(14)).toBeCloseTo(1, 12);
    expect(returnWindowFactor(7)).toBeCloseTo((1 - Math.exp(-1)) / (1 - Math.exp(-2)), 12);
    expect(returnProbability(true, 1, { ...evaluation, returnGivenRegret: 0.55, returnWithoutRegret: 0.03 })).toBeCloseTo(0.55, 12);
    expect(returnProbability(false, 0.5, { ...evaluation, returnGivenRegret: 0.55, returnWithoutRegret: 0.03 })).toBeCloseTo(0.015, 12);
  });
  it("values a kept purchase at its category's median price times realized value, less the price paid and regret", () => {
    // typical value 0.7 * 0.75 = 0.525: worth exactly the category median (40) -> bought at 50, -10
    expect(purchaseWelfare(50, 40, 0.525, 0.7, false, false, ITEM_KEPT)).toBeCloseTo(-10, 12);
    expect(purchaseWelfare(40, 40, 0.525, 0.7, false, false, ITEM_KEPT)).toBeCloseTo(0, 12);
    // value 0.42: worth 40 * 0.8 = 32; needed: 32 * 1.25 = 40
    expect(purchaseWelfare(30, 40, 0.42, 0.7, false, false, ITEM_KEPT)).toBeCloseTo(2, 12);
    expect(purchaseWelfare(30, 40, 0.42, 0.7, true, false, ITEM_KEPT)).toBeCloseTo(10, 12);
    // regret costs 0.2 * 30 = 6, kept or returned; a returned item is neither kept nor paid for
    expect(purchaseWelfare(30, 40, 0.42, 0.7, false, true, ITEM_KEPT)).toBeCloseTo(-4, 12);
    expect(purchaseWelfare(30, 40, 0.42, 0.7, false, true, ITEM_RETURNED)).toBeCloseTo(-6, 12);
    expect(purchaseWelfare(30, 40, 0.42, 0.7, false, false, ITEM_RETURNED)).toBeCloseTo(0, 12);
    // a defect found after the window: kept, worth nothing, the price lost
    expect(purchaseWelfare(30, 40, 0.42, 0.7, true, false, ITEM_KEPT_DEFECTIVE)).toBeCloseTo(-30, 12);
  });

  it('lets a reason to return surface after the window: more of them the shorter the window', () => {
    const shares = { ...evaluation, returnGivenRegret: 0.55, returnWithoutRegret: 0.03 };
    // Under a window without end: the 14-day chance over the share of reasons that surface within 14 days.
    expect(returnReasonProbability(false, shares)).toBeCloseTo(0.03 / (1 - Math.exp(-2)), 12);
    expect(returnReasonProbability(true, { ...shares, returnGivenRegret: 0.95 })).toBe(1);
    for (const regretted of [false, true]) {
      const surfaced = returnReasonProbability(regretted, shares);
      const returnedIn = (days: number) => returnProbability(regretted, returnWindowFactor(days), shares);
      expect(returnedIn(0)).toBe(0);
      expect(returnedIn(7)).toBeLessThan(returnedIn(14));
      expect(returnedIn(14)).toBeLessThan(surfaced);
      expect(returnedIn(10_000)).toBeCloseTo(surfaced, 12);
    }
  });

  it('never rewards a higher price for the same item and buyer', () => {
    for (const [value, needed, regretted, returned] of [
      [0.3, false, false, false],
      [0.6, true, false, false],
      [0.5, false, true, false],
      [0.5, true, true, true],
    ] as const) {
      const cheap = purchaseWelfare(20, 40, value, 0.7, needed, regretted, returned ? ITEM_RETURNED : ITEM_KEPT);
      const dear = purchaseWelfare(80, 40, value, 0.7, needed, regretted, returned ? ITEM_RETURNED : ITEM_KEPT);
      expect(dear, JSON.stringify({ value, needed, regretted, returned })).toBeLessThanOrEqual(cheap);
    }
  });
});
