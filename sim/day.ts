import { refreshCatalog } from './catalog.js';
import { reviewCart } from './consumer/cart.js';
import { evaluateDeliveries } from './consumer/deliveries.js';
import { browseFeed } from './consumer/session.js';
import { restOvernight } from './consumer/overnight.js';
import { isPayday } from './consumer/budget.js';
import { openLogit, pressingNeed, sessionProbability } from './consumer/visits.js';
import { logistic } from './math/logistic.js';
import { recordDay } from './dayRecord.js';
import type { World } from './world.js';

/**
 * One day, in the fixed order of DESIGN section 3. Each step is a plain function of one area; reading this file is
 * reading the model's schedule.
 */
export function simulateDay(world: World): void {
  // 1. Payday income; needs grow; stock and limited-time offers refresh; today's random streams start.
  startDay(world);
  // 2. The platform sends push notifications (over-pushing level).
  sendPushes(world);
  // 3-5. Consumers open the app; the platform builds each feed; consumers react to every exposure.
  runSessions(world);
  // 6. Cart review: items past the cooling-off delay are reconsidered calmly.
  reviewCart(world);
  // 7. Deliveries and evaluation: regret, returns, refunds, trust and habit.
  evaluateDeliveries(world);
  recordDay(world);
  // 8. Overnight: recovery, interest drift, churn; the platform retrains on what it observed.
  restOvernight(world);
  world.platform.train(world.day, world.scenario.platform);
}

function startDay(world: World): void {
  const { population: pop, scenario, day } = world;
  world.today.reset();
  refreshCatalog(world.catalog, scenario.catalog, scenario.run.seed, day);
  const { categories } = pop;
  const { needThreshold, outsideDaily } = scenario.consumer.planned;
  for (let i = 0; i < pop.size; i++) {
    if (isPayday(day, pop.payday[i])) {
      pop.budget[i] += pop.income[i];
      pop.cycleSpend[i] = 0;
      pop.reminded[i] = 0;
      pop.overBudgetThisCycle[i] = 0;
    }
    const o = i * categories;
    let streamStarted = false;
    for (let c = 0; c < categories; c++) {
      const level = pop.need[o + c] + pop.needRate[o + c];
      if (level < needThreshold) {
        pop.need[o + c] = level;
        continue;
      }
      // Started only for consumers with an active need: most have none on most days.
      if (!streamStarted) world.needs.begin(i, day);
      streamStarted = true;
      // An active need may be met outside the platform (assumption: most shopping still happens elsewhere).
      pop.need[o + c] = world.needs.next(i) < outsideDaily ? 0 : level > 1 ? 1 : level;
    }
  }
}

function sendPushes(world: World): void {
  const { population: pop, scenario, today } = world;
  const pushes = scenario.platform.overPush.pushesPerDay;
  if (pushes === 0) return;
  const { fatiguePerPush } = scenario.consumer.session;
  const { pushAnnoyance } = scenario.consumer.trust;
  for (let i = 0; i < pop.size; i++) {
    if (pop.churned[i]) continue;
    pop.pushesToday[i] = Math.min(255, pushes);
    pop.fatigue[i] += fatiguePerPush * pushes;
    // Pushes to a tired consumer feel intrusive: trust falls with fatigue.
    pop.trust[i] -= pushAnnoyance * pushes * pop.fatigue[i] * pop.trust[i];
    if (pop.trust[i] < 0) pop.trust[i] = 0;
    today.pushes += pushes;
    world.totals.pushes += pushes;
  }
}

function runSessions(world: World): void {
  const { population: pop, scenario, today, platform } = world;
  const params = scenario.consumer;
  const { feedLength } = scenario.platform.overPush;
  const hasFeed = platform.policy.hasFeed;
  const cursor = world.platformCursor;
  for (let i = 0; i < pop.size; i++) {
    if (pop.churned[i]) continue;
    world.visit.begin(i, world.day);
    const openChance = logistic(openLogit(pop.habit[i], pop.trust[i], pop.pushesToday[i], pop.fatigue[i], params.session));
    let sessions = 0;
    // The consumer's shopping path today: counters before and after their sessions.
    const viewsAtStart = today.views;
    const exposuresAtStart = pop.exposures[i];
    const temptationsAtStart = today.temptations;
    const cartedAtStart = today.carted;
    const purchasesAtStart = today.purchases;
    for (let s = 0; s < params.session.maxPerDay; s++) {
      const need = s === 0 || !hasFeed ? pressingNeed(pop.need, i, pop.categories, params.planned.needThreshold) : -1;
      // Without a feed (the search baseline) there is nothing to open the app for but a need.
      if (!hasFeed && need < 0) break;
      if (world.visit.next(i) >= sessionProbability(openChance, s, params.session)) break;
      if (sessions === 0) {
        // Started only for consumers who open the app today.
        world.shop.begin(i, world.day);
        world.platformDraws.begin(i, world.day);
      }
      sessions++;
      // Each app opening starts calm: arousal from an earlier session has subsided in the hours between (assumption).
      pop.emotion[i] = params.emotion.baseline;
      if (need >= 0) browseFeed(world, i, platform.feeds.buildSearch(need, params.planned.searchResults), s, null);
      if (hasFeed) {
        const purchasesBefore = today.purchases;
        cursor.id = i;
        const feed = platform.feeds.beginFeed(i, feedLength, s === 0 && pop.pushesToday[i] > 0, cursor.source, world.day);
        browseFeed(world, i, feed, s, platform.feeds);
        world.totals.feedSessions++;
        world.totals.feedSessionPurchases += today.purchases - purchasesBefore;
      }
    }
    pop.pushesToday[i] = 0;
    if (sessions === 0) continue;
    pop.sessions[i] += sessions;
    pop.activeDays[i]++;
    // Habit grows with how engaging the day's items were (views per item shown, against a reference rate): a feed
    // that shows what the consumer wants to watch brings them back (Zheng: personalization builds loyalty).
    const shown = pop.exposures[i] - exposuresAtStart;
    const engagement = shown > 0 ? (today.views - viewsAtStart) / shown / params.session.habitReferenceViewRate : 1;
    pop.habit[i] += params.session.habitGain * engagement * (1 - pop.habit[i]);
    if (pop.habit[i] > 1) pop.habit[i] = 1;
    today.sessions += sessions;
    today.activeUsers++;
    if (today.views > viewsAtStart) today.viewers++;
    if (today.temptations > temptationsAtStart) today.tempted++;
    if (today.carted > cartedAtStart) today.carters++;
    if (today.purchases > purchasesAtStart) today.sessionBuyers++;
    today.emotionOfActive += pop.emotion[i];
    today.selfControlOfActive += pop.selfControl[i];
  }
}
