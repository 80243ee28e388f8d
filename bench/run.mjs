// Benchmarks for xxgk-lint (npm run bench): cold start against bare node, and a 10,000-report run in one
// process against merely reading and JSON.parse-ing the same files. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The bin a user runs: package.json's (bin/xxgk-lint.cjs, the CommonJS start with a code cache; scripts/bundle.mjs says why).
const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin['xxgk-lint']);
const data = join(root, 'bench/.data');
const REPORTS = Number(process.env.BENCH_REPORTS ?? 10000);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 20);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeProcess(args) {
  const times = [];
  for (let run = 0; run < COLD_RUNS; run += 1) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, NO_COLOR: '1' },
    });
    times.push(performance.now() - start);
    if (result.status === null) throw new Error(`${args.join(' ')} did not finish`);
  }
  return median(times);
}

/** Median wall times of several commands, run in turn (bare, ours, bare, ours …) so that the machine's changing load falls on both alike. */
function timeProcesses(commands) {
  const times = commands.map(() => []);
  for (let run = 0; run < COLD_RUNS; run += 1) {
    for (const [index, args] of commands.entries()) {
      const start = performance.now();
      const result = spawnSync(process.execPath, args, {
        cwd: root,
        stdio: 'ignore',
        env: { ...process.env, NO_COLOR: '1' },
      });
      times[index].push(performance.now() - start);
      if (result.status === null) throw new Error(`${args.join(' ')} did not finish`);
    }
  }
  return times.map(median);
}

function makeReports() {
  const base = JSON.parse(readFileSync(join(root, 'fixtures/json/clean-2021.json'), 'utf8'));
  if (existsSync(data) && readdirSync(data).length === REPORTS) return;
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  for (let index = 0; index < REPORTS; index += 1) {
    const report = structuredClone(base);
    report.agency = `示例机关 ${index}`;
    report.year = 2021 + (index % 4);
    // One report in ten has a wrong cell, so the run does real diagnostic work too.
    if (index % 10 === 0) report.applications.granted.naturalPerson += 1;
    writeFileSync(join(data, `report-${String(index).padStart(5, '0')}.json`), JSON.stringify(report, null, 2));
  }
}

/** The same with the promise API, as a program that reads files one by one usually does. */
async function readAndParseAsync(files) {
  const start = performance.now();
  let cells = 0;
  for (const file of files) cells += Object.keys(JSON.parse(await readFile(file, 'utf8')).applications).length;
  if (cells === 0) throw new Error('nothing parsed');
  return performance.now() - start;
}

/** The floor: merely reading each file (synchronously, the fastest way here) and JSON.parse-ing it. */
async function readAndParse(files) {
  const start = performance.now();
  let cells = 0;
  for (const file of files) cells += Object.keys(JSON.parse(readFileSync(file, 'utf8')).applications).length;
  if (cells === 0) throw new Error('nothing parsed');
  return performance.now() - start;
}

const [bare, cold] = timeProcesses([
  ['-e', '0'],
  [bin, 'fixtures/json/seed-2019.json'],
]);
console.log(
  `cold start: xxgk-lint on one report ${cold.toFixed(1)} ms, bare node ${bare.toFixed(1)} ms: ${(cold / bare).toFixed(2)}× (goal ≤ 1.3×; medians of ${COLD_RUNS}, alternated)`,
);

makeReports();
const files = readdirSync(data)
  .sort()
  .map((name) => join(data, name));
const { lintBytes } = await import(join(root, 'dist/pipeline/lint.js'));
const { lintFiles } = await import(join(root, 'dist/index.js'));
await readAndParse(files.slice(0, 200));
// Alternate the two runs and take medians: the machine's own noise is larger than the difference measured.
const baselines = [];
const lintTimes = [];
let errors = 0;
for (let round = 0; round < 3; round += 1) {
  baselines.push(await readAndParse(files));
  const start = performance.now();
  const results = await lintFiles(files);
  lintTimes.push(performance.now() - start);
  errors = results.summary.errors;
}
const baseline = median(baselines);
const lintTime = median(lintTimes);
const asyncBaseline = await readAndParseAsync(files);
console.log(
  `${REPORTS} reports in one process: lint ${lintTime.toFixed(0)} ms, read+JSON.parse ${baseline.toFixed(0)} ms: ${(lintTime / baseline).toFixed(2)}× (goal ≤ 1.5×; median of 3); ${errors} errors found; against await readFile + JSON.parse (${asyncBaseline.toFixed(0)} ms): ${(lintTime / asyncBaseline).toFixed(2)}×`,
);
const cli = (() => {
  const begin = performance.now();
  spawnSync(
    process.execPath,
    [bin, '--no-ignore', '--format', 'json', '-o', join(root, 'bench/.data.out.json'), data],
    {
      cwd: root,
      stdio: 'ignore',
    },
  );
  return performance.now() - begin;
})();
rmSync(join(root, 'bench/.data.out.json'), { force: true });
console.log(`the CLI over the same ${REPORTS} files (directory, --format json): ${cli.toFixed(0)} ms`);

const pdf = join(root, 'fixtures/pdf/huaian-2024.pdf');
if (existsSync(pdf)) {
  const bytes = new Uint8Array(readFileSync(pdf));
  await lintBytes(bytes, pdf);
  const times = [];
  for (let run = 0; run < 5; run += 1) {
    const begin = performance.now();
    await lintBytes(bytes, pdf);
    times.push(performance.now() - begin);
  }
  console.log(
    `6-page PDF (huaian-2024.pdf) read and linted: ${median(times).toFixed(0)} ms warm (median of 5); cold process: ${timeProcess([bin, 'fixtures/pdf/huaian-2024.pdf']).toFixed(0)} ms`,
  );
}

// The alignment's cost against the text's length (bench/align.mjs): a text ten times longer, about ten times the time.
const { benchAlignment } = await import('./align.mjs');
const { readBytes } = await import(join(root, 'dist/pipeline/lint.js'));
await benchAlignment(root, readBytes);
