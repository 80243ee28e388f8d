import type { Location } from '../diagnostics/types.js';
import type { Locale } from '../rules/catalogue-types.js';

/** A place in words for a person: 12:5 for text, 第 3 页 第 14 行 for PDF, Sheet1!B7 for xlsx, 表 1 行 3 列 2 for docx. */
export function formatPlace(location: Location, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (location.page !== undefined) {
    const line = location.line === undefined ? '' : zh ? ` 第 ${location.line} 行` : ` line ${location.line}`;
    return zh ? `第 ${location.page} 页${line}` : `page ${location.page}${line}`;
  }
  if (location.line !== undefined) return `${location.line}:${location.column ?? 1}`;
  if (location.sheet !== undefined) return `${location.sheet}!${location.ref ?? ''}`;
  if (location.tableIndex !== undefined) {
    const row = location.rowIndex ?? 0;
    const column = location.columnIndex ?? 0;
    return zh
      ? `表 ${location.tableIndex} 行 ${row} 列 ${column}`
      : `table ${location.tableIndex} row ${row} col ${column}`;
  }
  return location.pointer ?? '';
}
