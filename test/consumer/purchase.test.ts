import { afterEach, describe, expect, it } from 'vitest';
import { KIND_CART, KIND_IMPULSE, KIND_PLANNED, SOURCE_FEED } from '../../sim/codes.js';
import { reviewCart } from '../../sim/consumer/cart.js';
import { syncHour } from '../../sim/parallel/replicaSync.js';
import { attemptPurchase, PurchaseOutcome, type PurchaseMoment } from '../../sim/consumer/purchase.js';
import { buildWorld } from '../helpers/world.js';
import { smallScenario } from '../helpers/scenarios.js';

let close = () => {};
afterEach(() => close());

const moment = (item: number, kind: number): PurchaseMoment => ({ key: 0, item, kind, source: SOURCE_FEED, slot: 3, match: 0.5, urgency: 1, socialProof: 0.2, socialProofCount: 4 });

function setUp(overrides: Record<string, unknown> = {}) {
  const built = buildWorld(smallScenario(overrides));
  close = built.close;
  const { world } = built;
  const pop = world.population;
  const item = 5;
  const category = world.catalog.category[item];
  const price = world.catalog.price[item];
  pop.budget[0] = 10 * price;
  pop.income[0] = 20 * price;
  pop.cycleSpend[0] = 0;
  return { world, pop, item, category, price };
}

describe('attemptPurchase', () => {
  it('moves money, stock, need and counters for a purchase the budget covers', () => {
    const { world, pop, item, category, price } = setUp();
    pop.need[category] = 0.9;
    const stock = world.catalog.stock[item];
    expect(attemptPurchase(world, 0, moment(item, KIND_PLANNED))).toBe(PurchaseOutcome.Bought);
    expect(pop.budget[0]).toBeCloseTo(9 * price, 9);
    expect(pop.cycleSpend[0]).toBeCloseTo(price, 9);
    expect(pop.need[category]).toBe(0);
    expect([pop.purchases[0], world.today.planned, world.today.purchases]).toEqual([1, 1, 1]);
    // Stock, counters and the platform's item counts move when the hour ends, for every buyer of the hour at once.
    expect([world.catalog.stock[item], world.catalog.salesToday[item], world.platform.observations.itemPurchases[item]]).toEqual([stock, 0, 0]);
    syncHour(world);
    expect(world.catalog.stock[item]).toBe(stock - 1);
    expect(world.catalog.salesToday[item]).toBe(1);
    expect(world.platform.observations.itemPurchases[item]).toBe(1);
    expect(world.deliveries.length).toBe(1);
    expect(world.tables!.purchases.rowCount).toBe(1);
  });

  it('fills every order placed in the hour an item sells out, ends the hour at zero stock and counts the oversold units', () => {
    const { world, pop, item, price } = setUp();
    world.catalog.stock[item] = 1;
    pop.budget[1] = 10 * price;
    pop.income[1] = 20 * price;
    // Two buyers in one hour both see the last unit in stock.
    expect(attemptPurchase(world, 0, moment(item, KIND_IMPULSE))).toBe(PurchaseOutcome.Bought);
    expect(attemptPurchase(world, 1, moment(item, KIND_IMPULSE))).toBe(PurchaseOutcome.Bought);
    syncHour(world);
    expect([world.catalog.stock[item], world.oversoldToday, world.catalog.salesToday[item]]).toEqual([0, 1, 2]);
    // The next hour's buyer finds it sold out.
    expect(attemptPurchase(world, 0, moment(item, KIND_IMPULSE))).toBe(PurchaseOutcome.OutOfStock);
  });

  it('never lets the budget go negative: an unaffordable purchase does not happen', () => {
    const { world, pop, item, price } = setUp();
    pop.budget[0] = price - 0.01;
    expect(attemptPurchase(world, 0, moment(item, KIND_IMPULSE))).toBe(PurchaseOutcome.Unaffordable);
    expect(pop.budget[0]).toBeCloseTo(price - 0.01, 9);
    expect(pop.purchases[0]).toBe(0);
    expect(world.today.unaffordable).toBe(1);
  });

  it('blocks spending past the cap and fires a reminder past its threshold', () => {
    const { world, pop, item, price } = setUp({ platform: { nudges: { spendingCap: 0.5, budgetReminder: 0.3 } } });
    pop.income[0] = 4 * price; // cap = 2 prices, reminder at 1.2 prices
    expect(attemptPurchase(world, 0, moment(item, KIND_IMPULSE))).toBe(PurchaseOutcome.Bought);
    expect(pop.reminded[0]).toBe(0);
    expect(attemptPurchase(world, 0, moment(item, KIND_IMPULSE))).toBe(PurchaseOutcome.Bought);
    expect(pop.reminded[0]).toBe(1);
    expect(world.today.reminders).toBe(1);
    expect(attemptPurchase(world, 0, moment(item, KIND_IMPULSE))).toBe(PurchaseOutcome.Blocked);
    expect(pop.purchases[0]).toBe(2);
    expect(world.today.blocked).toBe(1);
  });

  it('counts an over-budget event once per pay cycle when spending passes income', () => {
    const { world, pop, item, price } = setUp();
    pop.income[0] = 1.5 * price;
    attemptPurchase(world, 0, moment(item, KIND_IMPULSE));
    expect(pop.overBudgetCycles[0]).toBe(0);
    attemptPurchase(world, 0, moment(item, KIND_IMPULSE));
    attemptPurchase(world, 0, moment(item, KIND_IMPULSE));
    expect(pop.overBudgetCycles[0]).toBe(1);
    expect(world.today.overBudgetEvents).toBe(1);
  });
});

describe('cooling-off cart', () => {
  it('parks an impulse purchase without spending, then buys it calmly after the delay when it is kept', () => {
    const { world, pop, item, price } = setUp({ platform: { nudges: { coolingOffDays: 1 } }, consumer: { cart: { intercept: 50 } } });
    world.day = 3;
    expect(attemptPurchase(world, 0, moment(item, KIND_IMPULSE))).toBe(PurchaseOutcome.Carted);
    expect(pop.budget[0]).toBeCloseTo(10 * price, 9);
    expect([world.cart.length, world.today.carted, pop.purchases[0]]).toEqual([1, 1, 0]);
    reviewCart(world); // same day: the delay has not passed
    expect(world.cart.length).toBe(1);
    world.day = 4;
    pop.emotion[0] = 0.9;
    reviewCart(world);
    expect(world.cart.length).toBe(0);
    expect([pop.purchases[0], pop.cartPurchases[0], world.today.cartPurchases]).toEqual([1, 1, 1]);
    expect(pop.emotion[0]).toBe(world.scenario.consumer.emotion.baseline);
    expect(world.deliveries.columns.kind[world.deliveries.first]).toBe(KIND_CART);
    expect(pop.budget[0]).toBeCloseTo(9 * price, 9);
  });

  it('drops a cart item the calm consumer does not want, and leaves planned purchases alone', () => {
    const { world, pop, item, category } = setUp({ platform: { nudges: { coolingOffDays: 1 } }, consumer: { cart: { intercept: -50 } } });
    attemptPurchase(world, 0, moment(item, KIND_IMPULSE));
    world.day = 1;
    reviewCart(world);
    expect([world.cart.length, pop.purchases[0], world.today.cartDropped]).toEqual([0, 0, 1]);
    pop.need[category] = 0.9;
    expect(attemptPurchase(world, 0, moment(item, KIND_PLANNED))).toBe(PurchaseOutcome.Bought);
  });
});
