import type { RawCell, RawRow, ReaderFinding } from '../read/types.js';
import { captionOf, COLLAPSE_MARKERS, isValueText } from '../model/labels.js';
import { bestPhraseLength, normalizeLabel } from '../model/normalize.js';
import { getTemplate } from '../model/template.js';
import { alignStream, type AlignedTable } from './stream-aligner.js';
import type { RowDef, TableDef, TemplateDef } from '../model/template-def.js';
import type { Origin, RawValue, TableKey, TemplateId } from '../model/types.js';
import { withFields } from '../model/objects.js';
import { Remembered } from '../model/remembered.js';
import { appendAll } from '../model/arrays.js';

/** A row its label names that prints no figure; `foreign` is its label when it is the other template's row. */
interface Unfilled {
  row: RowDef;
  values: RawCell[];
  origin: Origin;
  header: Array<string | null> | undefined;
  foreign?: string;
  /** A row of table 四 named by its group label: read only when the table prints a row per group. */
  byGroup?: boolean;
}

/** One row of a table stream: its cells in order, and for a line of text how it stood. */
export type StreamRow = RawRow;

/** The rows of one table, gathered from every block that belongs to it. */
export interface TableStream {
  key: TableKey;
  rows: StreamRow[];
  origin: Origin;
  /** Index of the last block that added rows, to tell whether the input ends inside this table. */
  lastBlock: number;
}

interface SplitRow {
  labels: RawCell[];
  values: RawCell[];
}

/**
 * A grid row's label cells and value cells. The labels end at the first value after a label: text after it (a cell
 * holding a mark the value reader does not know, such as 〇 or N/A, or a remark at the row's end) is a value cell, read
 * as printed, so that the cells after it keep their columns.
 */
function splitRow(row: StreamRow): SplitRow {
  let last = -1;
  let labelSeen = false;
  for (const [index, cell] of row.cells.entries()) {
    if (cell.text.trim() === '') continue;
    if (!isValueText(cell.text) && isLabelText(cell.text)) {
      last = index;
      labelSeen = true;
    } else if (labelSeen) break;
  }
  return {
    labels: row.cells.slice(0, last + 1).filter((cell) => cell.text.trim() !== ''),
    values: row.cells.slice(last + 1),
  };
}

/**
 * Whether a cell that is no value can be a row's label: the template's labels are all written in Chinese, so text with
 * no Chinese character after a label (N/A, a figure with a footnote mark: 2212[1], 2212*) is a cell of the row, read as
 * printed (and said not to be a number), so that the cells after it keep their columns.
 */
function isLabelText(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

const filled = (cell: RawCell): boolean => cell.text.trim() !== '';
/** A blank cell printed as a cell of its own, not a slot a merged cell covers. */
const ownBlank = (cell: RawCell): boolean => !filled(cell) && cell.covered !== true;

/**
 * True for a table printed as a grid without a single figure (a blank template saved as Markdown, pasted from Word):
 * its rows hold empty cells and no value. There is nothing to align, and a row whose cells are all empty is printed
 * blank, not out of place.
 */
export function isBlankGrid(rows: readonly StreamRow[]): boolean {
  let emptyCells = false;
  for (const row of rows) {
    const { values } = splitRow(row);
    if (values.some(filled)) return false;
    emptyCells ||= row.cells.some((cell) => !filled(cell));
  }
  return emptyCells;
}
/** The cell's text as printed: '' for a blank cell. */
const rawOf = (cell: RawCell): RawValue => cell.text.trim();

/** Values mapped by order onto `count` columns: blank cells before the values (from merged label cells) are dropped when there are too many. */
function fitValues(values: RawCell[], count: number): RawCell[] {
  const result = [...values];
  while (result.length > count && result[0] && !filled(result[0])) result.shift();
  return result;
}

/** matchRow's answers by the rows it chose among and the normalised label: reports print the same labels again and again. */
const matchedRows = new WeakMap<readonly RowDef[], Remembered<string, RowDef | undefined>>();
const MATCHED_LABELS = 5000;

/** The row whose phrase the normalised label holds at the greatest length (the first of equals), if any. */
function bestRow(label: string, rows: readonly RowDef[]): RowDef | undefined {
  let best: RowDef | undefined;
  let bestLength = 0;
  for (const row of rows) {
    const length = bestPhraseLength(label, row.match);
    if (length > bestLength) {
      best = row;
      bestLength = length;
    }
  }
  return best;
}

/** Matches the rows of one table's stream to the template and fills its part of the document. */
export class TableMapper {
  private readonly result: Record<string, Record<string, RawValue>> = {};
  private readonly assigned = new Set<string>();
  /** Table 三 rows written as one 无 across all their cells (merged cells in the source). */
  private readonly collapsed: { row: string; text: string; origin: Origin }[] = [];
  private readonly headerTexts: string[];
  private readonly columnPhrases: Array<{ key: string; phrases: string[] }>;
  private header: Array<string | null> | undefined;
  /** Table 三's header: grid column → the template column its header names, or null for a column not in the template. */
  private readonly headerAt = new Map<number, string | null>();
  /** Set once a row with figures is read: header cells are only those above the first. */
  private anyRowRead = false;
  /** Set when a row of table 四 with figures is read by its own group label (a row per group). */
  private groupRowRead = false;
  private sequence = 0;

  constructor(
    private readonly table: TableDef,
    private readonly template: TemplateDef,
    private readonly stream: TableStream,
    private readonly origins: Map<string, Origin>,
    private readonly findings: ReaderFinding[],
    private readonly inferred: Set<string>,
  ) {
    this.headerTexts = [...table.groupLabels, ...table.columns.map((column) => column.label), '信息内容'].map(
      normalizeLabel,
    );
    this.columnPhrases = table.columns.map((column) => ({ key: column.key, phrases: column.match }));
  }

  /**
   * Maps a stream of text rows (one value per line, labels apart from their numbers, crawled pages) through the
   * stream aligner, which decides each row's cells; returns what it found besides the values (unreadable and cut
   * rows) so that those are not reported missing.
   */
  mapAligned(
    endsInput: boolean,
    totalsUsed: Set<string>,
  ): { result: Record<string, Record<string, RawValue>>; aligned: AlignedTable } {
    const aligned = alignStream(this.stream.rows, this.table, this.template, endsInput, this.headerTexts);
    for (const row of aligned.rows) {
      if (row.foreign) this.assignForeign(row.row, row.cells, row.origin, row.label);
      else this.assign(row.row, row.cells, row.origin);
      if (row.totalUsed) totalsUsed.add(`/${this.table.key}/${row.row.key}`);
    }
    for (const row of aligned.unknown) this.unknown(row.label, row.origin);
    appendAll(this.findings, aligned.findings);
    const cut = aligned.cut
      ? [...aligned.cut.absent, ...(aligned.cut.lastRow ? [aligned.cut.lastRow] : [])].map((row) => row.key)
      : [];
    const notMissing = new Set([...aligned.unreadable, ...cut]);
    this.reportMissing(notMissing);
    this.reportCollapsed();
    return { result: this.result, aligned };
  }

  map(): Record<string, Record<string, RawValue>> {
    const rows = this.stream.rows;
    let pending: StreamRow[] = [];
    const consumed = new Set<number>();
    // A table printed with no figure at all (a blank template): the rows its labels name, with their empty cells.
    const unfilled: Unfilled[] = [];
    let anyValue = false;
    let lastValueRow = -1;
    rows.forEach((row, index) => {
      if (splitRow(row).values.some(filled)) lastValueRow = index;
    });
    for (let index = 0; index < rows.length; index += 1) {
      if (consumed.has(index)) continue;
      const row = rows[index]!;
      const { labels, values } = splitRow(row);
      const hasValues = values.some(filled);
      anyValue ||= hasValues;
      if (labels.length === 0 && !hasValues) continue;
      const joined = labels.map((cell) => cell.text).join('');
      if (!hasValues) this.noteHeaderCells(labels);
      else this.anyRowRead = true;
      if (!hasValues) {
        const lastLabel = labels[labels.length - 1]!;
        const blankForeign =
          values.length > 0 && this.table.key === 'applications' && !this.matchRow(lastLabel.text)
            ? this.matchForeignRow(lastLabel.text)
            : undefined;
        // Table 四 printed with a row per group (行政复议 / 未经复议直接起诉 / 复议后起诉, five cells each): a group's
        // row of empty cells, taken only when another group's row is read by its label (the header's group labels
        // are not rows).
        const blankGroup =
          this.table.key === 'reviewLitigation' && values.length >= this.columnsOf(this.table.rows[0]!).length
            ? this.matchRow(lastLabel.text)
            : undefined;
        if (this.table.key === 'active' && captionOf(joined)) {
          this.header = undefined;
          pending = [];
        } else if (this.table.key === 'active' && this.isColumnHeader(labels)) {
          this.header = this.headerColumns(row);
          pending = [];
        } else if (blankGroup) {
          unfilled.push({ row: blankGroup, values, origin: lastLabel.origin, header: this.header, byGroup: true });
          pending = [];
        } else if (blankForeign) {
          // The other template's row printed blank (2019's （六）其他处理 in a 2021 report, where it is also a group
          // label): that row printed blank, unless this template's own rows it stands for are printed.
          unfilled.push({ row: blankForeign, values, origin: lastLabel.origin, header: this.header, foreign: joined });
          pending = [];
        } else if (this.isHeaderish(labels)) {
          pending = [];
        } else {
          // Table 四's labels head its column groups, never a row of its own.
          const own =
            values.length > 0 && this.table.key !== 'reviewLitigation' ? this.matchRow(lastLabel.text) : undefined;
          if (own) unfilled.push({ row: own, values, origin: lastLabel.origin, header: this.header });
          pending.push(row);
        }
        continue;
      }
      if (labels.length > 0) {
        const own = this.matchRow(labels[labels.length - 1]!.text) ?? this.matchRow(joined);
        const withPending = own ?? this.matchRow(pending.slice(-3).map(rowText).join('') + joined);
        const foreign = withPending ? undefined : this.matchForeignRow(labels[labels.length - 1]!.text);
        if (withPending) {
          this.assign(withPending, values, labels[labels.length - 1]!.origin, row.spansKnown === true);
          if (this.table.key === 'reviewLitigation') this.groupRowRead = true;
        } else if (foreign)
          this.assignForeign(foreign, values, labels[labels.length - 1]!.origin, joined, row.spansKnown === true);
        else if (
          this.table.key === 'reviewLitigation' &&
          // The row of figures, after a label of its own (数量, 件数): five figures, or a cell for each of the table's.
          (values.filter(filled).length >= 5 || values.length >= this.sequenceLength())
        )
          this.fillSequence(values, index === lastValueRow);
        else this.unknown(joined, labels[0]!.origin);
        pending = [];
        continue;
      }
      const match = this.matchValueOnly(rows, index, pending, consumed);
      if (match) this.assign(match.row, values, match.origin, row.spansKnown === true);
      else if (this.table.key === 'reviewLitigation') this.fillSequence(values, index === lastValueRow);
      else this.unknown(pending.map(rowText).join(''), pending[0]?.origin ?? row.origin);
      pending = [];
    }
    if (!anyValue) this.readUnfilled(unfilled);
    else this.readEmptyRows(unfilled);
    this.reportMissing();
    this.reportCollapsed();
    return this.result;
  }

  /**
   * A grid table without a single figure, as a blank template prints it: each row its own label names is read with its
   * cells blank (""), and table 四, whose rows are its column groups, with all its cells blank; so a blank reads as
   * blank cells (empty-cell) rather than as rows not given (missing-row).
   */
  private readUnfilled(unfilled: readonly Unfilled[]): void {
    const saved = this.header;
    for (const entry of ownFirst(unfilled)) {
      this.header = entry.header;
      this.assignUnfilled(entry);
    }
    this.header = saved;
    if (this.table.key !== 'reviewLitigation') return;
    for (const row of this.table.rows) {
      const blanks = this.columnsOf(row).map((): RawCell => ({ text: '', origin: this.stream.origin }));
      this.assign(row, blanks, this.stream.origin);
    }
  }

  /**
   * In a table with figures, a row its own label names that prints a cell for each of its columns, all of them empty,
   * is printed blank (a partly filled grid): its cells are read blank, not reported as a row not given.
   */
  private readEmptyRows(unfilled: readonly Unfilled[]): void {
    const saved = this.header;
    for (const entry of ownFirst(unfilled)) {
      if (this.assigned.has(entry.row.key) || entry.values.length < this.columnsOf(entry.row).length) continue;
      this.header = entry.header;
      this.assignUnfilled(entry);
    }
    this.header = saved;
  }

  /**
   * A blank row of the other template is read as that row only when none of this template's rows it stands for is
   * printed: a 2021 table that prints its （六）其他处理 group label as a row of empty cells above its three rows is not
   * a 2019 row.
   */
  private assignUnfilled(entry: Unfilled): void {
    if (entry.byGroup) {
      if (this.groupRowRead) this.assign(entry.row, entry.values, entry.origin);
    } else if (entry.foreign === undefined) this.assign(entry.row, entry.values, entry.origin);
    else if (!this.assigned.has(entry.row.key) && !this.ownRowsFor(entry.row).some((key) => this.assigned.has(key)))
      this.assignForeign(entry.row, entry.values, entry.origin, entry.foreign);
  }

  /** A row of values with no label takes its label from the label-only lines just before it, and if need be just after it (labels wrapped in PDF text). */
  private matchValueOnly(
    rows: StreamRow[],
    index: number,
    pending: StreamRow[],
    consumed: Set<number>,
  ): { row: RowDef; origin: Origin } | undefined {
    const after: number[] = [];
    for (let next = index + 1; next < rows.length && after.length < 2; next += 1) {
      const split = splitRow(rows[next]!);
      if (split.values.some(filled)) break;
      if (split.labels.length === 0) continue;
      if (this.isHeaderish(split.labels) || captionOf(rowText(rows[next]!))) break;
      after.push(next);
    }
    for (let take = 1; take <= Math.min(3, pending.length); take += 1) {
      const before = pending.slice(-take);
      const text = before.map(rowText).join('');
      const origin = before[0]!.cells.find(filled)?.origin ?? before[0]!.origin;
      const direct = this.matchRow(text);
      if (direct) return { row: direct, origin };
      for (let extra = 1; extra <= after.length; extra += 1) {
        const lines = after.slice(0, extra);
        const row = this.matchRow(text + lines.map((line) => rowText(rows[line]!)).join(''));
        if (row) {
          for (const line of lines) consumed.add(line);
          return { row, origin };
        }
      }
    }
    return undefined;
  }

  /** A row of the other template's same table that this template lacks (a 2019 （六）其他处理 row in a 2021 report). */
  private matchForeignRow(text: string): RowDef | undefined {
    const otherId: TemplateId = this.template.id === '2019' ? '2021' : '2019';
    const other = getTemplate(otherId).def.tables.find((table) => table.key === this.table.key);
    if (!other) return undefined;
    const row = this.matchRow(text, other.rows);
    return row && !this.table.rows.some((own) => own.key === row.key) ? row : undefined;
  }

  private assignForeign(row: RowDef, values: RawCell[], origin: Origin, label: string, spansKnown = false): void {
    this.assign(row, values, origin, spansKnown);
    const otherId = this.template.id === '2019' ? '2021' : '2019';
    this.note(
      'mixed-template',
      'foreign-row',
      {
        table: this.table.label,
        label: label.trim(),
        row: row.label,
        template: this.template.id,
        other: otherId,
        instead: this.rowsInstead(row),
      },
      origin,
    );
  }

  /** The keys of this template's rows that stand where the other template's row does. */
  private ownRowsFor(row: RowDef): string[] {
    const otherId: TemplateId = this.template.id === '2019' ? '2021' : '2019';
    const own = this.table.legacyRows?.find((legacy) => legacy.key === row.key)?.standsFor;
    const other = getTemplate(otherId).def.tables.find((table) => table.key === this.table.key);
    const back = other?.legacyRows?.find((legacy) => legacy.standsFor.includes(row.key))?.key;
    return [...(own ?? (back ? [back] : []))];
  }

  /** The rows of this template that stand where the other template's row does (「1.…」「2.…」「3.其他」 for 2019's （六）其他处理, and back), as a message names them. */
  private rowsInstead(row: RowDef): string {
    const labels = this.ownRowsFor(row)
      .map((key) => this.table.rows.find((candidate) => candidate.key === key))
      .filter((candidate): candidate is RowDef => candidate !== undefined)
      .map((candidate) => `「${candidate.label}」`);
    return labels.length > 0 ? labels.join('') : '—';
  }

  private matchRow(text: string, rows: readonly RowDef[] = this.table.rows): RowDef | undefined {
    const label = normalizeLabel(text);
    if (label === '') return undefined;
    let byLabel = matchedRows.get(rows);
    if (byLabel === undefined) matchedRows.set(rows, (byLabel = new Remembered(MATCHED_LABELS)));
    return byLabel.get(label, (text) => bestRow(text, rows));
  }

  private isColumnHeader(labels: RawCell[]): boolean {
    return labels.some((cell) => {
      const label = normalizeLabel(cell.text);
      return label === '信息内容' || this.columnPhrases.some((column) => bestPhraseLength(label, column.phrases) > 0);
    });
  }

  /** Header and group cells (申请人情况, 自然人, 结果维持, the 勾稽 note, 三、本年度办理结果…), also when wrapped into fragments. */
  private isHeaderish(labels: RawCell[]): boolean {
    return labels.every((cell) => {
      const label = normalizeLabel(cell.text);
      if (captionOf(label)) return true;
      return this.headerTexts.some(
        (header) => header.includes(label) || (header.length >= 3 && label.includes(header)),
      );
    });
  }

  private headerColumns(row: StreamRow): Array<string | null> {
    const cells = row.cells;
    const start = cells.findIndex((cell) => normalizeLabel(cell.text) === '信息内容');
    const seen = new Set<string>();
    return cells.slice(start + 1).map((cell) => {
      const label = normalizeLabel(cell.text);
      let best: string | null = null;
      let bestLength = 0;
      for (const column of this.columnPhrases) {
        const length = bestPhraseLength(label, column.phrases);
        if (length > bestLength) {
          best = column.key;
          bestLength = length;
        }
      }
      if (best === null || seen.has(best)) return null;
      seen.add(best);
      return best;
    });
  }

  private columnsOf(row: RowDef): string[] {
    return row.columns ?? this.table.columns.map((column) => column.key);
  }

  /**
   * `spansKnown`: the row is a grid's whose reader records merged cells (HTML, .docx, .xlsx). Table 三's row written as
   * a single 无 is read as 无 in every column when nothing says its other cells are printed apart: in such a grid only
   * when the 无 is merged over them (a blank cell of its own among the row's columns makes the 无 one column's, read
   * cell by cell); in CSV and text, whose blanks may be a flattened merge, always.
   */
  private assign(row: RowDef, values: RawCell[], origin: Origin, spansKnown = false): void {
    if (this.assigned.has(row.key)) return;
    this.assigned.add(row.key);
    const columns = row.columns ?? this.table.columns.map((column) => column.key);
    const pointer = `/${this.table.key}/${row.key}`;
    this.origins.set(pointer, origin);
    const target: Record<string, RawValue> = {};
    this.result[row.key] = target;
    const nonEmpty = values.filter(filled);
    const first = nonEmpty[0];
    if (
      this.table.key === 'applications' &&
      nonEmpty.length === 1 &&
      first &&
      values.find(filled) === first &&
      COLLAPSE_MARKERS.has(first.text.trim()) &&
      columns.length > 1 &&
      !(spansKnown && fitValues(values, columns.length).slice(0, columns.length).some(ownBlank))
    ) {
      for (const column of columns) {
        target[column] = rawOf(first);
        this.origins.set(`${pointer}/${column}`, first.origin);
      }
      this.collapsed.push({ row: row.label, text: first.text.trim(), origin: first.origin });
      return;
    }
    const placed = this.placeByHeader(values, columns);
    if (placed) {
      for (const [column, cell] of placed) {
        target[column] = rawOf(cell);
        this.origins.set(`${pointer}/${column}`, cell.origin);
      }
      return;
    }
    const header =
      this.table.key === 'active' && this.header?.some((key) => key !== null && columns.includes(key))
        ? this.header
        : columns;
    const fitted = fitValues(values, header.length);
    header.forEach((column, index) => {
      const cell = fitted[index];
      if (column === null || !columns.includes(column) || !cell) return;
      target[column] = rawOf(cell);
      this.origins.set(`${pointer}/${column}`, cell.origin);
      if (cell.inferred) this.inferred.add(`${pointer}/${column}`);
    });
  }

  /**
   * Table 三's header cells by grid column: the template's column each names (自然人, 商业企业 … 总计), or null for a
   * column the template does not have (a 法人或其他组织 小计, 备注). A lower header row names its column over a higher
   * one (商业企业 under 法人或其他组织).
   */
  private noteHeaderCells(labels: readonly RawCell[]): void {
    if (this.table.key !== 'applications' || this.anyRowRead) return;
    for (const cell of labels) {
      const index = cell.origin.columnIndex;
      if (index === undefined) continue;
      const label = normalizeLabel(cell.text);
      const column = this.columnPhrases.find((entry) =>
        entry.phrases.some((phrase) => normalizeLabel(phrase) === label),
      );
      if (column) this.headerAt.set(index, column.key);
      else if (!this.headerTexts.includes(label)) this.headerAt.set(index, null);
    }
  }

  /**
   * A grid row of table 三 with more figures than the template has columns, under a header that names every template
   * column once, in the template's order, at its own grid column: its cells placed by the header (a 小计 column's
   * figures are not taken for 总计). Undefined when the row fits the template's columns, or the header cannot place it.
   */
  private placeByHeader(values: readonly RawCell[], columns: readonly string[]): Array<[string, RawCell]> | undefined {
    if (this.table.key !== 'applications' || this.headerAt.size === 0) return undefined;
    const fitted = fitValues([...values], columns.length);
    if (fitted.length <= columns.length || !fitted.slice(columns.length).some(filled)) return undefined;
    const indexOf = new Map<string, number>();
    for (const [index, key] of this.headerAt) {
      if (key === null) continue;
      if (indexOf.has(key)) return undefined;
      indexOf.set(key, index);
    }
    const order = columns.map((column) => indexOf.get(column));
    if (order.some((index, at) => index === undefined || (at > 0 && index <= order[at - 1]!))) return undefined;
    const byIndex = new Map<number, RawCell>();
    for (const cell of values) {
      const index = cell.origin.columnIndex;
      if (index === undefined || (filled(cell) && !this.headerAt.has(index))) return undefined;
      byIndex.set(index, cell);
    }
    const placed: Array<[string, RawCell]> = [];
    columns.forEach((column, at) => {
      const cell = byIndex.get(order[at]!);
      if (cell) placed.push([column, cell]);
    });
    return placed;
  }

  /** How many cells table 四's sequence has (15). */
  private sequenceLength(): number {
    return this.table.rows.reduce((sum, row) => sum + this.columnsOf(row).length, 0);
  }

  /**
   * Table 四's single row of 15 values: 行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5, continuing across rows. Empty
   * cells after a row's last figure pad a row that more rows continue; on the table's last row of figures they are the
   * printed cells that end the sequence (a 总计 left blank), read as blank up to the cells the sequence still lacks.
   */
  private fillSequence(values: RawCell[], lastRow: boolean): void {
    const order = this.table.rows.flatMap((row) => this.columnsOf(row).map((column) => ({ row, column })));
    const remaining = order.length - this.sequence;
    let cells = values;
    while (cells.length > 0 && !filled(cells[cells.length - 1]!)) cells = cells.slice(0, -1);
    if (lastRow) {
      // fitValues gives the same cells again when given its own result: one call below serves both cases.
      const own = fitValues(values, remaining);
      if (own.length <= remaining) cells = own;
    }
    cells = fitValues(cells, remaining);
    for (const cell of cells) {
      const slot = order[this.sequence];
      if (!slot) break;
      this.sequence += 1;
      const pointer = `/${this.table.key}/${slot.row.key}`;
      if (!this.result[slot.row.key]) {
        this.result[slot.row.key] = {};
        this.origins.set(pointer, cell.origin);
        this.assigned.add(slot.row.key);
      }
      this.result[slot.row.key]![slot.column] = rawOf(cell);
      this.origins.set(`${pointer}/${slot.column}`, cell.origin);
      if (cell.inferred) this.inferred.add(`${pointer}/${slot.column}`);
    }
  }

  private unknown(label: string, origin: Origin): void {
    this.note(
      'unknown-row',
      'unknown',
      { table: this.table.label, label: label.trim(), template: this.template.id },
      origin,
    );
  }

  /** Rows written as a single 无 are reported once for the table, at the first of them, with every row named. */
  private reportCollapsed(): void {
    const first = this.collapsed[0];
    if (!first) return;
    const rows = this.collapsed.map((entry) => entry.row);
    this.note(
      'collapsed-row',
      'collapsed',
      {
        table: this.table.label,
        text: first.text,
        count: rows.length,
        rows: rows.slice(0, 3).join('、') + (rows.length > 3 ? ` …` : ''),
        rowList: rows,
      },
      first.origin,
    );
  }

  private reportMissing(notMissing: ReadonlySet<string> = new Set()): void {
    // Rows an older template's row stands in for are reported once, as that row (mixed-template), not as missing.
    const replaced = new Set(
      (this.table.legacyRows ?? [])
        .filter((legacy) => this.assigned.has(legacy.key))
        .flatMap((legacy) => legacy.standsFor),
    );
    for (const row of this.table.rows) {
      if (this.assigned.has(row.key) || replaced.has(row.key) || notMissing.has(row.key)) continue;
      this.findings.push({
        ruleId: 'missing-row',
        messageId: 'missing',
        data: { table: this.table.label, row: row.label, template: this.template.id },
        origin: withFields(this.stream.origin, { pointer: `/${this.table.key}/${row.key}` }),
      });
    }
  }

  private note(ruleId: string, messageId: string, data: Record<string, unknown>, origin: Origin): void {
    this.findings.push({ ruleId, messageId, data, origin });
  }
}

/** This template's rows before the other template's, so that a foreign row is taken only when its own rows are not printed. */
function ownFirst(unfilled: readonly Unfilled[]): Unfilled[] {
  return [
    ...unfilled.filter((entry) => entry.foreign === undefined),
    ...unfilled.filter((entry) => entry.foreign !== undefined),
  ];
}

function rowText(row: StreamRow): string {
  return row.cells.map((cell) => cell.text).join('');
}
