import type { InputFormat, ReadContext, Reader, ReaderOutput } from './types.js';

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

/** All input formats, for --input-format. */
export const INPUT_FORMATS = Object.keys(READERS) as InputFormat[];

/** The input format of a file name by its extension, or undefined when the extension is unknown. */
export function formatOfFile(file: string): InputFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : EXTENSIONS[extension];
}

/** Reads one input into the canonical document (JSON) or into blocks for the aligner. Throws InputError when it cannot be read at all. */
export async function readInput(bytes: Uint8Array, format: InputFormat, context: ReadContext): Promise<ReaderOutput> {
  let reader = loaded.get(format);
  if (!reader) {
    reader = await READERS[format]();
    loaded.set(format, reader);
  }
  return reader(bytes, context);
}

/** Readers already loaded, so a batch of thousands of files imports each once. */
const loaded = new Map<InputFormat, Reader>();
