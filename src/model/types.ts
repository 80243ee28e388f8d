import type { Decimal } from './decimal.js';

/** The two national templates: the 2019 trial format and the 2021 revised format. */
export type TemplateId = '2019' | '2021';

/** The three tables of a report, by their JSON keys (二, 三, 四). */
export type TableKey = 'active' | 'applications' | 'reviewLitigation';

/** What a cell may hold: a count ≥ 0, a signed count (2019 本年增/减), or money in 万元. */
export type CellKind = 'count' | 'signed' | 'money';

/** Where something came from in the file the user gave; every field is optional because formats differ. */
export interface Origin {
  /** 1-based line in a text file. */
  line?: number;
  /** 1-based column (in characters) in a text file. */
  column?: number;
  /** JSON pointer into the canonical report document. */
  pointer?: string;
  /** 1-based page of a PDF. */
  page?: number;
  /** Worksheet name of an .xlsx file. */
  sheet?: string;
  /** A1-style cell reference in a worksheet. */
  ref?: string;
  /** 1-based table, row and column index in a .docx or HTML document. */
  tableIndex?: number;
  rowIndex?: number;
  columnIndex?: number;
}

/** How a cell's value reached the report: its place explicit in a grid or line, or the only one the template allows (read); placed by a choice among several, such as a split of run-together digits (inferred); printed empty (blank); or not in the input at all (absent). */
export type Evidence = 'read' | 'inferred' | 'blank' | 'absent';

/** A value as read from a cell: a number, exact money, or empty (blank, —, /). */
export type CellValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'money'; readonly value: Decimal }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid' };

/** The raw value of a cell in the canonical document: a number, the text as written, or null for absent. */
export type RawValue = number | string | null;

/** The canonical JSON report (the public input contract), loosely typed since it is checked by JSON Schema. */
export interface ReportDocument {
  template?: TemplateId;
  year?: number;
  agency?: string;
  active?: Record<string, Record<string, RawValue>>;
  applications?: Record<string, Record<string, RawValue>>;
  reviewLitigation?: Record<string, Record<string, RawValue>>;
  narrative?: { overview?: string; problems?: string; other?: string };
  /** How cells reached a document a reader made from another format (convert writes it, the JSON reader passes it on): the cells placed by inference and the rows whose total placed them. */
  $evidence?: { inferred?: string[]; totalsUsed?: string[] };
}

/** Chinese labels of a cell's table, row and column, for messages. */
export interface CellLabels {
  table: string;
  row: string;
  column: string;
}

/** Identifies one cell of the template by its keys and labels. */
export interface CellRef {
  table: TableKey;
  row: string;
  column: string;
  labels: CellLabels;
}
