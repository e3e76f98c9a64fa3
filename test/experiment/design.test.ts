import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridFromFlags, latinHypercubePoints, readDesignFile } from '../../sim/experiment/design.js';
import { parseShard, planSweep, shardRuns } from '../../sim/experiment/sweepPlan.js';
import { sweepManifest } from '../../sim/experiment/sweep.js';
import { ScenarioError } from '../../sim/scenario/load.js';
import { ensureBuilt, mallsim, writeTinyScenario } from './sweepHelpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'mallsim-design-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tiny = writeTinyScenario(work);

function designFile(name: string, text: string): string {
  const file = path.join(work, name);
  writeFileSync(file, text);
  return file;
}

describe('grid designs', () => {
  it('expands --grid flags as a full factorial, the first flag varying slowest, values parsed as YAML', () => {
    const design = gridFromFlags(['platform.overPush.feedLength=10,20,30', 'platform.overPush.socialProof=true,false']);
    expect(design.parameters).toEqual(['platform.overPush.feedLength', 'platform.overPush.socialProof']);
    expect(design.points).toEqual([
      { 'platform.overPush.feedLength': 10, 'platform.overPush.socialProof': true },
      { 'platform.overPush.feedLength': 10, 'platform.overPush.socialProof': false },
      { 'platform.overPush.feedLength': 20, 'platform.overPush.socialProof': true },
      { 'platform.overPush.feedLength': 20, 'platform.overPush.socialProof': false },
      { 'platform.overPush.feedLength': 30, 'platform.overPush.socialProof': true },
      { 'platform.overPush.feedLength': 30, 'platform.overPush.socialProof': false },
    ]);
  });

  it('reads a [list] value whole, so values may hold commas', () => {
    const design = gridFromFlags(['platform.policy=[content, popularity]', 'population.segments.0.traits.impulsivity=[{dist: beta, alpha: 2, beta: 3}]']);
    expect(design.points).toEqual([
      { 'platform.policy': 'content', 'population.segments.0.traits.impulsivity': { dist: 'beta', alpha: 2, beta: 3 } },
      { 'platform.policy': 'popularity', 'population.segments.0.traits.impulsivity': { dist: 'beta', alpha: 2, beta: 3 } },
    ]);
  });

  it('keeps scalars of a design file constant and expands its lists', () => {
    const file = designFile('grid.yaml', 'grid:\n  platform.overPush.feedLength: [10, 40]\n  platform.overPush.pushesPerDay: 2\n');
    const design = readDesignFile(file);
    expect(design.kind).toBe('grid');
    expect(design.points).toEqual([
      { 'platform.overPush.feedLength': 10, 'platform.overPush.pushesPerDay': 2 },
      { 'platform.overPush.feedLength': 40, 'platform.overPush.pushesPerDay': 2 },
    ]);
  });

  it('takes explicit points as written, with the union of their paths as parameters', () => {
    const file = designFile('points.yaml', 'points:\n  - { platform.policy: random }\n  - { platform.policy: content, platform.rerank.diversity: 0.5 }\n');
    const design = readDesignFile(file);
    expect(design.parameters).toEqual(['platform.policy', 'platform.rerank.diversity']);
    expect(design.points).toHaveLength(2);
    const plan = planSweep({ scenarioFile: tiny, overrides: [], design, replications: 1, summaryOnly: true, out: work });
    // A point that does not set a parameter holds the scenario's own value there.
    expect(plan.points.map((p) => p.values)).toEqual([
      { 'platform.policy': 'random', 'platform.rerank.diversity': 0 },
      { 'platform.policy': 'content', 'platform.rerank.diversity': 0.5 },
    ]);
  });
});

describe('Latin hypercube designs', () => {
  const ranges = [
    { path: 'a', min: 0.1, max: 0.5, integer: false },
    { path: 'b', min: 10, max: 40, integer: true },
  ];

  it('uses every stratum of every dimension exactly once and stays within the ranges', () => {
    const points = latinHypercubePoints(ranges, 10, 7);
    expect(points).toHaveLength(10);
    const strata = points.map((p) => Math.floor((((p.a as number) - 0.1) / 0.4) * 10)).sort((x, y) => x - y);
    expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const p of points) {
      expect(Number.isInteger(p.b)).toBe(true);
      expect(p.b as number).toBeGreaterThanOrEqual(10);
      expect(p.b as number).toBeLessThanOrEqual(40);
    }
    // 31 integers over 10 strata: the strata hold disjoint sets of integers, so the 10 values all differ.
    expect(new Set(points.map((p) => p.b)).size).toBe(10);
  });

  it('is reproducible from its own seed and changes with it', () => {
    expect(latinHypercubePoints(ranges, 6, 7)).toEqual(latinHypercubePoints(ranges, 6, 7));
    expect(latinHypercubePoints(ranges, 6, 8)).not.toEqual(latinHypercubePoints(ranges, 6, 7));
  });

  it('reads samples, seed and ranges from a design file', () => {
    const file = designFile('lhs.yaml', 'latinHypercube:\n  samples: 5\n  seed: 3\n  ranges:\n    platform.overPush.urgencyShare: { min: 0, max: 0.6 }\n');
    const design = readDesignFile(file);
    expect(design.kind).toBe('latinHypercube');
    expect(design.points).toEqual(latinHypercubePoints([{ path: 'platform.overPush.urgencyShare', min: 0, max: 0.6, integer: false }], 5, 3));
  });
});

describe('sweep plans', () => {
  it('derives run ids from the point and replication, and gives replication r the same seed at every point', () => {
    const design = gridFromFlags(['platform.overPush.feedLength=10,30']);
    const plan = planSweep({ scenarioFile: tiny, overrides: ['run.seed=40'], design, replications: 3, summaryOnly: false, out: work });
    expect(plan.runs.map((run) => run.seed)).toEqual([40, 41, 42, 40, 41, 42]);
    expect(plan.runs.map((run) => run.scenario.run.seed)).toEqual([40, 41, 42, 40, 41, 42]);
    expect(plan.runs.map((run) => run.scenario.platform.overPush.feedLength)).toEqual([10, 10, 10, 30, 30, 30]);
    expect(plan.runs[0].runId).toMatch(/^[0-9a-f]{10}-rep-000$/);
    expect(plan.runs[2].runId).toBe(`${plan.points[0].id}-rep-002`);
    expect(plan.runs[0].folder).toBe(path.join(work, 'runs', plan.runs[0].runId));
    // The id depends on the point, not on its position in the design.
    const reversed = planSweep({ scenarioFile: tiny, overrides: ['run.seed=40'], design: gridFromFlags(['platform.overPush.feedLength=30,10']), replications: 3, summaryOnly: false, out: work });
    expect(reversed.points[1].id).toBe(plan.points[0].id);
    expect(reversed.fingerprint).not.toBe(plan.fingerprint);
  });

  it('makes --worlds part of the plan: its markets, sweep.json and the fingerprint', () => {
    const design = gridFromFlags(['platform.overPush.feedLength=10,30']);
    const plain = planSweep({ scenarioFile: tiny, overrides: ['run.seed=40'], design, replications: 3, summaryOnly: true, out: work });
    const shared = planSweep({ scenarioFile: tiny, overrides: ['run.seed=40'], design, replications: 3, summaryOnly: true, out: work, worlds: 2 });
    const again = planSweep({ scenarioFile: tiny, overrides: ['run.seed=40'], design, replications: 3, summaryOnly: true, out: work, worlds: 2 });
    expect([plain.worlds, shared.worlds]).toEqual([null, 2]);
    expect(shared.fingerprint).not.toBe(plain.fingerprint);
    expect(again.fingerprint).toBe(shared.fingerprint);
    // Replication 2 shares world 0's market (catalog and population seeds) with replication 0.
    expect(shared.runs.map((run) => run.scenario.catalog.seed)).toEqual([40, 41, 40, 40, 41, 40]);
    expect(sweepManifest(shared, null).worlds).toBe(2);
  });

  it('shards round-robin over plan order into disjoint slices that cover the plan', () => {
    const runs = Array.from({ length: 7 }, (_, k) => k);
    const shards = [1, 2, 3].map((index) => shardRuns(runs, { index, count: 3 }));
    expect(shards).toEqual([[0, 3, 6], [1, 4], [2, 5]]);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('0/3')).toThrow(/--shard 0\/3: expected i\/n with 1 <= i <= n/);
    expect(() => parseShard('4/3')).toThrow(RangeError);
  });

  it('refuses identical points', () => {
    expect(() => planSweep({ scenarioFile: tiny, overrides: [], design: gridFromFlags(['run.days=5,5']), replications: 1, summaryOnly: true, out: work })).toThrow(
      /design points 0 and 1 are identical/,
    );
  });

  it('reports a bad value against the design file line where it was written', () => {
    const file = designFile('bad-value.yaml', 'points:\n  - platform.overPush.feedLength: 10\n  - platform.overPush.feedLength: -3\n');
    try {
      planSweep({ scenarioFile: tiny, overrides: [], design: readDesignFile(file), replications: 1, summaryOnly: true, out: work });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as Error).message).toBe(`${file}:3:5 platform.overPush.feedLength: expected an integer in [1, 1000], got -3 (design point 1: {"platform.overPush.feedLength":-3})`);
    }
  });
});

describe('bad designs are refused, naming the file or flag and the field', () => {
  const plan = (design: () => ReturnType<typeof readDesignFile>) => () => planSweep({ scenarioFile: tiny, overrides: [], design: design(), replications: 1, summaryOnly: true, out: work });

  it('an unknown path', () => {
    const file = designFile('unknown-points.yaml', 'points:\n  - platform.overPush.feedLength: 10\n  - platform.overPush.feedLenth: 20\n');
    expect(plan(() => readDesignFile(file))).toThrow(`${file}:3:5 platform.overPush.feedLenth: unknown key (did you mean "feedLength"?) (design point 1: {"platform.overPush.feedLenth":20})`);
    expect(plan(() => gridFromFlags(['platform.overPush.feedLenght=10']))).toThrow('--grid platform.overPush.feedLenght=10: platform.overPush.feedLenght: unknown key (did you mean "feedLength"?)');
  });

  it('an empty list', () => {
    const file = designFile('empty.yaml', 'grid:\n  platform.overPush.feedLength: []\n');
    expect(() => readDesignFile(file)).toThrow(`${file}:2:3 grid.platform.overPush.feedLength: expected a non-empty list of values (or one value), got an empty list`);
    expect(() => readDesignFile(designFile('no-points.yaml', 'points: []\n'))).toThrow(/no-points\.yaml:1:1 points: expected a non-empty list of points/);
    expect(() => gridFromFlags(['run.days=[]'])).toThrow('--grid run.days=[]: run.days: expected at least one value, got an empty list');
  });

  it('a bad range', () => {
    const text = designFile('text.yaml', 'latinHypercube:\n  samples: 4\n  seed: 1\n  ranges:\n    platform.overPush.urgencyShare: { min: low, max: 0.1 }\n');
    expect(() => readDesignFile(text)).toThrow(`${text}:5:39 latinHypercube.ranges.platform.overPush.urgencyShare.min: expected a number, got "low"`);
    const integer = designFile('integer.yaml', 'latinHypercube:\n  samples: 4\n  seed: 1\n  ranges:\n    run.days: { min: 1.5, max: 9, integer: true }\n');
    expect(() => readDesignFile(integer)).toThrow(`${integer}:5:5 latinHypercube.ranges.run.days: integer ranges need integer bounds, got min 1.5 and max 9`);
    // Within the design's own rules but outside the scenario's: the loader's rule, located in the design file.
    const outside = designFile('outside.yaml', 'latinHypercube:\n  samples: 4\n  seed: 1\n  ranges:\n    platform.overPush.urgencyShare: { min: 0.5, max: 1.5 }\n');
    expect(plan(() => readDesignFile(outside))).toThrow(new RegExp(`^${escape(outside)}:5:5 platform\\.overPush\\.urgencyShare: expected a number in \\[0, 1\\], got 1\\.\\d+ \\(design point \\d`));
  });
});

describe('mallsim sweep exits 2 on a bad design and writes nothing', () => {
  beforeAll(ensureBuilt);
  const refuse = (args: string[], pattern: RegExp): void => {
    const out = path.join(work, 'refused');
    const result = mallsim(['sweep', tiny, ...args, '--out', out], work);
    expect(result.stderr).toMatch(pattern);
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  };

  it('an unknown path', () => {
    const file = designFile('unknown.yaml', 'grid:\n  platform.overPush.feedLenght: [10, 20]\n');
    refuse(['--design', file], new RegExp(`^${escape(file)}:2:3 platform\\.overPush\\.feedLenght: unknown key \\(did you mean "feedLength"\\?\\)`));
  });

  it('an empty list', () => {
    refuse(['--grid', 'platform.overPush.feedLength='], /^--grid platform\.overPush\.feedLength=: platform\.overPush\.feedLength: expected at least one value, got an empty list\n$/);
  });

  it('a bad range', () => {
    const reversed = designFile('reversed.yaml', 'latinHypercube:\n  samples: 4\n  seed: 1\n  ranges:\n    platform.overPush.urgencyShare: { min: 0.5, max: 0.1 }\n');
    refuse(['--design', reversed], new RegExp(`^${escape(reversed)}:5:5 latinHypercube\\.ranges\\.platform\\.overPush\\.urgencyShare: expected min < max, got min 0.5 and max 0.1\\n$`));
  });

  it('both or neither of --grid and --design', () => {
    refuse([], /give either --grid .* or --design FILE/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
