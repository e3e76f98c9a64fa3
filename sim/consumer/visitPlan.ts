import { drawHour, HOURS_PER_DAY } from '../hours.js';
import { logistic } from '../math/logistic.js';
import type { World } from '../world.js';
import { openLogit, sessionProbability } from './visits.js';

/**
 * The day's app openings, planned each morning and grouped by hour: entries `hourStart[h] .. hourStart[h + 1]` of
 * `consumer` and `session` are hour h's sessions, each consumer's in session order, consumers in ascending id (or
 * descending, to show that the order within an hour changes nothing). Also the per-consumer tallies of the day that
 * the evening needs (habit, the shopping path).
 */
export class VisitPlan {
  consumer = new Int32Array(0);
  session = new Uint8Array(0);
  readonly hourStart = new Int32Array(HOURS_PER_DAY + 1);
  /** Sessions each consumer actually had today. */
  readonly sessionsToday: Uint8Array;
  /** 1 once a consumer has left for the day (the search baseline: no need left to open the app for). */
  readonly leftToday: Uint8Array;
  /** The consumer's exposure count before today's first session, and items watched today. */
  readonly exposuresAtStart: Int32Array;
  readonly viewsToday: Int32Array;
  /** Shopping-path flags of the day: PATH_TEMPTED | PATH_CARTED | PATH_BOUGHT. */
  readonly path: Uint8Array;
  /** 1 when the consumer's first opening today answers a push (it then opens on the pushed item). */
  readonly pushPrompted: Uint8Array;
  private readonly plannedHour: Uint8Array;
  private readonly planned: Uint8Array;
  /** Where the next entry of each hour goes while the plan is laid out. */
  private readonly nextInHour = new Int32Array(HOURS_PER_DAY);

  constructor(consumers: number, maxPerDay: number) {
    this.sessionsToday = new Uint8Array(consumers);
    this.leftToday = new Uint8Array(consumers);
    this.exposuresAtStart = new Int32Array(consumers);
    this.viewsToday = new Int32Array(consumers);
    this.path = new Uint8Array(consumers);
    this.pushPrompted = new Uint8Array(consumers);
    this.planned = new Uint8Array(consumers);
    this.plannedHour = new Uint8Array(consumers * maxPerDay);
  }

  /**
   * Draws every consumer's openings for the day from their `visit` stream: how many (the first with the open chance
   * of habit, trust, pushes and fatigue, each further one with that chance times `repeat`), and when. A pushed
   * consumer's first opening answers a push with the share of the open chance the pushes add (the chance with pushes
   * less the chance without, over the chance with): it then comes at the hour of one of the day's pushes, drawn
   * evenly. Every other opening falls at or after the one before it, drawn from the diurnal profile over the hours
   * left (the day moves on; assumption).
   */
  plan(world: World, descending = false): void {
    const { population: pop, scenario } = world;
    const params = scenario.consumer.session;
    const { pushHours } = scenario.platform.overPush;
    const cdf = world.diurnalCdf;
    const maxPerDay = params.maxPerDay;
    const n = pop.size;
    this.sessionsToday.fill(0);
    this.leftToday.fill(0);
    this.path.fill(0);
    this.viewsToday.fill(0);
    this.pushPrompted.fill(0);
    const perHour = this.hourStart;
    perHour.fill(0);
    let total = 0;
    const owned = world.replica.owned;
    // Only the replica's own consumers: the others plan theirs on their replicas.
    this.planned.fill(0);
    for (let range = 0; range < owned.ranges; range++) for (let i = owned.start[range]; i < owned.end[range]; i++) {
      if (pop.churned[i]) continue;
      world.visit.begin(i, world.day);
      const pushes = pop.pushesToday[i];
      const openChance = logistic(openLogit(pop.habit[i], pop.trust[i], pushes, pop.fatigue[i], params));
      let count = 0;
      while (count < maxPerDay && world.visit.next(i) < sessionProbability(openChance, count, params)) count++;
      let previous = 0;
      for (let s = 0; s < count; s++) {
        let hour: number;
        if (s === 0 && pushes > 0 && world.visit.next(i) < 1 - logistic(openLogit(pop.habit[i], pop.trust[i], 0, pop.fatigue[i], params)) / openChance) {
          this.pushPrompted[i] = 1;
          // Push k of the day goes out at pushHours[k mod length].
          hour = pushHours[Math.floor(world.visit.next(i) * pushes) % pushHours.length];
        } else {
          const floor = previous > 0 ? cdf[previous - 1] : 0;
          const u = world.visit.next(i);
          // With no weight left after the previous opening's hour, the next one comes in that same hour.
          hour = floor < 1 ? drawHour(cdf, floor + u * (1 - floor)) : previous;
        }
        if (hour < previous) hour = previous;
        previous = hour;
        this.plannedHour[i * maxPerDay + s] = hour;
        perHour[hour + 1]++;
      }
      this.planned[i] = count;
      total += count;
    }
    for (let h = 0; h < HOURS_PER_DAY; h++) perHour[h + 1] += perHour[h];
    if (this.consumer.length < total) {
      this.consumer = new Int32Array(Math.max(total, this.consumer.length * 2));
      this.session = new Uint8Array(this.consumer.length);
    }
    const fill = this.nextInHour;
    fill.set(perHour.subarray(0, HOURS_PER_DAY));
    for (let k = 0; k < n; k++) {
      const i = descending ? n - 1 - k : k;
      if (this.planned[i] === 0) continue;
      for (let s = 0; s < this.planned[i]; s++) {
        const at = fill[this.plannedHour[i * maxPerDay + s]]++;
        this.consumer[at] = i;
        this.session[at] = s;
      }
    }
  }
}

export const PATH_TEMPTED = 1;
export const PATH_CARTED = 2;
export const PATH_BOUGHT = 4;
