import { htmlToBlocks } from './html.js';
import { assertZip, damaged } from './office.js';
import type { Block, BlockSource } from './types.js';

/** Reads a Word .docx report into its tables and paragraphs. */
export async function readDocx(bytes: Uint8Array): Promise<BlockSource> {
  return { format: 'docx', blocks: await docxToBlocks(bytes) };
}

/**
 * Reads a Word .docx into text blocks and raw tables: mammoth turns it into HTML (it keeps w:gridSpan as colspan
 * and w:vMerge as rowspan), and the HTML table reader builds the grid. Origins carry tableIndex/rowIndex/columnIndex
 * only, since a .docx has no lines. Throws InputError 'not-office-file' or 'damaged-office-file'.
 */
export async function docxToBlocks(bytes: Uint8Array): Promise<Block[]> {
  assertZip(bytes, 'docx');
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })).value;
  } catch (error) {
    throw damaged('docx', error);
  }
  return htmlToBlocks(html, { positions: false });
}
