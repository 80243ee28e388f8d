import type { Block, BlockSource, RawCell, ReadContext, ReaderFinding, ReadResult } from '../read/types.js';
import { nearestEntry } from '../read/pointer.js';
import { captionOf, isValueText, sectionOfHeading, type SectionKey } from '../model/labels.js';
import { normalizeLabel, toSimplified } from '../model/normalize.js';
import { getTemplate, isTableKey, TEMPLATE_IDS, templateForYear } from '../model/template.js';
import type { Origin, ReportDocument, TableKey, TemplateId } from '../model/types.js';
import { detectAgency, detectTemplate, detectYear } from './detect.js';
import { lintText, narrativeOrigin, type TextSection, type TextUnit } from './narrative-lint.js';
import { needsAlignment } from './stream-aligner.js';
import { isBlankGrid, TableMapper, type StreamRow, type TableStream } from './table-mapper.js';
import type { RowDef, TableDef, TemplateDef } from '../model/template-def.js';
import { withFields } from '../model/objects.js';
import { Remembered } from '../model/remembered.js';
import { appendAll } from '../model/arrays.js';

const TABLE_KEYS: readonly TableKey[] = ['active', 'applications', 'reviewLitigation'];
/** A section heading's number, which a text cut inside the heading still prints. */
const HEADING_START = /^[一二三四五六七][、.．]/u;

/**
 * The section whose heading a line starts, cut short (五、存在的主: at least three characters after the number), as
 * its index among the template's sections; -1 for any other line.
 */
function headingStartOf(text: string, template: TemplateDef): number {
  const start = normalizeLabel(text);
  if (!HEADING_START.test(start) || [...start].length < 5) return -1;
  return template.sections.findIndex((section) =>
    [section.label, ...section.match].some((label) => {
      const heading = normalizeLabel(label);
      return heading !== start && (heading.startsWith(start) || heading.startsWith(start.slice(2)));
    }),
  );
}
const SECTION_ORDER: readonly SectionKey[] = [
  'overview',
  'active',
  'applications',
  'reviewLitigation',
  'problems',
  'other',
];

/**
 * Whether a heading begins another report: its section was headed before and comes before the section the text is in,
 * the heading is 一 or the text has passed the tables (五, 六: tables printed out of order do not count), and a table
 * has already printed a figure (a table of contents lists the headings before any figure).
 */
function secondReport(
  heading: SectionKey,
  section: SectionKey,
  headings: ReadonlyMap<SectionKey, Origin>,
  streams: ReadonlyMap<TableKey, TableStream>,
): boolean {
  if (!headings.has(heading) || SECTION_ORDER.indexOf(heading) >= SECTION_ORDER.indexOf(section)) return false;
  if (heading !== 'overview' && section !== 'problems' && section !== 'other') return false;
  for (const stream of streams.values())
    if (stream.rows.some((row) => row.cells.some((cell) => /\d/u.test(cell.text) && isValueText(cell.text))))
      return true;
  return false;
}
type NarrativeKey = 'overview' | 'problems' | 'other';
const GENERIC_PHRASES = new Set(['其他', '总计', '合计']);

/** A narrative section's lines, in order. */
export interface Narrative {
  key: NarrativeKey;
  lines: string[];
  origin: Origin;
  /** Each line's place, for the place of a figure inside the section's text. */
  origins?: Origin[];
}

/** Aligns the blocks a grid or text reader found (text and raw tables, in reading order) to the canonical report, its origins and the reader's findings. */
export function alignBlocks(source: BlockSource, context: ReadContext): ReadResult {
  const { blocks } = source;
  const findings: ReaderFinding[] = [...(source.findings ?? [])];
  const origins = new Map<string, Origin>();
  const inferred = new Set<string>();
  const streams = new Map<TableKey, TableStream>();
  const headings = new Map<SectionKey, Origin>();
  const narratives: Narrative[] = [];
  const texts: Array<{ text: string; origin: Origin; section?: TextSection }> = [];
  let section: SectionKey | undefined;
  let lastStream: TableStream | undefined;

  // Text paragraphs inside a table's section: the table itself when a page lays its cells out as paragraphs.
  const paragraphRows = new Map<TableKey, TableStream>();
  let lastHeading = -1;
  const streamFor = (key: TableKey, origin: Origin, into = streams): TableStream => {
    let stream = into.get(key);
    if (!stream) {
      stream = { key, rows: [], origin, lastBlock: -1 };
      into.set(key, stream);
    }
    return stream;
  };

  for (const [blockIndex, block] of blocks.entries()) {
    if (block.kind === 'text') {
      const heading = sectionOfHeading(block.text);
      const standsIn = heading ?? section;
      texts.push({ text: block.text, origin: block.origin, ...(standsIn !== undefined ? { section: standsIn } : {}) });
      if (heading) {
        // A heading of an earlier section after a table printed figures: a second report begins (two reports in one
        // file, or a page followed by another year's). Its figures are not this report's rows: the reading stops.
        if (section !== undefined && secondReport(heading, section, headings, streams)) break;
        lastHeading = blockIndex;
        section = heading;
        if (!headings.has(heading)) headings.set(heading, block.origin);
        lastStream = undefined;
        continue;
      }
      if (section === 'active' && captionOf(block.text)) {
        const stream = streamFor('active', block.origin);
        stream.rows.push({ cells: [{ text: block.text, origin: block.origin }], origin: block.origin });
        stream.lastBlock = blockIndex;
        lastStream = stream;
        const paragraphs = streamFor('active', block.origin, paragraphRows);
        paragraphs.rows.push({
          cells: [{ text: block.text, origin: block.origin }],
          origin: block.origin,
          line: { gapBefore: 0, delimited: false },
        });
        paragraphs.lastBlock = blockIndex;
        continue;
      }
      if (section !== undefined && isTableKey(section)) {
        const stream = streamFor(section, block.origin, paragraphRows);
        stream.rows.push({
          cells: [{ text: block.text, origin: block.origin }],
          origin: block.origin,
          line: { gapBefore: 0, delimited: false },
        });
        stream.lastBlock = blockIndex;
      }
      if (section === 'overview' || section === 'problems' || section === 'other') {
        const current = narratives[narratives.length - 1];
        if (current && current.key === section) {
          current.lines.push(block.text);
          current.origins?.push(block.origin);
        } else narratives.push({ key: section, lines: [block.text], origin: block.origin, origins: [block.origin] });
      }
      continue;
    }
    const key = classifyTable(block.table.rows, section, lastStream?.key);
    if (!key) continue;
    const stream = streamFor(key, block.table.origin);
    appendAll(stream.rows, block.table.rows);
    stream.lastBlock = blockIndex;
    lastStream = stream;
  }
  const hasValues = (stream: TableStream | undefined): boolean =>
    stream?.rows.some((row) => row.cells.some((cell) => isValueText(cell.text))) ?? false;
  for (const [key, stream] of paragraphRows)
    if (!hasValues(streams.get(key)) && hasValues(stream)) streams.set(key, stream);

  // Plain loops: nested flatMap was a large share of this function's own time.
  const labels: RawCell[] = [];
  for (const stream of streams.values())
    for (const row of stream.rows)
      for (const cell of row.cells) if (cell.text.trim() !== '' && !isValueText(cell.text)) labels.push(cell);
  // The title and text in Simplified characters without spaces, once for the year and the agency.
  const compactTexts = texts.map((entry) => toSimplified(entry.text).replace(/\s+/gu, ''));
  const year = context.year ?? detectYear(compactTexts, narratives);
  const detection = detectTemplate(labels);
  const templateId: TemplateId =
    context.template ?? detection.chosen ?? (year !== undefined ? templateForYear(year) : undefined) ?? '2021';
  const template = getTemplate(templateId).def;
  if (!context.template && detection.mixed) {
    const other = detection.found[templateId === '2019' ? '2021' : '2019'];
    findings.push({
      ruleId: 'mixed-template',
      messageId: 'mixed',
      data: {
        template: templateId,
        own: detection.found[templateId].map((marker) => marker.marker).join('、'),
        other: other.map((marker) => marker.marker).join('、'),
      },
      origin: other[0]?.origin ?? {},
    });
  }

  const document: ReportDocument = {};
  if (context.template || detection.chosen || year !== undefined) document.template = templateId;
  if (year !== undefined) document.year = year;
  const agency = detectAgency(compactTexts);
  if (agency !== undefined) document.agency = agency;
  const totalsUsed = new Set<string>();
  const explained = new Set<string>();
  let cut:
    | {
        table: TableDef;
        origin: Origin;
        lastRow?: string;
        absentRows: string[];
        absentTables: string[];
        /** The text ends after this table, whole, with no later section begun. */
        after?: boolean;
      }
    | undefined;
  // Text that ends in a table's section, before the sections 五 and 六 every report has: the tables after that
  // section (and that table, when it printed nothing but its heading) are past the end of the text, not missing.
  const endSection =
    (source.format === 'text' || source.format === 'markdown') && section !== undefined && isTableKey(section)
      ? template.tables.findIndex((candidate) => candidate.key === section)
      : -1;
  for (const [tableIndex, table] of template.tables.entries()) {
    const stream = streams.get(table.key);
    if (cut) {
      // Past the end of the text: absent, and said once in the truncated finding.
      if (!stream) cut.absentTables.push(table.label);
      explained.add(`/${table.key}`);
      continue;
    }
    if (!stream && endSection >= 0 && tableIndex >= endSection) {
      const ended = template.tables[endSection]!;
      cut =
        tableIndex === endSection
          ? { table, origin: headings.get(table.key) ?? {}, absentRows: table.rows.map(rowName), absentTables: [] }
          : { table: ended, origin: endOf(blocks), absentRows: [], absentTables: [table.label], after: true };
      explained.add(`/${table.key}`);
      continue;
    }
    if (!stream) {
      const origin = headings.get(table.key) ?? {};
      findings.push({
        ruleId: 'missing-table',
        messageId: 'missing',
        data: { table: table.label, template: templateId },
        origin: withFields(origin, { pointer: `/${table.key}` }),
      });
      continue;
    }
    origins.set(`/${table.key}`, stream.origin);
    const mapper = new TableMapper(table, template, stream, origins, findings, inferred);
    // The text ends in the table when no heading follows it, nor the start of a later section's heading cut short
    // (五、存在的主), as its last line or after it.
    const own = template.sections.findIndex((section) => section.key === table.key);
    const later = (text: string): boolean => headingStartOf(text, template) > own;
    const lastLine = stream.rows[stream.rows.length - 1]?.cells.map((cell) => cell.text).join('') ?? '';
    const endsInput =
      stream.lastBlock > lastHeading &&
      !later(lastLine) &&
      !blocks.slice(stream.lastBlock + 1).some((block) => block.kind === 'text' && later(block.text));
    // A grid without a figure is a blank template, unless the text ends in it: then it was cut before its figures.
    if (!needsAlignment(stream.rows) || (isBlankGrid(stream.rows) && !endsInput)) {
      document[table.key] = mapper.map();
      continue;
    }
    const { result, aligned } = mapper.mapAligned(endsInput, totalsUsed);
    document[table.key] = result;
    for (const row of aligned.unreadable) explained.add(`/${table.key}/${row}`);
    for (const row of [...(aligned.cut?.absent ?? []), ...(aligned.cut?.lastRow ? [aligned.cut.lastRow] : [])])
      explained.add(`/${table.key}/${row.key}`);
    if (aligned.cut) {
      cut = {
        table,
        origin: aligned.cut.origin,
        absentRows: aligned.cut.absent.map(rowName),
        absentTables: [],
        ...(aligned.cut.lastRow ? { lastRow: aligned.cut.lastRow.short ?? aligned.cut.lastRow.label } : {}),
      };
    }
  }
  if (!document.template) {
    // Neither a template's own labels nor a year: the template-year rule says so once, and no finding names a
    // template the report may not use (missing or unknown rows are relative to a template).
    for (let index = findings.length - 1; index >= 0; index -= 1)
      if (findings[index]!.data.template !== undefined) findings.splice(index, 1);
  }
  if (cut) {
    findings.push({
      ruleId: 'truncated',
      // Which rows lie past the cut depends on the template: without one, only where the text ends is said.
      messageId: !document.template
        ? 'cut-at'
        : cut.after
          ? 'cut-after-table'
          : cut.lastRow === undefined
            ? 'cut-in-header'
            : cut.absentRows.length > 0 || cut.absentTables.length > 0
              ? 'cut'
              : 'cut-in-row',
      data: {
        table: cut.table.label,
        row: cut.lastRow ?? '',
        line: cut.origin.line ?? '',
        rowCount: cut.absentRows.length,
        rows:
          cut.absentRows.length > 0
            ? cut.absentRows.slice(0, 3).join('、') + (cut.absentRows.length > 3 ? ' …' : '')
            : '—',
        tables: cut.absentTables.length > 0 ? cut.absentTables.join('、') : '—',
        rowList: cut.absentRows,
      },
      origin: cut.origin,
    });
  }
  const narrative: NonNullable<ReportDocument['narrative']> = {};
  const narrativeLines = new Map<string, Narrative>();
  for (const part of narratives) {
    const text = part.lines.join('\n').trim();
    if (text === '' || narrative[part.key] !== undefined) continue;
    narrative[part.key] = text;
    origins.set(`/narrative/${part.key}`, part.origin);
    narrativeLines.set(`/narrative/${part.key}`, part);
  }
  if (Object.keys(narrative).length > 0) document.narrative = narrative;

  // A unit is what the narrative lint reads of a cell (its text, place and section): built directly into one array,
  // not by spreading every cell into nested arrays.
  const units: TextUnit[] = [...texts];
  for (const stream of streams.values())
    for (const row of stream.rows)
      for (const cell of row.cells) units.push({ text: cell.text, origin: cell.origin, section: stream.key });
  appendAll(findings, lintText(units));

  return {
    format: source.format,
    document,
    findings,
    ...(source.encoding !== undefined ? { encoding: source.encoding } : {}),
    ...(inferred.size > 0 ? { inferred } : {}),
    ...(totalsUsed.size > 0 ? { totalsUsed } : {}),
    ...(explained.size > 0 ? { explained } : {}),
    locate(pointer: string): Origin | undefined {
      const origin = nearestEntry(origins, pointer);
      return origin ? withFields(origin, { pointer }) : undefined;
    },
    locateText(pointer: string, offset: number): Origin | undefined {
      const part = narrativeLines.get(pointer);
      const origin = part?.origins ? narrativeOrigin({ lines: part.lines, origins: part.origins }, offset) : undefined;
      return origin ? withFields(origin, { pointer }) : undefined;
    },
  };
}

let tablePhrases: Map<TableKey, string[]> | undefined;

/** The tables whose phrases a normalised label holds, remembered by label: every report repeats the templates' labels. */
const tablesOfLabel = new Remembered<string, TableKey[]>(20000);

function tablesNaming(label: string): TableKey[] {
  return tablesOfLabel.get(label, (text) =>
    TABLE_KEYS.filter((key) => tablePhrases?.get(key)?.some((phrase) => text.includes(phrase))),
  );
}

/** The table a raw table belongs to: by its own labels when they tell, otherwise by the section it stands in. */
function classifyTable(
  rows: StreamRow[],
  section: SectionKey | undefined,
  previous: TableKey | undefined,
): TableKey | undefined {
  if (!tablePhrases) {
    tablePhrases = new Map();
    for (const key of TABLE_KEYS) {
      const phrases = new Set<string>();
      for (const id of TEMPLATE_IDS) {
        const table = getTemplate(id).def.tables.find((candidate) => candidate.key === key);
        if (!table) continue;
        for (const item of [...table.rows, ...table.columns])
          for (const phrase of item.match) if (!GENERIC_PHRASES.has(phrase)) phrases.add(normalizeLabel(phrase));
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
      if (captionOf(label)) scores.set('active', (scores.get('active') ?? 0) + 1);
      for (const key of tablesNaming(label)) scores.set(key, (scores.get(key) ?? 0) + 1);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first && first[1] > 0 && (!second || first[1] > second[1])) return first[0];
  if (section !== undefined && isTableKey(section)) return section;
  return previous;
}

/** A row's name in messages: its short label, else its label. */
function rowName(row: RowDef): string {
  return row.short ?? row.label;
}

/** Where the input ends: the last line of its last block. */
function endOf(blocks: readonly Block[]): Origin {
  const last = blocks[blocks.length - 1];
  if (!last) return {};
  if (last.kind === 'text') return last.origin;
  return last.table.rows[last.table.rows.length - 1]?.origin ?? last.table.origin;
}
