import { renderFileError, renderMessage } from '../diagnostics/render.js';
import type { FileResult, Location } from '../diagnostics/types.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';
import { formatPlace } from './location.js';

/** One line per finding, `file:line:col: severity message [rule-id]`, for editors and grep; suppressed findings are left out. */
export const compactStream: StreamFormatter = (options: FormatOptions) => ({
  begin: () => '',
  file: (file: FileResult) => {
    let text = '';
    if (file.error)
      text += `${where(file.error.location)}: error ${renderFileError(file.error, options.locale)} [${file.error.kind}-error]\n`;
    for (const diagnostic of file.diagnostics) {
      if (diagnostic.suppressed) continue;
      text += `${where(diagnostic.location)}: ${diagnostic.severity} ${renderMessage(diagnostic, options.locale)} [${diagnostic.ruleId}]\n`;
    }
    return text;
  },
  end: () => '',
});

/** The compact format over whole results. */
export const compact = wholeFromStream(compactStream);

/** file:line:col for a text position; otherwise the file and the place in words (page, sheet cell, pointer) in parentheses. */
function where(location: Location): string {
  if (location.line !== undefined && location.page === undefined)
    return `${location.file}:${location.line}:${location.column ?? 1}`;
  const place = formatPlace(location, 'en');
  return place ? `${location.file}(${place})` : location.file;
}
