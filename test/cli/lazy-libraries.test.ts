import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/lint.js';

const BIN = join(ROOT, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin['xxgk-lint'] as string);
const HEAVY = ['pdfjs', 'jszip', 'htmlparser2', 'opencc-js'];
/** Where a library's files are loaded from: node_modules, or (pdfjs) the package's own copy in dist/vendor. */
const PLACES = (name: string): string[] => [`/node_modules/${name}/`, `/dist/vendor/${name}/`];

let folder = '';
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'xxgk-lazy-'));
  // ESM imports are seen by a resolve hook (it runs in its own thread, so it appends to a file), CommonJS loads are
  // read from require.cache at exit: together, every file of node_modules the run loaded.
  writeFileSync(
    join(folder, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function resolve(specifier, context, next) { const resolved = await next(specifier, context); appendFileSync(process.env.XXGK_LOADS, resolved.url + '\\n'); return resolved; }\n",
  );
  writeFileSync(
    join(folder, 'preload.cjs'),
    [
      "const { appendFileSync } = require('node:fs');",
      `require('node:module').register(${JSON.stringify(pathToFileURL(join(folder, 'hooks.mjs')).href)});`,
      "process.on('exit', () => appendFileSync(process.env.XXGK_LOADS, [...Object.keys(require.cache), ...process.moduleLoadList].join('\\n')));",
    ].join('\n'),
  );
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The packages of HEAVY whose files a real CLI run on `files` loaded. */
function heavyLoaded(files: string[]): string[] {
  const out = join(folder, 'loads.txt');
  rmSync(out, { force: true });
  const run = spawnSync(process.execPath, ['--require', join(folder, 'preload.cjs'), BIN, ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, XXGK_LOADS: out },
  });
  expect(run.stderr).toBe('');
  const loads = readFileSync(out, 'utf8').split('\n');
  // The run's own modules were seen, so an empty answer is not a blind hook.
  expect(loads.some((path) => path.endsWith('dist/bundle/cli.cjs') || path.endsWith('bin/xxgk-lint.cjs'))).toBe(true);
  return HEAVY.filter((name) => loads.some((path) => PLACES(name).some((place) => path.includes(place))));
}

describe('the reader libraries load only when a file needs them', () => {
  it('linting one JSON report loads none of pdfjs, jszip, htmlparser2, opencc-js', () => {
    expect(heavyLoaded(['fixtures/json/seed-2019.json'])).toEqual([]);
  });

  it("linting one JSON report loads neither node:http (for `xxgk-lint web`) nor node:child_process (commander's subcommands)", () => {
    const out = join(folder, 'loads.txt');
    rmSync(out, { force: true });
    const run = spawnSync(
      process.execPath,
      ['--require', join(folder, 'preload.cjs'), BIN, 'fixtures/json/seed-2019.json'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, XXGK_LOADS: out } },
    );
    expect(run.status).toBe(0);
    const loads = readFileSync(out, 'utf8').split('\n');
    expect(loads).toContain('NativeModule fs');
    expect(loads.filter((entry) => entry === 'NativeModule http' || entry === 'NativeModule child_process')).toEqual(
      [],
    );
  });

  it('an xlsx loads jszip (its XML is read by src/read/xml.ts), a .docx jszip and htmlparser2, a PDF pdfjs, a page htmlparser2, and nothing else of them', () => {
    expect(heavyLoaded(['fixtures/xlsx/seed-2019.xlsx'])).toEqual(['jszip']);
    // The .docx reader unzips with jszip and reads the HTML it makes of the main part with htmlparser2.
    expect(heavyLoaded(['fixtures/docx/seed-2019.docx'])).toEqual(['jszip', 'htmlparser2']);
    expect(heavyLoaded(['fixtures/pdf/huaian-2024.pdf'])).toEqual(['pdfjs']);
    expect(heavyLoaded(['fixtures/html/seed-2019.gbk.html'])).toEqual(['htmlparser2']);
  });
});
