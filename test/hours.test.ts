import { afterAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import { isOnAir, hourCdf, drawHour, HOURS_PER_DAY } from '../sim/hours.js';
import { ItemTally } from '../sim/itemTally.js';
import { ShownToday } from '../sim/platform/shownToday.js';
import type { World } from '../sim/world.js';
import { numbers, strings, tempRuns } from './helpers/runs.js';
import { smallScenario } from './helpers/scenarios.js';

const { run, cleanup } = tempRuns(smallScenario);
afterAll(cleanup);

/** Rows of a table as records of the named columns (numbers, or strings for dictionary columns). */
function rows(table: Table, numeric: readonly string[], text: readonly string[] = []): Record<string, number | string>[] {
  const columns: Record<string, (number | string)[]> = {};
  for (const name of numeric) columns[name] = numbers(table, name);
  for (const name of text) columns[name] = strings(table, name);
  return Array.from({ length: table.numRows }, (_, r) => Object.fromEntries(Object.entries(columns).map(([name, values]) => [name, values[r]])));
}

/** A table's rows as sorted strings, leaving out the named columns: the same multiset of rows in any order. */
function rowMultiset(table: Table, leaveOut: readonly string[]): string[] {
  const names = table.schema.fields.map((f) => f.name).filter((n) => !leaveOut.includes(n));
  const columns = names.map((n) => Array.from({ length: table.numRows }, (_, r) => String(table.getChild(n)!.get(r))));
  return Array.from({ length: table.numRows }, (_, r) => columns.map((c) => c[r]).join('|')).sort();
}

describe('the day in hours', () => {
  it('draws hours by inverting the diurnal profile', () => {
    const weights = new Array(HOURS_PER_DAY).fill(0);
    weights[8] = 1;
    weights[20] = 3;
    const cdf = hourCdf(weights);
    expect(drawHour(cdf, 0)).toBe(8);
    expect(drawHour(cdf, 0.249)).toBe(8);
    expect(drawHour(cdf, 0.25)).toBe(20);
    expect(drawHour(cdf, 0.999)).toBe(20);
  });

  it('puts every session in an hour the profile allows, and a push-prompted opening at a push hour', () => {
    const diurnal = new Array(HOURS_PER_DAY).fill(0);
    diurnal[8] = 1;
    diurnal[20] = 3;
    const quiet = run({ run: { days: 6 }, population: { size: 800, activity: { diurnal } }, platform: { overPush: { pushesPerDay: 0 } } });
    const hours = quiet.table('hours');
    const sessions = numbers(hours, 'sessions');
    const hour = numbers(hours, 'hour');
    const byHour = new Array(HOURS_PER_DAY).fill(0);
    sessions.forEach((s, r) => (byHour[hour[r]] += s));
    expect(byHour.filter((s, h) => h !== 8 && h !== 20 && s > 0)).toEqual([]);
    // Later openings fall at or after earlier ones, so the evening holds more than its 3:1 share of openings.
    expect(byHour[20]).toBeGreaterThan(3 * byHour[8]);

    const pushed = run({ run: { days: 6 }, population: { size: 800, activity: { diurnal } }, platform: { overPush: { pushesPerDay: 1, pushHours: [3] } } });
    const pushHours = numbers(pushed.table('hours'), 'hour');
    const pushSessions = numbers(pushed.table('hours'), 'sessions');
    const atThree = pushSessions.filter((_, r) => pushHours[r] === 3).reduce((a, b) => a + b, 0);
    expect(atThree).toBeGreaterThan(0);
    expect(new Set(pushHours.filter((_, r) => pushSessions[r] > 0))).toEqual(new Set([3, 8, 20]));
    // After a push answered at 22h no weight is left: later openings that day come in the same hour.
    const late = run({ run: { days: 6 }, population: { size: 800, activity: { diurnal } }, platform: { overPush: { pushesPerDay: 1, pushHours: [22] } } });
    const lateHours = numbers(late.table('hours'), 'hour');
    const lateSessions = numbers(late.table('hours'), 'sessions');
    expect(new Set(lateHours.filter((_, r) => lateSessions[r] > 0))).toEqual(new Set([8, 20, 22]));
  });

  it('hours add up to the days: sessions, exposures, views, and session purchases', () => {
    const r = run({ platform: { nudges: { coolingOffDays: 1 } } });
    const days = r.table('days');
    const hours = r.table('hours');
    expect(hours.numRows).toBe(days.numRows * HOURS_PER_DAY);
    const dayOfHour = numbers(hours, 'day');
    for (const [hourColumn, dayColumn] of [
      ['sessions', 'sessions'],
      ['exposures', 'exposures'],
      ['views', 'views'],
      ['impulse_purchases', 'impulse_purchases'],
    ]) {
      const perDay = new Array(days.numRows).fill(0);
      numbers(hours, hourColumn).forEach((v, k) => (perDay[dayOfHour[k]] += v));
      expect(perDay, hourColumn).toEqual(numbers(days, dayColumn));
    }
    // Session purchases are the day's purchases less those from the cart, which are reviewed after the last hour.
    const sessionPurchases = new Array(days.numRows).fill(0);
    numbers(hours, 'purchases').forEach((v, k) => (sessionPurchases[dayOfHour[k]] += v));
    const cartPurchases = numbers(days, 'cart_purchases');
    expect(cartPurchases.some((v) => v > 0)).toBe(true);
    expect(sessionPurchases).toEqual(numbers(days, 'purchases').map((v, d) => v - cartPurchases[d]));
    const purchaseHours = numbers(r.table('purchases'), 'hour');
    const kinds = strings(r.table('purchases'), 'kind');
    expect(purchaseHours.every((h, k) => (kinds[k] === 'cart' ? h === HOURS_PER_DAY : h >= 0 && h < HOURS_PER_DAY))).toBe(true);
  });

  it('shows a purchase in hour h on the "N bought" counter from hour h + 1 on, not before', () => {
    // Live rooms show today's sales; with many live slots and few items, buyers and viewers of the same room meet.
    const r = run(
      { run: { days: 8 }, population: { size: 1500 }, catalog: { items: 120, liveItemShare: 0.5, liveRoomHours: 6 }, platform: { overPush: { liveShare: 0.6 } } },
      { exposures: true },
    );
    const purchases = rows(r.table('purchases'), ['day', 'hour', 'item_id', 'consumer_id']);
    const exposures = rows(r.table('exposures'), ['day', 'hour', 'item_id', 'consumer_id', 'social_proof_count'], ['source']);
    // The sample is the whole market (no population.marketSize): each purchase moves the counter by one.
    let checked = 0;
    let sameHourBuyerBefore = 0;
    let nonzero = 0;
    const mismatches: string[] = [];
    for (const e of exposures) {
      if (e.source !== 'live') continue;
      let before = 0;
      for (const p of purchases) {
        if (p.day !== e.day || p.item_id !== e.item_id) continue;
        if ((p.hour as number) < (e.hour as number)) before++;
        else if (p.hour === e.hour && (p.consumer_id as number) < (e.consumer_id as number)) sameHourBuyerBefore++;
      }
      checked++;
      if (before > 0) nonzero++;
      if (e.social_proof_count !== before && mismatches.length < 5) mismatches.push(JSON.stringify({ ...e, expected: before }));
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
    expect(nonzero).toBeGreaterThan(50);
    // Buyers processed earlier in the same hour (lower ids) were there to be counted, and were not.
    expect(sameHourBuyerBefore).toBeGreaterThan(5);
  });

  it('shows live rooms only while they are on air', () => {
    let catalog: World['catalog'] | null = null;
    const r = run({ run: { days: 5 }, catalog: { liveRoomHours: 2 } }, { exposures: true, onDay: (_d: number, world: World) => (catalog = world.catalog) });
    const exposures = rows(r.table('exposures'), ['hour', 'item_id'], ['source']);
    const live = exposures.filter((e) => e.source === 'live');
    expect(live.length).toBeGreaterThan(100);
    expect(live.filter((e) => !isOnAir(catalog!, e.item_id as number, e.hour as number))).toEqual([]);
    const onAir = numbers(r.table('hours'), 'rooms_on_air');
    expect(Math.min(...onAir)).toBeLessThan(Math.max(...onAir));
  });

  it("never repeats an item in a consumer's feeds of one day, across hours", () => {
    const r = run({ run: { days: 6 }, consumer: { session: { repeat: 0.9 } }, platform: { rerank: { exploration: 0 } } }, { exposures: true });
    const exposures = rows(r.table('exposures'), ['day', 'hour', 'consumer_id', 'item_id'], ['source']);
    const seen = new Set<string>();
    const hoursOf = new Map<string, Set<number>>();
    let repeats = 0;
    for (const e of exposures) {
      if (e.source === 'search') continue;
      const consumerDay = `${e.day}/${e.consumer_id}`;
      const key = `${consumerDay}/${e.item_id}`;
      if (seen.has(key)) repeats++;
      seen.add(key);
      if (!hoursOf.has(consumerDay)) hoursOf.set(consumerDay, new Set());
      hoursOf.get(consumerDay)!.add(e.hour as number);
    }
    expect(repeats).toBe(0);
    expect([...hoursOf.values()].filter((h) => h.size >= 2).length).toBeGreaterThan(100);
  });

  it('gives every consumer the same outcome whatever the order consumers are processed in within an hour', () => {
    for (const overrides of [
      {},
      { platform: { policy: 'item-cf', nudges: { coolingOffDays: 1 } } },
      { platform: { policy: 'user-cf' } },
      { platform: { policy: 'mf' } },
      { platform: { policy: 'bandit' } },
      { social: { network: 'small-world', shareChance: 0.5, kols: 2, kolFollowers: 200 } },
    ]) {
      const up = run({ run: { days: 12 }, ...overrides });
      const down = run({ run: { days: 12 }, ...overrides }, { descendingWithinHour: true });
      const label = JSON.stringify(overrides);
      expect(down.bytes('consumers').equals(up.bytes('consumers')), label).toBe(true);
      // Purchase ids follow the processing order; everything else about each purchase and judgement is the same.
      expect(rowMultiset(down.table('purchases'), ['purchase_id']), label).toEqual(rowMultiset(up.table('purchases'), ['purchase_id']));
      expect(rowMultiset(down.table('regret'), ['purchase_id']), label).toEqual(rowMultiset(up.table('regret'), ['purchase_id']));
      // Whole-number counters agree exactly; sums of money and means agree to rounding (added in another order).
      for (const name of ['days', 'hours']) {
        const a = up.table(name);
        const b = down.table(name);
        for (const field of a.schema.fields) {
          const x = numbers(a, field.name);
          const y = numbers(b, field.name);
          if (field.typeId === 2 /* Int */) expect(y, `${label} ${name}.${field.name}`).toEqual(x);
          else x.forEach((v, k) => expect(Number.isNaN(v) ? Number.isNaN(y[k]) : Math.abs(v - y[k]) <= 1e-9 * Math.max(1, Math.abs(v)), `${label} ${name}.${field.name}`).toBe(true));
        }
      }
    }
  });
});

describe('hour tallies', () => {
  it('ItemTally counts touched items and empties on drain', () => {
    const tally = new ItemTally(10);
    for (const item of [3, 7, 3, 3, 0]) tally.add(item);
    const seen: [number, number][] = [];
    tally.drain((item, count) => seen.push([item, count]));
    expect(seen).toEqual([
      [3, 3],
      [7, 1],
      [0, 1],
    ]);
    tally.drain((item, count) => seen.push([item, count]));
    expect(seen.length).toBe(3);
  });

  it("ShownToday keeps each consumer's items of the day and forgets them the next day", () => {
    const shown = new ShownToday(3);
    for (let k = 0; k < 3000; k++) shown.add(k % 3, k, 0);
    const itemsOf = (consumer: number, day: number) => {
      const out: number[] = [];
      for (let e = shown.first(consumer, day); e >= 0; e = shown.next(e)) out.push(shown.item(e));
      return out;
    };
    expect(itemsOf(1, 0).length).toBe(1000);
    expect(itemsOf(1, 0).every((item) => item % 3 === 1)).toBe(true);
    shown.add(2, 5, 1);
    expect(itemsOf(2, 1)).toEqual([5]);
    expect(itemsOf(1, 1)).toEqual([]);
    expect(itemsOf(1, 0)).toEqual([]);
  });
});
