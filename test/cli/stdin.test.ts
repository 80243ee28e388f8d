import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stdinFormat } from '../../src/cli/stdin-format.js';
import { fixtureFiles, ROOT } from '../helpers/lint.js';
import { runWith } from '../helpers/memory-io.js';

const bytes = (path: string) => new Uint8Array(readFileSync(join(ROOT, path)));

describe('standard input is read by its content', () => {
  it.each(fixtureFiles().filter((path) => /^(csv|text|html|json)\/[^/]+$/u.test(path)))(
    'reads %s piped in without a name as what it is',
    (path) => {
      const expected = path.endsWith('.md')
        ? 'markdown'
        : path.startsWith('csv/')
          ? 'csv'
          : path.startsWith('text/')
            ? 'text'
            : undefined;
      expect(stdinFormat(bytes(`fixtures/${path}`), undefined)).toBe(expected);
    },
  );

  it('leaves the format to a --stdin-filename with a known extension, and to the bytes when they are not text', () => {
    expect(stdinFormat(bytes('fixtures/csv/seed-2019.csv'), 'report.md')).toBeUndefined();
    expect(stdinFormat(bytes('fixtures/csv/seed-2019.csv'), 'report.txt')).toBeUndefined();
    expect(stdinFormat(bytes('fixtures/csv/seed-2019.csv'), 'report')).toBe('csv');
    expect(stdinFormat(bytes('fixtures/pdf/huaian-2024.pdf'), undefined)).toBeUndefined();
    expect(stdinFormat(new TextEncoder().encode('table,row,column,value\ntemplate,,,2019\n'), undefined)).toBe('csv');
  });

  it.each([
    ['fixtures/json/seed-2019.json', 'json'],
    ['fixtures/csv/seed-2019.csv', 'csv'],
    ['fixtures/text/seed-2019.md', 'markdown'],
    ['fixtures/text/seed-2019.txt', 'text'],
    ['fixtures/html/seed-2019.html', 'html'],
  ])('lints %s from standard input as %s and finds its template', async (path, format) => {
    const run = await runWith(['-f', 'json', '-'], { stdin: bytes(path) });
    const file = JSON.parse(run.stdout).files[0];
    expect(file).toMatchObject({ file: '<stdin>', format, template: '2019' });
  });

  it('names standard input by --stdin-filename, whose extension guides the format', async () => {
    const named = await runWith(['-f', 'json', '-', '--stdin-filename', 'reports/某局.csv'], {
      stdin: bytes('fixtures/csv/seed-2019.csv'),
    });
    expect(JSON.parse(named.stdout).files[0]).toMatchObject({ file: 'reports/某局.csv', format: 'csv' });
    const forced = await runWith(['-f', 'json', '-', '--input-format', 'text'], {
      stdin: bytes('fixtures/csv/seed-2019.csv'),
    });
    expect(JSON.parse(forced.stdout).files[0]).toMatchObject({ format: 'text' });
  });

  it('reports standard input over the size limit as an input error', async () => {
    const run = await runWith(['--locale', 'en', '--max-file-size', '0.001', '-'], {
      stdin: bytes('fixtures/json/seed-2019.json'),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('<stdin>');
  });
});
