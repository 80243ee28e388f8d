import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { html } from '../../src/format/html.js';
import { formatterResults } from './mixed.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);

describe('html (as text)', () => {
  it('is one self-contained page: no external resource', async () => {
    const page = html(await formatterResults(), { locale: 'zh-CN', color: false });
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
    expect(page).not.toMatch(/@import|url\(/);
    expect(page).toMatchSnapshot();
  });

  it('marks the wrong cell, the cells of the failed sum, and draws every table of the template', async () => {
    const page = html(await formatterResults(), { locale: 'en', color: false });
    expect(page).toMatch(/<td class="cell finding-error" data-pointer="\/applications\/granted\/total" data-findings="\d+( \d+)*" tabindex="0" title="总计">149<\/td>/);
    // The one cell that would repair both failed sums is marked as wrong too; the other terms are only related.
    expect(page).toMatch(/<td class="cell finding-error" data-pointer="\/applications\/granted\/naturalPerson" data-findings="\d+ \d+" tabindex="0" title="自然人">121<\/td>/);
    expect(page).toMatch(/<td class="cell related" data-pointer="\/applications\/granted\/commercial" data-findings="\d+" tabindex="0" title="商业企业">14<\/td>/);
    expect(page).toContain('<h3>二、主动公开政府信息情况</h3>');
    expect(page).toContain('<th scope="colgroup" colspan="5">法人或其他组织</th>');
    expect(page).toContain('finding-suppressed');
  });
});

(haveChromium ? describe : describe.skip)('html in headless Chromium', () => {
  let browser: Browser;
  let directory: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    directory = mkdtempSync(join(tmpdir(), 'xxgk-html-'));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('shows the highlighted cells and, on a click, their findings with expected and actual values; makes no request', async () => {
    const file = join(directory, 'report.html');
    writeFileSync(file, html(await formatterResults(), { locale: 'zh-CN', color: false }));
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);

    const wrong = page.locator('#file-0 td.finding-error');
    expect(await wrong.count()).toBeGreaterThanOrEqual(3);
    const cell = page.locator('#file-0 td[data-pointer="/applications/granted/total"]');
    expect(await cell.textContent()).toBe('149');
    const background = await cell.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe('rgb(253, 224, 220)');

    const popup = page.locator('#popup');
    expect(await popup.isVisible()).toBe(false);
    await cell.click();
    expect(await popup.isVisible()).toBe(true);
    const text = (await popup.textContent()) ?? '';
    expect(text).toContain('应为六类申请人之和 150');
    expect(text).toContain('应为 150');
    expect(text).toContain('实际 149');
    expect(text).toContain('applications-row-total');

    await page.locator('h1').click();
    expect(await popup.isVisible()).toBe(false);
    await page.locator('#file-0 td[data-pointer="/reviewLitigation/review/total"]').hover();
    expect(await popup.textContent()).toContain('review-litigation-total');

    const statuses = await page.locator('#file-0 table.rules tr.status-failed td:first-child').allTextContents();
    expect(statuses).toEqual(expect.arrayContaining(['applications-row-total', 'review-litigation-total']));
    expect(await page.locator('#file-3 .file-error').textContent()).toContain('JSON 格式错误');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 60_000);
});

if (!haveChromium) {
  // eslint-disable-next-line no-console
  console.warn(`html browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);
}
