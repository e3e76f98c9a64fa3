import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { funnelOf, PATH_STATES } from '../sim/measures/shoppingPaths.js';
import { numbers, strings, tempRuns, type TempRun } from './helpers/runs.js';
import { smallScenario } from './helpers/scenarios.js';

const TABLES = ['purchases', 'regret', 'consumers', 'days', 'hours', 'segments', 'paths'];
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

  it('with returnTiming over-window, sends returns back on days spread over the window, and refunds them then', () => {
    const spread = run({ consumer: { evaluation: { returnTiming: 'over-window' } } });
    const regret = spread.table('regret');
    const returned = numbers(regret, 'returned');
    const evaluated = numbers(regret, 'day_evaluated');
    const dayReturned = numbers(regret, 'day_returned');
    const rows = returned.map((r, k) => ({ r, delay: dayReturned[k] - evaluated[k], day: dayReturned[k] }));
    expect(rows.every(({ r, day }) => (r === 1) === (day >= 0))).toBe(true);
    const returnedRows = rows.filter(({ r }) => r === 1);
    expect(returnedRows.length).toBeGreaterThan(30);
    expect(returnedRows.every(({ delay }) => delay >= 0 && delay <= 13)).toBe(true);
    // Most reasons to return surface in the first week, some later, a few on the day of delivery.
    const share = (test: (delay: number) => boolean) => returnedRows.filter(({ delay }) => test(delay)).length / returnedRows.length;
    expect(share((d) => d === 0)).toBeGreaterThan(0.03);
    expect(share((d) => d < 7)).toBeGreaterThan(0.55);
    expect(share((d) => d >= 7)).toBeGreaterThan(0.1);
    // The day's refunds are the prices of the returns sent back that day.
    const price = numbers(regret, 'price');
    const refundsByDay = new Array(20).fill(0);
    rows.forEach(({ r, day }, k) => {
      if (r === 1 && day < 20) refundsByDay[day] += price[k];
    });
    numbers(spread.table('days'), 'refunds').forEach((refunds, day) => expect(refunds).toBeCloseTo(refundsByDay[day], 6));
    const consumers = spread.table('consumers');
    const sentBack = rows.filter(({ r, day }) => r === 1 && day < 20).length;
    expect(numbers(consumers, 'returns').reduce((a, b) => a + b, 0)).toBe(sentBack);
    expect(sentBack).toBeLessThan(returnedRows.length);
    // At delivery, every return goes back the day it is judged.
    const atDelivery = run({ consumer: { evaluation: { returnTiming: 'at-delivery' } } }).table('regret');
    const judged = numbers(atDelivery, 'day_evaluated');
    const back = numbers(atDelivery, 'day_returned');
    expect(numbers(atDelivery, 'returned').every((r, k) => back[k] === (r === 1 ? judged[k] : -1))).toBe(true);
  });

  it('with many returns on their way back, refunds each return once, on its day', () => {
    // Hundreds of returns waiting at once: the queue of returns (1,024 records at first) grows while the due ones are taken out.
    const days = 30;
    const busy = run({
      population: { size: 8000 },
      run: { days },
      consumer: { evaluation: { returnTiming: 'over-window', returnWithoutRegret: 0.6, returnGivenRegret: 1 } },
      platform: { nudges: { returnWindowDays: 30 } },
    });
    const regret = busy.table('regret');
    const returned = numbers(regret, 'returned');
    const dayReturned = numbers(regret, 'day_returned');
    const price = numbers(regret, 'price');
    const refundsByDay = new Array(days).fill(0);
    let sentBack = 0;
    returned.forEach((r, k) => {
      if (r === 1 && dayReturned[k] < days) {
        refundsByDay[dayReturned[k]] += price[k];
        sentBack++;
      }
    });
    const evaluated = numbers(regret, 'day_evaluated');
    const waiting = new Array(days).fill(0);
    returned.forEach((r, k) => {
      for (let day = evaluated[k]; r === 1 && day < Math.min(dayReturned[k], days); day++) waiting[day]++;
    });
    expect(Math.max(...waiting)).toBeGreaterThan(600);
    numbers(busy.table('days'), 'refunds').forEach((refunds, day) => expect(refunds, `day ${day}`).toBeCloseTo(refundsByDay[day], 6));
    expect(numbers(busy.table('consumers'), 'returns').reduce((a, b) => a + b, 0)).toBe(sentBack);
  });

  it('keeps a defect found after the return window at the loss of its price, so a longer window is worth more to buyers', () => {
    const defects = { evaluation: { returnWithoutRegret: 0.5 } };
    const welfareOf = (windowDays: number) => {
      const r = run({ consumer: defects, platform: { nudges: { returnWindowDays: windowDays } } });
      const regret = r.table('regret');
      const reason = strings(regret, 'reason');
      const returned = numbers(regret, 'returned');
      const regretted = numbers(regret, 'regretted');
      const price = numbers(regret, 'price');
      const welfare = numbers(regret, 'welfare');
      let keptDefective = 0;
      reason.forEach((why, k) => {
        if (why !== 'defect' || returned[k] === 1) return;
        keptDefective++;
        expect(regretted[k]).toBe(0);
        expect(welfare[k]).toBeCloseTo(-price[k], 9);
      });
      // The summary's welfare is the column's sum, in purchase order.
      expect(r.result.summary.consumer_welfare).toBe(welfare.reduce((a, b) => a + b, 0));
      return { keptDefective, returns: returned.reduce((a, b) => a + b, 0), welfare: r.result.summary.consumer_welfare };
    };
    const none = welfareOf(0);
    const week = welfareOf(7);
    const month = welfareOf(30);
    expect(none.returns).toBe(0);
    expect(none.keptDefective).toBeGreaterThan(week.keptDefective);
    expect(week.keptDefective).toBeGreaterThan(month.keptDefective);
    expect(month.keptDefective).toBeGreaterThan(0);
    expect(none.welfare).toBeLessThan(week.welfare);
    expect(week.welfare).toBeLessThan(month.welfare);
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
    // Returns decided at delivery are sent back within the window; those due after the last day never happen.
    const dayReturned = numbers(regret, 'day_returned');
    const sentBack = dayReturned.filter((day) => day >= 0 && day < 20).length;
    expect(sentBack).toBe(sum(numbers(consumers, 'returns')));
    expect(sentBack).toBe(sum(numbers(days, 'returns')));
    expect(sum(numbers(days, 'kept'))).toBe(regret.numRows - sum(numbers(regret, 'returned')));
    const ids = new Set(numbers(purchases, 'purchase_id'));
    expect(numbers(regret, 'purchase_id').every((id) => ids.has(id))).toBe(true);
    expect(base.result.rowCounts).toEqual({ purchases: purchases.numRows, regret: regret.numRows, days: 20, hours: 20 * 24, paths: 20 * 16, consumers: 1500, segments: 1 });
  });
});

describe('paths.arrow', () => {
  it('counts every exposure once from shown, agrees with the other tables, and gives a funnel that never widens', () => {
    const plain = run();
    const cooled = run({ platform: { nudges: { coolingOffDays: 1 } } });
    for (const r of [plain, cooled]) {
      const paths = r.table('paths');
      const from = strings(paths, 'from');
      const to = strings(paths, 'to');
      const count = numbers(paths, 'count');
      const share = numbers(paths, 'share');
      const day = numbers(paths, 'day');
      const total = (a: string, b: string) => count.reduce((sum, n, k) => sum + (from[k] === a && to[k] === b ? n : 0), 0);
      const days = r.table('days');
      const dayTotal = (name: string) => numbers(days, name).reduce((a, b) => a + b, 0);
      expect(paths.numRows).toBe(20 * 16);
      expect(total('shown', 'skipped') + total('shown', 'viewed')).toBe(dayTotal('exposures'));
      expect(total('shown', 'viewed')).toBe(dayTotal('views'));
      expect(total('viewed', 'tempted')).toBe(dayTotal('temptations'));
      expect(total('viewed', 'passed') + total('viewed', 'chose') + total('viewed', 'tempted')).toBe(total('shown', 'viewed'));
      expect(total('gave_in', 'carted')).toBe(dayTotal('carted'));
      expect(total('carted', 'dropped')).toBe(dayTotal('cart_dropped'));
      const bought = total('chose', 'bought') + total('gave_in', 'bought') + total('carted', 'bought');
      expect(bought).toBe(r.table('purchases').numRows);
      const regret = r.table('regret');
      expect(total('bought', 'kept') + total('bought', 'returned')).toBe(regret.numRows);
      expect(total('bought', 'returned')).toBe(numbers(regret, 'returned').reduce((a, b) => a + b, 0));
      // Each day's shares out of a state add up to 1.
      const sums = new Map<string, number>();
      share.forEach((p, k) => {
        if (Number.isNaN(p)) return;
        const key = `${day[k]}/${from[k]}`;
        sums.set(key, (sums.get(key) ?? 0) + p);
      });
      expect([...sums.values()].every((s) => Math.abs(s - 1) < 1e-9)).toBe(true);
      // The funnel over the run.
      const shown = dayTotal('exposures');
      const viewed = total('shown', 'viewed');
      const wanted = total('viewed', 'chose') + total('tempted', 'gave_in');
      const kept = total('bought', 'kept');
      expect([shown, viewed, wanted, bought, kept].every((n, k, all) => k === 0 || n <= all[k - 1])).toBe(true);
      // The one definition the run report draws from agrees with the stages counted here.
      expect(funnelOf((a, b) => total(PATH_STATES[a], PATH_STATES[b]))).toEqual({ shown, viewed, wanted, bought, kept });
      expect(kept).toBeGreaterThan(0);
    }
  });
});

describe('segments.arrow', () => {
  it("holds each segment's outcomes, the same as recomputed from consumers.arrow and regret.arrow", () => {
    const segmented = run({
      population: {
        segments: [
          { name: 'impulsive', share: 0.4, traits: { impulsivity: { dist: 'beta', alpha: 6, beta: 2 }, selfControlCapacity: { dist: 'beta', alpha: 2, beta: 5 } } },
          { name: 'deliberate', share: 0.6, traits: { impulsivity: { dist: 'beta', alpha: 1.5, beta: 6 } } },
        ],
      },
    });
    const table = segmented.table('segments');
    expect(strings(table, 'segment')).toEqual(['impulsive', 'deliberate']);
    const consumers = segmented.table('consumers');
    const segmentOf = strings(consumers, 'segment');
    const column = (name: string) => numbers(consumers, name);
    const purchases = column('purchases');
    const impulse = column('impulse_purchases');
    const regrets = column('regrets');
    const trust = column('trust');
    const spend = column('spend');
    const refunds = column('refunds');
    // Evaluated purchases and welfare per consumer come from regret.arrow.
    const regret = segmented.table('regret');
    const evaluatedBy = new Map<number, number>();
    numbers(regret, 'consumer_id').forEach((c) => evaluatedBy.set(c, (evaluatedBy.get(c) ?? 0) + 1));
    for (const [k, segment] of ['impulsive', 'deliberate'].entries()) {
      const members = segmentOf.map((s, i) => (s === segment ? i : -1)).filter((i) => i >= 0);
      const buyers = members.filter((i) => purchases[i] > 0);
      const sum = (xs: number[], ids: number[]) => ids.reduce((a, i) => a + xs[i], 0);
      const value = (name: string) => numbers(table, name)[k];
      expect(value('consumers')).toBe(members.length);
      expect(value('purchases_per_consumer')).toBeCloseTo(sum(purchases, members) / members.length, 12);
      expect(value('impulse_share')).toBeCloseTo(sum(impulse, members) / sum(purchases, members), 12);
      expect(value('impulse_buyer_share')).toBeCloseTo(buyers.filter((i) => impulse[i] > 0).length / buyers.length, 12);
      expect(value('regret_buyer_share')).toBeCloseTo(buyers.filter((i) => regrets[i] > 0).length / buyers.length, 12);
      const evaluated = members.reduce((a, i) => a + (evaluatedBy.get(i) ?? 0), 0);
      expect(value('regret_rate')).toBeCloseTo(sum(regrets, members) / evaluated, 12);
      expect(value('trust_end')).toBeCloseTo(sum(trust, members) / members.length, 12);
      expect(value('net_spend_per_consumer')).toBeCloseTo((sum(spend, members) - sum(refunds, members)) / members.length, 9);
    }
    // The segments differ the way their traits say.
    const impulseShare = numbers(table, 'impulse_share');
    expect(impulseShare[0]).toBeGreaterThan(impulseShare[1]);
    // Welfare per consumer adds up to the run's consumer welfare.
    const welfare = numbers(table, 'welfare_per_consumer');
    const consumerCounts = numbers(table, 'consumers');
    expect(welfare[0] * consumerCounts[0] + welfare[1] * consumerCounts[1]).toBeCloseTo(segmented.result.summary.consumer_welfare, 6);
  });
});

describe('world seeds', () => {
  const traits = ['impulsivity', 'self_control_capacity', 'conformity', 'price_sensitivity', 'income', 'initial_trust'];

  it('default the catalog and population seeds to the run seed', () => {
    const implicit = run({ run: { seed: 5, days: 8 } });
    const explicit = run({ run: { seed: 5, days: 8 }, catalog: { seed: 5 }, population: { seed: 5 } });
    for (const name of TABLES) expect(explicit.bytes(name).equals(implicit.bytes(name)), name).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(implicit.folder, 'manifest.json'), 'utf8')) as { worldSeeds: unknown };
    expect(manifest.worldSeeds).toEqual({ catalog: 5, population: 5 });
  });

  it('hold one market fixed while the run seed varies behaviour, and draw a new one when they change', () => {
    // Offers without a discount, so that an item's price paid does not depend on the hour it was bought.
    const world = { catalog: { seed: 11, offerDiscount: 0 }, population: { seed: 12 } };
    const a = run({ run: { seed: 1, days: 8 }, ...world });
    const b = run({ run: { seed: 2, days: 8 }, ...world });
    for (const trait of traits) expect(numbers(b.table('consumers'), trait), trait).toEqual(numbers(a.table('consumers'), trait));
    // Same items at the same prices: an item's price is the same wherever it was bought.
    const priceOf = (r: TempRun) => new Map(numbers(r.table('purchases'), 'item_id').map((item, k) => [item, numbers(r.table('purchases'), 'price')[k]]));
    const pa = priceOf(a);
    const pb = priceOf(b);
    const shared = [...pa.keys()].filter((item) => pb.has(item));
    expect(shared.length).toBeGreaterThan(20);
    expect(shared.every((item) => pa.get(item) === pb.get(item))).toBe(true);
    // Behaviour differs.
    expect(b.bytes('purchases').equals(a.bytes('purchases'))).toBe(false);

    const otherPopulation = run({ run: { seed: 1, days: 8 }, catalog: { seed: 11 }, population: { seed: 13 } });
    expect(numbers(otherPopulation.table('consumers'), 'impulsivity')).not.toEqual(numbers(a.table('consumers'), 'impulsivity'));
    const otherCatalog = run({ run: { seed: 1, days: 8 }, catalog: { seed: 14, offerDiscount: 0 }, population: { seed: 12 } });
    const pc = priceOf(otherCatalog);
    expect([...pc.keys()].filter((item) => pa.has(item)).some((item) => pa.get(item) !== pc.get(item))).toBe(true);
  });
});

describe('directional checks (same seed, common random numbers)', () => {
  const base = run({ population: { size: 3000 }, run: { days: 30 } });

  it('a cooling-off cart lowers impulse purchases', () => {
    const cooled = run({ population: { size: 3000 }, run: { days: 30 }, platform: { nudges: { coolingOffDays: 1 } } });
    console.log(`impulse purchases: default ${base.result.summary.impulse_purchases}, cooling-off ${cooled.result.summary.impulse_purchases}`);
    expect(cooled.result.summary.impulse_purchases).toBeLessThan(0.5 * base.result.summary.impulse_purchases);
    expect(cooled.result.summary.cart_share).toBeGreaterThan(0);
    // The decision's origin is kept apart from the way it was bought: cart purchases began as impulses.
    const purchases = cooled.table('purchases');
    const kind = strings(purchases, 'kind');
    const origin = strings(purchases, 'origin');
    expect(kind.every((k, r) => origin[r] === (k === 'planned' ? 'planned' : 'impulse'))).toBe(true);
    const s = cooled.result.summary;
    expect(s.impulse_share).toBe(0);
    expect(s.impulse_origin_share).toBeCloseTo(s.cart_share, 12);
    expect(s.impulse_origin_share).toBeGreaterThan(0.05);
    const regretOrigin = strings(cooled.table('regret'), 'origin');
    expect(strings(cooled.table('regret'), 'kind').every((k, r) => regretOrigin[r] === (k === 'planned' ? 'planned' : 'impulse'))).toBe(true);
  });

  it('more urgency labels raise impulse purchases', () => {
    const none = run({ population: { size: 3000 }, run: { days: 30 }, platform: { overPush: { urgencyShare: 0 } } });
    const many = run({ population: { size: 3000 }, run: { days: 30 }, platform: { overPush: { urgencyShare: 0.8 } } });
    console.log(`impulse purchases: urgency 0 -> ${none.result.summary.impulse_purchases}, 0.8 -> ${many.result.summary.impulse_purchases}`);
    expect(many.result.summary.impulse_purchases).toBeGreaterThan(1.1 * none.result.summary.impulse_purchases);
  });

  it('transparency labels lower impulse purchases, and leave fully impulsive consumers as they were', () => {
    const labelled = run({ population: { size: 3000 }, run: { days: 30 }, platform: { nudges: { transparency: 0.5 } } });
    console.log(`impulse purchases: default ${base.result.summary.impulse_purchases}, transparency 0.5 ${labelled.result.summary.impulse_purchases}`);
    expect(labelled.result.summary.impulse_purchases).toBeLessThan(0.92 * base.result.summary.impulse_purchases);
    expect(strings(labelled.table('purchases'), 'nudge').every((nudge) => nudge === 'transparency')).toBe(true);
    // Labels are heeded in proportion to 1 - impulsivity: a population of impulsivity 1 ignores them entirely.
    const reckless = { population: { size: 800, traits: { impulsivity: { dist: 'constant', value: 1 } } }, run: { days: 10 } };
    const unlabelled = run(reckless);
    const ignored = run({ ...reckless, platform: { nudges: { transparency: 1 } } });
    expect(numbers(ignored.table('purchases'), 'item_id')).toEqual(numbers(unlabelled.table('purchases'), 'item_id'));
    expect(ignored.bytes('consumers').equals(unlabelled.bytes('consumers'))).toBe(true);
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
