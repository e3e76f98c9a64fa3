import { describeBound, type ValidationResult } from './validate.js';

/** Formats a number for the table: 3 significant decimals around 1, more for small effects. */
function format(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 1) return value.toFixed(3);
  return value.toFixed(4);
}

/** The suite as an aligned table: per check, the effect with its 95% CI and n, the bound, and pass or fail. */
export function formatValidationTable(result: ValidationResult): string {
  const header = ['fact', 'what was compared', 'effect', '95% CI', 'n', 'consumers', 'bound', 'result'];
  const rows = result.checks.map((check) => [
    `${check.fact}. ${check.title}`,
    check.what,
    format(check.effect.mean),
    `[${format(check.effect.low)}, ${format(check.effect.high)}]`,
    String(check.effect.n),
    check.consumers.toLocaleString('en-US'),
    describeBound(check.bound),
    check.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column >= 2 && column <= 5 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  const passed = result.checks.filter((check) => check.pass).length;
  const scale = result.fast
    ? `--fast: ${result.population} consumers sampled from each market, or as many as a fact needs, ${result.days} days`
    : 'shipped scenario sizes';
  const lines = [
    `mallsim validate: ${result.replications} replications per arm, or as many as a fact needs (n); common random numbers; ${scale}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `${passed} of ${result.checks.length} checks pass`,
  ];
  for (const skip of result.skipped) lines.push(`not checked: ${skip.fact}. ${skip.title}, ${skip.what}: ${skip.reason}`);
  lines.push(`wall time ${result.wallSeconds.toFixed(1)} s`);
  return `${lines.join('\n')}\n`;
}
