import { PATH_TRANSITIONS } from '../measures/shoppingPaths.js';
import type { World } from '../world.js';

/** Writes the day's rows of paths.arrow (every possible transition, zero counts too) and starts the next day's counts. */
export function recordPaths(world: World): void {
  const { paths } = world;
  const table = world.tables!.paths;
  const c = table.columns;
  for (const [from, to] of PATH_TRANSITIONS) {
    const r = table.nextRow();
    const leaving = paths.leaving(from);
    c.day[r] = world.day;
    c.from[r] = from;
    c.to[r] = to;
    c.count[r] = paths.count(from, to);
    c.share[r] = leaving > 0 ? paths.count(from, to) / leaving : Number.NaN;
  }
  paths.reset();
}
