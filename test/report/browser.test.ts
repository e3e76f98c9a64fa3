/**
 * Opens the reports in headless Chromium from Debian's `chromium` package (no browser is downloaded), checks what a
 * reader would see, and leaves full-page screenshots in a temporary folder whose path is printed.
 */
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCompareReport } from '../../sim/report/compareReport.js';
import { renderSensitivityReport } from '../../sim/report/sensitivityReport.js';
import { renderSweepReport } from '../../sim/report/sweepReport.js';
import { compareFixture, sensitivityFixture, sweepFixture } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 900 };

/** Launches Debian's Chromium, or fails saying how to get it: this test is never skipped. */
async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the report's browser test needs Debian's Chromium; install it with "apt-get install chromium" (.ci/run does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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

function expectReadablePage(check: PageCheck, file: string, expectedCharts: string[]): void {
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
    expect(chart.marks, chart.name).toBeGreaterThan(3);
    expect(chart.inside, chart.name).toBe(true);
  }
  expect(check.pageWidth).toBeLessThanOrEqual(VIEWPORT.width);
  expect(statSync(check.screenshot).size).toBeGreaterThan(50_000);
}

describe('reports in headless Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mallsim-report-'));
  // Launched by the first test that needs it rather than in a hook, so a missing Chromium fails each test
  // with its message instead of showing the tests as skipped.
  let launched: Promise<Browser> | undefined;
  const browserForTest = (): Promise<Browser> => (launched ??= launchChromium());

  afterAll(async () => {
    const browser = await launched?.catch(() => undefined);
    await browser?.close();
  });

  it('opens the compare report offline with every chart drawn', async () => {
    const data = compareFixture();
    const file = join(folder, 'compare.html');
    writeFileSync(file, await renderCompareReport(data));
    const check = await openReport(await browserForTest(), file, join(folder, 'compare.png'));
    const expected = ['frontier', ...data.metrics.map((metric) => `metric-${metric.name}`), 'daily-impulse_share', 'daily-mean_trust', 'daily-gmv'];
    expectReadablePage(check, file, expected);
    console.log(`compare report screenshot: ${check.screenshot} (page opened and checked in ${check.seconds.toFixed(2)} s)`);
  });

  it('opens the sweep report offline with every chart drawn', async () => {
    const data = sweepFixture();
    const file = join(folder, 'sweep.html');
    writeFileSync(file, await renderSweepReport(data));
    const check = await openReport(await browserForTest(), file, join(folder, 'sweep.png'));
    expectReadablePage(check, file, data.metrics.map((metric) => `sweep-${metric.name}`));
    console.log(`sweep report screenshot: ${check.screenshot} (page opened and checked in ${check.seconds.toFixed(2)} s)`);
  });

  for (const method of ['morris', 'sobol'] as const) {
    it(`opens the ${method} sensitivity report offline with every chart drawn`, async () => {
      const data = sensitivityFixture(method);
      const file = join(folder, `sensitivity-${method}.html`);
      writeFileSync(file, await renderSensitivityReport(data));
      const check = await openReport(await browserForTest(), file, join(folder, `sensitivity-${method}.png`));
      expectReadablePage(check, file, data.metrics.map((metric) => `sensitivity-${metric.name}`));
      console.log(`${method} sensitivity report screenshot: ${check.screenshot} (page opened and checked in ${check.seconds.toFixed(2)} s)`);
    });
  }
});
