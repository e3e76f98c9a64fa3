import { SEGMENT_METRICS, type SegmentOutcome } from '../measures/segmentOutcomes.js';
import type { World } from '../world.js';

/** Writes segments.arrow at the end of a run: each segment's outcomes, in the scenario's segment order. */
export function writeSegmentsTable(world: World, outcomes: readonly SegmentOutcome[]): void {
  const table = world.tables!.segments;
  const columns = table.columns;
  outcomes.forEach((outcome, k) => {
    const r = table.nextRow();
    columns.segment[r] = k;
    for (const metric of SEGMENT_METRICS) columns[metric.name][r] = outcome.values[metric.name];
  });
}
