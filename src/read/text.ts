import { isValueText, sectionOfHeading, type SectionKey } from '../model/labels.js';
import type { Origin } from '../model/types.js';
import { decodeText } from './decode.js';
import { splitAtHeadings } from './inline-headings.js';
import {
  InputError,
  type Block,
  type InputFormat,
  type RawCell,
  type RawRow,
  type BlockSource,
  type ReadContext,
} from './types.js';

type LineKind = 'pipe' | 'markdown' | 'tab' | 'layout';

const PAGE_NUMBER =
  /^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/u;
const MARKDOWN_RULE = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/u;
const TABLE_SECTIONS = new Set<SectionKey>(['active', 'applications', 'reviewLitigation']);

/**
 * Cells a text may hold in its table rows: a report's tables have a few hundred, and a line of millions of pipes
 * (a 23 MB line of `|1|1|…`) would otherwise become millions of cell objects (3 GB) before anything could refuse it.
 */
export const MAX_TEXT_CELLS = 200_000;

/** Reads plain text: the seed's pipe rows, tab-separated rows pasted from Word or Excel, and text copied out of a PDF (`pdftotext -layout`). */
export function readText(bytes: Uint8Array, context: ReadContext): BlockSource {
  return readTextLike(bytes, context, 'text');
}

/** Reads text of either text format into blocks. */
export function readTextLike(bytes: Uint8Array, context: ReadContext, format: InputFormat): BlockSource {
  const decoded = decodeText(bytes, context.encoding !== undefined ? { encoding: context.encoding } : {});
  const text = withoutInvisibles(decoded.text);
  if (text.trim() === '') throw new InputError('empty-file');
  return { format, blocks: textToBlocks(text), encoding: decoded.encoding };
}

/** Characters a page shows as nothing (zero-width space and joiners, word joiner, soft hyphen, a BOM inside the text). */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/u;
const INVISIBLES = new RegExp(INVISIBLE.source, 'gu');

/**
 * The text as it is seen: the invisible characters copied with a web page's text (5\u200b.属于…, 规\u200b章) are left
 * out, so they split neither a label nor a figure. Columns of later characters on such a line shift by as many.
 */
function withoutInvisibles(text: string): string {
  return INVISIBLE.test(text) ? text.replace(INVISIBLES, '') : text;
}

/** Splits text into blocks: delimited rows (|, Markdown, tab) become tables, lines inside sections 二–四 become layout rows, other lines text. */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let section: SectionKey | undefined;
  let table: { kind: LineKind; rows: RawRow[]; origin: Origin } | undefined;
  const close = (): void => {
    if (table && table.rows.length > 0)
      blocks.push({ kind: 'table', table: { rows: table.rows, origin: table.origin } });
    table = undefined;
  };
  const lines = text.split('\n');
  let blankLines = 0;
  let cellCount = 0;
  /** Counts a row's cells before they are made; refuses the text past MAX_TEXT_CELLS in all (text-table-too-large). */
  const countCells = (line: string, lineNumber: number, kind: LineKind): void => {
    cellCount += kind === 'layout' ? countTokens(line) : countOf(line, kind === 'tab' ? '\t' : '|') + 1;
    if (cellCount > MAX_TEXT_CELLS)
      throw new InputError('text-table-too-large', { line: lineNumber, cells: MAX_TEXT_CELLS });
  };
  // `shift`: code points before this piece when it is part of a longer line (a crawled page on one line).
  const addLine = (line: string, lineNumber: number, gapBefore: number, shift: number, joins: Join[] = []): void => {
    const inline = shift >= 0;
    const at = Math.max(0, shift);
    const kind = delimitedKind(line);
    if (kind === undefined) {
      const heading = sectionOfHeading(line);
      if (heading) {
        close();
        section = heading;
        blocks.push(textBlock(line, lineNumber, at));
        return;
      }
      if (!inline) {
        const pieces = splitAtHeadings(line);
        if (pieces.length > 1 || pieces[0]?.heading) {
          const columns = columnsOf(line);
          for (const piece of pieces) addLine(piece.text, lineNumber, gapBefore, columns(piece.start) - 1);
          return;
        }
      }
    }
    if (kind === 'markdown' && MARKDOWN_RULE.test(line.trim())) return;
    const rowKind: LineKind | undefined = kind ?? (section && TABLE_SECTIONS.has(section) ? 'layout' : undefined);
    if (rowKind === undefined) {
      close();
      blocks.push(textBlock(line, lineNumber, at));
      return;
    }
    if (table && table.kind !== rowKind) close();
    countCells(line, lineNumber, rowKind);
    const cells = rowKind === 'layout' ? layoutCells(line, lineNumber) : delimitedCells(line, lineNumber, rowKind);
    if (at > 0) for (const cell of cells) if (cell.origin.column !== undefined) cell.origin.column += at;
    for (const cell of cells) placeJoined(cell, joins);
    const origin: Origin = { line: lineNumber, column: 1 };
    table ??= { kind: rowKind, rows: [], origin };
    table.rows.push({ cells, origin, line: { gapBefore, delimited: rowKind !== 'layout' } });
  };
  const wraps = closesPipeRows(lines);
  const width = wrapWidth(lines);
  for (let index = 0; index < lines.length; index += 1) {
    const first = index;
    let line = cleanLine(lines[index]!);
    if (line.trim() === '') {
      blankLines += 1;
      if (table && table.kind !== 'layout') close();
      continue;
    }
    const gapBefore = blankLines;
    blankLines = 0;
    if (PAGE_NUMBER.test(line)) continue;
    // Pipe rows wrapped at a width (| 0 | 6 / 1 | 4 | 3119 |): a row that does not close with | goes on on the next line.
    const joins: Join[] = [];
    while (
      wraps &&
      joins.length < MAX_WRAPS &&
      index + 1 < lines.length &&
      continuesOn(line, lines[index + 1]!, wraps.opened)
    ) {
      joins.push({ at: [...line].length, line: index + 2 });
      line += cleanLine(lines[index + 1]!);
      index += 1;
    }
    // Tab rows hard-wrapped at a width (…\t6 / 1\t4\t3119 for 61): a line as long as the width goes on on the next one,
    // joined as printed (the wrap dropped nothing, not even the tab it may have ended on).
    let raw = rawLine(lines[first]!);
    let piece = raw;
    const tabWrapped = width !== undefined && joins.length === 0;
    while (
      tabWrapped &&
      joins.length < MAX_TAB_WRAPS &&
      index + 1 < lines.length &&
      [...piece].length === width &&
      wrapsOn(piece, rawLine(lines[index + 1]!))
    ) {
      joins.push({ at: [...raw].length, line: index + 2 });
      piece = rawLine(lines[index + 1]!);
      raw += piece;
      line = cleanLine(raw);
      index += 1;
    }
    addLine(line, first + 1, gapBefore, -1, joins);
  }
  close();
  markFigureAtEnd(text, blocks);
  return blocks;
}

/**
 * A text that ends on a digit, with no line end or delimiter after it, was cut there (a page or a file cut short): its
 * last figure may have lost digits (3050 cut to 305), so its cell is marked and the aligner leaves it out when the
 * text ends in its table.
 */
function markFigureAtEnd(text: string, blocks: Block[]): void {
  if (!/[0-9０-９]$/u.test(text)) return;
  const last = blocks[blocks.length - 1];
  if (last?.kind !== 'table') return;
  const row = last.table.rows[last.table.rows.length - 1];
  const cell = row?.cells[row.cells.length - 1];
  // A lone 0 has lost nothing (no count starts with 0).
  if (cell && /[0-9０-９]$/u.test(cell.text) && !/(?:^|[^0-9０-９.,，．])[0０]$/u.test(cell.text)) cell.endsText = true;
}

/** Where a wrapped line's next line was joined on: code points before it, and its line number. */
interface Join {
  at: number;
  line: number;
}

/** How many lines one wrapped row may be joined from. */
const MAX_WRAPS = 4;
/** How many lines one tab row hard-wrapped at a width may be joined from (a long label at a narrow width takes six). */
const MAX_TAB_WRAPS = 12;

/** A line as the rows read it: rawLine, without its trailing white space. */
function cleanLine(raw: string): string {
  return rawLine(raw).trimEnd();
}

/**
 * How the text's pipe rows are framed, when they are (at least three rows and a third of them): closed with | at the
 * end (then a row that does not close was wrapped), and opened with | (Markdown: then a line that does not open one
 * goes on the row before it).
 */
function closesPipeRows(lines: readonly string[]): { closed: boolean; opened: boolean } | undefined {
  let pipes = 0;
  let closed = 0;
  let opened = 0;
  for (const line of lines) {
    if (!line.includes('|')) continue;
    pipes += 1;
    const clean = cleanLine(line);
    if (clean.endsWith('|')) closed += 1;
    if (clean.trimStart().startsWith('|')) opened += 1;
  }
  const framed = (count: number): boolean => count >= 3 && count * 3 >= pipes;
  return framed(closed) ? { closed: true, opened: framed(opened) } : undefined;
}

/**
 * Whether a pipe row that does not close with | goes on on the next line: the next line continues its last cell (a
 * figure cut by the wrap, 6 / 1 | 4 |; a label cut, 只计这一情 / 形，不计其他情形） | 447 |) or starts with the
 * delimiter (0 / | 31 |), or, in Markdown, does not open with |; never a heading, and never a new row's label after
 * a figure.
 */
function continuesOn(line: string, next: string, opened: boolean): boolean {
  const following = cleanLine(next);
  if (following.trim() === '' || !following.includes('|') || sectionOfHeading(following)) return false;
  // Markdown rows open with |: a line that does not, after one that does, is the rest of it.
  if (opened && line.trimStart().startsWith('|') && !following.trimStart().startsWith('|')) return true;
  if (!line.includes('|') || line.endsWith('|')) return false;
  const last = line.slice(line.lastIndexOf('|') + 1).trim();
  const head = following.slice(0, following.indexOf('|')).trim();
  if (head === '' || last === '') return true;
  return isValueText(last) === isValueText(head);
}

/** A line with its form feeds (page breaks of pdftotext) as spaces. */
function rawLine(raw: string): string {
  return raw.includes('\f') ? raw.replace(/\f/gu, ' ') : raw;
}

/**
 * The width tab-separated text was hard-wrapped at: the length (code points) of its longest lines, when no line is
 * longer, at least five lines have it, and some have a tab; undefined for text not wrapped so.
 */
function wrapWidth(lines: readonly string[]): number | undefined {
  let longest = 0;
  let count = 0;
  let tabs = false;
  for (const line of lines) {
    const length = [...rawLine(line)].length;
    tabs ||= line.includes('\t');
    if (length > longest) {
      longest = length;
      count = 1;
    } else if (length === longest) count += 1;
  }
  return tabs && count >= 5 && longest >= 20 ? longest : undefined;
}

/**
 * Whether a line as long as the wrap width goes on on the next: the two hold a tab, the next is no heading and not
 * blank, and a figure does not run into a label (…\t5 / 2.重复申请\t… is a row ending at the width, then the next row).
 */
function wrapsOn(line: string, next: string): boolean {
  if (next.trim() === '' || (!line.includes('\t') && !next.includes('\t')) || sectionOfHeading(next)) return false;
  // The next line's first cell: a figure's rest (1 of 61), or a label (2.没有现成信息…, a row after one ending at the width).
  const head = next.slice(0, next.includes('\t') ? next.indexOf('\t') : next.length).trim();
  return !(/\d$/u.test(line) && !/^\d*$/u.test(head));
}

/** A cell of a line joined from wrapped lines gets the line and column it stands at. */
function placeJoined(cell: RawCell, joins: readonly Join[]): void {
  const column = cell.origin.column;
  if (column === undefined) return;
  for (let index = joins.length - 1; index >= 0; index -= 1) {
    const join = joins[index]!;
    if (column > join.at) {
      cell.origin.line = join.line;
      cell.origin.column = column - join.at;
      return;
    }
  }
}

function textBlock(line: string, lineNumber: number, shift = 0): Block {
  const start = line.length - line.trimStart().length;
  return { kind: 'text', text: line.trim(), origin: { line: lineNumber, column: columnOf(line, start) + shift } };
}

function delimitedKind(line: string): LineKind | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith('|') && trimmed.length > 1) return 'markdown';
  if (trimmed.includes('|')) return 'pipe';
  if (line.includes('\t')) return 'tab';
  return undefined;
}

/** 1-based column in characters (code points) of a UTF-16 index in a line; see columnsOf for many cells of one line. */
function columnOf(line: string, index: number): number {
  return columnsOf(line)(index);
}

/** A high surrogate, tested code unit by code unit (no u flag: with it a pair would be one character). */
const SURROGATE = /[\ud800-\udbff]/;

/**
 * The 1-based column (in code points) of any UTF-16 index of a line, in constant time per index after one pass over
 * the line: a line without surrogate pairs counts one per index, any other gets a prefix count. Counting from the
 * line's start for every cell made a long line of pipes quadratic.
 */
function columnsOf(line: string): (index: number) => number {
  const clamp = (index: number): number => Math.max(0, Math.min(index, line.length));
  if (!SURROGATE.test(line)) return (index) => clamp(index) + 1;
  const prefix = new Uint32Array(line.length + 1);
  let count = 0;
  for (let at = 0; at < line.length; at += 1) {
    prefix[at] = count;
    const code = line.charCodeAt(at);
    // The low half of a pair does not start a code point (a lone one does, as in [...line]).
    if (!(code >= 0xdc00 && code <= 0xdfff && at > 0 && isHighSurrogate(line.charCodeAt(at - 1)))) count += 1;
  }
  prefix[line.length] = count;
  return (index) => prefix[clamp(index)]! + 1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function delimitedCells(line: string, lineNumber: number, kind: LineKind): RawCell[] {
  const separator = kind === 'tab' ? '\t' : '|';
  const pieces: Array<{ text: string; start: number }> = [];
  let start = 0;
  let current = '';
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (kind !== 'tab' && character === '\\' && line[index + 1] === '|') {
      current += '|';
      index += 1;
      continue;
    }
    if (character === separator) {
      pieces.push({ text: current, start });
      current = '';
      start = index + 1;
      continue;
    }
    current += character;
  }
  pieces.push({ text: current, start });
  if (kind === 'markdown') {
    if (pieces[0]?.text.trim() === '') pieces.shift();
  }
  if (kind !== 'tab' && pieces.length > 1 && pieces[pieces.length - 1]!.text.trim() === '') pieces.pop();
  const columns = columnsOf(line);
  return pieces.map((piece) => {
    const leading = piece.text.length - piece.text.trimStart().length;
    const text = piece.text.trim();
    const at = text === '' ? piece.start : piece.start + leading;
    return { text, origin: { line: lineNumber, column: columns(at) } };
  });
}

/** A line of PDF-layout text: the trailing run of value tokens are values, the rest label cells split at runs of two or more spaces. */
/** How many times a character occurs in a line. */
function countOf(line: string, character: string): number {
  let count = 0;
  for (let at = line.indexOf(character); at !== -1; at = line.indexOf(character, at + 1)) count += 1;
  return count;
}

/** The runs of non-space characters in a line: at least as many as the cells layoutCells makes of it. */
function countTokens(line: string): number {
  let count = 0;
  let inToken = false;
  for (let at = 0; at < line.length; at += 1) {
    const code = line.charCodeAt(at);
    const space = code === 32 || code === 9 || code === 0x3000 || code === 13;
    if (!space && !inToken) count += 1;
    inToken = !space;
  }
  return count;
}

function layoutCells(line: string, lineNumber: number): RawCell[] {
  const tokens: Array<{ text: string; start: number }> = [];
  for (const match of line.matchAll(/\S+/gu)) tokens.push({ text: match[0], start: match.index });
  let firstValue = tokens.length;
  while (firstValue > 0 && isValueText(tokens[firstValue - 1]!.text)) firstValue -= 1;
  const labelEnd = firstValue < tokens.length ? tokens[firstValue]!.start : line.length;
  const cells: RawCell[] = [];
  const columns = columnsOf(line);
  const labelPart = line.slice(0, labelEnd);
  for (const match of labelPart.matchAll(/\S+(?:[ \u3000]\S+)*/gu)) {
    cells.push({ text: match[0], origin: { line: lineNumber, column: columns(match.index) } });
  }
  for (const token of tokens.slice(firstValue))
    cells.push({ text: token.text, origin: { line: lineNumber, column: columns(token.start) } });
  return cells;
}
