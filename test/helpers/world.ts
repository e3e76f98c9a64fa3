import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCatalog, marketScaleOf } from '../../sim/catalog.js';
import { RunTables } from '../../sim/output/runTables.js';
import { Platform } from '../../sim/platform/platform.js';
import { createPopulation } from '../../sim/population.js';
import type { Scenario } from '../../sim/scenario/schema.js';
import { World } from '../../sim/world.js';

/** A world built from a scenario with its tables in a temporary folder, for single-transition tests. */
export function buildWorld(scenario: Scenario): { world: World; close: () => void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mallsim-world-'));
  const catalog = createCatalog(scenario.catalog, scenario.run.seed, marketScaleOf(scenario.population));
  const population = createPopulation(scenario, catalog);
  const platform = new Platform(scenario, catalog, population);
  const tables = new RunTables(folder, population.segmentNames, 1024, false, {});
  const world = new World(scenario, catalog, population, platform, tables);
  return {
    world,
    close: () => {
      tables.abort();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
