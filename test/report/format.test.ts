import { describe, expect, it } from 'vitest';
import { formatCountRange, formatInterval, formatNumber, formatP, intervalDecimals, MISSING, sharedDecimals } from '../../sim/report/format.js';

describe('formatNumber', () => {
  it('writes four significant digits below 1,000 and grouped whole numbers above', () => {
    expect(formatNumber(0.421234)).toBe('0.4212');
    expect(formatNumber(-12.3456)).toBe('-12.35');
    expect(formatNumber(999.96)).toBe('1,000');
    expect(formatNumber(1254300.4)).toBe('1,254,300');
    expect(formatNumber(-48200)).toBe('-48,200');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.00001234)).toBe('1.23e-5');
  });

  it('writes a dash for NaN and infinities', () => {
    expect(formatNumber(Number.NaN)).toBe(MISSING);
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe(MISSING);
  });
});

describe('formatInterval', () => {
  it('shows the half-width to two significant digits and the mean and bounds alike', () => {
    // half-width 0.012 -> 3 decimals
    expect(intervalDecimals({ mean: 0.421, low: 0.409, high: 0.433, n: 5 })).toBe(3);
    expect(formatInterval({ mean: 0.421, low: 0.409, high: 0.433, n: 5 })).toEqual({ mean: '0.421', bounds: '[0.409, 0.433]' });
    // half-width 16,200 -> no decimals, grouped
    expect(formatInterval({ mean: 1254300, low: 1238100, high: 1270500, n: 5 })).toEqual({ mean: '1,254,300', bounds: '[1,238,100, 1,270,500]' });
  });

  it('signs differences and never writes a signed zero', () => {
    expect(formatInterval({ mean: -0.238, low: -0.24296, high: -0.23305, n: 5 }, true)).toEqual({ mean: '-0.2380', bounds: '[-0.2430, -0.2331]' });
    expect(formatInterval({ mean: 0.0001, low: -0.004, high: 0.0042, n: 5 }, true, 3)).toEqual({ mean: '0.000', bounds: '[-0.004, +0.004]' });
    expect(formatInterval({ mean: -0.0001, low: -0.004, high: 0.0042, n: 5 }, true, 3).mean).toBe('0.000');
  });

  it('falls back to significant digits when there is no interval', () => {
    expect(formatInterval({ mean: 0.42123, low: Number.NaN, high: Number.NaN, n: 1 })).toEqual({ mean: '0.4212', bounds: MISSING });
  });

  it('shares the largest number of decimals across a column', () => {
    const wide = { mean: 0.421, low: 0.409, high: 0.433, n: 5 };
    const narrow = { mean: 0.183, low: 0.174, high: 0.192, n: 5 };
    expect(sharedDecimals([wide, narrow])).toBe(4);
    expect(sharedDecimals([{ mean: 1, low: Number.NaN, high: Number.NaN, n: 1 }])).toBeUndefined();
  });
});

describe('formatP and formatCountRange', () => {
  it('writes p-values with three decimals and a floor', () => {
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatP(0.0123)).toBe('0.012');
    expect(formatP(1)).toBe('1.000');
    expect(formatP(Number.NaN)).toBe(MISSING);
  });

  it('writes one count or a range', () => {
    expect(formatCountRange([5, 5, 5])).toBe('5');
    expect(formatCountRange([3, 5, 4])).toBe('3–5');
    expect(formatCountRange([])).toBe(MISSING);
  });
});
