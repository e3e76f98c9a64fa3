import { describe, expect, it } from 'vitest';
import { createCatalog } from '../sim/catalog.js';
import { SOURCE_SOCIAL } from '../sim/codes.js';
import { createPopulation } from '../sim/population.js';
import { namedStream } from '../sim/rng.js';
import { buildSocialNetwork, INBOX_SLOTS, SocialNetwork } from '../sim/social.js';
import { numbers, runInTemp, strings } from './helpers/runs.js';
import { smallScenario } from './helpers/scenarios.js';

const params = { meanFriends: 10, rewiring: 0.1, kols: 0, kolFollowers: 10, kolAudienceCandidates: 5 };
const DIMS = 8;

/** Unit interest vectors drawn at random, one per consumer. */
function randomInterests(size: number, seed = 7): { interest: Float32Array; dims: number } {
  const source = namedStream(seed, 'interests');
  const interest = new Float32Array(size * DIMS);
  for (let i = 0; i < size; i++) {
    let norm = 0;
    for (let d = 0; d < DIMS; d++) {
      interest[i * DIMS + d] = source() - 0.5;
      norm += interest[i * DIMS + d] ** 2;
    }
    for (let d = 0; d < DIMS; d++) interest[i * DIMS + d] /= Math.sqrt(norm);
  }
  return { interest, dims: DIMS };
}

function cosine(interests: { interest: Float32Array; dims: number }, a: number, b: number): number {
  let dot = 0;
  for (let d = 0; d < interests.dims; d++) dot += interests.interest[a * interests.dims + d] * interests.interest[b * interests.dims + d];
  return dot;
}

function degrees(network: SocialNetwork): number[] {
  return Array.from({ length: network.size }, (_, i) => network.degree(i));
}

describe('friendship networks', () => {
  it('small world: symmetric, no self-loops, about meanFriends friends each', () => {
    const network = buildSocialNetwork(2000, { ...params, network: 'small-world' }, namedStream(1, 'g'), randomInterests(2000))!;
    const d = degrees(network);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    expect(mean).toBeGreaterThan(9.5);
    expect(mean).toBeLessThanOrEqual(10);
    for (let i = 0; i < 200; i++) {
      for (let k = network.friendStart[i]; k < network.friendStart[i + 1]; k++) {
        const j = network.friends[k];
        expect(j).not.toBe(i);
        expect(Array.from(network.friends.subarray(network.friendStart[j], network.friendStart[j + 1]))).toContain(i);
      }
    }
    // Rewiring 0.1 keeps most ring neighbours: consumer 500 still knows 501.
    expect(Array.from(network.friends.subarray(network.friendStart[500], network.friendStart[501]))).toContain(501);
  });

  it('scale free: the same mean degree but hubs far above it', () => {
    const network = buildSocialNetwork(5000, { ...params, network: 'scale-free' }, namedStream(1, 'g'), randomInterests(5000))!;
    const d = degrees(network);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    console.log(`scale-free: mean degree ${mean.toFixed(2)}, max ${Math.max(...d)}`);
    expect(mean).toBeGreaterThan(9);
    expect(mean).toBeLessThan(10.5);
    expect(Math.max(...d)).toBeGreaterThan(8 * mean);
  });

  it('none builds nothing', () => {
    expect(buildSocialNetwork(100, { ...params, network: 'none' }, namedStream(1, 'g'), randomInterests(100))).toBeNull();
  });
});

describe('KOLs', () => {
  const size = 3000;
  const interests = randomInterests(size);
  const build = (candidates: number) =>
    buildSocialNetwork(size, { ...params, network: 'small-world', kols: 6, kolFollowers: 200, kolAudienceCandidates: candidates }, namedStream(2, 'g'), interests)!;

  /** Mean cosine between each KOL and its followers. */
  function audienceLikeness(network: SocialNetwork): number {
    let sum = 0;
    let n = 0;
    network.kols.forEach((account, k) => {
      for (let f = network.followerStart[k]; f < network.followerStart[k + 1]; f++, n++) sum += cosine(interests, account, network.followers[f]);
    });
    return sum / n;
  }

  it('are followed by consumers alike in interests, each follower once, never the KOL itself', () => {
    const chosen = build(5);
    const random = build(1);
    const likeness = audienceLikeness(chosen);
    console.log(`KOL audiences: mean cosine ${likeness.toFixed(3)} chosen from 5 per slot, ${audienceLikeness(random).toFixed(3)} at random`);
    expect(likeness).toBeGreaterThan(0.3);
    expect(Math.abs(audienceLikeness(random))).toBeLessThan(0.05);
    chosen.kols.forEach((account, k) => {
      const audience = Array.from(chosen.followers.subarray(chosen.followerStart[k], chosen.followerStart[k + 1]));
      expect(audience).toHaveLength(200);
      expect(new Set(audience).size).toBe(200);
      expect(audience).not.toContain(account);
    });
    // The same KOL accounts either way: the audience rule draws after the accounts.
    expect(Array.from(chosen.kols)).toEqual(Array.from(random.kols));
  });

  it('an audience larger than the candidates there are takes the most alike of everyone', () => {
    const network = buildSocialNetwork(50, { ...params, network: 'small-world', kols: 1, kolFollowers: 10, kolAudienceCandidates: 100 }, namedStream(3, 'g'), randomInterests(50))!;
    const interests50 = randomInterests(50);
    const account = network.kols[0];
    const others = Array.from({ length: 50 }, (_, i) => i).filter((i) => i !== account);
    const best = others.sort((a, b) => cosine(interests50, account, b) - cosine(interests50, account, a)).slice(0, 10);
    expect(Array.from(network.followers).sort((a, b) => a - b)).toEqual(best.sort((a, b) => a - b));
  });

  it("are chosen alike in every replica: a replica draws every consumer's starting interests, and nothing else of others", () => {
    const scenario = smallScenario({ population: { size: 600 }, social: { network: 'small-world', kols: 3, kolFollowers: 50 } });
    const catalog = createCatalog(scenario.catalog, scenario.run.seed);
    const whole = createPopulation(scenario, catalog);
    const half = createPopulation(scenario, catalog, (i) => i % 2 === 0);
    expect(Array.from(half.interest)).toEqual(Array.from(whole.interest));
    const categories = catalog.categories;
    for (let i = 1; i < 600; i += 2) {
      expect(half.impulsivity[i]).toBe(0);
      expect(Array.from(half.need.subarray(i * categories, (i + 1) * categories)).every((v) => v === 0)).toBe(true);
      expect(Array.from(half.needRate.subarray(i * categories, (i + 1) * categories)).every((v) => v === 0)).toBe(true);
    }
    expect(Array.from(half.need.subarray(0, categories))).toEqual(Array.from(whole.need.subarray(0, categories)));
    // Without KOLs a replica leaves others' interests alone.
    const plain = smallScenario({ population: { size: 600 } });
    expect(createPopulation(plain, catalog, (i) => i % 2 === 0).interest.subarray(catalog.dims, 2 * catalog.dims).every((v) => v === 0)).toBe(true);
  });

  it('feature the in-stock item closest to their niche among those they look over', () => {
    const network = build(5);
    const items = 40;
    const features = new Float32Array(items * DIMS);
    const niche = network.kolNiche.subarray(0, DIMS);
    // Item 7 is the niche itself, item 9 its opposite; the rest are orthogonal-ish noise, scaled down.
    for (let i = 0; i < items; i++) for (let d = 0; d < DIMS; d++) features[i * DIMS + d] = i === 7 ? niche[d] : i === 9 ? -niche[d] : 0.01 * ((i * 7 + d * 3) % 5);
    const stock = new Int32Array(items).fill(1);
    const source = namedStream(4, 'posts');
    const picks = Array.from({ length: 20 }, () => network.kolPostItem(0, features, stock, source));
    // Fifty looks over forty items include item 7 about 72% of the time; a pick at random would be item 7 one time in 40.
    expect(picks.filter((item) => item === 7).length).toBeGreaterThanOrEqual(10);
    expect(picks).not.toContain(9);
    stock[7] = 0;
    for (let t = 0; t < 20; t++) expect(network.kolPostItem(0, features, stock, source)).not.toBe(7);
    expect(network.kolPostItem(0, features, new Int32Array(items), source)).toBe(-1);
  });
});

describe('sharing and posts', () => {
  const network = new SocialNetwork(
    4,
    { start: Int32Array.from([0, 2, 3, 4, 4]), neighbours: Int32Array.from([1, 2, 0, 0]) },
    { accounts: Int32Array.from([3]), start: Int32Array.from([0, 2]), followers: Int32Array.from([1, 2]) },
  );
  const stock = Int32Array.from([5, 5, 5, 0, 5, 5, 5, 5, 5, 5, 5, 5]);

  it('delivers a share to every friend, counting friends who shared the same item', () => {
    expect(network.share(1, 7, 0)).toBe(1); // consumer 1's only friend is 0
    expect(network.share(2, 7, 1)).toBe(1);
    expect(network.share(2, 9, 1)).toBe(1);
    expect(network.waiting(0)).toBe(2);
    // The freshest post first; on a tie, the one more friends shared.
    expect(network.takePost(0, 1, 3, stock)).toBe(7);
    expect(network.takenSharers).toBe(2);
    expect(network.takePost(0, 1, 3, stock)).toBe(9);
    expect(network.takePost(0, 1, 3, stock)).toBe(-1);
  });

  it('KOL shares reach followers; stale and sold-out posts are not shown', () => {
    network.share(3, 3, 0); // a KOL (consumer 3) shares item 3, which is sold out
    network.share(3, 4, 0);
    expect(network.takePost(1, 0, 3, stock)).toBe(4);
    expect(network.takePost(1, 0, 3, stock)).toBe(-1);
    network.share(3, 5, 0);
    expect(network.takePost(2, 3, 3, stock)).toBe(-1); // shared on day 0, three days old on day 3
  });

  it('an inbox keeps the latest shares when it overflows', () => {
    for (let item = 0; item < INBOX_SLOTS + 2; item++) network.share(1, item + 1, 10 + item);
    expect(network.waiting(0)).toBe(INBOX_SLOTS);
    expect(network.takePost(0, 10 + INBOX_SLOTS + 1, 100, Int32Array.from({ length: 20 }, () => 1))).toBe(INBOX_SLOTS + 2);
  });
});

describe('a run with a network', () => {
  it('satisfied buyers share, and friends see and buy from posts', () => {
    const scenario = smallScenario({
      // Purchases from posts are rare (about one per 1,000 post exposures at this size): 3,000 consumers for
      // 30 days see several thousand posts.
      population: { size: 3000 },
      run: { days: 30 },
      // No KOL posts: every post here is a purchase someone shared.
      social: { network: 'small-world', shareChance: 0.5, postShare: 0.3, kols: 5, kolFollowers: 200, kolPostsPerDay: 0 },
    });
    const run = runInTemp(scenario, { exposures: true });
    try {
      const shares = numbers(run.table('days'), 'shares').reduce((a, b) => a + b, 0);
      const sources = strings(run.table('exposures'), 'source');
      const posts = sources.filter((s) => s === 'social').length;
      const bought = strings(run.table('purchases'), 'source').filter((s) => s === 'social').length;
      console.log(`shares ${shares}, post exposures ${posts}, purchases from posts ${bought}`);
      expect(shares).toBe(run.result.summary.shares);
      expect(shares).toBeGreaterThan(50);
      expect(posts).toBeGreaterThan(shares);
      expect(bought).toBeGreaterThan(0);
      expect(SOURCE_SOCIAL).toBe(4);
      expect(run.result.summary.social_purchase_share).toBeCloseTo(bought / strings(run.table('purchases'), 'source').length, 12);
    } finally {
      run.cleanup();
    }
  });

  it('KOLs post every day whether or not anyone shares a purchase', () => {
    const posts = (kolPostsPerDay: number) => {
      const scenario = smallScenario({
        population: { size: 800 },
        run: { days: 6 },
        social: { network: 'small-world', shareChance: 0, kolShareChance: 0, postShare: 0.3, kols: 4, kolFollowers: 300, kolPostsPerDay },
      });
      const run = runInTemp(scenario, { exposures: true });
      try {
        expect(run.result.summary.shares).toBe(0);
        return strings(run.table('exposures'), 'source').filter((s) => s === 'social').length;
      } finally {
        run.cleanup();
      }
    };
    const shown = posts(1);
    console.log(`KOL posts shown with no shares: ${shown}`);
    expect(shown).toBeGreaterThan(100);
    expect(posts(0)).toBe(0);
  });
});
