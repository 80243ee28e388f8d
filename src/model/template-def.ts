import type { CellKind, TableKey, TemplateId } from './types.js';

/** A column of a template table, as written in schemas/templates/*.json. */
export interface ColumnDef {
  key: string;
  label: string;
  kind: CellKind;
  /** Group header above the column (法人或其他组织). */
  group?: string;
  /** True when the header itself says 万元. */
  unitInHeader?: boolean;
  /** Core phrases that identify the column after label normalisation. */
  match: string[];
}

/** A row of a template table. */
export interface RowDef {
  key: string;
  label: string;
  /** A short name for the row where it is one term of a sum in a message (一、本年新收). */
  short?: string;
  /** The merged group label beside or above the row (（三）不予公开, 第二十条第（一）项). */
  group?: string;
  /** Column keys of this row, when not all the table's columns. */
  columns?: string[];
  /** Named sets the row belongs to, used by rules (outcome). */
  sets?: string[];
  match: string[];
}

/** A table of a template. */
export interface TableDef {
  key: TableKey;
  label: string;
  short: string;
  /** Labels that head groups or headers and carry no values of their own. */
  groupLabels: string[];
  columns: ColumnDef[];
  rows: RowDef[];
  /** Rows of the older template that some reports print instead of rows of this one. */
  legacyRows?: LegacyRowDef[];
}

/** An older template's row that stands for several rows of this one (2019's single （六）其他处理 in a 2021 report). */
export interface LegacyRowDef {
  key: string;
  label: string;
  /** The rows it replaces; its values are read as the last of them, the others counting 0. */
  standsFor: string[];
}

/** A numbered section of the report (一 to 六). */
export interface SectionDef {
  key: string;
  label: string;
  match: string[];
}

/** One national template, as data. */
export interface TemplateDef {
  id: TemplateId;
  name: string;
  basis: string;
  years: { from: number; to?: number };
  /** Labels found only in this template, for detection. */
  markers: string[];
  sections: SectionDef[];
  tables: TableDef[];
}
