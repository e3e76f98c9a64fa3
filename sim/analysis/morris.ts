import type { RandomSource } from '../rng.js';

/** A Morris design in the unit cube: `trajectories` runs of `dimensions + 1` points, each step moving one coordinate. */
export interface MorrisDesign {
  readonly dimensions: number;
  readonly levels: number;
  /** The step, `levels / (2 (levels - 1))`: half the grid plus one level, so that every level is used equally. */
  readonly delta: number;
  /** Every point, trajectory by trajectory: trajectory t holds points t (k+1) .. t (k+1) + k. */
  readonly points: readonly number[][];
  /** For trajectory t and step s (1..k), the coordinate that moved: moved[t][s - 1]. */
  readonly moved: readonly number[][];
}

/** Elementary-effect statistics of one parameter. */
export interface MorrisIndices {
  /** Mean of the elementary effects: the direction and size of the overall effect. */
  readonly mu: number;
  /** Mean of their absolute values (Campolongo et al. 2007): the importance, immune to effects of both signs cancelling. */
  readonly muStar: number;
  /** Their standard deviation: interactions with other parameters or non-linearity. */
  readonly sigma: number;
  /** Elementary effects that entered (those with a finite model output on both ends). */
  readonly effects: number;
}

/**
 * Morris's (1991) one-at-a-time trajectories on a `levels`-level grid of the unit cube. Each trajectory starts at a
 * random grid point, then changes the coordinates one by one, in a random order, each by +delta or -delta (chosen at
 * random, always staying in the cube). Reproducible from `random`.
 */
export function morrisDesign(dimensions: number, trajectories: number, levels: number, random: RandomSource): MorrisDesign {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`morris: expected at least one parameter, got ${dimensions}`);
  if (!Number.isInteger(trajectories) || trajectories < 2) throw new RangeError(`--trajectories: expected an integer >= 2, got ${trajectories}`);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new RangeError(`--levels: expected an even integer >= 2, got ${levels}`);
  const delta = levels / (2 * (levels - 1));
  // Base levels 0 .. levels/2 - 1 keep base + delta on the grid.
  const baseLevels = levels / 2;
  const points: number[][] = [];
  const moved: number[][] = [];
  for (let t = 0; t < trajectories; t++) {
    const base = Array.from({ length: dimensions }, () => Math.floor(random() * baseLevels) / (levels - 1));
    const up = Array.from({ length: dimensions }, () => random() < 0.5);
    // A coordinate that steps down starts one step up.
    let point = base.map((b, i) => (up[i] ? b : b + delta));
    const sequence = shuffledIndices(dimensions, random);
    points.push(point);
    for (const i of sequence) {
      point = [...point];
      point[i] = up[i] ? point[i] + delta : point[i] - delta;
      points.push(point);
    }
    moved.push(sequence);
  }
  return { dimensions, levels, delta, points: points.map(roundToGrid(levels)), moved };
}

/**
 * mu, mu* and sigma of every parameter from the model outputs at the design's points (same order). An elementary
 * effect is the change in output over the change in the unit-cube coordinate, so with parameters scaled to their
 * ranges it is the output's change per full range; a linear model y = sum c_i x_i gives mu* = |c_i| (hi_i - lo_i).
 */
export function morrisIndices(design: MorrisDesign, outputs: readonly number[]): MorrisIndices[] {
  const k = design.dimensions;
  if (outputs.length !== design.points.length) throw new RangeError(`morris: expected ${design.points.length} outputs, got ${outputs.length}`);
  const effects: number[][] = Array.from({ length: k }, () => []);
  design.moved.forEach((sequence, t) => {
    const first = t * (k + 1);
    sequence.forEach((i, s) => {
      const before = first + s;
      const after = before + 1;
      const step = design.points[after][i] - design.points[before][i];
      const effect = (outputs[after] - outputs[before]) / step;
      if (Number.isFinite(effect)) effects[i].push(effect);
    });
  });
  return effects.map((list) => {
    const r = list.length;
    const mu = r > 0 ? list.reduce((a, b) => a + b, 0) / r : Number.NaN;
    const muStar = r > 0 ? list.reduce((a, b) => a + Math.abs(b), 0) / r : Number.NaN;
    const sigma = r > 1 ? Math.sqrt(list.reduce((a, b) => a + (b - mu) ** 2, 0) / (r - 1)) : Number.NaN;
    return { mu, muStar, sigma, effects: r };
  });
}

function shuffledIndices(count: number, random: RandomSource): number[] {
  const indices = Array.from({ length: count }, (_, k) => k);
  for (let k = count - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [indices[k], indices[j]] = [indices[j], indices[k]];
  }
  return indices;
}

/** Snaps coordinates to the grid so that sums like 1/3 + 2/3 are exactly the level they stand for. */
function roundToGrid(levels: number): (point: number[]) => number[] {
  return (point) => point.map((v) => Math.round(v * (levels - 1)) / (levels - 1));
}
