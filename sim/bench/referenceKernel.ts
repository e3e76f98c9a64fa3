import { logistic } from '../math/logistic.js';
import { StreamBank } from '../rng.js';

/*
 * The plain struct-of-arrays reference kernel of the project's performance notes: per exposure one dot product
 * (d = 16), one logistic, three state updates and one draw, over 100,000 consumers and 30 days with feeds of 20.
 * It runs in the same process as the engine's bench, so the ratio of the two rates is the figure to watch on a
 * noisy machine: both move with the machine, the ratio moves with the engine.
 */

const DIMS = 16;
const FEED = 20;
const ITEMS = 2000;

/** Exposures per second of the reference kernel at the given size. */
export function measureReferenceKernel(consumers = 100_000, days = 30): { exposuresPerSecond: number; exposures: number; checksum: number } {
  const interest = new Float32Array(consumers * DIMS);
  const features = new Float32Array(ITEMS * DIMS);
  const arousal = new Float64Array(consumers);
  const trust = new Float64Array(consumers).fill(0.6);
  const selfControl = new Float64Array(consumers).fill(1);
  const draws = new StreamBank(1, 'reference-kernel', consumers);
  // Fixed, spread values: the kernel's cost does not depend on them.
  for (let k = 0; k < interest.length; k++) interest[k] = ((k * 2654435761) % 1000) / 1000 - 0.5;
  for (let k = 0; k < features.length; k++) features[k] = ((k * 40503) % 1000) / 1000 - 0.5;
  let checksum = 0;
  const started = process.hrtime.bigint();
  for (let day = 0; day < days; day++) {
    for (let i = 0; i < consumers; i++) {
      draws.begin(i, day);
      const o = i * DIMS;
      for (let slot = 0; slot < FEED; slot++) {
        const item = (i * 31 + day * 17 + slot * 7) % ITEMS;
        const f = item * DIMS;
        let match = 0;
        for (let k = 0; k < DIMS; k++) match += interest[o + k] * features[f + k];
        const urge = logistic(-2 + 3 * match + 2 * arousal[i] + trust[i]);
        arousal[i] = 0.9 * arousal[i] + 0.1 * match;
        trust[i] += 0.001 * (match - trust[i]);
        selfControl[i] -= 0.01 * urge * selfControl[i];
        if (draws.next(i) < urge * 0.01) checksum++;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const exposures = consumers * days * FEED;
  return { exposuresPerSecond: exposures / seconds, exposures, checksum };
}
