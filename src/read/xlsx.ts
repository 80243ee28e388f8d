import type { CellValue, Workbook } from 'exceljs';
import { isHeadingText, rowsToBlocks, type TableCounter } from './grid.js';
import { assertZip, damaged } from './office.js';
import { InputError, type Block, type BlockSource, type RawCell, type RawRow } from './types.js';

/** The most cells read from one sheet (the tables of a report hold a few hundred); past it the sheet is refused. */
const MAX_CELLS = 1_000_000;

/** Reads an Excel .xlsx report into the tables of all its visible sheets. */
export async function readXlsx(bytes: Uint8Array): Promise<BlockSource> {
  return { format: 'xlsx', blocks: await xlsxToBlocks(bytes) };
}

/**
 * Reads an Excel .xlsx into text blocks and raw tables, sheet by sheet in workbook order (hidden sheets skipped):
 * one sheet holding all tables one under another, or one sheet per table. A merged range keeps its text in its
 * top-left cell; the other cells of the range are blank, as in the HTML grid, and grid columns that only continue
 * merged ranges within a table are dropped. Numbers are written out in full
 * (formula cells by their cached result), rich text is joined, and white space is squeezed. A sheet named like a
 * heading or caption (表三, 三、收到和处理…) gives a text block before its tables. Origins carry the sheet name, the
 * A1 reference (B7) and tableIndex/rowIndex/columnIndex. Throws InputError 'not-office-file' or 'damaged-office-file'.
 */
export async function xlsxToBlocks(bytes: Uint8Array): Promise<Block[]> {
  assertZip(bytes, 'xlsx');
  const { default: ExcelJS } = await import('exceljs');
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw damaged('xlsx', error);
  }
  const blocks: Block[] = [];
  const counter: TableCounter = { tables: 0 };
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') continue;
    if (isHeadingText(sheet.name)) blocks.push({ kind: 'text', text: sheet.name, origin: { sheet: sheet.name } });
    const rows: RawRow[] = [];
    const continued = new Set<RawCell>();
    // Only the rows the sheet holds, and in each only up to its last cell: a sheet's dimension reaches its furthest
    // cell (one cell at XFD1048576 makes it 1,048,576 × 16,384), so walking rowCount × columnCount never ends. A run
    // of absent rows reads as one blank row, which separates tables just as many do.
    let previous = 0;
    let cellsRead = 0;
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      if (r > previous + 1) rows.push({ cells: [], origin: { sheet: sheet.name, ref: `A${previous + 1}` } });
      previous = r;
      cellsRead += row.cellCount;
      if (cellsRead > MAX_CELLS)
        throw new InputError(
          'xlsx-too-large',
          { sheet: sheet.name, cells: MAX_CELLS, ref: `A${r}` },
          { sheet: sheet.name, ref: `A${r}` },
        );
      const cells: RawCell[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        const inner = cell.isMerged && cell.master.address !== cell.address;
        const raw: RawCell = {
          text: inner ? '' : squeeze(textOf(cell.value)),
          origin: { sheet: sheet.name, ref: cell.address },
        };
        if (inner && cell.master.fullAddress.col < c) continued.add(raw);
        cells.push(raw);
      }
      rows.push({ cells, origin: { sheet: sheet.name, ref: `A${r}` } });
    });
    blocks.push(...rowsToBlocks(rows, counter, continued));
  }
  return blocks;
}

function textOf(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value ? textOf(value.result) : '';
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
  if ('error' in value) return value.error;
  return '';
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

function squeeze(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/gu, ' ').trim();
}
