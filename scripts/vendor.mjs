// Copies into dist/vendor/ the few files of the large libraries a run needs, so an install does not carry the
// packages whole (pdfjs-dist is 41 MB installed, and pulls in @napi-rs/canvas, 33 MB, only for rendering):
// - dist/vendor/pdfjs/: pdfjs-dist's legacy (Node 20) build, minified, of the main module and of the worker module
//   that runs in the reading thread; its CMaps and standard-font data (for PDFs that do not embed their fonts'
//   maps); its licence (Apache-2.0). The package's `imports` (#pdfjs, #pdfjs-worker) name the two modules.
//   One change is made to the worker (PREFETCH below), then it is minified with esbuild.
// - dist/vendor/opencc-js/: the licence of OpenCC's dictionaries, which scripts/generate.mjs copies into
//   src/generated/opencc.ts.
// pdfjs-dist and opencc-js are devDependencies: their version in package-lock.json is the version shipped.
import { transform } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const vendor = join(root, 'dist/vendor');

/** The folder an installed package lives in (found from its main module: not every package exports package.json). */
function packageFolder(name) {
  for (let folder = dirname(require.resolve(name)); folder !== dirname(folder); folder = dirname(folder)) {
    try {
      if (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).name === name) return folder;
    } catch {
      // no package.json here: go up
    }
  }
  throw new Error(`${name}: its package folder was not found`);
}

/**
 * pdfjs's Catalog.getPageDict prefetches the page dictionary of every top-level kid into a cache and leaves the
 * promise alone until a later lookup awaits it. On a damaged file (a bad XRef entry) the read stops before then, and
 * each prefetch that fails is an unhandled rejection: a host that treats those as fatal (Node's default, or a
 * server's own listener) would die on one uploaded PDF. The prefetch is given a handler that ignores the failure,
 * so only the cached promise, awaited by whoever looks the page up, carries it. pdfjs-dist 5.6.205 to 6.5.438 (the
 * latest) have the line as it is matched here; the build fails if it is not found exactly once.
 */
const PREFETCH = {
  from: 'pageDictCache.put(lastKid, xref.fetchAsync(lastKid));',
  to: 'pageDictCache.put(lastKid, xref.fetchAsync(lastKid)); pageDictCache.get(lastKid).catch(() => {});',
};

/** pdfjs's worker module with PREFETCH applied, minified. */
async function patchedWorker(path) {
  const source = readFileSync(path, 'utf8');
  const found = source.split(PREFETCH.from).length - 1;
  if (found !== 1) throw new Error(`${path}: expected the page-dictionary prefetch once, found it ${found} times`);
  const { code } = await transform(source.replace(PREFETCH.from, PREFETCH.to), {
    format: 'esm',
    minify: true,
    target: 'node20',
    legalComments: 'inline',
  });
  return code;
}

rmSync(vendor, { recursive: true, force: true });
const pdfjs = packageFolder('pdfjs-dist');
const pdfjsOut = join(vendor, 'pdfjs');
mkdirSync(pdfjsOut, { recursive: true });
cpSync(join(pdfjs, 'legacy/build/pdf.min.mjs'), join(pdfjsOut, 'pdf.mjs'));
writeFileSync(join(pdfjsOut, 'pdf.worker.mjs'), await patchedWorker(join(pdfjs, 'legacy/build/pdf.worker.mjs')));
cpSync(join(pdfjs, 'cmaps'), join(pdfjsOut, 'cmaps'), { recursive: true });
cpSync(join(pdfjs, 'standard_fonts'), join(pdfjsOut, 'standard_fonts'), { recursive: true });
cpSync(join(pdfjs, 'LICENSE'), join(pdfjsOut, 'LICENSE'));
const { version } = JSON.parse(readFileSync(join(pdfjs, 'package.json'), 'utf8'));

const opencc = packageFolder('opencc-js');
mkdirSync(join(vendor, 'opencc-js'), { recursive: true });
cpSync(join(opencc, 'LICENSE'), join(vendor, 'opencc-js/LICENSE'));
cpSync(join(opencc, 'LICENSES/Apache-2.0.txt'), join(vendor, 'opencc-js/Apache-2.0.txt'));
console.log(`dist/vendor: pdfjs-dist ${version} (legacy build, CMaps, standard fonts), OpenCC licence`);
