import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, describe, expect, it } from 'vitest';
import { planCompare, runCompare } from '../../sim/experiment/compare.js';
import { expandBySegment, isRatioMetric, resolveCompareMetrics } from '../../sim/experiment/compareMetrics.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-by-segment-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function scenarioFile(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
}

const segments = '  segments:\n    - { name: keen, share: 0.5, traits: { impulsivity: { dist: beta, alpha: 6, beta: 2 } } }\n    - { name: calm, share: 0.5 }\n';
const base = scenarioFile('base.yaml', `name: base\nrun: { days: 6 }\npopulation:\n  size: 400\n${segments}catalog: { items: 60, categories: 6 }\n`);
const cool = scenarioFile('cool.yaml', 'extends: base.yaml\nname: cool\nplatform: { nudges: { coolingOffDays: 1 } }\n');
const plain = scenarioFile('plain.yaml', 'name: plain\nrun: { days: 6 }\npopulation: { size: 400 }\ncatalog: { items: 60, categories: 6 }\n');

describe('--by segment', () => {
  it('turns each metric measured per segment into one metric per segment, and keeps the others', () => {
    const expanded = expandBySegment(resolveCompareMetrics(['impulse_share,gmv,trust_end']), ['keen', 'calm']);
    expect(expanded.map((m) => m.name)).toEqual(['impulse_share@keen', 'impulse_share@calm', 'gmv', 'trust_end@keen', 'trust_end@calm']);
    expect(expanded[1].description).toMatch(/, segment calm$/);
    expect(isRatioMetric(expanded[0])).toBe(true);
    expect(() => expandBySegment(resolveCompareMetrics(['gmv']), ['keen'])).toThrow(/--by segment: none of the metrics \(gmv\) is measured per segment; per-segment metrics: consumers, /);
  });

  it('refuses arms whose segments differ', () => {
    expect(() => planCompare({ files: [base, plain], by: 'segment' })).toThrow(/--by segment: arms base \(keen, calm\) and plain \(everyone\) have different segments/);
  });

  it("compares each segment's outcome with paired intervals, from the runs' segment columns", async () => {
    const result = await runCompare({ files: [base, cool], by: 'segment', metrics: ['impulse_share,gmv'], replications: 2, workers: 2, summaryOnly: true, out: path.join(work, 'out') });
    expect(result.statistics.metrics.map((m) => m.metric)).toEqual(['impulse_share@keen', 'impulse_share@calm', 'gmv']);
    const runs = tableFromIPC(readFileSync(path.join(result.folder, 'runs.arrow')));
    const arm = Array.from({ length: runs.numRows }, (_, r) => String(runs.getChild('arm')!.get(r)));
    for (const metric of ['impulse_share@keen', 'impulse_share@calm']) {
      const values = Array.from(runs.getChild(metric)!.toArray() as Float64Array);
      for (const row of result.statistics.metrics.find((m) => m.metric === metric)!.arms) {
        const mine = values.filter((_, r) => arm[r] === row.arm);
        expect(row.interval.mean, `${metric} ${row.arm}`).toBeCloseTo(mine.reduce((a, b) => a + b, 0) / mine.length, 12);
      }
    }
    // The keen segment buys more on impulse than the calm one.
    const keen = result.statistics.metrics[0].arms[0].interval.mean;
    const calm = result.statistics.metrics[1].arms[0].interval.mean;
    expect(keen).toBeGreaterThan(calm);
    expect(runs.schema.fields.map((f) => f.name)).toContain('regret_buyer_share@calm');
  });
});
