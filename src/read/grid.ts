import { sectionOfHeading } from '../model/labels.js';
import type { Block, RawCell, RawRow } from './types.js';
import { withFields } from '../model/objects.js';
import { appendAll, largest } from '../model/arrays.js';

/** Counts tables across calls, so tables of several sheets are numbered 1, 2, 3… in one document. */
export interface TableCounter {
  tables: number;
}

/** True when a lone cell is a section heading (一、总体情况 … 六、其他需要报告的事项) or a caption (表三…), which ends a table. */
export function isHeadingText(text: string): boolean {
  return sectionOfHeading(text) !== undefined;
}

/**
 * Splits the rows of a sheet or CSV file into text blocks and tables, in order. Tables are separated by blank rows
 * or by rows whose only non-empty cell is a section heading or caption (which becomes a text block). A run of rows
 * that never has two non-empty cells is text (one block per row); any other run is one table, whose right-hand
 * columns that are blank in every row are dropped, and no row is padded past its own cells. Cells get tableIndex/rowIndex/columnIndex (1-based, within the table).
 * `merged` names the cells that continue a merged range from their left neighbour; a column made only of such cells
 * (in the rows of one table) is dropped, so a table laid on a finer shared grid, as spreadsheet programs do when
 * several tables share a sheet, gets back its own columns.
 */
export function rowsToBlocks(
  rows: RawRow[],
  counter: TableCounter,
  merged?: ReadonlySet<RawCell>,
  blankAt?: (row: RawRow, column: number) => RawCell,
): Block[] {
  const blocks: Block[] = [];
  let run: RawRow[] = [];
  const close = (): void => {
    if (run.length > 0) {
      const padded = new Set<RawCell>();
      if (blankAt) run = padRun(run, blankAt, padded);
      appendAll(blocks, runToBlocks(merged ? dropMergedColumns(run, merged, padded) : run, counter));
    }
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
  // Each row keeps the cells it has (blank ones included: a printed empty cell is a blank, not an absent one), not
  // padded to the widest: a row of 300 cells among rows of 2 must not make every row 300 wide (rows × widest).
  const rows: RawRow[] = run.map((row, r) => {
    const cells: RawCell[] = [];
    const own = Math.min(width, row.cells.length);
    for (let c = 0; c < own; c++) {
      const cell = row.cells[c];
      const origin = withFields(cell?.origin ?? row.origin, { tableIndex, rowIndex: r + 1, columnIndex: c + 1 });
      const kept: RawCell = { text: cell?.text ?? '', origin };
      if (cell?.covered) kept.covered = true;
      cells.push(kept);
    }
    const kept: RawRow = { cells, origin: withFields(row.origin, { tableIndex, rowIndex: r + 1 }) };
    if (row.spansKnown) kept.spansKnown = true;
    return kept;
  });
  return [{ kind: 'table', table: { rows, origin: withFields(run[0]!.origin, { tableIndex }) } }];
}

/** How wide a spreadsheet table may be for its rows to be given the blank cells past their last stored one. */
export const PADDED_WIDTH = 64;

/**
 * A spreadsheet stores no empty cell (without a style): a row of a table whose last cells are empty ends at its last
 * filled one, though the sheet prints those cells, blank. `blankAt` (given by the .xlsx reader) makes the blank cell at
 * a row's 0-based column, so each row of a table up to PADDED_WIDTH wide reaches the table's widest row: a row printed
 * with its label and every cell empty is that row printed blank, and a row's empty 总计 is blank, not absent.
 */
function padRun(run: RawRow[], blankAt: (row: RawRow, column: number) => RawCell, padded: Set<RawCell>): RawRow[] {
  const width = largest(run.map((row) => row.cells.length));
  if (width > PADDED_WIDTH) return run;
  return run.map((row) => {
    if (row.cells.length >= width) return row;
    const cells = [...row.cells];
    for (let c = row.cells.length; c < width; c++) {
      const blank = blankAt(row, c);
      padded.add(blank);
      cells.push(blank);
    }
    return withFields(row, { cells });
  });
}

function dropMergedColumns(run: RawRow[], merged: ReadonlySet<RawCell>, padded: ReadonlySet<RawCell>): RawRow[] {
  const width = Math.max(0, largest(run.map((row) => row.cells.length)));
  const keep: number[] = [];
  for (let c = 0; c < width; c++) {
    if (
      c === 0 ||
      run.some((row) => {
        const cell = row.cells[c];
        return cell !== undefined && !merged.has(cell) && !padded.has(cell);
      })
    )
      keep.push(c);
  }
  if (keep.length === width) return run;
  return run.map((row) => withFields(row, { cells: keep.flatMap((c) => (row.cells[c] ? [row.cells[c]] : [])) }));
}
