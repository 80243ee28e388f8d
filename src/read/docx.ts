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
  let html: string;
  try {
    const part = partToHtml(text);
    if (part.problem !== undefined) throw damagedPart(main, part.problem);
    html = part.html + (await notesHtml(zip, main, part.references));
  } catch (error) {
    throw error instanceof InputError ? error : damaged('docx', error);
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
    // A damaged notes part is read as far as it is well formed (the notes it completed).
    if (text !== undefined) partToHtml(text, { type, into: notes });
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
  return text === undefined ? 'not valid UTF-8' : scanXml(text);
}
