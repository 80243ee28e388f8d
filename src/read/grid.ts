import type { Block, RawCell, RawRow } from './types.js';

/** Counts tables across calls, so tables of several sheets are numbered 1, 2, 3… in one document. */
export interface TableCounter {
  tables: number;
}

const HEADING_START = /^(表\s*[一二三四五六]|[一二三四五六][、,，.．])/u;
const HEADING_CORE = [
  '总体情况', '總體情況', '主动公开', '主動公開', '收到和处理', '收到和處理', '行政复议', '行政復議', '行政複議',
  '存在的主要问题', '存在的主要問題', '存在问题', '存在問題', '主要问题', '主要問題', '其他需要报告', '其他需要報告',
];

/** True when a lone cell is a section heading (一、总体情况 … 六、其他需要报告的事项) or a caption (表三…), which ends a table. */
export function isHeadingText(text: string): boolean {
  const compact = text.replace(/\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+\)/gu, '').replace(/[\s\u00a0\u3000]+/gu, '').replace(/,(?=[、。])/gu, '');
  if (!HEADING_START.test(compact)) return false;
  return compact.startsWith('表') || HEADING_CORE.some((core) => compact.includes(core));
}

/**
 * Splits the rows of a sheet or CSV file into text blocks and tables, in order. Tables are separated by blank rows
 * or by rows whose only non-empty cell is a section heading or caption (which becomes a text block). A run of rows
 * that never has two non-empty cells is text (one block per row); any other run is one table, whose right-hand
 * columns that are blank in every row are dropped. Cells get tableIndex/rowIndex/columnIndex (1-based, within the table).
 */
export function rowsToBlocks(rows: RawRow[], counter: TableCounter): Block[] {
  const blocks: Block[] = [];
  let run: RawRow[] = [];
  const close = (): void => {
    if (run.length > 0) blocks.push(...runToBlocks(run, counter));
    run = [];
  };
  for (const row of rows) {
    const filled = row.cells.filter((cell) => cell.text !== '');
    if (filled.length === 0) {
      close();
    } else if (filled.length === 1 && isHeadingText(filled[0]!.text)) {
      close();
      blocks.push({ kind: 'text', text: filled[0]!.text, origin: filled[0]!.origin });
    } else {
      run.push(row);
    }
  }
  close();
  return blocks;
}

function runToBlocks(run: RawRow[], counter: TableCounter): Block[] {
  const isTable = run.some((row) => row.cells.filter((cell) => cell.text !== '').length >= 2);
  if (!isTable) {
    return run.flatMap((row): Block[] => {
      const cell = row.cells.find((c) => c.text !== '');
      return cell ? [{ kind: 'text', text: cell.text, origin: cell.origin }] : [];
    });
  }
  counter.tables += 1;
  const tableIndex = counter.tables;
  let width = 0;
  for (const row of run) row.cells.forEach((cell, index) => cell.text !== '' && (width = Math.max(width, index + 1)));
  const rows: RawRow[] = run.map((row, r) => {
    const cells: RawCell[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row.cells[c];
      const origin = { ...(cell?.origin ?? row.origin), tableIndex, rowIndex: r + 1, columnIndex: c + 1 };
      cells.push({ text: cell?.text ?? '', origin });
    }
    return { cells, origin: { ...row.origin, tableIndex, rowIndex: r + 1 } };
  });
  return [{ kind: 'table', table: { rows, origin: { ...run[0]!.origin, tableIndex } } }];
}
