// Reading a fixture to its canonical cells, and comparing them with what a careful reader reads (an
// expected.json of fixtures/excerpts/, or a table typed in a test).
import { readFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { readBytes, type LintInputOptions } from '../../src/pipeline/lint.js';
import { decimalFromNumber, formatDecimal, parseDecimal } from '../../src/model/decimal.js';
import { getTemplate } from '../../src/model/template.js';
import type { RawValue, ReportDocument, TableKey, TemplateId } from '../../src/model/types.js';
import { readValue } from '../../src/model/values.js';
import type { ReadResult } from '../../src/read/types.js';
import { ROOT } from './lint.js';

/** One expected cell: a number (0 also stands for a cell printed blank), money as its decimal text ('1424.4'), or null for a cell not visible in the input. */
export type ExpectedValue = number | string | null;

/** An expected table: row key → column key → value; rows and columns left out are not compared. */
export type ExpectedTable = Record<string, Record<string, ExpectedValue>>;

/** What compareCells compares: the tables applications and reviewLitigation, and active where given. */
export interface ExpectedCells {
  template?: TemplateId;
  applications?: ExpectedTable;
  reviewLitigation?: ExpectedTable;
  active?: ExpectedTable;
}

/** An NNN.expected.json of fixtures/excerpts/. */
export interface ExpectedExcerpt extends ExpectedCells {
  template: TemplateId;
  year: number;
  agency: string;
  complete: boolean;
  applications: ExpectedTable;
  reviewLitigation: ExpectedTable;
  /** Table 二 as rows of values, in the transcriber's own (non-canonical) keys; not compared. */
  activeAsTranscribed?: Record<string, Array<number | null>>;
  /** The relations that really fail (all [] today). */
  arithmeticErrors: unknown[];
  notes: string;
}

/** One cell that was not read as expected. */
export interface CellMismatch {
  /** JSON pointer of the cell, e.g. /applications/new/total. */
  pointer: string;
  expected: ExpectedValue;
  /** The raw value found in the document (undefined: absent). */
  raw: RawValue | undefined;
  /** One readable line: where, what was expected, what was found. */
  message: string;
}

const TABLES: readonly TableKey[] = ['applications', 'reviewLitigation', 'active'];

/** A path relative to the repository root (or absolute). */
export function fromRoot(path: string): string {
  return isAbsolute(path) ? path : join(ROOT, path);
}

/** Reads an excerpt's expected.json. */
export function readExpected(path: string): ExpectedExcerpt {
  return JSON.parse(readFileSync(fromRoot(path), 'utf8')) as ExpectedExcerpt;
}

/** Reads a file (path relative to the repository root, or absolute) the way the CLI does: readBytes, format by extension. */
export async function readCells(path: string, options: LintInputOptions = {}): Promise<ReadResult> {
  const bytes = new Uint8Array(readFileSync(fromRoot(path)));
  return readBytes(bytes, basename(path), options);
}

/** Reads text given as a string, as if it were a file of that name. */
export async function readTextCells(
  text: string,
  fileName: string,
  options: LintInputOptions = {},
): Promise<ReadResult> {
  return readBytes(new TextEncoder().encode(text), fileName, options);
}

/** The raw value at /table/row/column of a document; undefined when the table, the row or the cell is missing. */
export function rawAt(document: ReportDocument, table: TableKey, row: string, column: string): RawValue | undefined {
  const rows = document[table] as Record<string, Record<string, RawValue> | undefined> | undefined;
  return rows?.[row]?.[column];
}

/**
 * Compares a document's cells with the expected ones, for applications and reviewLitigation (and active when
 * expected has it). Expected null: the cell must be absent (raw undefined; a raw null is not accepted). Expected
 * number n: readValue(raw) must be a number equal to n (for money, the same decimal), or empty when n is 0 (a
 * blank cell counts as 0); an absent cell never matches a number. Expected string: a money cell's decimal text.
 * The kinds come from the template: expected.template, else the document's, else 2021 (table 三 and 四 cells
 * have the same kinds in both templates). Returns the mismatches, in template order.
 */
export function compareCells(
  expected: ExpectedCells,
  document: ReportDocument,
  templateId?: TemplateId,
): CellMismatch[] {
  const template = getTemplate(templateId ?? expected.template ?? document.template ?? '2021');
  const mismatches: CellMismatch[] = [];
  for (const table of TABLES) {
    const rows = expected[table];
    if (!rows) continue;
    for (const [row, columns] of Object.entries(rows)) {
      for (const [column, want] of Object.entries(columns)) {
        const pointer = `/${table}/${row}/${column}`;
        const raw = rawAt(document, table, row, column);
        const cell = template.cellAt(table, row, column);
        if (!cell) {
          mismatches.push({
            pointer,
            expected: want,
            raw,
            message: `${pointer}: not a cell of template ${template.id}`,
          });
          continue;
        }
        const problem = checkCell(want, raw, cell.kind, cell.unitInHeader);
        if (problem)
          mismatches.push({
            pointer,
            expected: want,
            raw,
            message: `${pointer}: expected ${describeExpected(want)}, ${problem}`,
          });
      }
    }
  }
  return mismatches;
}

/** The messages of a list of mismatches, one a line, for a failure message. */
export function formatMismatches(mismatches: readonly CellMismatch[]): string {
  return mismatches.map((mismatch) => mismatch.message).join('\n');
}

/** Why a raw value does not fit the expected one, or undefined when it does. */
function checkCell(
  want: ExpectedValue,
  raw: RawValue | undefined,
  kind: 'count' | 'signed' | 'money',
  unitInHeader: boolean,
): string | undefined {
  if (want === null) return raw === undefined ? undefined : `found ${describeRaw(raw, kind, unitInHeader)}`;
  if (raw === undefined || raw === null) return `found ${raw === null ? 'null' : 'nothing (absent)'}`;
  const { value } = readValue(raw, { kind, unitInHeader });
  if (value.kind === 'empty') return isZero(want) ? undefined : `found ${describeRaw(raw, kind, unitInHeader)}`;
  if (value.kind === 'number' && typeof want === 'number' && value.value === want) return undefined;
  if (value.kind === 'money') {
    const wanted = typeof want === 'number' ? decimalFromNumber(want) : parseDecimal(want);
    if (wanted && formatDecimal(wanted) === formatDecimal(value.value)) return undefined;
  }
  return `found ${describeRaw(raw, kind, unitInHeader)}`;
}

function isZero(want: number | string): boolean {
  return typeof want === 'number' ? want === 0 : parseDecimal(want)?.coefficient === 0n;
}

function describeExpected(want: ExpectedValue): string {
  if (want === null) return 'absent (not visible in the input)';
  if (want === 0) return '0 (or a blank cell)';
  return typeof want === 'string' ? `money ${want}` : String(want);
}

/** A raw value and what readValue makes of it, e.g. "'3' (number 3)", "'' (empty)", "'1424.4万元' (money 1424.4)". */
export function describeRaw(
  raw: RawValue | undefined,
  kind: 'count' | 'signed' | 'money' = 'count',
  unitInHeader = false,
): string {
  if (raw === undefined) return 'nothing (absent)';
  if (raw === null) return 'null';
  const { value } = readValue(raw, { kind, unitInHeader });
  const shown = typeof raw === 'string' ? `'${raw}'` : String(raw);
  switch (value.kind) {
    case 'number':
      return `${shown} (number ${value.value})`;
    case 'money':
      return `${shown} (money ${formatDecimal(value.value)})`;
    case 'empty':
      return `${shown} (empty)`;
    case 'invalid':
      return `${shown} (not a number)`;
  }
}

/** What readValue makes of a raw value, in short: 'absent', 'number 10', 'money 1424.4', 'empty' or 'invalid'. */
export function valueText(
  raw: RawValue | undefined,
  kind: 'count' | 'signed' | 'money' = 'count',
  unitInHeader = false,
): string {
  if (raw === undefined) return 'absent';
  const { value } = readValue(raw, { kind, unitInHeader });
  if (value.kind === 'number') return `number ${value.value}`;
  if (value.kind === 'money') return `money ${formatDecimal(value.value)}`;
  return value.kind;
}

/**
 * The mismatches as lines for a failure message, the cells of one row that fail the same way on one line:
 * "/applications/new/{naturalPerson,commercial,total}: expected absent (not visible in the input), found '' (empty)".
 */
export function summarizeMismatches(mismatches: readonly CellMismatch[]): string[] {
  const lines: Array<{ row: string; columns: string[]; problem: string }> = [];
  for (const mismatch of mismatches) {
    const cut = mismatch.pointer.lastIndexOf('/');
    const row = mismatch.pointer.slice(0, cut);
    const column = mismatch.pointer.slice(cut + 1);
    const problem = mismatch.message.slice(mismatch.pointer.length);
    const last = lines[lines.length - 1];
    if (last && last.row === row && last.problem === problem) last.columns.push(column);
    else lines.push({ row, columns: [column], problem });
  }
  return lines.map(
    ({ row, columns, problem }) => `${row}/${columns.length === 1 ? columns[0] : `{${columns.join(',')}}`}${problem}`,
  );
}
