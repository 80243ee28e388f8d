import type { Origin } from '../model/types.js';
import { isHeadingText } from './grid.js';
import type { Block, RawCell, RawRow } from './types.js';
import { withFields } from '../model/objects.js';
import { appendAll, largest, smallest } from '../model/arrays.js';

/** One run of text as the PDF library gave it, in top-down page coordinates (points). */
export interface PdfText {
  text: string;
  page: number;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** Font size in points. */
  size: number;
  vertical: boolean;
}

/** One page's text runs and its height. */
export interface PdfPage {
  page: number;
  height: number;
  texts: PdfText[];
}

/** A table region that could not be rebuilt into rows and columns, for a reader finding. */
export interface LayoutProblem {
  heading: string;
  page: number;
  line: number;
  reason: 'no-values';
}

interface Chunk extends PdfText {
  line: number;
  /** Position in reading order across pages: page * 1e5 + top. */
  y: number;
  yBottom: number;
}

interface Line {
  page: number;
  line: number;
  chunks: Chunk[];
}

/** A label block: one or more chunks read as one cell (a wrapped label, a label written one character per line). */
interface LabelBlock {
  text: string;
  x0: number;
  x1: number;
  y: number;
  yBottom: number;
  origin: Origin;
  numbered: boolean;
  size: number;
}

const PAGE_SPAN = 1e5;
const VALUE =
  /^[+\-−－]?[\d０-９][\d０-９,，]*([.．][\d０-９]+)?\s*(万元|萬元|元|件|%)?$|^(无|無|零|—+|-+|－+|\/|／)$/u;
const PAGE_NUMBER = /^[-－—–]\s*[\d０-９]+\s*[-－—–]$|^第\s*[\d０-９]+\s*页(\s*[,，/／]?\s*共\s*[\d０-９]+\s*页)?$/u;
const NUMBERED = /^([（(][一二三四五六七八九十][)）]|[一二三四五六七八九十]+[、，,.．]|\d+\s*[.．、])/u;
const CAPTION = /^第.{1,4}条.{0,6}项$/u;

/** True when a chunk of text reads as a table value (a number, 无, a dash, an amount with its unit). */
export function isValueText(text: string): boolean {
  return VALUE.test(text.trim());
}

/** Groups the text runs of the pages into numbered lines and chunks, dropping blank runs and page numbers. */
export function toLines(pages: PdfPage[]): Line[] {
  const lines: Line[] = [];
  for (const page of pages) {
    const texts = page.texts.filter((t) => t.text.trim() !== '').sort((a, b) => a.top + a.bottom - (b.top + b.bottom));
    const groups: PdfText[][] = [];
    for (const text of texts) {
      const center = (text.top + text.bottom) / 2;
      const last = groups[groups.length - 1];
      const lastCenter = last === undefined ? -Infinity : average(last.map((t) => (t.top + t.bottom) / 2));
      const tolerance = Math.max(2, 0.45 * Math.min(text.size, last?.[0]?.size ?? text.size));
      if (
        last !== undefined &&
        !text.vertical &&
        Math.abs(center - lastCenter) <= tolerance &&
        !last.some((t) => t.vertical)
      ) {
        last.push(text);
      } else {
        groups.push([text]);
      }
    }
    let number = 0;
    for (const group of groups) {
      group.sort((a, b) => a.x0 - b.x0);
      const merged: PdfText[] = [];
      for (const text of group) {
        const previous = merged[merged.length - 1];
        if (previous !== undefined && text.x0 - previous.x1 <= 0.3 * Math.min(text.size, previous.size)) {
          merged[merged.length - 1] = withFields(previous, {
            text: previous.text + text.text,
            x1: Math.max(previous.x1, text.x1),
            top: Math.min(previous.top, text.top),
            bottom: Math.max(previous.bottom, text.bottom),
          });
        } else {
          merged.push({ ...text });
        }
      }
      const content = merged.map((t) => t.text.trim()).join('');
      const nearEdge = merged.every((t) => t.top > page.height - 80 || t.bottom < 80);
      if (PAGE_NUMBER.test(content) || (nearEdge && /^[\d０-９]+$/u.test(content))) continue;
      number += 1;
      lines.push({
        page: page.page,
        line: number,
        chunks: merged.map((t) =>
          withFields(t, {
            text: t.text.trim(),
            line: number,
            y: t.page * PAGE_SPAN + t.top,
            yBottom: t.page * PAGE_SPAN + t.bottom,
          }),
        ),
      });
    }
  }
  return lines;
}

/** Rebuilds text blocks and tables from the lines of a PDF: tables are the lines under the headings 二, 三 and 四. */
export function linesToBlocks(lines: Line[], problems: LayoutProblem[] = []): Block[] {
  const blocks: Block[] = [];
  let region: Line[] | undefined;
  let regionHeading: Line | undefined;
  let tableIndex = 0;
  const closeRegion = (): void => {
    if (region !== undefined && region.length > 0 && regionHeading !== undefined) {
      tableIndex += 1;
      const rows = regionToRows(region, tableIndex);
      if (rows === undefined) {
        problems.push({
          heading: lineText(regionHeading),
          page: regionHeading.page,
          line: regionHeading.line,
          reason: 'no-values',
        });
        for (const line of region) blocks.push(textBlock(line));
      } else {
        blocks.push({
          kind: 'table',
          table: { rows, origin: { page: region[0]!.page, line: region[0]!.line, tableIndex } },
        });
      }
    }
    region = undefined;
    regionHeading = undefined;
  };
  for (const line of lines) {
    const text = lineText(line);
    if (line.chunks.length === 1 && isHeadingText(text)) {
      closeRegion();
      blocks.push(textBlock(line));
      if (/^[二三四][、,，.．]/u.test(text.replace(/\s+/gu, ''))) {
        region = [];
        regionHeading = line;
      }
    } else if (region !== undefined) {
      region.push(line);
    } else {
      blocks.push(textBlock(line));
    }
  }
  closeRegion();
  return blocks;
}

function textBlock(line: Line): Block {
  return { kind: 'text', text: lineText(line), origin: { page: line.page, line: line.line } };
}

function lineText(line: Line): string {
  return line.chunks.map((c) => c.text).join(' ');
}

/** Splits a table region into segments at captions (第二十条第（一）项), since each segment has its own columns. */
function regionToRows(region: Line[], tableIndex: number): RawRow[] | undefined {
  const segments: { caption?: Chunk; lines: Line[] }[] = [{ lines: [] }];
  for (const line of region) {
    const only = line.chunks.length === 1 ? line.chunks[0] : undefined;
    if (only !== undefined && CAPTION.test(only.text.replace(/\s+/gu, ''))) segments.push({ caption: only, lines: [] });
    else segments[segments.length - 1]!.lines.push(line);
  }
  const rows: { cells: (RawCell | undefined)[]; origin: Origin; labelColumns: number }[] = [];
  let anyValues = false;
  for (const segment of segments) {
    if (segment.caption !== undefined) {
      const c = segment.caption;
      rows.push({
        cells: [{ text: c.text, origin: { page: c.page, line: c.line } }],
        origin: { page: c.page, line: c.line },
        labelColumns: 1,
      });
    }
    const built = segmentToRows(segment.lines.flatMap((l) => l.chunks));
    if (built === undefined) continue;
    anyValues = true;
    appendAll(rows, built);
  }
  if (!anyValues) return undefined;
  const labelWidth = largest(rows.map((r) => r.labelColumns));
  const width = largest(rows.map((r) => r.cells.length - r.labelColumns)) + labelWidth;
  return rows.map((row, r) => {
    const labels = row.cells.slice(0, row.labelColumns);
    const values = row.cells.slice(row.labelColumns);
    const slots = [...labels, ...Array<undefined>(labelWidth - labels.length).fill(undefined), ...values];
    while (slots.length < width) slots.push(undefined);
    const cells = slots.map(
      (cell, c) =>
        cell ?? { text: '', origin: withFields(row.origin, { tableIndex, rowIndex: r + 1, columnIndex: c + 1 }) },
    );
    return {
      cells: cells.map((cell, c) => ({
        text: cell.text,
        origin: withFields(cell.origin, { tableIndex, rowIndex: r + 1, columnIndex: c + 1 }),
      })),
      origin: withFields(row.origin, { tableIndex, rowIndex: r + 1 }),
    };
  });
}

interface Column {
  center: number;
  x0: number;
  x1: number;
}

/** Rebuilds the rows of one segment: value columns from the x positions of the values, rows from their y positions, labels and headers attached by geometry. */
function segmentToRows(
  chunks: Chunk[],
): { cells: (RawCell | undefined)[]; origin: Origin; labelColumns: number }[] | undefined {
  const horizontal = chunks.filter((c) => !c.vertical);
  const valueChunks = horizontal.filter((c) => isValueText(c.text));
  if (valueChunks.length === 0) return undefined;
  const columns = clusterColumns(valueChunks);
  const valueLeft = smallest(columns.map((c) => c.x0));
  // Value rows: values grouped by their vertical centre.
  const sortedValues = [...valueChunks].sort((a, b) => center(a) - center(b));
  const valueRows: Chunk[][] = [];
  for (const chunk of sortedValues) {
    const last = valueRows[valueRows.length - 1];
    if (last !== undefined && Math.abs(center(chunk) - average(last.map(center))) <= Math.max(2.5, 0.5 * chunk.size))
      last.push(chunk);
    else valueRows.push([chunk]);
  }
  const firstValueY = smallest(valueRows[0]!.map((c) => c.y));
  const rest = chunks.filter((c) => !valueChunks.includes(c));
  const header = rest.filter((c) => c.yBottom <= firstValueY + 0.2 * c.size && c.x1 > valueLeft - 2 && !c.vertical);
  const labels = rest.filter((c) => !header.includes(c));
  const blocks = labelBlocks(labels);
  // Label columns: clusters of the left edges of the label blocks.
  const labelXs = clusterPositions(
    blocks.map((b) => b.x0),
    8,
  );
  const labelColumns = Math.max(1, labelXs.length);
  const labelColumnOf = (x: number): number => nearestIndex(labelXs, x);

  const rows: { cells: (RawCell | undefined)[]; origin: Origin; labelColumns: number }[] = [];
  // Header rows: group headers (spanning several columns, or above a gap) then the leaf header of each column.
  const headerRows = buildHeaderRows(
    header,
    columns,
    blocks.filter((b) => b.yBottom <= firstValueY + 0.2 * b.size),
  );
  for (const headerRow of headerRows) {
    const cells: (RawCell | undefined)[] = Array<undefined>(labelColumns + columns.length).fill(undefined);
    if (headerRow.label !== undefined) cells[0] = { text: headerRow.label.text, origin: headerRow.label.origin };
    for (const [index, cell] of headerRow.cells) cells[labelColumns + index] = cell;
    rows.push({ cells, origin: headerRow.origin, labelColumns });
  }
  const dataRows = valueRows.map((values) => {
    const cells: (RawCell | undefined)[] = Array<undefined>(labelColumns + columns.length).fill(undefined);
    for (const value of values) {
      const index = nearestColumn(columns, value);
      const existing = cells[labelColumns + index];
      const origin = { page: value.page, line: value.line };
      cells[labelColumns + index] =
        existing === undefined
          ? { text: value.text, origin }
          : { text: `${existing.text} ${value.text}`, origin: existing.origin };
    }
    const first = values[0]!;
    return {
      cells,
      origin: { page: first.page, line: first.line },
      y: average(values.map(center)),
      top: smallest(values.map((v) => v.y)),
      bottom: largest(values.map((v) => v.yBottom)),
    };
  });
  // Attach each label block below the header to a value row: the first row whose centre lies within the block, else the nearest.
  const orphans: LabelBlock[] = [];
  for (const block of blocks) {
    if (block.yBottom <= firstValueY + 0.2 * block.size) continue;
    const tolerance = 0.3 * block.size;
    let target = dataRows.find((row) => row.y >= block.y - tolerance && row.y <= block.yBottom + tolerance);
    if (target === undefined) {
      const blockCenter = (block.y + block.yBottom) / 2;
      const nearest = [...dataRows].sort((a, b) => Math.abs(a.y - blockCenter) - Math.abs(b.y - blockCenter))[0];
      if (nearest !== undefined && Math.abs(nearest.y - blockCenter) <= 3 * block.size) target = nearest;
    }
    if (target === undefined) {
      orphans.push(block);
      continue;
    }
    const index = labelColumnOf(block.x0);
    const existing = target.cells[index];
    target.cells[index] =
      existing === undefined
        ? { text: block.text, origin: block.origin }
        : { text: `${existing.text}${block.text}`, origin: existing.origin };
  }
  const ordered: { cells: (RawCell | undefined)[]; origin: Origin; y: number }[] = [
    ...dataRows,
    ...orphans.map((block) => {
      const cells: (RawCell | undefined)[] = Array<undefined>(labelColumns + columns.length).fill(undefined);
      cells[labelColumnOf(block.x0)] = { text: block.text, origin: block.origin };
      return { cells, origin: block.origin, y: block.y };
    }),
  ].sort((a, b) => a.y - b.y);
  for (const row of ordered) rows.push({ cells: row.cells, origin: row.origin, labelColumns });
  // A table whose rows each have one label (table 二) has one label column, however its labels are aligned.
  const single = rows.every(
    (row) => row.cells.slice(0, labelColumns).filter((cell) => cell !== undefined && cell.text !== '').length <= 1,
  );
  if (!single || labelColumns === 1) return rows;
  return rows.map((row) => {
    const label = row.cells.slice(0, labelColumns).find((cell) => cell !== undefined && cell.text !== '');
    return { cells: [label, ...row.cells.slice(labelColumns)], origin: row.origin, labelColumns: 1 };
  });
}

/** Joins label chunks into blocks: characters stacked one per line (a vertical group label) and wrapped lines of one cell. */
function labelBlocks(chunks: Chunk[]): LabelBlock[] {
  const sorted = [...chunks].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const blocks: (LabelBlock & { last: Chunk; short: boolean })[] = [];
  for (const chunk of sorted) {
    const compact = chunk.text.replace(/\s+/gu, '');
    const short = chunk.vertical || [...compact.replace(/[、，,。.]/gu, '')].length <= 2;
    const candidate = [...blocks].reverse().find((block) => {
      const last = block.last;
      const overlap = Math.min(block.x1, chunk.x1) - Math.max(block.x0, chunk.x0);
      if (overlap <= 0) return false;
      const gap = chunk.y - last.yBottom;
      const samePage = chunk.page === last.page;
      if (samePage && (gap < -0.5 * chunk.size || gap > 1.6 * Math.max(chunk.size, last.size))) return false;
      if (!samePage) return false;
      if (NUMBERED.test(compact) && !(block.short && short)) return false;
      return true;
    });
    if (candidate !== undefined) {
      candidate.text += compact;
      candidate.x0 = Math.min(candidate.x0, chunk.x0);
      candidate.x1 = Math.max(candidate.x1, chunk.x1);
      candidate.yBottom = Math.max(candidate.yBottom, chunk.yBottom);
      candidate.last = chunk;
      candidate.short = candidate.short && short;
    } else {
      blocks.push({
        text: compact,
        x0: chunk.x0,
        x1: chunk.x1,
        y: chunk.y,
        yBottom: chunk.yBottom,
        origin: { page: chunk.page, line: chunk.line },
        numbered: NUMBERED.test(compact),
        size: chunk.size,
        last: chunk,
        short,
      });
    }
  }
  joinAcrossPages(blocks);
  return blocks.filter((b) => b.text !== '');
}

/** A label cut by a page break (（四）无 | 法提供): the last block of a label column on one page continues in the first block of that column on the next, when that one is not numbered. */
function joinAcrossPages(blocks: (LabelBlock & { last: Chunk })[]): void {
  for (const block of blocks) {
    if (block.text === '' || block.numbered) continue;
    const page = block.origin.page ?? 0;
    const sameColumn = (b: LabelBlock): boolean => Math.abs(b.x0 - block.x0) <= 8 && b.text !== '';
    const firstOnPage = !blocks.some((b) => b !== block && b.origin.page === page && sameColumn(b) && b.y < block.y);
    if (!firstOnPage) continue;
    const previousPage = blocks.filter((b) => b.origin.page === page - 1 && sameColumn(b) && b.numbered);
    const above = previousPage.sort((a, b) => b.y - a.y)[0];
    if (above === undefined || /[)）]$/u.test(above.text) || above.text.length > 6) continue;
    above.text += block.text;
    above.yBottom = block.yBottom;
    block.text = '';
  }
}

interface HeaderRow {
  origin: Origin;
  label?: { text: string; origin: Origin };
  cells: [number, RawCell][];
}

/** Header chunks above the first value row: each column's lowest stack of chunks is its header; chunks above it, or spanning columns, become group header rows. */
function buildHeaderRows(header: Chunk[], columns: Column[], labelHeader: LabelBlock[]): HeaderRow[] {
  const bands = columns.map((column, i) => ({
    left: i === 0 ? column.x0 - 6 : (columns[i - 1]!.center + column.center) / 2,
    right: i === columns.length - 1 ? column.x1 + 6 : (column.center + columns[i + 1]!.center) / 2,
  }));
  const spanned = (chunk: Chunk): number[] =>
    bands.flatMap((band, i) => {
      const overlap = Math.min(band.right, chunk.x1) - Math.max(band.left, chunk.x0);
      return overlap >= 0.3 * Math.min(chunk.x1 - chunk.x0, band.right - band.left) && overlap > 0 ? [i] : [];
    });
  const leafPieces = new Map<number, Chunk[]>();
  const groups: { chunk: Chunk; column: number }[] = [];
  const perColumn = new Map<number, Chunk[]>();
  for (const chunk of header.flatMap((c) => splitAcrossBands(c, spanned))) {
    const span = spanned(chunk);
    if (span.length === 0) continue;
    if (span.length > 1) groups.push({ chunk, column: span[0]! });
    else perColumn.set(span[0]!, [...(perColumn.get(span[0]!) ?? []), chunk]);
  }
  for (const [column, pieces] of perColumn) {
    pieces.sort((a, b) => a.y - b.y || a.x0 - b.x0);
    // From the bottom up, keep the stack whose lines follow each other closely.
    let start = pieces.length - 1;
    while (start > 0) {
      const above = pieces[start - 1]!;
      const below = pieces[start]!;
      const gap = below.y - above.yBottom;
      const leftAligned = Math.abs(below.x0 - above.x0) <= 2;
      if (gap > (leftAligned ? 3.5 : 1.6) * below.size) break;
      start -= 1;
    }
    leafPieces.set(column, pieces.slice(start));
    for (const piece of pieces.slice(0, start)) groups.push({ chunk: piece, column });
  }
  const rows: HeaderRow[] = [];
  groups.sort((a, b) => a.chunk.y - b.chunk.y || a.chunk.x0 - b.chunk.x0);
  for (const group of groups) {
    const last = rows[rows.length - 1];
    const origin = { page: group.chunk.page, line: group.chunk.line };
    const cell: [number, RawCell] = [group.column, { text: group.chunk.text.replace(/\s+/gu, ''), origin }];
    const lastChunkY = last?.origin.line === group.chunk.line && last.origin.page === group.chunk.page;
    if (last !== undefined && lastChunkY && !last.cells.some(([c]) => c === group.column)) last.cells.push(cell);
    else rows.push({ origin, cells: [cell] });
  }
  if (leafPieces.size > 0 || labelHeader.length > 0) {
    const cells: [number, RawCell][] = [...leafPieces.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([column, pieces]) => [
        column,
        {
          text: pieces.map((p) => p.text.replace(/\s+/gu, '')).join(''),
          origin: { page: pieces[0]!.page, line: pieces[0]!.line },
        },
      ]);
    const first = [...leafPieces.values()].flat().sort((a, b) => a.y - b.y)[0];
    const label = labelHeader.sort((a, b) => a.y - b.y)[0];
    const labelText = labelHeader.map((b) => b.text).join('');
    rows.push({
      origin: first !== undefined ? { page: first.page, line: first.line } : (label?.origin ?? {}),
      ...(label !== undefined ? { label: { text: labelText, origin: label.origin } } : {}),
      cells,
    });
  }
  return rows;
}

/** A header run that the PDF library joined over several cells (本年制发件数 本年废止件数): split at its spaces when each part then stands in one column. */
function splitAcrossBands(chunk: Chunk, spanned: (chunk: Chunk) => number[]): Chunk[] {
  if (!/\s/u.test(chunk.text) || spanned(chunk).length < 2) return [chunk];
  const characters = [...chunk.text];
  const unit = (chunk.x1 - chunk.x0) / characters.length;
  const parts: Chunk[] = [];
  let offset = 0;
  for (const word of chunk.text.split(/(\s+)/u)) {
    const length = [...word].length;
    if (word.trim() !== '')
      parts.push(
        withFields(chunk, { text: word, x0: chunk.x0 + offset * unit, x1: chunk.x0 + (offset + length) * unit }),
      );
    offset += length;
  }
  const columns = parts.map((part) => spanned(part));
  const distinct = new Set(columns.map((c) => c.join(',')));
  return columns.every((c) => c.length === 1) && distinct.size === parts.length ? parts : [chunk];
}

function clusterColumns(values: Chunk[]): Column[] {
  const sorted = [...values].sort((a, b) => middle(a) - middle(b));
  const clusters: Chunk[][] = [];
  for (const chunk of sorted) {
    const last = clusters[clusters.length - 1];
    const lastCenter = last === undefined ? -Infinity : average(last.map(middle));
    const lastRight = last === undefined ? -Infinity : largest(last.map((c) => c.x1));
    // Same column when the centres are close, or when left-aligned values overlap.
    if (
      last !== undefined &&
      (middle(chunk) - lastCenter <= Math.max(6, 0.8 * chunk.size) ||
        (chunk.x0 < lastRight - 1 && Math.abs(chunk.x0 - smallest(last.map((c) => c.x0))) <= 2))
    )
      last.push(chunk);
    else clusters.push([chunk]);
  }
  return clusters.map((cluster) => ({
    center: average(cluster.map(middle)),
    x0: smallest(cluster.map((c) => c.x0)),
    x1: largest(cluster.map((c) => c.x1)),
  }));
}

function clusterPositions(xs: number[], tolerance: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const x of sorted) {
    const last = clusters[clusters.length - 1];
    if (last !== undefined && x - last[last.length - 1]! <= tolerance) last.push(x);
    else clusters.push([x]);
  }
  return clusters.map((c) => average(c));
}

function nearestIndex(positions: number[], x: number): number {
  let best = 0;
  positions.forEach((p, i) => {
    if (Math.abs(p - x) < Math.abs(positions[best]! - x)) best = i;
  });
  return best;
}

function nearestColumn(columns: Column[], chunk: Chunk): number {
  let best = 0;
  columns.forEach((column, i) => {
    if (Math.abs(column.center - middle(chunk)) < Math.abs(columns[best]!.center - middle(chunk))) best = i;
  });
  return best;
}

function center(chunk: Chunk): number {
  return (chunk.y + chunk.yBottom) / 2;
}

function middle(chunk: Chunk): number {
  return (chunk.x0 + chunk.x1) / 2;
}

function average(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}
