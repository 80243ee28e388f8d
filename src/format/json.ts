import { renderFileError, renderMessage } from '../diagnostics/render.js';
import type { LintResults } from '../diagnostics/types.js';
import type { FormatOptions, Formatter } from './types.js';

/** The version of the JSON report's shape (schemas/lint-report.schema.json); bumped on any incompatible change. */
export const LINT_REPORT_VERSION = '1.1';

/** The versioned JSON report for tooling: every diagnostic with its rendered message, every rule run, the summary. */
export const json: Formatter = (results: LintResults, options: FormatOptions): string => {
  const document = {
    version: LINT_REPORT_VERSION,
    locale: options.locale,
    files: results.files.map((file) => ({
      file: file.file,
      ...(file.format ? { format: file.format } : {}),
      ...(file.encoding ? { encoding: file.encoding } : {}),
      template: file.template ?? null,
      year: file.year ?? null,
      ...(file.agency ? { agency: file.agency } : {}),
      ...(file.error ? { error: { kind: file.error.kind, messageId: file.error.messageId, message: renderFileError(file.error, options.locale), location: file.error.location, data: file.error.data } } : {}),
      diagnostics: file.diagnostics.map((diagnostic) => ({
        ruleId: diagnostic.ruleId,
        severity: diagnostic.severity,
        messageId: diagnostic.messageId,
        message: renderMessage(diagnostic, options.locale),
        location: diagnostic.location,
        ...(diagnostic.cell ? { cell: diagnostic.cell } : {}),
        ...(diagnostic.evidence ? { evidence: diagnostic.evidence } : {}),
        ...(diagnostic.raw !== undefined ? { raw: diagnostic.raw } : {}),
        data: diagnostic.data,
        ...(diagnostic.suppressed ? { suppressed: diagnostic.suppressed } : {}),
      })),
      rules: file.rules,
      ...(file.carry ? { carry: file.carry } : {}),
    })),
    summary: results.summary,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};
