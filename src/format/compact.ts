import { renderFileError, renderMessage } from '../diagnostics/render.js';
import type { Location, LintResults } from '../diagnostics/types.js';
import type { FormatOptions, Formatter } from './types.js';
import { formatPlace } from './location.js';

/** One line per finding, `file:line:col: severity message [rule-id]`, for editors and grep; suppressed findings are left out. */
export const compact: Formatter = (results: LintResults, options: FormatOptions): string => {
  const lines: string[] = [];
  for (const file of results.files) {
    if (file.error) lines.push(`${where(file.error.location)}: error ${renderFileError(file.error, options.locale)} [${file.error.kind}-error]`);
    for (const diagnostic of file.diagnostics) {
      if (diagnostic.suppressed) continue;
      lines.push(`${where(diagnostic.location)}: ${diagnostic.severity} ${renderMessage(diagnostic, options.locale)} [${diagnostic.ruleId}]`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};

/** file:line:col for a text position; otherwise the file and the place in words (page, sheet cell, pointer) in parentheses. */
function where(location: Location): string {
  if (location.line !== undefined && location.page === undefined) return `${location.file}:${location.line}:${location.column ?? 1}`;
  const place = formatPlace(location, 'en');
  return place ? `${location.file}(${place})` : location.file;
}
