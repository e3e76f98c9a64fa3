/** Bins of the interest-match histogram over [-1, 1] and of the trust histogram over [0, 1]: 0.01 wide. */
const MATCH_BINS = 200;
const TRUST_BINS = 100;
/** Sessions with at least this many exposures count as long for the depletion measure (assumption). */
export const LONG_SESSION = 15;

/**
 * Where impulse buying happens: exposures and impulse decisions (impulse purchases, or impulse items moved to the
 * cooling-off cart) by interest match and by trust at the moment of exposure, and by position in long sessions.
 * Histograms rather than per-exposure rows, so the stylized facts on resonance, trust and depletion need no
 * exposure table.
 */
export class ImpulseProfile {
  readonly matchExposures = new Float64Array(MATCH_BINS);
  readonly matchImpulses = new Float64Array(MATCH_BINS);
  readonly trustExposures = new Float64Array(TRUST_BINS);
  readonly trustImpulses = new Float64Array(TRUST_BINS);
  /** Exposures and impulse decisions in the first and last thirds of long sessions. */
  readonly thirds = new Float64Array(4);

  /** Counts one exposure. */
  exposure(match: number, trust: number): void {
    this.matchExposures[matchBin(match)]++;
    this.trustExposures[trustBin(trust)]++;
  }

  /** Counts one impulse decision at an exposure with this match and trust. */
  impulse(match: number, trust: number): void {
    this.matchImpulses[matchBin(match)]++;
    this.trustImpulses[trustBin(trust)]++;
  }

  /**
   * Counts a finished session of `seen` exposures whose impulse decisions by slot are in `impulsesBySlot`; only long
   * sessions count. A third is floor(seen / 3) slots at each end.
   */
  session(seen: number, impulsesBySlot: Uint16Array): void {
    if (seen < LONG_SESSION) return;
    const third = Math.floor(seen / 3);
    for (let k = 0; k < third; k++) {
      this.thirds[1] += impulsesBySlot[k];
      this.thirds[3] += impulsesBySlot[seen - 1 - k];
    }
    this.thirds[0] += third;
    this.thirds[2] += third;
  }

  /** Impulse decisions per exposure in the top fifth of exposures by match over the bottom fifth. */
  matchRatio(): number {
    return topOverBottomRate(this.matchExposures, this.matchImpulses, 0.2);
  }

  /** Impulse decisions per exposure in the top quarter of exposures by trust over the bottom quarter. */
  trustRatio(): number {
    return topOverBottomRate(this.trustExposures, this.trustImpulses, 0.25);
  }

  /** Impulse decisions per exposure in the last third of long sessions over the first third. */
  lateSessionRatio(): number {
    const [firstExposures, firstImpulses, lastExposures, lastImpulses] = this.thirds;
    if (firstExposures <= 0 || lastExposures <= 0 || firstImpulses <= 0) return Number.NaN;
    return lastImpulses / lastExposures / (firstImpulses / firstExposures);
  }
}

function matchBin(match: number): number {
  const bin = ((match + 1) * (MATCH_BINS / 2)) | 0;
  return bin < 0 ? 0 : bin >= MATCH_BINS ? MATCH_BINS - 1 : bin;
}

function trustBin(trust: number): number {
  const bin = (trust * TRUST_BINS) | 0;
  return bin < 0 ? 0 : bin >= TRUST_BINS ? TRUST_BINS - 1 : bin;
}

/**
 * Rate (impulses over exposures) in the top `share` of exposures over the rate in the bottom `share`, with groups
 * made of whole bins: bins are added from each end until they hold at least `share` of all exposures.
 */
export function topOverBottomRate(exposures: Float64Array, impulses: Float64Array, share: number): number {
  let total = 0;
  for (let b = 0; b < exposures.length; b++) total += exposures[b];
  if (total <= 0) return Number.NaN;
  const bottom = groupRate(exposures, impulses, total * share, 0, 1);
  const top = groupRate(exposures, impulses, total * share, exposures.length - 1, -1);
  return bottom > 0 ? top / bottom : Number.NaN;
}

function groupRate(exposures: Float64Array, impulses: Float64Array, wanted: number, start: number, step: number): number {
  let shown = 0;
  let bought = 0;
  for (let b = start; b >= 0 && b < exposures.length && shown < wanted; b += step) {
    shown += exposures[b];
    bought += impulses[b];
  }
  return shown > 0 ? bought / shown : Number.NaN;
}
