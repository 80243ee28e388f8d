import type { FileResult, LintResults, Summary } from '../diagnostics/types.js';
import type { Locale } from '../rules/catalogue-types.js';

/** The output formats. */
export type FormatName = 'stylish' | 'json' | 'compact' | 'sarif' | 'github' | 'junit' | 'html' | 'gitlab';

/** What every formatter is told besides the results. */
export interface FormatOptions {
  locale: Locale;
  /** ANSI colours on or off; formatters never look at the terminal themselves. */
  color: boolean;
  /** The tool's version, for formats that name it (sarif); omitted in snapshots. */
  version?: string;
  /** github: annotations per severity before the rest are only counted (GitHub shows about 10 of each per step). */
  annotationLimit?: number;
}

/** A pure formatter: results in, text out. */
export type Formatter = (results: LintResults, options: FormatOptions) => string;

/**
 * One output written as files finish: `begin` once, `file` for each file in output order, `end` with the run's
 * summary; each returned chunk is written at once, so memory holds the files in flight, not the corpus.
 */
export interface FormatStream {
  begin(): string;
  file(result: FileResult): string;
  end(summary: Summary): string;
}

/** A formatter that writes as files finish: makes one stream per output. */
export type StreamFormatter = (options: FormatOptions) => FormatStream;

/** The whole-results form of a stream formatter: begin, every file in order, end. */
export function wholeFromStream(stream: StreamFormatter): Formatter {
  return (results, options) => {
    const output = stream(options);
    let text = output.begin();
    for (const file of results.files) text += output.file(file);
    return text + output.end(results.summary);
  };
}
