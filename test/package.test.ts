import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/lint.js';
import { tempDirEach } from './helpers/process.js';

const consumer = tempDirEach('xxgk-package-');

/** Runs a script in a folder whose node_modules/xxgk-lint is this checkout, as a project that depends on it. */
function asDependent(script: string, type: 'commonjs' | 'module') {
  mkdirSync(join(consumer.path, 'node_modules'), { recursive: true });
  symlinkSync(ROOT, join(consumer.path, 'node_modules/xxgk-lint'), 'dir');
  return spawnSync(process.execPath, [`--input-type=${type}`, '-e', script], {
    cwd: consumer.path,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  files: string[];
  license: string;
};

describe('the package as a dependent project sees it', () => {
  test('require() gives the library and its core (no warning, no flag)', () => {
    const result = asDependent(
      "const lib = require('xxgk-lint'); const core = require('xxgk-lint/core'); console.log(typeof lib.lint, typeof lib.lintFiles, typeof lib.format, Array.isArray(lib.rules), typeof core.lint);",
      'commonjs',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('function function function true function');
  });

  test('import gives the same', () => {
    const result = asDependent(
      "const lib = await import('xxgk-lint'); const checked = await lib.lint({ template: '2021' }, { file: 'r.json' }); console.log(typeof lib.lint, checked.file);",
      'module',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('function r.json');
  });

  test('ships a LICENSE matching package.json, a changelog, and builds on publish, not on install', () => {
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(existsSync(join(ROOT, 'CHANGELOG.md'))).toBe(true);
    expect(manifest.files).toEqual(expect.arrayContaining(['LICENSE', 'CHANGELOG.md', 'dist', 'schemas', 'bin']));
    expect(manifest.scripts['prepare']).toBeUndefined();
    expect(manifest.scripts['install']).toBeUndefined();
    expect(manifest.scripts['postinstall']).toBeUndefined();
    expect(manifest.scripts['prepublishOnly']).toContain('npm run build');
  });
});

describe('the package as npm installs it', () => {
  // npm pack, then npm install --omit=dev of the tarball into an empty folder (the registry serves its dependencies).
  test('installs in at most 60 MB and its own CLI reads a PDF, a .docx, an .xlsx, a page and a JSON report', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/install-size.mjs'), '--max-mb', '60', '--smoke'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^installed size: \d+\.\d MB in \d+ packages/);
    expect(result.stdout.match(/^smoke: read /gmu)).toHaveLength(5);
    expect(result.stdout).not.toContain('FAILED');
    expect(result.status).toBe(0);
    // pdfjs is the package's own copy of the files it runs, not pdfjs-dist whole with the canvas it renders with.
    expect(result.stdout).not.toMatch(/ MB {2}(pdfjs-dist|@napi-rs\/canvas)/u);
  }, 320_000);
});
