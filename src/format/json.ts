import { renderFileError, renderMessage } from '../diagnostics/render.js';
import type { FileResult, Summary } from '../diagnostics/types.js';
import { jsonArrayWriter, nestedJson } from './json-text.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';

/** The version of the JSON report's shape (schemas/lint-report.schema.json); bumped on any incompatible change. */
export const LINT_REPORT_VERSION = '1.1';

/**
 * The versioned JSON report for tooling: every diagnostic with its rendered message, every rule run, the summary;
 * written one file at a time and still one document, byte for byte what `JSON.stringify(document, null, 2)` gives.
 */
export const jsonStream: StreamFormatter = (options: FormatOptions) => {
  const files = jsonArrayWriter(1);
  return {
    begin: () =>
      `{\n  "version": ${JSON.stringify(LINT_REPORT_VERSION)},\n  "locale": ${JSON.stringify(options.locale)},\n  "files": [`,
    file: (file: FileResult) => files.item(fileObject(file, options)),
    end: (summary: Summary) => `${files.close()},\n  "summary": ${nestedJson(summary, 1)}\n}\n`,
  };
};

/** The JSON report over whole results. */
export const json = wholeFromStream(jsonStream);

/** One file's entry; a `carry` property (what a later merge of shards needs, opaque here) is passed through after `rules`. */
function fileObject(file: FileResult, options: FormatOptions) {
  const carry = 'carry' in file ? file.carry : undefined;
  return {
    file: file.file,
    ...(file.format ? { format: file.format } : {}),
    ...(file.encoding ? { encoding: file.encoding } : {}),
    template: file.template ?? null,
    year: file.year ?? null,
    ...(file.agency ? { agency: file.agency } : {}),
    ...(file.error
      ? {
          error: {
            kind: file.error.kind,
            messageId: file.error.messageId,
            message: renderFileError(file.error, options.locale),
            location: file.error.location,
            data: file.error.data,
          },
        }
      : {}),
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
    ...(carry !== undefined ? { carry } : {}),
  };
}
