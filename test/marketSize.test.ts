import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCatalog, marketScaleOf } from '../sim/catalog.js';
import { loadScenario, resolveScenarioObject } from '../sim/scenario/load.js';
import { numbers, runInTemp } from './helpers/runs.js';
import { smallScenario } from './helpers/scenarios.js';
import { mallsim } from './helpers/cli.js';
import { buildWorld } from './helpers/world.js';
import { namedStream } from '../sim/rng.js';
import { errorOf } from './helpers/errors.js';

const root = path.resolve(__dirname, '..');
const defaultScenario = path.join(root, 'scenarios/default.yaml');
const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-market-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

describe('population.marketSize validation', () => {
  it('rejects a market smaller than the simulated population, naming population.marketSize where it was written', () => {
    const file = path.join(folder, 'small-market.yaml');
    writeFileSync(file, 'name: t\npopulation:\n  size: 100\n  marketSize: 50\ncatalog:\n  items: 20\n  categories: 4\n');
    const error = errorOf(() => loadScenario(file));
    expect(error.message).toBe(`${file}:4:15 population.marketSize: expected at least population.size (100), got 50`);
    expect(error.diagnostics.map((d) => d.path)).toEqual(['population.marketSize']);

    const fromOverride = errorOf(() => loadScenario(defaultScenario, { overrides: ['population.size=1000', 'population.marketSize=500'] }));
    expect(fromOverride.message).toBe('--set population.marketSize=500: population.marketSize: expected at least population.size (1000), got 500');

    const fromObject = errorOf(() =>
      resolveScenarioObject({ name: 't', population: { size: 10, marketSize: 9 }, catalog: { items: 20, categories: 4 } }, 'sweep.json'),
    );
    expect(fromObject.message).toContain('population.marketSize: expected at least population.size (10), got 9');
  });

  it('accepts a market as large as the population or larger, and leaves it unset by default', () => {
    const base = { name: 't', catalog: { items: 20, categories: 4 } };
    expect(resolveScenarioObject({ ...base, population: { size: 10 } }).population.marketSize).toBeUndefined();
    expect(resolveScenarioObject({ ...base, population: { size: 10, marketSize: 10 } }).population.marketSize).toBe(10);
    expect(resolveScenarioObject({ ...base, population: { size: 10, marketSize: 1_000_000 } }).population.marketSize).toBe(1_000_000);
    expect(marketScaleOf({ size: 1000 })).toBe(1);
    expect(marketScaleOf({ size: 1000, marketSize: 1000 })).toBe(1);
    expect(marketScaleOf({ size: 1000, marketSize: 20_000 })).toBe(20);
  });

  it('makes the command line exit with code 2 and write nothing', () => {
    const cwd = mkdtempSync(path.join(folder, 'cli-'));
    const file = path.join(cwd, 'bad.yaml');
    writeFileSync(file, 'name: bad\nrun: { days: 2 }\npopulation: { size: 50 }\ncatalog: { items: 20, categories: 4 }\n');
    const result = mallsim(['run', file, '--set', 'population.marketSize=10'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('population.marketSize: expected at least population.size (50), got 10');
    expect(existsSync(path.join(cwd, 'output'))).toBe(false);
    expect(readdirSync(cwd)).toEqual(['bad.yaml']);
  });
});

describe('createCatalog with a market scale', () => {
  it('divides each item’s stock capacity by the scale (at least one unit) and changes nothing else', () => {
    const { catalog: params, run } = smallScenario({ catalog: { items: 2000, categories: 10 } });
    const unscaled = createCatalog(params, run.seed, 1);
    const scaled = createCatalog(params, run.seed, 10);
    expect(unscaled.marketScale).toBe(1);
    expect(scaled.marketScale).toBe(10);
    // The stock draw d is not stored: unscaled = round(d) places d within half a unit, so round(d / 10) lies
    // between the roundings of the two ends of that interval.
    let changed = 0;
    let ones = 0;
    for (let i = 0; i < params.items; i++) {
      const u = unscaled.stockCapacity[i];
      const s = scaled.stockCapacity[i];
      const low = Math.max(1, Math.round((u - 0.5) / 10));
      const high = Math.max(1, Math.round((u + 0.5) / 10));
      if (s < low || s > high) throw new Error(`item ${i}: unscaled capacity ${u}, scaled ${s}, expected ${low}..${high}`);
      expect(scaled.stock[i]).toBe(s);
      if (s !== u) changed++;
      if (s === 1) ones++;
    }
    const meanUnscaled = mean(Array.from(unscaled.stockCapacity));
    const meanScaled = mean(Array.from(scaled.stockCapacity));
    console.log(`stock capacity: mean ${meanUnscaled.toFixed(2)} at scale 1, ${meanScaled.toFixed(2)} at scale 10; ${changed} of ${params.items} items changed, ${ones} at the floor of 1`);
    expect(changed).toBeGreaterThan(params.items * 0.9);
    expect(meanScaled * 10).toBeGreaterThan(meanUnscaled * 0.95);
    expect(meanScaled * 10).toBeLessThan(meanUnscaled * 1.05);
    // Only stock depends on the scale: the catalog stream is consumed in the same order.
    expect(Array.from(scaled.price)).toEqual(Array.from(unscaled.price));
    expect(Array.from(scaled.category)).toEqual(Array.from(unscaled.category));
    expect(Array.from(scaled.quality)).toEqual(Array.from(unscaled.quality));
    expect(Array.from(scaled.features)).toEqual(Array.from(unscaled.features));
    expect(Array.from(scaled.live)).toEqual(Array.from(unscaled.live));
  });

  it('never leaves an item with no stock, however large the market', () => {
    const { catalog: params, run } = smallScenario({ catalog: { items: 500, categories: 5 } });
    const huge = createCatalog(params, run.seed, 1e6);
    expect(Math.min(...huge.stockCapacity)).toBe(1);
    expect(Math.max(...huge.stockCapacity)).toBe(1);
  });
});

describe('runs with a market size', () => {
  it('are byte-identical without marketSize and with marketSize equal to size, and differ with a larger market', () => {
    const overrides = { run: { days: 8, seed: 3 }, population: { size: 400 } };
    const plain = runInTemp(smallScenario(overrides));
    const same = runInTemp(smallScenario({ ...overrides, population: { size: 400, marketSize: 400 } }));
    const larger = runInTemp(smallScenario({ ...overrides, population: { size: 400, marketSize: 4000 } }));
    try {
      const arrows = readdirSync(plain.folder).filter((f) => f.endsWith('.arrow')).sort();
      expect(arrows).toContain('purchases.arrow');
      for (const file of arrows) {
        const name = file.replace(/\.arrow$/, '');
        expect(same.bytes(name).equals(plain.bytes(name)), file).toBe(true);
      }
      expect(plain.result.summary).toEqual(same.result.summary);
      expect(plain.result.rowCounts.purchases).toBeGreaterThan(0);
      expect(larger.bytes('purchases').equals(plain.bytes('purchases'))).toBe(false);
    } finally {
      plain.cleanup();
      same.cleanup();
      larger.cleanup();
    }
  });

  it('shows the crowd of the whole market: "N bought" counters grow with marketSize', () => {
    const common = ['population.size=1000', 'run.days=20'];
    const without = loadScenario(defaultScenario, { overrides: common }).scenario;
    const withMarket = loadScenario(defaultScenario, { overrides: [...common, 'population.marketSize=20000'] }).scenario;
    expect(without.platform.overPush.socialProof).toBe(true);
    let scaleSeen = 0;
    const plain = runInTemp(without);
    const market = runInTemp(withMarket, { onDay: (_day, world) => (scaleSeen = world.catalog.marketScale) });
    try {
      const plainCounts = numbers(plain.table('purchases'), 'social_proof_count');
      const marketCounts = numbers(market.table('purchases'), 'social_proof_count');
      const plainMean = mean(plainCounts);
      const marketMean = mean(marketCounts);
      console.log(
        `social_proof_count mean: ${plainMean.toFixed(3)} without marketSize (${plainCounts.length} purchases), ` +
          `${marketMean.toFixed(3)} with marketSize 20000 (${marketCounts.length} purchases)`,
      );
      expect(scaleSeen).toBe(20);
      expect(plainCounts.length).toBeGreaterThan(100);
      expect(marketCounts.length).toBeGreaterThan(100);
      expect(marketMean).toBeGreaterThan(5 * plainMean);
      expect(marketMean).toBeGreaterThan(1);
    } finally {
      plain.cleanup();
      market.cleanup();
    }
  });
});

describe('scarcity labels with a market size', () => {
  it('say "only N left" by the market stock: 3 sample units of a 10x market are 30 units, not scarce', () => {
    const labelled = (marketSize: number): number => {
      const scenario = smallScenario({
        population: { size: 100, marketSize },
        catalog: { items: 200, categories: 4, liveItemShare: 0, limitedOfferShare: 0 },
        platform: { rerank: { exploration: 0, diversity: 0 }, overPush: { liveShare: 0, urgencyShare: 0 } },
      });
      const { world, close } = buildWorld(scenario);
      try {
        // Every item holds 3 units of the sample's stock: scarce for a sample that is the market, not for a 10x one.
        world.catalog.stock.fill(3);
        const feed = world.platform.feeds.beginFeed(0, 20, false, namedStream(5, 'test/labels'), 0, 0);
        while (world.platform.feeds.extend());
        let count = 0;
        for (let slot = 0; slot < feed.length; slot++) count += feed.urgency[slot];
        expect(feed.length).toBe(20);
        return count;
      } finally {
        close();
      }
    };
    expect(labelled(100)).toBe(20);
    expect(labelled(1000)).toBe(0);
  });
});
