/**
 * How much of a metric's spread between runs comes from the market drawn (the world: catalog and population) and how
 * much from behaviour within one market: the one-way random-effects analysis of variance, with runs grouped by world.
 */
export interface WorldVariance {
  /** Worlds with at least one finite value, and the values behind the estimate. */
  readonly worlds: number;
  readonly n: number;
  /** Standard deviation of a run's value between worlds (sqrt of the between-world variance component, >= 0). */
  readonly betweenSd: number;
  /** Standard deviation of a run's value within one world (sqrt of the pooled within-world variance). */
  readonly withinSd: number;
  /** Share of a run's variance that is the world's: between / (between + within), the intraclass correlation. */
  readonly worldShare: number;
}

/**
 * Variance components from values grouped by world (`world[k]` is value k's group). The between-world component is
 * (MS_between − MS_within) / n0, floored at 0, where n0 = (N − Σ n_g² / N) / (k − 1) allows unequal group sizes
 * (Searle, Casella & McCulloch, Variance Components, 1992, section 3.6). NaN values are left out. With no world holding
 * two values every field but the counts is NaN; with one world only the within-world spread is defined.
 */
export function worldVariance(values: readonly number[], world: readonly number[]): WorldVariance {
  const groups = new Map<number, number[]>();
  values.forEach((v, k) => {
    if (!Number.isFinite(v)) return;
    const group = groups.get(world[k]);
    if (group) group.push(v);
    else groups.set(world[k], [v]);
  });
  const sizes = [...groups.values()].map((g) => g.length);
  const n = sizes.reduce((a, b) => a + b, 0);
  const k = groups.size;
  const undefinedResult = { worlds: k, n, betweenSd: Number.NaN, withinSd: Number.NaN, worldShare: Number.NaN };
  if (n <= k) return undefinedResult;
  const grand = [...groups.values()].flat().reduce((a, b) => a + b, 0) / n;
  let ssWithin = 0;
  let ssBetween = 0;
  for (const group of groups.values()) {
    const mean = group.reduce((a, b) => a + b, 0) / group.length;
    for (const v of group) ssWithin += (v - mean) * (v - mean);
    ssBetween += group.length * (mean - grand) * (mean - grand);
  }
  const msWithin = ssWithin / (n - k);
  if (k === 1) return { ...undefinedResult, withinSd: Math.sqrt(msWithin) };
  const msBetween = ssBetween / (k - 1);
  const n0 = (n - sizes.reduce((a, s) => a + s * s, 0) / n) / (k - 1);
  const between = Math.max(0, (msBetween - msWithin) / n0);
  const total = between + msWithin;
  return { worlds: k, n, betweenSd: Math.sqrt(between), withinSd: Math.sqrt(msWithin), worldShare: total > 0 ? between / total : Number.NaN };
}

/** The world of replication r when replications are spread round-robin over `worlds` markets. */
export function worldOfReplication(replication: number, worlds: number): number {
  return replication % worlds;
}

/** Variance components of each metric in each arm of a comparison whose replications share `worlds` markets. */
export interface WorldsBreakdown {
  readonly worlds: number;
  readonly metrics: readonly { readonly metric: string; readonly arms: readonly ({ readonly arm: string } & WorldVariance)[] }[];
}

/** summaries[arm][replication][metric]; replication r belongs to world r mod worlds. */
export function worldsBreakdown(
  arms: readonly string[],
  summaries: readonly (readonly Readonly<Record<string, number>>[])[],
  metrics: readonly string[],
  worlds: number,
): WorldsBreakdown {
  return {
    worlds,
    metrics: metrics.map((metric) => ({
      metric,
      arms: arms.map((arm, a) => {
        const runs = summaries[a];
        return { arm, ...worldVariance(runs.map((summary) => summary[metric]), runs.map((_, r) => worldOfReplication(r, worlds))) };
      }),
    })),
  };
}
