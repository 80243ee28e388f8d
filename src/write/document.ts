import { getTemplate, templateForYear } from '../model/template.js';
import type { RawValue, ReportDocument, TemplateId } from '../model/types.js';
import { layoutTables, type LayoutTable } from './layout.js';

/** The narrative sections a report writes as text (一 总体情况, 五 问题, 六 其他). */
export type NarrativeKey = 'overview' | 'problems' | 'other';

/** One part of a report in the order it is printed: its title, a section heading, a paragraph, or a table. */
export type ReportPart =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly section: NarrativeKey }
  | { readonly kind: 'table'; readonly table: LayoutTable };

/** Where the title names the agency in a blank report (replaced by the agency's name). */
export const AGENCY_PLACEHOLDER = '（机关名称）';
/** Where the title names the year in a blank report (replaced by the year); the underscores also keep the placeholder from reading as an agency's name. */
export const YEAR_PLACEHOLDER = '____';

const NARRATIVE_KEYS: ReadonlySet<string> = new Set<NarrativeKey>(['overview', 'problems', 'other']);

/**
 * An empty report of a template: every table, row and column with an empty value (""), empty narrative sections, an
 * empty agency, and the year left out (it must be a number: the title of a written blank shows where it goes).
 */
export function blankDocument(templateId: TemplateId): ReportDocument {
  const template = getTemplate(templateId);
  const document: ReportDocument = { template: templateId, agency: '' };
  for (const table of template.def.tables) {
    const rows: Record<string, Record<string, RawValue>> = {};
    for (const row of table.rows) {
      const cells: Record<string, RawValue> = {};
      for (const column of template.columnKeys(table.key, row.key)) cells[column] = '';
      rows[row.key] = cells;
    }
    document[table.key] = rows;
  }
  document.narrative = { overview: '', problems: '', other: '' };
  return document;
}

/** The template a document is written in: its own, else its year's, else 2021's. */
export function templateOfDocument(document: ReportDocument): TemplateId {
  return (
    document.template ?? (typeof document.year === 'number' ? templateForYear(document.year) : undefined) ?? '2021'
  );
}

/** The report's title: 某区司法局2021年政府信息公开工作年度报告, with a placeholder where the agency or year is not given. */
export function reportTitle(document: ReportDocument): string {
  const agency =
    typeof document.agency === 'string' && document.agency.trim() !== '' ? document.agency.trim() : AGENCY_PLACEHOLDER;
  const year = typeof document.year === 'number' ? String(document.year) : YEAR_PLACEHOLDER;
  return `${agency}${year}年政府信息公开工作年度报告`;
}

/**
 * A document's parts in print order: the title, then each section of the template (一 to 六) with its heading and
 * either its narrative text (one paragraph per line; an empty section gives one empty paragraph) or its table.
 */
export function reportParts(document: ReportDocument): ReportPart[] {
  const templateId = templateOfDocument(document);
  const tables = new Map(layoutTables(templateId, document).map((table) => [table.key, table]));
  const parts: ReportPart[] = [{ kind: 'title', text: reportTitle(document) }];
  for (const section of getTemplate(templateId).def.sections) {
    parts.push({ kind: 'heading', text: section.label });
    const table = tables.get(section.key as LayoutTable['key']);
    if (table) parts.push({ kind: 'table', table });
    else if (NARRATIVE_KEYS.has(section.key)) {
      const key = section.key as NarrativeKey;
      const text = document.narrative?.[key] ?? '';
      for (const line of text.split(/\r\n|\n|\r/u)) parts.push({ kind: 'paragraph', text: line, section: key });
    }
  }
  return parts;
}
