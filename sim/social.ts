import type { RandomSource } from './rng.js';
import { dotAt } from './vectors.js';

/** Posts a consumer's inbox holds; older ones give way to new ones (a feed shows only the latest shares anyway). */
export const INBOX_SLOTS = 8;

/** Which friendship network to build: none, Watts-Strogatz small world, or Barabási-Albert scale-free. */
export type NetworkKind = 'none' | 'small-world' | 'scale-free';

export interface NetworkParams {
  readonly network: NetworkKind;
  readonly meanFriends: number;
  readonly rewiring: number;
  readonly kols: number;
  readonly kolFollowers: number;
  /** Random consumers considered per follower slot; the most alike in interests follow (1: followers at random). */
  readonly kolAudienceCandidates: number;
}

/** Consumers' interests at the start, which KOLs' niches and audiences are drawn from (consumers x dims, unit rows). */
export interface Interests {
  readonly interest: Float32Array;
  readonly dims: number;
}

/** Random catalog items a KOL looks over for each post; it features the one closest to its niche (assumption). */
export const KOL_POST_CANDIDATES = 50;

/**
 * The friendship graph and what flows over it: satisfied buyers share purchases, which land as posts in their friends'
 * inboxes (and, for the few KOL accounts, in their followers'). Friendships are undirected and stored as compressed
 * rows (`friendStart[i] .. friendStart[i + 1]` in `friends`); following a KOL is one-way. Each inbox keeps the latest
 * INBOX_SLOTS distinct items with the number of friends who shared each and the day of the latest share.
 */
export class SocialNetwork {
  readonly friendStart: Int32Array;
  readonly friends: Int32Array;
  /** KOL accounts, and for each its followers in compressed rows. */
  readonly kols: Int32Array;
  /** Each KOL's niche: its interests when the run starts (kols x dims). What it posts about. */
  readonly kolNiche: Float32Array;
  readonly dims: number;
  readonly followerStart: Int32Array;
  readonly followers: Int32Array;
  readonly isKol: Uint8Array;
  readonly postItem: Int32Array;
  readonly postSharers: Uint8Array;
  readonly postDay: Int16Array;
  /** Friends who shared the post last taken. */
  takenSharers = 0;

  constructor(
    readonly size: number,
    adjacency: { start: Int32Array; neighbours: Int32Array },
    kols: { accounts: Int32Array; start: Int32Array; followers: Int32Array },
    interests: Interests | null = null,
  ) {
    this.friendStart = adjacency.start;
    this.friends = adjacency.neighbours;
    this.kols = kols.accounts;
    this.followerStart = kols.start;
    this.followers = kols.followers;
    this.isKol = new Uint8Array(size);
    for (const account of kols.accounts) this.isKol[account] = 1;
    this.dims = interests?.dims ?? 0;
    this.kolNiche = new Float32Array(kols.accounts.length * this.dims);
    if (interests !== null) {
      kols.accounts.forEach((account, k) => this.kolNiche.set(interests.interest.subarray(account * this.dims, (account + 1) * this.dims), k * this.dims));
    }
    this.postItem = new Int32Array(size * INBOX_SLOTS).fill(-1);
    this.postSharers = new Uint8Array(size * INBOX_SLOTS);
    this.postDay = new Int16Array(size * INBOX_SLOTS);
  }

  /** Number of friends of consumer i. */
  degree(i: number): number {
    return this.friendStart[i + 1] - this.friendStart[i];
  }

  /** Consumer `sharer` shares `item` today: a post reaches every friend and, for a KOL, every follower. */
  share(sharer: number, item: number, day: number): number {
    let reached = 0;
    for (let k = this.friendStart[sharer]; k < this.friendStart[sharer + 1]; k++) reached += this.deliver(this.friends[k], item, day);
    if (this.isKol[sharer]) {
      const kol = this.kols.indexOf(sharer);
      for (let k = this.followerStart[kol]; k < this.followerStart[kol + 1]; k++) reached += this.deliver(this.followers[k], item, day);
    }
    return reached;
  }

  /**
   * The item KOL k features today: of KOL_POST_CANDIDATES random items in stock, the one whose features are closest to
   * its niche (-1 if none is in stock). KOLs are creators who post on a schedule, not only buyers who share what
   * they bought ([Rexidin] section 2.1): what they feature is what their audience, chosen for its interests, likes.
   */
  kolPostItem(k: number, features: Float32Array, stock: Int32Array, draw: () => number): number {
    const dims = this.dims;
    const items = stock.length;
    let best = -1;
    let bestMatch = -Infinity;
    for (let c = 0; c < KOL_POST_CANDIDATES; c++) {
      const item = Math.floor(draw() * items);
      if (stock[item] <= 0) continue;
      const match = dotAt(this.kolNiche, k * dims, features, item * dims, dims);
      if (match > bestMatch) {
        bestMatch = match;
        best = item;
      }
    }
    return best;
  }

  /**
   * Takes the freshest post of consumer i shared within `lifeDays` whose item is in stock (ties: more sharers first),
   * removing it from the inbox; returns its item, or -1, and leaves the number of friends who shared it in
   * `takenSharers`.
   */
  takePost(i: number, day: number, lifeDays: number, stock: Int32Array): number {
    const o = i * INBOX_SLOTS;
    let best = -1;
    for (let s = o; s < o + INBOX_SLOTS; s++) {
      const item = this.postItem[s];
      if (item < 0) continue;
      if (day - this.postDay[s] >= lifeDays) {
        this.postItem[s] = -1;
        continue;
      }
      if (stock[item] <= 0) continue;
      if (best < 0 || this.postDay[s] > this.postDay[best] || (this.postDay[s] === this.postDay[best] && this.postSharers[s] > this.postSharers[best])) best = s;
    }
    if (best < 0) return -1;
    const item = this.postItem[best];
    this.takenSharers = this.postSharers[best];
    this.postItem[best] = -1;
    return item;
  }

  /** Posts waiting in consumer i's inbox. */
  waiting(i: number): number {
    let count = 0;
    for (let s = i * INBOX_SLOTS; s < (i + 1) * INBOX_SLOTS; s++) if (this.postItem[s] >= 0) count++;
    return count;
  }

  private deliver(to: number, item: number, day: number): number {
    const o = to * INBOX_SLOTS;
    let oldest = o;
    for (let s = o; s < o + INBOX_SLOTS; s++) {
      if (this.postItem[s] === item) {
        if (this.postSharers[s] < 255) this.postSharers[s]++;
        this.postDay[s] = day;
        return 1;
      }
      if (this.postItem[s] < 0) {
        oldest = s;
        this.postDay[s] = -32768;
      } else if (this.postDay[s] < this.postDay[oldest]) oldest = s;
    }
    this.postItem[oldest] = item;
    this.postSharers[oldest] = 1;
    this.postDay[oldest] = day;
    return 1;
  }
}

/** Builds the scenario's network from its own stream; null when there is none. */
export function buildSocialNetwork(size: number, params: NetworkParams, source: RandomSource, interests: Interests): SocialNetwork | null {
  if (params.network === 'none') return null;
  const edges = params.network === 'small-world' ? smallWorldEdges(size, params.meanFriends, params.rewiring, source) : scaleFreeEdges(size, params.meanFriends, source);
  const audiences = kolAudiences(size, params.kols, params.kolFollowers, params.kolAudienceCandidates, interests, source);
  return new SocialNetwork(size, compressedRows(size, edges), audiences, interests);
}

/** An undirected edge list as two parallel arrays. */
interface EdgeList {
  readonly from: Int32Array;
  readonly to: Int32Array;
  count: number;
}

/**
 * Watts-Strogatz: a ring where each consumer knows the meanFriends/2 nearest on each side, then each edge's far end
 * is rewired to a random consumer with probability `rewiring` (short paths, high clustering).
 */
function smallWorldEdges(size: number, meanFriends: number, rewiring: number, source: RandomSource): EdgeList {
  const half = Math.max(1, Math.min(Math.floor(meanFriends / 2), Math.floor((size - 1) / 2)));
  const edges: EdgeList = { from: new Int32Array(size * half), to: new Int32Array(size * half), count: 0 };
  for (let i = 0; i < size; i++) {
    for (let k = 1; k <= half; k++) {
      let j = (i + k) % size;
      if (source() < rewiring) {
        const candidate = Math.floor(source() * size);
        if (candidate !== i) j = candidate;
      }
      if (j === i) continue;
      edges.from[edges.count] = i;
      edges.to[edges.count] = j;
      edges.count++;
    }
  }
  return edges;
}

/**
 * Barabási-Albert preferential attachment: each newcomer befriends meanFriends/2 existing consumers chosen in
 * proportion to their degree (a few hubs, a long tail: a scale-free degree distribution).
 */
function scaleFreeEdges(size: number, meanFriends: number, source: RandomSource): EdgeList {
  const m = Math.max(1, Math.min(Math.floor(meanFriends / 2), size - 1));
  const capacity = size * m;
  const edges: EdgeList = { from: new Int32Array(capacity), to: new Int32Array(capacity), count: 0 };
  // Every edge end appears once here: drawing an entry uniformly draws a consumer in proportion to degree.
  const ends = new Int32Array(2 * capacity);
  let endCount = 0;
  const chosen = new Int32Array(m);
  for (let i = 0; i < size; i++) {
    let picked = 0;
    if (i <= m) {
      for (let j = 0; j < i; j++) chosen[picked++] = j;
    } else {
      let tries = 0;
      while (picked < m && tries < 50 * m) {
        tries++;
        const j = ends[Math.floor(source() * endCount)];
        let duplicate = false;
        for (let q = 0; q < picked; q++) if (chosen[q] === j) duplicate = true;
        if (!duplicate) chosen[picked++] = j;
      }
    }
    for (let q = 0; q < picked; q++) {
      edges.from[edges.count] = i;
      edges.to[edges.count] = chosen[q];
      edges.count++;
      ends[endCount++] = i;
      ends[endCount++] = chosen[q];
    }
  }
  return edges;
}

/** Undirected edges to compressed rows, duplicates dropped, each row sorted. */
function compressedRows(size: number, edges: EdgeList): { start: Int32Array; neighbours: Int32Array } {
  const degree = new Int32Array(size + 1);
  for (let e = 0; e < edges.count; e++) {
    degree[edges.from[e] + 1]++;
    degree[edges.to[e] + 1]++;
  }
  for (let i = 0; i < size; i++) degree[i + 1] += degree[i];
  const fill = degree.slice(0, size);
  const raw = new Int32Array(degree[size]);
  for (let e = 0; e < edges.count; e++) {
    raw[fill[edges.from[e]]++] = edges.to[e];
    raw[fill[edges.to[e]]++] = edges.from[e];
  }
  const start = new Int32Array(size + 1);
  const neighbours = new Int32Array(raw.length);
  let length = 0;
  for (let i = 0; i < size; i++) {
    start[i] = length;
    const row = raw.subarray(degree[i], degree[i + 1]).sort();
    for (let k = 0; k < row.length; k++) if (k === 0 || row[k] !== row[k - 1]) neighbours[length++] = row[k];
  }
  start[size] = length;
  return { start, neighbours: neighbours.slice(0, length) };
}

/**
 * KOL accounts drawn at random. Each is followed by `followers` consumers: of `followers x candidates` consumers
 * drawn uniformly without repeats (all of them, if that is more than there are), the ones whose interests are most
 * alike the KOL's.
 * People follow creators who post about what they care about; with `candidates` 1 the audience is random.
 */
function kolAudiences(
  size: number,
  kols: number,
  followers: number,
  candidates: number,
  interests: Interests,
  source: RandomSource,
): { accounts: Int32Array; start: Int32Array; followers: Int32Array } {
  const count = Math.min(kols, size);
  const audience = Math.min(followers, size - 1);
  const accounts = new Int32Array(count);
  const taken = new Uint8Array(size);
  for (let k = 0; k < count; k++) {
    let account: number;
    do account = Math.floor(source() * size);
    while (taken[account]);
    taken[account] = 1;
    accounts[k] = account;
  }
  const start = new Int32Array(count + 1);
  const list = new Int32Array(count * audience);
  const considered = Math.min(audience * candidates, size - 1);
  const pool = new Int32Array(considered);
  const similarity = new Float64Array(size);
  const seen = new Uint8Array(size);
  const { interest, dims } = interests;
  for (let k = 0; k < count; k++) {
    const account = accounts[k];
    seen[account] = 1;
    for (let c = 0; c < considered; c++) {
      // Uniform without repeats: a consumer already considered is drawn again (rejection keeps every one equally likely).
      let candidate = c + (c >= account ? 1 : 0);
      if (considered < size - 1) {
        do candidate = Math.floor(source() * size);
        while (seen[candidate]);
      }
      seen[candidate] = 1;
      pool[c] = candidate;
      similarity[candidate] = dotAt(interest, account * dims, interest, candidate * dims, dims);
    }
    seen[account] = 0;
    for (let c = 0; c < considered; c++) seen[pool[c]] = 0;
    // Most alike first; ties by id, so the audience does not depend on the sort's internals.
    pool.sort((a, b) => similarity[b] - similarity[a] || a - b);
    start[k] = k * audience;
    list.set(pool.subarray(0, audience), k * audience);
  }
  start[count] = count * audience;
  return { accounts, start, followers: list };
}
