import type { ReportDocument } from '../model/types.js';
import { longCsv, markdown, wideCsv } from './delimited.js';
import { docx } from './docx.js';
import { xlsx } from './xlsx.js';

export {
  blankDocument,
  reportParts,
  reportTitle,
  templateOfDocument,
  AGENCY_PLACEHOLDER,
  YEAR_PLACEHOLDER,
  type ReportPart,
} from './document.js';
export { layoutTables, layoutGrid, placeCells, type LayoutCell, type LayoutTable, type PlacedCell } from './layout.js';

/** The formats a report can be written in. */
export type WriteFormat = 'xlsx' | 'docx' | 'csv' | 'json' | 'md';

/** The formats a report can be written in, in the order the CLI lists them. */
export const WRITE_FORMATS: readonly WriteFormat[] = ['xlsx', 'docx', 'csv', 'json', 'md'];

/** Options of writeReport. */
export interface WriteOptions {
  /** CSV in the template's layout (wide, the default) or as table,row,column,value records (long). */
  csv?: 'wide' | 'long';
}

/** Whether a format is written as text (and so may go to standard output). */
export function isTextFormat(format: WriteFormat): boolean {
  return format === 'csv' || format === 'json' || format === 'md';
}

/** The canonical JSON of a document, as `xxgk-lint convert` writes it. */
export function canonicalJson(document: ReportDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Writes a report document as the bytes of a file in one format: .xlsx and .docx in the template's layout (merged
 * header cells as the template draws them), CSV in the layout (or long form), canonical JSON, or Markdown pipe tables.
 * Each reads back through the project's readers to the same cells. Runs in a browser (no Node API).
 */
export async function writeReport(
  document: ReportDocument,
  format: WriteFormat,
  options: WriteOptions = {},
): Promise<Uint8Array> {
  switch (format) {
    case 'xlsx':
      return xlsx(document);
    case 'docx':
      return docx(document);
    case 'csv':
      return utf8(options.csv === 'long' ? longCsv(document) : wideCsv(document));
    case 'json':
      return utf8(canonicalJson(document));
    case 'md':
      return utf8(markdown(document));
  }
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
