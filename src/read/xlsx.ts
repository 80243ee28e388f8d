import type JSZip from 'jszip';
import { isHeadingText, rowsToBlocks, type TableCounter } from './grid.js';
import { assertZip, damaged } from './office.js';
import { InputError, type Block, type BlockSource, type RawCell, type RawRow } from './types.js';
import { scanXml, type XmlAttributes } from './xml.js';
import { appendAll } from '../model/arrays.js';
import { withFields } from '../model/objects.js';

/** The most cells read from one sheet (the tables of a report hold a few hundred); past it the sheet is refused. */
const MAX_CELLS = 1_000_000;

/** The last column a sheet can have (XFD). */
const MAX_COLUMN = 16_384;

/** Reads an Excel .xlsx report into the tables of all its visible sheets. */
export async function readXlsx(bytes: Uint8Array): Promise<BlockSource> {
  return { format: 'xlsx', blocks: await xlsxToBlocks(bytes) };
}

/** One cell of a sheet's XML: its column and its text, or undefined for a styled cell with no value. */
interface SheetCell {
  column: number;
  text: string | undefined;
}

/** A merged range, 1-based and inclusive. */
interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** What a worksheet part holds: its rows by number (cells in column order) and its merged ranges. */
interface SheetData {
  rows: Map<number, SheetCell[]>;
  merges: Merge[];
}

/** What every sheet is read with: the shared strings, which cell formats show dates, and the date system. */
interface Book {
  shared: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/**
 * Reads an Excel .xlsx into text blocks and raw tables, sheet by sheet in workbook order (hidden sheets skipped):
 * one sheet holding all tables one under another, or one sheet per table. A merged range keeps its text in its
 * top-left cell; the other cells of the range are blank, as in the HTML grid, and grid columns that only continue
 * merged ranges within a table are dropped. Numbers are written out in full, a date-formatted number as its date
 * (2021-01-01), formula cells by their cached result, rich text is joined, and white space is squeezed. A sheet
 * named like a heading or caption (表三, 三、收到和处理…) gives a text block before its tables. Origins carry the sheet
 * name, the A1 reference (B7) and tableIndex/rowIndex/columnIndex. Throws InputError 'not-office-file' or
 * 'damaged-office-file'. The parts are read with jszip and scanXml, as exceljs read them before.
 */
export async function xlsxToBlocks(bytes: Uint8Array): Promise<Block[]> {
  assertZip(bytes, 'xlsx');
  const { default: JSZipLibrary } = await import('jszip');
  let zip: JSZip;
  try {
    zip = await JSZipLibrary.loadAsync(bytes);
  } catch (error) {
    throw damaged('xlsx', error);
  }
  const entries = new Map<string, JSZip.JSZipObject>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) entries.set(entry.name.replace(/^\//u, ''), entry);
  const workbook = await partText(entries, 'xl/workbook.xml');
  if (workbook === undefined) throw damaged('xlsx', new Error('no xl/workbook.xml'));
  const sheets = parseWorkbook(workbook);
  const targets = parseRelationships((await partText(entries, 'xl/_rels/workbook.xml.rels')) ?? '');
  const sharedText = await partText(entries, 'xl/sharedStrings.xml');
  const stylesText = await partText(entries, 'xl/styles.xml');
  const book: Book = {
    shared: sharedText === undefined ? [] : parsed('xl/sharedStrings.xml', () => parseSharedStrings(sharedText)),
    dateStyles: stylesText === undefined ? [] : parsed('xl/styles.xml', () => parseDateStyles(stylesText)),
    date1904: sheets.date1904,
  };
  const blocks: Block[] = [];
  const counter: TableCounter = { tables: 0 };
  for (const sheet of sheets.list) {
    if (sheet.state !== '' && sheet.state !== 'visible') continue;
    const target = targets.get(sheet.rId);
    const path = target === undefined ? undefined : partPath(target);
    const xml = path === undefined ? undefined : await partText(entries, path);
    if (path === undefined || xml === undefined) continue;
    const data = parsed(path, () => parseSheet(xml, book));
    if (data === undefined) continue;
    if (isHeadingText(sheet.name)) blocks.push({ kind: 'text', text: sheet.name, origin: { sheet: sheet.name } });
    const { rows, continued } = sheetRows(sheet.name, data);
    appendAll(blocks, rowsToBlocks(rows, counter, continued, blankCell));
  }
  return blocks;
}

async function partText(entries: Map<string, JSZip.JSZipObject>, path: string): Promise<string | undefined> {
  const entry = entries.get(path);
  if (entry === undefined) return undefined;
  try {
    return new TextDecoder().decode(await entry.async('uint8array'));
  } catch (error) {
    throw damaged('xlsx', new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/** The result of parsing one part, its XML errors as 'damaged-office-file' naming the part. */
function parsed<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw damaged('xlsx', new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/** A relationship target of xl/workbook.xml as a part name: absolute (/xl/…) or relative to xl/. */
function partPath(target: string): string {
  const segments: string[] = target.startsWith('/') ? [] : ['xl'];
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '' && segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

interface SheetEntry {
  name: string;
  state: string;
  rId: string;
}

/**
 * The sheets of xl/workbook.xml in the order exceljs gave them: by the place of the first sheet with their sheetId,
 * a later sheet of the same id replacing an earlier one, and a sheet with no sheetId ≥ 1 left out.
 */
function parseWorkbook(xml: string): { list: SheetEntry[]; date1904: boolean } {
  const sheets: (SheetEntry & { id: number })[] = [];
  let date1904 = false;
  parsed('xl/workbook.xml', () =>
    scanXml(xml, {
      open(name, attributes) {
        if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
        if (name === 'sheet')
          sheets.push({
            name: attributes.name ?? '',
            id: Number.parseInt(attributes.sheetId ?? '', 10),
            state: attributes.state ?? '',
            rId: attributes['r:id'] ?? '',
          });
      },
      close() {},
      text() {},
    }),
  );
  const chosen = new Map<number, { order: number; sheet: SheetEntry }>();
  sheets.forEach((sheet, order) => {
    if (!(sheet.id >= 1)) return;
    chosen.set(sheet.id, { order: chosen.get(sheet.id)?.order ?? order, sheet });
  });
  return { list: [...chosen.values()].sort((a, b) => a.order - b.order).map(({ sheet }) => sheet), date1904 };
}

/** The targets of a relationships part by Id. */
function parseRelationships(xml: string): Map<string, string> {
  const targets = new Map<string, string>();
  if (xml === '') return targets;
  parsed('xl/_rels/workbook.xml.rels', () =>
    scanXml(xml, {
      open(name, attributes) {
        if (name === 'Relationship' && attributes.Id !== undefined && attributes.Target !== undefined)
          targets.set(attributes.Id, attributes.Target);
      },
      close() {},
      text() {},
    }),
  );
  return targets;
}

/** Excel's escapes of characters XML cannot hold (_x000D_), decoded in shared strings as exceljs did. */
function unescapeText(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-F]{4})_/gu, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;
}

/** The shared strings: each <si>'s text, or its rich-text runs joined; phonetic runs (<rPh>) are not text. */
function parseSharedStrings(xml: string): string[] {
  const strings: string[] = [];
  const path: string[] = [];
  let plain: string | undefined;
  let runs: string[] | undefined;
  let text = '';
  scanXml(xml, {
    open(name) {
      path.push(name);
      if (name === 'si') {
        plain = undefined;
        runs = undefined;
      } else if (name === 't') text = '';
    },
    close(name) {
      path.pop();
      const parent = path.at(-1);
      if (name === 't' && parent === 'si') plain = unescapeText(text);
      else if (name === 't' && parent === 'r' && path.at(-2) === 'si') (runs ??= []).push(unescapeText(text));
      else if (name === 'r' && parent === 'si') runs ??= [];
      else if (name === 'si') strings.push(runs ? runs.join('') : (plain ?? ''));
    },
    text(chunk) {
      if (path.at(-1) === 't' && path.at(-2) !== 'rPh') text += chunk;
    },
  });
  return strings;
}

/** Number formats exceljs has a code for that reads as a date: 14–22 and 45–47 (not the East Asian 27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** True when a number format code shows a date or time: y, m, d, h, s (or b, M) outside brackets and quotes. */
function isDateCode(code: string): boolean {
  return /[ymdhMsb]/u.test(code.replace(/\[[^\]]*\]/gu, '').replace(/"[^"]*"/gu, ''));
}

/** For each cell format of xl/styles.xml (cellXfs, by index), whether its number format shows a date. */
function parseDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  const path: string[] = [];
  scanXml(xml, {
    open(name, attributes: XmlAttributes) {
      const parent = path.at(-1);
      path.push(name);
      if (name === 'numFmt' && parent === 'numFmts')
        custom.set(
          Number.parseInt(attributes.numFmtId ?? '', 10),
          (attributes.formatCode ?? '').replace(/\\(.)/gu, '$1'),
        );
      else if (name === 'xf' && parent === 'cellXfs') formats.push(Number.parseInt(attributes.numFmtId ?? '0', 10));
    },
    close() {
      path.pop();
    },
    text() {},
  });
  // Format 0 is never looked at: exceljs took a cell's s="0" as no style at all.
  return formats.map((id, index) => {
    if (!id || index === 0) return false;
    const code = custom.get(id);
    return code ? isDateCode(code) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** The column number of letters A…XFD, or 0 when they are none. */
function columnNumber(letters: string): number {
  let column = 0;
  for (let index = 0; index < letters.length; index += 1) column = column * 26 + letters.charCodeAt(index) - 64;
  return column;
}

const columnNames: string[] = [];

/** The letters of a column number (1 → A, 16384 → XFD). */
/** The empty cell a sheet prints, and does not store, at a row's 0-based column (rows start at column A). */
function blankCell(row: RawRow, column: number): RawCell {
  const number = /\d+$/u.exec(row.origin.ref ?? '')?.[0] ?? '';
  return { text: '', origin: withFields(row.origin, { ref: `${columnName(column + 1)}${number}` }) };
}

function columnName(column: number): string {
  let name = columnNames[column];
  if (name === undefined) {
    name = '';
    for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
      name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
    columnNames[column] = name;
  }
  return name;
}

/** A cell or range reference's corners; undefined when it is not one. */
function parseRange(ref: string): Merge | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/u.exec(ref);
  if (!match) return undefined;
  const [a, b] = [columnNumber(match[1]!), columnNumber(match[3] ?? match[1]!)];
  const [c, d] = [Number(match[2]), Number(match[4] ?? match[2])];
  return { top: Math.min(c, d), left: Math.min(a, b), bottom: Math.max(c, d), right: Math.max(a, b) };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
}

/** A number as its text: a date-formatted one as its UTC date, as exceljs converted the serial (no 1900 leap day). */
function numberText(value: number, date: boolean, date1904: boolean): string {
  if (date) {
    const day = new Date(Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
    if (!Number.isNaN(day.getTime())) return day.toISOString().slice(0, 10);
  }
  return formatNumber(value);
}

/**
 * Reads a worksheet's sheetData and mergeCells. A cell's text is what exceljs made of it: a shared or inline string,
 * a number, TRUE/FALSE, an error's text, a formula's cached result. A <c> with no value is kept (blank) only when it
 * has a style other than 0, as exceljs kept it; a <row> or <c> with no r takes the next row or column. Undefined when
 * the part is not a worksheet (a chart sheet).
 */
function parseSheet(xml: string, book: Book): SheetData | undefined {
  const rows = new Map<number, SheetCell[]>();
  const merges: Merge[] = [];
  let root: string | undefined;
  let rowNumber = 0;
  let cells: SheetCell[] = [];
  let column = 0;
  let type = '';
  let style = 0;
  let value: string | undefined;
  let runs: string[] | undefined;
  let formula = false;
  let collecting: 'v' | 't' | 'f' | 'run' | undefined;
  let inRun = false;
  let inPhonetic = false;
  let runText = '';
  const finishCell = (): void => {
    let text: string | undefined;
    if (formula) {
      if (!value) text = '';
      else if (type === 'str') text = value;
      else if (type === 'b') text = Number.parseInt(value, 10) !== 0 ? 'TRUE' : 'FALSE';
      else if (type === 'e') text = value;
      else text = numberText(Number.parseFloat(value), book.dateStyles[style] === true, book.date1904);
    } else if (runs !== undefined) {
      text = runs.join('');
    } else if (value !== undefined) {
      if (type === 's') {
        const shared = book.shared[Number.parseInt(value, 10)];
        if (shared === undefined) throw new Error(`shared string ${value.slice(0, 20)} is missing`);
        text = shared;
      } else if (type === 'str' || type === 'inlineStr' || type === 'e') text = value;
      else if (type === 'b') text = Number.parseInt(value, 10) !== 0 ? 'TRUE' : 'FALSE';
      else text = numberText(Number.parseFloat(value), book.dateStyles[style] === true, book.date1904);
    } else if (!style) {
      return;
    }
    cells.push({ column, text });
  };
  scanXml(xml, {
    open(name, attributes) {
      root ??= name;
      switch (name) {
        case 'row': {
          const number = Number.parseInt(attributes.r ?? '', 10);
          rowNumber = number >= 1 ? number : rowNumber + 1;
          cells = [];
          column = 0;
          break;
        }
        case 'c': {
          const match = /^\$?([A-Z]{1,3})\$?\d+$/u.exec(attributes.r ?? '');
          column = match ? columnNumber(match[1]!) : column + 1;
          if (column > MAX_COLUMN) throw new Error(`cell ${(attributes.r ?? '').slice(0, 20)} is past column XFD`);
          type = attributes.t ?? '';
          style = Number.parseInt(attributes.s ?? '', 10) || 0;
          value = undefined;
          runs = undefined;
          formula = false;
          break;
        }
        case 'v':
          collecting = 'v';
          break;
        case 'f':
          collecting = 'f';
          if (attributes.t !== undefined) formula = true;
          break;
        case 'r':
          inRun = true;
          runText = '';
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 't':
          if (!inPhonetic) collecting = inRun ? 'run' : 't';
          break;
        case 'mergeCell': {
          const merge = parseRange(attributes.ref ?? '');
          if (merge && merge.right <= MAX_COLUMN) merges.push(merge);
          break;
        }
      }
    },
    close(name) {
      switch (name) {
        case 'c':
          finishCell();
          break;
        case 'row':
          rows.set(rowNumber, inOrder(cells));
          break;
        case 'r':
          if (inRun) (runs ??= []).push(unescapeText(runText));
          inRun = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'v':
        case 'f':
        case 't':
          collecting = undefined;
          break;
      }
    },
    text(chunk) {
      if (collecting === 'v' || collecting === 't') value = (value ?? '') + chunk;
      else if (collecting === 'f') formula = true;
      else if (collecting === 'run') runText += chunk;
    },
  });
  return root === 'worksheet' ? { rows, merges } : undefined;
}

/** A row's cells by column, a later cell of the same column replacing an earlier one. */
function inOrder(cells: SheetCell[]): SheetCell[] {
  let sorted = true;
  for (let index = 1; index < cells.length; index += 1)
    if (cells[index]!.column <= cells[index - 1]!.column) sorted = false;
  if (sorted) return cells;
  const byColumn = new Map<number, SheetCell>();
  for (const cell of cells) byColumn.set(cell.column, cell);
  return [...byColumn.values()].sort((a, b) => a.column - b.column);
}

/**
 * The rows a sheet reads as, in order, and the cells that continue a merged range from their left: the rows that hold
 * a value or the inner cells of a merged range (a run of other rows reads as one blank row), each as wide as its last
 * cell or the merged ranges across it. Only those rows are walked, never the sheet's dimension (one cell at
 * XFD1048576 makes it 1,048,576 × 16,384), and past MAX_CELLS cells the sheet is refused ('xlsx-too-large').
 */
function sheetRows(sheet: string, data: SheetData): { rows: RawRow[]; continued: Set<RawCell> } {
  const rows: RawRow[] = [];
  const continued = new Set<RawCell>();
  const numbers = [...data.rows.keys()].filter((number) =>
    data.rows.get(number)!.some((cell) => cell.text !== undefined),
  );
  numbers.sort((a, b) => a - b);
  const byTop = [...data.merges].sort((a, b) => a.top - b.top);
  // A merged range makes a row present from its first row with an inner cell (its top row, unless one column wide).
  const firstInner = (merge: Merge): number => (merge.right > merge.left ? merge.top : merge.top + 1);
  const byFirstInner = data.merges.filter((merge) => firstInner(merge) <= merge.bottom);
  byFirstInner.sort((a, b) => firstInner(a) - firstInner(b));
  let active: Merge[] = [];
  let nextTop = 0;
  let nextInner = 0;
  let innerUntil = 0;
  let nextNumber = 0;
  let previous = 0;
  let cellsRead = 0;
  for (;;) {
    while (nextInner < byFirstInner.length && firstInner(byFirstInner[nextInner]!) <= previous)
      innerUntil = Math.max(innerUntil, byFirstInner[nextInner++]!.bottom);
    const fromMerges =
      innerUntil > previous
        ? previous + 1
        : nextInner < byFirstInner.length
          ? firstInner(byFirstInner[nextInner]!)
          : Infinity;
    const r = Math.min(numbers[nextNumber] ?? Infinity, fromMerges);
    if (r === Infinity) break;
    if (numbers[nextNumber] === r) nextNumber += 1;
    if (r > previous + 1) rows.push({ cells: [], origin: { sheet, ref: `A${previous + 1}` } });
    previous = r;
    active = active.filter((merge) => merge.bottom >= r);
    while (nextTop < byTop.length && byTop[nextTop]!.top <= r) {
      const merge = byTop[nextTop++]!;
      if (merge.bottom >= r) active.push(merge);
    }
    const own = data.rows.get(r) ?? [];
    let width = own.at(-1)?.column ?? 0;
    for (const merge of active) width = Math.max(width, merge.right);
    cellsRead += width;
    if (cellsRead > MAX_CELLS)
      throw new InputError('xlsx-too-large', { sheet, cells: MAX_CELLS, ref: `A${r}` }, { sheet, ref: `A${r}` });
    const texts: string[] = new Array<string>(width).fill('');
    for (const cell of own) texts[cell.column - 1] = squeeze(cell.text ?? '');
    const inner: (Merge | undefined)[] = new Array<Merge | undefined>(width);
    for (const merge of active) {
      for (let c = merge.left; c <= merge.right; c += 1) {
        if (inner[c - 1] !== undefined) throw damaged('xlsx', new Error('Cannot merge already merged cells'));
        inner[c - 1] = merge;
      }
    }
    const cells: RawCell[] = [];
    for (let c = 1; c <= width; c += 1) {
      const merge = inner[c - 1];
      const isInner = merge !== undefined && (r > merge.top || c > merge.left);
      const raw: RawCell = { text: isInner ? '' : texts[c - 1]!, origin: { sheet, ref: `${columnName(c)}${r}` } };
      if (isInner) raw.covered = true;
      if (isInner && c > merge.left) continued.add(raw);
      cells.push(raw);
    }
    rows.push({ cells, origin: { sheet, ref: `A${r}` }, spansKnown: true });
  }
  return { rows, continued };
}

function squeeze(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/gu, ' ').trim();
}
