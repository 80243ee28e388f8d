import { readFileSync } from 'node:fs';
import { htmlToBlocks } from '../../src/read/html.js';
import { InputError, type Block, type RawTable } from '../../src/read/types.js';

const tables = (blocks: Block[]): RawTable[] => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
const texts = (table: RawTable): string[][] => table.rows.map((row) => row.cells.map((cell) => cell.text));

describe('htmlToBlocks on the seed page', () => {
  const blocks = htmlToBlocks(readFileSync('fixtures/html/seed-2019.html', 'utf8'));
  const [active, applications, review] = tables(blocks);

  test('finds three data tables inside the layout table, each after its heading', () => {
    expect(tables(blocks)).toHaveLength(3);
    const order = blocks.map((b) => (b.kind === 'table' ? `table${b.table.origin.tableIndex}` : b.text));
    expect(order.indexOf('二、主動公開政府信息情況')).toBe(order.indexOf('table1') - 1);
    expect(order.indexOf('三、收到和處理政府信息公開申請情況')).toBe(order.indexOf('table2') - 1);
    expect(order.indexOf('四、政府信息公開行政復議、行政訴訟情況')).toBe(order.indexOf('table3') - 1);
    expect(order).toContain('六、其他需要報告的事項');
    expect(order.at(-1)).toBe('無。');
  });

  test('drops script, style, hidden text and the page footer', () => {
    const all = blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('\n');
    expect(all).not.toContain('_hmt');
    expect(all).not.toContain('border:1px');
    expect(all).not.toContain('隱藏的統計文字');
    expect(all).not.toContain('主辦');
  });

  test('table 二 keeps the seed values; <br> in a header becomes a space; colspan leaves blanks', () => {
    const rows = texts(active!);
    expect(rows[0]).toEqual(['第二十條第（一）項', '', '', '']);
    expect(rows[1]).toEqual(['信息內容', '本年新 制作數量', '本年新 公開數量', '對外公開總數量']);
    expect(rows).toContainEqual(['行政許可', '36', '-3', '392438']);
    expect(rows).toContainEqual(['行政處罰', '819', '-68', '790083']);
    expect(rows).toContainEqual(['行政強制', '23', '-1', '2864']);
    expect(rows).toContainEqual(['政府集中採購', '21', '4449.48萬元', '']);
  });

  test('table 三 resolves rowspan: a group label stands beside its first row, the rows below have a blank there', () => {
    const rows = texts(applications!);
    expect(rows.every((row) => row.length === 10)).toBe(true);
    expect(rows[1]).toEqual(['', '', '', '自然人', '法人或其他組織', '', '', '', '', '總計']);
    expect(rows[5]!.slice(0, 4)).toEqual(['三、本年度辦理結果', '（一）予以公開', '', '無']);
    expect(rows[7]!.slice(0, 4)).toEqual(['', '（三）不予公開', '1.屬於國家祕密', '無']);
    expect(rows[8]!.slice(0, 4)).toEqual(['', '', '2.其他法律行政法規禁止公開', '無']);
    expect(rows[25]!.slice(0, 4)).toEqual(['四、結轉下年度繼續辦理', '', '', '無']);
    expect(rows).toHaveLength(26);
  });

  test('table 四 has 15 value columns with the seed numbers', () => {
    const rows = texts(review!);
    expect(rows[3]).toEqual(['0', '0', '0', '2', '2', ...Array(10).fill('0')]);
    expect(rows[2]!.slice(0, 6)).toEqual(['', '', '', '', '', '結果維持']);
  });

  test('origins give the line and column of the cell text and its grid place', () => {
    const row = active!.rows.find((r) => r.cells[0]?.text === '行政許可')!;
    const cell = row.cells[1]!;
    const line = readFileSync('fixtures/html/seed-2019.html', 'utf8').split('\n')[cell.origin.line! - 1]!;
    expect(line.slice(cell.origin.column! - 1, cell.origin.column! + 1)).toBe('36');
    expect(cell.origin).toMatchObject({ tableIndex: 1, rowIndex: 7, columnIndex: 2 });
    const spanned = applications!.rows[8]!.cells[0]!;
    expect(spanned.origin).toMatchObject({
      rowIndex: 9,
      columnIndex: 1,
      line: applications!.rows[5]!.cells[0]!.origin.line,
    });
  });
});

describe('htmlToBlocks on small inputs', () => {
  test('&nbsp; and empty cells are blank; markup inside cells is ignored', () => {
    const [table] = tables(
      htmlToBlocks(
        '<table><tr><td>&nbsp;</td><td><b>1</b><span>2</span></td><td></td></tr><tr><td>a<br>b</td><td>x</td></tr></table>',
      ),
    );
    expect(texts(table!)).toEqual([
      ['', '12', ''],
      ['a b', 'x'],
    ]);
  });

  test('zero-width characters left by web editors print nothing: a cell of one is blank, a figure with one is the figure', () => {
    const [table] = tables(
      htmlToBlocks(
        '<table><tr><td>\u200b（一）予以公开</td><td>&#8203;</td><td>1\u200b2</td><td>\u200b7&#xFEFF;</td></tr></table>',
      ),
    );
    expect(texts(table!)).toEqual([['（一）予以公开', '', '12', '7']]);
  });

  test("Word's tracked changes: deleted text (<del>) is not read, inserted text (<ins>) is", () => {
    const [table] = tables(
      htmlToBlocks(
        "<table><tr><td>一、本年新收政府信息公开申请数量</td><td><span class=msoDel><del cite='mailto:a' datetime='2024-01-20T10:00'>3120</del></span><span class=msoIns><ins cite='mailto:a'>3119</ins></span></td></tr></table>" +
          '<p>共收到申请<del>3120</del><ins>3119</ins>件</p>',
      ),
    );
    expect(texts(table!)).toEqual([['一、本年新收政府信息公开申请数量', '3119']]);
    const paragraph = htmlToBlocks('<p>共收到申请<del>3120</del><ins>3119</ins>件</p>');
    expect(paragraph).toMatchObject([{ kind: 'text', text: '共收到申请3119件' }]);
  });

  test('a row is not padded to the widest row, and spans past the page limit are refused where they stand', () => {
    const wide = htmlToBlocks(
      `<table><tr>${'<td>x</td>'.repeat(300)}</tr>${'<tr><td>b</td><td>1</td></tr>'.repeat(50)}</table>`,
    );
    expect(tables(wide)[0]!.rows.map((row) => row.cells.length)).toEqual([300, ...Array<number>(50).fill(2)]);
    const spans = `<table>\n${'<tr><td colspan="1000">b</td><td>1</td></tr>\n'.repeat(120)}</table>`;
    // Each row covers 1,001 slots: the 100th row passes the page's 100,000.
    expect(() => htmlToBlocks(spans)).toThrow(
      expect.objectContaining({
        messageId: 'html-table-too-large',
        data: expect.objectContaining({ tableIndex: 1, line: 101, column: 5 }),
      }),
    );
    expect(() => htmlToBlocks(`<table>${'<tr><td rowspan="5000">b</td><td>1</td></tr>'.repeat(1000)}</table>`)).toThrow(
      expect.objectContaining({ messageId: 'html-table-too-large' }),
    );
  });

  test('a rowspan beyond the last row adds no rows; a one-column table is read as text', () => {
    const blocks = htmlToBlocks(
      '<table><tr><td>only</td></tr></table><table><tr><td rowspan="9">g</td><td>1</td></tr><tr><td>2</td></tr></table>',
    );
    expect(blocks[0]).toMatchObject({ kind: 'text', text: 'only' });
    expect(texts(tables(blocks)[0]!)).toEqual([
      ['g', '1'],
      ['', '2'],
    ]);
    expect(tables(blocks)[0]!.origin.tableIndex).toBe(1);
  });

  test('without positions (HTML made from .docx) origins carry table places only', () => {
    const [table] = tables(htmlToBlocks('<table><tr><td>a</td><td>b</td></tr></table>', { positions: false }));
    expect(table!.rows[0]!.cells[1]!.origin).toEqual({ tableIndex: 1, rowIndex: 1, columnIndex: 2 });
  });

  test('the 2021 page reads V2021 rows with values merged over three columns written once', () => {
    const rows = texts(tables(htmlToBlocks(readFileSync('fixtures/html/clean-2021.html', 'utf8')))[0]!);
    expect(rows).toContainEqual(['行政许可', '3560', '', '']);
    expect(rows).toContainEqual(['行政事业性收费', '96.5', '', '']);
  });
});

describe('broken HTML', () => {
  test('a page cut inside a table gives html-truncated with the table and its place', () => {
    const text = readFileSync('fixtures/broken/truncated.html', 'utf8');
    expect(() => htmlToBlocks(text)).toThrow(InputError);
    try {
      htmlToBlocks(text);
    } catch (error) {
      expect(error).toMatchObject({ messageId: 'html-truncated', data: { tableIndex: 2, line: 81, column: 1 } });
    }
  });

  test('a page cut after its tables still reads', () => {
    const text = readFileSync('fixtures/html/seed-2019.html', 'utf8');
    const cut = text.slice(0, text.indexOf('五、'));
    expect(tables(htmlToBlocks(cut))).toHaveLength(3);
  });
});

describe('cells and rows whose end tags are left out', () => {
  test('a cell opened inside an open cell (<td><p>1<td><p>2) closes it, as HTML5 says; a row opened there closes its row', () => {
    const html =
      '<table><tr><td><p>自然人<td><p>3<td colspan=2><p>无<tr><td><p>法人<td><p>12<td><p><td><p>4</table>' +
      '<p>after</p>';
    const blocks = htmlToBlocks(html);
    expect(tables(blocks).map(texts)).toEqual([
      [
        ['自然人', '3', '无', ''],
        ['法人', '12', '', '4'],
      ],
    ]);
    expect(blocks[blocks.length - 1]).toMatchObject({ kind: 'text', text: 'after' });
  });

  test('a table inside a cell is not closed by its own cells (a layout table holding the data table)', () => {
    const html = '<table><tr><td><p>box<table><tr><td><p>a<td><p>1<tr><td><p>b<td><p>2</table></td></tr></table>';
    expect(tables(htmlToBlocks(html)).map(texts)).toEqual([
      [
        ['a', '1'],
        ['b', '2'],
      ],
    ]);
  });
});
