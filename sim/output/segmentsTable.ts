import { segmentOutcomes, SEGMENT_METRICS } from '../measures/segmentOutcomes.js';
import type { World } from '../world.js';

/** Writes segments.arrow at the end of a run: each segment's outcomes, in the scenario's segment order. */
export function writeSegmentsTable(world: World): void {
  const table = world.tables.segments;
  const columns = table.columns;
  segmentOutcomes(world.population).forEach((outcome, k) => {
    const r = table.nextRow();
    columns.segment[r] = k;
    for (const metric of SEGMENT_METRICS) columns[metric.name][r] = outcome.values[metric.name];
  });
}
