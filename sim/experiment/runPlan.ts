import type { RunSummary } from '../metrics.js';
import type { RunProvenance } from '../run.js';
import type { Scenario } from '../scenario/schema.js';

/** One run to execute: a resolved scenario (its run.seed already set) and where its tables go. */
export interface PlannedRun {
  /** Deterministic, derived from the resolved point and the replication index. */
  readonly runId: string;
  /** Index of the design point (sweep) or arm (compare). */
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  readonly scenario: Scenario;
  /** Final folder for the run's tables; null = summary only (tables go to a temp folder that is removed). */
  readonly folder: string | null;
  /** Files and overrides that produced the scenario, recorded in the run's manifest.json. */
  readonly provenance?: RunProvenance;
}

/**
 * A day-by-day series of one run, for reports (one value per simulated day). Read back from the run's days.arrow
 * (impulse_share = impulse_purchases / purchases, NaN on a day without purchases), so it is exactly what the table
 * holds whichever process ran the simulation.
 */
export interface DailySeries {
  readonly impulse_share: number[];
  readonly mean_trust: number[];
  readonly gmv: number[];
  readonly purchases: number[];
}

/** A finished run as the parent process sees it. */
export interface CompletedRun {
  readonly run: PlannedRun;
  readonly summary: RunSummary;
  readonly daily: DailySeries;
  readonly wallSeconds: number;
}
