// The installed size of the package as a consumer gets it: `npm pack`, then `npm install --omit=dev` of the tarball
// into an empty folder, then the bytes under its node_modules (file sizes, as `du -sb` counts them), in all and by
// package (the largest first). Prints; with --max-mb N exits 1 when the total is over N MB (for CI); with
// --omit-optional installs without optional dependencies too (pdfjs-dist's @napi-rs/canvas, 33 MB, is one).
// Needs a build first (the tarball ships dist/).
import { execFileSync } from 'node:child_process';
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
} finally {
  rmSync(work, { recursive: true, force: true });
}
