import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { lint } from '../../src/web/core.js';
import {
  PAGE,
  ROOT,
  SCREENSHOTS,
  launchBrowser,
  openPage,
  pickFile,
  waitForResult,
  type OpenedPage,
} from './browser.js';

// The page is opened from its file (file://), as a person opens a page they downloaded or `xxgk-lint web -o` wrote:
// the page must work with no server at all, and `xxgk-lint web --port` only serves these same bytes (the first test
// checks both commands once, through the browser).

const SEED = join(ROOT, 'fixtures/text/seed-2019.txt');
const HONGZE = join(ROOT, 'fixtures/pdf/hongze-2023.pdf');
const WRONG_CELL = join(ROOT, 'fixtures/csv/wrong-cell-2021.csv');
const REVIEW_TOTAL = '/reviewLitigation/review/total';
const AFTER_REVIEW_TOTAL = '/reviewLitigation/litigationAfterReview/total';

let browser: Browser;
const opened: OpenedPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  // No page may throw or reach the network: a draft never leaves the computer.
  for (const { errors, requests } of opened.splice(0)) {
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }
});

async function open(width = 1366, height = 900, query = ''): Promise<Page> {
  const page = await openPage(browser, width, height, query);
  opened.push(page);
  return page.page;
}

/** Drops a file on the page as a file manager does: a drop event carrying the file. */
async function dropFile(page: Page, path: string, type: string): Promise<void> {
  const name = path.replace(/^.*\//u, '');
  const dataTransfer = await page.evaluateHandle(
    ({ base64, fileName, mime }) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type: mime }));
      return transfer;
    },
    { base64: readFileSync(path).toString('base64'), fileName: name, mime: type },
  );
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
  await waitForResult(page, name);
}

/** The drawn cells marked as errors (in one table, or all): pointer, value shown and the hint under it. */
async function errorCells(page: Page, table?: string): Promise<string[][]> {
  return page.$$eval(`${table ? `table[data-table="${table}"] ` : ''}td.cell.finding-error`, (cells) =>
    cells.map((cell) => [
      (cell as HTMLElement).dataset['pointer']!,
      cell.querySelector('input')!.value,
      cell.querySelector('.hint')!.textContent ?? '',
    ]),
  );
}

/** What the tests read of a FileResult inside the page. */
interface FileLike {
  error?: { messageId: string };
  diagnostics: Array<{ ruleId: string; severity: string }>;
}

const cellInput = (page: Page, pointer: string) => page.locator(`td.cell[data-pointer="${pointer}"] input`);

describe('the web page in headless Chromium', () => {
  it('xxgk-lint web -o writes the built page, and xxgk-lint web --port serves it on 127.0.0.1 to a browser until stopped', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'xxgk-web-'));
    const bin = join(ROOT, 'bin/xxgk-lint.js');
    let server: ChildProcess | undefined;
    try {
      const written = join(directory, 'page.html');
      const code = await new Promise<number | null>((resolve) =>
        spawn(process.execPath, [bin, 'web', '-o', written], { stdio: 'ignore' }).on('exit', resolve),
      );
      expect(code).toBe(0);
      expect(readFileSync(written).equals(readFileSync(PAGE))).toBe(true);

      const serving = spawn(process.execPath, [bin, 'web', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      server = serving;
      const exited = new Promise<number | null>((resolve) => serving.on('exit', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        serving.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const found = /http:\/\/127\.0\.0\.1:\d+\//u.exec(out);
          if (found) resolve(found[0]);
        });
        serving.on('exit', () => reject(new Error(`xxgk-lint web ended before serving: ${out}`)));
      });
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
      await page.waitForSelector('html[data-ready="true"]');
      await page.fill('#paste', readFileSync(SEED, 'utf8'));
      await page.click('#check-paste');
      await waitForResult(page, 'pasted.txt');
      expect(await page.locator('#summary').getAttribute('data-errors')).toBe('0');
      expect(errors).toEqual([]);
      await page.close();
      serving.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);

  it('pasted seed text: the summary shows 0 errors and no cell is marked as an error', async () => {
    const page = await open();
    await page.fill('#paste', readFileSync(SEED, 'utf8'));
    await page.click('#check-paste');
    await waitForResult(page, 'pasted.txt');
    const summary = page.locator('#summary');
    expect(await summary.getAttribute('data-errors')).toBe('0');
    expect(await summary.textContent()).toMatch(/（0 个错误，\d+ 个警告，\d+ 条提示）$/u);
    expect(await page.locator('#facts').textContent()).toContain('模板 2019');
    expect(await page.locator('td.cell').count()).toBeGreaterThan(100);
    expect(await errorCells(page)).toEqual([]);
    // The narrative findings quote their sentence; many of one kind in one section are one entry, each behind a toggle.
    expect(await page.locator('#other li[data-rule] blockquote.sentence').count()).toBeGreaterThan(0);
    const group = page.locator('#other > ul > li.group[data-rule="narrative-pinyin"]').first();
    expect(await group.locator('> div .message').textContent()).toMatch(
      /^文中残留拼音注音，如“規\(guī\)范”：共 \d+ 条（.+），前 3 处在 \d+:\d+、\d+:\d+、\d+:\d+$/u,
    );
    const count = Number(await group.getAttribute('data-count'));
    expect(count).toBeGreaterThanOrEqual(3);
    expect(await group.locator('details li').first().isVisible()).toBe(false);
    await group.locator('summary').click();
    expect(await group.locator('details li:visible').count()).toBe(count);
    // An edit checks again and redraws the findings: the opened group stays open.
    await cellInput(page, '/applications/granted/total').fill('999');
    expect(await page.locator('#summary').getAttribute('data-errors')).not.toBe('0');
    expect(
      await page.locator('#other > ul > li.group[data-rule="narrative-pinyin"] details li:visible').count(),
    ).toBeGreaterThanOrEqual(count);
    const shown = await page.locator('#other > ul > li').count();
    const all = await page.evaluate(
      () =>
        (
          window as unknown as { xxgk: { state: { loaded: { result: { diagnostics: Array<{ cell?: unknown }> } } } } }
        ).xxgk.state.loaded.result.diagnostics.filter((diagnostic) => !diagnostic.cell).length,
    );
    expect(shown).toBeLessThan(all);
  }, 60_000);

  it('dropped hongze-2023.pdf: the two 表四 总计 cells are marked, showing 0 as written and 应为 11 and 应为 5', async () => {
    const page = await open();
    await dropFile(page, HONGZE, 'application/pdf');
    expect(await page.locator('#summary').textContent()).toBe('3 个问题（3 个错误，0 个警告，0 条提示）');
    expect(await errorCells(page, 'reviewLitigation')).toEqual([
      [REVIEW_TOTAL, '0', '应为 11'],
      [AFTER_REVIEW_TOTAL, '0', '应为 5'],
    ]);
    // The terms of the failed sums are marked too (dashed).
    expect(await page.locator('td.cell.related[data-pointer="/reviewLitigation/review/upheld"]').count()).toBe(1);
    expect(await page.locator('#other li[data-rule="mixed-template"]').textContent()).toContain('（六）其他处理');
    // The 2019 row the 2021 report printed is drawn as printed, its label noted and its cells marked with that finding.
    const legacy = page.locator('table[data-table="applications"] tr.legacy');
    expect(await legacy.locator('th.label').textContent()).toBe('（六）其他处理旧模板的行');
    expect((await errorCells(page, 'applications')).map(([pointer, value]) => `${pointer} ${value}`)).toEqual(
      ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'].map(
        (column) => `/applications/otherHandling/${column} 0`,
      ),
    );
    await page.click('td.cell[data-pointer="/applications/otherHandling/total"]');
    expect(await page.locator('#detail-body').textContent()).toMatch(
      /^原文: 0错误 三、收到和处理政府信息公开申请情况中的「（六）其他处理」是 2019 年模板的行/u,
    );

    await page.click(`td.cell[data-pointer="${REVIEW_TOTAL}"]`);
    const detail = page.locator('#detail');
    expect(await detail.isVisible()).toBe(true);
    expect(await page.locator('#detail-title').textContent()).toBe('表四「行政复议」「总计」');
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain('应为 11 · 实际 0 · 相差 -11');
    expect(text).toContain('review-litigation-total');

    // The one-cell repair writes 11 and checks again: the cell is no longer marked.
    await page.click('#detail button.repair');
    expect(await cellInput(page, REVIEW_TOTAL).inputValue()).toBe('11');
    expect(await errorCells(page, 'reviewLitigation')).toEqual([[AFTER_REVIEW_TOTAL, '0', '应为 5']]);
    expect(await page.locator('#summary').getAttribute('data-errors')).toBe('2');
  }, 90_000);

  it('a figure of the text that the table contradicts: the cell’s panel says the two differ, with both figures and the sentence', async () => {
    const page = await open();
    const lines = readFileSync(join(ROOT, 'fixtures/csv/clean-2021.csv'), 'utf8').split('\n');
    lines.splice(1, 1, '2021年，本局认真贯彻落实《条例》。\r', '全年共收到政府信息公开申请145件，办结137件。\r');
    await page.setInputFiles('#file', {
      name: 'narrative-2021.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n'), 'utf8'),
    });
    await waitForResult(page, 'narrative-2021.csv');
    const cell = page.locator('td.cell[data-pointer="/applications/new/total"]');
    expect(await cell.getAttribute('data-severity')).not.toBeNull();
    expect(await cell.locator('.hint').textContent()).toBe('');
    await cell.click();
    const text = (await page.locator('#detail-body').textContent()) ?? '';
    expect(text).toContain('正文与表格不一致：总体情况写“共收到政府信息公开申请145件”（145），本格为 140。');
    expect(text).toContain('正文 145 · 表格 140');
    expect(text).toContain('全年共收到政府信息公开申请145件，办结137件。');
    expect(text).not.toContain('应为');
    expect(await page.locator('#other li[data-rule="narrative-figures"] .numbers').textContent()).toBe(
      '正文 145 · 表格 140',
    );
  }, 60_000);

  it('blank 2021 template: a wrong figure typed into a drawn cell is marked at once, and re-checked on each edit', async () => {
    const page = await open();
    await page.click('button[data-template="2021"]');
    await waitForResult(page, 'blank-2021.json');
    expect(await page.locator('#summary').getAttribute('data-errors')).toBe('0');
    expect(await cellInput(page, '/applications/new/naturalPerson').inputValue()).toBe('');

    await cellInput(page, '/applications/new/naturalPerson').click();
    await page.keyboard.type('5');
    await cellInput(page, '/applications/new/total').click();
    await page.keyboard.type('7');
    const total = page.locator('td.cell[data-pointer="/applications/new/total"]');
    expect(await total.getAttribute('class')).toContain('finding-error');
    expect(await total.locator('.hint').textContent()).toBe('应为 5');
    const detail = (await page.locator('#detail').textContent()) ?? '';
    expect(detail).toContain('应为六类申请人之和 5');
    expect(detail).toContain('applications-row-total');

    // Correcting the total (7 → 5) takes the row-total finding away.
    await page.keyboard.press('Backspace');
    await page.keyboard.type('5');
    expect(await total.locator('.hint').textContent()).not.toBe('应为 5');
    expect(await page.locator('#detail').textContent()).not.toContain('applications-row-total');
    expect(await page.locator('#timing').textContent()).toMatch(/^上次检查用时 \d+\.\d 毫秒$/u);

    // The 2019 template draws its own tables.
    await page.click('button[data-template="2019"]');
    await waitForResult(page, 'blank-2019.json');
    expect(await page.locator('#facts').textContent()).toBe('blank-2019.json · 格式 json · 模板 2019');
    expect(await page.locator('td.cell').count()).toBeGreaterThan(150);
    expect(await page.locator('#summary').getAttribute('data-errors')).toBe('0');
  }, 60_000);

  it('keyboard: Tab reaches a cell and opens its findings; Esc closes them, Enter opens them again; Enter moves on and opens the next; typing edits and re-checks', async () => {
    const page = await open();
    await pickFile(page, HONGZE);
    await page.locator('h1').click();
    let reached = false;
    for (let press = 0; press < 40 && !reached; press += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => document.activeElement?.closest('td.cell') !== null && document.activeElement?.tagName === 'INPUT',
      );
    }
    expect(reached).toBe(true);
    expect(await page.locator('#detail').isVisible()).toBe(true);
    expect(await page.locator('#detail-title').textContent()).toMatch(/^表二/u);
    await page.keyboard.press('Escape');
    expect(await page.locator('#detail').isVisible()).toBe(false);
    const first = await page.evaluate(() => document.activeElement?.closest('td')?.dataset['pointer']);
    await page.keyboard.press('Enter');
    expect(await page.locator('#detail').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.closest('td')?.dataset['pointer'])).toBe(first);

    await cellInput(page, '/reviewLitigation/review/upheld').focus();
    for (let press = 0; press < 4; press += 1) await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.closest('td')?.dataset['pointer'])).toBe(REVIEW_TOTAL);
    expect(await page.locator('#detail').isVisible()).toBe(true);
    expect(await page.locator('#detail').textContent()).toContain('应为 11');

    // Enter selected the cell's text: typing replaces it.
    await page.keyboard.type('11');
    expect(await cellInput(page, REVIEW_TOTAL).inputValue()).toBe('11');
    expect(await errorCells(page, 'reviewLitigation')).toEqual([[AFTER_REVIEW_TOTAL, '0', '应为 5']]);
    expect(await page.locator('#detail').textContent()).toContain('此格没有问题。');
  }, 90_000);

  it('the English switch changes the words and the messages, and switches back', async () => {
    const page = await open();
    await pickFile(page, HONGZE);
    await page.click(`td.cell[data-pointer="${REVIEW_TOTAL}"]`);
    await page.click('#locale');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#summary').textContent()).toBe('3 problem(s) (3 error(s), 0 warning(s), 0 info)');
    expect(await page.locator('#locale').textContent()).toBe('中文');
    expect(await page.locator(`td.cell[data-pointer="${REVIEW_TOTAL}"] .hint`).textContent()).toBe('should be 11');
    const message = (await page.locator('#other li[data-rule="mixed-template"] .message').textContent()) ?? '';
    expect(message).toContain('is a row of the 2019 template, not of the 2021 template');
    expect(message).not.toContain('年模板的行');
    expect(await page.locator('#detail').textContent()).toContain('expected 11 · found 0 · difference -11');
    await page.click('#locale');
    expect(await page.locator('#summary').textContent()).toBe('3 个问题（3 个错误，0 个警告，0 条提示）');

    // ?lang=en opens the page in English.
    const english = await open(1366, 900, '?lang=en');
    expect(await english.locator('h1').textContent()).not.toMatch(/[\u4e00-\u9fff]/u);
    expect(await english.evaluate(() => document.documentElement.lang)).toBe('en');
  }, 90_000);

  it('downloads the findings and the corrected report (JSON, HTML, canonical JSON, CSV, xlsx, docx) under sensible names', async () => {
    const page = await open();
    await pickFile(page, WRONG_CELL);
    expect(await page.locator('#summary').getAttribute('data-errors')).toBe('2');
    await page.click('td.cell[data-pointer="/applications/partlyGranted/total"]');
    await page.click('#detail button.repair');
    expect(await cellInput(page, '/applications/partlyGranted/naturalPerson').inputValue()).toBe('10');
    expect(await page.locator('#summary').getAttribute('data-errors')).toBe('0');

    const files = new Map<string, Buffer>();
    for (const kind of ['lint', 'html', 'json', 'csv', 'xlsx', 'docx']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`button[data-download="${kind}"]`),
      ]);
      const path = await download.path();
      files.set(download.suggestedFilename(), readFileSync(path));
    }
    expect([...files.keys()]).toEqual([
      'wrong-cell-2021.lint.json',
      'wrong-cell-2021.lint.html',
      'wrong-cell-2021.json',
      'wrong-cell-2021.csv',
      'wrong-cell-2021.xlsx',
      'wrong-cell-2021.docx',
    ]);
    for (const bytes of files.values()) expect(bytes.length).toBeGreaterThan(200);

    const findings = JSON.parse(files.get('wrong-cell-2021.lint.json')!.toString('utf8'));
    expect(findings.summary).toMatchObject({ errors: 0 });
    expect(findings.files[0].file).toBe('wrong-cell-2021.csv');
    expect(files.get('wrong-cell-2021.lint.html')!.toString('utf8')).toMatch(/^<!DOCTYPE html>/iu);
    const report = JSON.parse(files.get('wrong-cell-2021.json')!.toString('utf8'));
    expect(report.template).toBe('2021');
    expect(report.applications.partlyGranted.naturalPerson).toBe(10);
    for (const name of ['wrong-cell-2021.xlsx', 'wrong-cell-2021.docx'])
      expect(files.get(name)!.subarray(0, 2).toString('latin1')).toBe('PK');

    // Each corrected report the page wrote reads back, with the CLI's own readers, as a report with no error.
    for (const name of [
      'wrong-cell-2021.json',
      'wrong-cell-2021.csv',
      'wrong-cell-2021.xlsx',
      'wrong-cell-2021.docx',
    ]) {
      const result = await lint(new Uint8Array(files.get(name)!), { file: name });
      expect({
        name,
        error: result.error,
        errors: result.diagnostics
          .filter((diagnostic) => diagnostic.severity === 'error')
          .map((diagnostic) => diagnostic.ruleId),
      }).toEqual({ name, error: undefined, errors: [] });
    }
  }, 120_000);

  it('in print, every marked table fits the A4 text width (186 mm, 703 px) and the inputs and the panel are left out', async () => {
    const page = await open(703, 1000);
    await pickFile(page, HONGZE);
    await page.click(`td.cell[data-pointer="${REVIEW_TOTAL}"]`);
    await page.emulateMedia({ media: 'print' });
    const widths = await page.$$eval('table.grid', (tables) =>
      tables.map((table) => Math.ceil(table.getBoundingClientRect().right)),
    );
    expect(widths.length).toBe(3);
    for (const right of widths) expect(right).toBeLessThanOrEqual(703);
    expect(await page.locator('#detail').isVisible()).toBe(false);
    expect(await page.locator('#input').isVisible()).toBe(false);
    expect(await page.locator('td.cell.finding-error').count()).toBe(9);
  }, 60_000);

  it('reads every input format in the page as the CLI reads it: the same findings, and the same reason when unreadable', async () => {
    const page = await open();
    const fixtures = [
      'docx/seed-2019.docx',
      'xlsx/seed-2019.xlsx',
      'xlsx/clean-2021.xlsx',
      'html/seed-2019.gbk.html',
      'json/seed-2019.json',
      'csv/seed-2019.gbk.csv',
      'text/seed-2019.md',
      'text/seed-2019.gbk.txt',
      'pdf/made-2021-wrong.pdf',
      'pdf/made-image-only.pdf',
      'unsupported/report.doc',
      'broken/damaged.xlsx',
    ];
    for (const fixture of fixtures) {
      const name = fixture.replace(/^.*\//u, '');
      const path = join(ROOT, 'fixtures', fixture);
      await page.setInputFiles('#file', path);
      await page.waitForFunction(
        (file) => {
          const shown = (
            window as unknown as { xxgk: { state: { loaded?: { name: string }; unreadable?: { name: string } } } }
          ).xxgk.state;
          return (
            (shown.loaded?.name ?? shown.unreadable?.name) === file &&
            document.getElementById('result')?.hidden === false
          );
        },
        name,
        { timeout: 60_000 },
      );
      const shown = await page.evaluate(() => {
        const { loaded, unreadable } = (
          window as unknown as { xxgk: { state: { loaded?: { result: FileLike }; unreadable?: { result: FileLike } } } }
        ).xxgk.state;
        const result = (loaded ?? unreadable)!.result;
        return {
          error: result.error?.messageId,
          findings: result.diagnostics.map((diagnostic) => `${diagnostic.ruleId}:${diagnostic.severity}`).sort(),
        };
      });
      const node = await lint(new Uint8Array(readFileSync(path)), { file: name });
      expect({ fixture, ...shown }).toEqual({
        fixture,
        error: node.error?.messageId,
        findings: node.diagnostics.map((diagnostic) => `${diagnostic.ruleId}:${diagnostic.severity}`).sort(),
      });
      // An unreadable file: its reason once, as the summary, and no downloads or legend for a report there is not.
      if (node.error) {
        expect(await page.locator('#summary').textContent()).toMatch(
          new RegExp(`^${name.replace('.', '\\.')}: .+`, 'u'),
        );
        expect(await page.locator('#status').textContent()).toBe('');
        expect(await page.locator('#downloads').isVisible()).toBe(false);
        expect(await page.locator('#legend').isVisible()).toBe(false);
        expect(await page.locator('td.cell').count()).toBe(0);
      } else {
        expect(await page.locator('#downloads').isVisible()).toBe(true);
      }
    }
  }, 120_000);

  it('at 375 px (and 683 px, 1366 px at 200 % zoom) the page is no wider than the screen (the tables scroll in their own box); screenshots at 375 and 1366 px', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const width of [375, 683, 1366]) {
      const page = await open(width, width === 375 ? 800 : 900);
      await pickFile(page, HONGZE);
      const [scrollWidth, viewport] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        window.innerWidth,
      ]);
      expect(scrollWidth).toBeLessThanOrEqual(viewport);
      if (width < 1366) {
        const box = page.locator('.table-block:has(table[data-table="applications"]) .scroll');
        const [inner, outer] = await box.evaluate((element) => [element.scrollWidth, element.clientWidth]);
        expect(inner).toBeGreaterThan(outer);
        // The edge where more of the table lies is shaded, and follows the scrolling.
        const frame = page.locator('.table-block:has(table[data-table="applications"]) .scroll-frame');
        expect(await frame.getAttribute('class')).toBe('scroll-frame more-right');
        await box.evaluate((element) => {
          element.scrollLeft = element.scrollWidth;
          element.dispatchEvent(new Event('scroll'));
        });
        expect(await frame.getAttribute('class')).toBe('scroll-frame more-left');
        await box.evaluate((element) => {
          element.scrollLeft = 0;
          element.dispatchEvent(new Event('scroll'));
        });
      }
      await page.screenshot({ path: join(SCREENSHOTS, `web-${width}-top.png`) });
      await page.click(`td.cell[data-pointer="${REVIEW_TOTAL}"]`);
      const [scrollWidthOpen] = await page.evaluate(() => [document.documentElement.scrollWidth]);
      expect(scrollWidthOpen).toBeLessThanOrEqual(viewport);
      await page.screenshot({ path: join(SCREENSHOTS, `web-${width}-finding.png`) });
    }
  }, 120_000);
});
