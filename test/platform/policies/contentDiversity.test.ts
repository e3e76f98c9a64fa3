import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../../sim/catalog.js';
import { CandidatePool } from '../../../sim/platform/candidatePool.js';
import { PlatformObservations } from '../../../sim/platform/observations.js';
import { createPolicy } from '../../../sim/platform/policies/index.js';
import { publicCatalogOf } from '../../../sim/platform/publicCatalog.js';
import { DailyRankings } from '../../../sim/platform/rankings.js';
import { namedStream } from '../../../sim/rng.js';
import { smallScenario } from '../../helpers/scenarios.js';

const CATEGORIES = 5;
/** The consumer's affinity per category: 0, 1, 2 are the three favourites, 3 the fourth, 4 never watched. */
const AFFINITY = [5, 4, 3, 2, 0];
const EXTRA = 3;
const TOP_LIST = 60;
const TRIALS = 400;

interface PoolCounts {
  /** Mean per pool of items of the three favourite categories outside their category's top list. */
  favouritesOffList: number;
  /** Mean per pool of items of the favourite categories on their top lists. */
  favouritesOnList: number;
  /** Mean per pool of items of the fourth category outside its top list. */
  extraOffList: number;
  /** Distinct items of the fourth category outside its top list seen over every pool. */
  extraOffListDistinct: number;
  extraOffListItems: number;
}

/**
 * Candidate pools of the content policy for one consumer whose favourite categories are known. In categories 0-3 a
 * fixed 60 items are popular, so they and only they make the category's top list; the never-watched category 4 is
 * popular enough to fill the rest of the global top list, which therefore holds no off-list item of categories 0-3.
 */
function pools(diversity: number): PoolCounts {
  const scenario = smallScenario({
    population: { size: 10 },
    catalog: { items: 1500, categories: CATEGORIES, liveItemShare: 0, limitedOfferShare: 0 },
    platform: { policy: 'content', candidates: 80, rerank: { diversity } },
  });
  const catalog = publicCatalogOf(createCatalog(scenario.catalog, 1));
  catalog.stock.fill(1000);
  const observations = new PlatformObservations(10, catalog, new Uint8Array(10));
  const rankings = new DailyRankings(catalog, namedStream(1, 'platform/rankings'));
  const policy = createPolicy('content', { catalog, observations, rankings, params: scenario.platform });

  const members: number[][] = Array.from({ length: CATEGORIES }, () => []);
  for (let i = 0; i < catalog.size; i++) members[catalog.category[i]].push(i);
  const onList = new Set<number>();
  for (let c = 0; c < CATEGORIES; c++) {
    members[c].forEach((item, k) => {
      if (c === 4) observations.itemPopularity[item] = 50;
      else if (k < TOP_LIST) {
        observations.itemPopularity[item] = 100;
        onList.add(item);
      }
    });
  }
  rankings.rebuild(observations);
  // The premises: each top list is exactly the popular items, and the global list adds none of the others.
  for (let c = 0; c < 4; c++) {
    const list = Array.from(rankings.byCategory.subarray(c * rankings.perCategory, c * rankings.perCategory + rankings.validInCategory(c)));
    expect(list.sort((a, b) => a - b)).toEqual(members[c].slice(0, TOP_LIST));
    expect(members[c].length).toBeGreaterThan(2 * TOP_LIST);
  }
  expect(Array.from(rankings.top).every((item) => onList.has(item) || catalog.category[item] === 4)).toBe(true);

  const consumer = 0;
  observations.profileWeight[consumer] = 10;
  AFFINITY.forEach((value, c) => (observations.categoryAffinity[consumer * CATEGORIES + c] = value));

  const pool = new CandidatePool(400, catalog);
  const draw = namedStream(5, 'test/content-diversity');
  let favouritesOffList = 0;
  let favouritesOnList = 0;
  let extraOffList = 0;
  const extraSeen = new Set<number>();
  for (let t = 0; t < TRIALS; t++) {
    pool.reset();
    policy.collectCandidates(consumer, pool, draw);
    for (let k = 0; k < pool.count; k++) {
      const item = pool.items[k];
      const c = catalog.category[item];
      if (c < EXTRA) {
        if (onList.has(item)) favouritesOnList++;
        else favouritesOffList++;
      } else if (c === EXTRA && !onList.has(item)) {
        extraOffList++;
        extraSeen.add(item);
      }
    }
  }
  return {
    favouritesOffList: favouritesOffList / TRIALS,
    favouritesOnList: favouritesOnList / TRIALS,
    extraOffList: extraOffList / TRIALS,
    extraOffListDistinct: extraSeen.size,
    extraOffListItems: members[EXTRA].length - TOP_LIST,
  };
}

describe('content policy with diversity', () => {
  it('reaches a fourth category and samples it from the whole category, the favourites still from their top lists', () => {
    const plain = pools(0);
    const diverse = pools(1);
    console.log(
      `per pool (mean of ${TRIALS}), diversity 0 -> 1: 4th category items off its top list ${plain.extraOffList.toFixed(2)} -> ${diverse.extraOffList.toFixed(2)}; ` +
        `favourite categories' items off their top lists ${plain.favouritesOffList.toFixed(2)} -> ${diverse.favouritesOffList.toFixed(2)}, ` +
        `on them ${plain.favouritesOnList.toFixed(2)} -> ${diverse.favouritesOnList.toFixed(2)}; ` +
        `distinct off-list items of the 4th category seen ${plain.extraOffListDistinct} -> ${diverse.extraOffListDistinct} of ${diverse.extraOffListItems}`,
    );
    // Without diversity the fourth category arrives only through the pool's random fill-ins.
    expect(diverse.extraOffList).toBeGreaterThan(4 * plain.extraOffList);
    expect(diverse.extraOffList).toBeGreaterThan(4);
    expect(diverse.extraOffListDistinct).toBeGreaterThan(0.9 * diverse.extraOffListItems);
    // The favourites' off-list items come from the same random fill-ins at either setting: had widening the reach
    // also sampled the favourites from their whole categories, about 80% of their many candidates would be off-list.
    expect(diverse.favouritesOffList).toBeLessThan(1.3 * plain.favouritesOffList + 0.5);
    expect(diverse.favouritesOnList).toBeGreaterThan(3 * diverse.favouritesOffList);
  });
});
