import { compact } from './compact.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { FormatName, Formatter } from './types.js';

/** Every formatter by name: a format named in FormatName but missing here fails to compile. */
export const FORMATTERS: Record<FormatName, Formatter> = { stylish, json, compact, sarif, github, junit, html };

/** The format names, for --format. */
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
