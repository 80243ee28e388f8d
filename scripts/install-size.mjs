// The installed size of the package as a consumer gets it: `npm pack`, then `npm install --omit=dev` of the tarball
// into an empty folder, then the bytes under its node_modules (file sizes, as `du -sb` counts them), in all and by
// package (the largest first). Prints; with --max-mb N exits 1 when the total is over N MB (for CI); with
// --omit-optional installs without optional dependencies too. With --smoke, the installed CLI then reads one report
// of each binary and markup format (PDF, docx, xlsx, HTML, JSON) from the installed package alone: each must be read
// (no input error), with nothing on stderr; exits 1 otherwise. test/package.test.ts runs it with both.
// Needs a build first (the tarball ships dist/).
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const maxIndex = process.argv.indexOf('--max-mb');
const maxMb = maxIndex >= 0 ? Number(process.argv[maxIndex + 1]) : undefined;

/** Bytes of every file under a folder (symbolic links counted as links, not followed). */
function bytesUnder(path) {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const name of readdirSync(path)) total += bytesUnder(join(path, name));
  return total;
}

/** Every package folder under a node_modules (scoped ones included, nested ones counted in their parent). */
function packagesIn(modules) {
  const found = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const inner of readdirSync(join(modules, name))) found.push(`${name}/${inner}`);
    else found.push(name);
  }
  return found;
}

/** One report of each format the large libraries read, read by the installed CLI from the consumer's folder. */
const SMOKE = [
  'fixtures/pdf/huaian-2024.pdf',
  'fixtures/docx/seed-2019.docx',
  'fixtures/xlsx/seed-2019.xlsx',
  'fixtures/html/seed-2019.html',
  'fixtures/json/seed-2019.json',
];

/** Runs the installed bin on each SMOKE file; a file it cannot read, or any output on stderr, fails the run. */
function smoke(consumer) {
  const bin = join(consumer, 'node_modules/xxgk-lint/bin/xxgk-lint.cjs');
  for (const file of SMOKE) {
    const run = spawnSync(process.execPath, [bin, '--no-ignore', '-f', 'json', join(root, file)], {
      cwd: consumer,
      encoding: 'utf8',
    });
    let read;
    try {
      const [result] = JSON.parse(run.stdout).files;
      read = result.error === undefined && result.template !== undefined;
    } catch {
      read = false;
    }
    const ok = (run.status === 0 || run.status === 1) && read && run.stderr === '';
    console.log(
      `smoke: ${ok ? 'read' : 'FAILED'} ${file} (exit ${run.status})${run.stderr ? `; stderr: ${run.stderr.trim()}` : ''}`,
    );
    if (!ok) process.exitCode = 1;
  }
}

const work = mkdtempSync(join(tmpdir(), 'xxgk-install-size-'));
try {
  const [{ filename }] = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const consumer = join(work, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const omit = process.argv.includes('--omit-optional') ? ['--omit=optional'] : [];
  execFileSync(
    npm,
    ['install', '--omit=dev', ...omit, '--no-audit', '--no-fund', '--ignore-scripts', join(work, filename)],
    { cwd: consumer, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const modules = join(consumer, 'node_modules');
  const total = bytesUnder(modules);
  const packages = packagesIn(modules)
    .map((name) => ({ name, bytes: bytesUnder(join(modules, name)) }))
    .sort((a, b) => b.bytes - a.bytes);
  const mb = (bytes) => (bytes / 1e6).toFixed(1);
  console.log(
    `installed size: ${mb(total)} MB in ${packages.length} packages (npm install --omit=dev${omit.length > 0 ? ' --omit=optional' : ''} of the packed tarball; du -sb of node_modules)`,
  );
  for (const { name, bytes } of packages.slice(0, 15)) console.log(`${mb(bytes).padStart(7)} MB  ${name}`);
  if (maxMb !== undefined && total / 1e6 > maxMb) {
    console.error(`over the limit of ${maxMb} MB`);
    process.exitCode = 1;
  }
  if (process.argv.includes('--smoke')) smoke(consumer);
} finally {
  rmSync(work, { recursive: true, force: true });
}
