import { z } from 'zod';
import { distributionSchema } from './distributionSchema.js';

/*
 * The one source of scenario types, defaults, validation messages and the exported JSON Schema.
 * Every default below is documented with its source or the word "assumption" in docs/MODEL.md.
 */

const share = () => z.number().min(0).max(1);
const nonNegative = () => z.number().nonnegative();
/** A whole number in [min, max]: every size has a finite bound, so a mistyped value is refused before anything runs. */
const count = (min: number, max: number) => z.number().int().min(min).max(max);
/** A seed of the random streams: any 32-bit unsigned integer. */
const seed = () => count(0, 2 ** 32 - 1);

/** Consumer traits drawn once per consumer from their segment's distributions. */
const traitFields = {
  impulsivity: distributionSchema.describe('impulse-buying tendency in [0, 1]'),
  selfControlCapacity: distributionSchema.describe('full self-control strength in [0, 1]'),
  conformity: distributionSchema.describe('susceptibility to social proof in [0, 1]'),
  priceSensitivity: distributionSchema.describe('weight of price against budget, >= 0 (1 = average)'),
  income: distributionSchema.describe('monthly discretionary shopping income, currency units > 0'),
  initialSavings: distributionSchema.describe('opening balance in months of income, >= 0'),
  payday: distributionSchema.describe('day of the 30-day month when income arrives: the draw rounded down, kept in 1..30'),
  presentBias: distributionSchema.describe('beta of beta-delta discounting in (0, 1]: weight of deferred cost'),
  privacyConcern: distributionSchema.describe('privacy concern in [0, 1]; drives opt-out in privacy mode'),
  initialTrust: distributionSchema.describe('trust in the platform at day 0, [0, 1]'),
  initialHabit: distributionSchema.describe('app-opening habit at day 0, [0, 1]'),
  attention: distributionSchema.describe('chance of moving on to the next feed item, [0, 1)'),
};
type TraitName = keyof typeof traitFields;

const defaultTraits: Record<TraitName, z.input<typeof distributionSchema>> = {
  impulsivity: { dist: 'beta', alpha: 2, beta: 3 },
  selfControlCapacity: { dist: 'beta', alpha: 5, beta: 3 },
  conformity: { dist: 'beta', alpha: 2, beta: 2 },
  priceSensitivity: { dist: 'logNormal', mu: 0, sigma: 0.3 },
  income: { dist: 'logNormal', mu: 5.0, sigma: 0.5 },
  initialSavings: { dist: 'uniform', min: 0, max: 1 },
  payday: { dist: 'uniform', min: 1, max: 31 },
  presentBias: { dist: 'beta', alpha: 8, beta: 2 },
  privacyConcern: { dist: 'beta', alpha: 2, beta: 2 },
  initialTrust: { dist: 'beta', alpha: 5, beta: 3 },
  initialHabit: { dist: 'beta', alpha: 2, beta: 3 },
  attention: { dist: 'beta', alpha: 29, beta: 1 },
};

const traitsSchema = z.strictObject(
  Object.fromEntries(
    (Object.keys(traitFields) as TraitName[]).map((name) => [name, traitFields[name].default(defaultTraits[name] as never)]),
  ) as { [K in TraitName]: z.ZodDefault<(typeof traitFields)[K]> },
);
const traitOverridesSchema = z.strictObject(
  Object.fromEntries((Object.keys(traitFields) as TraitName[]).map((name) => [name, traitFields[name].optional()])) as {
    [K in TraitName]: z.ZodOptional<(typeof traitFields)[K]>;
  },
);

const segmentSchema = z.strictObject({
  name: z.string().min(1),
  share: z.number().positive().describe('relative weight; shares are normalized to sum to 1'),
  traits: traitOverridesSchema.prefault({}).describe('overrides of population.traits for this segment'),
});

/**
 * Relative app use in each hour of the day, 0-23 (assumption: low at night, a lunchtime bump and an evening peak at
 * 20-21h, the usual shape of mobile entertainment use; no source paper gives hourly figures).
 */
export const DEFAULT_DIURNAL = [0.6, 0.3, 0.15, 0.1, 0.1, 0.15, 0.35, 0.7, 1, 1, 1, 1.1, 1.3, 1.2, 1, 1, 1.1, 1.3, 1.6, 2, 2.3, 2.4, 2, 1.2];

const activitySchema = z.strictObject({
  diurnal: z
    .array(nonNegative())
    .length(24)
    .refine((weights) => weights.some((w) => w > 0), 'expected at least one hour with a positive weight')
    .default(DEFAULT_DIURNAL)
    .describe('relative chance that an app opening falls in each hour 0-23; a consumer\'s sessions are drawn from it'),
});

const populationSchema = z.strictObject({
  size: count(1, 10_000_000).describe('number of consumers'),
  marketSize: count(1, 1_000_000_000)
    .optional()
    .describe(
      'consumers in the market the simulated ones are a sample of (default: size). Public counters ("N bought", "N watching") are scaled up and stock down by marketSize / size, so a small sample meets the crowd of the whole market',
    ),
  traits: traitsSchema.prefault({}).describe('trait distributions shared by every segment unless it overrides them'),
  segments: z
    .array(segmentSchema)
    .min(1)
    .default([{ name: 'everyone', share: 1, traits: {} }])
    .superRefine((segments, ctx) => {
      const seen = new Set<string>();
      segments.forEach((s, i) => {
        if (seen.has(s.name)) ctx.addIssue({ code: 'custom', message: `duplicate segment name "${s.name}"`, path: [i, 'name'] });
        seen.add(s.name);
      });
    }),
  interestCategories: count(1, 100).default(3).describe('categories a consumer is drawn to'),
  interestNoise: nonNegative().default(0.35).describe('spread of a consumer interest around its categories'),
  activity: activitySchema.prefault({}),
  seed: seed()
    .optional()
    .describe(
      "seed of the consumers' segments, traits, interests, budgets and friendships (default: run.seed, so each replication draws new consumers); set it to keep one population across replications",
    ),
});

const catalogSchema = z.strictObject({
  items: count(1, 1_000_000).describe('number of items'),
  categories: count(1, 10_000).describe('number of product categories'),
  featureDims: count(2, 64).default(8).describe('dimensions of item features and consumer interests'),
  featureNoise: nonNegative().default(0.5).describe('spread of items around their category centroid'),
  categoryMedianPrice: distributionSchema.default({ dist: 'logNormal', mu: 3.2, sigma: 0.6 }),
  priceSigma: nonNegative().default(0.5).describe('log-normal sigma of prices within a category'),
  quality: distributionSchema.default({ dist: 'beta', alpha: 5, beta: 2 }).describe('true quality in [0, 1]'),
  hype: distributionSchema.default({ dist: 'beta', alpha: 2, beta: 4 }).describe('marketing intensity in [0, 1]'),
  liveItemShare: share().default(0.25).describe('share of items sold in live rooms'),
  hostCharisma: distributionSchema.default({ dist: 'beta', alpha: 3, beta: 3 }).describe('live host charisma in [0, 1]'),
  stock: distributionSchema.default({ dist: 'logNormal', mu: 4.5, sigma: 0.7 }).describe('stock capacity per item'),
  restockShare: share().default(0.2).describe('share of capacity restocked each day'),
  needGrowth: distributionSchema
    .default({ dist: 'uniform', min: 0.005, max: 0.03 })
    .describe('daily growth of a consumer need in a category, per category'),
  limitedOfferShare: share().default(0.1).describe('share of items on a limited-time offer each day'),
  offerDiscount: share()
    .default(0.2)
    .describe('share taken off the price while a limited-time offer runs (0: the offer is a countdown label only)'),
  offerHours: count(1, 24)
    .default(6)
    .describe('hours a limited-time offer runs, from a start hour drawn from population.activity.diurnal; its label and discount end with it (24: all day, through the cart review)'),
  categoryDraws: z
    .enum(['independent', 'balanced'])
    .default('balanced')
    .describe(
      "how the categories' centroids, median prices and need growth are drawn: 'independent' draws each on its own; 'balanced' keeps each one's distribution but spreads them evenly (stratified prices and need growth, centroids whose pairwise cosines average 0), so that the market's aggregates depend much less on catalog.seed",
    ),
  liveRoomHours: count(1, 24)
    .default(8)
    .describe('hours each live room is on air every day (a shop streaming in shifts); its start hour is drawn once per room from population.activity.diurnal'),
  seed: seed()
    .optional()
    .describe(
      'seed of the items, their prices, quality and stock, the daily limited-time offers and the live-room schedule (default: run.seed, so each replication draws a new market); set it to keep one catalog across replications',
    ),
});

const emotionSchema = z.strictObject({
  baseline: share().default(0.2),
  decayPerExposure: share().default(0.98).describe('share of arousal above baseline kept after each exposure'),
  resonanceGain: nonNegative().default(0.15),
  urgencyGain: nonNegative().default(0.08),
  liveGain: nonNegative().default(0.15),
  socialProofGain: nonNegative().default(0.05),
});

const viewSchema = z.strictObject({
  intercept: z.number().default(-1.0),
  match: z.number().default(0.5),
  socialProof: z.number().default(2.0),
  urgency: z.number().default(0.4),
  live: z.number().default(1.0),
  fatigue: z.number().default(1.5),
});

const impulseSchema = z.strictObject({
  intercept: z.number().default(-6.57),
  match: z.number().default(0.4),
  arousal: z.number().default(2.5),
  trust: z.number().default(1.2),
  impulsivity: z.number().default(2.0),
  socialProof: z.number().default(0.2),
  urgency: z.number().default(0.2),
  live: z.number().default(1.75),
  price: z.number().default(1.5).describe('weight of price over daily discretionary income, times present bias'),
});

const selfControlSchema = z.strictObject({
  enactWithResistance: share().default(0.17).describe('chance a desire is acted on when resisted'),
  enactWithoutResistance: share().default(0.7).describe('chance a desire is acted on when not resisted'),
  viewCost: share()
    .default(0.025)
    .describe('share of self-control strength spent on each viewed item (watching tempting content takes restraint); given back when the session ends'),
  temptationCost: nonNegative().default(0.01).describe('self-control strength spent on a temptation'),
  resistanceCost: nonNegative().default(0.02).describe('extra strength spent when trying to resist'),
  liveImmersionCost: nonNegative().default(1.5).describe('multiplier of depletion inside a live room'),
  overnightRecovery: share().default(0.6).describe('share of depleted strength restored overnight'),
});

const plannedSchema = z.strictObject({
  needThreshold: share().default(0.6).describe('need level above which a need is active'),
  intercept: z.number().default(-4.0),
  need: z.number().default(3.0),
  match: z.number().default(5.0),
  price: z.number().default(1.0),
  searchResults: count(1, 1000).default(10).describe('items a consumer looks at when searching a category'),
  outsideDaily: share().default(0.35).describe('daily chance an active need is met outside the platform'),
});

const evaluationSchema = z.strictObject({
  deliveryDays: count(0, 365).default(3),
  expectedQuality: share().default(0.7).describe('quality a buyer expects before hype and arousal inflate it'),
  arousalInflation: nonNegative().default(0.6),
  hypeInflation: nonNegative().default(0.4),
  intercept: z.number().default(-3.05),
  disappointment: z.number().default(4.0),
  budgetStrain: z.number().default(1.5),
  noNeed: z.number().default(0.8),
  returnGivenRegret: share().default(0.7),
  returnWithoutRegret: share().default(0.1),
  returnTiming: z
    .enum(['at-delivery', 'over-window'])
    .default('over-window')
    .describe(
      "when a decided return goes back: 'at-delivery' the day the purchase is judged; 'over-window' on a day drawn within platform.nudges.returnWindowDays (most in the first week), the refund and trust loss following then",
    ),
});

const cartSchema = z.strictObject({
  intercept: z.number().default(-1.5).describe('logit of keeping a cart item, before match, need and price'),
  match: z.number().default(2.0),
  need: z.number().default(3.5),
  price: z.number().default(1.0),
});

const trustSchema = z.strictObject({
  satisfactionGain: share().default(0.02),
  regretLoss: share().default(0.05),
  returnLoss: share().default(0.03),
  pushAnnoyance: share().default(0.004).describe('trust lost per push, scaled by fatigue'),
  falseUrgencyLoss: share()
    .default(0.04)
    .describe(
      'share of trust lost when a consumer finds out a false urgency label (a countdown or "only N left" that was neither a running offer nor real scarcity): the item they watched under it is still on sale on a later day',
    ),
});

const sessionSchema = z.strictObject({
  intercept: z.number().default(-1.2),
  habit: z.number().default(2.5),
  trust: z.number().default(1.0),
  push: z.number().default(0.6),
  fatigue: z.number().default(2.0),
  maxPerDay: count(1, 48).default(4),
  repeat: share().default(0.35).describe('relative chance of another session the same day'),
  fatigueLeave: nonNegative().default(0.05).describe('extra chance of leaving a session per unit of fatigue'),
  fatiguePerExposure: nonNegative().default(0.004),
  fatiguePerPush: nonNegative().default(0.03),
  overnightFatigueKept: share().default(0.5),
  habitGain: share().default(0.03),
  habitReferenceViewRate: z.number().gt(0).max(1).default(0.6).describe('views per item shown at which a day adds exactly habitGain'),
  habitDecay: share().default(0.02),
});

const driftSchema = z.strictObject({
  view: nonNegative().default(0.002).describe('pull of a viewed item on interests'),
  purchase: nonNegative().default(0.03).describe('pull of a purchased item on interests'),
});

const churnSchema = z.strictObject({
  intercept: z.number().default(-7.5),
  fatigue: z.number().default(3.0),
  trust: z.number().default(3.0).describe('weight of distrust (1 - trust)'),
});

const consumerSchema = z.strictObject({
  emotion: emotionSchema.prefault({}),
  view: viewSchema.prefault({}),
  impulse: impulseSchema.prefault({}),
  selfControl: selfControlSchema.prefault({}),
  planned: plannedSchema.prefault({}),
  cart: cartSchema.prefault({}),
  evaluation: evaluationSchema.prefault({}),
  trust: trustSchema.prefault({}),
  session: sessionSchema.prefault({}),
  interestDrift: driftSchema.prefault({}),
  churn: churnSchema.prefault({}),
  reminderEffect: nonNegative().default(1.0).describe('extra price weight for the rest of the month after a budget reminder'),
});

/** Names of the recommender policies; one file each under sim/platform/policies/. */
export const policyNames = ['search', 'random', 'popularity', 'content', 'item-cf', 'user-cf', 'mf', 'bandit', 'hybrid'] as const;
export type PolicyName = (typeof policyNames)[number];

const policyParamsSchema = z.strictObject({
  popularity: z
    .strictObject({ halfLifeDays: z.number().positive().default(7) })
    .prefault({}),
  content: z
    .strictObject({
      profileHalfLifeDays: z
        .number()
        .positive()
        .default(0.5)
        .describe("half-life of consumers' learned profiles in days; the default is where the content policy's own sales peak (a real-time profile)"),
      popularityWeight: nonNegative().default(0.1),
    })
    .prefault({}),
  'item-cf': z
    .strictObject({
      neighbours: count(1, 1000).default(30).describe('similar items kept per item'),
      historyLength: count(1, 1000).default(30).describe('recent distinct items per consumer the platform keeps'),
      retrainEveryDays: count(1, 3650).default(1).describe('days between rebuilds of the neighbour lists'),
      shrinkage: nonNegative().default(10).describe('added to the cosine denominator: damps rarely co-seen pairs'),
      popularityWeight: nonNegative().default(0.1).describe('weight of popularity added to the similarity score'),
      exploration: nonNegative().default(0.1).describe('random score bonus for consumers with no history (cold start)'),
    })
    .prefault({}),
  'user-cf': z
    .strictObject({
      neighbours: count(1, 1000).default(30).describe('nearest consumers kept per consumer'),
      historyLength: count(1, 1000).default(30).describe('recent distinct items per consumer the platform keeps'),
      retrainEveryDays: count(1, 3650).default(2).describe('days between rebuilds of the neighbour lists'),
      bands: count(1, 64).default(6).describe('MinHash bands of the neighbour search'),
      comparedPerBand: count(1, 1000).default(8).describe('bucket mates compared per band'),
      shrinkage: nonNegative().default(1).describe('added to the cosine denominator: damps small overlaps'),
      popularityWeight: nonNegative().default(0.1).describe('weight of popularity added to the neighbour score'),
      exploration: nonNegative().default(0.1).describe('random score bonus for consumers with no history (cold start)'),
    })
    .prefault({}),
  mf: z
    .strictObject({
      factors: count(1, 256).default(16).describe('latent factors per consumer and item'),
      regularization: z.number().positive().default(0.1).describe('L2 penalty on factor vectors'),
      alpha: nonNegative().default(10).describe('confidence slope: an interaction of weight r counts 1 + alpha * r'),
      iterations: count(1, 100).default(2).describe('alternating least-squares sweeps per retraining (warm-started)'),
      cgSteps: count(1, 100).default(3).describe('conjugate-gradient steps per vector and sweep'),
      retrainEveryDays: count(1, 3650).default(7).describe('days between retrainings; consumers are refitted as they act'),
      historyLength: count(1, 1000).default(30).describe('recent distinct items per consumer the platform keeps'),
      neighbours: count(1, 1000).default(20).describe('items kept per item in factor space (candidate generation)'),
      popularityWeight: nonNegative().default(0.05).describe('weight of popularity added to the factor score'),
      exploration: nonNegative().default(0.1).describe('random score bonus for consumers with no history (cold start)'),
    })
    .prefault({}),
  bandit: z
    .strictObject({
      exploration: nonNegative().default(1).describe('scale of Thompson-sampling draws: 0 = greedy, 1 = posterior'),
      priorPrecision: z.number().positive().default(1).describe('precision of the Gaussian prior on the weights'),
      halfLifeDays: z.number().positive().default(14).describe('half-life of the evidence: old rewards fade'),
      negativeSampling: z.number().gt(0).max(1).default(0.05).describe('share of the impressions without a purchase learned from'),
      viewReward: nonNegative().default(0).describe('reward of a watched impression, against 1 for a purchase (0: purchases only)'),
      returnPenalty: nonNegative().default(0.5).describe('reward subtracted when a purchase is returned'),
    })
    .prefault({}),
  hybrid: z
    .strictObject({
      weights: z
        .strictObject({
          random: nonNegative().default(0),
          popularity: nonNegative().default(0),
          content: nonNegative().default(1),
          'item-cf': nonNegative().default(1),
          'user-cf': nonNegative().default(0),
          mf: nonNegative().default(0),
          bandit: nonNegative().default(0),
        })
        .prefault({})
        .describe('weight of each policy in the blend of per-pool normalized scores; 0 leaves a policy out'),
    })
    .prefault({}),
});

const overPushSchema = z.strictObject({
  feedLength: count(1, 1000).default(30).describe('items in one feed session'),
  pushesPerDay: count(0, 48).default(1),
  pushHours: z
    .array(count(0, 23))
    .min(1)
    .max(48)
    .default([19, 12, 9, 21])
    .describe("hours the day's pushes are sent at: push k at pushHours[k mod length]; a pushed consumer's first session follows one of them"),
  urgencyShare: share().default(0.15).describe('share of feed slots with an urgency or scarcity label'),
  socialProof: z.boolean().default(true).describe('show "N bought" counters'),
  liveShare: share().default(0.2).describe('share of feed slots that are live rooms'),
  liveHype: nonNegative().default(1.0).describe('intensity of live-room selling'),
  liveCrowd: nonNegative().default(0).describe('extra live-room excitement from a full room ("N watching"), on top of the host'),
  immersion: share().default(0.5).describe('autoplay and immersion: lowers the chance of leaving a session'),
});

const nudgesSchema = z.strictObject({
  coolingOffDays: count(0, 365).default(0).describe('days an unplanned purchase waits in a buy-later cart; 0 = off'),
  budgetReminder: z.number().positive().nullable().default(null).describe('remind past this share of monthly income'),
  rationalTips: share().default(0).describe('how much tips damp the weight of arousal'),
  transparency: share()
    .default(0)
    .describe(
      'labels that say why an item is shown and what its pressure is (a routine promotion timer, a paid live promotion): how much they damp the pull of urgency labels and live hype on a fully deliberate consumer, scaled by 1 - impulsivity; 0 = no labels',
    ),
  spendingCap: z.number().positive().nullable().default(null).describe('block spending past this share of income'),
  optOutShare: share().default(0).describe('share of consumers who opt out of personalization'),
  optOutMode: z.enum(['random', 'privacy']).default('random').describe('who opts out: at random or most concerned'),
  returnWindowDays: count(0, 365).default(14).describe('days after delivery a purchase may be returned'),
});

const rerankSchema = z.strictObject({
  diversity: share().default(0).describe('MMR trade-off: 0 = relevance only, 1 = diversity only'),
  exploration: share().default(0.05).describe('share of slots filled with random items'),
});

const dataSchema = z.strictObject({
  lostEvents: share().default(0).describe('share of impressions and views the platform never records (purchases and returns are transactions: never lost)'),
  spuriousViews: share().default(0).describe('share of skipped items recorded as views anyway (accidental clicks, autoplay)'),
  retentionDays: count(1, 3650).nullable().default(null).describe('personal data older than this many days is forgotten; null = kept per the profile half-life'),
});

const platformSchema = z.strictObject({
  policy: z.enum(policyNames).default('content'),
  policyParams: policyParamsSchema.prefault({}),
  candidates: count(1, 10_000).default(80).describe('candidate pool size per feed'),
  objective: z.enum(['engagement', 'revenue', 'wellbeing']).default('engagement'),
  objectiveWeight: nonNegative()
    .default(1)
    .describe("strength of the objective's re-weighting of candidate scores: revenue's pull toward dearer items, wellbeing's push away from items that come back"),
  overPush: overPushSchema.prefault({}),
  nudges: nudgesSchema.prefault({}),
  rerank: rerankSchema.prefault({}),
  data: dataSchema.prefault({}),
});

const socialSchema = z.strictObject({
  network: z.enum(['none', 'small-world', 'scale-free']).default('none').describe('friendship network: none, Watts-Strogatz small world or Barabási-Albert scale-free'),
  meanFriends: count(2, 1000).default(10).describe('mean number of friends'),
  rewiring: share().default(0.1).describe('small world: chance each ring edge is rewired to a random consumer'),
  kols: count(0, 10_000).default(0).describe('key opinion leader accounts, each followed by kolFollowers consumers'),
  kolFollowers: count(1, 10_000_000).default(1000).describe('followers of each KOL account'),
  kolAudienceCandidates: count(1, 1000).default(5).describe('random consumers considered per follower slot; those most alike the KOL in interests follow it (1 = followers at random)'),
  kolPostsPerDay: count(0, 100).default(1).describe('items each KOL features in a post every day, chosen to suit its niche (its own purchases are shared besides)'),
  shareChance: share().default(0.1).describe('chance a satisfied buyer shares the purchase with friends'),
  kolShareChance: share().default(0.9).describe('chance a satisfied KOL shares the purchase'),
  postShare: share().default(0.1).describe("share of feed slots given to friends' posts while any are waiting"),
  postLifeDays: count(1, 365).default(3).describe('days a shared post stays fresh enough to show'),
  friendInfluence: nonNegative().default(1.5).describe("weight of a friend's purchase against a stranger counter, times conformity"),
});

const runSchema = z.strictObject({
  days: count(1, 3650).default(60),
  seed: seed().default(1),
  batchRows: count(1, 16_777_216).default(65536).describe('rows per Arrow record batch'),
});

/** The scenario schema: the whole model configuration. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('path to the JSON Schema, for editors'),
    name: z.string().min(1).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only'),
    description: z.string().default(''),
    extends: z.string().optional().describe('relative path of a scenario this one inherits'),
    run: runSchema.prefault({}),
    population: populationSchema,
    catalog: catalogSchema,
    consumer: consumerSchema.prefault({}),
    platform: platformSchema.prefault({}),
    social: socialSchema.prefault({}),
  })
  .superRefine((s, ctx) => {
    if (s.catalog.categories > s.catalog.items) {
      ctx.addIssue({
        code: 'custom',
        message: `expected at most catalog.items (${s.catalog.items}) categories, got ${s.catalog.categories}`,
        path: ['catalog', 'categories'],
      });
    }
    if (s.population.marketSize !== undefined && s.population.marketSize < s.population.size) {
      ctx.addIssue({
        code: 'custom',
        message: `expected at least population.size (${s.population.size}), got ${s.population.marketSize}`,
        path: ['population', 'marketSize'],
      });
    }
    if (s.population.interestCategories > s.catalog.categories) {
      ctx.addIssue({
        code: 'custom',
        message: `expected at most catalog.categories (${s.catalog.categories}), got ${s.population.interestCategories}`,
        path: ['population', 'interestCategories'],
      });
    }
  });

/** A fully resolved scenario: every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as written in a file. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Traits = Scenario['population']['traits'];
export type ConsumerParams = Scenario['consumer'];
export type PlatformParams = Scenario['platform'];
export type CatalogParams = Scenario['catalog'];
export { type TraitName };
