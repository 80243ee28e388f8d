import { binaryOffset } from './decode.js';
import type { InputFormat } from './types.js';

/**
 * A kind of file that is recognised but cannot be read; each has its own message `unsupported-<kind>` in
 * schemas/messages.json ("input") saying what to save it as.
 */
export type UnsupportedKind =
  /** Word 97-2003 or WPS 文字 binary (.doc, .wps), known by its extension. */
  | 'doc'
  /** Excel 97-2003 or WPS 表格 binary (.xls, .et), known by its extension. */
  | 'xls'
  /** An OLE2 compound file (.doc, .xls, .wps, .et …) whose extension does not say which. */
  | 'legacy-office'
  | 'rtf'
  /** OpenDocument text (.odt) and spreadsheet (.ods). */
  | 'odt'
  | 'ods'
  /** OFD, the Chinese fixed-layout format (GB/T 33190). */
  | 'ofd'
  | 'image'
  /** A ZIP archive that is none of the above (a folder of reports zipped, a damaged or unknown package). */
  | 'zip'
  /** A single-file web page (.mht, .mhtml; also Word's "single file web page" saved as .doc). */
  | 'mhtml'
  /** Word 2003 XML (WordprocessingML) or Word's flat XML package. */
  | 'word-xml'
  /** Excel 2003 XML (SpreadsheetML). */
  | 'excel-xml';

/** Every unsupported kind, for checks. */
export const UNSUPPORTED_KINDS: readonly UnsupportedKind[] = [
  'doc',
  'xls',
  'legacy-office',
  'rtf',
  'odt',
  'ods',
  'ofd',
  'image',
  'zip',
  'mhtml',
  'word-xml',
  'excel-xml',
];

/** True for a sniffed kind that cannot be read (as opposed to an input format). */
export function isUnsupportedKind(value: string | undefined): value is UnsupportedKind {
  return value !== undefined && (UNSUPPORTED_KINDS as readonly string[]).includes(value);
}

/** How many bytes of the start are looked at for text and signatures. */
const TEXT_WINDOW = 4096;
/** How far into a ZIP archive its local file names are looked for. */
const ZIP_WINDOW = 65536;
/** How many ZIP entries are looked at, from the start or in the central directory. */
const ZIP_ENTRIES = 256;

/** Which image format bytes are, or undefined: PNG, JPEG, GIF, BMP, TIFF, WebP. */
export function imageKind(bytes: Uint8Array): string | undefined {
  const at = (offset: number, ...values: number[]) => values.every((value, index) => bytes[offset + index] === value);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'PNG';
  if (at(0, 0xff, 0xd8, 0xff)) return 'JPEG';
  if (at(0, 0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'GIF';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'TIFF';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'WebP';
  // "BM" alone starts plenty of text; a BMP also has zero reserved bytes and a known DIB header size.
  if (
    at(0, 0x42, 0x4d) &&
    at(6, 0, 0, 0, 0) &&
    [12, 40, 52, 56, 64, 108, 124].includes(bytes[14] ?? -1) &&
    at(15, 0, 0, 0)
  )
    return 'BMP';
  return undefined;
}

/**
 * What the bytes of an input are, from their first few KB (and, for a ZIP archive, its entry names): an input format,
 * a kind that cannot be read, or undefined for binary data of no known kind (and for no bytes at all). Text that is
 * neither JSON nor HTML is 'text': Markdown and CSV are left to the file's extension. Pure and linear in the window.
 * `encoding` (--encoding) decodes a text window that has no byte order mark.
 */
export function sniffFormat(
  bytes: Uint8Array,
  options: { encoding?: string } = {},
): InputFormat | UnsupportedKind | undefined {
  if (bytes.length === 0) return undefined;
  if (startsWith(bytes, 0, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, 0, [0x50, 0x4b, 0x05, 0x06]))
    return zipKind(bytes);
  if (startsWith(bytes, 0, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'legacy-office';
  if (imageKind(bytes) !== undefined) return 'image';
  if (isPdf(bytes)) return 'pdf';
  // Most inputs of a large run are JSON reports: an object whose first key is a string is told from its bytes.
  if (options.encoding === undefined && startsLikeJsonObject(bytes)) return 'json';
  const window = textWindow(bytes, options.encoding);
  if (window === undefined) return undefined;
  return textKind(window.text, window.complete);
}

function startsWith(bytes: Uint8Array, offset: number, values: readonly number[]): boolean {
  return values.every((value, index) => bytes[offset + index] === value);
}

/** %PDF- at the start, or (as PDF readers allow) within the first KB at the start of a line or after binary junk. */
function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024) - 5;
  for (let index = 0; index <= end; index += 1) {
    if (bytes[index] !== 0x25 || !startsWith(bytes, index + 1, [0x50, 0x44, 0x46, 0x2d])) continue;
    if (index === 0) return true;
    const before = bytes[index - 1]!;
    if (before === 0x0a || before === 0x0d || before < 0x09 || (before > 0x0d && before < 0x20)) return true;
  }
  return false;
}

/**
 * True when the bytes (UTF-8, or any encoding that writes ASCII as ASCII) begin, after a UTF-8 byte order mark and
 * ASCII white space, with `{` and a key's opening `"`, and the text window holds no binary byte: the bytes textKind
 * would take for JSON by its first test. Anything else is left to the decoded window.
 */
function startsLikeJsonObject(bytes: Uint8Array): boolean {
  let index = startsWith(bytes, 0, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const end = Math.min(bytes.length, index + TEXT_WINDOW);
  while (index < end && isAsciiSpace(bytes[index]!)) index += 1;
  if (bytes[index] !== 0x7b) return false;
  index += 1;
  while (index < end && isAsciiSpace(bytes[index]!)) index += 1;
  if (bytes[index] !== 0x22) return false;
  return binaryOffset(bytes.subarray(0, end)) === undefined;
}

function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** The first few KB as text, or undefined when they hold binary data; `complete` when the window is the whole input. */
function textWindow(bytes: Uint8Array, encoding: string | undefined): { text: string; complete: boolean } | undefined {
  let label = 'utf-8';
  let start = 0;
  if (startsWith(bytes, 0, [0xef, 0xbb, 0xbf])) start = 3;
  else if (startsWith(bytes, 0, [0xff, 0xfe])) [label, start] = ['utf-16le', 2];
  else if (startsWith(bytes, 0, [0xfe, 0xff])) [label, start] = ['utf-16be', 2];
  else if (encoding) label = encoding;
  const end = Math.min(bytes.length, start + TEXT_WINDOW);
  const slice = bytes.subarray(start, end);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.trim());
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  // Single-byte and multibyte ASCII-compatible encodings (UTF-8, GBK, GB18030) hold no control bytes in text.
  const wide = /^utf-16/.test(decoder.encoding);
  if (!wide && binaryOffset(slice) !== undefined) return undefined;
  const text = decoder.decode(slice);
  if (wide && /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/.test(text)) return undefined;
  return { text, complete: end === bytes.length };
}

/** The first element of a markup text, after an XML declaration, processing instructions, comments and a doctype: its name, lowercased. */
const LEADING_MARKUP = /(?:\s|<\?[^>]*\?>|<!--[\s\S]*?-->)*/y;

function textKind(text: string, complete: boolean): InputFormat | UnsupportedKind {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  const first = trimmed[0];
  if (first === '{' && trimmed.startsWith('{\\rtf')) return 'rtf';
  // An object whose first key is a string is JSON even when it has a syntax error further on: the JSON reader says where.
  if (first === '{' && /^\{\s*"/.test(trimmed)) return 'json';
  if ((first === '{' || first === '[') && isJsonPrefix(trimmed, complete)) return 'json';
  if (/^[\w-]+:[^\n]*\n/.test(trimmed) && /^MIME-Version:/im.test(trimmed) && /multipart\/related/i.test(trimmed))
    return 'mhtml';
  LEADING_MARKUP.lastIndex = 0;
  LEADING_MARKUP.exec(body);
  const markup = body.slice(LEADING_MARKUP.lastIndex);
  if (
    /^<!doctype\s+html\b/i.test(markup) ||
    /^<(?:html|head|meta|body|table|div|p|title|style|link|script|span|center|font|h[1-6])\b/i.test(markup)
  )
    return 'html';
  if (/^<(?:w:wordDocument|pkg:package)\b/.test(markup)) return 'word-xml';
  if (/^<(?:ss:)?Workbook\b/.test(markup)) return 'excel-xml';
  // A page with something before its markup (a byte of junk, a line of text a web server added).
  if (/<!doctype\s+html\b|<html\b/i.test(body.slice(0, 1024))) return 'html';
  return 'text';
}

const JSON_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const JSON_OPEN_STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*(?:\\(?:u[0-9a-fA-F]{0,3})?)?$/y;
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_OPEN_NUMBER = /-?(?:0|[1-9]\d*)?(?:\.\d*)?(?:[eE][+-]?\d*)?$/y;
const JSON_SPACE = /[ \t\n\r]*/y;

/**
 * True when text is JSON, or (when not complete) could be the start of a JSON text: a single pass over the window with
 * a stack of open containers. A token cut by the window's end counts as valid.
 */
export function isJsonPrefix(text: string, complete: boolean): boolean {
  const stack: string[] = [];
  // What may come next: a value, an object key (or } right after {), a colon, a comma or a closing bracket, or nothing.
  let expect: 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after-value' | 'end' = 'value';
  let index = 0;
  const sticky = (pattern: RegExp): number => {
    pattern.lastIndex = index;
    return pattern.test(text) ? pattern.lastIndex : -1;
  };
  for (;;) {
    index = sticky(JSON_SPACE);
    if (index >= text.length) return !complete || expect === 'end';
    const char = text[index]!;
    if (expect === 'end') return false;
    if (expect === 'colon') {
      if (char !== ':') return false;
      index += 1;
      expect = 'value';
      continue;
    }
    if (expect === 'after-value') {
      const open = stack[stack.length - 1];
      if (char === ',' && open) {
        index += 1;
        expect = open === '{' ? 'key' : 'value';
      } else if ((char === '}' && open === '{') || (char === ']' && open === '[')) {
        index += 1;
        stack.pop();
        expect = stack.length === 0 ? 'end' : 'after-value';
      } else return false;
      continue;
    }
    if ((char === '}' && expect === 'first-key') || (char === ']' && expect === 'first-value')) {
      index += 1;
      stack.pop();
      expect = stack.length === 0 ? 'end' : 'after-value';
      continue;
    }
    if (expect === 'key' || expect === 'first-key') {
      if (char !== '"') return false;
      const next = sticky(JSON_STRING);
      if (next < 0) return !complete && sticky(JSON_OPEN_STRING) === text.length;
      index = next;
      expect = 'colon';
      continue;
    }
    // A value.
    if (char === '{' || char === '[') {
      stack.push(char);
      index += 1;
      expect = char === '{' ? 'first-key' : 'first-value';
      continue;
    }
    let next = -1;
    if (char === '"') {
      next = sticky(JSON_STRING);
      if (next < 0) return !complete && sticky(JSON_OPEN_STRING) === text.length;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      if (!complete && sticky(JSON_OPEN_NUMBER) === text.length) return true;
      next = sticky(JSON_NUMBER);
      if (next < 0) return false;
    } else {
      const literal = ['true', 'false', 'null'].find((word) => text.startsWith(word, index));
      if (literal) next = index + literal.length;
      else return !complete && ['true', 'false', 'null'].some((word) => word.startsWith(text.slice(index)));
    }
    index = next;
    expect = stack.length === 0 ? 'end' : 'after-value';
  }
}

/** What a ZIP archive holds, by its entry names: docx, xlsx, OFD, OpenDocument, or another ZIP. */
function zipKind(bytes: Uint8Array): InputFormat | UnsupportedKind {
  let kind: InputFormat | UnsupportedKind | undefined;
  const consider = (name: string, data?: Uint8Array): boolean => {
    kind = kindOfEntry(name, data);
    return kind !== undefined;
  };
  if (walkLocalHeaders(bytes, consider)) return kind!;
  if (walkCentralDirectory(bytes, consider)) return kind!;
  return 'zip';
}

function kindOfEntry(name: string, data: Uint8Array | undefined): InputFormat | UnsupportedKind | undefined {
  if (name.startsWith('word/')) return 'docx';
  if (name.startsWith('xl/')) return 'xlsx';
  if (name === 'OFD.xml' || /^Doc_\d+\//.test(name)) return 'ofd';
  if (name === 'mimetype' && data) {
    const type = String.fromCharCode(...data.subarray(0, 100));
    if (type.startsWith('application/vnd.oasis.opendocument.text')) return 'odt';
    if (type.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  }
  return undefined;
}

const uint16 = (bytes: Uint8Array, offset: number): number => (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
const uint32 = (bytes: Uint8Array, offset: number): number =>
  (uint16(bytes, offset) | (uint16(bytes, offset + 2) << 16)) >>> 0;

/** A ZIP entry name as ASCII/UTF-8 bytes; undefined when it holds control bytes (a false signature inside compressed data). */
function entryName(bytes: Uint8Array, start: number, length: number): string | undefined {
  if (length === 0 || length > 1024 || start + length > bytes.length) return undefined;
  const raw = bytes.subarray(start, start + length);
  for (const byte of raw) if (byte < 0x20) return undefined;
  return new TextDecoder().decode(raw);
}

/**
 * Walks the local file headers at the start of the archive, jumping over each entry's data when its size is known and
 * otherwise (data descriptor) to the next header signature; stops when `visit` returns true.
 */
function walkLocalHeaders(bytes: Uint8Array, visit: (name: string, data?: Uint8Array) => boolean): boolean {
  const limit = Math.min(bytes.length, ZIP_WINDOW);
  let offset = 0;
  for (let count = 0; count < ZIP_ENTRIES && offset + 30 <= limit; count += 1) {
    if (!startsWith(bytes, offset, [0x50, 0x4b, 0x03, 0x04])) {
      offset = nextSignature(bytes, offset + 1, limit);
      if (offset < 0) return false;
    }
    const flags = uint16(bytes, offset + 6);
    const method = uint16(bytes, offset + 8);
    const size = uint32(bytes, offset + 18);
    const nameLength = uint16(bytes, offset + 26);
    const extraLength = uint16(bytes, offset + 28);
    const nameStart = offset + 30;
    const name = entryName(bytes, nameStart, nameLength);
    const dataStart = nameStart + nameLength + extraLength;
    if (name !== undefined) {
      const stored =
        method === 0 && (flags & 0x08) === 0
          ? bytes.subarray(dataStart, Math.min(dataStart + size, bytes.length))
          : undefined;
      if (visit(name, stored)) return true;
    }
    offset = name !== undefined && (flags & 0x08) === 0 && size !== 0xffffffff ? dataStart + size : offset + 4;
  }
  return false;
}

function nextSignature(bytes: Uint8Array, from: number, limit: number): number {
  for (let index = from; index + 4 <= limit; index += 1) {
    if (bytes[index] === 0x50 && startsWith(bytes, index + 1, [0x4b, 0x03, 0x04])) return index;
  }
  return -1;
}

/** Walks the names of the central directory, found from the end-of-central-directory record in the last 64 KB. */
function walkCentralDirectory(bytes: Uint8Array, visit: (name: string) => boolean): boolean {
  const lowest = Math.max(0, bytes.length - 22 - 65535);
  let end = -1;
  for (let index = bytes.length - 22; index >= lowest; index -= 1) {
    if (bytes[index] === 0x50 && startsWith(bytes, index + 1, [0x4b, 0x05, 0x06])) {
      end = index;
      break;
    }
  }
  if (end < 0) return false;
  const entries = uint16(bytes, end + 10);
  let offset = uint32(bytes, end + 16);
  for (let count = 0; count < Math.min(entries, ZIP_ENTRIES) && offset + 46 <= bytes.length; count += 1) {
    if (!startsWith(bytes, offset, [0x50, 0x4b, 0x01, 0x02])) return false;
    const nameLength = uint16(bytes, offset + 28);
    const name = entryName(bytes, offset + 46, nameLength);
    if (name !== undefined && visit(name)) return true;
    offset += 46 + nameLength + uint16(bytes, offset + 30) + uint16(bytes, offset + 32);
  }
  return false;
}
