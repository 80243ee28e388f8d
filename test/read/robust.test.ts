import { readFileSync } from 'node:fs';
import { readBytes } from '../../src/pipeline/lint.js';
import { InputError, type InputFormat } from '../../src/read/types.js';

async function outcome(bytes: Uint8Array, format: InputFormat): Promise<string> {
  try {
    const result = await readBytes(bytes, 'cut', { inputFormat: format });
    return result.format;
  } catch (error) {
    if (error instanceof InputError) return error.messageId;
    throw error;
  }
}

test.each([
  ['fixtures/html/seed-2019.html', 'html'],
  ['fixtures/html/clean-2021.html', 'html'],
  ['fixtures/csv/clean-2021.csv', 'csv'],
  ['fixtures/csv/seed-2019.long.csv', 'csv'],
] as const)('%s cut at any of 40 places reads or gives an InputError, never a crash', async (file, format) => {
  const bytes = new Uint8Array(readFileSync(file));
  const seen = new Set<string>();
  for (let i = 1; i <= 40; i++) seen.add(await outcome(bytes.subarray(0, Math.floor((bytes.length * i) / 41)), format));
  expect(
    [...seen].every((kind) =>
      ['html', 'csv', 'csv-long', 'html-truncated', 'csv-unbalanced-quote', 'undecodable', 'empty-file'].includes(kind),
    ),
  ).toBe(true);
});

test.each([
  ['fixtures/docx/seed-2019.docx', 'xlsx'],
  ['fixtures/xlsx/seed-2019.xlsx', 'docx'],
  ['fixtures/docx/seed-2019.docx', 'docx'],
  ['fixtures/xlsx/clean-2021.xlsx', 'xlsx'],
] as const)('%s read as %s, and cut short, gives a result or an InputError', async (file, format) => {
  const bytes = new Uint8Array(readFileSync(file));
  for (const end of [bytes.length, Math.floor(bytes.length / 2), 30]) {
    expect(['docx', 'xlsx', 'damaged-office-file', 'not-office-file']).toContain(
      await outcome(bytes.subarray(0, end), format),
    );
  }
});

test('empty and binary inputs give empty-file and binary-file', async () => {
  expect(await outcome(new Uint8Array(), 'html')).toBe('empty-file');
  expect(await outcome(new Uint8Array(), 'csv')).toBe('empty-file');
  expect(await outcome(new Uint8Array(), 'docx')).toBe('empty-file');
  expect(await outcome(new Uint8Array([0x3c, 0x70, 0x3e, 0x00, 0x01, 0x02]), 'html')).toBe('binary-file');
});

test('a page with no tables reads, and the mapper reports the missing tables', async () => {
  const result = await readBytes(
    new TextEncoder().encode('<h1>某局2021年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>正文。</p>'),
    'x.html',
    { inputFormat: 'html' },
  );
  expect(result.findings.map((f) => f.ruleId)).toContain('missing-table');
});
