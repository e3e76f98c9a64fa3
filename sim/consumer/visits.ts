import { logistic } from '../math/logistic.js';
import type { ConsumerParams } from '../scenario/schema.js';

/**
 * Logit of opening the app: habit and trust draw the consumer in (Zheng: personalization builds loyalty), pushes
 * prompt with diminishing returns, fatigue keeps away.
 */
export function openLogit(habit: number, trust: number, pushes: number, fatigue: number, params: ConsumerParams['session']): number {
  return params.intercept + params.habit * habit + params.trust * trust + params.push * Math.log2(1 + pushes) - params.fatigue * fatigue;
}

/** Chance of session number `session` (0 = the first) today. */
export function sessionProbability(openChance: number, session: number, params: ConsumerParams['session']): number {
  return session === 0 ? openChance : openChance * params.repeat;
}

/** Chance of churning overnight: fatigue and distrust push consumers off the platform. */
export function churnProbability(fatigue: number, trust: number, params: ConsumerParams['churn']): number {
  return logistic(params.intercept + params.fatigue * fatigue + params.trust * (1 - trust));
}

/** The most pressing active need's category, or -1 when no need passes the threshold. */
export function pressingNeed(need: Float32Array, consumer: number, categories: number, threshold: number): number {
  let best = -1;
  let level = threshold;
  const o = consumer * categories;
  for (let c = 0; c < categories; c++) {
    if (need[o + c] >= level) {
      level = need[o + c];
      best = c;
    }
  }
  return best;
}
