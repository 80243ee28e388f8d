// The web page's benchmark (npm run bench:web, and the last step of npm run bench): the page's size, its load time in
// headless Chromium to interactive (the page's ready mark, from navigation start), and the time of a re-check after
// one cell is edited, measured inside the page with performance.now() around the edit's input event (the check, the
// marks redrawn and the layout forced), median of many edits. Prints figures; asserts nothing.
// BENCH_WEB_LOADS and BENCH_WEB_EDITS set the number of loads and edits; CHROMIUM_PATH the browser.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pagePath = join(root, 'dist/web/index.html');
const browserPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOADS = Number(process.env.BENCH_WEB_LOADS ?? 10);
const EDITS = Number(process.env.BENCH_WEB_EDITS ?? 200);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values, share) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

if (!existsSync(pagePath)) throw new Error(`${pagePath} is missing: run npm run build`);
if (!existsSync(browserPath))
  throw new Error(`no browser at ${browserPath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
const size = statSync(pagePath).size;
console.log(`web page dist/web/index.html: ${size} bytes (${(size / 1024 / 1024).toFixed(2)} MB), one file`);

const browser = await chromium.launch({
  executablePath: browserPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const url = pathToFileURL(pagePath).href;
  const ready = [];
  for (let run = 0; run < LOADS; run += 1) {
    // A fresh context each time: nothing cached from the run before.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    ready.push(await page.evaluate(() => performance.getEntriesByName('xxgk-ready')[0].startTime));
    await context.close();
  }
  console.log(
    `web page load to interactive (ready mark after navigation start): ${median(ready).toFixed(0)} ms (median of ${LOADS}; min ${Math.min(...ready).toFixed(0)}, max ${Math.max(...ready).toFixed(0)})`,
  );

  for (const [fixture, pointer] of [
    ['fixtures/csv/wrong-cell-2021.csv', '/applications/granted/naturalPerson'],
    ['fixtures/text/seed-2019.txt', '/applications/granted/naturalPerson'],
    ['fixtures/pdf/hongze-2023.pdf', '/reviewLitigation/review/total'],
  ]) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]');
    const name = fixture.replace(/^.*\//u, '');
    const begin = Date.now();
    await page.setInputFiles('#file', join(root, fixture));
    await page.waitForFunction(
      (file) => document.getElementById('facts')?.textContent?.startsWith(file) === true,
      name,
      { timeout: 120_000 },
    );
    const readMs = Date.now() - begin;
    const figures = await page.evaluate(
      ({ cell, edits }) => {
        const input = document.querySelector(`td.cell[data-pointer="${cell}"] input`);
        const original = input.value;
        const edit = [];
        const check = [];
        for (let index = 0; index < edits; index += 1) {
          input.value = String(index % 2 === 0 ? Number(original) + 1 + index : original);
          const start = performance.now();
          input.dispatchEvent(new Event('input', { bubbles: true }));
          void document.body.offsetHeight;
          edit.push(performance.now() - start);
          check.push(window.xxgk.state.loaded.checkMs);
        }
        return { edit, check, cells: document.querySelectorAll('td.cell').length };
      },
      { cell: pointer, edits: EDITS },
    );
    console.log(
      `web re-check after editing one cell of ${name} (${figures.cells} cells drawn): ${median(figures.edit).toFixed(1)} ms median, ${percentile(figures.edit, 0.95).toFixed(1)} ms p95 (check alone ${median(figures.check).toFixed(1)} ms; ${EDITS} edits; goal well under 100 ms); reading the file in the page: ${readMs} ms`,
    );
    await page.close();
  }
} finally {
  await browser.close();
}
