import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../sim/metrics.js';
import { histogram, niceStep, readRunReportData, runFoldersOf } from '../../sim/output/runReportData.js';
import type { RunReportData } from '../../sim/report/reportData.js';
import { renderRunReport } from '../../sim/report/runReport.js';
import { runScenario } from '../../sim/run.js';
import { loadScenario } from '../../sim/scenario/load.js';

const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
import { numbers, strings } from '../helpers/runs.js';
import { runReportCharts } from './fixtures.js';
import { chartsByName, count, marks, tableRows } from './htmlParts.js';

/** The markup of one section of the page. */
const section = (html: string, id: string): string => new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';

const DAYS = 8;
const SIZE = 600;

describe('histogram bins', () => {
  it('uses round bin widths', () => {
    expect([0.3, 1, 1.2, 3, 7, 23, 0].map(niceStep)).toEqual([0.5, 1, 2, 5, 10, 50, 1]);
  });

  it('gives counts one bar per whole number, shares that add up to 1, every value in some bin', () => {
    const values = [0, 0, 0, 1, 1, 2, 3, 5];
    const bins = histogram(values, true);
    expect(bins.map((b) => b.low)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(bins.map((b) => b.share)).toEqual([3 / 8, 2 / 8, 1 / 8, 1 / 8, 0, 1 / 8]);
  });

  it('puts the top 1% of a long tail in the last bin instead of stretching the axis', () => {
    const values = [...Array.from({ length: 990 }, (_, k) => k % 40), ...Array.from({ length: 10 }, () => 10_000)];
    const bins = histogram(values, false);
    expect(bins.length).toBeLessThanOrEqual(20);
    expect(bins.reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 12);
    expect(bins[bins.length - 1].high).toBe(10_000);
    expect(bins[0].high - bins[0].low).toBeLessThan(5);
  });
});

describe('the run report', () => {
  let folder = '';
  let data: RunReportData;
  let html = '';

  beforeAll(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mallsim-run-report-'));
    const scenario = loadScenario(DEFAULT_SCENARIO, { overrides: [`population.size=${SIZE}`, `run.days=${DAYS}`, 'run.seed=11', 'catalog.items=300'] }).scenario;
    folder = runScenario(scenario, { replications: 2, out: path.join(root, 'out') }).folder;
    data = readRunReportData(folder);
    html = await renderRunReport(data);
  });

  afterAll(() => rmSync(path.dirname(folder), { recursive: true, force: true }));

  const table = (replication: number, name: string) => tableFromIPC(readFileSync(path.join(folder, `rep-00${replication}`, `${name}.arrow`)));
  const total = (replication: number, name: string, column: string) => numbers(table(replication, name), column).reduce((a, b) => a + b, 0);

  it('reads the replications of a run in order, and refuses a folder that holds no run', () => {
    expect(runFoldersOf(folder).map((f) => path.basename(f))).toEqual(['rep-000', 'rep-001']);
    expect(data.replications).toEqual(['seed 11', 'seed 12']);
    expect(() => runFoldersOf(os.tmpdir())).toThrow(/not a run folder/);
  });

  it('takes the funnel, hours and purchases from the tables, averaged over replications', () => {
    const stage = (name: string) => data.funnel.find((s) => s.stage === name)!.count;
    expect(data.funnel.map((s) => s.stage)).toEqual(['shown', 'viewed', 'wanted', 'bought', 'kept']);
    expect(stage('shown')).toBe((total(0, 'days', 'exposures') + total(1, 'days', 'exposures')) / 2);
    expect(stage('bought')).toBe((table(0, 'purchases').numRows + table(1, 'purchases').numRows) / 2);
    expect(data.funnel.every((s, k) => k === 0 || s.count <= data.funnel[k - 1].count)).toBe(true);
    const sessionsPerDay = data.hours.reduce((a, h) => a + h.sessions, 0);
    expect(sessionsPerDay).toBeCloseTo((total(0, 'hours', 'sessions') + total(1, 'hours', 'sessions')) / (2 * DAYS), 9);
    const purchases = data.daily.find((c) => c.name === 'purchases')!;
    const summed = purchases.points.reduce((a, p) => a + p.value, 0);
    expect(summed).toBeCloseTo((total(0, 'days', 'purchases') + total(1, 'days', 'purchases')) / 2, 9);
  });

  it('gives the shopping path as a Markov chain: every transition of paths.arrow over the run, shares out of each state adding to 1', () => {
    expect(data.transitions).toHaveLength(16);
    const count = (from: string, to: string) => data.transitions.find((t) => t.from === from && t.to === to)!.count;
    expect(count('shown', 'viewed')).toBe(data.funnel.find((s) => s.stage === 'viewed')!.count);
    const pathTotal = (r: number, from: string, to: string) => {
      const paths = table(r, 'paths');
      const froms = strings(paths, 'from');
      const tos = strings(paths, 'to');
      return numbers(paths, 'count').reduce((sum, n, k) => sum + (froms[k] === from && tos[k] === to ? n : 0), 0);
    };
    expect(count('tempted', 'gave_in')).toBe((pathTotal(0, 'tempted', 'gave_in') + pathTotal(1, 'tempted', 'gave_in')) / 2);
    const out = new Map<string, number>();
    for (const t of data.transitions) if (Number.isFinite(t.share)) out.set(t.from, (out.get(t.from) ?? 0) + t.share);
    for (const [from, total] of out) expect(total, from).toBeCloseTo(1, 12);
    expect(tableRows(section(html, 'transitions'))).toHaveLength(16);
  });

  it('pools consumers over replications and keeps each distribution whole', () => {
    for (const distribution of data.distributions) {
      expect(distribution.consumers, distribution.name).toBe(2 * SIZE);
      expect(distribution.bins.reduce((a, b) => a + b.share, 0), distribution.name).toBeCloseTo(1, 12);
    }
    const purchases = data.distributions.find((d) => d.name === 'purchases')!;
    const perConsumer = [...numbers(table(0, 'consumers'), 'purchases'), ...numbers(table(1, 'consumers'), 'purchases')];
    expect(purchases.mean).toBeCloseTo(perConsumer.reduce((a, b) => a + b, 0) / perConsumer.length, 12);
    expect(purchases.zeroShare).toBe(perConsumer.filter((n) => n === 0).length / perConsumer.length);
  });

  it('lists the best sellers of the first replication and the concentration curve of each', () => {
    const items = numbers(table(0, 'purchases'), 'item_id');
    const sold = new Map<number, number>();
    for (const item of items) sold.set(item, (sold.get(item) ?? 0) + 1);
    const best = Math.max(...sold.values());
    expect(data.topItems[0].purchases).toBe(best);
    expect(data.topItems.every((entry, k) => k === 0 || entry.purchases <= data.topItems[k - 1].purchases)).toBe(true);
    for (const entry of data.topItems) expect(entry.purchases).toBe(sold.get(entry.item));
    for (const series of data.replications) {
      const curve = data.concentration.filter((p) => p.series === series);
      expect(curve[0].purchaseShare).toBe(0);
      expect(curve[curve.length - 1].purchaseShare).toBeCloseTo(1, 12);
      expect(curve.every((p, k) => k === 0 || p.purchaseShare >= curve[k - 1].purchaseShare)).toBe(true);
    }
    expect(data.topShares.top10).toBeGreaterThan(data.topShares.top1);
  });

  it('gives every summary metric with its interval over the two replications', () => {
    expect(data.summary.map((m) => m.name)).toEqual(METRICS.map((m) => m.name));
    const purchases = data.summary.find((m) => m.name === 'purchases')!;
    expect(purchases.value.n).toBe(2);
    expect(purchases.value.mean).toBe((table(0, 'purchases').numRows + table(1, 'purchases').numRows) / 2);
    expect(purchases.value.low).toBeGreaterThanOrEqual(0);
    expect(data.segments.length).toBeGreaterThan(1);
    expect(data.segmentMetrics.map((m) => m.name)).toContain('regret_rate');
    const regret = data.segmentMetrics.find((m) => m.name === 'regret_rate')!;
    for (const { segment, value } of regret.values) {
      const key = `regret_rate@${segment}`;
      const perRun = [0, 1].map((r) => JSON.parse(readFileSync(path.join(folder, `rep-00${r}`, 'manifest.json'), 'utf8')).summary[key] as number);
      expect(value.mean, key).toBeCloseTo((perRun[0] + perRun[1]) / 2, 12);
    }
  });

  it('draws every chart with its marks, and the summary table', () => {
    const charts = chartsByName(html);
    const names = [...charts.keys()];
    expect(names).toEqual(runReportCharts(data));
    for (const [name, markup] of charts) {
      expect(count(markup, '<svg'), name).toBe(1);
      expect(count(markup, '<path'), name).toBeGreaterThan(3);
    }
    expect(marks(charts.get('funnel')!, 'bar')).toBe(5);
    expect(marks(charts.get('top-items')!, 'bar')).toBe(data.topItems.length);
    expect(marks(charts.get('daily-mean_trust')!, 'line mark')).toBe(2);
    const rows = tableRows(section(html, 'summary'));
    expect(rows.length).toBe(METRICS.length);
    expect(rows[METRICS.findIndex((m) => m.name === 'purchases')][0]).toBe('purchases');
    expect(html).not.toMatch(/<script|<link|<img|@import/i);
  });

  it('draws the funnel of a run without purchases: stages at 0 are bars of no length, not a broken scale', async () => {
    const none = { ...data, funnel: data.funnel.map((stage, k) => (k >= 2 ? { ...stage, count: 0 } : stage)) };
    const funnel = chartsByName(await renderRunReport(none)).get('funnel')!;
    expect(marks(funnel, 'bar')).toBe(5);
    expect(funnel).not.toMatch(/NaN|Infinity/);
  });

  it('gives the same bytes for the same folder', async () => {
    expect(await renderRunReport(readRunReportData(folder))).toBe(html);
  });
});
