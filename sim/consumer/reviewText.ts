import Sentiment from 'sentiment';
import type { RandomSource } from '../rng.js';

/**
 * Star ratings and review texts for judged purchases, and the sentiment a lexicon analyser reads from the text.
 *
 * The text is written from the buyer's rating and the item's traits, with variation, and then scored by the
 * `sentiment` package (AFINN-165 word list) as an outside reader would score it: the score comes from the words,
 * never from the number the words were written from. Phrases therefore use words AFINN knows (good, poor, love,
 * waste, recommend...) to carry the rating's sign and strength, with neutral filler that scores nothing.
 */

/** Star count at a value exactly equal to expectation: met expectations earn 4 stars (assumption: online ratings are J-shaped, most 4-5). */
const STARS_AT_EXPECTATION = 4;
/** Largest move away from that baseline that the value gap can make (assumption). */
const STARS_SPREAD = 2;
/**
 * Steepness of the response to the relative gap (V - E) / E (assumption): a 15% shortfall gives about 3 stars, a 20%
 * surplus 5, and a shortfall of half the expectation about 2.
 */
const GAP_STEEPNESS = 4;
/** Expectation floor in the relative gap, so a buyer who expected almost nothing is not infinitely pleased. */
const EXPECTATION_FLOOR = 0.05;
/** Stars a regretted purchase loses on top of its value gap (assumption: regret also covers budget strain and lack of need). */
const REGRET_PENALTY = 1.2;
/** Width of the uniform idiosyncratic noise on the score (±0.5): the same experience earns neighbouring ratings. */
const STARS_NOISE = 1;

/**
 * The 1-5 star rating a buyer gives a judged purchase, for a uniform draw u in [0, 1). The score is
 * 4 + 2·tanh(4·(V − E)/max(E, 0.05)) − 1.2·regretted + (u − 0.5), rounded and clamped to 1..5: value at or above
 * expectation gives 4-5, a mild shortfall 3, a regretted purchase 1-2 mostly.
 */
export function starsOf(value: number, expectation: number, regretted: boolean, u: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`invalid value: ${value}`);
  if (!(expectation >= 0) || !Number.isFinite(expectation)) throw new RangeError(`invalid expectation: ${expectation}`);
  if (!(u >= 0 && u <= 1)) throw new RangeError(`invalid u: ${u}`);
  const gap = (value - expectation) / Math.max(expectation, EXPECTATION_FLOOR);
  const score =
    STARS_AT_EXPECTATION + STARS_SPREAD * Math.tanh(GAP_STEEPNESS * gap) - (regretted ? REGRET_PENALTY : 0) + STARS_NOISE * (u - 0.5);
  const stars = Math.round(score);
  return stars < 1 ? 1 : stars > 5 ? 5 : stars;
}

/** What a review can say about the item and the purchase. */
export interface ReviewTraits {
  /** Item quality in [0, 1]. */
  quality: number;
  /** Fit of the item to the buyer in [0, 1]. */
  fit: number;
  /** Price over the buyer's monthly income, >= 0. */
  priceBurden: number;
  /** Expectation above realized value at judgement, >= 0. */
  disappointment: number;
  /** Whether the item was bought from a live stream. */
  live: boolean;
}

/** A bank of alternatives for one sentence slot. */
type Bank = readonly string[];
/** One bank per tone: strongly negative, negative, mixed, positive, strongly positive (index stars - 1). */
type ToneBanks = readonly [Bank, Bank, Bank, Bank, Bank];
/** One bank per level of an aspect: low, middle, high. */
type LevelBanks = readonly [Bank, Bank, Bank];

const OPENINGS: ToneBanks = [
  [
    'Terrible purchase.',
    'What a terrible waste of money.',
    'Really disappointed, this is bad.',
    'Awful, I regret ordering it.',
    'Worst thing I have ordered on here.',
  ],
  ['Not great, sadly.', 'A bit disappointed with this.', 'Rather poor overall.', 'Not happy with this purchase.', 'Expected more from this one.'],
  ['It is okay, nothing special.', 'Mixed feelings about this one.', 'Not bad, not great either.', 'Does the job, I suppose.', 'An average item.'],
  ['Good purchase overall.', 'Pretty happy with this.', 'Nice, it does what it should.', 'Glad I bought it.', 'Solid buy, I like it.'],
  ['Absolutely love it!', 'Amazing, so happy with this!', 'Best purchase I have made in months.', 'Perfect, exactly what I wanted.', 'Excellent, really impressed.'],
];

const CLOSINGS: ToneBanks = [
  ['Would never buy again, horrible.', 'Do not recommend.', 'Avoid this, money wasted.', 'Avoid, a complete waste.', 'Never again, terrible.'],
  ['Would not recommend.', 'Probably would not buy again.', 'Not worth it.', 'Sadly it is going back.', 'I regret this one a little.'],
  ['Might buy again if it is on sale.', 'Fine for the price, I guess.', 'Okay if you do not expect too much.', 'Neither here nor there.', 'Could be better.'],
  ['Would recommend.', 'Would buy again.', 'Happy with it.', 'Good value overall.', 'I would recommend it to a friend.'],
  ['Highly recommend!', 'Will definitely buy again, love it!', 'Recommend to everyone!', 'Love it, five stars.', 'Great buy, highly recommend.'],
];

const QUALITY: LevelBanks = [
  ['Cheap material.', 'It broke after two days.', 'Poor stitching, the seams came apart.', 'Badly made, already falling apart.', 'Flimsy and broken within a week.'],
  ['About what you would expect.', 'The material is average.', 'Build is acceptable.', 'The stitching could be neater.'],
  ['Well made and the material feels good.', 'Great quality, very sturdy.', 'Solid build, good quality.', 'The material is soft and well finished.'],
];

const FIT: LevelBanks = [
  ['Not what I expected from the video.', 'Not my style at all.', 'Wrong size and the colour is off.', 'Looks ugly on me.'],
  ['The colour is a little different from the photos.', 'It fits, more or less.', 'The style is not quite what I pictured.', 'The size runs a bit small.'],
  ['Exactly my style.', 'Fits perfectly.', 'The colour is lovely and it suits me.', 'Looks just like the photos, nice.'],
];

const VALUE_FOR_MONEY: LevelBanks = [
  ['Overpriced for what it is.', 'Way too expensive, not worth the money.', 'Cost far too much.', 'Not worth the price.'],
  ['The price is about average.', 'Priced the same as in other shops.', 'The price is fair.'],
  ['Good value for money.', 'Great price.', 'A bargain for what you get.', 'Cheap and cheerful.'],
];

/** Hype disappointment, in a live-stream and a video version. */
const HYPE_LIVE: Bank = [
  'Looked much better in the live stream, a sad disappointment in person.',
  'The live stream oversold it.',
  'The host exaggerated everything, I feel tricked.',
  'Disappointing next to what the live stream showed.',
];
const HYPE_VIDEO: Bank = [
  'Looked much better in the video, a sad disappointment in person.',
  'The video oversold it.',
  'The photos are misleading.',
  'Disappointing next to what the video showed.',
];

/** Sentences that report facts and carry no sentiment, so not every sentence a reader meets is scored. */
const FILLER: Bank = [
  'Arrived in four days.',
  'Ordered the medium size.',
  'Delivery took about a week.',
  'The packaging was plain.',
  'I have used it a few times now.',
  'Bought it for my sister.',
];

/** Level cut-offs of quality (assumption: the default Beta(5, 2) puts about 11% below 0.5 and a third above 0.8). */
const QUALITY_LOW = 0.5;
const QUALITY_HIGH = 0.8;
/** Level cut-offs of fit (assumption: fit is (1 + cosine) / 2, so 0.6 is a weak match and 0.85 a close one). */
const FIT_LOW = 0.6;
const FIT_HIGH = 0.85;
/**
 * Price burden cut-offs (assumption: with the default prices and incomes a typical item costs about 0.17 of a month's
 * discretionary income): above 0.4 feels expensive, below 0.08 a bargain.
 */
const BURDEN_EXPENSIVE = 0.4;
const BURDEN_BARGAIN = 0.08;
/** Disappointment above which the buyer blames the hype (assumption: expectations and values lie in [0, 1]). */
const HYPE_DISAPPOINTMENT = 0.15;

/** Chances of 0, 1 and 2 sentences between opening and closing (assumption: most short reviews say one or two things). */
const MIDDLE_ZERO = 0.2;
const MIDDLE_ONE = 0.6;
/** Chance that the last middle sentence is neutral filler instead of an aspect. */
const FILLER_SHARE = 0.25;

/** How many draws {@link reviewText} takes from its stream, whatever its inputs: each slot takes one. */
export const REVIEW_DRAW_COUNT = 8;

/** An aspect of the purchase, scaled so that below 0 is its low level and above 1 its high level. */
interface Aspect {
  goodness: number;
  banks: LevelBanks;
}

function scaled(x: number, low: number, high: number): number {
  return (x - low) / (high - low);
}

function levelOf(goodness: number): 0 | 1 | 2 {
  return goodness < 0 ? 0 : goodness >= 1 ? 2 : 1;
}

function pick(bank: Bank, u: number): string {
  return bank[Math.min(bank.length - 1, Math.floor(u * bank.length))];
}

/**
 * The aspects a reviewer mentions, in order: a low rating is explained by the worst aspects, a high one by the best,
 * and a mixed one gives the best and then the worst (assumption: reviewers justify their rating).
 */
function aspectsInOrder(stars: number, traits: ReviewTraits): Aspect[] {
  const aspects: Aspect[] = [
    { goodness: scaled(traits.quality, QUALITY_LOW, QUALITY_HIGH), banks: QUALITY },
    { goodness: scaled(traits.fit, FIT_LOW, FIT_HIGH), banks: FIT },
    // Value for money falls with the burden: the scale runs from expensive (0) to bargain (1).
    { goodness: scaled(-traits.priceBurden, -BURDEN_EXPENSIVE, -BURDEN_BARGAIN), banks: VALUE_FOR_MONEY },
  ];
  aspects.sort((a, b) => (stars <= 2 ? a.goodness - b.goodness : b.goodness - a.goodness));
  if (stars === 3) return [aspects[0], aspects[2]];
  return aspects;
}

/** Joins a mixed review's second aspect to its first, as a reader would expect a contrast. */
function contrasted(sentence: string): string {
  const startsWithI = /^I\b/.test(sentence);
  return `That said, ${startsWithI ? sentence : sentence[0].toLowerCase() + sentence.slice(1)}`;
}

function checkTraits(traits: ReviewTraits): void {
  for (const key of ['quality', 'fit', 'priceBurden', 'disappointment'] as const) {
    const x = traits[key];
    if (!(x >= 0) || !Number.isFinite(x)) throw new RangeError(`invalid ${key}: ${x}`);
  }
}

/**
 * A short English review (2-4 sentences) for a purchase rated `stars` (an integer 1-5): an opening and a closing whose
 * tone follows the stars, and between them up to two sentences on the item's quality, fit and value for money, the
 * hype when the buyer was disappointed, or neutral filler. Every slot has several alternatives picked by `draw`,
 * which is called exactly {@link REVIEW_DRAW_COUNT} times, so the same inputs and stream give the same text.
 */
export function reviewText(stars: number, traits: ReviewTraits, draw: RandomSource): string {
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new RangeError(`invalid stars: ${stars}`);
  checkTraits(traits);
  const uOpening = draw();
  const uCount = draw();
  const uHype = draw();
  const uFirst = draw();
  const uSecond = draw();
  const uFiller = draw();
  const uFillerPick = draw();
  const uClosing = draw();

  const tone = stars - 1;
  // A buyer who rates 4-5 does not dwell on hype even when the item fell short of it (assumption).
  const blamesHype = stars <= 3 && traits.disappointment >= HYPE_DISAPPOINTMENT;
  let middleCount = uCount < MIDDLE_ZERO ? 0 : uCount < MIDDLE_ONE ? 1 : 2;
  if (blamesHype && middleCount === 0) middleCount = 1;

  const middle: string[] = [];
  if (blamesHype) middle.push(pick(traits.live ? HYPE_LIVE : HYPE_VIDEO, uHype));
  const aspects = aspectsInOrder(stars, traits);
  const aspectDraws = [uFirst, uSecond];
  for (let k = 0; middle.length < middleCount; k++) {
    const aspect = aspects[k];
    let sentence = pick(aspect.banks[levelOf(aspect.goodness)], aspectDraws[k]);
    if (stars === 3 && k === 1) sentence = contrasted(sentence);
    middle.push(sentence);
  }
  if (middleCount > 0 && uFiller < FILLER_SHARE) middle[middleCount - 1] = pick(FILLER, uFillerPick);

  return [pick(OPENINGS[tone], uOpening), ...middle, pick(CLOSINGS[tone], uClosing)].join(' ');
}

/** One analyser for the module: its word list is loaded once. */
const analyser = new Sentiment();

/**
 * The sentiment a lexicon reader finds in a text: the `sentiment` package's AFINN-165 sum over words (with a
 * negator such as "not" flipping the next word) and that sum per token.
 */
export function sentimentOf(text: string): { score: number; comparative: number } {
  const { score, comparative } = analyser.analyze(text);
  return { score, comparative };
}
