import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
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

  const NS =
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  /** A workbook made part by part: each sheet's sheetData (and merges), optional shared strings, styles, workbookPr. */
  async function workbook(
    sheets: { name: string; data: string; state?: string; merges?: string[]; target?: string }[],
    parts: { shared?: string; styles?: string; workbookPr?: string } = {},
  ): Promise<Uint8Array> {
    const zip = new JSZip();
    const entries = sheets
      .map(
        (s, i) =>
          `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
      )
      .join('');
    zip.file('xl/workbook.xml', `<workbook ${NS}>${parts.workbookPr ?? ''}<sheets>${entries}</sheets></workbook>`);
    const rels = sheets.map(
      (s, i) => `<Relationship Id="rId${i + 1}" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`,
    );
    zip.file('xl/_rels/workbook.xml.rels', `<Relationships>${rels.join('')}</Relationships>`);
    sheets.forEach((s, i) => {
      const merges = s.merges
        ? `<mergeCells>${s.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`
        : '';
      zip.file(
        `xl/worksheets/sheet${i + 1}.xml`,
        `<worksheet ${NS}><sheetData>${s.data}</sheetData>${merges}</worksheet>`,
      );
    });
    if (parts.shared) zip.file('xl/sharedStrings.xml', `<sst ${NS}>${parts.shared}</sst>`);
    if (parts.styles) zip.file('xl/styles.xml', `<styleSheet ${NS}>${parts.styles}</styleSheet>`);
    return zip.generateAsync({ type: 'uint8array' });
  }
  const cellTexts = (blocks: Block[]): string[] =>
    blocks.flatMap((b) =>
      b.kind === 'text'
        ? [`${b.origin.ref}=${b.text}`]
        : b.table.rows.flatMap((row) => row.cells.map((c) => `${c.origin.ref}=${c.text}`)),
    );
  const STYLES =
    '<numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="[Red]0.00"/><numFmt numFmtId="166" formatCode="&quot;d&quot;0"/></numFmts>' +
    '<cellXfs><xf numFmtId="14"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="31"/></cellXfs>';

  test('shared strings (rich runs joined, phonetic runs left out, _x000D_ escapes), inline strings, booleans, errors and formula results', async () => {
    const shared =
      '<si><t>a &amp; b</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">rich </t></r><r><t>run</t></r><rPh><t>ふりがな</t></rPh></si><si><t>x_x000D_y</t></si>';
    const data =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>in  line</t></is></c><c r="B2" t="inlineStr"><is><r><t>in</t></r><r><t>rich</t></r></is></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#DIV/0!</v></c></row>' +
      '<row r="3"><c r="A3" t="str"><f>A1</f><v>cached</v></c><c r="B3"><f>1+1</f><v>2</v></c><c r="C3"><f>1/3</f><v>0.33333333333333331</v></c><c r="D3"><f>A9</f></c></row>';
    const blocks = await xlsxToBlocks(await workbook([{ name: 'S', data }], { shared }));
    expect(cellTexts(blocks)).toEqual([
      // Row 1 has no D1: the sheet prints it blank (a table's rows reach its widest row).
      ...['A1=a & b', 'B1=rich run', 'C1=x y', 'D1='],
      ...['A2=in line', 'B2=inrich', 'C2=TRUE', 'D2=#DIV/0!'],
      ...['A3=cached', 'B3=2', 'C3=0.333333333333333', 'D3='],
    ]);
  });

  test('date-formatted numbers read as dates, as exceljs read them: built-in 14–22, custom codes with y/m/d outside quotes and brackets; date1904', async () => {
    const data =
      '<row r="1"><c r="A1"><v>44197</v></c><c r="B1" s="1"><v>44197</v></c><c r="C1" s="2"><v>44197.75</v></c><c r="D1" s="3"><v>44197</v></c><c r="E1" s="4"><v>44197</v></c><c r="F1" s="5"><v>44197</v></c><c r="G1" s="0"><v>44197</v></c><c r="H1" s="1"><f>B1+1</f><v>44198</v></c></row>';
    const cells = cellTexts(await xlsxToBlocks(await workbook([{ name: 'S', data }], { styles: STYLES })));
    // 31 (yyyy"年"m"月"d"日" in Chinese Excel) has no code of its own in exceljs, so it stayed a number; s="0" is no style.
    expect(cells).toEqual([
      ...['A1=44197', 'B1=2021-01-01', 'C1=2021-01-01', 'D1=44197', 'E1=44197', 'F1=44197', 'G1=44197'],
      'H1=2021-01-02',
    ]);
    const in1904 = await workbook(
      [{ name: 'S', data: '<row r="1"><c r="A1" s="1"><v>42735</v></c><c r="B1"><v>1</v></c></row>' }],
      {
        styles: STYLES,
        workbookPr: '<workbookPr date1904="1"/>',
      },
    );
    expect(cellTexts(await xlsxToBlocks(in1904))).toEqual(['A1=2021-01-01', 'B1=1']);
  });

  test('hidden and very hidden sheets are skipped; sheet targets may be absolute or relative; a heading-named sheet gives its text', async () => {
    const row = (text: string) =>
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c><c r="B1"><v>1</v></c></row>`;
    const blocks = await xlsxToBlocks(
      await workbook([
        { name: 'One', data: row('one'), target: '/xl/worksheets/sheet1.xml' },
        { name: 'Two', data: row('two'), state: 'hidden' },
        { name: 'Three', data: row('three'), state: 'veryHidden' },
        { name: '表三', data: row('four'), target: '../xl/worksheets/sheet4.xml' },
      ]),
    );
    expect(cellTexts(blocks)).toEqual(['A1=one', 'B1=1', 'undefined=表三', 'A1=four', 'B1=1']);
    expect(blocks.flatMap((b) => (b.kind === 'table' ? [b.table.origin.sheet] : []))).toEqual(['One', '表三']);
  });

  test('cells and rows without r take the next column and row; a merged range keeps its text in its top-left cell', async () => {
    const data =
      '<row r="2"><c r="B2"><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row><row><c r="A3"><v>4</v></c><c><v>5</v></c></row>' +
      '<row r="5"><c r="A5"><v>6</v></c><c r="B5"><v>7</v></c><c r="C5"><v>8</v></c></row>';
    const blocks = await xlsxToBlocks(await workbook([{ name: 'S', data, merges: ['C3:D3'] }]));
    const [first, second] = tables(blocks);
    expect(texts(first!)).toEqual([
      ['', '1', '2', '3'],
      ['4', '5', '', ''],
    ]);
    expect(first!.rows[1]!.cells[2]!.origin).toMatchObject({ sheet: 'S', ref: 'C3' });
    expect(texts(second!)).toEqual([['6', '7', '8']]);
  });

  test('cells a merged range covers are marked covered, a blank cell of its own is not (a 无 merged over a row, or in one column)', async () => {
    const shared = '<si><t>（一）予以公开</t></si><si><t>无</t></si><si><t>（二）部分公开</t></si>';
    const data =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' +
      '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>1</v></c><c r="D2"><v>0</v></c></row>';
    const [table] = tables(await xlsxToBlocks(await workbook([{ name: 'S', data, merges: ['B1:D1'] }], { shared })));
    expect(texts(table!)).toEqual([
      ['（一）予以公开', '无', '', ''],
      ['（二）部分公开', '无', '', '0'],
    ]);
    expect(table!.rows.map((row) => row.cells.map((cell) => cell.covered === true))).toEqual([
      [false, false, true, true],
      [false, false, false, false],
    ]);
    expect(table!.rows.every((row) => row.spansKnown === true)).toBe(true);
  });

  test("a row whose last cells are empty, and not stored, reaches the table's widest row with blank cells at their own references", async () => {
    const shared =
      '<si><t>1.属于国家秘密</t></si><si><t>2.其他法律行政法规禁止公开</t></si><si><t>（三）不予公开</t></si>';
    const data =
      '<row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="s"><v>0</v></c><c r="C4"><v>1</v></c><c r="D4"><v>0</v></c><c r="E4"><v>1</v></c></row>' +
      '<row r="5"><c r="B5" t="s"><v>1</v></c></row>' +
      '<row r="6"><c r="B6" t="s"><v>1</v></c><c r="C6"><v>3</v></c></row>';
    const [table] = tables(await xlsxToBlocks(await workbook([{ name: 'S', data, merges: ['A4:A6'] }], { shared })));
    expect(texts(table!)).toEqual([
      ['（三）不予公开', '1.属于国家秘密', '1', '0', '1'],
      ['', '2.其他法律行政法规禁止公开', '', '', ''],
      ['', '2.其他法律行政法规禁止公开', '3', '', ''],
    ]);
    expect(table!.rows[1]!.cells.map((cell) => cell.origin.ref)).toEqual(['A5', 'B5', 'C5', 'D5', 'E5']);
  });

  test('a sheet whose XML is not well formed, or a shared string that is missing, gives damaged-office-file naming the part', async () => {
    const broken = await workbook([{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></row>' }]);
    await expect(xlsxToBlocks(broken)).rejects.toMatchObject({
      messageId: 'damaged-office-file',
      data: { format: 'xlsx', detail: expect.stringContaining('xl/worksheets/sheet1.xml') },
    });
    const missing = await workbook([{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>7</v></c></row>' }]);
    await expect(xlsxToBlocks(missing)).rejects.toMatchObject({ messageId: 'damaged-office-file' });
    const zip = await JSZip.loadAsync(broken);
    zip.remove('xl/workbook.xml');
    await expect(xlsxToBlocks(await zip.generateAsync({ type: 'uint8array' }))).rejects.toMatchObject({
      messageId: 'damaged-office-file',
    });
  });
});

describe('a real report as a workbook whose zero cells are empty (not stored)', () => {
  test('hongze-2024 (a sheet per table, numbers as numbers, as text and as formulas): every cell read, no row called missing', async () => {
    const { readBytes } = await import('../../src/pipeline/lint.js');
    const { compareCells, formatMismatches } = await import('../helpers/cells.js');
    const report = JSON.parse(readFileSync('fixtures/pdf/hongze-2024.expected.json', 'utf8')) as {
      applications: Record<string, Record<string, number>>;
      reviewLitigation: Record<string, Record<string, number>>;
    };
    const read = await readBytes(bytes('fixtures/xlsx/hongze-2024-blank-zeros.xlsx'), 'hongze-2024.xlsx');
    const expected = {
      template: '2021' as const,
      applications: report.applications,
      reviewLitigation: report.reviewLitigation,
    };
    expect(formatMismatches(compareCells(expected, read.document, '2019'))).toBe('');
    expect(read.findings.filter((finding) => finding.ruleId === 'missing-row')).toEqual([]);
  });
});
