// Bundles the compiled CLI into dist/bundle/ so a run resolves a handful of modules instead of dozens: module
// resolution is most of a cold start. Readers stay in their own chunks, loaded only when their format is used,
// and the heavy reader libraries stay external.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cli: join(root, 'dist/cli/run.js'), 'node-worker': join(root, 'dist/pipeline/node-worker.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Smaller source compiles faster: V8's parse of the bundle is a large part of a cold start.
  minify: true,
  keepNames: true,
  external: ['pdfjs-dist', 'pdfjs-dist/*', 'exceljs', 'mammoth', 'opencc-js', 'opencc-js/*', 'htmlparser2'],
  // commander is CommonJS and requires Node's built-ins; an ESM bundle needs a real require for that.
  banner: { js: "import { createRequire as __xxgkCreateRequire } from 'node:module'; const require = __xxgkCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
