import type { Catalog } from './catalog.js';
import { namedStream } from './rng.js';

/** A day's hour slots. */
export const HOURS_PER_DAY = 24;

/** Cumulative distribution of a 24-hour activity profile (any non-negative weights with a positive sum). */
export function hourCdf(weights: readonly number[]): Float64Array {
  const cdf = new Float64Array(HOURS_PER_DAY);
  let total = 0;
  for (let h = 0; h < HOURS_PER_DAY; h++) total += weights[h];
  let sum = 0;
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    sum += weights[h];
    cdf[h] = sum / total;
  }
  cdf[HOURS_PER_DAY - 1] = 1;
  return cdf;
}

/** The hour a uniform draw u in [0, 1) falls in, by inversion of the profile's cdf. */
export function drawHour(cdf: Float64Array, u: number): number {
  let h = 0;
  while (h < HOURS_PER_DAY - 1 && u >= cdf[h]) h++;
  return h;
}

/**
 * Gives every live room its daily airing window: `roomHours` hours from a start hour drawn once per room from the
 * audience profile's cdf (platforms schedule streams when viewers are there; assumption). Drawn from its own stream
 * so the schedule shifts no other draw.
 */
export function scheduleLiveRooms(catalog: Catalog, cdf: Float64Array, roomHours: number, catalogSeed: number): void {
  const source = namedStream(catalogSeed, 'catalog/live-schedule');
  catalog.liveRoomHours = roomHours;
  for (let i = 0; i < catalog.size; i++) {
    const start = drawHour(cdf, source());
    catalog.liveStartHour[i] = catalog.live[i] ? start : 0;
  }
}

/** True when live room `item` is on air in `hour` (its window may run past midnight into the next morning). */
export function isOnAir(catalog: Catalog, item: number, hour: number): boolean {
  const since = hour - catalog.liveStartHour[item];
  return (since < 0 ? since + HOURS_PER_DAY : since) < catalog.liveRoomHours;
}

/** Marks which live rooms are on air in `hour` (catalog.onAir), at the start of the hour; returns how many. */
export function setOnAir(catalog: Catalog, hour: number): number {
  let rooms = 0;
  for (let i = 0; i < catalog.size; i++) {
    const on = catalog.live[i] && isOnAir(catalog, i, hour) ? 1 : 0;
    catalog.onAir[i] = on;
    rooms += on;
  }
  return rooms;
}

/**
 * Starts the limited-time offers of `hour` and ends those past their hours (catalog.limitedOffer), at the start of the
 * hour; offers of 24 hours run all day and are left alone. Hour 24, the cart review, comes after every timed offer.
 */
export function setOffersOfHour(catalog: Catalog, hour: number): void {
  if (catalog.offerHours >= HOURS_PER_DAY) return;
  for (let i = 0; i < catalog.size; i++) {
    const since = hour - catalog.offerStartHour[i];
    catalog.limitedOffer[i] = catalog.offerToday[i] && hour < HOURS_PER_DAY && since >= 0 && since < catalog.offerHours ? 1 : 0;
  }
}
