import type { Block, InputFormat, RawCell, ReadContext, ReaderFinding, ReadResult } from '../read/types.js';
import { nearestEntry } from '../read/pointer.js';
import { bestPhraseLength, normalizeLabel, PINYIN_ANNOTATION, scriptOf, STRAY_COMMA, toSimplified } from './normalize.js';
import { getTemplate, isTableKey, TEMPLATE_IDS, templateForYear } from './template.js';
import type { RowDef, TableDef, TemplateDef } from './template-def.js';
import type { Origin, RawValue, ReportDocument, TableKey, TemplateId } from './types.js';

/** The six numbered sections of a report, by the keys the templates give them. */
export type SectionKey = 'overview' | 'active' | 'applications' | 'reviewLitigation' | 'problems' | 'other';

/** What the mapper is told: the reader context, the input format and the encoding the bytes were decoded with. */
export type BlocksContext = ReadContext & { format: InputFormat; encoding?: string };

const TABLE_KEYS: readonly TableKey[] = ['active', 'applications', 'reviewLitigation'];
const NARRATIVE_KEYS = { overview: 'overview', problems: 'problems', other: 'other' } as const;
const CAPTION = /第二十条第（([一二三四五六七八九十]+)）项/u;
const VALUE_TOKEN = /^[+\-−－]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?(?:万元|萬元|元|亿元|億元|件|个|個|项|項|次|人|家)?$/u;
const VALUE_WORDS = new Set(['无', '無', '零', '-', '--', '—', '——', '–', '/', '／', '\\', '不适用', '不適用', '空', '没有', '沒有']);
const COLLAPSE_MARKERS = new Set(['无', '無']);
const GENERIC_PHRASES = new Set(['其他', '总计', '合计']);
const MAX_FINDINGS_PER_RULE = 50;

/** True when a cell's text is a value (a number, an amount with its unit, 无, —, /) rather than a label. */
export function isValueText(text: string): boolean {
  const compact = text.replace(/\s+/gu, '');
  if (compact === '') return false;
  return VALUE_TOKEN.test(compact) || VALUE_WORDS.has(compact) || /^(增加|减少|減少|增|减|減)[\d０-９]/u.test(compact);
}

let sectionPhrases: Array<{ key: SectionKey; phrases: string[] }> | undefined;

/** The section a heading line opens (一、总体情况 … 六、其他需要报告的事项, or a caption such as 表三), or undefined for any other text. */
export function sectionOfHeading(text: string): SectionKey | undefined {
  const label = normalizeLabel(text.replace(/[#*>_`]/gu, ''));
  if (label.length === 0 || label.length > 40) return undefined;
  const caption = /^表([二三四])/u.exec(label);
  if (caption) return ({ 二: 'active', 三: 'applications', 四: 'reviewLitigation' } as const)[caption[1] as '二' | '三' | '四'];
  if (!/^[一二三四五六七][、.]/u.test(label)) return undefined;
  sectionPhrases ??= TEMPLATE_IDS.flatMap((id) => getTemplate(id).def.sections).map((section) => ({ key: section.key as SectionKey, phrases: section.match }));
  let best: SectionKey | undefined;
  let bestLength = 0;
  for (const { key, phrases } of sectionPhrases) {
    const length = bestPhraseLength(label, phrases);
    if (length > bestLength) {
      best = key;
      bestLength = length;
    }
  }
  return best !== undefined && label.length <= bestLength + 14 ? best : undefined;
}

/** The 第二十条 caption a label names, in canonical form (第二十条第（一）项), if any. */
export function captionOf(text: string): string | undefined {
  const match = CAPTION.exec(normalizeLabel(text));
  return match ? `第二十条第（${match[1]}）项` : undefined;
}

interface StreamRow {
  cells: RawCell[];
  origin: Origin;
}

interface TableStream {
  key: TableKey;
  rows: StreamRow[];
  origin: Origin;
}

interface Narrative {
  key: keyof typeof NARRATIVE_KEYS;
  lines: string[];
  origin: Origin;
}

/** Maps the blocks a grid or text reader found (text and raw tables, in reading order) to the canonical report, its origins and the reader's findings. */
export function blocksToReport(blocks: Block[], context: BlocksContext): ReadResult {
  const findings: ReaderFinding[] = [];
  const origins = new Map<string, Origin>();
  const streams = new Map<TableKey, TableStream>();
  const headings = new Map<SectionKey, Origin>();
  const narratives: Narrative[] = [];
  const texts: Array<{ text: string; origin: Origin }> = [];
  let section: SectionKey | undefined;
  let lastStream: TableStream | undefined;

  const streamFor = (key: TableKey, origin: Origin): TableStream => {
    let stream = streams.get(key);
    if (!stream) {
      stream = { key, rows: [], origin };
      streams.set(key, stream);
    }
    return stream;
  };

  for (const block of blocks) {
    if (block.kind === 'text') {
      texts.push({ text: block.text, origin: block.origin });
      const heading = sectionOfHeading(block.text);
      if (heading) {
        section = heading;
        if (!headings.has(heading)) headings.set(heading, block.origin);
        lastStream = undefined;
        continue;
      }
      if (section === 'active' && captionOf(block.text)) {
        const stream = streamFor('active', block.origin);
        stream.rows.push({ cells: [{ text: block.text, origin: block.origin }], origin: block.origin });
        lastStream = stream;
        continue;
      }
      if (section === 'overview' || section === 'problems' || section === 'other') {
        const current = narratives[narratives.length - 1];
        if (current && current.key === section) current.lines.push(block.text);
        else narratives.push({ key: section, lines: [block.text], origin: block.origin });
      }
      continue;
    }
    const key = classifyTable(block.table.rows, section, lastStream?.key);
    if (!key) continue;
    const stream = streamFor(key, block.table.origin);
    stream.rows.push(...block.table.rows);
    lastStream = stream;
  }

  const labels = [...streams.values()].flatMap((stream) => stream.rows.flatMap((row) => row.cells)).filter((cell) => cell.text.trim() !== '' && !isValueText(cell.text));
  // The title and text in Simplified characters without spaces, once for the year and the agency.
  const compactTexts = texts.map((entry) => toSimplified(entry.text).replace(/\s+/gu, ''));
  const year = context.year ?? detectYear(compactTexts, narratives);
  const detection = detectTemplate(labels);
  const templateId: TemplateId = context.template ?? detection.chosen ?? (year !== undefined ? templateForYear(year) : undefined) ?? '2021';
  const template = getTemplate(templateId).def;
  if (!context.template && detection.mixed) {
    const other = detection.found[templateId === '2019' ? '2021' : '2019'];
    findings.push({
      ruleId: 'mixed-template',
      messageId: 'mixed',
      data: { template: templateId, own: detection.found[templateId].map((marker) => marker.marker).join('、'), other: other.map((marker) => marker.marker).join('、') },
      origin: other[0]?.origin ?? {},
    });
  }

  const document: ReportDocument = {};
  if (context.template || detection.chosen || year !== undefined) document.template = templateId;
  if (year !== undefined) document.year = year;
  const agency = detectAgency(compactTexts);
  if (agency !== undefined) document.agency = agency;
  for (const table of template.tables) {
    const stream = streams.get(table.key);
    if (!stream) {
      const origin = headings.get(table.key) ?? {};
      findings.push({ ruleId: 'missing-table', messageId: 'missing', data: { table: table.label, template: templateId }, origin: { ...origin, pointer: `/${table.key}` } });
      continue;
    }
    origins.set(`/${table.key}`, stream.origin);
    document[table.key] = new TableMapper(table, template, stream, origins, findings).map();
  }
  const narrative: NonNullable<ReportDocument['narrative']> = {};
  for (const part of narratives) {
    const text = part.lines.join('\n').trim();
    if (text === '' || narrative[part.key] !== undefined) continue;
    narrative[part.key] = text;
    origins.set(`/narrative/${part.key}`, part.origin);
  }
  if (Object.keys(narrative).length > 0) document.narrative = narrative;

  const units = [...texts, ...[...streams.values()].flatMap((stream) => stream.rows.flatMap((row) => row.cells))];
  findings.push(...lintText(units));

  return {
    format: context.format,
    document,
    findings,
    ...(context.encoding !== undefined ? { encoding: context.encoding } : {}),
    locate(pointer: string): Origin | undefined {
      const origin = nearestEntry(origins, pointer);
      return origin ? { ...origin, pointer } : undefined;
    },
  };
}

let tablePhrases: Map<TableKey, string[]> | undefined;

/** The table a raw table belongs to: by its own labels when they tell, otherwise by the section it stands in. */
function classifyTable(rows: StreamRow[], section: SectionKey | undefined, previous: TableKey | undefined): TableKey | undefined {
  if (!tablePhrases) {
    tablePhrases = new Map();
    for (const key of TABLE_KEYS) {
      const phrases = new Set<string>();
      for (const id of TEMPLATE_IDS) {
        const table = getTemplate(id).def.tables.find((candidate) => candidate.key === key);
        if (!table) continue;
        for (const item of [...table.rows, ...table.columns]) for (const phrase of item.match) if (!GENERIC_PHRASES.has(phrase)) phrases.add(normalizeLabel(phrase));
        for (const label of table.groupLabels) phrases.add(normalizeLabel(label));
      }
      tablePhrases.set(key, [...phrases]);
    }
  }
  const scores = new Map<TableKey, number>(TABLE_KEYS.map((key) => [key, 0]));
  for (const row of rows) {
    for (const cell of row.cells) {
      if (cell.text.trim() === '' || isValueText(cell.text)) continue;
      const label = normalizeLabel(cell.text);
      if (CAPTION.test(label)) scores.set('active', (scores.get('active') ?? 0) + 1);
      for (const key of TABLE_KEYS) if (tablePhrases.get(key)?.some((phrase) => label.includes(phrase))) scores.set(key, (scores.get(key) ?? 0) + 1);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first && first[1] > 0 && (!second || first[1] > second[1])) return first[0];
  if (section !== undefined && isTableKey(section)) return section;
  return previous;
}

interface MarkerHit {
  marker: string;
  origin: Origin;
}

function detectTemplate(labels: RawCell[]): { chosen?: TemplateId; mixed: boolean; found: Record<TemplateId, MarkerHit[]> } {
  const found: Record<TemplateId, MarkerHit[]> = { '2019': [], '2021': [] };
  const normalized = labels.map((cell) => ({ label: normalizeLabel(cell.text), origin: cell.origin }));
  for (const id of TEMPLATE_IDS) {
    for (const marker of getTemplate(id).def.markers) {
      const core = normalizeLabel(marker);
      const hit = normalized.find((cell) => cell.label.includes(core));
      if (hit) found[id].push({ marker, origin: hit.origin });
    }
  }
  const a = found['2019'].length;
  const b = found['2021'].length;
  const chosen: TemplateId | undefined = a > b ? '2019' : b > a ? '2021' : undefined;
  return { ...(chosen ? { chosen } : {}), mixed: a > 0 && b > 0, found };
}

/**
 * The agency from the report's title: 淮安市洪泽区人民政府 / 2024年政府信息公开工作年度报告 (the line before),
 * 某市公安局2019年政府信息公开工作年度报告 or 2019年上海市人民政府办公厅政府信息公开工作年度报告.
 */
function detectAgency(compact: readonly string[]): string | undefined {
  for (const [index, text] of compact.entries()) {
    const title = /^(.*?)(20\d{2})年度?(.*?)政府信息公开工作年度报告/u.exec(text);
    if (!title) continue;
    const candidate = (title[1] || title[3] || (index > 0 ? compact[index - 1] : '') || '').replace(/[《》「」“”"]/gu, '');
    return candidate.length >= 2 && candidate.length <= 40 && !/[，。；：,.;:、]/u.test(candidate) ? candidate : undefined;
  }
  return undefined;
}

function detectYear(compact: readonly string[], narratives: Narrative[]): number | undefined {
  for (const text of compact) {
    const title = /(20\d{2})年度?[^。]{0,30}?(政府信息公开|政务公开|信息公开)[^。]{0,10}?年度报告/u.exec(text);
    if (title?.[1]) return Number(title[1]);
  }
  for (const text of compact) {
    const annual = /(20\d{2})年度/u.exec(text);
    if (annual?.[1]) return Number(annual[1]);
  }
  const overview = narratives.find((part) => part.key === 'overview');
  const first = overview ? /(20\d{2})\s*年/u.exec(overview.lines.join('\n')) : undefined;
  return first?.[1] ? Number(first[1]) : undefined;
}

interface SplitRow {
  labels: RawCell[];
  values: RawCell[];
}

function splitRow(row: StreamRow): SplitRow {
  let last = -1;
  row.cells.forEach((cell, index) => {
    if (cell.text.trim() !== '' && !isValueText(cell.text)) last = index;
  });
  return { labels: row.cells.slice(0, last + 1).filter((cell) => cell.text.trim() !== ''), values: row.cells.slice(last + 1) };
}

const filled = (cell: RawCell): boolean => cell.text.trim() !== '';
const rawOf = (cell: RawCell | undefined): RawValue => {
  const text = cell?.text.trim() ?? '';
  return text === '' ? null : text;
};

/** Values mapped by order onto `count` columns: blank cells before the values (from merged label cells) are dropped when there are too many. */
function fitValues(values: RawCell[], count: number): RawCell[] {
  const result = [...values];
  while (result.length > count && result[0] && !filled(result[0])) result.shift();
  return result;
}

/** Matches the rows of one table's stream to the template and fills its part of the document. */
class TableMapper {
  private readonly result: Record<string, Record<string, RawValue>> = {};
  private readonly assigned = new Set<string>();
  /** Table 三 rows written as one 无 across all their cells (merged cells in the source). */
  private readonly collapsed: { row: string; text: string; origin: Origin }[] = [];
  private readonly headerTexts: string[];
  private readonly columnPhrases: Array<{ key: string; phrases: string[] }>;
  private header: Array<string | null> | undefined;
  private sequence = 0;

  constructor(
    private readonly table: TableDef,
    private readonly template: TemplateDef,
    private readonly stream: TableStream,
    private readonly origins: Map<string, Origin>,
    private readonly findings: ReaderFinding[],
  ) {
    this.headerTexts = [...table.groupLabels, ...table.columns.map((column) => column.label), '信息内容'].map(normalizeLabel);
    this.columnPhrases = table.columns.map((column) => ({ key: column.key, phrases: column.match }));
  }

  map(): Record<string, Record<string, RawValue>> {
    const rows = this.stream.rows;
    let pending: StreamRow[] = [];
    const consumed = new Set<number>();
    for (let index = 0; index < rows.length; index += 1) {
      if (consumed.has(index)) continue;
      const row = rows[index]!;
      const { labels, values } = splitRow(row);
      const hasValues = values.some(filled);
      if (labels.length === 0 && !hasValues) continue;
      const joined = labels.map((cell) => cell.text).join('');
      if (!hasValues) {
        if (this.table.key === 'active' && captionOf(joined)) {
          this.header = undefined;
          pending = [];
        } else if (this.table.key === 'active' && this.isColumnHeader(labels)) {
          this.header = this.headerColumns(row);
          pending = [];
        } else if (this.isHeaderish(labels)) {
          pending = [];
        } else {
          pending.push(row);
        }
        continue;
      }
      if (labels.length > 0) {
        const own = this.matchRow(labels[labels.length - 1]!.text) ?? this.matchRow(joined);
        const withPending = own ?? this.matchRow(pending.slice(-3).map(rowText).join('') + joined);
        const foreign = withPending ? undefined : this.matchForeignRow(labels[labels.length - 1]!.text);
        if (withPending) this.assign(withPending, values, labels[labels.length - 1]!.origin);
        else if (foreign) this.assignForeign(foreign, values, labels[labels.length - 1]!.origin, joined);
        else if (this.table.key === 'reviewLitigation' && values.filter(filled).length >= 5) this.fillSequence(values);
        else this.unknown(joined, labels[0]!.origin);
        pending = [];
        continue;
      }
      const match = this.matchValueOnly(rows, index, pending, consumed);
      if (match) this.assign(match.row, values, match.origin);
      else if (this.table.key === 'reviewLitigation') this.fillSequence(values);
      else this.unknown(pending.map(rowText).join(''), pending[0]?.origin ?? row.origin);
      pending = [];
    }
    this.reportMissing();
    this.reportCollapsed();
    return this.result;
  }

  /** A row of values with no label takes its label from the label-only lines just before it, and if need be just after it (labels wrapped in PDF text). */
  private matchValueOnly(rows: StreamRow[], index: number, pending: StreamRow[], consumed: Set<number>): { row: RowDef; origin: Origin } | undefined {
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

  private assignForeign(row: RowDef, values: RawCell[], origin: Origin, label: string): void {
    this.assign(row, values, origin);
    const otherId = this.template.id === '2019' ? '2021' : '2019';
    this.note('mixed-template', 'foreign-row', { table: this.table.label, label: label.trim(), row: row.label, template: this.template.id, other: otherId }, origin);
  }

  private matchRow(text: string, rows: readonly RowDef[] = this.table.rows): RowDef | undefined {
    const label = normalizeLabel(text);
    if (label === '') return undefined;
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
      return this.headerTexts.some((header) => header.includes(label) || (header.length >= 3 && label.includes(header)));
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

  private assign(row: RowDef, values: RawCell[], origin: Origin): void {
    if (this.assigned.has(row.key)) return;
    this.assigned.add(row.key);
    const columns = row.columns ?? this.table.columns.map((column) => column.key);
    const pointer = `/${this.table.key}/${row.key}`;
    this.origins.set(pointer, origin);
    const target: Record<string, RawValue> = {};
    for (const column of columns) target[column] = null;
    this.result[row.key] = target;
    const nonEmpty = values.filter(filled);
    const first = nonEmpty[0];
    if (this.table.key === 'applications' && nonEmpty.length === 1 && first && values.find(filled) === first && COLLAPSE_MARKERS.has(first.text.trim()) && columns.length > 1) {
      for (const column of columns) {
        target[column] = rawOf(first);
        this.origins.set(`${pointer}/${column}`, first.origin);
      }
      this.collapsed.push({ row: row.label, text: first.text.trim(), origin: first.origin });
      return;
    }
    const header = this.table.key === 'active' && this.header?.some((key) => key !== null && columns.includes(key)) ? this.header : columns;
    const fitted = fitValues(values, header.length);
    header.forEach((column, index) => {
      const cell = fitted[index];
      if (column === null || !columns.includes(column) || !cell) return;
      target[column] = rawOf(cell);
      this.origins.set(`${pointer}/${column}`, cell.origin);
    });
  }

  /** Table 四's single row of 15 values: 行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5, continuing across rows. */
  private fillSequence(values: RawCell[]): void {
    const order = this.table.rows.flatMap((row) => this.columnsOf(row).map((column) => ({ row, column })));
    let cells = values;
    while (cells.length > 0 && !filled(cells[cells.length - 1]!)) cells = cells.slice(0, -1);
    cells = fitValues(cells, order.length - this.sequence);
    for (const cell of cells) {
      const slot = order[this.sequence];
      if (!slot) break;
      this.sequence += 1;
      const pointer = `/${this.table.key}/${slot.row.key}`;
      if (!this.result[slot.row.key]) {
        this.result[slot.row.key] = Object.fromEntries(this.columnsOf(slot.row).map((column) => [column, null]));
        this.origins.set(pointer, cell.origin);
        this.assigned.add(slot.row.key);
      }
      this.result[slot.row.key]![slot.column] = rawOf(cell);
      this.origins.set(`${pointer}/${slot.column}`, cell.origin);
    }
  }

  private unknown(label: string, origin: Origin): void {
    this.note('unknown-row', 'unknown', { table: this.table.label, label: label.trim(), template: this.template.id }, origin);
  }

  /** Rows written as a single 无 are reported once for the table, at the first of them, with every row named. */
  private reportCollapsed(): void {
    const first = this.collapsed[0];
    if (!first) return;
    const rows = this.collapsed.map((entry) => entry.row);
    this.note('collapsed-row', 'collapsed', { table: this.table.label, text: first.text, count: rows.length, rows: rows.slice(0, 3).join('、') + (rows.length > 3 ? ` …` : ''), rowList: rows }, first.origin);
  }

  private reportMissing(): void {
    // Rows an older template's row stands in for are reported once, as that row (mixed-template), not as missing.
    const replaced = new Set((this.table.legacyRows ?? []).filter((legacy) => this.assigned.has(legacy.key)).flatMap((legacy) => legacy.standsFor));
    for (const row of this.table.rows) {
      if (this.assigned.has(row.key) || replaced.has(row.key)) continue;
      this.findings.push({
        ruleId: 'missing-row',
        messageId: 'missing',
        data: { table: this.table.label, row: row.label, template: this.template.id },
        origin: { ...this.stream.origin, pointer: `/${this.table.key}/${row.key}` },
      });
    }
  }

  private note(ruleId: string, messageId: string, data: Record<string, unknown>, origin: Origin): void {
    this.findings.push({ ruleId, messageId, data, origin });
  }
}

function rowText(row: StreamRow): string {
  return row.cells.map((cell) => cell.text).join('');
}

interface TextUnit {
  text: string;
  origin: Origin;
}

/** Where the character at `index` of a unit's text stands in the file: line/column when the unit has them. */
function positionIn(unit: TextUnit, index: number): Origin {
  const { line, column } = unit.origin;
  if (line === undefined) return unit.origin;
  const before = unit.text.slice(0, index);
  const breaks = before.split('\n');
  const last = breaks[breaks.length - 1] ?? '';
  const offset = [...last].length;
  return breaks.length > 1 ? { ...unit.origin, line: line + breaks.length - 1, column: offset + 1 } : { ...unit.origin, line, column: (column ?? 1) + offset };
}

/** The narrative lint: pinyin annotations, stray commas before 、/。, and Traditional mixed with Simplified; one finding per line (or cell). */
function lintText(units: TextUnit[]): ReaderFinding[] {
  const findings: ReaderFinding[] = [];
  for (const [ruleId, pattern] of [
    ['narrative-pinyin', PINYIN_ANNOTATION],
    ['narrative-comma', STRAY_COMMA],
  ] as const) {
    const byPlace = new Map<string, { origin: Origin; count: number; examples: string[] }>();
    for (const unit of units) {
      for (const match of unit.text.matchAll(new RegExp(pattern.source, 'gu'))) {
        const index = match.index ?? 0;
        const origin = positionIn(unit, ruleId === 'narrative-pinyin' ? Math.max(0, index - 1) : index);
        const place = origin.line !== undefined ? `L${origin.line}` : JSON.stringify(unit.origin);
        const example = ruleId === 'narrative-pinyin' ? unit.text.slice(Math.max(0, index - 1), index + match[0].length) : unit.text.slice(index, index + 2);
        const entry = byPlace.get(place);
        if (entry) {
          entry.count += 1;
          if (entry.examples.length < 3 && !entry.examples.includes(example)) entry.examples.push(example);
        } else {
          byPlace.set(place, { origin, count: 1, examples: [example] });
        }
      }
    }
    for (const entry of [...byPlace.values()].slice(0, MAX_FINDINGS_PER_RULE)) {
      findings.push({ ruleId, messageId: ruleId === 'narrative-pinyin' ? 'pinyin' : 'comma', data: { count: entry.count, examples: entry.examples.join('、') }, origin: entry.origin });
    }
  }
  findings.sort((a, b) => (a.origin.line ?? 0) - (b.origin.line ?? 0) || (a.origin.column ?? 0) - (b.origin.column ?? 0));
  findings.push(...mixedScript(units));
  return findings;
}

function mixedScript(units: TextUnit[]): ReaderFinding[] {
  const counts = { traditional: 0, simplified: 0 };
  const seen = new Map<string, { script: 'traditional' | 'simplified'; counterpart: string; count: number; origin: Origin }>();
  for (const unit of units) {
    const text = unit.text.replace(PINYIN_ANNOTATION, (match) => ' '.repeat(match.length));
    let index = 0;
    for (const character of text) {
      const { script, counterpart } = scriptOf(character);
      if (script !== 'neutral') {
        counts[script] += 1;
        const entry = seen.get(character);
        if (entry) entry.count += 1;
        else seen.set(character, { script, counterpart: counterpart ?? character, count: 1, origin: positionIn(unit, index) });
      }
      index += character.length;
    }
  }
  if (counts.traditional === 0 || counts.simplified === 0) return [];
  const minority = counts.traditional < counts.simplified ? 'traditional' : 'simplified';
  const majority = minority === 'traditional' ? 'simplified' : 'traditional';
  return [...seen.entries()]
    .filter(([, entry]) => entry.script === minority)
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, MAX_FINDINGS_PER_RULE)
    .map(([character, entry]) => ({
      ruleId: 'narrative-mixed-script',
      messageId: minority,
      data: { character, counterpart: entry.counterpart, count: entry.count, majority: counts[majority], minority: counts[minority] },
      origin: entry.origin,
    }));
}
