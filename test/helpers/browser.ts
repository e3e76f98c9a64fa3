/**
 * Finds a headless Chromium for the report tests without a system install: `CHROMIUM_PATH` when set, Debian's
 * `/usr/bin/chromium` where it exists, and otherwise the build shipped inside the `@sparticuz/chromium` npm package,
 * so that `npm ci && npm test` passes on a machine that has nothing but Node. The package is pinned at 147.0.0, the
 * last release that supports Node 20.
 */
import { existsSync } from 'node:fs';
import bundledChromium from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';

/** Debian's browser, used where it is installed. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Where a browser came from, for the test's output. */
export type BrowserSource = 'CHROMIUM_PATH' | 'debian' | 'bundled';

/** A launched browser and where it came from. */
export interface ReportBrowser {
  browser: Browser;
  source: BrowserSource;
  executablePath: string;
  version: string;
}

/** Flags for a headless browser on a machine with a closed network (no background connections, no sandbox as root). */
const HEADLESS_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Which browser to launch. `systemBrowsers: false` skips `CHROMIUM_PATH` and Debian's browser, which is how a test
 * proves the npm-shipped fallback works on a machine that has a system browser too.
 */
export async function chooseBrowser(options: { systemBrowsers: boolean }): Promise<{ source: BrowserSource; executablePath: string; args: string[] }> {
  if (options.systemBrowsers) {
    const fromEnvironment = process.env.CHROMIUM_PATH;
    if (fromEnvironment !== undefined && fromEnvironment !== '') {
      if (!existsSync(fromEnvironment)) throw new Error(`CHROMIUM_PATH=${fromEnvironment}: no such file`);
      return { source: 'CHROMIUM_PATH', executablePath: fromEnvironment, args: HEADLESS_FLAGS };
    }
    if (existsSync(DEBIAN_CHROMIUM)) return { source: 'debian', executablePath: DEBIAN_CHROMIUM, args: HEADLESS_FLAGS };
  }
  // The package unpacks its browser into the temporary folder on first use and reuses it afterwards. Its
  // serverless flags run everything in one process, where closing a page ends the browser: a test opens several.
  const executablePath = await bundledChromium.executablePath();
  const serverlessFlags = bundledChromium.args.filter((flag) => flag !== '--single-process');
  return { source: 'bundled', executablePath, args: [...new Set([...serverlessFlags, ...HEADLESS_FLAGS.filter((flag) => flag !== '--headless')])] };
}

/** Launches the chosen browser. */
export async function launchReportBrowser(options: { systemBrowsers: boolean }): Promise<ReportBrowser> {
  const choice = await chooseBrowser(options);
  const browser = await chromium.launch({ executablePath: choice.executablePath, args: choice.args, headless: true });
  return { browser, source: choice.source, executablePath: choice.executablePath, version: browser.version() };
}
