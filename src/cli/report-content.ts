import { sectionOfHeading } from '../model/labels.js';
import { normalizeLabel } from '../model/normalize.js';
import { getTemplate, TEMPLATE_IDS } from '../model/template.js';
import { isLongCsv } from '../read/csv.js';
import { formatOfFile } from '../read/index.js';
import { sniffFormat } from '../read/sniff.js';

/** How much of a text file is looked at to tell a report from another file. */
export const REPORT_HEAD_BYTES = 64 * 1024;

/** Why a file found in a directory is taken as a report, or why not. */
export type ReportVerdict =
  | { report: true; reason: 'heading' | 'table-label' | 'title' | 'json-contract' | 'long-csv' | 'binary-format' }
  | { report: false; reason: 'not-a-report-format' | 'no-report-content' | 'binary-content' | 'empty' };

/** The formats whose files are containers (PDF, .docx, .xlsx): taken by their name, as reading their content means parsing them. */
const CONTAINER_FORMATS = new Set(['pdf', 'docx', 'xlsx']);
/** A report's title, a line of its own: …政府信息公开工作年度报告 (or 政务公开), in either script once normalised. */
const REPORT_TITLE = /^\S{0,60}(?:政府信息公开|政务公开)(?:工作)?年度报告$/mu;
/** The keys of the canonical JSON (schemas/report.schema.json) that only a report has, as the first keys of an object. */
const JSON_CONTRACT_KEY = /"(?:template|year|agency|active|applications|reviewLitigation)"\s*:/u;

let tableLabels: string[] | undefined;

/** The template markers (labels only a report's tables have: 本年新制作数量, 本年处理决定数量 …), normalised. */
function markers(): string[] {
  tableLabels ??= [
    ...new Set(TEMPLATE_IDS.flatMap((id) => getTemplate(id).def.markers.map((marker) => normalizeLabel(marker)))),
  ];
  return tableLabels;
}

/**
 * Whether a file found while walking a directory is a report, from its name and the first bytes of its content: a
 * PDF, .docx or .xlsx by its name; a JSON file that has the canonical report's keys; a long-form CSV by its header;
 * any other text (Markdown, CSV, HTML, plain text) when it has a report's section heading, a table label only a
 * template has, or a report's title. Pure; `head` is the start of the file (REPORT_HEAD_BYTES).
 */
export function reportVerdict(file: string, head: Uint8Array, options: { encoding?: string } = {}): ReportVerdict {
  const named = formatOfFile(file);
  if (named === undefined) return { report: false, reason: 'not-a-report-format' };
  if (CONTAINER_FORMATS.has(named)) return { report: true, reason: 'binary-format' };
  if (head.length === 0) return { report: false, reason: 'empty' };
  const sniffed = sniffFormat(head, options);
  if (sniffed === undefined || !['json', 'html', 'text'].includes(sniffed))
    return { report: false, reason: 'binary-content' };
  const text = decodeHead(head, options.encoding);
  if (sniffed === 'json')
    return JSON_CONTRACT_KEY.test(text)
      ? { report: true, reason: 'json-contract' }
      : { report: false, reason: 'no-report-content' };
  if (isLongCsv(text)) return { report: true, reason: 'long-csv' };
  const lines = (
    sniffed === 'html'
      ? text.replace(/<(?:script|style)\b[\s\S]*?<\/(?:script|style)>/giu, '').replace(/<[^>]*>/gu, '\n')
      : text
  ).split('\n');
  let labels = '';
  for (const line of lines) {
    // A CSV row's empty cells (二、主动公开政府信息情况,,,) and a Markdown table's bars are not part of the heading.
    const cells = line
      .replace(/&nbsp;/gu, ' ')
      .split(/[,\t|\u3000]| {2,}/u)
      .map((cell) => cell.replace(/^[#*>\s]+|[*\s]+$/gu, ''))
      .filter((cell) => cell !== '');
    for (const cell of cells) {
      // A caption alone (表三 …) is said of reports too (in a README); a numbered heading is a report's own.
      if (!cell.startsWith('表') && sectionOfHeading(cell) !== undefined) return { report: true, reason: 'heading' };
      if (cell.length > 200) continue;
      const label = normalizeLabel(cell);
      // A table's own label is a cell of its own (本年新制作数量, （二）本年新制作数量), not words in a sentence about one.
      if (markers().some((marker) => label.endsWith(marker) && label.length <= marker.length + 6))
        return { report: true, reason: 'table-label' };
      labels += `${label}\n`;
    }
  }
  if (REPORT_TITLE.test(labels)) return { report: true, reason: 'title' };
  return { report: false, reason: 'no-report-content' };
}

/** The start of a file as text: a byte order mark, --encoding, strict UTF-8 (a character cut at the end of the window dropped), else GB18030. */
export function decodeHead(head: Uint8Array, encoding: string | undefined): string {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head);
  if (encoding) {
    try {
      return new TextDecoder(encoding.trim()).decode(head);
    } catch {
      // An unknown label is reported when the file is read; the head is tried as UTF-8 here.
    }
  }
  for (let cut = 0; cut < 4; cut += 1) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
    } catch {
      // A multibyte character cut by the window's end, or not UTF-8: try a byte shorter, then GB18030.
    }
  }
  return new TextDecoder('gb18030').decode(head);
}
