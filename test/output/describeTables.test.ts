import { describe, expect, it } from 'vitest';
import { METRIC_UNITS, METRICS } from '../../sim/metrics.js';
import { describeTables } from '../../sim/output/describeTables.js';

describe('metric units', () => {
  it('gives every summary metric a unit, and no unit to a metric that does not exist', () => {
    expect(METRICS.filter((m) => !METRIC_UNITS[m.name]).map((m) => m.name)).toEqual([]);
    expect(Object.keys(METRIC_UNITS).filter((name) => !METRICS.some((m) => m.name === name))).toEqual([]);
    expect(describeTables()).toContain('| `gmv` | money | gross merchandise value: money spent |');
  });
});
