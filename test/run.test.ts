import { afterAll, describe, expect, it } from 'vitest';
import { numbers, strings, tempRuns, type TempRun } from './helpers/runs.js';
import { smallScenario } from './helpers/scenarios.js';

const TABLES = ['purchases', 'regret', 'consumers', 'days', 'hours'];
const { run, cleanup } = tempRuns(smallScenario);
afterAll(cleanup);

describe('a whole run', () => {
  let stockNeverNegative = true;
  let budgetsNeverNegative = true;
  const base = run({}, {
    onDay: (_day: number, world: { catalog: { stock: Int32Array }; population: { budget: Float64Array } }) => {
      if (world.catalog.stock.some((s) => s < 0)) stockNeverNegative = false;
      if (world.population.budget.some((b) => b < 0)) budgetsNeverNegative = false;
    },
  });

  it('gives byte-identical Arrow files for the same scenario and seed, different ones for another seed', () => {
    const again = run();
    for (const name of TABLES) expect(again.bytes(name).equals(base.bytes(name)), name).toBe(true);
    const other = run({ run: { seed: 8 } });
    expect(other.bytes('purchases').equals(base.bytes('purchases'))).toBe(false);
  });

  it('keeps budgets and stock non-negative every day', () => {
    expect(base.result.summary.purchases).toBeGreaterThan(100);
    expect(stockNeverNegative).toBe(true);
    expect(budgetsNeverNegative).toBe(true);
    const purchases = base.table('purchases');
    const price = numbers(purchases, 'price');
    const budget = numbers(purchases, 'budget');
    expect(price.every((p, k) => p > 0 && p <= budget[k] + 1e-9)).toBe(true);
    expect(numbers(base.table('consumers'), 'budget').every((b) => b >= 0)).toBe(true);
  });

  it('keeps probabilities and states in range and refunds within price', () => {
    const regret = base.table('regret');
    expect(numbers(regret, 'regret').every((p) => p >= 0 && p <= 1)).toBe(true);
    const refund = numbers(regret, 'refund');
    const price = numbers(regret, 'price');
    const returned = numbers(regret, 'returned');
    expect(refund.every((r, k) => r >= 0 && r <= price[k] && (r > 0) === (returned[k] === 1))).toBe(true);
    const purchases = base.table('purchases');
    for (const column of ['emotion', 'self_control', 'trust']) {
      expect(numbers(purchases, column).every((v) => v >= 0 && v <= 1), column).toBe(true);
    }
    const days = base.table('days');
    for (const column of ['mean_emotion', 'mean_trust', 'mean_self_control', 'sales_gini']) {
      expect(numbers(days, column).every((v) => v >= 0 && v <= 1), column).toBe(true);
    }
  });

  it('agrees on row counts across tables', () => {
    const purchases = base.table('purchases');
    const consumers = base.table('consumers');
    const days = base.table('days');
    const regret = base.table('regret');
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(purchases.numRows).toBe(sum(numbers(consumers, 'purchases')));
    expect(purchases.numRows).toBe(sum(numbers(days, 'purchases')));
    expect(strings(purchases, 'kind').filter((k) => k === 'impulse').length).toBe(sum(numbers(consumers, 'impulse_purchases')));
    expect(consumers.numRows).toBe(1500);
    expect(days.numRows).toBe(20);
    expect(regret.numRows).toBeLessThanOrEqual(purchases.numRows);
    expect(regret.numRows).toBe(sum(numbers(days, 'evaluated')));
    expect(sum(numbers(regret, 'regretted'))).toBe(sum(numbers(consumers, 'regrets')));
    expect(sum(numbers(regret, 'returned'))).toBe(sum(numbers(consumers, 'returns')));
    const ids = new Set(numbers(purchases, 'purchase_id'));
    expect(numbers(regret, 'purchase_id').every((id) => ids.has(id))).toBe(true);
    expect(base.result.rowCounts).toEqual({ purchases: purchases.numRows, regret: regret.numRows, days: 20, hours: 20 * 24, consumers: 1500 });
  });
});

describe('directional checks (same seed, common random numbers)', () => {
  const base = run({ population: { size: 3000 }, run: { days: 30 } });

  it('a cooling-off cart lowers impulse purchases', () => {
    const cooled = run({ population: { size: 3000 }, run: { days: 30 }, platform: { nudges: { coolingOffDays: 1 } } });
    console.log(`impulse purchases: default ${base.result.summary.impulse_purchases}, cooling-off ${cooled.result.summary.impulse_purchases}`);
    expect(cooled.result.summary.impulse_purchases).toBeLessThan(0.5 * base.result.summary.impulse_purchases);
    expect(cooled.result.summary.cart_share).toBeGreaterThan(0);
  });

  it('more urgency labels raise impulse purchases', () => {
    const none = run({ population: { size: 3000 }, run: { days: 30 }, platform: { overPush: { urgencyShare: 0 } } });
    const many = run({ population: { size: 3000 }, run: { days: 30 }, platform: { overPush: { urgencyShare: 0.8 } } });
    console.log(`impulse purchases: urgency 0 -> ${none.result.summary.impulse_purchases}, 0.8 -> ${many.result.summary.impulse_purchases}`);
    expect(many.result.summary.impulse_purchases).toBeGreaterThan(1.1 * none.result.summary.impulse_purchases);
  });

  it('search-based shopping has fewer purchases per consumer than the personalized feed', () => {
    const search = run({
      population: { size: 3000 },
      run: { days: 30 },
      platform: { policy: 'search', overPush: { pushesPerDay: 0, urgencyShare: 0, liveShare: 0 } },
    });
    const perConsumer = (r: TempRun) => r.result.summary.purchases / r.result.summary.consumers;
    console.log(`purchases per consumer: default ${perConsumer(base).toFixed(3)}, search ${perConsumer(search).toFixed(3)}`);
    expect(perConsumer(search)).toBeLessThan(0.8 * perConsumer(base));
  });
});
