import type { World } from './world.js';

/**
 * Writes hours.arrow, a row per hour of each day: the day's counters are read at the hour's start and end, so the
 * hour's row is their difference. Cart-review purchases come after the last hour and belong to no hour.
 */
export class HourRecord {
  private sessions = 0;
  private exposures = 0;
  private views = 0;
  private purchases = 0;
  private impulse = 0;
  private liveExposures = 0;
  private gmv = 0;
  private oversold = 0;

  begin(world: World): void {
    const { today } = world;
    this.sessions = today.sessions;
    this.exposures = today.exposures;
    this.views = today.views;
    this.purchases = today.purchases;
    this.impulse = today.impulse;
    this.gmv = today.gmv;
    this.liveExposures = world.totals.liveExposures;
    this.oversold = world.oversoldToday;
  }

  /** Writes the hour's row; call after the hour's market state was published. */
  write(world: World): void {
    const { today } = world;
    const table = world.tables!.hours;
    const r = table.nextRow();
    const c = table.columns;
    c.day[r] = world.day;
    c.hour[r] = world.hour;
    c.sessions[r] = today.sessions - this.sessions;
    c.exposures[r] = today.exposures - this.exposures;
    c.views[r] = today.views - this.views;
    c.purchases[r] = today.purchases - this.purchases;
    c.impulse_purchases[r] = today.impulse - this.impulse;
    c.gmv[r] = today.gmv - this.gmv;
    c.live_exposures[r] = world.totals.liveExposures - this.liveExposures;
    c.rooms_on_air[r] = world.roomsOnAir;
    c.oversold[r] = world.oversoldToday - this.oversold;
  }
}
