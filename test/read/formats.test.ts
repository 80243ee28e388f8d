import { readFileSync } from 'node:fs';
import { formatDecimal } from '../../src/model/decimal.js';
import { getTemplate } from '../../src/model/template.js';
import type { ReportDocument, TemplateId } from '../../src/model/types.js';
import { readValue } from '../../src/model/values.js';
import { readBytes } from '../../src/pipeline/lint.js';
import type { InputFormat, ReadResult } from '../../src/read/types.js';

async function read(file: string, format?: InputFormat): Promise<ReadResult> {
  return readBytes(new Uint8Array(readFileSync(file)), file, format ? { inputFormat: format } : {});
}

/** Every template cell's value as the value reader sees it, so 无 and 0, 萬元 and 万元, '36' and 36 compare equal. */
function values(document: ReportDocument): Record<string, string> {
  const template = getTemplate(document.template as TemplateId);
  const out: Record<string, string> = {};
  for (const cell of template.cells) {
    const raw = document[cell.table]?.[cell.row]?.[cell.column];
    const { value } = readValue(raw, { kind: cell.kind, unitInHeader: cell.unitInHeader });
    out[cell.pointer] =
      value.kind === 'number' ? String(value.value) : value.kind === 'money' ? formatDecimal(value.value) : value.kind;
  }
  return out;
}

const SEED = [
  'fixtures/html/seed-2019.html',
  'fixtures/html/seed-2019.gbk.html',
  'fixtures/csv/seed-2019.csv',
  'fixtures/csv/seed-2019.gbk.csv',
  'fixtures/csv/seed-2019.long.csv',
  'fixtures/docx/seed-2019.docx',
  'fixtures/xlsx/seed-2019.xlsx',
];
const CLEAN_2021 = [
  'fixtures/html/clean-2021.html',
  'fixtures/csv/clean-2021.csv',
  'fixtures/csv/clean-2021.long.csv',
  'fixtures/docx/clean-2021.docx',
  'fixtures/xlsx/clean-2021.xlsx',
];
const WRONG_2021 = [
  'fixtures/html/wrong-cell-2021.html',
  'fixtures/csv/wrong-cell-2021.csv',
  'fixtures/xlsx/wrong-cell-2021.xlsx',
];

describe('the seed reads to the same values in every format', () => {
  let twin: Record<string, string>;
  beforeAll(async () => {
    twin = values((await read('fixtures/json/seed-2019.json')).document);
  });

  test.each(SEED)('%s', async (file) => {
    const result = await read(file);
    expect(result.document).toMatchObject({ template: '2019', year: 2019 });
    const got = values(result.document);
    expect(got).toEqual(twin);
    expect(got).toMatchObject({
      '/active/licensing/previousItems': '36',
      '/active/licensing/change': '-3',
      '/active/licensing/decisions': '392438',
      '/active/penalty/change': '-68',
      '/active/coercion/decisions': '2864',
      '/active/procurement/projects': '21',
      '/active/procurement/amount': '4449.48',
      '/reviewLitigation/review/pending': '2',
      '/reviewLitigation/review/total': '2',
      '/applications/total/total': '0',
    });
    expect(
      result.findings.map((f) => f.ruleId).filter((id) => !['collapsed-row', 'narrative-mixed-script'].includes(id)),
    ).toEqual([]);
  });
});

describe('the 2021 report reads to the same values in every format', () => {
  let twin: Record<string, string>;
  beforeAll(async () => {
    twin = values((await read('fixtures/csv/clean-2021.long.csv')).document);
  });

  test.each(CLEAN_2021)('%s', async (file) => {
    const result = await read(file);
    expect(result.document).toMatchObject({ template: '2021', year: 2021 });
    expect(values(result.document)).toEqual(twin);
    expect(result.findings).toEqual([]);
  });

  test.each(WRONG_2021)('%s differs in one cell of table 三', async (file) => {
    const got = values((await read(file)).document);
    const differing = Object.keys(twin).filter((pointer) => got[pointer] !== twin[pointer]);
    expect(differing).toEqual(['/applications/partlyGranted/naturalPerson']);
    expect(got['/applications/partlyGranted/naturalPerson']).toBe('11');
  });
});

describe('formats and origins', () => {
  test('a .csv with the long header is read as csv-long; the encoding is reported', async () => {
    expect((await read('fixtures/csv/seed-2019.long.csv')).format).toBe('csv-long');
    expect((await read('fixtures/csv/seed-2019.csv')).encoding).toBe('utf-8 (BOM)');
    expect((await read('fixtures/csv/seed-2019.gbk.csv')).encoding).toBe('gb18030');
    expect((await read('fixtures/html/seed-2019.gbk.html')).encoding).toBe('gbk');
  });

  test('values point back into the file: line/column, sheet/ref, or table place', async () => {
    const pointer = '/active/penalty/change';
    expect((await read('fixtures/csv/seed-2019.csv')).locate(pointer)).toMatchObject({ line: 14, column: 10 });
    expect((await read('fixtures/html/seed-2019.html')).locate(pointer)).toMatchObject({
      line: expect.any(Number),
      column: expect.any(Number),
      tableIndex: 1,
      rowIndex: 11,
      columnIndex: 3,
    });
    expect((await read('fixtures/xlsx/seed-2019.xlsx')).locate(pointer)).toMatchObject({ sheet: 'Sheet1', ref: 'L15' });
    expect((await read('fixtures/docx/seed-2019.docx')).locate(pointer)).toMatchObject({
      tableIndex: 1,
      rowIndex: 11,
      columnIndex: 3,
    });
    expect((await read('fixtures/csv/seed-2019.long.csv')).locate(pointer)).toMatchObject({
      line: expect.any(Number),
      column: 23,
    });
  });
});

describe('broken files give one InputError with its place', () => {
  test.each([
    ['fixtures/broken/truncated.html', { messageId: 'html-truncated', data: { tableIndex: 2, line: 81, column: 1 } }],
    ['fixtures/broken/unbalanced-quote.csv', { messageId: 'csv-unbalanced-quote', data: { line: 13, column: 1 } }],
    ['fixtures/broken/not-a-zip.docx', { messageId: 'not-office-file', data: { format: 'docx', offset: 0 } }],
    [
      'fixtures/broken/damaged.xlsx',
      { messageId: 'damaged-office-file', data: { format: 'xlsx', detail: expect.any(String) } },
    ],
  ])('%s', async (file, expected) => {
    await expect(read(file)).rejects.toMatchObject({ name: 'InputError', ...expected });
  });
});
