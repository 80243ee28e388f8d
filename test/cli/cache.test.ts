import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheKey } from '../../src/pipeline/node-cache.js';
import { writePairedCorpus } from '../helpers/corpus.js';
import { ROOT } from '../helpers/lint.js';
import { runCliAfter, tempDirEach } from '../helpers/process.js';

const work = tempDirEach('xxgk-cache-');

function run(args: readonly string[]) {
  return runCliAfter(args, work.path);
}

/** Every cache entry under the folder, by path relative to it. */
function entries(location = '.xxgklintcache'): string[] {
  return readdirSync(join(work.path, location), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function setUp(): void {
  writePairedCorpus(join(work.path, 'reports'), 4, 2);
  cpSync(join(ROOT, 'fixtures/pdf/hongze-2023.pdf'), join(work.path, 'reports/hongze-2023.pdf'));
}

describe('--cache', () => {
  test.each([['1'], ['2']])(
    'with --concurrency %s: the second run gives the same output from the entries the first wrote',
    (concurrency) => {
      setUp();
      const first = run(['reports', '--cache', '--concurrency', concurrency, '-f', 'json']);
      expect(first.status).toBe(1);
      const written = entries();
      expect(written).toHaveLength(9);
      expect(written.every((path) => path.endsWith('.json'))).toBe(true);
      const second = run(['reports', '--cache', '--concurrency', concurrency, '-f', 'json']);
      expect(second.stdout).toBe(first.stdout);
      expect(second.status).toBe(first.status);
      expect(entries()).toEqual(written);
    },
  );

  test('an unchanged file is not checked again: its entry is what the run reports', () => {
    setUp();
    run(['reports', '--cache']);
    // Rewrite every entry of the PDF as a result without findings: a run that reads the entry shows none for it.
    for (const path of entries()) {
      const entry = JSON.parse(readFileSync(path, 'utf8')) as { file: string; diagnostics: unknown[] };
      if (entry.file.endsWith('.pdf')) writeFileSync(path, JSON.stringify({ ...entry, diagnostics: [] }));
    }
    const cached = JSON.parse(run(['reports', '--cache', '-f', 'json']).stdout) as {
      files: Array<{ file: string; diagnostics: unknown[] }>;
    };
    expect(cached.files.find((file) => file.file.endsWith('.pdf'))?.diagnostics).toEqual([]);
    const fresh = JSON.parse(run(['reports', '-f', 'json']).stdout) as {
      files: Array<{ file: string; diagnostics: unknown[] }>;
    };
    expect(fresh.files.find((file) => file.file.endsWith('.pdf'))?.diagnostics.length).toBeGreaterThan(0);
  });

  test('a changed file, changed rule settings or a changed configuration are checked again', () => {
    setUp();
    run(['reports', '--cache']);
    const report = join(work.path, 'reports/0000-2021.json');
    writeFileSync(report, readFileSync(report, 'utf8').replace('"naturalPerson": 9', '"naturalPerson": 10'));
    const afterEdit = run(['reports', '--cache', '-f', 'json']);
    expect(afterEdit.stdout).toBe(run(['reports', '-f', 'json']).stdout);
    expect(entries()).toHaveLength(10);
    const withRule = run(['reports', '--cache', '-f', 'json', '--rule', 'applications-row-total:off']);
    expect(withRule.stdout).toBe(run(['reports', '-f', 'json', '--rule', 'applications-row-total:off']).stdout);
    writeFileSync(join(work.path, 'xxgk-lint.config.json'), JSON.stringify({ strict: true }));
    const strict = run(['reports', '--cache', '-f', 'json']);
    expect(strict.stdout).toBe(run(['reports', '-f', 'json']).stdout);
  });

  test('a file first checked alone is checked again when a run pairs it with another year (its entry lacked the compared cells)', () => {
    for (const name of ['report-2022.json', 'report-2023.json'])
      cpSync(join(ROOT, 'fixtures/json/continuity/2021-broken', name), join(work.path, name));
    run(['report-2023.json', '--cache']);
    const paired = run(['report-2022.json', 'report-2023.json', '--cache', '-f', 'json']);
    expect(paired.stdout).toBe(run(['report-2022.json', 'report-2023.json', '-f', 'json']).stdout);
    expect(paired.stdout).toContain('carryover-continuity');
  });

  test('a damaged entry is said on stderr, not trusted, and the file is checked again', () => {
    setUp();
    const first = run(['reports', '--cache', '-f', 'json']);
    const [damaged] = entries();
    writeFileSync(damaged!, '{"file": "trunc');
    const second = run(['reports', '--cache', '-f', 'json']);
    expect(second.stderr).toContain('the cache entry');
    expect(second.stderr).toContain('is damaged');
    expect(second.stdout).toBe(first.stdout);
    // Checked again and written whole.
    expect(() => JSON.parse(readFileSync(damaged!, 'utf8'))).not.toThrow();
  });

  test('--cache-location picks the folder; a file in its place is said and the run goes on without a cache', () => {
    setUp();
    expect(run(['reports', '--cache', '--cache-location', 'build/lint-cache']).status).toBe(1);
    expect(entries('build/lint-cache')).toHaveLength(9);
    writeFileSync(join(work.path, 'not-a-folder'), 'x');
    const result = run(['reports', '--cache', '--cache-location', 'not-a-folder', '-f', 'json']);
    expect(result.stderr).toContain('cannot use not-a-folder as the cache');
    expect(result.stdout).toBe(run(['reports', '-f', 'json']).stdout);
  });

  test('no temporary file is left beside the entries', () => {
    setUp();
    run(['reports', '--cache', '--concurrency', '2']);
    expect(entries().filter((path) => path.endsWith('.tmp'))).toEqual([]);
  });
});

describe('cacheKey', () => {
  test('changes with the version and with any setting, not with the order of the kept cells', () => {
    const base = cacheKey('1.0.0', { strict: false, cells: new Set(['/a', '/b']) });
    expect(cacheKey('1.0.0', { strict: false, cells: new Set(['/b', '/a']) })).toBe(base);
    expect(cacheKey('1.0.1', { strict: false, cells: new Set(['/a', '/b']) })).not.toBe(base);
    expect(cacheKey('1.0.0', { strict: true, cells: new Set(['/a', '/b']) })).not.toBe(base);
    expect(cacheKey('1.0.0', { strict: false, cells: true })).not.toBe(base);
    expect(
      cacheKey('1.0.0', { strict: false, cells: new Set(['/a', '/b']), rules: { 'applications-row-total': 'off' } }),
    ).not.toBe(base);
  });
});
