import type { LintResults } from '../diagnostics/types.js';
import type { Locale } from '../rules/catalogue-types.js';

/** The output formats. */
export type FormatName = 'stylish' | 'json';

/** What every formatter is told besides the results. */
export interface FormatOptions {
  locale: Locale;
  /** ANSI colours on or off; formatters never look at the terminal themselves. */
  color: boolean;
}

/** A pure formatter: results in, text out. */
export type Formatter = (results: LintResults, options: FormatOptions) => string;
