import type { LintResults } from '../diagnostics/types.js';
import type { Locale } from '../rules/catalogue-types.js';

/** The output formats. */
export type FormatName = 'stylish' | 'json' | 'compact' | 'sarif' | 'github' | 'junit' | 'html';

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
