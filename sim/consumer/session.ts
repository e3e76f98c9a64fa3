import { KIND_IMPULSE, KIND_PLANNED, SOURCE_FEED, SOURCE_LIVE, SOURCE_SOCIAL } from '../codes.js';
import { logistic } from '../math/logistic.js';
import type { Feed, FeedBuilder } from '../platform/feed.js';
import { dotAt } from '../vectors.js';
import type { World } from '../world.js';
import { priceNow } from '../catalog.js';
import { priceBurden } from './budget.js';
import { fadeArousal, raiseArousal, resonance } from './emotion.js';
import { attemptPurchase, PurchaseOutcome, pullInterests, type PurchaseMoment } from './purchase.js';
import { noteWatchedLabel } from './falseLabels.js';
import { depleteSelfControl, spendOnView } from './selfControl.js';
import { PATH_BOUGHT, PATH_CARTED, PATH_TEMPTED } from './visitPlan.js';
import { BOUGHT, CARTED, CHOSE, GAVE_IN, PASSED, RESISTED, SHOWN, SKIPPED, STOPPED, TEMPTED, VIEWED } from '../measures/shoppingPaths.js';

/** Exposure outcomes, as coded in exposures.arrow (EXPOSURE_OUTCOMES). */
const OUTCOME_SKIPPED = 0;
const OUTCOME_VIEWED = 1;
const OUTCOME_RESISTED = 2;
const OUTCOME_PLANNED = 3;
const OUTCOME_IMPULSE = 4;
const OUTCOME_CARTED = 5;
const OUTCOME_BLOCKED = 6;
const OUTCOME_UNAFFORDABLE = 7;
const OUTCOME_SOLD_OUT = 8;

/** "N bought" counters saturate: 200 buyers convince about as much as 2,000 (assumption). */
const SOCIAL_PROOF_SATURATION_COUNT = 200;
/** The signal log(1 + n) / log(1 + 200) by table: Math.log1p per exposure cost a fifth of the kernel. */
const SOCIAL_PROOF_SIGNAL = Float64Array.from({ length: SOCIAL_PROOF_SATURATION_COUNT + 1 }, (_, n) =>
  Math.log1p(n) / Math.log1p(SOCIAL_PROOF_SATURATION_COUNT),
);

/** Social-proof signal in [0, 1] of a displayed "N bought" count. */
export function socialProofSignal(count: number): number {
  return count >= SOCIAL_PROOF_SATURATION_COUNT ? 1 : SOCIAL_PROOF_SIGNAL[count];
}

/**
 * Social-proof signal in [0, 1] of a post that `friends` friends shared: each friend halves the remaining doubt (one
 * friend weighs as much as about 14 strangers on a counter; assumption), before the friend-influence weight.
 */
export function friendProofSignal(friends: number): number {
  return 1 - Math.pow(0.5, friends);
}

/** One reusable purchase moment per process: a purchase decision allocates nothing. */
const moment: PurchaseMoment = {
  key: 0,
  item: 0,
  kind: 0,
  source: 0,
  slot: 0,
  match: 0,
  urgency: 0,
  socialProof: 0,
  socialProofCount: 0,
};

/**
 * One session: the consumer goes down the feed, reacting to each item. How far they scroll is drawn once at the
 * start: after each item they leave with a hazard set by attention, immersion and fatigue at the session's start
 * (a geometric length; fatigue grows little within one session). A feed that grows as it is scrolled comes with
 * `builder`, which adds a slot only when the consumer gets that far. Returns the number of items seen.
 */
export function browseFeed(world: World, consumer: number, feed: Feed, session: number, builder: FeedBuilder | null): number {
  const length = builder === null ? feed.length : scrollLength(world, consumer);
  const diversity = world.feedDiversity;
  diversity.begin();
  world.viewSpend = 0;
  let seen = 0;
  for (let slot = 0; slot < length; slot++) {
    if (slot >= feed.length && (builder === null || !builder.extend())) break;
    world.sessionImpulses[slot] = 0;
    reactToExposure(world, consumer, feed, slot, session);
    diversity.add(feed.items[slot]);
    seen++;
  }
  if (builder !== null && seen >= 2) {
    world.rows.feedDiversity.add(consumer, diversity.value());
    world.today.feedDiversitySessions++;
  }
  if (builder !== null) world.impulseProfile.session(seen, world.sessionImpulses);
  recoverViewSpend(world, consumer);
  return seen;
}

/**
 * Closing the app is a break: what watching spent comes back before the next session, while the cost of temptations
 * and of resisting them stays for the day (docs/MODEL.md section 7.6, step 10).
 */
function recoverViewSpend(world: World, consumer: number): void {
  const pop = world.population;
  const restored = pop.selfControl[consumer] + world.viewSpend;
  const capacity = pop.selfControlCapacity[consumer];
  pop.selfControl[consumer] = restored < capacity ? restored : capacity;
}

/** Items the consumer will look at in a feed session, before the feed's own length caps it. */
function scrollLength(world: World, consumer: number): number {
  const pop = world.population;
  const { immersion } = world.scenario.platform.overPush;
  const { fatigueLeave } = world.scenario.consumer.session;
  const hazard = Math.min(1, (1 - pop.attention[consumer]) * (1 - 0.5 * immersion) + fatigueLeave * pop.fatigue[consumer]);
  if (hazard <= 0) return Number.MAX_SAFE_INTEGER;
  // Items seen before leaving: 1 + Geometric(hazard), by inversion of one uniform draw.
  const u = world.shop.next(consumer);
  return hazard >= 1 ? 1 : 1 + Math.floor(Math.log1p(-u) / Math.log1p(-hazard));
}

/**
 * The per-exposure story (DESIGN section 3, step 5): interest match, arousal, a view or skip, then a planned
 * purchase through the choice model or an impulse purchase when the urge beats self-control. Purchase attempts are
 * rare (about one exposure in 500), so they live in their own functions and this one stays small enough for V8 to
 * inline its helpers; a double handed to a call that is not inlined costs an allocation.
 */
function reactToExposure(world: World, consumer: number, feed: Feed, slot: number, session: number): void {
  const pop = world.population;
  const catalog = world.catalog;
  const params = world.scenario.consumer;
  const overPush = world.scenario.platform.overPush;
  const item = feed.items[slot];
  const source = feed.source[slot];
  const urgency = feed.urgency[slot];
  const dims = pop.dims;

  const match = dotAt(pop.interest, consumer * dims, catalog.features, item * dims, dims);
  const isLive = source === SOURCE_LIVE;
  const isPost = source === SOURCE_SOCIAL;
  // A live room excites through its host and, with liveCrowd, through the crowd watching it today.
  // Counters show the market's crowd: the sample's counts times the market scale.
  const scale = catalog.marketScale;
  // Counters show the state at the start of the hour: this viewer joins the count others see from the next hour.
  if (isLive) world.hourViewers.add(item);
  const live = isLive ? catalog.hostCharisma[item] * overPush.liveHype + overPush.liveCrowd * socialProofSignal(Math.round(catalog.viewersToday[item] * scale)) : 0;
  let socialProofCount = overPush.socialProof ? Math.round((isLive ? catalog.salesToday[item] : catalog.salesRecent[item]) * scale) : 0;
  let socialProof = socialProofSignal(socialProofCount);
  let conformity = pop.conformity[consumer];
  if (isPost) {
    // A friend's purchase persuades more than a stranger counter: conformity matters more for friends.
    socialProofCount = feed.sharers[slot];
    socialProof = friendProofSignal(socialProofCount);
    conformity *= world.scenario.social.friendInfluence;
    world.totals.socialExposures++;
  }

  const data = world.scenario.platform.data;
  const noisy = data.lostEvents > 0 || data.spuriousViews > 0;
  if (noisy) world.dataNoise.begin(consumer, world.day);
  if (!(noisy && world.dataNoise.next(consumer) < data.lostEvents)) world.platform.observations.recordImpression(consumer, item);
  world.impulseProfile.exposure(match, pop.trust[consumer]);
  world.today.exposures++;
  pop.exposures[consumer]++;
  if (isLive) world.totals.liveExposures++;
  else if (source === SOURCE_FEED) world.totals.feedExposures++;
  const fatigue = pop.fatigue[consumer] + params.session.fatiguePerExposure;
  pop.fatigue[consumer] = fatigue;
  const e = params.emotion;
  let arousal = fadeArousal(pop.emotion[consumer], e.baseline, e.decayPerExposure);

  const v = params.view;
  const viewLogit = v.intercept + v.match * match + v.socialProof * conformity * socialProof + v.urgency * urgency + v.live * live - v.fatigue * fatigue;
  const logging = world.rows.exposures !== null;
  if (world.shop.next(consumer) >= logistic(viewLogit)) {
    world.paths.add(SHOWN, SKIPPED);
    pop.emotion[consumer] = arousal;
    if (noisy && world.dataNoise.next(consumer) < data.spuriousViews) world.platform.observations.recordView(consumer, item);
    if (logging) logExposure(world, consumer, session, slot, item, source, urgency, match, socialProof, socialProofCount, OUTCOME_SKIPPED);
    return;
  }

  world.paths.add(SHOWN, VIEWED);
  noteWatchedLabel(world, consumer, item, feed.falseUrgency[slot] === 1);
  world.today.views++;
  world.visits.viewsToday[consumer]++;
  const sc = params.selfControl;
  const strength = pop.selfControl[consumer];
  const left = spendOnView(strength, sc.viewCost, isLive ? sc.liveImmersionCost : 1);
  pop.selfControl[consumer] = left;
  world.viewSpend += strength - left;
  if (!(noisy && world.dataNoise.next(consumer) < data.lostEvents)) world.platform.observations.recordView(consumer, item);
  pullInterests(world, consumer, item, params.interestDrift.view);
  // Transparency labels (a timer that is a routine promotion, a live room that is a paid promotion) take part of the
  // pull out of urgency and live hype for the consumers who read them: deliberate ones more than impulsive ones.
  const transparency = world.scenario.platform.nudges.transparency;
  const heed = transparency > 0 ? 1 - transparency * (1 - pop.impulsivity[consumer]) : 1;
  arousal = raiseArousal(
    arousal,
    e.resonanceGain * resonance(match) + e.urgencyGain * urgency * heed + e.liveGain * live * heed + e.socialProofGain * conformity * socialProof,
  );
  pop.emotion[consumer] = arousal;

  const burden = priceBurden(priceNow(catalog, item), pop.income[consumer]);
  const needLevel = pop.need[consumer * pop.categories + catalog.category[item]];
  const planned = params.planned;
  if (needLevel >= planned.needThreshold) {
    const choose = logistic(planned.intercept + planned.need * needLevel + planned.match * match - planned.price * pop.priceSensitivity[consumer] * burden);
    if (world.shop.next(consumer) < choose) {
      world.paths.add(VIEWED, CHOSE);
      buyAtExposure(world, consumer, session, slot, feed, KIND_PLANNED, match, socialProof, socialProofCount);
      return;
    }
  }

  const im = params.impulse;
  const reminderWeight = pop.reminded[consumer] ? 1 + params.reminderEffect : 1;
  const urge =
    im.intercept +
    im.match * match +
    im.arousal * arousal * (1 - world.scenario.platform.nudges.rationalTips) +
    im.trust * pop.trust[consumer] +
    im.impulsivity * pop.impulsivity[consumer] +
    im.socialProof * conformity * socialProof +
    im.urgency * urgency * heed +
    im.live * live * heed -
    im.price * pop.priceSensitivity[consumer] * pop.presentBias[consumer] * reminderWeight * burden;
  if (world.shop.next(consumer) >= logistic(urge)) {
    world.paths.add(VIEWED, PASSED);
    if (logging) logExposure(world, consumer, session, slot, item, source, urgency, match, socialProof, socialProofCount, OUTCOME_VIEWED);
    return;
  }
  resistOrGiveIn(world, consumer, session, slot, feed, match, socialProof, socialProofCount);
}

/**
 * A temptation: the consumer may try to resist, and pays for the temptation and the resistance either way; giving
 * in is an impulse purchase attempt.
 */
function resistOrGiveIn(
  world: World,
  consumer: number,
  session: number,
  slot: number,
  feed: Feed,
  match: number,
  socialProof: number,
  socialProofCount: number,
): void {
  const pop = world.population;
  world.paths.add(VIEWED, TEMPTED);
  world.today.temptations++;
  world.totals.temptations++;
  world.visits.path[consumer] |= PATH_TEMPTED;
  const sc = world.scenario.consumer.selfControl;
  const strength = pop.selfControl[consumer];
  const resisted = world.shop.next(consumer) < strength;
  const enact = resisted ? sc.enactWithResistance : sc.enactWithoutResistance;
  const isLive = feed.source[slot] === SOURCE_LIVE;
  pop.selfControl[consumer] = depleteSelfControl(strength, resisted, sc.temptationCost, sc.resistanceCost, isLive ? sc.liveImmersionCost : 1);
  if (world.shop.next(consumer) >= enact) {
    world.paths.add(TEMPTED, RESISTED);
    if (world.rows.exposures !== null) {
      logExposure(world, consumer, session, slot, feed.items[slot], feed.source[slot], feed.urgency[slot], match, socialProof, socialProofCount, OUTCOME_RESISTED);
    }
    return;
  }
  world.paths.add(TEMPTED, GAVE_IN);
  world.totals.givenIn++;
  buyAtExposure(world, consumer, session, slot, feed, KIND_IMPULSE, match, socialProof, socialProofCount);
}

/** A purchase attempt of the kind decided at this exposure, logged with its outcome. */
function buyAtExposure(
  world: World,
  consumer: number,
  session: number,
  slot: number,
  feed: Feed,
  kind: number,
  match: number,
  socialProof: number,
  socialProofCount: number,
): void {
  const item = feed.items[slot];
  const source = feed.source[slot];
  const urgency = feed.urgency[slot];
  setMoment(consumer, kind, item, source, slot, match, urgency, socialProof, socialProofCount);
  const outcome = attemptPurchase(world, consumer, moment);
  world.paths.add(kind === KIND_PLANNED ? CHOSE : GAVE_IN, outcome === PurchaseOutcome.Bought ? BOUGHT : outcome === PurchaseOutcome.Carted ? CARTED : STOPPED);
  if (outcome === PurchaseOutcome.Bought) world.visits.path[consumer] |= PATH_BOUGHT;
  else if (outcome === PurchaseOutcome.Carted) world.visits.path[consumer] |= PATH_CARTED;
  if (kind === KIND_IMPULSE && (outcome === PurchaseOutcome.Bought || outcome === PurchaseOutcome.Carted)) {
    world.impulseProfile.impulse(match, world.population.trust[consumer]);
    if (slot < world.sessionImpulses.length) world.sessionImpulses[slot]++;
  }
  if (world.rows.exposures !== null) {
    logExposure(world, consumer, session, slot, item, source, urgency, match, socialProof, socialProofCount, outcomeCode(outcome, kind));
  }
}

/** Fills the shared purchase moment; done only when a purchase is attempted, not on every view. */
function setMoment(
  consumer: number,
  kind: number,
  item: number,
  source: number,
  slot: number,
  match: number,
  urgency: number,
  socialProof: number,
  socialProofCount: number,
): void {
  // A session's rows sort by consumer: hours run consumers in id order.
  moment.key = consumer;
  moment.kind = kind;
  moment.item = item;
  moment.source = source;
  moment.slot = slot;
  moment.match = match;
  moment.urgency = urgency;
  moment.socialProof = socialProof;
  moment.socialProofCount = socialProofCount;
}

function outcomeCode(outcome: PurchaseOutcome, kind: number): number {
  switch (outcome) {
    case PurchaseOutcome.Bought:
      return kind === KIND_PLANNED ? OUTCOME_PLANNED : OUTCOME_IMPULSE;
    case PurchaseOutcome.Carted:
      return OUTCOME_CARTED;
    case PurchaseOutcome.Blocked:
      return OUTCOME_BLOCKED;
    case PurchaseOutcome.Unaffordable:
      return OUTCOME_UNAFFORDABLE;
    case PurchaseOutcome.OutOfStock:
      return OUTCOME_SOLD_OUT;
  }
}

function logExposure(
  world: World,
  consumer: number,
  session: number,
  slot: number,
  item: number,
  source: number,
  urgency: number,
  match: number,
  socialProof: number,
  socialProofCount: number,
  outcome: number,
): void {
  const table = world.rows.exposures;
  if (table === null) return;
  const r = table.nextRow(consumer);
  const c = table.columns;
  c.day[r] = world.day;
  c.hour[r] = world.hour;
  c.consumer_id[r] = consumer;
  c.session[r] = session;
  c.slot[r] = slot;
  c.item_id[r] = item;
  c.source[r] = source;
  c.urgency[r] = urgency;
  c.interest_match[r] = match;
  c.social_proof[r] = socialProof;
  c.social_proof_count[r] = socialProofCount;
  c.emotion[r] = world.population.emotion[consumer];
  c.outcome[r] = outcome;
}
