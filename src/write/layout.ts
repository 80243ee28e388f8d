import { getTemplate } from '../model/template.js';
import type { ColumnDef, RowDef, TableDef } from '../model/template-def.js';
import type { RawValue, ReportDocument, TableKey, TemplateId } from '../model/types.js';
import { largest } from '../model/arrays.js';

/** One cell of a table as the template draws it: its text, how many rows and columns it spans, and, for a value cell, its keys. */
export interface LayoutCell {
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** Table, row and column keys of the value this cell holds; absent for a label or header cell. */
  readonly value?: { readonly table: TableKey; readonly row: string; readonly column: string };
}

/** One table of the template laid out as rows of cells (a cell spanning several places appears once, at its top left). */
export interface LayoutTable {
  readonly key: TableKey;
  /** The section heading the table stands under (二、主动公开政府信息情况). */
  readonly heading: string;
  /** Columns of the table's grid. */
  readonly width: number;
  readonly rows: readonly (readonly LayoutCell[])[];
}

/** The group of table 三's rows that the big left cell 三、本年度办理结果 spans. */
const OUTCOME_GROUP = '三、本年度办理结果';

/**
 * The three tables of a template as the template lays them out (the layout of the official forms, as the fixtures'
 * generator draws them), with the values of a document in its value cells. A 2021 document that gives the older
 * template's single （六）其他处理 row and none of the three rows it stands for is drawn with that row.
 */
export function layoutTables(templateId: TemplateId, document: ReportDocument = {}): LayoutTable[] {
  const template = getTemplate(templateId);
  return template.def.tables.map((table) => {
    const rows = printedRows(table, document);
    if (table.key === 'active') return layoutActive(table, rows, document);
    if (table.key === 'applications') return layoutApplications(table, rows, document);
    return layoutReviewLitigation(table, rows, document);
  });
}

/** The text a raw value is written as: a number in its shortest form, a string as it is, nothing for null or absent. */
export function valueText(value: RawValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

/** A cell of a laid-out table with the grid row and column where it starts (0-based). */
export interface PlacedCell {
  readonly cell: LayoutCell;
  readonly row: number;
  readonly column: number;
}

/** Where each cell of a table starts in its grid: left to right, each in the first place no merged cell already covers. */
export function placeCells(table: LayoutTable): PlacedCell[] {
  const placed: PlacedCell[] = [];
  const taken = new Set<string>();
  table.rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r},${c}`)) c += 1;
      for (let dr = 0; dr < cell.rowSpan; dr += 1)
        for (let dc = 0; dc < cell.colSpan; dc += 1) taken.add(`${r + dr},${c + dc}`);
      placed.push({ cell, row: r, column: c });
      c += cell.colSpan;
    }
  });
  return placed;
}

/**
 * A table's rows as a full grid: every place of the table, the cell that starts there, or undefined where a merged
 * cell from above or the left covers it (or nothing does).
 */
export function layoutGrid(table: LayoutTable): (LayoutCell | undefined)[][] {
  const grid: (LayoutCell | undefined)[][] = table.rows.map(() =>
    new Array<LayoutCell | undefined>(table.width).fill(undefined),
  );
  for (const { cell, row, column } of placeCells(table)) {
    const line = grid[row];
    if (line) line[column] = cell;
  }
  return grid;
}

/** The rows a document prints: the template's, with a legacy row in place of the rows it stands for when the document gives it and none of them. */
function printedRows(table: TableDef, document: ReportDocument): RowDef[] {
  const given = document[table.key] ?? {};
  let rows = [...table.rows];
  for (const legacy of table.legacyRows ?? []) {
    if (!Object.hasOwn(given, legacy.key) || legacy.standsFor.some((key) => Object.hasOwn(given, key))) continue;
    const first = rows.findIndex((row) => legacy.standsFor.includes(row.key));
    if (first < 0) continue;
    const replaced: RowDef = { key: legacy.key, label: legacy.label, group: OUTCOME_GROUP, match: [] };
    rows = [
      ...rows.slice(0, first),
      replaced,
      ...rows.slice(first).filter((row) => !legacy.standsFor.includes(row.key)),
    ];
  }
  return rows;
}

function label(text: string, rowSpan = 1, colSpan = 1): LayoutCell {
  return { text, rowSpan, colSpan };
}

function valueCell(table: TableKey, row: string, column: string, document: ReportDocument, colSpan = 1): LayoutCell {
  const text = valueText(document[table]?.[row]?.[column]);
  return { text, rowSpan: 1, colSpan, value: { table, row, column } };
}

/** Table 二: per 第二十条 item a caption row, a header row (信息内容 and the item's columns) and its rows; a last column spans what the item lacks. */
function layoutActive(table: TableDef, rows: readonly RowDef[], document: ReportDocument): LayoutTable {
  const columns = new Map(table.columns.map((column) => [column.key, column]));
  const groups = groupsInOrder(rows, (row) => row.group ?? '');
  const columnsOf = (row: RowDef): ColumnDef[] =>
    (row.columns ?? table.columns.map((column) => column.key))
      .map((key) => columns.get(key))
      .filter((column): column is ColumnDef => column !== undefined);
  const valueColumns = largest(groups.map(([, members]) => columnsOf(members[0]!).length));
  const header = table.groupLabels.find((text) => text === '信息内容') ?? '信息内容';
  const out: LayoutCell[][] = [];
  for (const [caption, members] of groups) {
    const own = columnsOf(members[0]!);
    const spanOf = (index: number): number => (index === own.length - 1 ? valueColumns - own.length + 1 : 1);
    out.push([label(caption, 1, valueColumns + 1)]);
    out.push([label(header), ...own.map((column, index) => label(column.label, 1, spanOf(index)))]);
    for (const row of members)
      out.push([
        label(row.label),
        ...own.map((column, index) => valueCell(table.key, row.key, column.key, document, spanOf(index))),
      ]);
  }
  return { key: table.key, heading: table.label, width: valueColumns + 1, rows: out };
}

/** Table 三: the note over three label columns, 申请人情况 over the seven applicant columns (法人或其他组织 over five), then the rows. */
function layoutApplications(table: TableDef, rows: readonly RowDef[], document: ReportDocument): LayoutTable {
  const note = table.groupLabels.find((text) => text.startsWith('本列数据')) ?? '';
  const over = table.groupLabels.find((text) => text === '申请人情况') ?? '申请人情况';
  const topRow: LayoutCell[] = [label(`（${note}）`, 3, 3), label(over, 1, table.columns.length)];
  const secondRow: LayoutCell[] = [];
  const thirdRow: LayoutCell[] = [];
  for (const [group, members] of groupsInOrder(table.columns, (column) => column.group ?? '')) {
    if (group === '') for (const column of members) secondRow.push(label(column.label, 2, 1));
    else {
      secondRow.push(label(group, 1, members.length));
      for (const column of members) thirdRow.push(label(column.label));
    }
  }
  const out: LayoutCell[][] = [topRow, secondRow, thirdRow];
  const values = (row: RowDef): LayoutCell[] =>
    table.columns.map((column) => valueCell(table.key, row.key, column.key, document));
  const inOutcome = (row: RowDef): boolean => row.group !== undefined;
  const outcomeCount = rows.filter(inOutcome).length;
  let outcomeDrawn = false;
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index]!;
    if (!inOutcome(row)) {
      out.push([label(row.label, 1, 3), ...values(row)]);
      continue;
    }
    const lead: LayoutCell[] = outcomeDrawn ? [] : [label(OUTCOME_GROUP, outcomeCount, 1)];
    outcomeDrawn = true;
    if (row.group === OUTCOME_GROUP) {
      out.push([...lead, label(row.label, 1, 2), ...values(row)]);
      continue;
    }
    const members = [];
    for (let next = index; next < rows.length && rows[next]!.group === row.group; next += 1) members.push(rows[next]!);
    members.forEach((member, offset) => {
      out.push([
        ...(offset === 0 ? [...lead, label(row.group ?? '', members.length, 1)] : []),
        label(member.label),
        ...values(member),
      ]);
    });
    index += members.length - 1;
  }
  return { key: table.key, heading: table.label, width: 3 + table.columns.length, rows: out };
}

/** Table 四: 行政复议 and 行政诉讼 side by side (行政诉讼 over its two kinds), each with the five result columns, and one row of values. */
function layoutReviewLitigation(table: TableDef, rows: readonly RowDef[], document: ReportDocument): LayoutTable {
  const columns = table.columns;
  const top: LayoutCell[] = [];
  const second: LayoutCell[] = [];
  const third: LayoutCell[] = [];
  const values: LayoutCell[] = [];
  for (const [group, members] of groupsInOrder(rows, (row) => row.group ?? `\u0000${row.key}`)) {
    if (group.startsWith('\u0000')) {
      const row = members[0]!;
      top.push(label(row.label, 1, columns.length));
      for (const column of columns) second.push(label(column.label, 2, 1));
    } else {
      top.push(label(group, 1, columns.length * members.length));
      for (const row of members) {
        second.push(label(row.label, 1, columns.length));
        for (const column of columns) third.push(label(column.label));
      }
    }
    for (const row of members)
      for (const column of columns) values.push(valueCell(table.key, row.key, column.key, document));
  }
  return {
    key: table.key,
    heading: table.label,
    width: rows.length * columns.length,
    rows: [top, second, third, values],
  };
}

/** Consecutive runs of items sharing a key, in order (a key met again later starts a new run). */
function groupsInOrder<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups: [string, T[]][] = [];
  for (const item of items) {
    const key = keyOf(item);
    const last = groups[groups.length - 1];
    if (last && last[0] === key) last[1].push(item);
    else groups.push([key, [item]]);
  }
  return groups;
}
