import type { FrontierPoint } from './reportData.js';

/**
 * Which arms lie on the revenue-welfare frontier: those for which no other arm has at least as much net revenue and
 * consumer welfare and more of one (Pareto efficiency, on the means). Arms with a missing mean are never on it.
 */
export function efficientArms(points: readonly FrontierPoint[]): Set<string> {
  const finite = points.filter((point) => Number.isFinite(point.revenue.mean) && Number.isFinite(point.welfare.mean));
  const dominates = (a: FrontierPoint, b: FrontierPoint): boolean =>
    a.revenue.mean >= b.revenue.mean && a.welfare.mean >= b.welfare.mean && (a.revenue.mean > b.revenue.mean || a.welfare.mean > b.welfare.mean);
  return new Set(finite.filter((point) => !finite.some((other) => dominates(other, point))).map((point) => point.arm));
}
