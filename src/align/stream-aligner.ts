import { COLLAPSE_MARKERS, isValueText } from '../model/labels.js';
import { codePointsBetween, normalizeLabel } from '../model/normalize.js';
import { getTemplate } from '../model/template.js';
import type { RowDef, TableDef, TemplateDef } from '../model/template-def.js';
import type { Origin } from '../model/types.js';
import type { RawCell, ReaderFinding } from '../read/types.js';
import { isOneCell, splitDigits, splitRowsByTotals, type DigitSplit } from './digit-split.js';
import type { StreamRow } from './table-mapper.js';
import { withFields } from '../model/objects.js';
import { Remembered } from '../model/remembered.js';
import { appendAll, largest, smallest } from '../model/arrays.js';

// Reading a table from text whose cells are not where a grid would put them: one value per line or per paragraph,
// labels on other lines than their numbers, unlabeled number rows, and crawled pages where a row's cells run
// together ("801000081"). The table's rows are a stream of labels and values in reading order, and the template
// says what the stream must be: each row's label, then as many values as the row has columns. The stream is aligned
// against that sequence by dynamic programming over (event, template row, cells filled, label seen), so the cost is
// linear in the number of events (the template is of fixed size). What cannot be placed is never guessed: a row
// whose values cannot be told apart is reported unreadable, a row cut off by the end of the text is cut.

/** A template row as the aligner read it: its cells in column order (fewer when the tail is absent), and how. */
export interface AlignedRow {
  row: RowDef;
  /** True when the report printed an older template's row here (2019's （六）其他处理 in a 2021 report). */
  foreign: boolean;
  /** The label as printed, for messages; the template's own label when the row had none. */
  label: string;
  origin: Origin;
  cells: RawCell[];
  /** True when the row's own total chose how its cells were placed. */
  totalUsed: boolean;
}

/** What the aligner made of one table's stream. */
export interface AlignedTable {
  rows: AlignedRow[];
  /** Rows the text prints but whose values cannot be placed, or that print no cells at all: reported unreadable, not missing. */
  unreadable: Set<string>;
  /** Rows with values whose label matches no template row (reported as unknown by the mapper). */
  unknown: Array<{ label: string; origin: Origin }>;
  /** Set when the text ends inside this table: the last row read and the rows that are therefore absent. */
  cut?: { origin: Origin; lastRow?: RowDef; absent: RowDef[] };
  findings: ReaderFinding[];
}

interface Anchor {
  kind: 'anchor';
  /** Index of the stream row it stands in. */
  physical: number;
  row: number;
  foreign: boolean;
  strong: boolean;
  /** True when values follow it in its own row: a label printed beside its figures. */
  beside: boolean;
  /** True when its text names several rows (a crawled header run together): never a strong anchor. */
  shared: boolean;
  text: string;
  origin: Origin;
}

interface Item {
  kind: 'item';
  item: 'value' | 'blank' | 'digits';
  cell: RawCell;
  /** Items of one physical row (or one run of digits) share a group. */
  group: number;
  /** For digits: the run without spaces, which may be several cells run together. */
  digits?: string;
  /** True when a delimiter (|, tab, a grid) fixed the cell's place in its row. */
  delimited: boolean;
  /** Index of the stream row it stands in. */
  physical: number;
}

/** A label that names no template row (a header, a group label, a wrapped fragment): it places nothing, but a row whose figures it interrupts was not printed in reading order. */
interface Label {
  kind: 'label';
  physical: number;
}

type Event = Anchor | Item | Label;

const STRONG_SKIP = 3;
const WEAK_SKIP = 0.5;
/**
 * Passing over a text that names several rows (a crawled header run together: 行政复议行政诉讼…未经复议直接起诉复议后起诉…)
 * costs little: it is a header, not the label of the figures after it, and taking one of its rows as the start of
 * those figures must not be worth leaving a row before it empty.
 */
const SHARED_SKIP = 0.1;
const STRAY_VALUE = 2;
const STRAY_BLANK = 0.05;
const MISSING_ROW = 0.3;
const LABEL_ONLY_ROW = 0.6;
const PARTIAL_SLOT = 0.2;
const UNLABELED_PARTIAL = 0.3;
const LATE_LABEL = 1.5;
const GROUP_SPLIT = 0.3;
/**
 * Each row after the first that one run of digits fills: below MISSING_ROW, so a run whose split fits every row it
 * covers is read over all of them rather than over fewer with a row left empty (table 四's fifteen figures run
 * together after its header, read as two rows of five with the third empty).
 */
const RUN_ROW = 0.25;
const GROUP_MIX = 0.5;
const SPLIT_COST: Record<DigitSplit['kind'], number> = { unique: 0.05, chosen: 0.15, ambiguous: 1.2, none: Infinity };
const MAX_EVENTS = 5000;
/** Consecutive one-figure lines both packed and spaced, at least this many of each: cells listed by column, not by row. */
const MIXED_LAYOUT_LINES = 3;
const MAX_JOIN = 4;
const NUMBER =
  /[+\-−－]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:万元|萬元|亿元|億元|元|件|个|個|项|項|次|人|家)?/gu;

/** The rows of this table the aligner looks for: the template's own, and an older template's row some reports print instead. */
interface Target {
  /** Each row's match phrases and its full label, normalised. */
  phrases: Array<{ row: number; foreign: boolean; phrase: string; label: number }>;
  foreignRows: Map<number, RowDef>;
  /** phraseHits' answers by normalised label: reports print the template's own labels again and again. */
  hits: Remembered<string, readonly PhraseHit[]>;
}

/** Where a row's phrase stands in a normalised label: [at, end), the row, and the length of the row's full label. */
interface PhraseHit {
  at: number;
  end: number;
  row: number;
  foreign: boolean;
  label: number;
}

/** How many labels' hits a target remembers before it forgets them all (memory stays bounded). */
const REMEMBERED_LABELS = 5000;

const targets = new WeakMap<TableDef, Target>();

function targetOf(table: TableDef, template: TemplateDef): Target {
  let target = targets.get(table);
  if (target) return target;
  const phrases: Target['phrases'] = [];
  table.rows.forEach((row, index) => {
    for (const phrase of row.match)
      phrases.push({
        row: index,
        foreign: false,
        phrase: normalizeLabel(phrase),
        label: normalizeLabel(row.label).length,
      });
  });
  const foreignRows = new Map<number, RowDef>();
  const other = getTemplate(template.id === '2019' ? '2021' : '2019').def.tables.find(
    (candidate) => candidate.key === table.key,
  );
  for (const legacy of table.legacyRows ?? []) {
    const row = other?.rows.find((candidate) => candidate.key === legacy.key);
    const at = table.rows.findIndex((candidate) => candidate.key === legacy.standsFor[0]);
    if (!row || at < 0) continue;
    foreignRows.set(at, row);
    for (const phrase of row.match)
      phrases.push({ row: at, foreign: true, phrase: normalizeLabel(phrase), label: normalizeLabel(row.label).length });
  }
  phrases.sort((a, b) => b.phrase.length - a.phrase.length);
  target = { phrases, foreignRows, hits: new Remembered(REMEMBERED_LABELS) };
  targets.set(table, target);
  return target;
}

/** True when the stream comes (at least partly) from lines of text, whose cells the aligner must place. */
export function needsAlignment(rows: readonly StreamRow[]): boolean {
  return rows.some((row) => row.line !== undefined);
}

/** Aligns one table's stream of text rows against the template. `endsInput`: nothing follows the table in the input. */
export function alignStream(
  rows: readonly StreamRow[],
  table: TableDef,
  template: TemplateDef,
  endsInput: boolean,
  headerTexts: readonly string[],
): AlignedTable {
  const target = targetOf(table, template);
  const aligned = alignEvents(rows, table, target, endsInput, headerTexts, true);
  // The figure the text ends on is left out as perhaps cut short (3050 cut to 305). When keeping it makes the table
  // whole, to its last row's last cell, the text ended with the table (a paste of the tables, no line end after the
  // last figure): the figure is read as printed.
  if (aligned.cut && endsInput && rows.some((row) => row.cells.some((cell) => cell.endsText))) {
    const kept = alignEvents(rows, table, target, endsInput, headerTexts, false);
    if (!kept.cut && kept.unreadable.size <= aligned.unreadable.size) return kept;
  }
  return aligned;
}

/** alignStream's reading; `dropEndFigure`: the figure the text ends on is left out (it may have lost digits). */
function alignEvents(
  rows: readonly StreamRow[],
  table: TableDef,
  target: Target,
  endsInput: boolean,
  headerTexts: readonly string[],
  dropEndFigure: boolean,
): AlignedTable {
  const unknown: AlignedTable['unknown'] = [];
  const {
    events: all,
    lastContent,
    columnRuns,
  } = toEvents(rows, table, target, headerTexts, unknown, endsInput, dropEndFigure);
  // A table section far longer than any table is not a table: only its start is aligned (memory stays bounded), and
  // what follows is not taken for the end of the text.
  const overlong = all.length > MAX_EVENTS;
  if (overlong) all.length = MAX_EVENTS;
  const { fixed, events } = fixRows(all, table);
  const order = table.rows.map((_, index) => index).filter((index) => !fixed.has(index));
  const ends = endsInput && !overlong;
  const path = solve(events, table, order, ends);
  const aligned = assemble(path, events, table, target, ends, unknown, lastContent, fixed, columnRuns);
  // The text ends in the table's header, before any of its rows: every row is past the cut, none missing.
  const last = lastContent >= 0 ? rows[lastContent] : rows[rows.length - 1];
  if (ends && !aligned.cut && last && aligned.rows.length === 0 && aligned.unreadable.size === 0)
    aligned.cut = { origin: last.cells[last.cells.length - 1]?.origin ?? last.origin, absent: [...table.rows] };
  return aligned;
}

function toEvents(
  rows: readonly StreamRow[],
  table: TableDef,
  target: Target,
  headerTexts: readonly string[],
  unknown: AlignedTable['unknown'],
  endsInput: boolean,
  dropEndFigure: boolean,
): { events: Event[]; lastContent: number; columnRuns: number } {
  const events: Event[] = [];
  const base = baseGap(rows);
  let group = 0;
  let pendingLabels: Array<{ text: string; origin: Origin; eventIndex: number; physical: number }> = [];
  let lastContent = -1;
  let valueRowsBetween = 0;
  for (const [physical, row] of rows.entries()) {
    // Past the events any table can hold, the rest of a section is not read (the caller marks it overlong).
    if (events.length > MAX_EVENTS) break;
    const delimited = row.line?.delimited ?? true;
    // A row of empty cells only (|||||||, collapsed cells of a scraped page) says nothing about where cells stand.
    if (row.cells.every((cell) => cell.text.trim() === '')) continue;
    // A line holding only the figure the text was cut at (left out below) is not where the text's content ends.
    if (
      endsInput &&
      dropEndFigure &&
      row.cells.every((cell) => cell.text.trim() === '' || (cell.endsText && isValueText(cell.text.trim())))
    )
      continue;
    lastContent = physical;
    const rowEvents: Event[] = [];
    const labels: string[] = [];
    group += 1;
    if (
      base !== undefined &&
      row.line &&
      row.line.gapBefore > base &&
      row.cells.length === 1 &&
      isValueText(row.cells[0]!.text)
    ) {
      // One cell per line or paragraph: each blank line beyond the usual spacing is an empty cell printed before this value.
      for (let blank = 0; blank < row.line.gapBefore - base; blank += 1)
        rowEvents.push({
          kind: 'item',
          item: 'blank',
          cell: { text: '', origin: row.origin },
          group: -group,
          delimited: false,
          physical,
        });
    }
    for (const cell of row.cells) {
      const text = cell.text.trim();
      // The figure the text was cut at may have lost digits: not read (the row is then cut short).
      const cutShort = cell.endsText === true && endsInput && dropEndFigure;
      if (cutShort && isValueText(text)) continue;
      if (text === '') {
        if (delimited) rowEvents.push({ kind: 'item', item: 'blank', cell, group, delimited, physical });
        continue;
      }
      if (isValueText(text)) {
        // A value alone on its line or paragraph is one cell: its digits never ran into a neighbour's, so they are
        // not split (a "31" one paragraph holds is 31, never 3 and 1 filling the place of a cell left empty).
        rowEvents.push(valueItem(cell, text, group, delimited, physical, row.cells.length === 1));
        continue;
      }
      if (delimited) {
        labels.push(text);
        appendAll(rowEvents, labelOrAnchors(text, cell.origin, target, physical));
        continue;
      }
      const pieces = splitLabelCell(cell);
      if (cutShort && pieces[pieces.length - 1]?.value) pieces.pop();
      for (const piece of pieces) {
        if (piece.value) {
          rowEvents.push(valueItem(piece.cell, piece.cell.text, group, false, physical));
        } else {
          group += 1;
          labels.push(piece.cell.text);
          appendAll(rowEvents, labelOrAnchors(piece.cell.text, piece.cell.origin, target, physical));
        }
      }
    }
    const hasItems = rowEvents.some((event) => event.kind === 'item' && event.item !== 'blank');
    const isLabelOnly = !hasItems && rowEvents.every((event) => event.kind === 'label');
    const hasAnchor = rowEvents.some((event) => event.kind === 'anchor');
    if (
      hasItems &&
      !hasAnchor &&
      labels.length > 0 &&
      delimited &&
      !labels.every((label) => isHeaderish(label, headerTexts))
    ) {
      // A row of figures under a label of no template row: the mapper reports it; its figures are not read.
      unknown.push({
        label: labels.join(''),
        origin: row.cells.find((cell) => cell.text.trim() !== '')?.origin ?? row.origin,
      });
      pendingLabels = [];
      continue;
    }
    // Wrapped labels: a label-only line that matches no row is tried again joined with the lines after it.
    if (isLabelOnly && labels.length > 0) {
      pendingLabels.push({
        text: labels.join(''),
        origin: row.cells.find((cell) => cell.text.trim() !== '')?.origin ?? row.origin,
        eventIndex: events.length,
        physical,
      });
      if (pendingLabels.length > MAX_JOIN) pendingLabels.shift();
      const joined = joinedAnchor(pendingLabels, target);
      if (joined) {
        events.splice(joined.eventIndex, 0, joined.anchor);
        pendingLabels = [];
      }
    } else if (!(labels.length === 0 && hasItems && pendingLabels.length > 0 && ++valueRowsBetween <= 1)) {
      // A label wrapped around its own figures (2.其他法律行政法规禁止公 / 无 / 开, as PDF layout text gives it) is
      // still joined across that one line of figures; any other line ends the wrap.
      pendingLabels = [];
    }
    if (pendingLabels.length === 0 || isLabelOnly) valueRowsBetween = 0;
    dropLabelPadding(rowEvents, table);
    markStrength(rowEvents);
    appendAll(events, joinRuns(rowEvents));
  }
  return {
    events: headerAnchorsAsLabels(keptForeignAnchors(events, table), table, target, endsInput),
    lastContent,
    columnRuns: columnRunsOf(rows),
  };
}

/**
 * Before the table's first figure, what names a row without standing beside figures is a header, not a row's label,
 * and names no row: a row's phrase that is also a column's label (自然人 | 法人或其他组织 | 总计 |, or 总计 inside a
 * crawled header run together), and the row names of a table whose header names its rows (table 四: 行政复议 …
 * 未经复议直接起诉 … 复议后起诉 over one row of figures) in a text that ends in the table, where no stray figure at the
 * end tells the aligner it went wrong. Taken as rows they made a text cut a few rows
 * before （七）总计 look cut at the header with the rows in between missing, and table 四's figures of a cut text go
 * to the rows after 行政复议.
 */
function headerAnchorsAsLabels(events: Event[], table: TableDef, target: Target, endsInput: boolean): Event[] {
  const columnPhrases = new Set(
    table.columns.flatMap((column) => [column.label, ...column.match]).map((phrase) => normalizeLabel(phrase)),
  );
  // A table whose rows are named by its header's groups (table 四: 行政复议 | 行政诉讼 over one row of figures), read
  // from a text that ends in it.
  const inHeader = endsInput && table.rows.some((row) => table.groupLabels.includes(row.label));
  const first = events.findIndex((event) => event.kind === 'item' && event.item !== 'blank');
  const end = first < 0 ? events.length : first;
  for (let index = 0; index < end; index += 1) {
    const event = events[index]!;
    if (event.kind !== 'anchor') continue;
    if (event.beside) continue;
    const label = normalizeLabel(event.text);
    const hit = phraseHits(label, target).find((found) => found.row === event.row && found.foreign === event.foreign);
    const column = hit !== undefined && columnPhrases.has(label.slice(hit.at, hit.end));
    if (column || inHeader) events[index] = { kind: 'label', physical: event.physical };
  }
  return events;
}

/**
 * An older template's row is taken where it is printed beside its own figures, never from a stray label. A label on
 * its own line (one cell per line or per paragraph) is taken as that row only when its figures come right after it
 * and the table names none of the rows it stands for (2021's （六）其他处理 then names its three sub-rows): else it is
 * the newer template's group label and names no row.
 */
function keptForeignAnchors(events: readonly Event[], table: TableDef): Event[] {
  const own = new Set<number>();
  for (const event of events) if (event.kind === 'anchor' && !event.foreign) own.add(event.row);
  return events.filter((event, index) => {
    if (event.kind !== 'anchor' || !event.foreign || event.beside) return true;
    const legacy = (table.legacyRows ?? []).find(
      (candidate) => table.rows.findIndex((row) => row.key === candidate.standsFor[0]) === event.row,
    );
    if (!legacy) return false;
    const standsFor = legacy.standsFor.map((key) => table.rows.findIndex((row) => row.key === key));
    if (standsFor.some((row) => own.has(row))) return false;
    const next = events.slice(index + 1).find((candidate) => candidate.kind !== 'item' || candidate.item !== 'blank');
    return next?.kind === 'item';
  });
}

/**
 * A delimited row printed beside its one label, with more cells after the label than the template's row has: the
 * first of them are the empty cells under the label's other levels (| 一、本年新收… |  |  | 3 |  |… in a grid saved as
 * Markdown, where the label spans three columns), not cells of the row. They are dropped, so each figure keeps its
 * column and the row's last empty cells stay its own.
 */
function dropLabelPadding(rowEvents: Event[], table: TableDef): void {
  const anchors = rowEvents.filter((event): event is Anchor => event.kind === 'anchor');
  const anchor = anchors[0];
  if (anchors.length !== 1 || !anchor || anchor.foreign) return;
  const at = rowEvents.indexOf(anchor);
  const after = rowEvents.slice(at + 1);
  if (after.length === 0 || !after.every((event) => event.kind === 'item' && event.delimited)) return;
  const excess = after.length - widthOf(table, anchor.row);
  // The blanks that lead the cells, up to the excess, go in one splice (one at a time was quadratic on a long row).
  let blanks = 0;
  while (blanks < excess) {
    const next = after[blanks];
    if (next?.kind !== 'item' || next.item !== 'blank') break;
    blanks += 1;
  }
  if (blanks > 0) rowEvents.splice(at + 1, blanks);
}

/**
 * Whether the stream lists cells by column: plain `pdftotext` prints a column of cells as one block of lines with no
 * blank line between them, beside cells printed one per paragraph. Consecutive one-figure lines then come both with
 * and without blank lines between them, which neither a one-per-line nor a one-per-paragraph layout does.
 */
function columnRunsOf(rows: readonly StreamRow[]): number {
  let spaced = 0;
  let packed = 0;
  let previousSingle = false;
  for (const row of rows) {
    if (row.cells.every((cell) => cell.text.trim() === '')) continue;
    const single =
      row.line !== undefined && !row.line.delimited && row.cells.length === 1 && isValueText(row.cells[0]!.text);
    if (single && previousSingle) {
      if (row.line!.gapBefore === 0) packed += 1;
      else spaced += 1;
    }
    previousSingle = single;
  }
  return spaced >= MIXED_LAYOUT_LINES && packed >= MIXED_LAYOUT_LINES ? Math.min(spaced, packed) : 0;
}

/** The usual number of blank lines between consecutive lines of the stream (0 one cell per line, 1 one per paragraph), when it is laid out in lines. */
function baseGap(rows: readonly StreamRow[]): number | undefined {
  const counts = new Map<number, number>();
  let lines = 0;
  for (const row of rows) {
    if (!row.line || row.line.delimited) continue;
    lines += 1;
    counts.set(row.line.gapBefore, (counts.get(row.line.gapBefore) ?? 0) + 1);
  }
  if (lines < 3) return undefined;
  let best: number | undefined;
  let bestCount = 0;
  for (const [gap, count] of counts)
    if (count > bestCount || (count === bestCount && best !== undefined && gap < best))
      [best, bestCount] = [gap, count];
  return best;
}

/** A value's event; `alone`: the value is all its line holds, so its digits are one cell, never a run to split. */
function valueItem(
  cell: RawCell,
  text: string,
  group: number,
  delimited: boolean,
  physical: number,
  alone = false,
): Item {
  const compact = text.replace(/\s+/gu, '');
  if (!delimited && !alone && /^[0-9]{2,}$/u.test(compact))
    return {
      kind: 'item',
      item: 'digits',
      cell: { text: compact, origin: cell.origin },
      group,
      digits: compact,
      delimited,
      physical,
    };
  return { kind: 'item', item: 'value', cell: { text, origin: cell.origin }, group, delimited, physical };
}

/** Splits a label cell of spaced or run-together text into label and value pieces: 规章000规范性文件898989 → 规章, 000, 规范性文件, 898989. */
function splitLabelCell(cell: RawCell): Array<{ value: boolean; cell: RawCell }> {
  const text = cell.text;
  const pieces: Array<{ value: boolean; cell: RawCell }> = [];
  const columnOf = codePointCounter(text);
  let position = 0;
  const push = (value: boolean, start: number, end: number): void => {
    const piece = text.slice(start, end).trim();
    if (piece === '') return;
    const lead = text.slice(start, end).length - text.slice(start, end).trimStart().length;
    const origin =
      cell.origin.column === undefined
        ? cell.origin
        : withFields(cell.origin, { column: cell.origin.column + columnOf(start + lead) });
    pieces.push({ value, cell: { text: piece, origin } });
  };
  for (const match of text.matchAll(NUMBER)) {
    const start = match.index;
    let end = start + match[0].length;
    // The first character after the number and any white space, found without copying the rest of the text (a
    // crawled line of thousands of numbers made that quadratic).
    let next = end;
    while (next < text.length && /\s/u.test(text[next]!)) next += 1;
    const after = text[next] ?? '';
    const before = start > 0 ? text[start - 1]! : '';
    // 2022年, 第3项 and the like are part of the label.
    if (/[年月日号號条條项項]/u.test(after) || before === '第') continue;
    // A row's own numbering (1.属于国家秘密) follows the previous row's digits directly: 00000002.其他法律… .
    if (/[.．、]/u.test(after) && !/[0-9０-９]/u.test(text[end + 1] ?? '')) {
      end -= 1;
      if (end <= start) continue;
    }
    if (start > position) pushLabel(position, start);
    push(true, start, end);
    position = end;
  }
  if (position < text.length) pushLabel(position, text.length);
  return pieces;

  // A stretch without figures may still hold value markers standing apart (62 二、上年结转… — — — 三、…: the blanks
  // and zeros of spaced rows): each is a value of its own, the text between them a label.
  function pushLabel(start: number, end: number): void {
    let label: { start: number; end: number } | undefined;
    for (const match of text.slice(start, end).matchAll(/\S+/gu)) {
      const tokenStart = start + match.index;
      const tokenEnd = tokenStart + match[0].length;
      if (!isMarkerToken(match[0])) {
        label = { start: label?.start ?? tokenStart, end: tokenEnd };
        continue;
      }
      if (label) push(false, label.start, label.end);
      label = undefined;
      push(true, tokenStart, tokenEnd);
    }
    if (label) push(false, label.start, label.end);
  }
}

/** A token of spaced text that is a value without a figure: 无, 零, —, -, /, 不适用 and the like. */
function isMarkerToken(token: string): boolean {
  return !/[0-9０-９]/u.test(token) && isValueText(token);
}

/**
 * The number of code points before each index of `text`, for indices asked in increasing order, none inside a
 * surrogate pair (a piece starts at a number or after one): counted once over the text, piece by piece.
 */
function codePointCounter(text: string): (index: number) => number {
  let at = 0;
  let count = 0;
  return (index) => {
    count += codePointsBetween(text, at, index);
    at = index;
    return count;
  };
}

function labelOrAnchors(text: string, origin: Origin, target: Target, physical: number): Array<Anchor | Label> {
  const anchors = labelEvents(text, origin, target, physical);
  return anchors.length > 0 ? anchors : [{ kind: 'label', physical }];
}

/** The anchors a label names: every template row whose phrase it contains, in the order they stand (a crawled header may name several). */
function labelEvents(text: string, origin: Origin, target: Target, physical: number): Anchor[] {
  const label = normalizeLabel(text);
  const found = phraseHits(label, target);
  // A label that is little more than the row's own phrase is a row label, however it stands; a longer text that
  // merely contains the phrase (a crawled header) is a weak hint.
  const only = found.length === 1 ? found[0]! : undefined;
  const alone = only !== undefined && label.length <= Math.max((only.end - only.at) * 2, only.label) + 4;
  return found.map((hit) => ({
    kind: 'anchor',
    row: hit.row,
    foreign: hit.foreign,
    strong: alone,
    beside: false,
    shared: found.length > 1,
    text,
    origin,
    physical,
  }));
}

/** Every row phrase a normalised label holds, in the order they stand; a phrase overlapping one found before (longer phrases first) or naming the same row is left out. */
function phraseHits(label: string, target: Target): readonly PhraseHit[] {
  return target.hits.get(label, (text) => findPhraseHits(text, target));
}

function findPhraseHits(label: string, target: Target): PhraseHit[] {
  const found: PhraseHit[] = [];
  for (const { row, foreign, phrase, label: labelLength } of target.phrases) {
    if (phrase === '') continue;
    let at = label.indexOf(phrase);
    while (at >= 0) {
      const end = at + phrase.length;
      if (!found.some((hit) => (at < hit.end && end > hit.at) || (hit.row === row && hit.foreign === foreign)))
        found.push({ at, end, row, foreign, label: labelLength });
      at = label.indexOf(phrase, end);
    }
  }
  found.sort((a, b) => a.at - b.at);
  return found;
}

function joinedAnchor(
  pending: ReadonlyArray<{ text: string; origin: Origin; eventIndex: number; physical: number }>,
  target: Target,
): { anchor: Anchor; eventIndex: number } | undefined {
  for (let first = 0; first < pending.length - 1; first += 1) {
    const parts = pending.slice(first);
    const text = parts.map((part) => part.text).join('');
    const firstLength = normalizeLabel(parts[0]!.text).length;
    const anchors = labelEvents(text, parts[0]!.origin, target, parts[0]!.physical);
    const label = normalizeLabel(text);
    const spanning = anchors.find((anchor) => {
      const phrases = target.phrases.filter((entry) => entry.row === anchor.row);
      return phrases.some(({ phrase }) => {
        const at = label.indexOf(phrase);
        return at >= 0 && at < firstLength && at + phrase.length > firstLength;
      });
    });
    if (spanning && !spanning.foreign) return { anchor: spanning, eventIndex: parts[0]!.eventIndex };
  }
  return undefined;
}

/** An anchor is strong when values follow it on its own row: a label printed beside its figures. */
function markStrength(rowEvents: Event[]): void {
  rowEvents.forEach((event, index) => {
    if (event.kind !== 'anchor' || event.shared) return;
    const next = rowEvents[index + 1];
    if (next !== undefined && next.kind === 'item' && next.item !== 'blank') {
      event.strong = true;
      event.beside = true;
    }
  });
}

/** Spaced digits that cannot each be a cell (230 000023, 0 0 00 0) ran together in the source: read them as one run. */
function joinRuns(rowEvents: Event[]): Event[] {
  const out: Event[] = [];
  let index = 0;
  while (index < rowEvents.length) {
    const event = rowEvents[index]!;
    if (event.kind !== 'item' || (event.digits === undefined && !isPlainDigits(event))) {
      out.push(event);
      index += 1;
      continue;
    }
    let end = index;
    while (end < rowEvents.length && isRunPart(rowEvents[end]!, event.group)) end += 1;
    const parts = rowEvents.slice(index, end) as Item[];
    const texts = parts.map((part) => part.cell.text);
    if (parts.length > 1 && texts.some((text) => text.length > 1 && text.startsWith('0'))) {
      const digits = texts.join('');
      out.push({
        kind: 'item',
        item: 'digits',
        cell: { text: digits, origin: parts[0]!.cell.origin },
        group: event.group,
        digits,
        delimited: false,
        physical: event.physical,
      });
    } else {
      appendAll(out, parts);
    }
    index = end;
  }
  return out;
}

function isPlainDigits(event: Item): boolean {
  return /^[0-9]+$/u.test(event.cell.text);
}

function isRunPart(event: Event, group: number): boolean {
  return (
    event.kind === 'item' &&
    event.group === group &&
    event.item !== 'blank' &&
    (event.digits !== undefined || isPlainDigits(event))
  );
}

function isHeaderish(label: string, headerTexts: readonly string[]): boolean {
  const normalized = normalizeLabel(label);
  return headerTexts.some(
    (header) => header.includes(normalized) || (header.length >= 3 && normalized.includes(header)),
  );
}

/**
 * Rows printed whole on one line, label and then exactly their cells (| 规章 | 0 | 0 | 0 |, 行政许可 97), or label and
 * the first cells of a delimited row, are read as they stand wherever they are: a converted document may move a whole
 * table out of order. Their events leave the stream, and the other rows are aligned in template order without them.
 */
function fixRows(
  events: readonly Event[],
  table: TableDef,
): { fixed: Map<number, { anchor: Anchor; items: Item[] }>; events: Event[] } {
  const fixed = new Map<number, { anchor: Anchor; items: Item[] }>();
  const taken = new Set<number>();
  events.forEach((event, index) => {
    if (event.kind !== 'anchor' || !event.beside || fixed.has(event.row)) return;
    const items: Item[] = [];
    let end = index + 1;
    for (; end < events.length; end += 1) {
      const next = events[end]!;
      if (next.kind !== 'item' || next.physical !== event.physical) break;
      items.push(next);
    }
    const width = widthOf(table, event.row);
    const cells = withoutTrailingPadding(items);
    if (cells.some((item) => item.item === 'digits' && !isOneCell(item.digits ?? ''))) return;
    const delimited = cells.every((item) => item.delimited);
    if (cells.length !== width && !(delimited && cells.length > 0 && cells.length < width)) return;
    fixed.set(event.row, { anchor: event, items: [...cells] });
    for (let at = index; at < end; at += 1) taken.add(at);
  });
  const remaining = events.filter(
    (event, index) => !taken.has(index) && !(event.kind === 'anchor' && fixed.has(event.row)),
  );
  return { fixed, events: remaining };
}

/** One step of the best path: what the aligner did with an event (or, for `finish`, with a row). */
type Step =
  | { kind: 'finish'; row: number }
  | { kind: 'anchor'; event: number; row: number }
  | { kind: 'fill'; event: number; row: number }
  | { kind: 'run'; event: number; row: number; slots: number; rows: number[] }
  | { kind: 'skip'; event: number };

const ACTION_FINISH = 1;
const ACTION_ANCHOR = 2;
const ACTION_FILL = 3;
const ACTION_RUN = 4;
const ACTION_SKIP = 5;
/** One more than the largest action code: a recorded step is its source state times this plus its action. */
const ACTION_CODES = 8;

/**
 * The cheapest alignment of the events against the template rows, as steps in order. Ties keep the first way found
 * (a cost replaces another only when strictly lower), so the order in which the ways out of a state are tried is part
 * of the result: finishing rows first, then per state in increasing order a skip, an anchor, a fill and the runs.
 */
function solve(events: readonly Event[], table: TableDef, order: readonly number[], endsInput: boolean): Step[] {
  const widths = order.map((index) => widthOf(table, index));
  const position = new Map(order.map((index, at) => [index, at]));
  const rowCount = widths.length;
  const widest = Math.max(1, largest(widths));
  const stride = (widest + 1) * 2;
  const states = (rowCount + 1) * stride;
  const layers = events.length + 1;
  // Only two layers of costs are ever needed (a layer's own and the next's): the path is read back from `from`.
  // Layer L's costs are at (L % 2) * states.
  const cost = new Float64Array(2 * states).fill(Infinity);
  // How each state was reached: the state it came from (in its own layer for a finish, else the layer before) times
  // ACTION_CODES plus the action; 0 for a state reached by no recorded step. `extra`: a run's number of rows.
  const from = new Int32Array(layers * states);
  const extra = new Uint8Array(layers * states);
  const hasTotal = table.columns.some((column) => column.key === 'total') && table.key !== 'active';
  // What finishing a row costs from each of its states (rowCost), looked up rather than worked out per state and layer.
  const finishCost = new Float64Array(states);
  for (let row = 0; row < rowCount; row += 1)
    for (let filled = 0; filled <= widths[row]!; filled += 1)
      for (let anchored = 0; anchored < 2; anchored += 1)
        finishCost[row * stride + filled * 2 + anchored] = rowCost(widths[row]!, filled, anchored === 1, false);
  const groupSizes = new Map<number, number>();
  for (const event of events)
    if (event.kind === 'item') groupSizes.set(event.group, (groupSizes.get(event.group) ?? 0) + 1);
  // A run of digits' one-row splits by the cells left and whether the total is last, worked out once per layer.
  const splitCosts = new Float64Array(stride);
  const splitKnown = new Uint8Array(stride);
  cost[0] = 0;
  for (let layer = 0; layer < layers; layer += 1) {
    const offset = layer * states;
    const atEnd = layer === events.length;
    const cut = atEnd && endsInput;
    const here = (layer % 2) * states;
    const there = states - here;
    const next = offset + states;
    for (let row = 0; row < rowCount; row += 1) {
      const target = (row + 1) * stride;
      const width = widths[row]!;
      for (let state = row * stride, last = state + width * 2 + 1; state <= last; state += 1) {
        const value = cost[here + state]!;
        if (value === Infinity) continue;
        const reached = cut ? value : value + finishCost[state]!;
        if (reached < cost[here + target]!) {
          cost[here + target] = reached;
          from[offset + target] = state * ACTION_CODES + ACTION_FINISH;
        }
      }
    }
    if (atEnd) break;
    const event = events[layer]!;
    // A label that names no row is only ever skipped: the next layer starts with this layer's costs, copied at once,
    // and its states keep no `from` (read back below as a skip from the same state).
    if (event.kind === 'label') {
      cost.copyWithin(there, here, here + states);
      continue;
    }
    cost.fill(Infinity, there, there + states);
    if (event.kind === 'anchor') {
      const anchorRow = position.get(event.row);
      const skip = event.strong ? STRONG_SKIP : event.shared ? SHARED_SKIP : WEAK_SKIP;
      for (let row = 0; row <= rowCount; row += 1) {
        const width = row < rowCount ? widths[row]! : 0;
        for (let state = row * stride, last = state + width * 2 + 1; state <= last; state += 1) {
          const value = cost[here + state]!;
          if (value === Infinity) continue;
          const skipped = value + skip;
          if (skipped < cost[there + state]!) {
            cost[there + state] = skipped;
            from[next + state] = state * ACTION_CODES + ACTION_SKIP;
          }
          if (anchorRow === row && (state & 1) === 0) {
            const anchored = value + (state === row * stride ? 0 : LATE_LABEL);
            if (anchored < cost[there + state + 1]!) {
              cost[there + state + 1] = anchored;
              from[next + state + 1] = state * ACTION_CODES + ACTION_ANCHOR;
              extra[next + state + 1] = 0;
            }
          }
        }
      }
      continue;
    }
    const previous = layer > 0 ? events[layer - 1] : undefined;
    // What depends on the event alone is worked out once per layer, not once per state: whether the item fills one
    // cell, its group's neighbours, and (per row) the splits of a run of digits.
    const fillsOne = event.item !== 'digits' || isOneCell(event.digits ?? '');
    const sameGroup = previous?.kind === 'item' && previous.group === event.group;
    const groupsMix =
      previous?.kind === 'item' &&
      !sameGroup &&
      ((groupSizes.get(previous.group) ?? 1) > 1 || (groupSizes.get(event.group) ?? 1) > 1);
    const splitsGroup = sameGroup && event.group > 0 ? GROUP_SPLIT : 0;
    const mixes = groupsMix ? GROUP_MIX : 0;
    const stray = event.item === 'blank' ? STRAY_BLANK : STRAY_VALUE;
    const digits = event.item === 'digits' ? event.digits : undefined;
    if (digits !== undefined) splitKnown.fill(0);
    const runs: Array<MultiRowRun[] | undefined> = [];
    for (let row = 0; row <= rowCount; row += 1) {
      const width = row < rowCount ? widths[row]! : 0;
      const rowStart = row * stride;
      const full = rowStart + width * 2;
      for (let state = rowStart, last = full + 1; state <= last; state += 1) {
        const value = cost[here + state]!;
        if (value === Infinity) continue;
        const skipped = value + stray;
        if (skipped < cost[there + state]!) {
          cost[there + state] = skipped;
          from[next + state] = state * ACTION_CODES + ACTION_SKIP;
        }
        if (row >= rowCount) continue;
        const filled = (state - rowStart) >> 1;
        if (filled < width && fillsOne) {
          // One row's cells taken from two printed rows of several cells each: a stray figure, most likely.
          const filledOne = value + (filled === 0 ? splitsGroup : 0) + (filled > 0 ? mixes : 0);
          if (filledOne < cost[there + state + 2]!) {
            cost[there + state + 2] = filledOne;
            from[next + state + 2] = state * ACTION_CODES + ACTION_FILL;
            extra[next + state + 2] = 0;
          }
        }
        if (digits === undefined) continue;
        const rest = width - filled;
        if (rest >= 2) {
          const key = rest * 2 + (hasTotal && filled === 0 ? 1 : 0);
          if (splitKnown[key] === 0) {
            splitCosts[key] = SPLIT_COST[splitDigits(digits, rest, { totalLast: hasTotal && filled === 0 }).kind];
            splitKnown[key] = 1;
          }
          const split = value + splitCosts[key]!;
          const target = full + (state & 1);
          if (split < cost[there + target]!) {
            cost[there + target] = split;
            from[next + target] = state * ACTION_CODES + ACTION_RUN;
            extra[next + target] = 1;
          }
        }
        if (filled !== 0) continue;
        runs[row] ??= multiRowRuns(digits, widths, stride, row, hasTotal);
        for (const run of runs[row]!) {
          const reached = value + run.splitCost + run.groupCost;
          if (reached < cost[there + run.target]!) {
            cost[there + run.target] = reached;
            from[next + run.target] = state * ACTION_CODES + ACTION_RUN;
            extra[next + run.target] = run.rows;
          }
        }
      }
    }
  }
  const steps: Step[] = [];
  let at = events.length * states + rowCount * stride;
  // Where a state was reached from, and how: as recorded, or (a state after a label, with nothing recorded) by skipping the label.
  const sourceOf = (target: number): number => {
    const layer = Math.floor(target / states);
    const recorded = from[target]!;
    if (recorded !== 0) {
      const sourceLayer = recorded % ACTION_CODES === ACTION_FINISH ? layer : layer - 1;
      return sourceLayer * states + Math.floor(recorded / ACTION_CODES);
    }
    return layer > 0 && events[layer - 1]!.kind === 'label' ? target - states : -1;
  };
  for (let source = sourceOf(at); source >= 0; source = sourceOf(at)) {
    const layer = Math.floor(source / states);
    const sourceRow = Math.floor((source % states) / stride);
    const code = from[at]! !== 0 ? from[at]! % ACTION_CODES : ACTION_SKIP;
    if (code === ACTION_FINISH) steps.push({ kind: 'finish', row: order[sourceRow]! });
    else if (code === ACTION_ANCHOR) steps.push({ kind: 'anchor', event: layer, row: order[sourceRow]! });
    else if (code === ACTION_FILL) steps.push({ kind: 'fill', event: layer, row: order[sourceRow]! });
    else if (code === ACTION_RUN) {
      const rows = extra[at]!;
      const filled = Math.floor(((source % states) % stride) / 2);
      const width = widths[sourceRow]!;
      let slots = width - filled;
      for (let more = 1; more < rows; more += 1) slots += widths[sourceRow + more]!;
      steps.push({
        kind: 'run',
        event: layer,
        row: order[sourceRow]!,
        slots,
        rows: order.slice(sourceRow, sourceRow + rows),
      });
    } else steps.push({ kind: 'skip', event: layer });
    at = source;
  }
  return steps.reverse();
}

/** A run of digits read as the cells of several rows from `row` on: the state it reaches (the last row full) and its costs. */
interface MultiRowRun {
  target: number;
  rows: number;
  splitCost: number;
  groupCost: number;
}

/** The several-row readings of a run of digits starting at a row (of `widths`, the rows in order, `stride` states a row), that a split allows. */
function multiRowRuns(
  digits: string,
  widths: readonly number[],
  stride: number,
  row: number,
  hasTotal: boolean,
): MultiRowRun[] {
  const runs: MultiRowRun[] = [];
  let slots = widths[row]!;
  for (let rows = 2; row + rows <= widths.length && rows <= 8; rows += 1) {
    const last = row + rows - 1;
    slots += widths[last]!;
    if (slots > digits.length) break;
    const split = multiRowSplit(digits, widths.slice(row, row + rows), hasTotal);
    if (split.kind !== 'unique' && split.kind !== 'chosen') continue;
    // Kept apart so the sum is added in the same order as before (floating point): value + split + groups.
    runs.push({
      target: last * stride + widths[last]! * 2,
      rows,
      splitCost: SPLIT_COST[split.kind],
      groupCost: RUN_ROW * (rows - 1),
    });
  }
  return runs;
}

const multiRowSplits = new Remembered<string, DigitSplit>(1001);

/** Several rows' cells run together: read when only one split fits, else chosen when only one makes every row's total hold. */
function multiRowSplit(digits: string, widths: readonly number[], hasTotal: boolean): DigitSplit {
  return multiRowSplits.get(`${digits}:${widths.join(',')}:${hasTotal ? 1 : 0}`, () => {
    let split = splitDigits(
      digits,
      widths.reduce((a, b) => a + b, 0),
    );
    if (split.kind === 'ambiguous' && hasTotal) {
      const cells = splitRowsByTotals(digits, widths);
      if (cells) split = { kind: 'chosen', cells, candidates: split.candidates };
    }
    return split;
  });
}

/** What leaving a row costs: nothing when full; a row the text never shows costs more than a printed row without figures. */
function rowCost(width: number, filled: number, anchored: boolean, cut: boolean): number {
  if (filled === width) return 0;
  if (cut) return 0;
  if (filled === 0) return anchored ? LABEL_ONLY_ROW : MISSING_ROW;
  return (width - filled) * PARTIAL_SLOT + (anchored ? 0 : UNLABELED_PARTIAL);
}

interface RowWork {
  anchor?: Anchor;
  items: Item[];
  runs: Array<{ item: Item; slots: number; first: boolean; offset: number; split: DigitSplit }>;
}

function assemble(
  steps: readonly Step[],
  events: readonly Event[],
  table: TableDef,
  target: Target,
  endsInput: boolean,
  unknown: AlignedTable['unknown'],
  lastContent: number,
  fixed: ReadonlyMap<number, { anchor: Anchor; items: Item[] }>,
  columnRuns: number,
): AlignedTable {
  const work: RowWork[] = table.rows.map((_, index) => {
    const row = fixed.get(index);
    return row ? { anchor: row.anchor, items: row.items, runs: [] } : { items: [], runs: [] };
  });
  const hasTotal = table.columns.some((column) => column.key === 'total') && table.key !== 'active';
  const anchorAt = new Map<number, number>();
  const used: number[] = [];
  const strays: number[] = [];
  const itemEvents: number[][] = table.rows.map(() => []);
  for (const step of steps) {
    if (step.kind === 'skip') {
      const event = events[step.event]!;
      if (event.kind === 'item' && event.digits !== undefined) strays.push(step.event);
      continue;
    }
    if (step.kind === 'fill') itemEvents[step.row]!.push(step.event);
    if (step.kind === 'run') for (const index of step.rows) itemEvents[index]!.push(step.event);
    if (step.kind !== 'finish') used.push(step.event);
    if (step.kind === 'anchor') {
      work[step.row]!.anchor = events[step.event] as Anchor;
      anchorAt.set(step.row, step.event);
    } else if (step.kind === 'fill') work[step.row]!.items.push(events[step.event] as Item);
    else if (step.kind === 'run') {
      const item = events[step.event] as Item;
      const digits = item.digits ?? item.cell.text;
      const filled = work[step.row]!.items.length;
      if (step.rows.length === 1) {
        const split = splitDigits(digits, step.slots, { totalLast: hasTotal && filled === 0 });
        work[step.row]!.runs.push({ item, slots: step.slots, first: true, offset: 0, split });
      } else {
        const split = multiRowSplit(
          digits,
          step.rows.map((index) => widthOf(table, index)),
          hasTotal,
        );
        let offset = 0;
        step.rows.forEach((index, more) => {
          const width = widthOf(table, index);
          work[index]!.runs.push({ item, slots: width, first: more === 0, offset, split });
          offset += width;
        });
      }
    }
  }
  const findings: ReaderFinding[] = [];
  const unreadable = new Set<string>();
  const rows: AlignedRow[] = [];
  const outOfOrder: string[] = [];
  // Many row labels printed away from their figures: the text does not follow the table (text copied out of a PDF
  // without its layout lists cells by column or by block). Nothing of it is read.
  const scrambled = columnRuns > 0;
  const inferredRows: string[] = [];
  const labelOnly: string[] = [];
  const unplaced = new Map<number, string[]>();
  let lastRead = -1;
  work.forEach((entry, index) => {
    if (entry.anchor || entry.items.length > 0 || entry.runs.length > 0) lastRead = index;
  });
  // The text ends inside the table when rows remain after the last one read, or that row itself stops short.
  const lastFilled = lastRead >= 0 ? filledCount(work[lastRead]!) : 0;
  // A row whose label is the last thing the text prints was cut before its figures.
  const labelLast = lastRead >= 0 && lastFilled === 0 && work[lastRead]!.anchor?.physical === lastContent;
  const cutAt =
    endsInput &&
    lastRead >= 0 &&
    (lastRead < table.rows.length - 1 || ((lastFilled > 0 || labelLast) && lastFilled < widthOf(table, lastRead)))
      ? lastRead
      : undefined;
  const guessed = guessedRows(work, itemEvents, anchorAt, events, table, cutAt);
  work.forEach((entry, index) => {
    if (cutAt !== undefined && index > cutAt) return;
    const row = table.rows[index]!;
    if (guessed.has(index)) {
      // Its figures stand in one block with other rows' figures, apart from the labels, and the block does not hold
      // a full row for each: where one row's figures end and the next one's begin is not known.
      unreadable.add(row.key);
      outOfOrder.push(row.label);
      return;
    }
    const placedAt = itemEvents[index]!;
    const interrupted =
      placedAt.length > 1 &&
      events.slice(smallest(placedAt) + 1, largest(placedAt)).some((event) => event.kind !== 'item');
    if ((scrambled && (entry.items.length > 0 || entry.runs.length > 0)) || interrupted) {
      // A row whose figures are interrupted by labels was not printed in reading order: which figure is which is unknown.
      unreadable.add(row.key);
      outOfOrder.push(row.label);
      return;
    }
    const foreign = entry.anchor?.foreign === true;
    const def = foreign ? (target.foreignRows.get(index) ?? row) : row;
    const width = (def.columns ?? table.columns).length;
    const origin = entry.anchor?.origin ?? entry.items[0]?.cell.origin ?? entry.runs[0]?.item.cell.origin ?? {};
    const label = entry.anchor?.text ?? row.label;
    const base = { row: def, foreign, label, origin, totalUsed: false };
    if (entry.runs.length > 0) {
      const run = entry.runs[0]!;
      const split = run.split;
      if (split.kind === 'unique' || split.kind === 'chosen') {
        const inferred = split.kind === 'chosen';
        const cells = split.cells
          .slice(run.offset, run.offset + run.slots)
          .map((text): RawCell => ({ text, origin: run.item.cell.origin, ...(inferred ? { inferred: true } : {}) }));
        const before = entry.items.map((item) => item.cell);
        rows.push(withFields(base, { cells: [...before, ...cells], totalUsed: inferred }));
        if (inferred) inferredRows.push(row.label);
        return;
      }
      unreadable.add(row.key);
      if (run.first)
        findings.push(
          unreadableRow(
            table,
            row,
            'digits',
            {
              digits: run.item.digits ?? run.item.cell.text,
              columns: run.slots,
              candidates: split.kind === 'ambiguous' ? split.candidates : 0,
            },
            run.item.cell.origin,
          ),
        );
      return;
    }
    const cells = withoutTrailingPadding(entry.items).map((item) => item.cell);
    if (cells.length === width) {
      rows.push(withFields(base, { cells }));
      return;
    }
    if (cells.length === 0) {
      if (!entry.anchor || index === cutAt) return;
      // A row printed with its label only and no cells at all (the scraper dropped them): present, but with nothing
      // to read; its cells are absent, never invented as 0.
      unreadable.add(row.key);
      // Label-only because the figures after it ran together in a way that fits no split: say so, not "no cells".
      const at = anchorAt.get(index) ?? -1;
      const nextUsed = used.find((event) => event > at && events[event]!.kind === 'item') ?? Infinity;
      const stray = strays.find((event) => event > at && event < nextUsed);
      if (stray !== undefined) {
        const entry = unplaced.get(stray) ?? [];
        entry.push(row.label);
        unplaced.set(stray, entry);
      } else {
        labelOnly.push(row.label);
      }
      return;
    }
    const first = cells[0]!;
    if (cells.length === 1 && COLLAPSE_MARKERS.has(first.text)) {
      rows.push(withFields(base, { cells }));
      return;
    }
    // Printed beside its label in one delimited row, or read up to the end of the text: each value stands where it is,
    // the cells after it are not in the input.
    const besideLabel =
      entry.anchor !== undefined &&
      entry.items.every((item) => item.delimited && item.physical === entry.anchor!.physical);
    const upToCut = index === cutAt && entry.items[entry.items.length - 1]!.physical === lastContent;
    if (besideLabel || upToCut) {
      rows.push(withFields(base, { cells }));
      return;
    }
    const placed = hasTotal && cells.length >= 2 ? placeByTotal(cells, width) : undefined;
    if (placed) {
      rows.push(withFields(base, { cells: placed, totalUsed: true }));
      inferredRows.push(row.label);
      return;
    }
    unreadable.add(row.key);
    const lone = entry.items.length === 1 ? entry.items[0]! : undefined;
    if (lone?.digits !== undefined) {
      const split = splitDigits(lone.digits, width, { totalLast: hasTotal });
      findings.push(
        unreadableRow(
          table,
          row,
          'digits',
          { digits: lone.digits, columns: width, candidates: split.kind === 'ambiguous' ? split.candidates : 0 },
          first.origin,
        ),
      );
      return;
    }
    findings.push(
      unreadableRow(
        table,
        row,
        'short',
        {
          count: cells.filter((cell) => cell.text !== '').length,
          columns: width,
          values: cells.map((cell) => cell.text || '□').join(' '),
        },
        first.origin,
      ),
    );
  });
  if (inferredRows.length > 0) {
    findings.push({
      ruleId: 'inferred-cells',
      messageId: 'by-total',
      data: {
        table: table.label,
        count: inferredRows.length,
        rows: inferredRows.slice(0, 3).join('、') + (inferredRows.length > 3 ? ' …' : ''),
        rowList: inferredRows,
      },
      origin: rows.find((row) => row.totalUsed)?.origin ?? {},
    });
  }
  for (const [event, labels] of unplaced) {
    const item = events[event] as Item;
    findings.push({
      ruleId: 'unreadable-row',
      messageId: 'digits-rows',
      data: {
        table: table.label,
        rows: labels.join('、'),
        count: labels.length,
        digits: item.digits ?? item.cell.text,
      },
      origin: item.cell.origin,
    });
  }
  if (outOfOrder.length > 0) {
    findings.push({
      ruleId: 'unreadable-row',
      messageId: 'order',
      data: {
        table: table.label,
        count: outOfOrder.length,
        rows: outOfOrder.slice(0, 3).join('、') + (outOfOrder.length > 3 ? ' …' : ''),
        rowList: outOfOrder,
      },
      origin: work.find((entry) => entry.items.length > 0)?.items[0]?.cell.origin ?? {},
    });
  }
  if (labelOnly.length > 0) {
    findings.push({
      ruleId: 'unreadable-row',
      messageId: 'label-only',
      data: {
        table: table.label,
        count: labelOnly.length,
        rows: labelOnly.slice(0, 3).join('、') + (labelOnly.length > 3 ? ' …' : ''),
        rowList: labelOnly,
      },
      origin:
        work.find((entry) => entry.anchor && entry.items.length === 0 && entry.runs.length === 0)?.anchor?.origin ?? {},
    });
  }
  const result: AlignedTable = { rows, unreadable, unknown, findings };
  if (cutAt !== undefined) {
    const lastRow = table.rows[cutAt];
    const entry = work[cutAt]!;
    const lastEvent =
      entry.items[entry.items.length - 1]?.cell ?? entry.runs[entry.runs.length - 1]?.item.cell ?? entry.anchor;
    result.cut = {
      origin: lastEvent?.origin ?? {},
      ...(lastRow ? { lastRow } : {}),
      absent: table.rows.slice(cutAt + 1),
    };
  }
  return result;
}

/**
 * Blank cells after a row's last figure, at the end of a row of delimited text (| 1 | 0 |  |), are no evidence of a
 * printed empty cell: Markdown and scraped pipe rows pad their ends. They are left out (absent), not read as blank.
 */
function withoutTrailingPadding(items: readonly Item[]): readonly Item[] {
  let end = items.length;
  while (end > 0 && items[end - 1]!.item === 'blank' && items[end - 1]!.delimited) end -= 1;
  if (end === 0 || end === items.length) return items;
  const last = items[end - 1]!;
  const trailing = items.slice(end);
  return trailing.every((item) => item.physical === last.physical) ? items.slice(0, end) : items;
}

/**
 * The rows whose figures were divided from other rows' figures by position alone, in a block that does not fit:
 * figures one to a line (or paragraph) that follow labels printed apart from them (table 四 as paragraphs: its
 * header's group labels, then its figures with the empty cells dropped). A block of figures (consecutive figures, no
 * label between) that feeds a row printed short, or follows a row's label that received none of it, is divided by a
 * guess; its rows that do not stand on a line of their own (a line of two or more figures no other row shares) are
 * returned, and none of them is read. Neither the row the text ends in nor a row of one 无 (its cells merged) is short
 * for this.
 */
function guessedRows(
  work: readonly RowWork[],
  itemEvents: readonly number[][],
  anchorAt: ReadonlyMap<number, number>,
  events: readonly Event[],
  table: TableDef,
  cutAt: number | undefined,
): Set<number> {
  const guessed = new Set<number>();
  // The block an event stands in: the index of the last event before it that is not a figure (-1 at the start).
  const blockOf: number[] = [];
  let start = -1;
  events.forEach((event, index) => {
    if (event.kind !== 'item') start = index;
    blockOf.push(start);
  });
  const fed = new Map<number, number[]>();
  work.forEach((entry, index) => {
    if (entry.runs.length > 0) return;
    const blocks = new Set((itemEvents[index] ?? []).map((event) => blockOf[event]!));
    for (const block of blocks) fed.set(block, [...(fed.get(block) ?? []), index]);
  });
  const blockStarts = [...fed.keys()].sort((a, b) => a - b);
  blockStarts.forEach((block, at) => {
    const rows = fed.get(block)!;
    const detached = rows.some((index) => (anchorAt.get(index) ?? block) < block);
    if (rows.length < 2 && !detached) return;
    // Labels since the block before: a row labelled there that received none of this block's figures.
    const previous = at > 0 ? blockStarts[at - 1]! : -1;
    const short = rows.some((index) => {
      const items = withoutTrailingPadding(work[index]!.items);
      const collapsed = items.length === 1 && COLLAPSE_MARKERS.has(items[0]!.cell.text);
      return index !== cutAt && !collapsed && items.length !== widthOf(table, index);
    });
    const emptyLabelled = [...anchorAt].some(
      ([index, event]) =>
        event > previous && event < block && work[index]!.items.length === 0 && work[index]!.runs.length === 0,
    );
    if (!short && !emptyLabelled) return;
    for (const index of rows) {
      const items = work[index]!.items;
      const line = items[0]?.physical;
      const ownLine =
        items.length >= 2 &&
        items.every((item) => item.physical === line) &&
        rows.every((other) => other === index || work[other]!.items.every((item) => item.physical !== line));
      if (!ownLine) guessed.add(index);
    }
  });
  return guessed;
}

function filledCount(entry: RowWork): number {
  return entry.items.length + entry.runs.reduce((sum, run) => sum + run.slots, 0);
}

function widthOf(table: TableDef, index: number): number {
  return (table.rows[index]!.columns ?? table.columns).length;
}

/**
 * Fewer values than columns with nothing to say where they stand (3 | 3 | on lines of their own, the empty cells
 * collapsed): when the last equals the sum of the others, the others are the first columns and the last is the
 * total, the rest empty. Inferred, and the row's total check is then not counted.
 */
function placeByTotal(cells: RawCell[], width: number): RawCell[] | undefined {
  const values = cells.map((cell) => (/^[0-9]+$/u.test(cell.text) ? Number(cell.text) : Number.NaN));
  if (values.some((value) => Number.isNaN(value))) return undefined;
  const total = values[values.length - 1]!;
  const sum = values.slice(0, -1).reduce((a, b) => a + b, 0);
  if (sum !== total) return undefined;
  const origin = cells[0]!.origin;
  const placed: RawCell[] = [];
  for (let column = 0; column < width - 1; column += 1) {
    const cell = column < cells.length - 1 ? cells[column]! : { text: '', origin };
    placed.push(withFields(cell, { inferred: true }));
  }
  placed.push(withFields(cells[cells.length - 1]!, { inferred: true }));
  return placed;
}

function unreadableRow(
  table: TableDef,
  row: RowDef,
  messageId: 'digits' | 'short',
  data: Record<string, unknown>,
  origin: Origin,
): ReaderFinding {
  return { ruleId: 'unreadable-row', messageId, data: { table: table.label, row: row.label, ...data }, origin };
}
