/**
 * Self-control strength after a temptation: every temptation costs `temptationCost`, resisting costs
 * `resistanceCost` more (the strength model of self-control); live-room immersion multiplies both.
 */
export function depleteSelfControl(
  strength: number,
  resisted: boolean,
  temptationCost: number,
  resistanceCost: number,
  immersionMultiplier: number,
): number {
  const cost = (temptationCost + (resisted ? resistanceCost : 0)) * immersionMultiplier;
  const left = strength - cost;
  return left > 0 ? left : 0;
}

/** Overnight recovery: a share of the gap to full capacity is restored. */
export function recoverSelfControl(strength: number, capacity: number, recoveryShare: number): number {
  return strength + (capacity - strength) * recoveryShare;
}

/**
 * Self-control strength after a viewed item: attending to tempting content spends a share `viewCost` of what is left
 * (times the live-room immersion multiplier), so a long scroll leaves less to resist with.
 */
export function spendOnView(strength: number, viewCost: number, immersionMultiplier: number): number {
  const left = strength * (1 - viewCost * immersionMultiplier);
  return left > 0 ? left : 0;
}
