import { compactStream } from './compact.js';
import { githubStream } from './github.js';
import { gitlabStream } from './gitlab.js';
import { htmlStream } from './html.js';
import { jsonStream } from './json.js';
import { junitStream } from './junit.js';
import { sarifStream } from './sarif.js';
import { stylishStream } from './stylish.js';
import { wholeFromStream, type FormatName, type Formatter, type StreamFormatter } from './types.js';

/** Every formatter as a stream, by name: a format named in FormatName but missing here fails to compile. */
export const STREAM_FORMATTERS: Record<FormatName, StreamFormatter> = {
  stylish: stylishStream,
  json: jsonStream,
  compact: compactStream,
  sarif: sarifStream,
  github: githubStream,
  junit: junitStream,
  html: htmlStream,
  gitlab: gitlabStream,
};

/** Every formatter over whole results, by name (each the whole-results form of its stream). */
export const FORMATTERS = Object.fromEntries(
  Object.entries(STREAM_FORMATTERS).map(([name, stream]) => [name, wholeFromStream(stream)]),
) as Record<FormatName, Formatter>;

/** The format names, for --format. */
export const FORMAT_NAMES = Object.keys(STREAM_FORMATTERS) as FormatName[];
