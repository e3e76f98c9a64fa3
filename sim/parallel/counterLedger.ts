import type { World } from '../world.js';

/**
 * The whole-number counters of a day and of the run (DayCounters, RunTotals, path counts, impulse bins) that every
 * replica's consumers add to. Whole numbers add up to the same total in any order, so a replica other than the leader
 * hands in what it counted since the last sync and starts again from zero; the leader adds it to its own.
 * Floating-point sums are not here: they go through key-ordered terms (ReplicaRows).
 */

/** DayCounters fields that hold floating-point sums. */
const DAY_FLOATS = new Set(['gmv', 'refunds', 'emotionOfActive', 'selfControlOfActive', 'feedDiversitySum']);
/** RunTotals fields written only by the leader (from the merged day) or summed from key-ordered terms. */
const TOTALS_LEADER_ONLY = new Set(['gmvFirstTwoWeeks', 'welfare', 'views', 'feedDiversitySum', 'feedDiversitySessions']);

function numberFields(target: object, skip: ReadonlySet<string>): string[] {
  return Object.keys(target).filter((key) => typeof (target as Record<string, unknown>)[key] === 'number' && !skip.has(key));
}

function arraysOf(world: World): Float64Array[] {
  const { today, totals, paths, impulseProfile } = world;
  return [
    today.purchasesByCategory,
    totals.evaluatedByKind,
    totals.returnedByKind,
    totals.regrettedByKind,
    paths.counts,
    impulseProfile.matchExposures,
    impulseProfile.matchImpulses,
    impulseProfile.trustExposures,
    impulseProfile.trustImpulses,
    impulseProfile.thirds,
  ];
}

/** The counters since the last sync, packed; the replica's counters are zeroed. */
export function takeCounters(world: World): Float64Array {
  const dayFields = numberFields(world.today, DAY_FLOATS);
  const totalFields = numberFields(world.totals, TOTALS_LEADER_ONLY);
  const arrays = arraysOf(world);
  const packed = new Float64Array(dayFields.length + totalFields.length + arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  const today = world.today as unknown as Record<string, number>;
  const totals = world.totals as unknown as Record<string, number>;
  for (const key of dayFields) {
    packed[at++] = today[key];
    today[key] = 0;
  }
  for (const key of totalFields) {
    packed[at++] = totals[key];
    totals[key] = 0;
  }
  for (const array of arrays) {
    packed.set(array, at);
    at += array.length;
    array.fill(0);
  }
  return packed;
}

/** Adds counters packed by {@link takeCounters} on another replica to this one's. */
export function addCounters(world: World, packed: Float64Array): void {
  const dayFields = numberFields(world.today, DAY_FLOATS);
  const totalFields = numberFields(world.totals, TOTALS_LEADER_ONLY);
  const today = world.today as unknown as Record<string, number>;
  const totals = world.totals as unknown as Record<string, number>;
  let at = 0;
  for (const key of dayFields) today[key] += packed[at++];
  for (const key of totalFields) totals[key] += packed[at++];
  for (const array of arraysOf(world)) for (let k = 0; k < array.length; k++) array[k] += packed[at++];
  if (at !== packed.length) throw new Error(`addCounters: expected ${at} values, got ${packed.length}`);
}
