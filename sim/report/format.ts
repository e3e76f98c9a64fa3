import type { IntervalValue } from './reportData.js';

/** Shown wherever a number is missing or not finite (NaN, an interval from one replication). */
export const MISSING = '–';

/**
 * Groups the integer digits of a plain decimal string in threes with commas. Done by hand rather than with
 * `toLocaleString` so that the report's bytes do not depend on the machine's locale or ICU data.
 */
function groupThousands(decimal: string): string {
  const negative = decimal.startsWith('-');
  const unsigned = negative ? decimal.slice(1) : decimal;
  const [whole, fraction] = unsigned.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

/**
 * Formats a number for a table cell: 4 significant digits below 1,000 (trailing zeros kept off), whole numbers
 * with thousands separators from 1,000 on, and {@link MISSING} for NaN or infinities.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  if (value === 0) return '0';
  if (Math.abs(value) < 1e-4) return value.toExponential(2);
  // Rounding first so that 999.96 is written like the thousands it rounds to.
  const rounded = Number(value.toPrecision(4));
  if (Math.abs(rounded) >= 1000) return groupThousands(value.toFixed(0));
  return rounded.toString();
}

/**
 * Decimals that show an interval's half-width to two significant digits (at most 6; none from 10 on), so that a
 * mean and its bounds are written alike and no digit is shown that the interval says is noise.
 */
export function intervalDecimals(interval: IntervalValue): number | undefined {
  const halfWidth = (interval.high - interval.low) / 2;
  if (!Number.isFinite(halfWidth) || halfWidth <= 0) return undefined;
  return Math.min(6, Math.max(0, 1 - Math.floor(Math.log10(halfWidth))));
}

/** Formats with a fixed number of decimals (thousands grouped), or as {@link formatNumber} when none is given. */
export function formatFixed(value: number, decimals: number | undefined, signed = false): string {
  if (!Number.isFinite(value)) return MISSING;
  const text = decimals === undefined ? formatNumber(value) : groupThousands(value.toFixed(decimals));
  // A value that rounds to zero is written without a sign either way ("-0.00" would suggest a direction).
  if (/^-?[0.,]+$/.test(text)) return text.replace('-', '');
  return signed && value > 0 ? `+${text}` : text;
}

/** An interval written for a table: the mean and `[low, high]` (with `*` when cut to the metric's range), both with the interval's decimals. */
export interface FormattedInterval {
  mean: string;
  bounds: string;
}

/**
 * Decimals shared by several intervals of one quantity (the arms of a metric, the points of a sweep), so that a
 * column lines up: the most any of them needs.
 */
export function sharedDecimals(intervals: readonly IntervalValue[]): number | undefined {
  const decimals = intervals.map(intervalDecimals).filter((d): d is number => d !== undefined);
  return decimals.length > 0 ? Math.max(...decimals) : undefined;
}

/**
 * Formats an interval's mean and bounds alike, with `decimals` or else the interval's own (see
 * {@link intervalDecimals}); `signed` writes `+` on positives.
 */
export function formatInterval(interval: IntervalValue, signed = false, decimals = intervalDecimals(interval)): FormattedInterval {
  const bounds =
    Number.isFinite(interval.low) && Number.isFinite(interval.high)
      ? `[${formatFixed(interval.low, decimals, signed)}, ${formatFixed(interval.high, decimals, signed)}]${interval.clipped ? '*' : ''}`
      : MISSING;
  return { mean: formatFixed(interval.mean, decimals, signed), bounds };
}

/** Formats a p-value: three decimals, `< 0.001` below that, {@link MISSING} when undefined. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return MISSING;
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

/** Formats a replication count range such as `5` or `3–5` for captions. */
export function formatCountRange(counts: readonly number[]): string {
  if (counts.length === 0) return MISSING;
  const low = Math.min(...counts);
  const high = Math.max(...counts);
  return low === high ? String(low) : `${low}–${high}`;
}

/** The caption's note on intervals marked `*`. */
export const CLIPPED_CAPTION = "An interval marked * was cut at the metric's range (0 for a count, 0 to 1 for a share): the t interval from few replications reached beyond it.";
