import { formatOfFile } from '../read/index.js';

/** How long a file of each kind takes to check, relative to a JSON report: a PDF as long as about thirty. */
const WEIGHT: Partial<Record<string, number>> = { pdf: 32, docx: 8, xlsx: 8, html: 2 };

/** The work a file is expected to be, from its name alone (for cutting batches and choosing whether to start workers). */
export function workOf(file: string): number {
  return WEIGHT[formatOfFile(file) ?? ''] ?? 1;
}
