import { scenarioSchema, type Scenario, type ScenarioInput } from '../../sim/scenario/schema.js';

/** A small scenario (fast enough for unit and whole-run tests), with optional deep overrides. */
export function smallScenario(overrides: Record<string, unknown> = {}): Scenario {
  const base: ScenarioInput = {
    name: 'small',
    run: { days: 20, seed: 7 },
    population: { size: 1500 },
    catalog: { items: 300, categories: 10 },
  };
  return scenarioSchema.parse(deepMerge(base as Record<string, unknown>, overrides));
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
