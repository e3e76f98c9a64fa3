/** mallsim as a library: load scenarios, run them, read what a run produced. */
export { loadScenario, resolveScenarioObject, ScenarioError } from './scenario/load.js';
export type { LoadedScenario } from './scenario/load.js';
export { scenarioSchema, policyNames, type Scenario, type ScenarioInput } from './scenario/schema.js';
export { scenarioJsonSchema } from './scenario/jsonSchema.js';
export { runScenario, simulate, replicationSeed } from './run.js';
export type { RunResult, RunScenarioOptions, RunScenarioResult, SimulateOptions } from './run.js';
export { METRICS, summarizeRun, type RunSummary, type MetricDefinition } from './metrics.js';
export { OutputError } from './output/runFolder.js';
export { VERSION } from './version.js';
