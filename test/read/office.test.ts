import { readFileSync } from 'node:fs';
import { docxToBlocks } from '../../src/read/docx.js';
import { xlsxToBlocks } from '../../src/read/xlsx.js';
import type { Block, RawTable } from '../../src/read/types.js';

const tables = (blocks: Block[]): RawTable[] => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const texts = (table: RawTable): string[][] => table.rows.map((row) => row.cells.map((cell) => cell.text));
const nonBlank = (row: string[] | undefined): string[] => (row ?? []).filter((text) => text !== '');
const bytes = (path: string): Uint8Array => new Uint8Array(readFileSync(path));

describe('docx', () => {
  test('the seed .docx keeps merged cells as blanks beside their group label, with table places as origins', async () => {
    const blocks = await docxToBlocks(bytes('fixtures/docx/seed-2019.docx'));
    const [active, applications, review] = tables(blocks);
    expect(tables(blocks)).toHaveLength(3);
    expect(texts(active!)).toContainEqual(['行政许可', '36', '-3', '392438']);
    expect(texts(active!)).toContainEqual(['政府集中采购', '21', '4449.48万元', '']);
    expect(texts(applications!)[7]!.slice(0, 4)).toEqual(['', '（三）不予公开', '1.属于国家秘密', '无']);
    expect(texts(review!)[3]).toEqual(['0', '0', '0', '2', '2', ...Array(10).fill('0')]);
    const cell = active!.rows[6]!.cells[1]!;
    expect(cell.origin).toEqual({ tableIndex: 1, rowIndex: 7, columnIndex: 2 });
    const order = blocks.map((b) => (b.kind === 'table' ? 'table' : b.text));
    expect(order.indexOf('三、收到和处理政府信息公开申请情况')).toBe(order.indexOf('table') + 1);
  });

  test('the 2021 .docx has the numbers of table 三', async () => {
    const [, applications] = tables(await docxToBlocks(bytes('fixtures/docx/clean-2021.docx')));
    expect(texts(applications!)[3]).toEqual([
      '一、本年新收政府信息公开申请数量',
      '',
      '',
      '120',
      '10',
      '0',
      '2',
      '3',
      '5',
      '140',
    ]);
  });

  test('a file that is not a zip gives not-office-file at byte 0', async () => {
    await expect(docxToBlocks(bytes('fixtures/broken/not-a-zip.docx'))).rejects.toMatchObject({
      messageId: 'not-office-file',
      data: { format: 'docx', offset: 0 },
    });
  });
});

describe('xlsx', () => {
  test('the seed .xlsx (one sheet, written by LibreOffice) gives the three tables on their own columns (the shared finer grid dropped), with sheet and cell references', async () => {
    const blocks = await xlsxToBlocks(bytes('fixtures/xlsx/seed-2019.xlsx'));
    const [active, applications, review] = tables(blocks);
    expect(tables(blocks)).toHaveLength(3);
    expect(texts(active!).map(nonBlank)).toContainEqual(['行政许可', '36', '-3', '392438']);
    expect(texts(active!).map(nonBlank)).toContainEqual(['政府集中采购', '21', '4449.48万元']);
    expect(texts(active!).map(nonBlank)).toContainEqual([
      '信息内容',
      '本年新 制作数量',
      '本年新 公开数量',
      '对外公开总数量',
    ]);
    expect(texts(applications!).map(nonBlank)[7]).toEqual(['（三）不予公开', '1.属于国家秘密', '无']);
    expect(texts(review!).at(-1)).toEqual(['0', '0', '0', '2', '2', ...Array(10).fill('0')]);
    expect(texts(active!)[6]).toEqual(['行政许可', '36', '-3', '392438']);
    const row = active!.rows.find((r) => r.cells[0]?.text === '行政处罚')!;
    const value = row.cells.find((c) => c.text === '-68')!;
    expect(value.origin).toMatchObject({ sheet: 'Sheet1', ref: 'L15', tableIndex: 1 });
    const order = blocks.map((b) => (b.kind === 'table' ? 'table' : b.text));
    expect(order.indexOf('二、主动公开政府信息情况')).toBe(order.indexOf('table') - 1);
  });

  test('the 2021 .xlsx (a sheet per table, numbers as numbers) reads the table of each sheet', async () => {
    const blocks = await xlsxToBlocks(bytes('fixtures/xlsx/clean-2021.xlsx'));
    const [active, applications, review] = tables(blocks);
    expect(blocks.filter((b) => b.kind === 'text').map((b) => (b.kind === 'text' ? b.text : ''))).toEqual(
      expect.arrayContaining(['三、收到和处理政府信息公开申请情况']),
    );
    expect(texts(active!)).toContainEqual(['行政事业性收费', '96.5', '', '']);
    expect(texts(applications!)[4]).toEqual([
      '二、上年结转政府信息公开申请数量',
      '',
      '',
      '5',
      '1',
      '0',
      '0',
      '0',
      '0',
      '6',
    ]);
    expect(texts(applications!)[6]!.slice(0, 4)).toEqual([
      '',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '',
      '10',
    ]);
    expect(applications!.rows[4]!.cells[3]!.origin).toMatchObject({
      sheet: '三 依申请公开',
      ref: 'D7',
      rowIndex: 5,
      columnIndex: 4,
    });
    expect(texts(review!)[3]).toEqual(['3', '1', '1', '2', '7', '2', '0', '1', '1', '4', '1', '0', '0', '0', '1']);
  });

  test('a damaged .xlsx gives damaged-office-file', async () => {
    await expect(xlsxToBlocks(bytes('fixtures/broken/damaged.xlsx'))).rejects.toMatchObject({
      messageId: 'damaged-office-file',
      data: { format: 'xlsx' },
    });
  });
});
