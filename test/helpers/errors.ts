import { ScenarioError } from '../../sim/scenario/load.js';

/** The ScenarioError that `run` throws; fails the test when it throws nothing or something else. */
export function errorOf(run: () => unknown): ScenarioError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}
