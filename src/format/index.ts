import { compact } from './compact.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FileResult } from '../diagnostics/types.js';
import type { FormatName, FormatOptions, FormatStream, Formatter, StreamFormatter } from './types.js';

/** Every formatter by name: a format named in FormatName but missing here fails to compile. */
export const FORMATTERS: Record<FormatName, Formatter> = { stylish, json, compact, sarif, github, junit, html };

/** The format names, for --format. */
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

/** Every formatter as a stream (provisional: each buffers its files and renders them whole at the end). */
export const STREAM_FORMATTERS: Record<FormatName, StreamFormatter> = Object.fromEntries(
  FORMAT_NAMES.map((name) => [
    name,
    (options: FormatOptions): FormatStream => {
      const files: FileResult[] = [];
      return { begin: () => '', file: (result) => (files.push(result), ''), end: (summary) => FORMATTERS[name]({ files, summary }, options) };
    },
  ]),
) as Record<FormatName, StreamFormatter>;
