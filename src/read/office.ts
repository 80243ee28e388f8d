import { InputError } from './types.js';

/** Throws InputError 'not-office-file' unless the bytes start like a ZIP archive, as every .docx and .xlsx does. */
export function assertZip(bytes: Uint8Array, format: 'docx' | 'xlsx'): void {
  if (bytes.length === 0) throw new InputError('empty-file');
  const [a, b, c, d] = bytes;
  const zip = a === 0x50 && b === 0x4b && ((c === 0x03 && d === 0x04) || (c === 0x05 && d === 0x06));
  if (!zip) throw new InputError('not-office-file', { format, offset: 0 }, {});
}

/** The InputError for a ZIP that the library could not open: 'damaged-office-file' with the library's first line. */
export function damaged(format: 'docx' | 'xlsx', error: unknown): InputError {
  const detail = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? '';
  return new InputError('damaged-office-file', { format, detail: detail.slice(0, 200) });
}
