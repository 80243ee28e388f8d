// Builds the web page: src/web/app.ts and the core it uses (readers, rules, messages, formatters, writers) bundled
// for the browser into ONE self-contained file, dist/web/index.html, its script and styles inlined. The page loads
// nothing from the network. A Node built-in reaching the bundle fails the build, except node:buffer, whose two
// string-length constants the size limits read (src/web/node-buffer.ts gives them).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'dist/web/index.html');

/** Maps node:buffer to the page's own constants and refuses every other Node built-in. */
const browserOnly = {
  name: 'browser-only',
  setup(builder) {
    builder.onResolve({ filter: /^node:buffer$|^buffer$/ }, () => ({ path: join(root, 'src/web/node-buffer.ts') }));
    builder.onResolve({ filter: /^node:/ }, (args) => ({
      errors: [{ text: `${args.path} (imported by ${args.importer}) is a Node API: the page cannot use it` }],
    }));
  },
};

const result = await build({
  entryPoints: [join(root, 'src/web/app.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: ['chrome109', 'firefox115', 'safari16'],
  minify: true,
  legalComments: 'none',
  // pdfjs's worker is in the bundle and runs in the page's thread: nothing is fetched.
  define: { 'process.env.NODE_ENV': '"production"' },
  plugins: [browserOnly],
  logLevel: 'warning',
  metafile: true,
});
const script = result.outputFiles[0].text.replace(/<\/(script)/giu, '<\\/$1');
const styles = readFileSync(join(root, 'src/web/styles.css'), 'utf8').replace(/<\/(style)/giu, '<\\/$1');
const template = readFileSync(join(root, 'src/web/index.html'), 'utf8');
const page = template
  .replace('<!--style-->', () => styles)
  .replace('<!--script-->', () => `<script type="module">${script}</script>`);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, page);
if (process.argv.includes('--analyze')) {
  const inputs = Object.entries(result.metafile.outputs)[0][1].inputs;
  const byPackage = new Map();
  for (const [path, { bytesInOutput }] of Object.entries(inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(path)?.[1] ?? 'xxgk-lint';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]))
    console.log(`${(bytes / 1024).toFixed(0).padStart(6)} KB  ${name}`);
}
console.log(`dist/web/index.html: ${(page.length / 1024 / 1024).toFixed(2)} MB`);
