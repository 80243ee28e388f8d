// Evaluators' scale (npm run bench, after bench/run.mjs): each figure against its floor, measured side by side in this
// run, as medians of alternating runs. Prints figures; asserts nothing. Sizes by environment:
//   BENCH_REPORTS (10000)          JSON reports of the throughput run
//   BENCH_MEMORY_REPORTS (100000)  JSON reports of the peak-memory runs (also run at a tenth, to show it is flat)
//   BENCH_MEMORY_FORMATS           formats of the peak-memory runs (default: all)
//   BENCH_PDFS (300)               PDFs of the cache run (copies of the real PDFs under fixtures/pdf)
//   BENCH_ROUNDS (3)               alternating rounds for each median
// What was learned (this 2-core machine, Node 20, quiet; profiles with node --cpu-prof on dist/cli/run.js):
// - 10,000 JSON reports: one thread 2.9–3.0 s, two workers 2.6 s, against a floor of 0.29 s. The workers are busy
//   about 1.5 s each; the main thread is the limit: the directory walk reads the head of every file to tell reports
//   from other files (~0.3 s), results are spooled and read back while pairing needs every file (~0.3 s), and the
//   json formatter and writing its text (~0.35 s) follow in one thread.
// - Memory: most of the peak was garbage V8 had moved to its old generation. `{ ...base, more }` (an object literal
//   that begins with a spread) is Node 20's slow path: about ten times an Object.assign, and its objects outlive
//   young-generation collections (--trace-gc-nvp: ~0.7 MiB promoted at every scavenge while the year-to-year findings
//   were made, all of it garbage by the next full collection; the sampling heap profiler with
//   includeObjectsCollectedByMajorGC named the sites). With withFields (src/model/objects.ts) instead, and small files
//   read into buffers of their own size rather than 64 KiB (~30 MiB of buffers waited for the collector), 100,000
//   reports with --format json peak at 264 MiB (649 MiB before); 30,000 in one thread 149 MiB (301 MiB). What is live
//   after reading every file is ~1 KiB a file (v8.writeHeapSnapshot: its path, its input object, the packed compared
//   cells, its agency), so memory still grows with the corpus. node --optimize-for-size (refused in NODE_OPTIONS):
//   100,000 reports at 200 MiB, a quarter slower. Tried without gain: --max-semi-space-size, --heap-growing-percent
//   (20: 30,000 reports 307 → 179 MiB before the fix, a command-line flag only), a smaller young generation for the
//   workers (resourceLimits), --no-allocation-site-pretenuring.
// - Pairs with findings were read again in the main thread to place their findings (locateAgain): in a corpus where
//   every pair disagrees (the bench's) the main thread spent half its time there. Now each result keeps, with its
//   compared cells, the place of the cells a year-to-year finding cites (the JSON reader walks into their rows alone,
//   ~10 µs a file in the workers), and the main thread reads no file again: its busy time (the main thread's
//   cpuprofile less idle) 5.3–5.9 → 2.7–3.5 s at 10,000, on a loaded machine. What the main thread still does, about
//   equal parts: the directory walk's heads (~0.4 s), the spool and pairing (~0.5 s), rendering every message and the
//   json formatter (~0.7 s), writing the output (~0.2 s since it is written in 64 KiB pieces).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin/xxgk-lint.js');
const data = join(root, 'bench/.data-scale');
const REPORTS = Number(process.env.BENCH_REPORTS ?? 10000);
const MEMORY_REPORTS = Number(process.env.BENCH_MEMORY_REPORTS ?? 100000);
const MEMORY_FORMATS = (process.env.BENCH_MEMORY_FORMATS ?? 'stylish,json,compact,github,junit,sarif,html').split(',');
const PDFS = Number(process.env.BENCH_PDFS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A folder of `count` JSON reports made from the clean 2021 fixture: one in ten with a wrong cell, agencies in pairs of years. */
function jsonCorpus(count) {
  const folder = join(data, `json-${count}`);
  if (existsSync(folder) && readdirSync(folder).length === count) return folder;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const base = JSON.parse(readFileSync(join(root, 'fixtures/json/clean-2021.json'), 'utf8'));
  for (let index = 0; index < count; index += 1) {
    const report = structuredClone(base);
    report.agency = `示例机关 ${Math.floor(index / 2)}`;
    report.year = 2021 + (index % 2);
    if (index % 10 === 0) report.applications.granted.naturalPerson += 1;
    writeFileSync(join(folder, `report-${String(index).padStart(6, '0')}.json`), JSON.stringify(report, null, 2));
  }
  return folder;
}

/** Runs the CLI; returns its wall time (ms) and peak RSS (MiB, from /usr/bin/time or the process's own report). */
function runCli(args) {
  const begin = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, '--no-ignore', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = performance.now() - begin;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`xxgk-lint ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-500)}`);
  const kilobytes = Number(result.stderr.trim().split('\n').at(-1));
  return { ms, mib: kilobytes / 1024 };
}

/** The floor: reading each file synchronously and JSON.parse-ing it, in one thread. */
function floorOf(folder) {
  const begin = performance.now();
  let cells = 0;
  for (const name of readdirSync(folder).sort())
    cells += Object.keys(JSON.parse(readFileSync(join(folder, name), 'utf8')).applications).length;
  if (cells === 0) throw new Error('nothing parsed');
  return performance.now() - begin;
}

const hasTime = existsSync('/usr/bin/time');
if (!hasTime) console.log('(no /usr/bin/time: peak memory is not measured; apt-get install time)');

// 1. Throughput: 10,000 JSON reports, one thread and both cores, against the floor.
{
  const folder = jsonCorpus(REPORTS);
  const out = join(data, 'out.json');
  const floors = [];
  const one = [];
  const all = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    floors.push(floorOf(folder));
    one.push(runCli([folder, '--concurrency', '1', '-f', 'json', '-o', out]).ms);
    all.push(runCli([folder, '-f', 'json', '-o', out]).ms);
  }
  const floor = median(floors);
  console.log(
    `${REPORTS} JSON reports, CLI (--format json to a file): one thread ${median(one).toFixed(0)} ms = ${(median(one) / floor).toFixed(2)}× the floor; both cores (--concurrency auto) ${median(all).toFixed(0)} ms = ${(median(all) / floor).toFixed(2)}× (goal ≤ 1.0×); floor (readFileSync + JSON.parse, one thread) ${floor.toFixed(0)} ms; median of ${ROUNDS}`,
  );
}

// 2. Peak memory in every format, at a tenth of the size and at the full size: flat, and at most 150 MiB.
if (hasTime) {
  const small = jsonCorpus(Math.max(1, Math.floor(MEMORY_REPORTS / 10)));
  const large = jsonCorpus(MEMORY_REPORTS);
  const out = join(data, 'memory.out');
  const rows = [];
  for (const format of MEMORY_FORMATS) {
    const a = runCli([small, '-f', format, '-o', out]);
    const b = runCli([large, '-f', format, '-o', out]);
    rows.push(`${format} ${a.mib.toFixed(0)} → ${b.mib.toFixed(0)} MiB`);
  }
  rmSync(out, { force: true });
  console.log(
    `peak RSS, ${Math.floor(MEMORY_REPORTS / 10)} → ${MEMORY_REPORTS} JSON reports (goal ≤ 150 MiB, flat): ${rows.join('; ')}`,
  );
}

// 3. The cache: re-checking unchanged PDFs against the first run.
{
  const folder = join(data, `pdf-${PDFS}`);
  const sources = readdirSync(join(root, 'fixtures/pdf')).filter((name) => /^(hongze|huaian)-\d+\.pdf$/.test(name));
  if (!existsSync(folder) || readdirSync(folder).length !== PDFS) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (let index = 0; index < PDFS; index += 1)
      copyFileSync(
        join(root, 'fixtures/pdf', sources[index % sources.length]),
        join(folder, `report-${String(index).padStart(4, '0')}.pdf`),
      );
  }
  const cache = join(data, 'pdf-cache');
  rmSync(cache, { recursive: true, force: true });
  const first = runCli([folder, '--cache', '--cache-location', cache, '-f', 'json', '-o', join(data, 'pdf.out.json')]);
  const again = [];
  for (let round = 0; round < ROUNDS; round += 1)
    again.push(
      runCli([folder, '--cache', '--cache-location', cache, '-f', 'json', '-o', join(data, 'pdf.out.json')]).ms,
    );
  const inOne = runCli([folder, '--concurrency', '1', '-f', 'json', '-o', join(data, 'pdf.out.json')]);
  console.log(
    `${PDFS} PDFs: one thread ${inOne.ms.toFixed(0)} ms; both cores, first run with --cache ${first.ms.toFixed(0)} ms; again, unchanged ${median(again).toFixed(0)} ms = ${((median(again) / first.ms) * 100).toFixed(1)} % of the first (goal ≤ 10 %)`,
  );
}
