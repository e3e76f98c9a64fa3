import { describe, expect, it } from 'vitest';
import { renderSweepReport } from '../../sim/report/sweepReport.js';
import { segmentSweepFixture, sweepFixture } from './fixtures.js';
import { chartsByName, count, marks, tableRows } from './htmlParts.js';

describe('renderSweepReport', () => {
  it('draws one chart per metric with a CI band, whiskers and a point per value', async () => {
    const html = await renderSweepReport(sweepFixture());
    const charts = chartsByName(html);
    expect([...charts.keys()]).toEqual(['sweep-impulse_share', 'sweep-net_revenue', 'sweep-trust_end', 'sweep-churn_share']);
    for (const [name, markup] of charts) {
      expect(markup, name).toContain('<h3>');
      expect(count(markup, '<svg'), name).toBe(1);
      expect(marks(markup, 'area mark'), name).toBe(1);
      expect(marks(markup, 'line mark'), name).toBe(1);
      expect(marks(markup, 'errorbar'), name).toBe(5);
      expect(marks(markup, 'point'), name).toBe(5);
      expect(markup, name).toContain('>platform.overPush.feedLength</text>');
      expect(markup, name).toContain('n = 4 per point');
    }
    expect(html).not.toMatch(/<script|<link|<img|url\((?!#)/i);
  });

  it('writes the table in parameter order with formatted numbers', async () => {
    const data = sweepFixture();
    data.metrics[1].points.reverse();
    const rows = tableRows(await renderSweepReport(data));
    expect(rows).toHaveLength(4 * 6);
    expect(rows[0]).toEqual(['impulse_share — impulse purchases over all purchases']);
    expect(rows[1]).toEqual(['10', '0.362', '[0.350, 0.374]', '4']);
    expect(rows[7]).toEqual(['10', '950,500', '[934,167, 966,833]', '4']);
    expect(rows[11]).toEqual(['60', '1,318,000', '[1,290,000, 1,346,000]', '4']);
  });

  it('draws each metric measured per segment as one chart, a line and whiskers per segment', async () => {
    const html = await renderSweepReport(segmentSweepFixture());
    const charts = chartsByName(html);
    expect([...charts.keys()]).toEqual(['sweep-impulse_share', 'sweep-net_revenue', 'sweep-trust_end', 'sweep-churn_share', 'sweep-segments-impulse_share', 'sweep-segments-churn_share']);
    for (const name of ['sweep-segments-impulse_share', 'sweep-segments-churn_share']) {
      const markup = charts.get(name)!;
      expect(marks(markup, 'line mark'), name).toBe(3);
      expect(marks(markup, 'errorbar'), name).toBe(3 * 5);
      expect(marks(markup, 'point'), name).toBe(3 * 5);
      for (const segment of ['impulsive', 'mainstream', 'deliberate']) expect(markup, name).toContain(`>${segment}</text>`);
    }
    // Every per-segment value is still in the table.
    expect(tableRows(html)).toHaveLength(10 * 6);
  });

  it('gives the same bytes for the same data', async () => {
    expect(await renderSweepReport(sweepFixture())).toBe(await renderSweepReport(sweepFixture()));
  });

  it('draws text parameter values as categories in their given order, without a line', async () => {
    const policies = ['search', 'random', 'popularity', 'content'];
    const html = await renderSweepReport({
      title: 'Sweep: policy',
      generated: 'test',
      parameter: 'platform.policy',
      metrics: [
        {
          name: 'purchases',
          description: 'purchases of every kind',
          points: policies.map((x, k) => ({ x, value: { mean: 1000 + 250 * k, low: 950 + 250 * k, high: 1050 + 250 * k, n: 3 } })),
        },
      ],
    });
    const chart = chartsByName(html).get('sweep-purchases') ?? '';
    expect(marks(chart, 'point')).toBe(4);
    expect(marks(chart, 'errorbar')).toBe(4);
    expect(marks(chart, 'line mark')).toBe(0);
    const labelOrder = policies.map((policy) => chart.indexOf(`>${policy}</text>`));
    expect(labelOrder.every((position) => position > 0)).toBe(true);
    expect([...labelOrder].sort((a, b) => a - b)).toEqual(labelOrder);
    expect(tableRows(html).slice(1).map((row) => row[0])).toEqual(policies);
  });
});
