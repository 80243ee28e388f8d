import type { ReportDocument } from '../model/types.js';
import { reportParts } from './document.js';
import { placeCells, type LayoutCell } from './layout.js';

/** Worksheet of the title and narrative, before one worksheet per table. */
const COVER_SHEET = '报告';

/** The value a cell is written with: a number when its text is a plain number that a spreadsheet keeps exactly, else the text. */
function cellValue(cell: LayoutCell): string | number {
  if (!cell.value || !/^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/u.test(cell.text)) return cell.text;
  const number = Number(cell.text);
  return String(number) === cell.text ? number : cell.text;
}

/**
 * A report as an .xlsx workbook (exceljs): a sheet 报告 with the title, the section headings and the narrative, then
 * one sheet per table (表二, 表三, 表四) with its heading, a blank row and the table from row 3: merged cells as the
 * template lays them out, thin borders, figures as numbers.
 */
export async function xlsx(document: ReportDocument): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  // A fixed date: the same report gives the same workbook properties.
  workbook.created = new Date(Date.UTC(2000, 0, 1));
  workbook.modified = workbook.created;
  const cover = workbook.addWorksheet(COVER_SHEET);
  cover.getColumn(1).width = 100;
  const parts = reportParts(document);
  for (const part of parts) {
    if (part.kind === 'table') continue;
    if (part.kind === 'paragraph' && part.text === '') continue;
    const row = cover.addRow([part.text]);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (part.kind !== 'paragraph') row.getCell(1).font = { bold: true, size: part.kind === 'title' ? 16 : 12 };
  }
  let heading = '';
  for (const part of parts) {
    if (part.kind === 'heading') heading = part.text;
    if (part.kind !== 'table') continue;
    const short = heading.split('、')[0] ?? '';
    const sheet = workbook.addWorksheet(`表${short}`);
    sheet.getCell(1, 1).value = heading;
    sheet.getCell(1, 1).font = { bold: true, size: 12 };
    const top = 3;
    for (const { cell, row, column } of placeCells(part.table)) {
      const target = sheet.getCell(top + row, column + 1);
      target.value = cellValue(cell);
      if (cell.rowSpan > 1 || cell.colSpan > 1)
        sheet.mergeCells(top + row, column + 1, top + row + cell.rowSpan - 1, column + cell.colSpan);
    }
    for (let r = 0; r < part.table.rows.length; r += 1) {
      for (let c = 0; c < part.table.width; c += 1) {
        const target = sheet.getCell(top + r, c + 1);
        target.border = {
          top: { style: 'thin' },
          left: { style: 'thin' },
          bottom: { style: 'thin' },
          right: { style: 'thin' },
        };
        target.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      }
    }
    for (let c = 1; c <= part.table.width; c += 1)
      sheet.getColumn(c).width =
        part.table.key === 'active' ? (c === 1 ? 24 : 16) : part.table.key === 'applications' && c <= 3 ? 18 : 10;
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
