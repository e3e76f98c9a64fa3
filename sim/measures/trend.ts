/**
 * Weighted least-squares slope of rates observed day by day: rate_t = successes_t / trials_t, each day weighted by
 * its trials (a day with more repeat purchases says more). Returned per `perDays` days; NaN with fewer than two days
 * that have trials.
 */
export function weightedRateSlope(successes: readonly number[], trials: readonly number[], perDays: number): number {
  let weight = 0;
  let meanDay = 0;
  let meanRate = 0;
  for (let t = 0; t < trials.length; t++) {
    if (trials[t] <= 0) continue;
    weight += trials[t];
    meanDay += trials[t] * t;
    meanRate += successes[t];
  }
  if (weight <= 0) return Number.NaN;
  meanDay /= weight;
  meanRate /= weight;
  let covariance = 0;
  let variance = 0;
  let days = 0;
  for (let t = 0; t < trials.length; t++) {
    if (trials[t] <= 0) continue;
    days++;
    const rate = successes[t] / trials[t];
    covariance += trials[t] * (t - meanDay) * (rate - meanRate);
    variance += trials[t] * (t - meanDay) * (t - meanDay);
  }
  if (days < 2 || variance <= 0) return Number.NaN;
  return (covariance / variance) * perDays;
}
