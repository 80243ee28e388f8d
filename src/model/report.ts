import { getTemplate, templateForYear, type CompiledTemplate, type TemplateCell } from './template.js';
import type { CellValue, Evidence, RawValue, ReportDocument, TemplateId } from './types.js';
import { readValue, type ValueNote } from './values.js';

/** One value cell of a report: the template cell, what the report wrote, and how it was read. */
export interface Cell {
  readonly def: TemplateCell;
  /** The value as written; undefined when the report lacks the cell (absent, or a row an older template's row stands in for without carrying its values). */
  readonly raw: RawValue | undefined;
  readonly present: boolean;
  readonly value: CellValue;
  readonly note?: ValueNote;
  /** How the value reached the report: read, inferred, blank or absent. */
  readonly evidence: Evidence;
  /** Where the value really is when the report printed an older template's row instead (see legacyRows). */
  readonly sourcePointer?: string;
}

/** The report model every rule works on, whatever format it was read from. */
export interface Report {
  readonly template: CompiledTemplate;
  readonly year?: number;
  readonly agency?: string;
  readonly document: ReportDocument;
  /** Cells in template order: cells[i].def === template.cells[i]. */
  readonly cells: readonly Cell[];
  /** --strict: empty cells are missing rather than 0. */
  readonly strict: boolean;
  /** Rows (/applications/new) whose own total the aligner used to place inferred cells: their row-total check is not counted as passed. */
  readonly totalsUsed: ReadonlySet<string>;
  /** Rows and tables whose absence a reader finding already explains (cut off, unreadable): not listed again as missing. */
  readonly explained: ReadonlySet<string>;
}

/** How the template of a report was decided. */
export interface TemplateChoice {
  template?: TemplateId;
  /** Where it came from: the command line, the report's own field, or its year. */
  source?: 'option' | 'document' | 'year';
}

/** Decides the template: --template, else the report's `template` field, else its year (--year or the report's). */
export function chooseTemplate(document: ReportDocument, override?: TemplateId, year?: number): TemplateChoice {
  if (override) return { template: override, source: 'option' };
  if (document.template === '2019' || document.template === '2021')
    return { template: document.template, source: 'document' };
  if (year !== undefined) {
    const template = templateForYear(year);
    if (template) return { template, source: 'year' };
  }
  return {};
}

/** Builds the report model from a canonical document, reading every cell through the shared value reader. */
export function buildReport(
  document: ReportDocument,
  templateId: TemplateId,
  options: {
    strict?: boolean;
    year?: number;
    inferred?: ReadonlySet<string>;
    totalsUsed?: ReadonlySet<string>;
    explained?: ReadonlySet<string>;
  } = {},
): Report {
  const inferred = options.inferred;
  const template = getTemplate(templateId);
  const cells: Cell[] = [];
  const legacy = legacyRowsIn(document, template);
  let rows: Record<string, unknown> | undefined;
  let rowsKey = '';
  let row: unknown;
  let rowKey = '';
  for (const def of template.cells) {
    const substitute = legacy.size > 0 ? legacy.get(`${def.table}/${def.row}`) : undefined;
    if (substitute) {
      cells.push(substituteCell(def, document, substitute, inferred));
      continue;
    }
    // Cells come table by table and row by row: look each table and row up once.
    if (def.table !== rowsKey) {
      rowsKey = def.table;
      const table: unknown = document[def.table];
      rows = table !== null && typeof table === 'object' ? (table as Record<string, unknown>) : undefined;
      rowKey = '';
    }
    if (def.row !== rowKey) {
      rowKey = def.row;
      row = rows?.[def.row];
    }
    const raw =
      row !== null && typeof row === 'object' && Object.hasOwn(row, def.column)
        ? (row as Record<string, unknown>)[def.column]
        : undefined;
    if (!isRawValue(raw)) {
      cells.push({ def, raw: undefined, present: false, value: INVALID, evidence: 'absent' });
      continue;
    }
    const read = readValue(raw, def);
    const evidence = evidenceOf(read.value, inferred?.has(def.pointer) ?? false);
    cells.push(
      read.note
        ? { def, raw, present: true, value: read.value, note: read.note, evidence }
        : { def, raw, present: true, value: read.value, evidence },
    );
  }
  const year = options.year ?? (typeof document.year === 'number' ? document.year : undefined);
  const agency = typeof document.agency === 'string' ? document.agency : undefined;
  return {
    template,
    document,
    cells,
    strict: options.strict ?? false,
    totalsUsed: options.totalsUsed ?? NO_ROWS,
    explained: options.explained ?? NO_ROWS,
    ...(year === undefined ? {} : { year }),
    ...(agency === undefined ? {} : { agency }),
  };
}

const INVALID: CellValue = { kind: 'invalid' };
const ZERO: CellValue = { kind: 'number', value: 0 };
const NO_ROWS: ReadonlySet<string> = new Set();

/**
 * The evidence of a present cell: inferred when the aligner placed it by a choice (even an empty one: a cell it left
 * empty because the row's values were placed by its total was not printed empty, it was concluded to be), else blank
 * when printed empty, else read.
 */
function evidenceOf(value: CellValue, inferred: boolean): Evidence {
  if (inferred) return 'inferred';
  return value.kind === 'empty' ? 'blank' : 'read';
}

/** How a row the report lacks is filled from an older template's row it printed instead. */
interface Substitute {
  legacyKey: string;
  /** True for the row that takes the legacy row's values; the others count 0. */
  carriesValues: boolean;
}

/** The rows of this template that the document replaces by an older template's row (and lacks all of). */
function legacyRowsIn(document: ReportDocument, template: CompiledTemplate): Map<string, Substitute> {
  const substitutes = new Map<string, Substitute>();
  for (const table of template.def.tables) {
    const rows = document[table.key];
    if (!rows || typeof rows !== 'object') continue;
    for (const legacy of table.legacyRows ?? []) {
      if (!(legacy.key in rows) || legacy.standsFor.some((key) => key in rows)) continue;
      legacy.standsFor.forEach((key, index) =>
        substitutes.set(`${table.key}/${key}`, {
          legacyKey: legacy.key,
          carriesValues: index === legacy.standsFor.length - 1,
        }),
      );
    }
  }
  return substitutes;
}

function substituteCell(
  def: TemplateCell,
  document: ReportDocument,
  substitute: Substitute,
  inferred: ReadonlySet<string> | undefined,
): Cell {
  const sourcePointer = `/${def.table}/${substitute.legacyKey}/${def.column}`;
  // The rows the older row stands for but does not carry are not in the input: they count 0, by inference, and have no raw text.
  if (!substitute.carriesValues)
    return { def, raw: undefined, present: true, value: ZERO, evidence: 'inferred', sourcePointer };
  const raw = (document[def.table]?.[substitute.legacyKey] as Record<string, unknown> | undefined)?.[def.column];
  if (!isRawValue(raw))
    return { def, raw: undefined, present: false, value: { kind: 'invalid' }, evidence: 'absent', sourcePointer };
  const read = readValue(raw, def);
  const evidence = evidenceOf(read.value, inferred?.has(sourcePointer) ?? false);
  return read.note
    ? { def, raw, present: true, value: read.value, note: read.note, evidence, sourcePointer }
    : { def, raw, present: true, value: read.value, evidence, sourcePointer };
}

/** The count a cell contributes to a sum, or undefined when it is missing (absent, unreadable, or empty under --strict). */
export function countOf(cell: Cell, strict: boolean): number | undefined {
  switch (cell.value.kind) {
    case 'number':
      return cell.value.value;
    case 'empty':
      return strict ? undefined : 0;
    default:
      return undefined;
  }
}

function isRawValue(value: unknown): value is RawValue {
  return value === null || typeof value === 'number' || typeof value === 'string';
}
