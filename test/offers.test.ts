import { afterAll, describe, expect, it } from 'vitest';
import { numbers, strings, tempRuns } from './helpers/runs.js';
import { smallScenario } from './helpers/scenarios.js';

const { run, cleanup } = tempRuns(smallScenario);
afterAll(cleanup);

/** Each item's distinct prices paid in a run's purchases.arrow. */
function pricesByItem(table: ReturnType<ReturnType<typeof run>['table']>): Map<number, Set<number>> {
  const items = numbers(table, 'item_id');
  const prices = numbers(table, 'price');
  const byItem = new Map<number, Set<number>>();
  items.forEach((item, k) => byItem.set(item, (byItem.get(item) ?? new Set()).add(prices[k])));
  return byItem;
}

describe('limited-time offers', () => {
  it('are a label only without a discount: an item always sells at its one price', () => {
    const plain = run({ catalog: { limitedOfferShare: 0.5, offerDiscount: 0, offerHours: 24 } });
    expect([...pricesByItem(plain.table('purchases')).values()].every((prices) => prices.size === 1)).toBe(true);
  });

  it('take a fifth off for six hours by default', () => {
    const scenario = smallScenario();
    expect([scenario.catalog.offerDiscount, scenario.catalog.offerHours]).toEqual([0.2, 6]);
    const offered = run({ catalog: { limitedOfferShare: 0.5 } });
    const twoPrices = [...pricesByItem(offered.table('purchases')).values()].filter((prices) => prices.size > 1);
    expect(twoPrices.length).toBeGreaterThan(5);
    for (const prices of twoPrices) {
      const [low, high] = [...prices].sort((a, b) => a - b);
      expect(low).toBeCloseTo(Math.round(high * 0.8 * 100) / 100, 6);
    }
  });

  it('cut the price by offerDiscount while they run, and only then', () => {
    const discounted = run({ catalog: { limitedOfferShare: 0.5, offerDiscount: 0.3 } });
    const twoPrices = [...pricesByItem(discounted.table('purchases')).values()].filter((prices) => prices.size > 1);
    expect(twoPrices.length).toBeGreaterThan(20);
    for (const prices of twoPrices) {
      expect(prices.size).toBe(2);
      const [low, high] = [...prices].sort((a, b) => a - b);
      expect(low).toBeCloseTo(Math.round(high * 0.7 * 100) / 100, 6);
    }
  });

  it('of a few hours run in consecutive hours and end before the cart review', () => {
    const timed = run({ catalog: { limitedOfferShare: 0.5, offerDiscount: 0.3, offerHours: 3 }, platform: { nudges: { coolingOffDays: 1 } } });
    const purchases = timed.table('purchases');
    const items = numbers(purchases, 'item_id');
    const prices = numbers(purchases, 'price');
    const hours = numbers(purchases, 'hour');
    const days = numbers(purchases, 'day');
    const listPrice = new Map<number, number>();
    items.forEach((item, k) => listPrice.set(item, Math.max(listPrice.get(item) ?? 0, prices[k])));
    const discountedHours = new Map<string, number[]>();
    items.forEach((item, k) => {
      if (prices[k] >= listPrice.get(item)!) return;
      const key = `${days[k]}/${item}`;
      discountedHours.set(key, [...(discountedHours.get(key) ?? []), hours[k]]);
    });
    expect(discountedHours.size).toBeGreaterThan(10);
    for (const [, offerHours] of discountedHours) {
      expect(Math.max(...offerHours) - Math.min(...offerHours)).toBeLessThan(3);
      expect(offerHours.includes(24)).toBe(false);
    }
    expect(strings(purchases, 'kind').filter((kind) => kind === 'cart').length).toBeGreaterThan(0);
  });
});

describe('false urgency', () => {
  it('costs trust only where labels are false', () => {
    const honest = { platform: { overPush: { urgencyShare: 0 } }, catalog: { limitedOfferShare: 0.3 } };
    const free = run(honest);
    const priced = run({ ...honest, consumer: { trust: { falseUrgencyLoss: 0.5 } } });
    // Offers and real scarcity are labelled too, but truthfully: no trust is lost.
    expect(priced.bytes('consumers').equals(free.bytes('consumers'))).toBe(true);
    const pushy = { platform: { overPush: { urgencyShare: 0.5 } } };
    const unpriced = run(pushy);
    const found = run({ ...pushy, consumer: { trust: { falseUrgencyLoss: 0.5 } } });
    const trust = (r: ReturnType<typeof run>) => r.result.summary.trust_end;
    const foundOut = found.result.summary.false_labels_found_out;
    console.log(`trust at the end with half the slots falsely labelled: free ${trust(unpriced).toFixed(4)}, half their trust per false label found out ${trust(found).toFixed(4)} (${foundOut} found out)`);
    expect(foundOut).toBeGreaterThan(0);
    expect(trust(found)).toBeLessThan(trust(unpriced) - 0.03);
  });
});
