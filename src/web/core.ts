import type { LintResults, FileResult } from '../diagnostics/types.js';
import { FORMATTERS } from '../format/index.js';
import type { FormatName, FormatOptions } from '../format/types.js';
import { lintBytes, type LintInputOptions } from '../pipeline/lint.js';
import type { ReportDocument } from '../model/types.js';
import type { ReadResult } from '../read/types.js';
import type { RuleEntry } from '../rules/catalogue-types.js';
import { RULES } from '../rules/catalogue.js';

/** Options of lint(): how to read and check one report, and the name to report it under. */
export interface LintOptions extends LintInputOptions {
  /** The file name used in locations and, with the bytes, to choose the reader (default report.json). */
  file?: string;
}

/**
 * Lints one report: a canonical JSON document (an object), or the bytes or text of a file in any input format
 * (`inputFormat`, else chosen by `file`'s extension and what the bytes are: HTML under the default name reads as HTML).
 * Never throws for bad input: an unreadable report (or a format such as .doc that cannot be read) has `error` set.
 */
export async function lint(
  input: ReportDocument | Uint8Array | string,
  options: LintOptions = {},
): Promise<FileResult> {
  const { file = 'report.json', ...rest } = options;
  const bytes =
    input instanceof Uint8Array
      ? input
      : new TextEncoder().encode(typeof input === 'string' ? input : JSON.stringify(input, null, 2));
  return lintBytes(bytes, file, rest);
}

/** Renders results in one of the output formats (stylish, json, compact, sarif, github, junit, html); colour off unless asked. */
export function format(name: FormatName, results: LintResults, options: Partial<FormatOptions> = {}): string {
  return FORMATTERS[name](results, { locale: 'zh-CN', color: false, ...options });
}

/** The rule catalogue (schemas/rules.json): id, kind, severity, templates, descriptions and messages. */
export const rules: readonly RuleEntry[] = RULES;

/**
 * The canonical document of a reading as convert writes it: every cell as the input had it (a blank as its text, "" or
 * "—"; an absent cell left out) and, when the reader placed cells by inference, "$evidence" listing them and the rows
 * whose total placed them, so that linting the JSON finds what linting the input finds.
 */
export function canonicalDocument(read: ReadResult): ReportDocument {
  const { $evidence: _declared, ...document } = read.document;
  const inferred = [...(read.inferred ?? [])];
  const totalsUsed = [...(read.totalsUsed ?? [])];
  const explained = [...(read.explained ?? [])];
  if (inferred.length === 0 && totalsUsed.length === 0 && explained.length === 0) return document;
  return {
    ...document,
    $evidence: {
      ...(inferred.length > 0 ? { inferred } : {}),
      ...(totalsUsed.length > 0 ? { totalsUsed } : {}),
      ...(explained.length > 0 ? { explained } : {}),
    },
  };
}

export { readBytes, lintBytes, failed, type LintInputOptions } from '../pipeline/lint.js';
export { lintReadResult } from '../rules/engine.js';
export { summarize } from '../diagnostics/types.js';
export {
  renderMessage,
  renderFileError,
  describeCell,
  describeValue,
  cliMessage,
  formatNumber,
} from '../diagnostics/render.js';
export { formatPlace } from '../format/location.js';
export { FORMAT_NAMES } from '../format/index.js';
export { getTemplate, templateForYear, TEMPLATE_IDS } from '../model/template.js';
export {
  writeReport,
  blankDocument,
  layoutTables,
  WRITE_FORMATS,
  type WriteFormat,
  type LayoutTable,
  type LayoutCell,
} from '../write/index.js';
export type {
  Diagnostic,
  FileResult,
  LintResults,
  Location,
  RuleRun,
  RuleStatus,
  Summary,
  CellSnapshot,
  FileError,
  SumTerm,
} from '../diagnostics/types.js';
export type { FormatName, FormatOptions } from '../format/types.js';
export type { CellRef, CellLabels, ReportDocument, RawValue, TemplateId, TableKey, Origin } from '../model/types.js';
export type { Locale, Severity, RuleEntry } from '../rules/catalogue-types.js';
export type { RuleSetting } from '../rules/engine.js';
export type { InputFormat, ReadResult } from '../read/types.js';
