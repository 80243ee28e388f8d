import { readTextLike } from './text.js';
import type { BlockSource, ReadContext } from './types.js';

/** Reads a report written as Markdown: headings, paragraphs and pipe tables (`| 信息内容 | 本年制发件数 | … |`). */
export function readMarkdown(bytes: Uint8Array, context: ReadContext): BlockSource {
  return readTextLike(bytes, context, 'markdown');
}
