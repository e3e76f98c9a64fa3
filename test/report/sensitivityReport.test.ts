import { describe, expect, it } from 'vitest';
import { renderSensitivityReport } from '../../sim/report/sensitivityReport.js';
import { sensitivityFixture } from './fixtures.js';
import { chartsByName, count, marks, tableRows, textOf } from './htmlParts.js';

const METRICS = ['sensitivity-impulse_share', 'sensitivity-regret_buyer_share'];

/** Positions of the parameters' axis labels in a chart's SVG, in the order given. */
const labelPositions = (svg: string, parameters: readonly string[]): number[] => parameters.map((parameter) => svg.indexOf(`>${parameter}</text>`));

describe('renderSensitivityReport', () => {
  it('draws, per metric, one mu* bar and one sigma tick per parameter in rank order (Morris)', async () => {
    const data = sensitivityFixture('morris');
    const charts = chartsByName(await renderSensitivityReport(data));
    expect([...charts.keys()]).toEqual(METRICS);
    for (const metric of data.metrics) {
      const chart = charts.get(`sensitivity-${metric.name}`) ?? '';
      expect(count(chart, '<svg'), metric.name).toBe(1);
      expect(marks(chart, 'bar'), metric.name).toBe(5);
      expect(marks(chart, 'tick'), metric.name).toBe(5);
      expect(marks(chart, 'errorbar'), metric.name).toBe(0);
      const byRank = [...metric.parameters].sort((a, b) => a.rank - b.rank);
      const positions = labelPositions(chart, byRank.map((p) => p.parameter));
      expect(positions.every((position) => position > 0), metric.name).toBe(true);
      expect([...positions].sort((a, b) => a - b), metric.name).toEqual(positions);
      // Each bar's label gives both measures.
      for (const p of byRank) expect(textOf(chart), p.parameter).toContain(`μ* ${p.muStar}   σ ${p.sigma}`);
    }
    expect(marks(charts.get(METRICS[0]) ?? '', 'text mark')).toBe(5);
  });

  it('draws, per metric, an S1 and an ST bar with a CI whisker per parameter (Sobol)', async () => {
    const data = sensitivityFixture('sobol');
    const html = await renderSensitivityReport(data);
    const charts = chartsByName(html);
    expect([...charts.keys()]).toEqual(METRICS);
    for (const [name, chart] of charts) {
      expect(count(chart, '<svg'), name).toBe(1);
      expect(marks(chart, 'bar'), name).toBe(10);
      expect(marks(chart, 'errorbar'), name).toBe(10);
      expect(marks(chart, 'tick'), name).toBe(0);
    }
    expect(charts.get(METRICS[0])).toContain('>S1 0.612</text>');
    expect(charts.get(METRICS[0])).toContain('>ST 0.655</text>');
    const regret = charts.get('sensitivity-regret_buyer_share') ?? '';
    const order = labelPositions(regret, ['consumer.regret.sensitivity', 'consumer.impulse.intercept', 'platform.liveRooms.urgencyBoost', 'platform.feed.length', 'consumer.trust.initial']);
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toMatch(/<script|<link|<img|url\((?!#)/i);
  });

  it('leaves out bars and whiskers of indices that are not numbers', async () => {
    const data = sensitivityFixture('sobol');
    const first = data.metrics[0].parameters[0];
    first.s1 = { value: Number.NaN, low: Number.NaN, high: Number.NaN };
    data.metrics[0].undefinedOutputs = 3;
    const html = await renderSensitivityReport(data);
    const chart = chartsByName(html).get(METRICS[0]) ?? '';
    expect(marks(chart, 'bar')).toBe(9);
    expect(marks(chart, 'errorbar')).toBe(9);
    expect(chart).toContain('3 of 448 points gave no value and are left out.');
    const row = tableRows(html).find((cells) => cells[1] === first.parameter);
    expect(row).toEqual(['1', 'consumer.impulse.intercept', '-11 .. -9.5', '–', '–', '0.655', '[0.579, 0.723]']);
  });

  it('writes the ranked table with the method\'s columns', async () => {
    const morris = tableRows(await renderSensitivityReport(sensitivityFixture('morris')));
    expect(morris).toHaveLength(2 * 6);
    expect(morris[0]).toEqual(['impulse_share — impulse purchases over all purchases']);
    expect(morris[1]).toEqual(['1', 'consumer.impulse.intercept', '-11 .. -9.5', '0.142', '0.142', '0.021']);
    expect(morris[5]).toEqual(['5', 'consumer.regret.sensitivity', '0.2 .. 0.8', '0.004', '-0.001', '0.003']);
    expect(morris[7]).toEqual(['1', 'consumer.regret.sensitivity', '0.2 .. 0.8', '0.118', '0.118', '0.015']);
    const sobol = tableRows(await renderSensitivityReport(sensitivityFixture('sobol')));
    expect(sobol[1]).toEqual(['1', 'consumer.impulse.intercept', '-11 .. -9.5', '0.612', '[0.503, 0.709]', '0.655', '[0.579, 0.723]']);
    expect(sobol[5]).toEqual(['5', 'consumer.regret.sensitivity', '0.2 .. 0.8', '0.002', '[-0.034, 0.026]', '0.006', '[-0.018, 0.022]']);
  });

  it('escapes parameter names and titles', async () => {
    const hostile = 'consumer.<b>"x"&y\'</b>';
    const data = sensitivityFixture('morris', { 'consumer.trust.initial': hostile });
    data.title = 'Sensitivity <script>alert(1)</script>';
    const html = await renderSensitivityReport(data);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script');
    expect(html).toContain('<title>Sensitivity &lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('<td>consumer.&lt;b&gt;&quot;x&quot;&amp;y&#39;&lt;/b&gt;</td>');
    const chart = chartsByName(html).get(METRICS[0]) ?? '';
    expect(textOf(chart)).toContain(hostile);
    expect(marks(chart, 'bar')).toBe(5);
  });

  it('gives the same bytes for the same data, whatever the order of the parameters', async () => {
    for (const method of ['morris', 'sobol'] as const) {
      const first = await renderSensitivityReport(sensitivityFixture(method));
      const shuffled = sensitivityFixture(method);
      for (const metric of shuffled.metrics) metric.parameters.reverse();
      expect(await renderSensitivityReport(sensitivityFixture(method)), method).toBe(first);
      expect(await renderSensitivityReport(shuffled), method).toBe(first);
    }
  });

  it('refuses a metric listed twice', async () => {
    const data = sensitivityFixture('morris');
    data.metrics.push(data.metrics[0]);
    await expect(renderSensitivityReport(data)).rejects.toThrow('metric "impulse_share" appears twice');
  });
});
