import type { PolicyName } from '../../scenario/schema.js';
import type { PolicyContext, RecommenderPolicy } from '../policy.js';
import { createContentPolicy } from './content.js';
import { createPopularityPolicy } from './popularity.js';
import { createRandomPolicy } from './random.js';
import { createSearchPolicy } from './search.js';

/** Every policy by its scenario name. A new policy is a new file and one line here. */
const factories: Record<PolicyName, (context: PolicyContext) => RecommenderPolicy> = {
  search: createSearchPolicy,
  random: createRandomPolicy,
  popularity: createPopularityPolicy,
  content: createContentPolicy,
};

/** Creates the named policy over the platform's context. */
export function createPolicy(name: PolicyName, context: PolicyContext): RecommenderPolicy {
  return factories[name](context);
}
