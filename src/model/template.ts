import { TEMPLATE_DATA } from '../generated/data.js';
import type { ColumnDef, RowDef, TableDef, TemplateDef } from './template-def.js';
import type { CellKind, CellLabels, CellRef, TableKey, TemplateId } from './types.js';

/** One value cell of a template, with everything a rule or a message needs, computed once. */
export interface TemplateCell {
  readonly index: number;
  readonly table: TableKey;
  readonly row: string;
  readonly column: string;
  readonly pointer: string;
  readonly kind: CellKind;
  readonly unitInHeader: boolean;
  readonly ref: CellRef;
}

/** A template made ready for checking: its cells in order and lookups by key. */
export interface CompiledTemplate {
  readonly id: TemplateId;
  readonly def: TemplateDef;
  readonly cells: readonly TemplateCell[];
  /** The cell at table/row/column, if the template has it. */
  cellAt(table: TableKey, row: string, column: string): TemplateCell | undefined;
  table(key: TableKey): TableDef;
  /** Row keys of a table, in template order. */
  rowKeys(table: TableKey): readonly string[];
  /** Column keys of one row (all the table's columns unless the row names its own). */
  columnKeys(table: TableKey, row: string): readonly string[];
  /** Row keys of a table that belong to a named set (outcome). */
  rowSet(table: TableKey, set: string): readonly string[];
  /** Display labels of a row and a column. */
  rowLabel(table: TableKey, row: string): string;
  columnLabel(table: TableKey, column: string): string;
}

/** Whether a string is one of the three table keys (二 active, 三 applications, 四 reviewLitigation). */
export function isTableKey(value: string): value is TableKey {
  return value === 'active' || value === 'applications' || value === 'reviewLitigation';
}

/** Template ids in order. */
export const TEMPLATE_IDS: readonly TemplateId[] = ['2019', '2021'];

const compiled = new Map<TemplateId, CompiledTemplate>();

/** The compiled template for an id; compiled on first use and kept. */
export function getTemplate(id: TemplateId): CompiledTemplate {
  let template = compiled.get(id);
  if (!template) {
    const def = TEMPLATE_DATA.find((candidate) => candidate.id === id);
    if (!def) throw new Error(`no template ${id}`);
    template = compile(def);
    compiled.set(id, template);
  }
  return template;
}

/** The template a year should use: 2019–2020 → 2019, 2021 on → 2021, before 2019 → none. */
export function templateForYear(year: number): TemplateId | undefined {
  for (const def of TEMPLATE_DATA) {
    if (year >= def.years.from && (def.years.to === undefined || year <= def.years.to)) return def.id;
  }
  return undefined;
}

/** A row's display label: its group and its own label, e.g. "（三）不予公开 › 1.属于国家秘密". */
export function rowDisplayLabel(row: RowDef): string {
  return row.group && !row.group.startsWith('三、') ? `${row.group} › ${row.label}` : row.label;
}

function compile(def: TemplateDef): CompiledTemplate {
  const cells: TemplateCell[] = [];
  const byKey = new Map<string, TemplateCell>();
  const tables = new Map<TableKey, TableDef>();
  const rowsByTable = new Map<TableKey, Map<string, RowDef>>();
  const columnsByTable = new Map<TableKey, Map<string, ColumnDef>>();
  for (const table of def.tables) {
    tables.set(table.key, table);
    const columns = new Map(table.columns.map((column) => [column.key, column]));
    columnsByTable.set(table.key, columns);
    rowsByTable.set(table.key, new Map(table.rows.map((row) => [row.key, row])));
    for (const row of table.rows) {
      for (const columnKey of row.columns ?? table.columns.map((column) => column.key)) {
        const column = columns.get(columnKey);
        if (!column) throw new Error(`template ${def.id}: row ${row.key} names unknown column ${columnKey}`);
        const labels: CellLabels = {
          table: table.label,
          row: rowDisplayLabel(row),
          column: columnDisplayLabel(column),
        };
        const cell: TemplateCell = {
          index: cells.length,
          table: table.key,
          row: row.key,
          column: column.key,
          pointer: `/${table.key}/${row.key}/${column.key}`,
          kind: column.kind,
          unitInHeader: column.unitInHeader ?? false,
          ref: { table: table.key, row: row.key, column: column.key, labels },
        };
        cells.push(cell);
        byKey.set(`${table.key}/${row.key}/${column.key}`, cell);
      }
    }
  }
  const tableOf = (key: TableKey): TableDef => {
    const table = tables.get(key);
    if (!table) throw new Error(`template ${def.id} has no table ${key}`);
    return table;
  };
  const rowSets = new Map<string, string[]>();
  return {
    id: def.id,
    def,
    cells,
    cellAt: (table, row, column) => byKey.get(`${table}/${row}/${column}`),
    table: tableOf,
    rowKeys: (table) => tableOf(table).rows.map((row) => row.key),
    columnKeys: (table, row) => {
      const tableDef = tableOf(table);
      return rowsByTable.get(table)?.get(row)?.columns ?? tableDef.columns.map((column) => column.key);
    },
    rowSet: (table, set) => {
      const key = `${table}/${set}`;
      let rows = rowSets.get(key);
      if (!rows) {
        rows = tableOf(table)
          .rows.filter((row) => row.sets?.includes(set))
          .map((row) => row.key);
        rowSets.set(key, rows);
      }
      return rows;
    },
    rowLabel: (table, row) => {
      const rowDef = rowsByTable.get(table)?.get(row);
      return rowDef ? rowDisplayLabel(rowDef) : row;
    },
    columnLabel: (table, column) => {
      const columnDef = columnsByTable.get(table)?.get(column);
      return columnDef ? columnDisplayLabel(columnDef) : column;
    },
  };
}

function columnDisplayLabel(column: ColumnDef): string {
  return column.label;
}
