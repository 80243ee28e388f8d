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

/** What a ZIP's central directory declares: its entries and their total uncompressed size. */
export interface ZipDeclared {
  entries: number;
  uncompressed: number;
}

/**
 * Reads the declared entry count and total uncompressed size from a ZIP's central directory (ZIP64 included), without
 * inflating anything; undefined when no central directory is found (the reader then says the file is damaged).
 */
export function zipDeclared(bytes: Uint8Array): ZipDeclared | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  let entries = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  const locator = end - 20;
  if ((entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) && locator >= 0 && view.getUint32(locator, true) === 0x07064b50) {
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 <= bytes.length && view.getUint32(record, true) === 0x06064b50) {
      entries = Number(view.getBigUint64(record + 32, true));
      size = Number(view.getBigUint64(record + 40, true));
      offset = Number(view.getBigUint64(record + 48, true));
    }
  }
  let uncompressed = 0;
  let at = offset;
  const stop = Math.min(bytes.length, offset + size);
  let seen = 0;
  while (at + 46 <= stop && view.getUint32(at, true) === 0x02014b50) {
    let entrySize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (entrySize === 0xffffffff) {
      // ZIP64 extended information (0x0001): the uncompressed size comes first when its 32-bit field is 0xFFFFFFFF.
      for (let extra = at + 46 + nameLength; extra + 4 <= Math.min(stop, at + 46 + nameLength + extraLength); ) {
        const id = view.getUint16(extra, true);
        const length = view.getUint16(extra + 2, true);
        if (id === 0x0001 && length >= 8 && extra + 12 <= bytes.length) {
          entrySize = Number(view.getBigUint64(extra + 4, true));
          break;
        }
        extra += 4 + length;
      }
    }
    uncompressed += entrySize;
    seen += 1;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries: Math.max(entries, seen), uncompressed };
}

/**
 * Throws InputError 'zip-too-many-entries' or 'zip-too-large' when a .docx or .xlsx declares more entries or more
 * uncompressed bytes than the limits, before anything is inflated (a zip bomb). Declared sizes are what is checked:
 * an archive that lies about them is caught by the library only as it inflates.
 */
export function assertZipLimits(bytes: Uint8Array, format: 'docx' | 'xlsx', limits: { maxUncompressed: number; maxEntries: number }): void {
  const declared = zipDeclared(bytes);
  if (!declared) return;
  if (declared.entries > limits.maxEntries) throw new InputError('zip-too-many-entries', { format, entries: declared.entries, limit: limits.maxEntries });
  if (declared.uncompressed > limits.maxUncompressed) {
    const mb = (value: number) => String(Math.round(value / (1024 * 1024)));
    throw new InputError('zip-too-large', { format, size: mb(declared.uncompressed), limit: mb(limits.maxUncompressed) });
  }
}
