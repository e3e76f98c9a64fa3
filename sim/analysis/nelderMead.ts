/** Options of the Nelder-Mead simplex search. */
export interface NelderMeadOptions {
  /** Lower bound of every coordinate (default 0: the search runs in the unit cube). */
  readonly lower?: readonly number[];
  /** Upper bound of every coordinate (default 1). */
  readonly upper?: readonly number[];
  /** Edge of the starting simplex along each axis, as a share of the bound range (default 0.1). */
  readonly initialStep?: number;
  /** Stop when every vertex lies within this (times the bound range) of the best one, per coordinate (default 1e-6)... */
  readonly tolerance?: number;
  /** ...and the simplex's values differ by at most this (default: `tolerance`). */
  readonly valueTolerance?: number;
  /** Stop after this many evaluations (default 200 times the dimension). */
  readonly maxEvaluations?: number;
}

/** Where a Nelder-Mead search stopped. */
export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

/**
 * Nelder-Mead's simplex search as a generator that asks for evaluations in batches: it yields the points it needs
 * (one, or all but the best vertex for a shrink) and is resumed with their values in the same order. The caller may
 * evaluate them however it likes, for example several searches' points in one parallel batch.
 *
 * Bounds are kept by clamping every proposed point into the box, so the objective is never asked about a point
 * outside it. The coefficients are the standard ones (reflection 1, expansion 2, contraction 0.5, shrink 0.5), and
 * ties are broken by vertex order, so the search is deterministic.
 */
export function* nelderMeadSearch(start: readonly number[], options: NelderMeadOptions = {}): Generator<number[][], NelderMeadResult, number[]> {
  const n = start.length;
  if (n === 0) throw new RangeError('nelder-mead: expected at least one dimension');
  const lower = options.lower ?? new Array<number>(n).fill(0);
  const upper = options.upper ?? new Array<number>(n).fill(1);
  if (lower.length !== n || upper.length !== n) throw new RangeError(`nelder-mead: bounds must have ${n} entries`);
  for (let i = 0; i < n; i++) if (!(lower[i] < upper[i])) throw new RangeError(`nelder-mead: bound ${i} is empty (${lower[i]} >= ${upper[i]})`);
  const tolerance = options.tolerance ?? 1e-6;
  const valueTolerance = options.valueTolerance ?? tolerance;
  const maxEvaluations = options.maxEvaluations ?? 200 * n;
  if (!Number.isInteger(maxEvaluations) || maxEvaluations < n + 1) throw new RangeError(`nelder-mead: maxEvaluations must be an integer >= ${n + 1} (the starting simplex), got ${maxEvaluations}`);
  const step = options.initialStep ?? 0.1;
  const clamp = (x: readonly number[]): number[] => x.map((v, i) => Math.min(upper[i], Math.max(lower[i], v)));

  // The starting simplex: the start and one step along each axis, stepping inwards where a bound is near.
  const simplex: number[][] = [clamp(start)];
  for (let i = 0; i < n; i++) {
    const vertex = [...simplex[0]];
    const delta = step * (upper[i] - lower[i]);
    vertex[i] = vertex[i] + delta <= upper[i] ? vertex[i] + delta : vertex[i] - delta;
    simplex.push(clamp(vertex));
  }
  let values = yield simplex.map((v) => [...v]);
  let evaluations = simplex.length;
  let order = simplex.map((_, k) => k);

  const evaluate = function* (points: number[][]): Generator<number[][], number[], number[]> {
    const answer = yield points.map((p) => [...p]);
    evaluations += points.length;
    return answer;
  };
  // A step is taken only when its evaluations fit in what is left of the budget, so the budget is never exceeded.
  const affords = (count: number): boolean => evaluations + count <= maxEvaluations;

  for (;;) {
    order = order.sort((a, b) => compare(values[a], values[b]) || a - b);
    const best = order[0];
    const worst = order[n];
    if (converged(simplex, values, best, lower, upper, tolerance, valueTolerance)) return result(true);
    if (!affords(1)) return result(false);

    const centroid = new Array<number>(n).fill(0);
    for (const k of order.slice(0, n)) for (let i = 0; i < n; i++) centroid[i] += simplex[k][i] / n;
    const along = (t: number): number[] => clamp(centroid.map((c, i) => c + t * (c - simplex[worst][i])));

    const reflected = along(1);
    const [reflectedValue] = yield* evaluate([reflected]);
    if (compare(reflectedValue, values[best]) < 0) {
      if (!affords(1)) {
        replace(worst, reflected, reflectedValue);
        return result(false);
      }
      const expanded = along(2);
      const [expandedValue] = yield* evaluate([expanded]);
      if (compare(expandedValue, reflectedValue) < 0) replace(worst, expanded, expandedValue);
      else replace(worst, reflected, reflectedValue);
      continue;
    }
    if (compare(reflectedValue, values[order[n - 1]]) < 0) {
      replace(worst, reflected, reflectedValue);
      continue;
    }
    const outside = compare(reflectedValue, values[worst]) < 0;
    if (!affords(1)) {
      if (outside) replace(worst, reflected, reflectedValue);
      return result(false);
    }
    const contracted = along(outside ? 0.5 : -0.5);
    const [contractedValue] = yield* evaluate([contracted]);
    if (compare(contractedValue, outside ? reflectedValue : values[worst]) < 0) {
      replace(worst, contracted, contractedValue);
      continue;
    }
    if (!affords(n)) return result(false);
    const shrunk = order.slice(1).map((k) => clamp(simplex[k].map((v, i) => simplex[best][i] + 0.5 * (v - simplex[best][i]))));
    const shrunkValues = yield* evaluate(shrunk);
    order.slice(1).forEach((k, j) => replace(k, shrunk[j], shrunkValues[j]));
  }

  function replace(k: number, point: readonly number[], value: number): void {
    simplex[k] = [...point];
    values = [...values];
    values[k] = value;
  }

  function result(done: boolean): NelderMeadResult {
    const best = values.reduce((b, v, k) => (compare(v, values[b]) < 0 ? k : b), 0);
    return { x: [...simplex[best]], value: values[best], evaluations, converged: done };
  }
}

/**
 * Minimizes `objective` from `start` with {@link nelderMeadSearch}, evaluating one batch at a time.
 */
export function minimizeNelderMead(objective: (x: number[]) => number, start: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const search = nelderMeadSearch(start, options);
  let step = search.next();
  while (!step.done) step = search.next(step.value.map(objective));
  return step.value;
}

/** Orders values with NaN last (an undefined objective is never preferred). */
function compare(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function converged(simplex: readonly number[][], values: readonly number[], best: number, lower: readonly number[], upper: readonly number[], tolerance: number, valueTolerance: number): boolean {
  const spread = Math.max(...values) - Math.min(...values);
  if (!(spread <= valueTolerance)) return false;
  return simplex.every((vertex) => vertex.every((v, i) => Math.abs(v - simplex[best][i]) <= tolerance * (upper[i] - lower[i])));
}
