import { InputError, type InputFormat, type ReadContext, type Reader, type ReaderOutput } from './types.js';
import { imageKind, isUnsupportedKind, sniffFormat, type UnsupportedKind } from './sniff.js';

/** Loads the reader of each format only when that format is used, so a JSON run never loads the PDF library. */
const READERS: Record<InputFormat, () => Promise<Reader>> = {
  json: async () => (await import('./json.js')).readJson,
  csv: async () => (await import('./csv.js')).readCsv,
  'csv-long': async () => (await import('./csv.js')).readCsvLong,
  html: async () => (await import('./html.js')).readHtml,
  text: async () => (await import('./text.js')).readText,
  markdown: async () => (await import('./markdown.js')).readMarkdown,
  docx: async () => (await import('./docx.js')).readDocx,
  xlsx: async () => (await import('./xlsx.js')).readXlsx,
  pdf: async () => (await import('./pdf.js')).readPdf,
};

const EXTENSIONS: Record<string, InputFormat> = {
  json: 'json',
  csv: 'csv',
  tsv: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  docx: 'docx',
  xlsx: 'xlsx',
  pdf: 'pdf',
};

/** Extensions of formats that cannot be read, each with what to save it as (its message unsupported-<kind>). */
const UNSUPPORTED_EXTENSIONS: Record<string, UnsupportedKind> = {
  doc: 'doc',
  dot: 'doc',
  wps: 'doc',
  xls: 'xls',
  xlt: 'xls',
  et: 'xls',
  rtf: 'rtf',
  odt: 'odt',
  ods: 'ods',
  ofd: 'ofd',
  mht: 'mhtml',
  mhtml: 'mhtml',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  bmp: 'image',
  tif: 'image',
  tiff: 'image',
  webp: 'image',
};

/** All input formats, for --input-format. */
export const INPUT_FORMATS = Object.keys(READERS) as InputFormat[];

/** The extension of a file name, as written (no dot), or undefined. */
function extensionOf(file: string): string | undefined {
  return /\.([^./\\]+)$/.exec(file)?.[1];
}

/** The input format of a file name by its extension, or undefined when the extension is unknown. */
export function formatOfFile(file: string): InputFormat | undefined {
  const extension = extensionOf(file)?.toLowerCase();
  return extension === undefined ? undefined : EXTENSIONS[extension];
}

/** The kind of a file name that cannot be read by its extension (.doc, .xls, .ofd, .png …), or undefined. */
export function unsupportedOfFile(file: string): UnsupportedKind | undefined {
  const extension = extensionOf(file)?.toLowerCase();
  return extension === undefined ? undefined : UNSUPPORTED_EXTENSIONS[extension];
}

/** Formats whose files are binary containers: their reader says plainly when the bytes are not one (pdf-not-pdf, not-office-file). */
const CONTAINER_FORMATS: ReadonlySet<InputFormat> = new Set(['pdf', 'docx', 'xlsx']);

/**
 * The format to read an input in. The extension says what the user believes, the bytes say what the file is:
 * --input-format always wins; otherwise the bytes decide (sniffFormat) for standard input without a name, a .txt or
 * .text file, an unknown or missing extension, and an extension whose format cannot be what the bytes are (a .json
 * holding HTML, a .docx that is an old binary .doc, a .doc that is a web page or a .docx). The extension is kept when
 * the bytes are merely text it can hold (a .md, .csv or .json that is plain text, so its reader points at the
 * problem) and when a .pdf, .docx or .xlsx is text or unknown binary (so its reader says it is not one).
 * Throws InputError unsupported-<kind> for formats that cannot be read (.doc, .xls, .wps, .et, .ofd, images …, or the
 * same found in the bytes), and unknown-format for binary data of no known kind under no known extension.
 */
export function chooseFormat(
  bytes: Uint8Array,
  file: string,
  options: { inputFormat?: InputFormat; encoding?: string } = {},
): InputFormat {
  if (options.inputFormat) return options.inputFormat;
  const named = formatOfFile(file);
  const unsupported = unsupportedOfFile(file);
  const sniffed = sniffFormat(bytes, options.encoding ? { encoding: options.encoding } : {});
  if (named && named !== 'text') {
    if (sniffed === undefined || sniffed === 'text' || sniffed === named) return named;
    // Markdown may hold HTML; a container holding text, or a ZIP that a .docx or .xlsx reader cannot place, is
    // reported by the extension's reader (not a PDF, not an Office file, damaged).
    if (named === 'markdown' && sniffed === 'html') return named;
    if (CONTAINER_FORMATS.has(named) && (sniffed === 'zip' || sniffed === 'json' || sniffed === 'html')) return named;
    return resolved(sniffed, bytes, file, undefined);
  }
  if (named === 'text') return sniffed === undefined ? 'text' : resolved(sniffed, bytes, file, undefined);
  if (bytes.length === 0) throw new InputError('empty-file');
  // A name of a format that cannot be read is believed unless the bytes are something else (a .doc that is a web page,
  // a .docx or plain text is read as what it is; one that is RTF or an image says so).
  if (unsupported) return resolved(sniffed ?? unsupported, bytes, file, unsupported);
  if (sniffed === undefined) throw new InputError('unknown-format', { extension: extensionOf(file) || '(none)' });
  return resolved(sniffed, bytes, file, undefined);
}

/** The sniffed format, or the InputError of a kind that cannot be read; an OLE2 file named .doc/.wps or .xls/.et is told apart by its name. */
function resolved(
  sniffed: InputFormat | UnsupportedKind,
  bytes: Uint8Array,
  file: string,
  named: UnsupportedKind | undefined,
): InputFormat {
  if (!isUnsupportedKind(sniffed)) return sniffed;
  throw unsupportedError(
    sniffed === 'legacy-office' && (named === 'doc' || named === 'xls') ? named : sniffed,
    bytes,
    file,
  );
}

/** The InputError for a format that cannot be read: unsupported-<kind>, with the kind (and an image's type). */
function unsupportedError(kind: UnsupportedKind, bytes: Uint8Array, file: string): InputError {
  if (kind !== 'image') return new InputError(`unsupported-${kind}`, { kind });
  const image =
    imageKind(bytes) ?? extensionOf(file)?.toUpperCase().replace(/^JPG$/, 'JPEG').replace(/^TIF$/, 'TIFF') ?? 'image';
  return new InputError('unsupported-image', { kind, image });
}

/** Reads one input into the canonical document (JSON) or into blocks for the aligner. Throws InputError when it cannot be read at all. */
export async function readInput(bytes: Uint8Array, format: InputFormat, context: ReadContext): Promise<ReaderOutput> {
  return (await loadReader(format))(bytes, context);
}

/** The reader of a format, loaded once (so the time a file may take does not count loading its reader). */
export async function loadReader(format: InputFormat): Promise<Reader> {
  let reader = loaded.get(format);
  if (!reader) {
    reader = await READERS[format]();
    loaded.set(format, reader);
  }
  return reader;
}

/** Readers already loaded, so a batch of thousands of files imports each once. */
const loaded = new Map<InputFormat, Reader>();
