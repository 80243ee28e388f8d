import { isLongCsv } from '../read/csv.js';
import { formatOfFile } from '../read/index.js';
import { sniffFormat } from '../read/sniff.js';
import type { InputFormat } from '../read/types.js';
import { decodeHead } from './report-content.js';

/**
 * The format of standard input when its name does not say it: the bytes decide JSON, HTML, PDF and Office files (as
 * for a file, see chooseFormat); text is Markdown when it has a Markdown table or heading, CSV when it has a long-form
 * header or its lines are comma-separated fields, and plain text otherwise. Undefined: leave it to chooseFormat, as
 * for a file of that name (a name with a known extension, .txt included), and for bytes that are not text.
 */
export function stdinFormat(
  bytes: Uint8Array,
  name: string | undefined,
  options: { encoding?: string } = {},
): InputFormat | undefined {
  if (name !== undefined && formatOfFile(name) !== undefined) return undefined;
  if (sniffFormat(bytes, options) !== 'text') return undefined;
  const text = decodeHead(bytes.subarray(0, 64 * 1024), options.encoding);
  if (isLongCsv(text)) return 'csv';
  const lines = text.split(/\r?\n/u).filter((line) => line.trim() !== '');
  const tableRows = lines.filter((line) => /^\s*\|.*\|\s*$/u.test(line)).length;
  if (tableRows >= 2 || lines.some((line) => /^#{1,6}\s/u.test(line))) return 'markdown';
  const fielded = lines.filter((line) => (line.match(/,/gu) ?? []).length >= 2).length;
  if (fielded >= 3 && fielded * 2 >= lines.length) return 'csv';
  return 'text';
}
