import { htmlToBlocks } from './html.js';
import { assertZip, damaged } from './office.js';
import { InputError, type Block, type BlockSource } from './types.js';

/** Reads a Word .docx report into its tables and paragraphs. */
export async function readDocx(bytes: Uint8Array): Promise<BlockSource> {
  return { format: 'docx', blocks: await docxToBlocks(bytes) };
}

/**
 * Reads a Word .docx into text blocks and raw tables: mammoth turns it into HTML (it keeps w:gridSpan as colspan
 * and w:vMerge as rowspan), and the HTML table reader builds the grid. Origins carry tableIndex/rowIndex/columnIndex
 * only, since a .docx has no lines. The main document part is checked first (see checkDocumentXml): a damaged one
 * is refused at once. Throws InputError 'not-office-file' or 'damaged-office-file'.
 */
export async function docxToBlocks(bytes: Uint8Array): Promise<Block[]> {
  assertZip(bytes, 'docx');
  await checkDocumentPart(bytes);
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    // mammoth's Node build takes a Buffer, its browser build (which a bundler picks for a page) an ArrayBuffer.
    const input =
      typeof Buffer === 'undefined'
        ? { arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }
        : { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    html = (await mammoth.convertToHtml(input)).value;
  } catch (error) {
    throw damaged('docx', error);
  }
  return htmlToBlocks(html, { positions: false });
}

/**
 * Opens the ZIP (with jszip, the library mammoth itself opens it with) and checks word/document.xml with
 * checkDocumentXml. mammoth's XML parser (xmldom) recovers from a damaged document by adding every later node to
 * the document itself, re-indexing its children each time: a 9 KB damaged .docx took 41 s before failing.
 */
async function checkDocumentPart(bytes: Uint8Array): Promise<void> {
  const { default: JSZip } = await import('jszip');
  let xml: Uint8Array | undefined;
  try {
    const zip = await JSZip.loadAsync(bytes);
    xml = await zip.file('word/document.xml')?.async('uint8array');
  } catch (error) {
    throw damaged('docx', error);
  }
  // A .docx whose main part lives elsewhere (named by its relationships) is left to mammoth.
  if (xml === undefined) return;
  const problem = checkDocumentXml(xml);
  if (problem !== undefined)
    throw new InputError('damaged-office-file', { format: 'docx', detail: `word/document.xml: ${problem}` });
}

/**
 * What is wrong with an XML part, or undefined when it is well formed as far as a linear scan tells: UTF-8 that
 * decodes, every element closed in order, one root and nothing but white space after it. One pass over the text.
 */
export function checkDocumentXml(bytes: Uint8Array): string | undefined {
  const [a, b] = bytes;
  // UTF-16 (by its BOM) is allowed by XML; it is left to the parser.
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'not valid UTF-8';
  }
  const open: string[] = [];
  let roots = 0;
  let index = 0;
  while (index < text.length) {
    const lt = text.indexOf('<', index);
    const textEnd = lt < 0 ? text.length : lt;
    if (open.length === 0 && text.slice(index, textEnd).trim() !== '')
      return `text outside the root element at offset ${index}`;
    if (lt < 0) break;
    const at = lt;
    if (
      text.startsWith('<?', at) ||
      text.startsWith('<!--', at) ||
      text.startsWith('<![CDATA[', at) ||
      text.startsWith('<!', at)
    ) {
      const close = text.startsWith('<?', at)
        ? '?>'
        : text.startsWith('<!--', at)
          ? '-->'
          : text.startsWith('<![CDATA[', at)
            ? ']]>'
            : '>';
      const end = text.indexOf(close, at + 2);
      if (end < 0) return `unterminated markup at offset ${at}`;
      index = end + close.length;
      continue;
    }
    const closing = text[at + 1] === '/';
    let cursor = closing ? at + 2 : at + 1;
    const nameStart = cursor;
    while (cursor < text.length && !/[\s/>]/u.test(text[cursor]!)) cursor += 1;
    const name = text.slice(nameStart, cursor);
    if (name === '') return `a tag without a name at offset ${at}`;
    // The rest of the tag: attributes, their quoted values skipped whole.
    let selfClosing = false;
    let end = -1;
    while (cursor < text.length) {
      const character = text[cursor]!;
      if (character === '"' || character === "'") {
        const quote = text.indexOf(character, cursor + 1);
        if (quote < 0) return `unterminated attribute value at offset ${cursor}`;
        cursor = quote + 1;
        continue;
      }
      if (character === '<') return `'<' inside a tag at offset ${cursor}`;
      if (character === '>') {
        end = cursor;
        selfClosing = text[cursor - 1] === '/';
        break;
      }
      cursor += 1;
    }
    if (end < 0) return `the text ends inside a tag (offset ${at})`;
    if (closing) {
      const expected = open.pop();
      if (expected !== name)
        return `</${name}> closes ${expected === undefined ? 'nothing' : `<${expected}>`} at offset ${at}`;
    } else if (!selfClosing) {
      if (open.length === 0) roots += 1;
      open.push(name);
    } else if (open.length === 0) {
      roots += 1;
    }
    if (roots > 1) return `a second root element at offset ${at}`;
    index = end + 1;
  }
  if (open.length > 0) return `the text ends inside <${open[open.length - 1]!}>`;
  if (roots === 0) return 'no root element';
  return undefined;
}
