import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { summarize, type FileResult, type LintResults } from '../../src/diagnostics/types.js';
import { html, shownStatus } from '../../src/format/html.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { fixture } from '../helpers/lint.js';
import { formatterResults } from './mixed.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
/** Where the browser test writes its screenshots for a person to look at (CI keeps them as artifacts). */
const SCREENSHOTS = process.env['XXGK_SCREENSHOTS'] ?? join(tmpdir(), 'xxgk-html-screenshots');

/** Fixtures linted with cell snapshots, as the html format is given them. */
async function linted(...files: string[]): Promise<LintResults> {
  const results: FileResult[] = [];
  for (const file of files) results.push(await lintBytes(fixture(file), file, { cells: true }));
  return { files: results, summary: summarize(results) };
}

/** clean-2021.csv whose overview quotes 145 applications where table 三 has 140, three lines into the section. */
async function narrativeMismatch(): Promise<LintResults> {
  const text = new TextDecoder().decode(fixture('csv/clean-2021.csv')).split('\n');
  text.splice(1, 1, '2021年，本局认真贯彻落实《条例》。\r', '全年共收到政府信息公开申请145件，办结137件。\r');
  const result = await lintBytes(new TextEncoder().encode(text.join('\n')), 'narrative-2021.csv', { cells: true });
  return { files: [result], summary: summarize([result]) };
}

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
    expect(page).toMatch(
      /<td class="cell finding-error" data-pointer="\/applications\/granted\/total" data-findings="\d+( \d+)*" tabindex="0" title="总计">149<\/td>/,
    );
    // The one cell that would repair both failed sums is marked as wrong too; the other terms are only related.
    expect(page).toMatch(
      /<td class="cell finding-error" data-pointer="\/applications\/granted\/naturalPerson" data-findings="\d+ \d+" tabindex="0" title="自然人">121<\/td>/,
    );
    expect(page).toMatch(
      /<td class="cell related" data-pointer="\/applications\/granted\/commercial" data-findings="\d+" tabindex="0" title="商业企业">14<\/td>/,
    );
    expect(page).toContain('<h3>二、主动公开政府信息情况</h3>');
    expect(page).toContain('<th class="label" colspan="5">法人或其他组织</th>');
    expect(page).toContain('<th class="label" rowspan="22">三、本年度办理结果</th>');
    expect(page).toContain('finding-suppressed');
  });

  it('draws the rows the report printed: a 2021 report printing 2019’s single （六）其他处理 shows that row, marked, not three', async () => {
    const page = html(await linted('csv/legacy-other-2021.csv'), { locale: 'zh-CN', color: false });
    expect(page).not.toContain('/applications/otherNoCorrection/');
    expect(page).not.toContain('/applications/otherUnpaidFee/');
    expect(page).toContain('<th class="label" rowspan="20">三、本年度办理结果</th>');
    const row = /<tr class="legacy">(.*?)<\/tr>/u.exec(page)?.[1] ?? '';
    expect(row).toMatch(
      /^<th scope="row" class="label legacy" colspan="2" data-findings="0" tabindex="0" title="本报告印的是 2019 年模板的“（六）其他处理”一行（2021 年模板分为「1\.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」「2\.[^」]+」「3\.其他」）">（六）其他处理<span class="legacy-note">旧模板的行<\/span><\/th>/u,
    );
    // Its figures are the row's as printed, in the cells that carry them.
    expect(row).toContain('data-pointer="/applications/otherMisc/total" title="总计">5</td>');
    expect(page).toContain(
      '请改用 2021 年模板的行：「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请」「2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请」「3.其他」',
    );
  });

  it('says 错误 / 警告 / 提示 on a Chinese page and error / warning / info on an English one', async () => {
    const results = await formatterResults();
    const zh = html(results, { locale: 'zh-CN', color: false });
    expect(zh).toContain('<span class="badge error">错误</span>');
    expect(zh).toContain('<span class="badge warning">警告</span>');
    expect(zh).not.toMatch(/<span class="badge (?:error|warning|info)">(?:error|warning|info)<\/span>/u);
    const en = html(results, { locale: 'en', color: false });
    expect(en).toContain('<span class="badge error">error</span>');
  });

  it('shows a rule as failed only with an unsuppressed finding at error or warning level', () => {
    const at = (severity: 'error' | 'warning' | 'info', suppressed = false) => ({
      ruleId: 'r',
      severity,
      messageId: 'm',
      data: {},
      location: { file: 'f' },
      ...(suppressed ? { suppressed: { reason: 'x' } } : {}),
    });
    const run = { id: 'r', status: 'failed' as const };
    expect(shownStatus(run, [at('warning')])).toBe('failed');
    expect(shownStatus(run, [at('info')])).toBe('notes');
    expect(shownStatus(run, [at('error', true)])).toBe('waived');
    expect(shownStatus(run, [at('error', true), at('info')])).toBe('notes');
    expect(shownStatus({ id: 'r', status: 'passed' }, [])).toBe('passed');
  });

  it('quotes the sentence of each narrative finding and summarises many of one kind per section', async () => {
    const page = html(await linted('text/seed-2019.txt'), { locale: 'zh-CN', color: false });
    expect(page).toContain(
      '<blockquote class="quote">同時,著重對信息發(fā)布源頭進行審核和保密審查,在保護公安工作秘密不泄露,、公民個人隱私不受侵犯的前提下,以恰當?shù)男问街鲃庸_。</blockquote>',
    );
    // The pinyin left in the tables' cells: one entry with the count and the first three places.
    expect(page).toContain(
      '文中残留拼音注音，如“規(guī)范”：共 8 条（二、主动公开政府信息情况），前 3 处在 6:14、7:1、8:1',
    );
    expect(page).toContain(
      '文中残留拼音注音，如“規(guī)范”：共 10 条（三、收到和处理政府信息公开申请情况），前 3 处在 24:4、26:2、27:15',
    );
    expect(page).not.toContain('narrative-mixed-script</code><blockquote class="quote">同時');
    expect(page).toContain('narrative-garbled');
  });

  it('asks for CJK fonts by name, falls back to sans-serif, and prints the tables on A4', async () => {
    const page = html(await formatterResults(), { locale: 'zh-CN', color: false });
    expect(page).toContain(
      '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif',
    );
    expect(page).toContain('@page{size:A4;margin:12mm}');
    expect(page).toMatch(/@media print\{[^]*nav,#popup/u);
  });
});

// In CI a missing browser fails (chromium.launch throws); elsewhere the test is skipped with a warning below.
(haveChromium || process.env['CI'] ? describe : describe.skip)('html in headless Chromium', () => {
  let browser: Browser;
  let directory: string;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
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

  it('on a narrative mismatch, the table cell’s popup says the text and the table differ, with both figures', async () => {
    const file = join(directory, 'narrative.html');
    writeFileSync(file, html(await narrativeMismatch(), { locale: 'zh-CN', color: false }));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.locator('#file-0 td[data-pointer="/applications/new/total"]').click();
    const text = (await page.locator('#popup').textContent()) ?? '';
    expect(text).toContain('正文与表格不一致');
    expect(text).toContain('正文 145 · 表格 140');
    expect(text).not.toContain('应为');
    expect(text).toContain('全年共收到政府信息公开申请145件，办结137件。');
  }, 60_000);

  it('fits a 375 px phone (the tables scroll in their own box) and 1366 px; writes screenshots of both', async () => {
    const file = join(directory, 'seed.html');
    writeFileSync(
      file,
      html(await linted('text/seed-2019.txt', 'csv/legacy-other-2021.csv', 'csv/wrong-cell-2021.csv'), {
        locale: 'zh-CN',
        color: false,
      }),
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [375, 1366]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      const [scrollWidth, clientWidth] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        document.documentElement.clientWidth,
      ]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      await page.screenshot({ path: join(SCREENSHOTS, `html-report-${width}.png`), fullPage: false });
      await page.close();
    }
  }, 60_000);
});

if (!haveChromium) {
  console.warn(`html browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);
}
