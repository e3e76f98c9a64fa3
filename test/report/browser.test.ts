/**
 * Opens the reports in headless Chromium (CHROMIUM_PATH, Debian's browser, or the one shipped in the
 * `@sparticuz/chromium` npm package: nothing is downloaded), checks what a reader would see, and leaves full-page
 * screenshots in a temporary folder whose path is printed. One more test opens a report in the npm-shipped browser
 * with the system browsers hidden, so the fresh-machine path is proved on every machine.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCompareReport } from '../../sim/report/compareReport.js';
import { renderSensitivityReport } from '../../sim/report/sensitivityReport.js';
import { renderSweepReport } from '../../sim/report/sweepReport.js';
import { renderRunReport } from '../../sim/report/runReport.js';
import { readRunReportData } from '../../sim/output/runReportData.js';
import { runScenario } from '../../sim/run.js';
import { loadScenario } from '../../sim/scenario/load.js';

const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
import { launchReportBrowser, type ReportBrowser } from '../helpers/browser.js';
import { compareFixture, runReportCharts, segmentCompareFixture, segmentSweepFixture, sensitivityFixture, sweepFixture } from './fixtures.js';

const VIEWPORT = { width: 1280, height: 900 };

/** Launches a browser and says which one ran; a launch failure fails the test that needed it (never a skip). */
async function launchAndName(systemBrowsers: boolean): Promise<ReportBrowser> {
  const launched = await launchReportBrowser({ systemBrowsers });
  console.log(`report browser: ${launched.source} Chromium ${launched.version} at ${launched.executablePath}`);
  return launched;
}

interface ChartBox {
  name: string;
  heading: string;
  width: number;
  height: number;
  svgWidth: number;
  svgHeight: number;
  /** Drawn items: paths and texts inside Vega's mark groups. */
  marks: number;
  /** Whether the svg stays inside its container (nothing cut off or spilling over). */
  inside: boolean;
}

interface PageCheck {
  charts: ChartBox[];
  problems: string[];
  requests: string[];
  pageWidth: number;
  screenshot: string;
  seconds: number;
}

/** Opens a report file, gathers what the reader sees and any error, and takes a full-page screenshot. */
async function openReport(browser: Browser, file: string, screenshot: string): Promise<PageCheck> {
  const started = performance.now();
  const page = await browser.newPage({ viewport: VIEWPORT });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed request: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('request', (request) => requests.push(request.url()));
  const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  if (!response?.ok()) problems.push(`page did not load: ${response?.status()}`);
  const charts: ChartBox[] = [];
  for (const element of await page.locator('[data-chart]').all()) {
    const box = await element.boundingBox();
    const svg = element.locator('svg');
    const svgBox = (await svg.count()) === 1 ? await svg.boundingBox() : null;
    charts.push({
      name: (await element.getAttribute('data-chart')) ?? '',
      heading: (await element.locator('h3').textContent()) ?? '',
      width: box?.width ?? 0,
      height: box?.height ?? 0,
      svgWidth: svgBox?.width ?? 0,
      svgHeight: svgBox?.height ?? 0,
      marks: await svg.locator('.role-mark path, .role-mark text').count(),
      inside: box !== null && svgBox !== null && svgBox.x >= box.x && svgBox.x + svgBox.width <= box.x + box.width + 0.5,
    });
  }
  // A string, not a function: the project compiles without the DOM library.
  const pageWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.close();
  return { charts, problems, requests, pageWidth, screenshot, seconds: (performance.now() - started) / 1000 };
}

/** `leastMarks` gives the fewest drawn items a chart may have (a histogram of rare events can have two bars). */
function expectReadablePage(check: PageCheck, file: string, expectedCharts: string[], leastMarks: (chart: string) => number = () => 4): void {
  expect(check.problems).toEqual([]);
  // The report itself is the only thing the page asks for: no font, style, script or image from anywhere.
  expect(check.requests).toEqual([pathToFileURL(file).href]);
  expect(check.charts.map((chart) => chart.name)).toEqual(expectedCharts);
  for (const chart of check.charts) {
    expect(chart.heading.length, chart.name).toBeGreaterThan(0);
    expect(chart.width, chart.name).toBeGreaterThan(200);
    expect(chart.height, chart.name).toBeGreaterThan(150);
    expect(chart.svgWidth, chart.name).toBeGreaterThan(200);
    expect(chart.svgHeight, chart.name).toBeGreaterThan(100);
    expect(chart.marks, chart.name).toBeGreaterThanOrEqual(leastMarks(chart.name));
    expect(chart.inside, chart.name).toBe(true);
  }
  expect(check.pageWidth).toBeLessThanOrEqual(VIEWPORT.width);
  expect(statSync(check.screenshot).size).toBeGreaterThan(50_000);
}

/** The charts of a compare report: differences, the frontier, each arm's metrics, then the daily series. */
function compareReportCharts(data: ReturnType<typeof compareFixture>): string[] {
  return [...data.metrics.map((metric) => `difference-${metric.name}`), 'frontier', ...data.metrics.map((metric) => `metric-${metric.name}`), 'daily-impulse_share', 'daily-mean_trust', 'daily-gmv'];
}

describe('reports in headless Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mallsim-report-'));
  // Launched by the first test that needs it rather than in a hook, so a missing Chromium fails each test
  // with its message instead of showing the tests as skipped.
  let launched: Promise<ReportBrowser> | undefined;
  const browserForTest = async (): Promise<Browser> => (await (launched ??= launchAndName(true))).browser;
  /** Writes a report page as `<name>.html` in the test folder and opens it, keeping a screenshot as `<name>.png`. */
  const openPage = async (name: string, html: string, browser?: Browser): Promise<{ file: string; check: PageCheck }> => {
    const file = join(folder, `${name}.html`);
    writeFileSync(file, html);
    return { file, check: await openReport(browser ?? (await browserForTest()), file, join(folder, `${name}.png`)) };
  };

  afterAll(async () => {
    const chosen = await launched?.catch(() => undefined);
    await chosen?.browser.close();
  });

  it('opens a report in the npm-shipped browser with the system browsers hidden (the fresh-machine path)', async () => {
    const bundled = await launchAndName(false);
    try {
      expect(bundled.source).toBe('bundled');
      const data = compareFixture();
      const { file, check } = await openPage('compare-bundled', await renderCompareReport(data), bundled.browser);
      const expected = compareReportCharts(data);
      expectReadablePage(check, file, expected);
    } finally {
      await bundled.browser.close();
    }
  });

  it('opens the compare report offline with every chart drawn', async () => {
    const data = compareFixture();
    const { file, check } = await openPage('compare', await renderCompareReport(data));
    const expected = compareReportCharts(data);
    expectReadablePage(check, file, expected);
    console.log(`compare report screenshot: ${check.screenshot} (page opened and checked in ${check.seconds.toFixed(2)} s)`);
  });

  it('opens a compare --by segment report with one chart per metric by segment, every chart drawn', async () => {
    const data = segmentCompareFixture();
    const { file, check } = await openPage('compare-segments', await renderCompareReport(data));
    const whole = data.metrics.filter((metric) => !metric.name.includes('@')).map((metric) => `metric-${metric.name}`);
    const differences = data.metrics.filter((metric) => !metric.name.includes('@')).map((metric) => `difference-${metric.name}`);
    const expected = [...differences, 'frontier', ...whole, 'segments-impulse_share', 'segments-regret_buyer_share', 'daily-impulse_share', 'daily-mean_trust', 'daily-gmv'];
    expectReadablePage(check, file, expected);
    // Three segments times four arms: at least twelve bars in each segment chart.
    for (const chart of check.charts.filter((c) => c.name.startsWith('segments-'))) expect(chart.marks, chart.name).toBeGreaterThanOrEqual(12);
    console.log(`compare by segment screenshot: ${check.screenshot}`);
  });

  it('opens the report of a run with two replications offline with every chart drawn', async () => {
    const scenario = loadScenario(DEFAULT_SCENARIO, { overrides: ['population.size=1000', 'run.days=12', 'catalog.items=400'] }).scenario;
    const results = runScenario(scenario, { replications: 2, out: join(folder, 'run') });
    const data = readRunReportData(results.folder);
    const { file, check } = await openPage('run', await renderRunReport(data));
    const expected = runReportCharts(data);
    // A histogram of regrets in a short run may have two bars (none, one), the concentration chart one line per
    // replication; every other chart has many marks.
    expectReadablePage(check, file, expected, (chart) => (chart.startsWith('consumers-') || chart === 'concentration' ? 2 : 4));
    console.log(`run report screenshot: ${check.screenshot} (page opened and checked in ${check.seconds.toFixed(2)} s)`);
  });

  it('opens a sweep --by segment report with one chart per metric by segment, every chart drawn', async () => {
    const data = segmentSweepFixture();
    const { file, check } = await openPage('sweep-segments', await renderSweepReport(data));
    const whole = data.metrics.filter((metric) => !metric.name.includes('@')).map((metric) => `sweep-${metric.name}`);
    expectReadablePage(check, file, [...whole, 'sweep-segments-impulse_share', 'sweep-segments-churn_share']);
  });

  it('opens the sweep report offline with every chart drawn', async () => {
    const data = sweepFixture();
    const { file, check } = await openPage('sweep', await renderSweepReport(data));
    expectReadablePage(check, file, data.metrics.map((metric) => `sweep-${metric.name}`));
    console.log(`sweep report screenshot: ${check.screenshot} (page opened and checked in ${check.seconds.toFixed(2)} s)`);
  });

  for (const method of ['morris', 'sobol'] as const) {
    it(`opens the ${method} sensitivity report offline with every chart drawn`, async () => {
      const data = sensitivityFixture(method);
      const { file, check } = await openPage(`sensitivity-${method}`, await renderSensitivityReport(data));
      expectReadablePage(check, file, data.metrics.map((metric) => `sensitivity-${metric.name}`));
      console.log(`${method} sensitivity report screenshot: ${check.screenshot} (page opened and checked in ${check.seconds.toFixed(2)} s)`);
    });
  }
});
