import { Chalk } from 'chalk';
import { cliMessage, renderFileError, renderMessage } from '../diagnostics/render.js';
import type { Diagnostic, FileResult, Summary } from '../diagnostics/types.js';
import type { Severity } from '../rules/catalogue-types.js';
import { formatPlace } from './location.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';
import { displayWidth } from './width.js';
import { largest } from '../model/arrays.js';

/** Grouped by file, one finding a line: place, severity, the cell in Chinese labels, the message and the rule id; then a summary. */
export const stylishStream: StreamFormatter = (options: FormatOptions) => {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const paint: Record<Severity, (text: string) => string> = {
    error: chalk.red,
    warning: chalk.yellow,
    info: chalk.blue,
  };
  return {
    begin: () => '',
    file: (file: FileResult) => {
      const shown = file.diagnostics.filter((diagnostic) => !diagnostic.suppressed);
      if (shown.length === 0 && !file.error) return '';
      const lines = [chalk.underline(file.file)];
      if (file.error) {
        const place = formatPlace(file.error.location, options.locale);
        lines.push(
          `  ${chalk.dim(place || '-')}  ${paint.error(cliMessage('severity-error', options.locale))}  ${renderFileError(file.error, options.locale)}`,
        );
      }
      const rows = shown.map((diagnostic) => row(diagnostic, options));
      const placeWidth = Math.max(0, largest(rows.map((cells) => displayWidth(cells.place))));
      for (const cells of rows) {
        lines.push(
          `  ${chalk.dim(pad(cells.place, placeWidth))}  ${paint[cells.severity](cells.severityText)}  ${cells.message}  ${chalk.dim(cells.ruleId)}`,
        );
      }
      return `${lines.join('\n')}\n\n`;
    },
    end: (summary: Summary) => {
      const problems = summary.errors + summary.warnings + summary.infos;
      const parts: string[] = [];
      if (problems > 0)
        parts.push(
          cliMessage('summary-problems', options.locale, {
            problems,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
          }),
        );
      else if (summary.inputErrors === 0) parts.push(cliMessage('summary-clean', options.locale));
      parts.push(cliMessage('summary-files', options.locale, { files: summary.files }));
      if (summary.notEvaluated > 0)
        parts.push(cliMessage('summary-not-evaluated', options.locale, { count: summary.notEvaluated }));
      if (summary.inputErrors > 0)
        parts.push(cliMessage('summary-input-errors', options.locale, { count: summary.inputErrors }));
      const mark =
        summary.errors > 0 || summary.inputErrors > 0
          ? chalk.red.bold('✖')
          : summary.warnings > 0
            ? chalk.yellow.bold('⚠')
            : chalk.green.bold('✔');
      return `${mark} ${parts.join(options.locale === 'en' ? '; ' : '；')}\n`;
    },
  };
};

/** The stylish format over whole results. */
export const stylish = wholeFromStream(stylishStream);

function row(diagnostic: Diagnostic, options: FormatOptions) {
  const place = formatPlace(diagnostic.location, options.locale);
  const message = renderMessage(diagnostic, options.locale);
  return {
    place,
    severity: diagnostic.severity,
    severityText: cliMessage(`severity-${diagnostic.severity}`, options.locale),
    message,
    ruleId: diagnostic.ruleId,
  };
}

function pad(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - displayWidth(text)));
}
