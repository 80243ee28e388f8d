import { renderFileError, renderMessage } from '../diagnostics/render.js';
import type { Diagnostic, Location, LintResults } from '../diagnostics/types.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import { RULES } from '../rules/catalogue.js';
import type { FormatOptions, Formatter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/xxgk-lint';

/** The key of partialFingerprints: ours, versioned, built from rule id and the cell's keys so it survives moved rows. */
export const FINGERPRINT_KEY = 'xxgkLintCell/v1';

/** SARIF 2.1.0: one run, the whole rule catalogue as rule metadata, physical and logical (table/row/column) locations. */
export const sarif: Formatter = (results: LintResults, options: FormatOptions): string => {
  const { locale } = options;
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const artifacts = results.files.map((file) => ({ location: { uri: toUri(file.file) } }));
  const artifactIndex = new Map(results.files.map((file, index) => [file.file, index]));
  const sarifResults = results.files.flatMap((file) =>
    file.diagnostics.map((diagnostic) => result(diagnostic, ruleIndex.get(diagnostic.ruleId), artifactIndex.get(file.file), locale)),
  );
  const notifications = results.files.flatMap((file) =>
    file.error
      ? [
          {
            level: 'error',
            message: { text: renderFileError(file.error, locale) },
            descriptor: { id: `${file.error.kind}-error` },
            locations: [{ physicalLocation: physical(file.error.location, artifactIndex.get(file.file)) }],
          },
        ]
      : [],
  );
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'xxgk-lint',
            ...(options.version ? { version: options.version, semanticVersion: options.version } : {}),
            informationUri: INFORMATION_URI,
            language: locale,
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description[locale] },
              fullDescription: { text: `${rule.description[locale]}. ${rule.basis[locale]}` },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { templates: rule.templates, standing: rule.standing, kind: rule.kind, tags: ['xxgk', rule.standing] },
            })),
          },
        },
        invocations: [{ executionSuccessful: results.summary.inputErrors === 0, toolExecutionNotifications: notifications }],
        artifacts,
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function result(diagnostic: Diagnostic, ruleIndex: number | undefined, artifactIndex: number | undefined, locale: Locale) {
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
  return {
    ruleId: diagnostic.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[diagnostic.severity],
    message: { text: renderMessage(diagnostic, locale) },
    locations: [
      {
        physicalLocation: physical(diagnostic.location, artifactIndex),
        ...(logical.length > 0 ? { logicalLocations: logical } : {}),
        ...(describePlace(diagnostic.location) ? { message: { text: describePlace(diagnostic.location) } } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(diagnostic) },
    ...(diagnostic.suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: diagnostic.suppressed.reason }] } : {}),
    properties: {
      messageId: diagnostic.messageId,
      ...(cell ? { cell: { table: cell.table, row: cell.row, column: cell.column } } : {}),
      ...(diagnostic.evidence ? { evidence: diagnostic.evidence } : {}),
      ...(diagnostic.raw !== undefined ? { raw: diagnostic.raw } : {}),
      data: diagnostic.data,
    },
  };
}

/** Rule id and table/row/column keys (or the JSON pointer, else the message id); never line numbers. */
export function fingerprint(diagnostic: Diagnostic): string {
  const cell = diagnostic.cell;
  const place = cell ? `${cell.table}/${cell.row}/${cell.column}` : (diagnostic.location.pointer ?? '');
  return `${diagnostic.ruleId}:${diagnostic.messageId}:${place}`;
}

function physical(location: Location, artifactIndex: number | undefined) {
  const region =
    location.line !== undefined && location.page === undefined
      ? { startLine: location.line, ...(location.column !== undefined ? { startColumn: location.column } : {}) }
      : undefined;
  return {
    artifactLocation: { uri: toUri(location.file), ...(artifactIndex === undefined ? {} : { index: artifactIndex }) },
    ...(region ? { region } : {}),
  };
}

/** A place a SARIF region cannot hold as line and column (PDF page, sheet cell, docx table) in words. */
function describePlace(location: Location): string | undefined {
  if (location.line !== undefined && location.page === undefined) return undefined;
  if (location.page !== undefined) return `page ${location.page}${location.line === undefined ? '' : `, line ${location.line}`}`;
  if (location.sheet !== undefined) return `${location.sheet}!${location.ref ?? ''}`;
  if (location.tableIndex !== undefined) return `table ${location.tableIndex}, row ${location.rowIndex ?? 0}, column ${location.columnIndex ?? 0}`;
  return undefined;
}

/** A relative file path as a URI reference: forward slashes, each segment percent-encoded. */
export function toUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => (segment === '' || segment === '.' || segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
}
