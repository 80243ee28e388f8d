import type JSZip from 'jszip';
import { DOCX_NAMESPACES, partToHtml, type NoteReference } from './docx-body.js';
import { scanXml } from './docx-xml.js';
import { htmlToBlocks } from './html.js';
import { assertZip, damaged } from './office.js';
import { InputError, type Block, type BlockSource } from './types.js';

/** Reads a Word .docx report into its tables and paragraphs. */
export async function readDocx(bytes: Uint8Array): Promise<BlockSource> {
  return { format: 'docx', blocks: await docxToBlocks(bytes) };
}

/**
 * Reads a Word .docx into text blocks and raw tables: its main document part (named by the package relationships,
 * word/document.xml by default) is checked (see checkDocumentXml: a damaged one is refused at once), read in one
 * linear scan into the HTML mammoth used to make of it (partToHtml: w:gridSpan as colspan, w:vMerge as rowspan,
 * the notes it refers to after the body), and the HTML table reader builds the grid. Origins carry
 * tableIndex/rowIndex/columnIndex only, since a .docx has no lines. Throws InputError 'not-office-file' or
 * 'damaged-office-file'.
 */
export async function docxToBlocks(bytes: Uint8Array): Promise<Block[]> {
  assertZip(bytes, 'docx');
  const { default: JSZip } = await import('jszip');
  let zip: JSZip;
  let main: string;
  let xml: Uint8Array;
  try {
    zip = await JSZip.loadAsync(bytes);
    main = await mainDocumentPath(zip);
    xml = await zip.file(main)!.async('uint8array');
  } catch (error) {
    throw damaged('docx', error);
  }
  // Decoded once, strictly, for the check and the reading (a UTF-16 part is checked too).
  const text = decodeXml(xml, true);
  if (text === undefined) throw damagedPart(main, 'not valid UTF-8');
  const problem = xmlTextProblem(text);
  if (problem !== undefined) throw damagedPart(main, problem);
  let html: string;
  try {
    const part = partToHtml(text);
    html = part.html + (await notesHtml(zip, main, part.references));
  } catch (error) {
    throw damaged('docx', error);
  }
  return htmlToBlocks(html, { positions: false });
}

function damagedPart(part: string, problem: string): InputError {
  return new InputError('damaged-office-file', { format: 'docx', detail: `${part}: ${problem}` });
}

const RELATIONSHIP_TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** The main document part as mammoth found it: the first officeDocument relationship whose target exists, else word/document.xml. */
async function mainDocumentPath(zip: JSZip): Promise<string> {
  const path = await relatedPart(zip, '_rels/.rels', `${RELATIONSHIP_TYPES}officeDocument`, '', 'word/document.xml');
  if (zip.file(path) === null)
    throw new Error('Could not find main document part. Are you sure this is a valid .docx file?');
  return path;
}

/** The first target of `type` in a relationships part (relative to `base`, absolute from the package root) that exists, else `fallback`. */
async function relatedPart(
  zip: JSZip,
  relationships: string,
  type: string,
  base: string,
  fallback: string,
): Promise<string> {
  const entry = zip.file(relationships);
  if (entry === null) return fallback;
  const targets: string[] = [];
  scanXml(decodeXml(await entry.async('uint8array')), DOCX_NAMESPACES, {
    open(name, attributes) {
      const target = attributes.get('Target');
      if (name === 'relationships:Relationship' && attributes.get('Type') === type && target !== undefined)
        targets.push(target);
    },
    close() {},
    text() {},
  });
  for (const target of targets) {
    const joined = target.startsWith('/') || base === '' ? target : `${base}/${target}`;
    const path = joined.startsWith('/') ? joined.slice(1) : joined;
    if (zip.file(path) !== null) return path;
  }
  return fallback;
}

/**
 * The HTML of the footnotes and endnotes the main document refers to, in the order of the references (as mammoth put
 * them after the body, without its "↑" links back). A notes part that is missing or damaged gives no notes.
 */
async function notesHtml(zip: JSZip, main: string, references: NoteReference[]): Promise<string> {
  if (references.length === 0) return '';
  const slash = main.lastIndexOf('/');
  const folder = slash < 0 ? '' : main.slice(0, slash);
  const relationships = `${folder === '' ? '' : `${folder}/`}_rels/${main.slice(slash + 1)}.rels`;
  const notes = new Map<string, string>();
  for (const type of ['footnote', 'endnote'] as const) {
    if (!references.some((reference) => reference.type === type)) continue;
    const path = await relatedPart(zip, relationships, `${RELATIONSHIP_TYPES}${type}s`, folder, `word/${type}s.xml`);
    const entry = zip.file(path);
    if (entry === null) continue;
    const text = decodeXml(await entry.async('uint8array'), true);
    if (text !== undefined && xmlTextProblem(text) === undefined) partToHtml(text, { type, into: notes });
  }
  let html = '';
  for (const { type, id } of references) {
    const note = notes.get(`${type}:${id}`);
    if (note !== undefined) html += `<li>${note}</li>`;
  }
  return html === '' ? '' : `<ol>${html}</ol>`;
}

/**
 * An XML part's text: UTF-16 by its byte-order mark, else UTF-8 (a leading BOM dropped); `strict`, undefined when
 * the bytes are not valid in their encoding (otherwise such bytes become U+FFFD).
 */
function decodeXml(bytes: Uint8Array, strict: true): string | undefined;
function decodeXml(bytes: Uint8Array, strict?: false): string;
function decodeXml(bytes: Uint8Array, strict = false): string | undefined {
  const [a, b] = bytes;
  const encoding = a === 0xff && b === 0xfe ? 'utf-16le' : a === 0xfe && b === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: strict }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with an XML part, or undefined when it is well formed as far as a linear scan tells: UTF-8 that
 * decodes, every element closed in order, one root and nothing but white space after it. One pass over the text.
 */
export function checkDocumentXml(bytes: Uint8Array): string | undefined {
  const [a, b] = bytes;
  // UTF-16 (by its BOM) is allowed by XML; it is left to the parser.
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return undefined;
  const text = decodeXml(bytes, true);
  return text === undefined ? 'not valid UTF-8' : xmlTextProblem(text);
}

/** What is wrong with an XML text (see checkDocumentXml), or undefined. */
function xmlTextProblem(text: string): string | undefined {
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
    const next = text.charCodeAt(at + 1);
    if (next === QUESTION_MARK || next === EXCLAMATION_MARK) {
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
    const closing = next === SLASH;
    const nameStart = closing ? at + 2 : at + 1;
    NAME_END.lastIndex = nameStart;
    let cursor = NAME_END.exec(text)?.index ?? text.length;
    const name = text.slice(nameStart, cursor);
    if (name === '') return `a tag without a name at offset ${at}`;
    // The rest of the tag: attributes, their quoted values skipped whole.
    let selfClosing = false;
    let end = -1;
    TAG_SPECIAL.lastIndex = cursor;
    for (let found = TAG_SPECIAL.exec(text); found !== null; found = TAG_SPECIAL.exec(text)) {
      cursor = found.index;
      const code = text.charCodeAt(cursor);
      if (code === QUOTE || code === APOSTROPHE) {
        const quote = text.indexOf(code === QUOTE ? '"' : "'", cursor + 1);
        if (quote < 0) return `unterminated attribute value at offset ${cursor}`;
        TAG_SPECIAL.lastIndex = quote + 1;
        continue;
      }
      if (code === LESS_THAN) return `'<' inside a tag at offset ${cursor}`;
      end = cursor;
      selfClosing = text.charCodeAt(cursor - 1) === SLASH;
      break;
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

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const SLASH = 0x2f;
const LESS_THAN = 0x3c;
const QUESTION_MARK = 0x3f;
const EXCLAMATION_MARK = 0x21;
/** What ends a tag's name. */
const NAME_END = /[\s/>]/gu;
/** What matters in the rest of a tag: a quote opening a value, a '<' that does not belong, the '>' that ends it. */
const TAG_SPECIAL = /["'<>]/gu;
