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

/** One entry of a ZIP's central directory: where its data starts and what sizes it declares. */
export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localHeader: number;
}

/** What a ZIP's central directory declares: its entries and their total uncompressed size. */
export interface ZipDeclared {
  entries: number;
  uncompressed: number;
  list: ZipEntry[];
}

/**
 * Reads the declared entries and total uncompressed size from a ZIP's central directory (ZIP64 included), without
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
  if (
    (entries === 0xffff || size === 0xffffffff || offset === 0xffffffff) &&
    locator >= 0 &&
    view.getUint32(locator, true) === 0x07064b50
  ) {
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
  const list: ZipEntry[] = [];
  const names = new TextDecoder();
  while (at + 46 <= stop && view.getUint32(at, true) === 0x02014b50) {
    const sizes = {
      uncompressed: view.getUint32(at + 24, true),
      compressed: view.getUint32(at + 20, true),
      localHeader: view.getUint32(at + 42, true),
    };
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (sizes.uncompressed === 0xffffffff || sizes.compressed === 0xffffffff || sizes.localHeader === 0xffffffff) {
      // ZIP64 extended information (0x0001): 64-bit values, in this order, for exactly the fields whose 32-bit value is 0xFFFFFFFF.
      const extraEnd = Math.min(stop, at + 46 + nameLength + extraLength);
      for (let extra = at + 46 + nameLength; extra + 4 <= extraEnd;) {
        const id = view.getUint16(extra, true);
        const length = view.getUint16(extra + 2, true);
        if (id === 0x0001) {
          let field = extra + 4;
          for (const key of ['uncompressed', 'compressed', 'localHeader'] as const) {
            if (sizes[key] !== 0xffffffff || field + 8 > Math.min(extraEnd, extra + 4 + length)) continue;
            sizes[key] = Number(view.getBigUint64(field, true));
            field += 8;
          }
          break;
        }
        extra += 4 + length;
      }
    }
    const name = names.decode(bytes.subarray(at + 46, Math.min(stop, at + 46 + nameLength)));
    list.push({ name, method: view.getUint16(at + 10, true), ...sizes });
    uncompressed += sizes.uncompressed;
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries: Math.max(entries, list.length), uncompressed, list };
}

/** How much of each entry's start is searched for a DTD: the prolog comes before the root element. */
const PROLOG_BYTES = 64 * 1024;

/**
 * Office Open XML never carries a DTD; one that does could declare entities that expand a few bytes into gigabytes
 * (billion laughs). Refused before any XML parser sees it, whatever the parser would have done.
 */
function assertNoDoctype(prolog: string, format: 'docx' | 'xlsx', entry: string): void {
  if (/<!(DOCTYPE|ENTITY)/i.test(prolog)) throw new InputError('xml-doctype', { format, entry: entry.slice(0, 200) });
}

/**
 * Throws InputError 'zip-size-mismatch' when a deflated entry inflates to more bytes than the directory declares for
 * it: an archive that lies about its sizes (a zip bomb in disguise), which the libraries would inflate whole into
 * memory before they noticed. Each entry is inflated as a stream and counted, nothing kept, and stopped one chunk past
 * its declared size, so the work is bounded by the declared sizes that assertZipLimits has already bounded. A deflate
 * stream that is itself broken is left to the library, whose message says what is wrong. An XML entry that opens with
 * a DTD is refused too (assertNoDoctype): the entries are being inflated here anyway.
 */
export async function assertZipHonest(
  bytes: Uint8Array,
  format: 'docx' | 'xlsx',
  declared: ZipDeclared,
): Promise<void> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of declared.list) {
    if (entry.method !== 0 && entry.method !== 8) continue;
    if (entry.localHeader + 30 > bytes.length || view.getUint32(entry.localHeader, true) !== 0x04034b50) continue;
    const start = Math.min(
      bytes.length,
      entry.localHeader +
        30 +
        view.getUint16(entry.localHeader + 26, true) +
        view.getUint16(entry.localHeader + 28, true),
    );
    const data = bytes.subarray(start, Math.min(start + entry.compressed, bytes.length));
    if (entry.method === 0) {
      assertNoDoctype(new TextDecoder('latin1').decode(data.subarray(0, PROLOG_BYTES)), format, entry.name);
      continue;
    }
    const inflate = new DecompressionStream('deflate-raw');
    const writer = inflate.writable.getWriter();
    // The input's bytes are never a SharedArrayBuffer's; the DOM types only accept an ArrayBuffer-backed view.
    writer
      .write(data as Uint8Array<ArrayBuffer>)
      .then(() => writer.close())
      .catch(() => undefined);
    const reader = inflate.readable.getReader();
    let inflated = 0;
    let prolog = '';
    let prologChecked = false;
    const prologs = new TextDecoder('latin1');
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!prologChecked) prolog += prologs.decode(value.subarray(0, PROLOG_BYTES - inflated), { stream: true });
        inflated += value.byteLength;
        if (inflated > entry.uncompressed) break;
        if (!prologChecked && inflated >= PROLOG_BYTES) {
          assertNoDoctype(prolog, format, entry.name);
          prologChecked = true;
        }
      }
      if (!prologChecked) assertNoDoctype(prolog, format, entry.name);
    } catch (error) {
      if (error instanceof InputError) throw error;
      continue;
    } finally {
      reader.cancel().catch(() => undefined);
    }
    if (inflated > entry.uncompressed)
      throw new InputError('zip-size-mismatch', {
        format,
        entry: entry.name.slice(0, 200),
        declared: entry.uncompressed,
      });
  }
}

/**
 * Throws InputError 'zip-too-many-entries' or 'zip-too-large' when a .docx or .xlsx declares more entries or more
 * uncompressed bytes than the limits, before anything is inflated (a zip bomb). Declared sizes are what is checked:
 * an archive that lies about them is caught by assertZipHonest.
 */
export function assertZipLimits(
  declared: ZipDeclared,
  format: 'docx' | 'xlsx',
  limits: { maxUncompressed: number; maxEntries: number },
): void {
  if (declared.entries > limits.maxEntries)
    throw new InputError('zip-too-many-entries', { format, entries: declared.entries, limit: limits.maxEntries });
  if (declared.uncompressed > limits.maxUncompressed) {
    const mb = (value: number) => String(Math.round(value / (1024 * 1024)));
    throw new InputError('zip-too-large', {
      format,
      size: mb(declared.uncompressed),
      limit: mb(limits.maxUncompressed),
    });
  }
}
