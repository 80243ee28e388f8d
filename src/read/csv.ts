import { nearestEntry } from './pointer.js';
import type { Origin, RawValue, TemplateId } from '../model/types.js';
import { decodeText } from './decode.js';
import { rowsToBlocks } from './grid.js';
import {
  InputError,
  type Block,
  type RawRow,
  type BlockSource,
  type ReadContext,
  type ReaderFinding,
  type ReadResult,
} from './types.js';
import { getTemplate, isTableKey, TEMPLATE_IDS, templateForYear } from '../model/template.js';
import { withFields } from '../model/objects.js';

/** Reads a CSV file (UTF-8 with or without BOM, GBK/GB18030, or --encoding): the long form when its header is table,row,column,value, else the template layout. */
export function readCsv(bytes: Uint8Array, context: ReadContext): ReadResult | BlockSource {
  const { text, encoding } = decodeCsv(bytes, context);
  if (isLongCsv(text)) return withFields(readLongCsvText(text, context), { format: 'csv-long', encoding });
  return { format: 'csv', blocks: csvToBlocks(text), encoding };
}

/** Reads a CSV file in the long form table,row,column,value (--input-format csv-long). */
export function readCsvLong(bytes: Uint8Array, context: ReadContext): ReadResult {
  const { text, encoding } = decodeCsv(bytes, context);
  return withFields(readLongCsvText(text, context), { format: 'csv-long', encoding });
}

function decodeCsv(bytes: Uint8Array, context: ReadContext): { text: string; encoding: string } {
  const decoded = decodeText(bytes, context.encoding !== undefined ? { encoding: context.encoding } : {});
  if (decoded.text.trim() === '') throw new InputError('empty-file');
  return decoded;
}

/** One field of a CSV record with the 1-based line and column where it starts. */
export interface CsvField {
  text: string;
  line: number;
  column: number;
}

/** One CSV record with the line it starts on. */
export interface CsvRecord {
  fields: CsvField[];
  line: number;
}

const LONG_HEADER = ['table', 'row', 'column', 'value'];

/**
 * Fields a CSV may hold: a report has a few hundred (its tables, or four per cell in long form), and 1,000 lines of
 * 50,000 commas would otherwise become 50 million field objects (past 4 GB) before anything could refuse them.
 */
export const MAX_CSV_FIELDS = 200_000;

/**
 * Fields a long-form CSV may hold: four per cell, about 1,200 for a whole report. Each record of an unknown key is a
 * finding of its own, so a long form is held to far fewer fields than a grid.
 */
export const MAX_LONG_CSV_FIELDS = 40_000;

/**
 * Parses CSV text by RFC 4180: fields split by commas, records by CRLF, LF or CR; a field in double quotes may hold
 * commas, line breaks and doubled quotes (""). Leniencies: a quote inside an unquoted field is an ordinary character,
 * and a quote inside a quoted field that is followed by anything but a quote, comma or line break is kept as text.
 * A leading BOM is skipped. Throws InputError 'csv-unbalanced-quote' with the line and column of the opening quote
 * when a quoted field is still open at the end of the text, and 'csv-too-large' past `maxFields` fields.
 */
export function parseCsv(text: string, maxFields = MAX_CSV_FIELDS): CsvRecord[] {
  const records: CsvRecord[] = [];
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;
  let fields: CsvField[] = [];
  let recordLine = 1;
  let fieldCount = 0;
  const length = text.length;
  while (index <= length) {
    const fieldLine = line;
    const fieldColumn = index - lineStart + 1 - (lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0);
    let value = '';
    if (text[index] === '"') {
      index += 1;
      let closed = false;
      while (index < length) {
        const ch = text[index]!;
        if (ch === '"') {
          const next = text[index + 1];
          if (next === '"') {
            value += '"';
            index += 2;
            continue;
          }
          if (next === undefined || next === ',' || next === '\n' || next === '\r') {
            index += 1;
            closed = true;
            break;
          }
          value += ch;
          index += 1;
          continue;
        }
        if (ch === '\n' || (ch === '\r' && text[index + 1] !== '\n')) {
          line += 1;
          lineStart = index + 1;
        }
        value += ch;
        index += 1;
      }
      if (!closed)
        throw new InputError(
          'csv-unbalanced-quote',
          { line: fieldLine, column: fieldColumn },
          { line: fieldLine, column: fieldColumn },
        );
    } else {
      while (index < length) {
        const ch = text[index]!;
        if (ch === ',' || ch === '\n' || ch === '\r') break;
        value += ch;
        index += 1;
      }
    }
    fields.push({ text: value, line: fieldLine, column: fieldColumn });
    fieldCount += 1;
    if (fieldCount > maxFields)
      throw new InputError('csv-too-large', { line: fieldLine, fields: maxFields }, { line: fieldLine });
    const ch = text[index];
    if (ch === ',') {
      index += 1;
      continue;
    }
    if (!(fields.length === 1 && value === '' && index >= length)) records.push({ fields, line: recordLine });
    if (ch === undefined) break;
    index += ch === '\r' && text[index + 1] === '\n' ? 2 : 1;
    line += 1;
    lineStart = index;
    recordLine = line;
    fields = [];
  }
  return records;
}

/** True when the CSV's first record is the long-form header table,row,column,value. */
export function isLongCsv(text: string): boolean {
  const firstLine = text.replace(/^\uFEFF/u, '').split(/\r\n|\n|\r/u, 1)[0] ?? '';
  const names = firstLine.split(',').map((name) =>
    name
      .trim()
      .replace(/^"(.*)"$/u, '$1')
      .trim()
      .toLowerCase(),
  );
  return names.length >= 4 && LONG_HEADER.every((name, index) => names[index] === name);
}

/**
 * Reads a CSV in the template's own layout into text blocks and raw tables (see rowsToBlocks): label columns then
 * value columns, merged cells flattened to blanks, tables one under another separated by blank rows or heading rows.
 * Cell text is trimmed. Origins carry the line and column of each field plus tableIndex/rowIndex/columnIndex.
 */
export function csvToBlocks(text: string): Block[] {
  const rows: RawRow[] = parseCsv(text).map((record) => ({
    origin: { line: record.line, column: 1 },
    cells: record.fields.map((field) => ({
      text: field.text.trim(),
      origin: { line: field.line, column: field.column },
    })),
  }));
  return rowsToBlocks(rows, { tables: 0 });
}

/**
 * Reads the long form `table,row,column,value` straight into the canonical document, with the JSON keys as written.
 * Besides the three tables, a record may set `template`, `year` or `agency` (value in the value column), or
 * `narrative` with row overview/problems/other. Values are kept as the text written (a blank value is null), so
 * the shared value reader parses them as it does JSON strings.
 * Keys come from the input, so only the templates' own keys are ever written into the document (an allow-list: the
 * tables, rows, legacy rows and columns of either template): a table, row or column that no template has, such as
 * `__proto__` or `constructor`, is left out and reported once as an `unknown-row` finding at its field.
 * Throws InputError 'csv-long-header' when the header is not table,row,column,value.
 */
export function readLongCsvText(
  text: string,
  context: Pick<ReadContext, 'template' | 'year'> = {},
): Omit<ReadResult, 'format' | 'encoding'> {
  const records = parseCsv(text, MAX_LONG_CSV_FIELDS);
  const header = records[0];
  if (!header || !isLongCsv(text))
    throw new InputError(
      'csv-long-header',
      { line: header?.line ?? 1, column: 1 },
      { line: header?.line ?? 1, column: 1 },
    );
  const document: Record<string, unknown> = {};
  const origins = new Map<string, Origin>();
  const unknown = new Map<string, UnknownKey>();
  const keys = templateKeys();
  for (const record of records.slice(1)) {
    const [table, row, column, value] = [0, 1, 2, 3].map((index) => record.fields[index]);
    if (record.fields.every((field) => field.text.trim() === '')) continue;
    const tableKey = table?.text.trim() ?? '';
    const rowKey = row?.text.trim() ?? '';
    const columnKey = column?.text.trim() ?? '';
    const written = value?.text.trim() ?? '';
    const at: Origin = value ? { line: value.line, column: value.column } : { line: record.line, column: 1 };
    const fieldAt = (field: CsvField | undefined): Origin =>
      field ? { line: field.line, column: field.column } : { line: record.line, column: 1 };
    if (tableKey === 'template' || tableKey === 'agency') {
      document[tableKey] = written;
      origins.set(`/${tableKey}`, at);
    } else if (tableKey === 'year') {
      document['year'] = /^\d+$/u.test(written) ? Number(written) : written;
      origins.set('/year', at);
    } else if (tableKey === 'narrative') {
      if (!NARRATIVE_KEYS.has(rowKey)) {
        noteUnknown(unknown, {
          part: 'row',
          table: tableKey,
          label: rowKey,
          pointer: pointerOf([tableKey, rowKey]),
          origin: fieldAt(row),
        });
        continue;
      }
      objectAt(document, 'narrative')[rowKey] = value?.text ?? '';
      origins.set(`/narrative/${escapePointer(rowKey)}`, at);
    } else {
      const rows = keys.get(tableKey);
      if (!rows) {
        noteUnknown(unknown, {
          part: 'table',
          table: tableKey,
          label: rowKey,
          pointer: pointerOf([tableKey]),
          origin: fieldAt(table),
        });
        continue;
      }
      const columns = rows.get(rowKey);
      if (!columns) {
        noteUnknown(unknown, {
          part: 'row',
          table: tableKey,
          label: rowKey,
          pointer: pointerOf([tableKey, rowKey]),
          origin: fieldAt(row),
        });
        continue;
      }
      if (!columns.has(columnKey)) {
        noteUnknown(unknown, {
          part: 'column',
          table: tableKey,
          label: `${rowKey} › ${columnKey}`,
          pointer: pointerOf([tableKey, rowKey, columnKey]),
          origin: fieldAt(column),
        });
        continue;
      }
      const raw: RawValue = written === '' ? null : written;
      objectAt(objectAt(document, tableKey), rowKey)[columnKey] = raw;
      const pointer = pointerOf([tableKey, rowKey, columnKey]);
      origins.set(pointer, at);
      const start: Origin = table ? { line: table.line, column: table.column } : at;
      for (const prefix of [pointerOf([tableKey]), pointerOf([tableKey, rowKey])]) {
        if (!origins.has(prefix)) origins.set(prefix, start);
      }
    }
  }
  const template =
    context.template ?? templateOf(document['template']) ?? templateOfYear(context.year ?? document['year']);
  return {
    // The document is checked against the report JSON Schema by the engine, exactly like a JSON input.
    document: document,
    findings: [...unknown.values()].map((entry) => unknownFinding(entry, template)),
    locate(pointer: string): Origin | undefined {
      return { pointer, ...nearestEntry(origins, pointer) };
    },
  };
}

/** A table, row or column of a long-form CSV that no template has. */
interface UnknownKey {
  part: 'table' | 'row' | 'column';
  table: string;
  label: string;
  pointer: string;
  origin: Origin;
}

const NARRATIVE_KEYS: ReadonlySet<string> = new Set(['overview', 'problems', 'other']);

let TEMPLATE_KEYS: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>> | undefined;

/** The allow-list of long-form keys: table → row → columns, the union of both templates (rows, legacy rows and their columns). */
function templateKeys(): ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>> {
  if (TEMPLATE_KEYS) return TEMPLATE_KEYS;
  const tables = new Map<string, Map<string, Set<string>>>();
  for (const id of TEMPLATE_IDS) {
    const compiled = getTemplate(id);
    for (const table of compiled.def.tables) {
      let rows = tables.get(table.key);
      if (!rows) tables.set(table.key, (rows = new Map<string, Set<string>>()));
      const add = (row: string, columns: readonly string[]): void => {
        let set = rows.get(row);
        if (!set) rows.set(row, (set = new Set()));
        for (const column of columns) set.add(column);
      };
      for (const row of table.rows) add(row.key, compiled.columnKeys(table.key, row.key));
      for (const legacy of table.legacyRows ?? [])
        add(
          legacy.key,
          table.columns.map((column) => column.key),
        );
    }
  }
  TEMPLATE_KEYS = tables;
  return tables;
}

function noteUnknown(unknown: Map<string, UnknownKey>, entry: UnknownKey): void {
  if (!unknown.has(entry.pointer)) unknown.set(entry.pointer, entry);
}

/** The unknown-row finding for a key no template has; its data also says which part (table, row, column) and the key's pointer. */
function unknownFinding(entry: UnknownKey, template: TemplateId | undefined): ReaderFinding {
  const table = isTableKey(entry.table) ? getTemplate(template ?? '2021').table(entry.table).label : entry.table;
  return {
    ruleId: 'unknown-row',
    messageId: 'unknown',
    data: {
      table,
      label: entry.label,
      template: template ?? TEMPLATE_IDS.join('/'),
      part: entry.part,
      key: entry.pointer,
    },
    origin: withFields(entry.origin, { pointer: entry.pointer }),
  };
}

function templateOf(value: unknown): TemplateId | undefined {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value)
    ? (value as TemplateId)
    : undefined;
}

function templateOfYear(value: unknown): TemplateId | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? templateForYear(value) : undefined;
}

function pointerOf(segments: readonly string[]): string {
  return `/${segments.map(escapePointer).join('/')}`;
}

/** The object at an allow-listed key (never a key from the input as such), created when absent. */
function objectAt(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  const existing = Object.hasOwn(parent, key) ? parent[key] : undefined;
  if (existing !== null && typeof existing === 'object' && !Array.isArray(existing))
    return existing as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  parent[key] = created;
  return created;
}

function escapePointer(key: string): string {
  return key.replace(/~/gu, '~0').replace(/\//gu, '~1');
}
