import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrationDistance } from '../../sim/analysis/calibrate.js';
import { PointEvaluator } from '../../sim/analysis/evaluate.js';
import { parseParamRanges } from '../../sim/analysis/paramRanges.js';
import { loadScenario } from '../../sim/scenario/load.js';
import { ensureBuilt, mallsim, root } from '../experiment/sweepHelpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-calibrate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(ensureBuilt);

describe('calibration distance', () => {
  it('is the weighted sum of squared relative errors, absolute for a zero target, infinite for an undefined metric', () => {
    const targets = [
      { metric: 'impulse_share', value: 0.4, weight: 1 },
      { metric: 'purchases', value: 200, weight: 2 },
      { metric: 'blocked', value: 0, weight: 1 },
    ];
    // (0.3 - 0.4)/0.4 = -0.25; (220 - 200)/200 = 0.1, weight 2; blocked 3 - 0 = 3 (absolute).
    expect(calibrationDistance(targets, { impulse_share: 0.3, purchases: 220, blocked: 3 })).toBeCloseTo(0.0625 + 2 * 0.01 + 9, 12);
    expect(calibrationDistance(targets, { impulse_share: Number.NaN, purchases: 220, blocked: 0 })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('mallsim calibrate', () => {
  it('recovers known parameter values from targets the model produced at them', async () => {
    // Targets from the model itself at the truth, with the seeds the calibration uses (1 and 2): the truth's distance
    // is exactly 0, so what is tested is that the metrics identify the parameters and the search finds them. The model
    // responds to a parameter change chaotically (one extra impulse purchase changes budgets, interests and feeds), so
    // the objective is rugged; the tolerance is a tenth of each range.
    const scenario = path.join(root, 'scenarios/default.yaml');
    const overrides = ['population.size=1500', 'run.days=14', 'catalog.items=300'];
    const truth = { 'consumer.impulse.intercept': -7.1, 'consumer.view.intercept': -1.0 };
    const params = 'consumer.impulse.intercept=-7.8..-6.3,consumer.view.intercept=-1.6..-0.4';
    const ranges = parseParamRanges(params);
    const evaluator = new PointEvaluator({ scenarioFile: scenario, overrides, ranges, replications: 2, workers: 2 });
    const [atTruth] = await evaluator.evaluate([truth]);
    const targets = { impulse_purchases: atTruth.mean.impulse_purchases, view_rate: atTruth.mean.view_rate };
    const targetsFile = path.join(work, 'targets.yaml');
    writeFileSync(targetsFile, Object.entries(targets).map(([metric, value]) => `${metric}: ${value}\n`).join(''));

    const started = process.hrtime.bigint();
    const out = path.join(work, 'fitted.yaml');
    const args = ['calibrate', scenario, '--targets', targetsFile, '--params', params, '--replications', '2', '--screen', '10', '--starts', '2', '--max-evaluations', '24', '--workers', '2', '--out', out, '--json'];
    const result = mallsim([...args, ...overrides.flatMap((o) => ['--set', o])], work);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const estimate = report.best.values as Record<string, number>;
    console.log(
      `truth ${JSON.stringify(truth)}\nestimate ${JSON.stringify(estimate)}\ndistance ${report.best.distance} (targets ${JSON.stringify(targets)}, simulated ${JSON.stringify(report.best.metrics)})\n` +
        `${report.points.length} points, ${report.runs} runs in ${seconds.toFixed(1)} s`,
    );
    expect(report.seeds).toEqual([1, 2]);
    expect(Math.abs(estimate['consumer.impulse.intercept'] - truth['consumer.impulse.intercept'])).toBeLessThan(0.15);
    expect(Math.abs(estimate['consumer.view.intercept'] - truth['consumer.view.intercept'])).toBeLessThan(0.12);
    expect(report.best.distance).toBeLessThan(0.01);
    // The table is ordered by distance and the search improved on the screening.
    const distances = report.points.map((p: { distance: number }) => p.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const bestScreening = Math.min(...report.points.filter((p: { phase: string }) => p.phase === 'screening').map((p: { distance: number }) => p.distance));
    expect(report.best.distance).toBeLessThanOrEqual(bestScreening);

    // The written scenario extends the original by a relative path and sets exactly the fitted values.
    const written = parseYaml(readFileSync(out, 'utf8'));
    expect(written.extends).toBe(path.relative(work, scenario));
    expect(written.name).toBe('default-calibrated');
    const loaded = loadScenario(out).scenario;
    expect(loaded.consumer.impulse.intercept).toBe(estimate['consumer.impulse.intercept']);
    expect(loaded.consumer.view.intercept).toBe(estimate['consumer.view.intercept']);
    expect(loaded.population.size).toBe(20000);
  });
});
