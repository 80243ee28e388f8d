import { isValueText, sectionOfHeading, type SectionKey } from '../model/labels.js';
import type { Origin } from '../model/types.js';
import { decodeText } from './decode.js';
import { splitAtHeadings } from './inline-headings.js';
import { InputError, type Block, type InputFormat, type RawCell, type RawRow, type BlockSource, type ReadContext } from './types.js';

type LineKind = 'pipe' | 'markdown' | 'tab' | 'layout';

const PAGE_NUMBER = /^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/u;
const MARKDOWN_RULE = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/u;
const TABLE_SECTIONS = new Set<SectionKey>(['active', 'applications', 'reviewLitigation']);

/** Reads plain text: the seed's pipe rows, tab-separated rows pasted from Word or Excel, and text copied out of a PDF (`pdftotext -layout`). */
export function readText(bytes: Uint8Array, context: ReadContext): BlockSource {
  return readTextLike(bytes, context, 'text');
}

/** Reads text of either text format into blocks. */
export function readTextLike(bytes: Uint8Array, context: ReadContext, format: InputFormat): BlockSource {
  const { text, encoding } = decodeText(bytes, context.encoding !== undefined ? { encoding: context.encoding } : {});
  if (text.trim() === '') throw new InputError('empty-file');
  return { format, blocks: textToBlocks(text), encoding };
}

/** Splits text into blocks: delimited rows (|, Markdown, tab) become tables, lines inside sections 二–四 become layout rows, other lines text. */
export function textToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let section: SectionKey | undefined;
  let table: { kind: LineKind; rows: RawRow[]; origin: Origin } | undefined;
  const close = (): void => {
    if (table && table.rows.length > 0) blocks.push({ kind: 'table', table: { rows: table.rows, origin: table.origin } });
    table = undefined;
  };
  const lines = text.split('\n');
  let blankLines = 0;
  // `shift`: code points before this piece when it is part of a longer line (a crawled page on one line).
  const addLine = (line: string, lineNumber: number, gapBefore: number, shift: number): void => {
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
          for (const piece of pieces) addLine(piece.text, lineNumber, gapBefore, [...line.slice(0, piece.start)].length);
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
    const cells = rowKind === 'layout' ? layoutCells(line, lineNumber) : delimitedCells(line, lineNumber, rowKind);
    if (at > 0) for (const cell of cells) if (cell.origin.column !== undefined) cell.origin.column += at;
    const origin: Origin = { line: lineNumber, column: 1 };
    table ??= { kind: rowKind, rows: [], origin };
    table.rows.push({ cells, origin, line: { gapBefore, delimited: rowKind !== 'layout' } });
  };
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/\f/gu, ' ').trimEnd();
    if (line.trim() === '') {
      blankLines += 1;
      if (table && table.kind !== 'layout') close();
      return;
    }
    const gapBefore = blankLines;
    blankLines = 0;
    if (PAGE_NUMBER.test(line)) return;
    addLine(line, index + 1, gapBefore, -1);
  });
  close();
  return blocks;
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

/** 1-based column in characters (code points) of a UTF-16 index in a line. */
function columnOf(line: string, index: number): number {
  return [...line.slice(0, index)].length + 1;
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
  return pieces.map((piece) => {
    const leading = piece.text.length - piece.text.trimStart().length;
    const text = piece.text.trim();
    const at = text === '' ? piece.start : piece.start + leading;
    return { text, origin: { line: lineNumber, column: columnOf(line, at) } };
  });
}

/** A line of PDF-layout text: the trailing run of value tokens are values, the rest label cells split at runs of two or more spaces. */
function layoutCells(line: string, lineNumber: number): RawCell[] {
  const tokens: Array<{ text: string; start: number }> = [];
  for (const match of line.matchAll(/\S+/gu)) tokens.push({ text: match[0], start: match.index ?? 0 });
  let firstValue = tokens.length;
  while (firstValue > 0 && isValueText(tokens[firstValue - 1]!.text)) firstValue -= 1;
  const labelEnd = firstValue < tokens.length ? tokens[firstValue]!.start : line.length;
  const cells: RawCell[] = [];
  const labelPart = line.slice(0, labelEnd);
  for (const match of labelPart.matchAll(/\S+(?:[ \u3000]\S+)*/gu)) {
    cells.push({ text: match[0], origin: { line: lineNumber, column: columnOf(line, match.index ?? 0) } });
  }
  for (const token of tokens.slice(firstValue)) cells.push({ text: token.text, origin: { line: lineNumber, column: columnOf(line, token.start) } });
  return cells;
}
