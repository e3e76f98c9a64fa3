import type { PolicyName } from '../../scenario/schema.js';
import type { PolicyContext, RecommenderPolicy } from '../policy.js';
import { createBanditPolicy } from './bandit.js';
import { createContentPolicy } from './content.js';
import { createHybridPolicy } from './hybrid.js';
import { createItemCfPolicy } from './itemCf.js';
import { createMfPolicy } from './mf.js';
import { createPopularityPolicy } from './popularity.js';
import { createRandomPolicy } from './random.js';
import { createSearchPolicy } from './search.js';
import { createUserCfPolicy } from './userCf.js';

/** Every policy by its scenario name. A new policy is a new file and one line here. */
const factories: Record<PolicyName, (context: PolicyContext) => RecommenderPolicy> = {
  search: createSearchPolicy,
  random: createRandomPolicy,
  popularity: createPopularityPolicy,
  content: createContentPolicy,
  'item-cf': createItemCfPolicy,
  'user-cf': createUserCfPolicy,
  mf: createMfPolicy,
  bandit: createBanditPolicy,
  // The blend's parts are made by this same registry (hybrid itself and search cannot be parts).
  hybrid: (context) => createHybridPolicy(context, createPolicy),
};

/** Creates the named policy over the platform's context. */
export function createPolicy(name: PolicyName, context: PolicyContext): RecommenderPolicy {
  return factories[name](context);
}
