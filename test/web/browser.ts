import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository's root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built page the tests open: `npm run build` (and so `npm test`) writes it. */
export const PAGE = join(ROOT, 'dist/web/index.html');
/** Where the tests write screenshots for a person to look at (.ci/run prints the folder). */
export const SCREENSHOTS = process.env['XXGK_SCREENSHOTS'] ?? join(ROOT, 'artifacts/screenshots');
/** The browser: CHROMIUM_PATH, else Debian's chromium. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Starts headless Chromium; a missing browser or an unbuilt page is a failure, never a skip. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  if (!existsSync(PAGE)) throw new Error(`${PAGE} is missing: run npm run build`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=zh-CN',
    ],
  });
}

/** An opened page and what it did that it must not: script and console errors, and requests leaving the file. */
export interface OpenedPage {
  page: Page;
  errors: string[];
  requests: string[];
}

/** Opens the built page from its file (as a person opens a downloaded page) at a viewport width, waiting for its ready signal. */
export async function openPage(browser: Browser, width = 1366, height = 900, query = ''): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true, locale: 'zh-CN' });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // A load the Content-Security-Policy blocks makes no request, only a console error: count those too.
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => {
    if (!/^(file|blob|data):/u.test(request.url())) requests.push(request.url());
  });
  await page.goto(pathToFileURL(PAGE).href + query);
  await page.waitForSelector('html[data-ready="true"]');
  return { page, errors, requests };
}

/** Waits until the page shows the result of the report named `name` (its facts line starts with the name). */
export async function waitForResult(page: Page, name: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((file) => document.getElementById('facts')?.textContent?.startsWith(file) === true, name, {
    timeout,
  });
}

/** Picks a file with the page's file input. */
export async function pickFile(page: Page, path: string): Promise<void> {
  await page.setInputFiles('#file', path);
  await waitForResult(page, path.replace(/^.*\//u, ''));
}
