import { renderFileError, renderMessage } from '../diagnostics/render.js';
import type { FileResult, Location } from '../diagnostics/types.js';
import type { Severity } from '../rules/catalogue-types.js';
import { fingerprinter } from './fingerprint.js';
import { jsonArrayWriter } from './json-text.js';
import { formatPlace } from './location.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';

const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

/** One GitLab Code Quality issue (the subset of the Code Climate spec GitLab reads). */
interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/**
 * GitLab Code Quality JSON (`artifacts:reports:codequality`), written as files finish: one issue per unsuppressed
 * finding, errors major, warnings minor, infos info, an unreadable file critical; the fingerprint is the one SARIF
 * uses (rule, message, cell keys or quoted text, never a line). GitLab needs a line: a place without one (a PDF page,
 * a worksheet cell, a Word table) is line 1 of the file, with the place in words at the start of the description.
 */
export const gitlabStream: StreamFormatter = (options: FormatOptions) => {
  const issues = jsonArrayWriter(0);
  return {
    begin: () => '[',
    file: (file: FileResult) => {
      let text = '';
      if (file.error) {
        text += issues.item(
          issue(
            `${file.error.kind}-error`,
            renderFileError(file.error, options.locale),
            `${file.error.kind}-error:${file.error.messageId}:${file.file}`,
            'critical',
            file.error.location,
            options,
          ),
        );
      }
      const fingerprint = fingerprinter();
      for (const diagnostic of file.diagnostics) {
        const key = fingerprint(diagnostic);
        if (diagnostic.suppressed) continue;
        text += issues.item(
          issue(
            diagnostic.ruleId,
            renderMessage(diagnostic, options.locale),
            key,
            SEVERITY[diagnostic.severity],
            diagnostic.location,
            options,
          ),
        );
      }
      return text;
    },
    end: () => `${issues.close()}\n`,
  };
};

/** The GitLab format over whole results. */
export const gitlab = wholeFromStream(gitlabStream);

function issue(
  checkName: string,
  message: string,
  fingerprint: string,
  severity: CodeQualityIssue['severity'],
  location: Location,
  options: FormatOptions,
): CodeQualityIssue {
  const textLine = location.line !== undefined && location.page === undefined ? location.line : undefined;
  const place = textLine === undefined ? formatPlace(location, options.locale) : '';
  return {
    description: place ? `(${place}) ${message}` : message,
    check_name: checkName,
    fingerprint,
    severity,
    location: { path: location.file.replace(/\\/g, '/'), lines: { begin: textLine ?? 1 } },
  };
}
