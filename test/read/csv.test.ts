import { readFileSync } from 'node:fs';
import { csvToBlocks, isLongCsv, parseCsv, readLongCsvText } from '../../src/read/csv.js';
import { InputError, type Block, type RawTable } from '../../src/read/types.js';

const tables = (blocks: Block[]): RawTable[] => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const texts = (table: RawTable): string[][] => table.rows.map((row) => row.cells.map((cell) => cell.text));
const utf8 = (path: string): string => new TextDecoder('utf-8').decode(readFileSync(path));

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('parseCsv', () => {
  test('quotes, doubled quotes, commas and line breaks inside quotes, CRLF, with field positions', () => {
    const records = parseCsv('a,"b,""c""",d\r\n"x\ny",z\n');
    expect(records.map((r) => r.fields.map((f) => f.text))).toEqual([
      ['a', 'b,"c"', 'd'],
      ['x\ny', 'z'],
    ]);
    expect(records[1]!.fields[1]).toMatchObject({ line: 3, column: 4 });
    expect(records[0]!.fields[2]).toMatchObject({ line: 1, column: 13 });
  });

  test('a BOM is skipped and does not shift columns; blank lines are empty records', () => {
    const records = parseCsv('\uFEFFa,b\n\nc');
    expect(records.map((r) => r.fields.map((f) => f.text))).toEqual([['a', 'b'], [''], ['c']]);
    expect(records[0]!.fields[1]).toMatchObject({ line: 1, column: 3 });
  });

  test('an unclosed quote gives csv-unbalanced-quote at the opening quote', () => {
    const error = thrown(() => parseCsv('a,b\nc,"d,e\nf,g\n'));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ messageId: 'csv-unbalanced-quote', data: { line: 2, column: 3 } });
  });

  test('the broken fixture names its line and column', () => {
    const text = utf8('fixtures/broken/unbalanced-quote.csv');
    const line = text.split(/\r?\n/u).findIndex((l) => l.startsWith('"行政处罚')) + 1;
    expect(thrown(() => csvToBlocks(text))).toMatchObject({
      messageId: 'csv-unbalanced-quote',
      data: { line, column: 1 },
    });
  });
});

describe('csvToBlocks on the seed CSV', () => {
  const blocks = csvToBlocks(utf8('fixtures/csv/seed-2019.csv'));
  const [active, applications, review] = tables(blocks);

  test('three tables, each after its heading, narrative as text', () => {
    expect(tables(blocks)).toHaveLength(3);
    const order = blocks.map((b) => (b.kind === 'table' ? `table${b.table.origin.tableIndex}` : b.text));
    expect(order.slice(0, 2)).toEqual(['一、总体情况', expect.stringMatching(/^2019年/u)]);
    expect(order.indexOf('二、主动公开政府信息情况')).toBe(order.indexOf('table1') - 1);
    expect(order.indexOf('三、收到和处理政府信息公开申请情况')).toBe(order.indexOf('table2') - 1);
    expect(order.indexOf('四、政府信息公开行政复议、行政诉讼情况')).toBe(order.indexOf('table3') - 1);
    expect(order.slice(-2)).toEqual(['六、其他需要报告的事项', '无。']);
  });

  test('values and labels as in the seed; merged cells are blanks', () => {
    expect(texts(active!)).toContainEqual(['行政许可', '36', '-3', '392438']);
    expect(texts(active!)).toContainEqual(['政府集中采购', '21', '4449.48万元', '']);
    expect(texts(applications!)[7]!.slice(0, 4)).toEqual(['', '（三）不予公开', '1.属于国家秘密', '无']);
    expect(texts(review!)[3]).toEqual(['0', '0', '0', '2', '2', ...Array(10).fill('0')]);
  });

  test('origins: line and column of the field, and its table place', () => {
    const row = active!.rows.find((r) => r.cells[0]?.text === '行政处罚')!;
    expect(row.cells[2]!.origin).toMatchObject({ column: 10, tableIndex: 1, rowIndex: 11, columnIndex: 3 });
    const lines = utf8('fixtures/csv/seed-2019.csv').split('\r\n');
    expect(lines[row.cells[2]!.origin.line! - 1]).toBe('行政处罚,819,-68,790083');
  });

  test('the GBK file has the same grid once decoded', () => {
    const gbk = csvToBlocks(new TextDecoder('gbk').decode(readFileSync('fixtures/csv/seed-2019.gbk.csv')));
    expect(tables(gbk).map(texts)).toEqual(tables(blocks).map(texts));
  });
});

test('a table per file, or tables separated by blank rows only, are split', () => {
  const blocks = csvToBlocks('第二十条第（一）项,,\n信息内容,a,b\n规章,1,2\n,,\n行政复议,,\n结果维持,总计,\n1,1,\n');
  expect(tables(blocks).map(texts)).toEqual([
    [
      ['第二十条第（一）项', '', ''],
      ['信息内容', 'a', 'b'],
      ['规章', '1', '2'],
    ],
    [
      ['行政复议', ''],
      ['结果维持', '总计'],
      ['1', '1'],
    ],
  ]);
});

describe('long form', () => {
  test('is detected by its header', () => {
    expect(isLongCsv(utf8('fixtures/csv/seed-2019.long.csv'))).toBe(true);
    expect(isLongCsv('\uFEFF"Table", row ,column,value\n')).toBe(true);
    expect(isLongCsv(utf8('fixtures/csv/seed-2019.csv'))).toBe(false);
  });

  test('builds the document with JSON keys and locates each value', () => {
    const text = utf8('fixtures/csv/seed-2019.long.csv');
    const result = readLongCsvText(text);
    expect(result.document).toMatchObject({ template: '2019', year: 2019, agency: '市公安局' });
    expect(result.document.active?.['licensing']).toEqual({ previousItems: '36', change: '-3', decisions: '392438' });
    expect(result.document.active?.['procurement']).toEqual({ projects: '21', amount: '4449.48万元' });
    expect(result.document.reviewLitigation?.['review']).toEqual({
      upheld: '0',
      corrected: '0',
      other: '0',
      pending: '2',
      total: '2',
    });
    expect(Object.keys(result.document.applications ?? {})).toHaveLength(23);
    const origin = result.locate('/active/penalty/change')!;
    expect(text.split('\n')[origin.line! - 1]).toBe('active,penalty,change,-68');
    expect(origin.column).toBe(23);
    expect(result.locate('/active/penalty')).toMatchObject({ line: expect.any(Number) });
  });

  test('a wrong header is csv-long-header', () => {
    expect(thrown(() => readLongCsvText('a,b\n'))).toMatchObject({ messageId: 'csv-long-header' });
  });
});
