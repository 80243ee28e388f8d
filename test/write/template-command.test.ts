import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { nodeIO } from '../../src/cli/node-io.js';
import { templateFormatOf } from '../../src/cli/template-command.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { runWith } from '../helpers/memory-io.js';

describe('xxgk-lint template', () => {
  it('writes the blank JSON to standard output with no file named', async () => {
    const run = await runWith(['template', '2021']);
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual([
      'template',
      'agency',
      'active',
      'applications',
      'reviewLitigation',
      'narrative',
    ]);
    expect(document['template']).toBe('2021');
  });

  it('takes the format from the file name and fills the title from --year and --agency', async () => {
    const run = await runWith([
      'template',
      '2019',
      '-o',
      'out/2020年报.xlsx',
      '--year',
      '2020',
      '--agency',
      '某县民政局',
    ]);
    expect(run.code).toBe(0);
    const bytes = run.writtenBytes.get('out/2020年报.xlsx');
    expect(bytes).toBeDefined();
    const result = await lintBytes(bytes!, '2020年报.xlsx');
    expect([result.template, result.year, result.agency]).toEqual(['2019', 2020, '某县民政局']);
  });

  it('writes Markdown and the long CSV to standard output by --format', async () => {
    const markdown = await runWith(['template', '2021', '--format', 'md']);
    expect(markdown.stdout).toMatch(/^# （机关名称）____年政府信息公开工作年度报告\n/u);
    expect(markdown.stdout).toContain('| 第二十条第（一）项 |  |  |  |');
    const long = await runWith(['template', '2021', '--format', 'csv-long']);
    expect(long.stdout.split('\r\n').slice(0, 3)).toEqual(['table,row,column,value', 'template,,,2021', 'agency,,,']);
  });

  it('refuses a binary format on standard output and a file name without a known extension (exit 2)', async () => {
    const binary = await runWith(['template', '2021', '--format', 'docx']);
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('-o');
    const unknown = await runWith(['template', '2021', '-o', 'report.txt']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('report.txt');
    const badTemplate = await runWith(['template', '2020']);
    expect(badTemplate.code).toBe(2);
  });

  it('names formats by extension, .long.csv as the long CSV', () => {
    expect(
      ['a.xlsx', 'a.DOCX', 'a.csv', 'a.long.csv', 'a.json', 'a.md', 'a.markdown', 'a.txt'].map(templateFormatOf),
    ).toEqual(['xlsx', 'docx', 'csv', 'csv-long', 'json', 'md', 'md', undefined]);
  });

  it('writes the real file through a temporary file in the same folder, leaving no temporary file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xxgk-template-'));
    try {
      const target = join(folder, '2024年报.docx');
      expect(
        await main(['template', '2021', '-o', target], {
          ...nodeIO(),
          stdout: () => undefined,
          stderr: () => undefined,
        }),
      ).toBe(0);
      expect(readdirSync(folder)).toEqual(['2024年报.docx']);
      const result = await lintBytes(new Uint8Array(readFileSync(target)), target);
      expect(result.template).toBe('2021');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
