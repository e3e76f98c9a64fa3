/**
 * Checks a count given on the command line or in options.
 * @throws RangeError naming the flag.
 */
export function positiveInteger(value: number, flag: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${flag}: expected an integer >= 1, got ${value}`);
  return value;
}
