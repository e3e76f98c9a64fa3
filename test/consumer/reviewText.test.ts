import { describe, expect, it } from 'vitest';
import { REVIEW_DRAW_COUNT, reviewText, sentimentOf, starsOf, type ReviewTraits } from '../../sim/consumer/reviewText.js';
import { namedStream, type RandomSource } from '../../sim/rng.js';

const TRAITS: ReviewTraits = { quality: 0.7, fit: 0.75, priceBurden: 0.2, disappointment: 0.05, live: false };

/** Random traits spanning every level of every aspect, for checks that should hold whatever the item. */
function randomTraits(draw: RandomSource): ReviewTraits {
  return { quality: draw(), fit: draw(), priceBurden: 0.6 * draw(), disappointment: 0.4 * draw(), live: draw() < 0.5 };
}

/** Ranks with ties given their mean rank. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const result = new Array<number>(xs.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1][0] === order[start][0]) end++;
    for (let k = start; k <= end; k++) result[order[k][1]] = (start + end) / 2;
    start = end + 1;
  }
  return result;
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('starsOf', () => {
  it('gives the ratings worked out by hand', () => {
    // Gap (0.9 - 0.6) / 0.6 = 0.5: 4 + 2 tanh(2) = 5.93, clamped to 5.
    expect(starsOf(0.9, 0.6, false, 0.5)).toBe(5);
    // Gap -0.75, regretted: 4 + 2 tanh(-3) - 1.2 = 0.81, so 1 even with the largest noise.
    expect(starsOf(0.2, 0.8, true, 0.5)).toBe(1);
    expect(starsOf(0.2, 0.8, true, 0.999)).toBe(1);
    // A mild shortfall, gap -0.15: 4 + 2 tanh(-0.6) = 2.93.
    expect(starsOf(0.51, 0.6, false, 0.5)).toBe(3);
    // Value exactly at expectation: 4, and the noise moves it by at most half a star.
    expect(starsOf(0.6, 0.6, false, 0.5)).toBe(4);
    expect(starsOf(0.6, 0.6, false, 0)).toBe(4);
    // The same experience, regretted (say for the budget): 4 - 1.2 = 2.8.
    expect(starsOf(0.6, 0.6, true, 0.5)).toBe(3);
  });

  it('is an integer 1..5 everywhere on a grid, and never falls as value rises', () => {
    for (const regretted of [false, true]) {
      for (let e = 0; e <= 1; e += 0.1) {
        for (let u = 0; u < 1; u += 0.125) {
          let previous = 0;
          for (let v = 0; v <= 1; v += 0.05) {
            const stars = starsOf(v, e, regretted, u);
            expect(Number.isInteger(stars)).toBe(true);
            expect(stars).toBeGreaterThanOrEqual(Math.max(1, previous));
            expect(stars).toBeLessThanOrEqual(5);
            previous = stars;
          }
        }
      }
    }
  });

  it('rejects a draw outside [0, 1] and a negative expectation', () => {
    expect(() => starsOf(0.5, 0.5, false, 1.5)).toThrow(RangeError);
    expect(() => starsOf(0.5, -0.1, false, 0.5)).toThrow(RangeError);
  });
});

describe('reviewText', () => {
  it('gives the same text for the same inputs and a stream started afresh, and takes a fixed number of draws', () => {
    const a = namedStream(1, 'test/reviews');
    const b = namedStream(1, 'test/reviews');
    for (let i = 0; i < 20; i++) expect(reviewText((i % 5) + 1, TRAITS, a)).toBe(reviewText((i % 5) + 1, TRAITS, b));

    const traitDraws = namedStream(1, 'test/reviews/traits');
    for (let i = 0; i < 100; i++) {
      const source = namedStream(2, 'test/reviews');
      let count = 0;
      const counted = () => {
        count++;
        return source();
      };
      reviewText((i % 5) + 1, randomTraits(traitDraws), counted);
      expect(count).toBe(REVIEW_DRAW_COUNT);
    }
  });

  it('gives a different text from a different stream for some of 50 reviews', () => {
    const a = namedStream(1, 'test/reviews');
    const b = namedStream(1, 'test/reviews/other');
    let differing = 0;
    for (let i = 0; i < 50; i++) if (reviewText(4, TRAITS, a) !== reviewText(4, TRAITS, b)) differing++;
    console.log(`reviews differing between two streams: ${differing} of 50`);
    expect(differing).toBeGreaterThan(0);
  });

  it('varies: 200 reviews of one rating and one item hold at least 20 distinct texts, of 2 to 4 sentences', () => {
    const draw = namedStream(1, 'test/reviews/variation');
    const texts = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const text = reviewText(2, { ...TRAITS, disappointment: 0.3, live: true }, draw);
      const sentences = text.split(/(?<=[.!])\s+/).length;
      expect(sentences).toBeGreaterThanOrEqual(2);
      expect(sentences).toBeLessThanOrEqual(4);
      texts.add(text);
    }
    console.log(`distinct texts among 200 two-star reviews of one item: ${texts.size}`);
    expect(texts.size).toBeGreaterThanOrEqual(20);
  });

  it('rejects stars outside 1..5 and negative traits', () => {
    const draw = namedStream(1, 'test/reviews');
    expect(() => reviewText(0, TRAITS, draw)).toThrow(RangeError);
    expect(() => reviewText(3.5, TRAITS, draw)).toThrow(RangeError);
    expect(() => reviewText(3, { ...TRAITS, priceBurden: -1 }, draw)).toThrow(RangeError);
  });
});

describe('sentimentOf', () => {
  it('scores the words, not the stars they were written from', () => {
    expect(sentimentOf('This is terrible, a waste of money.').score).toBeLessThan(0);
    expect(sentimentOf('Great quality, I love it.').score).toBeGreaterThan(0);
    expect(sentimentOf('Arrived in four days.')).toEqual({ score: 0, comparative: 0 });
  });

  it('reads the rating back from the text: rank correlation of stars and score above 0.7 over 1,000 reviews', () => {
    const draw = namedStream(1, 'test/reviews/analyser');
    const stars: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const rating = 1 + Math.floor(draw() * 5);
      stars.push(rating);
      scores.push(sentimentOf(reviewText(rating, randomTraits(draw), draw)).score);
    }
    const spearman = pearson(ranks(stars), ranks(scores));
    const means = [1, 2, 3, 4, 5].map((level) => {
      const at = scores.filter((_, i) => stars[i] === level);
      return `${level}★ ${(at.reduce((a, b) => a + b, 0) / at.length).toFixed(2)} (n=${at.length})`;
    });
    console.log(`Spearman(stars, AFINN score) = ${spearman.toFixed(3)} (bound > 0.7); mean score: ${means.join(', ')}`);
    expect(spearman).toBeGreaterThan(0.7);
  });
});
