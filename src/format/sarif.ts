import { renderFileError, renderMessage } from '../diagnostics/render.js';
import type { Diagnostic, FileError, FileResult, Location, Summary } from '../diagnostics/types.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import { RULES } from '../rules/catalogue.js';
import { fingerprinter } from './fingerprint.js';
import { jsonArrayWriter, nestedJson } from './json-text.js';
import { REPOSITORY_URL, ruleDocUrl } from './links.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The key of partialFingerprints: ours, versioned (v2: file, rule, message, cell keys or quoted text; never a line). */
export const FINGERPRINT_KEY = 'xxgkLintFinding/v2';

/** The base id that relative paths are resolved against: the folder xxgk-lint was run in. */
export const SOURCE_ROOT = '%SRCROOT%';

/** The pseudo-rules of files that could not be read or checked (their pages: schemas/rule-docs.json, fileErrors): results and notifications name these. */
export const FILE_ERROR_RULES: Record<FileError['kind'], { id: string; text: Record<Locale, string> }> = {
  input: {
    id: 'input-error',
    text: { 'zh-CN': '文件无法读取，或不是报告', en: 'The file could not be read, or is not a report' },
  },
  internal: {
    id: 'internal-error',
    text: { 'zh-CN': '检查这个文件时 xxgk-lint 内部出错', en: 'xxgk-lint failed internally while checking the file' },
  },
};

/**
 * SARIF 2.1.0, written as files finish: one run, the whole rule catalogue as rule metadata (each with help and a link
 * to its page), one result per finding with a physical region and logical (table/row/column) locations. Relative paths
 * resolve against %SRCROOT%, absolute ones are file:// URIs. An unreadable file is both a result and a tool execution
 * notification; the notifications (one per unreadable file) are all the stream keeps, for the invocation at the end.
 */
export const sarifStream: StreamFormatter = (options: FormatOptions) => {
  const { locale } = options;
  const results = jsonArrayWriter(3);
  const notifications: object[] = [];
  return {
    begin: () => {
      const head = {
        tool: { driver: driver(options) },
        originalUriBaseIds: {
          [SOURCE_ROOT]: {
            description: { text: locale === 'en' ? 'The folder xxgk-lint was run in' : '运行 xxgk-lint 的文件夹' },
          },
        },
        columnKind: 'utf16CodeUnits',
      };
      const open = nestedJson(head, 2).replace(/\n {4}\}$/, '');
      return `{\n  "$schema": ${JSON.stringify(SCHEMA)},\n  "version": "2.1.0",\n  "runs": [\n    ${open},\n      "results": [`;
    },
    file: (file: FileResult) => {
      let text = '';
      if (file.error) {
        const rule = FILE_ERROR_RULES[file.error.kind];
        const message = renderFileError(file.error, locale);
        const location = { physicalLocation: physical(file.error.location) };
        notifications.push({
          level: 'error',
          message: { text: message },
          descriptor: { id: rule.id },
          locations: [location],
        });
        text += results.item({
          ruleId: rule.id,
          ruleIndex: RULES.length + (file.error.kind === 'input' ? 0 : 1),
          level: 'error',
          message: { text: message },
          locations: [location],
          partialFingerprints: { [FINGERPRINT_KEY]: `${rule.id}:${file.error.messageId}:${file.file}` },
          properties: {
            messageId: file.error.messageId,
            ...placeProperties(file.error.location),
            data: file.error.data,
          },
        });
      }
      const fingerprint = fingerprinter();
      for (const diagnostic of file.diagnostics)
        text += results.item(result(diagnostic, fingerprint(diagnostic), locale));
      return text;
    },
    end: (summary: Summary) => {
      const invocations = [
        { executionSuccessful: summary.inputErrors === 0, toolExecutionNotifications: notifications },
      ];
      return `${results.close()},\n      "invocations": ${nestedJson(invocations, 3)}\n    }\n  ]\n}\n`;
    },
  };
};

/** The SARIF format over whole results. */
export const sarif = wholeFromStream(sarifStream);

function driver(options: FormatOptions) {
  const { locale } = options;
  const rules = RULES.map((rule) => {
    const description = rule.description[locale];
    const basis = rule.basis[locale];
    const url = ruleDocUrl(rule.id);
    return {
      id: rule.id,
      shortDescription: { text: description },
      fullDescription: { text: `${description}. ${basis}` },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      helpUri: url,
      help: {
        text: `${description}\n${basis}\n${url}`,
        markdown: `**${escapeMarkdown(description)}**\n\n${escapeMarkdown(basis)}\n\n[${rule.id}](${url})`,
      },
      properties: {
        templates: rule.templates,
        standing: rule.standing,
        kind: rule.kind,
        tags: ['xxgk', rule.standing],
      },
    };
  });
  for (const { id, text } of Object.values(FILE_ERROR_RULES)) {
    const url = ruleDocUrl(id);
    rules.push({
      id,
      shortDescription: { text: text[locale] },
      fullDescription: { text: text[locale] },
      defaultConfiguration: { level: 'error' },
      helpUri: url,
      help: { text: `${text[locale]}\n${url}`, markdown: `**${escapeMarkdown(text[locale])}**\n\n[${id}](${url})` },
      properties: { templates: ['2019', '2021'], standing: 'practice', kind: 'reader', tags: ['xxgk', 'input'] },
    });
  }
  return {
    name: 'xxgk-lint',
    ...(options.version ? { version: options.version, semanticVersion: options.version } : {}),
    informationUri: REPOSITORY_URL,
    language: locale,
    rules,
  };
}

function result(diagnostic: Diagnostic, fingerprint: string, locale: Locale) {
  const cell = diagnostic.cell;
  const logical = cell
    ? [
        {
          name: cell.labels.column,
          fullyQualifiedName: `${cell.labels.table} › ${cell.labels.row} › ${cell.labels.column}`,
          decoratedName: `${cell.table}/${cell.row}/${cell.column}`,
          kind: 'tableCell',
        },
      ]
    : diagnostic.location.pointer
      ? [{ name: diagnostic.location.pointer, fullyQualifiedName: diagnostic.location.pointer, kind: 'jsonPointer' }]
      : [];
  const ruleIndex = RULE_INDEX.get(diagnostic.ruleId);
  const place = describePlace(diagnostic.location);
  return {
    ruleId: diagnostic.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[diagnostic.severity],
    message: { text: renderMessage(diagnostic, locale) },
    locations: [
      {
        physicalLocation: physical(diagnostic.location),
        ...(logical.length > 0 ? { logicalLocations: logical } : {}),
        ...(place ? { message: { text: place } } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(diagnostic.suppressed
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: diagnostic.suppressed.reason }] }
      : {}),
    properties: {
      messageId: diagnostic.messageId,
      ...placeProperties(diagnostic.location),
      ...(cell ? { cell: { table: cell.table, row: cell.row, column: cell.column } } : {}),
      ...(diagnostic.evidence ? { evidence: diagnostic.evidence } : {}),
      ...(diagnostic.raw !== undefined ? { raw: diagnostic.raw } : {}),
      data: diagnostic.data,
    },
  };
}

const RULE_INDEX = new Map(RULES.map((rule, index) => [rule.id, index]));

/**
 * The file and a region in it. Text: the line and column. PDF: the line counted within its page (the page is in the
 * result's properties and the location's message). A worksheet: the cell's row and column. A place with no line
 * (a Word table cell, a JSON pointer, an unreadable file): the file's first line, with the real place in properties.
 */
function physical(location: Location) {
  const cell = location.ref === undefined ? undefined : parseCellRef(location.ref);
  const region =
    location.line !== undefined
      ? {
          startLine: location.line,
          ...(location.column !== undefined && location.page === undefined ? { startColumn: location.column } : {}),
        }
      : cell
        ? { startLine: cell.row, startColumn: cell.column }
        : { startLine: 1 };
  return { artifactLocation: artifactLocation(location.file), region };
}

/** The place as properties: page and line for a PDF, sheet and cell for a worksheet, table/row/column for Word and HTML. */
function placeProperties(location: Location): PlaceProperties {
  const place: PlaceProperties = {};
  if (location.page !== undefined) {
    place.page = location.page;
    if (location.line !== undefined) place.line = location.line;
  }
  if (location.sheet !== undefined) {
    place.sheet = location.sheet;
    if (location.ref !== undefined) place.ref = location.ref;
  }
  if (location.tableIndex !== undefined) {
    place.tableIndex = location.tableIndex;
    place.rowIndex = location.rowIndex ?? 0;
    place.columnIndex = location.columnIndex ?? 0;
  }
  return place;
}

/** What placeProperties gives: the place's parts a SARIF region has no field for. */
interface PlaceProperties {
  page?: number;
  line?: number;
  sheet?: string;
  ref?: string;
  tableIndex?: number;
  rowIndex?: number;
  columnIndex?: number;
}

/** A place a SARIF region cannot hold as line and column (PDF page, sheet cell, docx table) in words. */
function describePlace(location: Location): string | undefined {
  if (location.line !== undefined && location.page === undefined) return undefined;
  if (location.page !== undefined)
    return `page ${location.page}${location.line === undefined ? '' : `, line ${location.line}`}`;
  if (location.sheet !== undefined) return `${location.sheet}!${location.ref ?? ''}`;
  if (location.tableIndex !== undefined)
    return `table ${location.tableIndex}, row ${location.rowIndex ?? 0}, column ${location.columnIndex ?? 0}`;
  return undefined;
}

/** A1-style reference → 1-based row and column. */
function parseCellRef(ref: string): { row: number; column: number } | undefined {
  const match = /^\$?([A-Z]{1,3})\$?([1-9][0-9]*)$/i.exec(ref);
  if (!match) return undefined;
  let column = 0;
  for (const char of match[1]!.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

/** An artifact location: an absolute path as a file:// URI, a relative one as a URI reference against %SRCROOT%. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const path = file.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encodePath(path.slice(2))}` };
  if (path.startsWith('//')) return { uri: `file:${encodePath(path)}` };
  if (path.startsWith('/')) return { uri: `file://${encodePath(path)}` };
  return { uri: encodePath(path), uriBaseId: SOURCE_ROOT };
}

/** A relative file path as a URI reference: forward slashes, each segment percent-encoded. */
export function toUri(file: string): string {
  return encodePath(file.replace(/\\/g, '/'));
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || segment === '.' || segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
