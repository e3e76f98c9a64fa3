const BURDEN_TABLE_MAX = 64;
const BURDEN_STEPS_PER_UNIT = 64;
/** log(1 + x) on [0, 64] by table with linear interpolation (error < 1e-4): Math.log1p per view was a hot spot. */
const BURDEN_TABLE = Float64Array.from({ length: BURDEN_TABLE_MAX * BURDEN_STEPS_PER_UNIT + 2 }, (_, k) =>
  Math.log1p(k / BURDEN_STEPS_PER_UNIT),
);

/**
 * Price as a burden: log(1 + price / daily income). A log keeps a 200-unit gadget from weighing ten times a
 * 20-unit one in the moment of choice (assumption: diminishing sensitivity, as in prospect theory).
 */
export function priceBurden(price: number, monthlyIncome: number): number {
  const ratio = (price * 30) / monthlyIncome;
  if (ratio >= BURDEN_TABLE_MAX) return Math.log1p(ratio);
  const position = ratio * BURDEN_STEPS_PER_UNIT;
  const k = position | 0;
  return BURDEN_TABLE[k] + (BURDEN_TABLE[k + 1] - BURDEN_TABLE[k]) * (position - k);
}

/** Budget strain at purchase in [0, 1]: none until half the month's income is spent, full at all of it. */
export function budgetStrain(cycleSpend: number, monthlyIncome: number): number {
  const strain = (cycleSpend / monthlyIncome - 0.5) * 2;
  return strain < 0 ? 0 : strain > 1 ? 1 : strain;
}

/** A purchase happens only if the balance covers it: budgets never go negative. */
export function canAfford(balance: number, price: number): boolean {
  return price <= balance + 1e-9;
}

/** A spending cap (share of monthly income per pay cycle) blocks a purchase that would pass it; null = no cap. */
export function passesSpendingCap(cycleSpend: number, price: number, monthlyIncome: number, capShare: number | null): boolean {
  return capShare === null || cycleSpend + price <= capShare * monthlyIncome + 1e-9;
}

/** True on the consumer's payday (the 30-day month's day number, 1..30). */
export function isPayday(day: number, payday: number): boolean {
  return (day % 30) + 1 === payday;
}
