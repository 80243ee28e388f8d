import { getTemplate } from '../model/template.js';
import type { ReportDocument } from '../model/types.js';
import { reportParts, templateOfDocument } from './document.js';
import { layoutGrid, valueText } from './layout.js';

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A report as CSV in the template's own layout (what a spreadsheet shows): the title and headings and narrative in
 * the first column, each table as its grid with merged cells written once and blank where they continue, a blank
 * line after each table. UTF-8 with a BOM and CRLF, so Excel opens it in the right encoding.
 */
export function wideCsv(document: ReportDocument): string {
  let out = '\uFEFF';
  for (const part of reportParts(document)) {
    if (part.kind !== 'table') {
      if (part.kind !== 'paragraph' || part.text !== '') out += csvLine([part.text]);
      continue;
    }
    for (const row of layoutGrid(part.table)) out += csvLine(row.map((cell) => cell?.text ?? ''));
    out += '\r\n';
  }
  return out;
}

/**
 * A report as CSV in the long form table,row,column,value: template, year (when given) and agency first, then every
 * cell of the template in order (a blank value empty), then the narrative sections.
 */
export function longCsv(document: ReportDocument): string {
  const templateId = templateOfDocument(document);
  const template = getTemplate(templateId);
  let out = csvLine(['table', 'row', 'column', 'value']);
  out += csvLine(['template', '', '', templateId]);
  if (typeof document.year === 'number') out += csvLine(['year', '', '', String(document.year)]);
  out += csvLine(['agency', '', '', document.agency ?? '']);
  for (const cell of template.cells)
    out += csvLine([cell.table, cell.row, cell.column, valueText(document[cell.table]?.[cell.row]?.[cell.column])]);
  for (const table of template.def.tables) {
    for (const legacy of table.legacyRows ?? []) {
      const given = document[table.key]?.[legacy.key];
      if (!given) continue;
      for (const column of table.columns)
        if (Object.hasOwn(given, column.key))
          out += csvLine([table.key, legacy.key, column.key, valueText(given[column.key])]);
    }
  }
  for (const key of ['overview', 'problems', 'other'] as const)
    out += csvLine(['narrative', key, '', document.narrative?.[key] ?? '']);
  return out;
}

function markdownCell(text: string): string {
  return text
    .replace(/\\/gu, '\\\\')
    .replace(/\|/gu, '\\|')
    .replace(/\r\n|\n|\r/gu, ' ');
}

/**
 * A report as Markdown: the title as `#`, each section heading as `##`, narrative paragraphs, and each table as a
 * pipe table of its grid (its first row as the pipe table's header row; merged cells written once, blank where they
 * continue).
 */
export function markdown(document: ReportDocument): string {
  const lines: string[] = [];
  for (const part of reportParts(document)) {
    if (part.kind === 'title') lines.push(`# ${part.text}`, '');
    else if (part.kind === 'heading') lines.push(`## ${part.text}`, '');
    else if (part.kind === 'paragraph') {
      if (part.text !== '') lines.push(part.text, '');
    } else {
      const grid = layoutGrid(part.table);
      grid.forEach((row, index) => {
        lines.push(`| ${row.map((cell) => markdownCell(cell?.text ?? '')).join(' | ')} |`);
        if (index === 0) lines.push(`|${row.map(() => '---|').join('')}`);
      });
      lines.push('');
    }
  }
  return `${lines.join('\n').replace(/\n+$/u, '')}\n`;
}
