import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderCompareReport } from '../../sim/report/compareReport.js';
import { efficientArms } from '../../sim/report/frontier.js';
import { renderSweepReport } from '../../sim/report/sweepReport.js';
import { compareFixture, sweepFixture } from './fixtures.js';
import { chartsByName, count, marks, tableRows } from './htmlParts.js';

const METRIC_NAMES = compareFixture().metrics.map((metric) => metric.name);
const EXPECTED_CHARTS = [...METRIC_NAMES.map((name) => `difference-${name}`), 'frontier', ...METRIC_NAMES.map((name) => `metric-${name}`), 'daily-impulse_share', 'daily-mean_trust', 'daily-gmv'];

describe('renderCompareReport', () => {
  let html = '';
  let warnings: unknown[][] = [];

  beforeAll(async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
    warnings = [];
    html = await renderCompareReport(compareFixture());
    warn.mockRestore();
  });

  afterEach(() => vi.restoreAllMocks());

  it('compiles and renders every chart without a Vega or Vega-Lite warning', () => {
    expect(warnings).toEqual([]);
  });

  it('has every chart, each with an inline svg holding its marks', () => {
    const charts = chartsByName(html);
    expect([...charts.keys()]).toEqual(EXPECTED_CHARTS);
    for (const [name, markup] of charts) {
      expect(markup, name).toMatch(/<h3>[^<]+<\/h3>/);
      expect(count(markup, '<svg'), name).toBe(1);
      expect(count(markup, '<path'), name).toBeGreaterThan(10);
    }
    for (const name of METRIC_NAMES) {
      const svg = charts.get(`metric-${name}`) ?? '';
      expect(marks(svg, 'bar'), name).toBe(4);
      expect(marks(svg, 'errorbar'), name).toBe(4);
      expect(svg, name).toContain('(n=5)');
    }
    for (const name of ['daily-impulse_share', 'daily-mean_trust', 'daily-gmv']) {
      const svg = charts.get(name) ?? '';
      expect(marks(svg, 'line mark'), name).toBe(4);
      expect(marks(svg, 'point'), name).toBe(4 * 30);
      expect(marks(svg, 'legend'), name).toBe(1);
      for (const arm of ['default', 'cooling-off', 'budget-reminder', 'diverse-feed']) expect(svg, name).toContain(`>${arm}</text>`);
    }
    const fixture = compareFixture();
    for (const metric of fixture.metrics) {
      // A forest plot per metric: the three arms' paired differences, filled where Holm p < 0.05.
      const svg = charts.get(`difference-${metric.name}`) ?? '';
      const differences = Object.entries(metric.diffVsBaseline);
      expect(marks(svg, 'errorbar'), metric.name).toBe(3);
      expect(marks(svg, 'point'), metric.name).toBe(3);
      expect(svg.match(/aria-roledescription="point"[^>]*fill="white"/g)?.length ?? 0, metric.name).toBe(differences.filter(([, d]) => !(d.pHolm < 0.05)).length);
      for (const [arm, d] of differences) {
        expect(svg, `${metric.name} ${arm}`).toContain(`>${arm}</text>`);
        expect(svg, `${metric.name} ${arm}`).toMatch(new RegExp(`>${d.mean > 0 ? '\\+' : '-'}[0-9.,]+ \\[[^\\]]+\\]  p [=<] `));
      }
      expect(svg, metric.name).toContain('difference from default');
    }
    const frontier = charts.get('frontier') ?? '';
    expect(marks(frontier, 'point')).toBe(4);
    expect(marks(frontier, 'errorbar')).toBe(4 * 2); // a whisker each way per arm
    expect(marks(frontier, 'line mark')).toBe(1);
    for (const arm of ['default', 'cooling-off', 'budget-reminder', 'diverse-feed']) expect(frontier).toContain(`>${arm}</text>`);
  });

  it('is self-contained: no script, no external reference, ids unique on the page', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    const references = [...html.matchAll(/(?:href|src)="([^"]*)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference).toMatch(/^#[a-z]+$/);
    const urls = new Set(html.match(/https?:\/\/[^"\s]+/g));
    expect([...urls].sort()).toEqual(['http://www.w3.org/1999/xlink', 'http://www.w3.org/2000/svg']);
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const match of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(match[1]);
  });

  it('writes the table with every number formatted', () => {
    const rows = tableRows(html);
    expect(rows).toHaveLength(METRIC_NAMES.length * 5);
    expect(rows[0]).toEqual(['impulse_share — impulse purchases over all purchases']);
    expect(rows[1]).toEqual(['default', '0.4210', '[0.4090, 0.4330]', '5', 'baseline', '–', '–']);
    expect(rows[2]).toEqual(['cooling-off', '0.1830', '[0.1740, 0.1920]', '5', '-0.2380', '[-0.2429, -0.2330]', '< 0.001']);
    const revenue = rows.findIndex((row) => row[0].startsWith('net_revenue'));
    expect(rows[revenue + 1]).toEqual(['default', '1,254,300', '[1,238,100, 1,270,500]', '5', 'baseline', '–', '–']);
    expect(rows[revenue + 2]).toEqual(['cooling-off', '1,021,800', '[1,006,900, 1,036,700]', '5', '-232,500', '[-240,695, -224,305]', '< 0.001']);
    const welfare = rows.findIndex((row) => row[0].startsWith('consumer_welfare'));
    expect(rows[welfare + 2].slice(4)).toEqual(['+109,700', '[+104,915, +114,485]', '< 0.001']);
    // a difference whose interval spans zero and whose p is large is not bold
    expect(html).toMatch(/<td class="num">-0\.0030<\/td><td class="num">\[-0\.0063, \+0\.0003\]<\/td><td class="num">0\.610<\/td>/);
    expect(html).toMatch(/<td class="num significant">-0\.2380<\/td>/);
  });

  it('escapes arm names and titles everywhere', async () => {
    const data = compareFixture({ 'cooling-off': '<b>&x', default: 'base"line' });
    data.title = '<script>alert(1)</script> & more';
    const escaped = await renderCompareReport(data);
    expect(escaped).not.toContain('<b>&x');
    expect(escaped).not.toContain('<script>');
    expect(escaped).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</title>');
    expect(escaped).toContain('<td>&lt;b&gt;&amp;x</td>');
    expect(escaped).toContain('<td>base&quot;line</td>');
    expect(chartsByName(escaped).get('frontier')).toContain('>&lt;b&gt;&amp;x</text>');
  });

  it('gives the same bytes for the same data, whatever was drawn before', async () => {
    await renderSweepReport(sweepFixture());
    const again = await renderCompareReport(compareFixture());
    expect(again).toBe(html);
    const shuffled = compareFixture();
    shuffled.daily.reverse();
    shuffled.frontier.reverse();
    expect(await renderCompareReport(shuffled)).toBe(html);
  });

  it('shows missing values as a dash and still draws the other arms', async () => {
    const data = compareFixture();
    data.metrics[0].perArm['diverse-feed'] = { mean: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 };
    data.metrics[0].perArm['budget-reminder'] = { mean: 0.4, low: Number.NaN, high: Number.NaN, n: 1 };
    delete data.metrics[0].diffVsBaseline['diverse-feed'];
    const page = await renderCompareReport(data);
    const rows = tableRows(page);
    expect(rows[3]).toEqual(['budget-reminder', '0.4000', '–', '1', '-0.0240', '[-0.0300, -0.0179]', '< 0.001']);
    expect(rows[4]).toEqual(['diverse-feed', '–', '–', '0', '–', '–', '–']);
    const bars = chartsByName(page).get('metric-impulse_share') ?? '';
    expect(marks(bars, 'bar')).toBe(3);
    expect(marks(bars, 'errorbar')).toBe(2);
  });

  it('says so when there are no daily or frontier values', async () => {
    const page = await renderCompareReport({ ...compareFixture(), daily: [], frontier: [] });
    expect([...chartsByName(page).keys()]).toEqual([...METRIC_NAMES.map((name) => `difference-${name}`), ...METRIC_NAMES.map((name) => `metric-${name}`)]);
    expect(page).toContain('No daily values were supplied.');
    expect(page).toContain('No revenue and welfare values were supplied.');
  });

  it('refuses a baseline that is not an arm and duplicate arms', async () => {
    await expect(renderCompareReport({ ...compareFixture(), baseline: 'nope' })).rejects.toThrow('baseline "nope" is not one of the arms');
    const data = compareFixture();
    await expect(renderCompareReport({ ...data, arms: [...data.arms, 'default'] })).rejects.toThrow('arm "default" appears twice');
  });
});

describe('efficientArms', () => {
  const at = (arm: string, revenue: number, welfare: number) => ({
    arm,
    revenue: { mean: revenue, low: revenue, high: revenue, n: 3 },
    welfare: { mean: welfare, low: welfare, high: welfare, n: 3 },
  });

  it('keeps the arms no other arm beats on both revenue and welfare', () => {
    const arms = efficientArms([at('a', 10, 1), at('b', 8, 3), at('c', 7, 2), at('d', 10, 0), at('e', Number.NaN, 9)]);
    expect([...arms].sort()).toEqual(['a', 'b']);
  });

  it('keeps ties on both', () => {
    expect([...efficientArms([at('a', 5, 5), at('b', 5, 5)])].sort()).toEqual(['a', 'b']);
  });
});
