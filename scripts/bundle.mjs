// Bundles the compiled CLI into ONE CommonJS file, dist/bundle/cli.cjs, and a V8 code cache of it,
// dist/bundle/cli.cjs.cache, which bin/xxgk-lint.cjs loads so a cold start neither resolves dozens of modules nor
// compiles half a megabyte of JavaScript. Measured on one JSON report against a bare `node -e 0` (2 cores shared with
// other work, medians of 20–50 alternating runs; see bench/run.mjs):
// - the former ESM bundle split into 21 chunks: 1.7–1.9×; one ESM file: worse (2.2×, every reader's library loaded);
// - one CommonJS file, no cache: 1.6–1.7× (the ESM loader is ~4 ms of its own, and a .js bin in a "type": "module"
//   package is ESM, hence bin/xxgk-lint.cjs);
// - the same with a V8 code cache: 1.35–1.45× (compiling the bundle was the largest single cost, ~12 ms);
// - node:http and node:child_process loaded on first use (`xxgk-lint web` and commander's executable subcommands
//   need them, a lint run does not): 7 ms less from start to exit (83 against 90 ms, medians of 30; bare node 55 ms);
// - without keepNames (a smaller bundle): 77.7 against 84.2 ms in one series of 40, 79.5 against 80.1 in the next, so
//   not separable from the noise; kept, since commander names its errors by their class;
// - a V8 start-up snapshot (`node --build-snapshot`): node:http cannot be loaded while building one, and a snapshot
//   needs `node --snapshot-blob …` on the command line, which an npm bin cannot pass without a second process; not kept.
// The reader libraries stay external and are imported only when their reader runs.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle');

/**
 * Packages the bundle imports at run time, each only when the reader or writer that needs it runs; #pdfjs and
 * #pdfjs-worker are the package's own copy of pdfjs (package.json `imports`, scripts/vendor.mjs).
 */
const EXTERNAL = ['#pdfjs', '#pdfjs-worker', 'jszip', 'htmlparser2'];
const EXTERNAL_IMPORT = new RegExp(`\\bimport\\((?=\\s*(?:['"](?:${EXTERNAL.join('|')})|[A-Za-z_$]))`, 'gu');

/**
 * A dynamic import() inside code compiled by node:vm (as the bin compiles the bundle, to use the code cache) fails on
 * Node 20 when the code comes from a cache; the bundle calls __xxgkImport instead, which the bin passes in (the bin is
 * an ordinary module, whose import() works). Only imports of external packages or of a name held in a variable are
 * rewritten: relative ones are bundled by esbuild.
 */
const importThroughBin = {
  name: 'import-through-bin',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]dist[\\/](read|write|cli|pipeline)[\\/].*\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      return { contents: source.replace(EXTERNAL_IMPORT, '__xxgkImport('), loader: 'js' };
    });
  },
};

/** Node built-ins a lint run does not use, each replaced by a module whose exports load the built-in on first use. */
const LAZY_BUILTINS = ['http', 'child_process'];
const requireBuiltin = createRequire(import.meta.url);

/**
 * Loading node:http and node:child_process (and the net, stream and dgram modules they pull in) is ~7 ms of a cold
 * start. Their exports are the same names, as getters that require the built-in when one is first read; the names
 * are this Node's, read at build time.
 */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(builder) {
    builder.onResolve({ filter: new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`) }, (args) =>
      // The lazy module's own require of the built-in is left to Node.
      args.namespace === 'lazy-builtin'
        ? undefined
        : { path: args.path.replace(/^node:/u, ''), namespace: 'lazy-builtin' },
    );
    builder.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `let loaded; const load = () => (loaded ??= require('node:${args.path}'));
for (const key of ${JSON.stringify(Object.keys(requireBuiltin(`node:${args.path}`)))}) Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });`,
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
/** What the CLI's bundle and the pool worker's bundle share. */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Less source is less to read and to cache.
  minify: true,
  keepNames: true,
  external: EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  plugins: [importThroughBin, lazyBuiltins],
  // import.meta.url (the web page's and pdfjs's paths are found from it) is the bundle's own URL; __xxgkImport is the
  // bin's import() when the bin loads the bundle, else the bundle's own (required by a test or a tool, or the worker).
  define: { 'import.meta.url': '__xxgkMetaUrl' },
  banner: {
    js: "var __xxgkMetaUrl = require('node:url').pathToFileURL(__filename).href; var __xxgkImport = typeof __xxgkBinImport === 'function' ? __xxgkBinImport : (specifier) => import(specifier);",
  },
  logLevel: 'warning',
};
await build({ ...common, entryPoints: [join(root, 'dist/cli/run.js')], outfile: join(outdir, 'cli.cjs') });
// The pool's worker thread (src/pipeline/node-pool.ts) is its own bundle beside the CLI's, found from the bundle's URL.
await build({
  ...common,
  entryPoints: [join(root, 'dist/pipeline/node-worker.js')],
  outfile: join(outdir, 'node-worker.cjs'),
});

// The code cache: the bin run once on a JSON report, so the functions of a usual run are compiled in it. V8 refuses a
// cache made by another Node version or with other flags, and the bin then compiles the source as if it had none.
const made = spawnSync(
  process.execPath,
  ['-e', "require('./bin/xxgk-lint.cjs').writeCodeCache(['fixtures/json/seed-2019.json'])"],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (made.status !== 0 || !existsSync(join(outdir, 'cli.cjs.cache')))
  throw new Error('the code cache of dist/bundle/cli.cjs was not written');
