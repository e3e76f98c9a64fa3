import { refreshCatalog } from './catalog.js';
import { reviewCart } from './consumer/cart.js';
import { evaluateDeliveries } from './consumer/deliveries.js';
import { browseFeed } from './consumer/session.js';
import { restOvernight } from './consumer/overnight.js';
import { isPayday } from './consumer/budget.js';
import { pressingNeed } from './consumer/visits.js';
import { PATH_BOUGHT, PATH_CARTED, PATH_TEMPTED } from './consumer/visitPlan.js';
import { HOURS_PER_DAY, setOffersOfHour, setOnAir } from './hours.js';
import { recordDay } from './dayRecord.js';
import { recordPaths } from './output/pathsTable.js';
import type { World } from './world.js';
import { syncHour, syncNight } from './parallel/replicaSync.js';

/**
 * One day, in the fixed order of DESIGN section 3. Each step is a plain function of one area; reading this file is
 * reading the model's schedule.
 */
export function simulateDay(world: World): void {
  // 1. Payday income; needs grow; stock and limited-time offers refresh; today's random streams start.
  startDay(world);
  // 2. The platform sends push notifications (over-pushing level).
  sendPushes(world);
  // 3-5. Hour by hour, consumers open the app; the platform builds each feed; consumers react to every exposure.
  runSessions(world);
  // 6. Cart review: items past the cooling-off delay are reconsidered calmly, after the day's last hour.
  world.hour = HOURS_PER_DAY;
  setOffersOfHour(world.catalog, HOURS_PER_DAY);
  reviewCart(world);
  syncHour(world);
  // 7. Deliveries and evaluation: regret, returns, refunds, trust and habit; shares reach friends.
  evaluateDeliveries(world);
  syncNight(world);
  if (world.replica.leader) {
    recordDay(world);
    recordPaths(world);
  }
  // 8. Overnight: recovery, interest drift, churn; the platform retrains on what it observed.
  restOvernight(world);
  world.platform.train(world.day, world.scenario.platform);
}

function startDay(world: World): void {
  const { population: pop, scenario, day } = world;
  world.today.reset();
  world.oversoldToday = 0;
  refreshCatalog(world.catalog, scenario.catalog, world.seeds.catalog, day, world.diurnalCdf);
  const { categories } = pop;
  const { needThreshold, outsideDaily } = scenario.consumer.planned;
  const owned = world.replica.owned;
  for (let range = 0; range < owned.ranges; range++) for (let i = owned.start[range]; i < owned.end[range]; i++) {
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
  const owned = world.replica.owned;
  for (let range = 0; range < owned.ranges; range++) for (let i = owned.start[range]; i < owned.end[range]; i++) {
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

/**
 * Steps 3-5, hour by hour: the consumers whose app openings fall in the hour browse their feeds, reading the market
 * (counters, stock, rooms on air, the platform's item counts) as it stood at the hour's start; the hour's sales,
 * viewers and observations are published at its end. Within an hour consumers are independent, so the order they
 * are processed in changes no one's draws or feed.
 */
function runSessions(world: World): void {
  const { visits, catalog, platform } = world;
  const leader = world.replica.leader;
  visits.plan(world, world.descendingWithinHour);
  for (let hour = 0; hour < HOURS_PER_DAY; hour++) {
    world.hour = hour;
    world.roomsOnAir = setOnAir(catalog, hour);
    setOffersOfHour(catalog, hour);
    platform.rankings.selectOnAir();
    const hourRecord = world.hourRecord;
    if (leader) hourRecord.begin(world);
    const end = visits.hourStart[hour + 1];
    for (let e = visits.hourStart[hour]; e < end; e++) runSession(world, visits.consumer[e], visits.session[e], hour);
    // The hour's sales, viewers and the platform's item counts become visible; the leader writes the hour's rows.
    syncHour(world);
    if (leader) hourRecord.write(world);
  }
  finishVisits(world);
}

/** One app opening: search results first when a need is pressing, then the personalized feed. */
function runSession(world: World, i: number, s: number, hour: number): void {
  const { population: pop, scenario, today, platform, visits } = world;
  const params = scenario.consumer;
  const hasFeed = platform.policy.hasFeed;
  if (visits.leftToday[i]) return;
  const need = s === 0 || !hasFeed ? pressingNeed(pop.need, i, pop.categories, params.planned.needThreshold) : -1;
  // Without a feed (the search baseline) there is nothing to open the app for but a need.
  if (!hasFeed && need < 0) {
    visits.leftToday[i] = 1;
    return;
  }
  if (visits.sessionsToday[i] === 0) {
    // Started only for consumers who open the app today.
    world.shop.begin(i, world.day);
    world.platformDraws.begin(i, world.day);
    visits.exposuresAtStart[i] = pop.exposures[i];
  }
  visits.sessionsToday[i]++;
  today.sessions++;
  // Each app opening starts calm: arousal from an earlier session has subsided in the hours between (assumption).
  pop.emotion[i] = params.emotion.baseline;
  if (need >= 0) browseFeed(world, i, platform.feeds.buildSearch(need, params.planned.searchResults), s, null);
  if (hasFeed) {
    // The consumer's own count, not the day's: nothing in a session reads what other consumers did this hour.
    const purchasesBefore = pop.purchases[i];
    const cursor = world.platformCursor;
    cursor.id = i;
    const feed = platform.feeds.beginFeed(i, scenario.platform.overPush.feedLength, s === 0 && visits.pushPrompted[i] === 1, cursor.source, world.day, hour);
    browseFeed(world, i, feed, s, platform.feeds);
    world.totals.feedSessions++;
    world.totals.feedSessionPurchases += pop.purchases[i] - purchasesBefore;
  }
}

/** After the day's last hour: each consumer's day in the habit and the shopping-path counters. */
function finishVisits(world: World): void {
  const { population: pop, scenario, today, visits } = world;
  const params = scenario.consumer.session;
  const owned = world.replica.owned;
  for (let range = 0; range < owned.ranges; range++) for (let i = owned.start[range]; i < owned.end[range]; i++) {
    pop.pushesToday[i] = 0;
    const sessions = visits.sessionsToday[i];
    if (sessions === 0) continue;
    pop.sessions[i] += sessions;
    pop.activeDays[i]++;
    // Habit grows with how engaging the day's items were (views per item shown, against a reference rate): a feed
    // that shows what the consumer wants to watch brings them back (Zheng: personalization builds loyalty).
    const shown = pop.exposures[i] - visits.exposuresAtStart[i];
    const views = visits.viewsToday[i];
    const engagement = shown > 0 ? views / shown / params.habitReferenceViewRate : 1;
    pop.habit[i] += params.habitGain * engagement * (1 - pop.habit[i]);
    if (pop.habit[i] > 1) pop.habit[i] = 1;
    today.activeUsers++;
    const path = visits.path[i];
    if (views > 0) today.viewers++;
    if (path & PATH_TEMPTED) today.tempted++;
    if (path & PATH_CARTED) today.carters++;
    if (path & PATH_BOUGHT) today.sessionBuyers++;
    world.rows.emotionOfActive.add(i, pop.emotion[i]);
    world.rows.selfControlOfActive.add(i, pop.selfControl[i]);
  }
}
