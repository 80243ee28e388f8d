import { DINGBATS } from './dingbats.js';
import { scanXml, type NamespacePrefixes, type XmlAttributes } from './docx-xml.js';

/** The namespaces of a .docx by the prefixes its reader names them with (mammoth's map: transitional and strict). */
export const DOCX_NAMESPACES: NamespacePrefixes = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'content-types',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'relationships',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:word': 'office-word',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'wordml',
};

/** A footnote or endnote that the main document refers to, in the order of the references. */
export interface NoteReference {
  type: 'footnote' | 'endnote';
  id: string;
}

/** What reading a part gives: its HTML, (main document) the notes it refers to, and what is wrong with its XML. */
export interface PartHtml {
  html: string;
  references: NoteReference[];
  /** The problem scanXml found; the rest is then what came before it. */
  problem?: string;
}

/** Elements whose children are read in their place (mammoth's readChildElements, and the runs and hyperlinks). */
const TRANSPARENT = new Set([
  'w:customXml',
  'w:ins',
  'w:moveFromRangeEnd',
  'w:moveFromRangeStart',
  'w:moveTo',
  'w:moveToRangeEnd',
  'w:moveToRangeStart',
  'w:object',
  'w:smartTag',
  'w:drawing',
  'v:roundrect',
  'v:shape',
  'v:textbox',
  'w:txbxContent',
  'v:group',
  'v:rect',
]);

interface Cell {
  content: string[];
  gridSpan: string | undefined;
  /** mammoth's _vMerge: true for a continuing cell, false for a restart, null without w:vMerge. */
  vMerge: boolean | null;
  colSpan: number;
  rowSpan: number;
}

interface Row {
  items: (Cell | string)[];
  /** Something other than a cell was read into the row: mammoth then merges no cells in the whole table. */
  foreign: boolean;
}

/** The values of an on/off run property (w:strike) that turn it off. */
const OFF = new Set(['0', 'false', 'off']);

type Frame =
  | { kind: 'pass' }
  | { kind: 'run'; apart: boolean; hidden: boolean; sawProperties: boolean }
  | { kind: 'run-properties'; run: RunFrame }
  | { kind: 'hyperlink'; link: boolean }
  | { kind: 'text'; value: string }
  | { kind: 'paragraph'; content: string[]; extras: string[]; deleted: boolean; sawProperties: boolean }
  | { kind: 'paragraph-properties'; paragraph: ParagraphFrame; sawRunProperties: boolean }
  | { kind: 'paragraph-mark'; paragraph: ParagraphFrame }
  | { kind: 'table'; items: (Row | string)[]; foreign: boolean }
  | { kind: 'row'; row: Row; deleted: boolean; sawProperties: boolean }
  | { kind: 'row-properties'; row: RowFrame }
  | { kind: 'cell'; cell: Cell; sawProperties: boolean }
  | { kind: 'cell-properties'; cell: Cell; sawGridSpan: boolean; sawVMerge: boolean }
  | { kind: 'picture'; content: string[] }
  | { kind: 'alternate'; sawFallback: boolean }
  | {
      kind: 'sdt';
      checkbox: boolean;
      replaced: boolean;
      content: string[];
      sawProperties: boolean;
      sawContent: boolean;
    }
  | { kind: 'sdt-properties'; sdt: SdtFrame }
  | { kind: 'note'; id: string; content: string[] }
  | { kind: 'root'; content: string[] };

type ParagraphFrame = Extract<Frame, { kind: 'paragraph' }>;
type RowFrame = Extract<Frame, { kind: 'row' }>;
type RunFrame = Extract<Frame, { kind: 'run' }>;
type SdtFrame = Extract<Frame, { kind: 'sdt' }>;

/**
 * Reads a WordprocessingML part (the main document, or the footnotes or endnotes) into the HTML that mammoth 1.13
 * made of it, as far as its text and tables go, in one linear scan with an explicit stack (no tree, no recursion):
 * paragraphs as <p> (an empty one dropped), w:br as <br>, w:tab as a tab, tables as <table>/<tr>/<td> with colspan
 * from w:gridSpan and rowspan from w:vMerge (computed as mammoth did, and not at all when a table holds anything but
 * rows of cells), deleted text (w:del, w:moveFrom) and field instructions dropped, inserted text and field results
 * kept, the w:sdtContent of a content control, the mc:Fallback of an mc:AlternateContent, the text boxes of a VML
 * picture after their paragraph, a deleted paragraph mark joining its text to the next paragraph, deleted table rows
 * dropped, an element mammoth did not read (w:fldSimple aside: its result is kept) dropped with its content. Headings
 * and list items are paragraphs too: htmlToBlocks reads <h1> and <li> as it reads <p>. Footnote and endnote
 * references are collected (for their notes to follow the body), not written: a "[1]" in a cell would change its
 * figure. `notes` set, the part is a footnotes or endnotes part and the HTML of each note is stored there by its type
 * and id instead. Throws when the main document has no w:body, as mammoth did.
 */
export function partToHtml(text: string, notes?: { type: NoteReference['type']; into: Map<string, string> }): PartHtml {
  const frames: Frame[] = [];
  const references: NoteReference[] = [];
  const root: Extract<Frame, { kind: 'root' }> = { kind: 'root', content: [] };
  let skipping = 0;
  const seen = { body: false };
  /** The contents of paragraphs whose mark was deleted, waiting for the next paragraph. */
  let pending: { content: string[]; extras: string[] } | undefined;

  const collector = (): Frame => {
    for (let index = frames.length - 1; index >= 0; index -= 1) {
      const frame = frames[index]!;
      switch (frame.kind) {
        case 'paragraph':
        case 'table':
        case 'row':
        case 'cell':
        case 'picture':
        case 'note':
        case 'root':
          return frame;
        case 'sdt':
          if (frame.checkbox) return frame;
          break;
        default:
          break;
      }
    }
    return root;
  };

  /** Hands what an element made (its HTML, '' for one without text) to the nearest element that collects. */
  const produce = (html: string): void => {
    const into = collector();
    switch (into.kind) {
      case 'table':
        into.items.push(html);
        into.foreign = true;
        return;
      case 'row':
        into.row.items.push(html);
        into.row.foreign = true;
        return;
      case 'cell':
        if (html !== '') into.cell.content.push(html);
        return;
      case 'paragraph':
      case 'picture':
      case 'sdt':
      case 'note':
      case 'root':
        if (html !== '') into.content.push(html);
        return;
      default:
        return;
    }
  };

  /** A text element: the first one with text in a checkbox content control is the box (mammoth's checkbox input). */
  const produceText = (value: string): void => {
    if (value !== '') {
      for (let index = frames.length - 1; index >= 0; index -= 1) {
        const frame = frames[index]!;
        if (frame.kind === 'sdt' && frame.checkbox && !frame.replaced) {
          frame.replaced = true;
          produce('');
          return;
        }
      }
    }
    const run = frames[frames.length - 1];
    if (run?.kind === 'run' && run.hidden) return;
    if (value !== '' && run?.kind === 'run' && run.apart) produce(`<s>${escapeText(value)}</s>`);
    else produce(escapeText(value));
  };

  const open = (name: string, attributes: XmlAttributes): void => {
    if (skipping > 0) {
      skipping += 1;
      return;
    }
    const parent = frames[frames.length - 1];
    if (parent === undefined) {
      frames.push({ kind: 'pass' });
      return;
    }
    if (frames.length === 1) {
      if (notes) {
        const type = attributes.get('w:type');
        if (name === `w:${notes.type}` && type !== 'separator' && type !== 'continuationSeparator') {
          frames.push({ kind: 'note', id: attributes.get('w:id') ?? '', content: [] });
          return;
        }
      } else if (name === 'w:body' && !seen.body) {
        seen.body = true;
        frames.push({ kind: 'pass' });
        return;
      }
      skipping = 1;
      return;
    }
    const frame = openFrame(name, attributes, parent);
    if (frame === undefined) skipping = 1;
    else frames.push(frame);
  };

  /** The frame of an element inside the part's content, or undefined to skip it and its content. */
  const openFrame = (name: string, attributes: XmlAttributes, parent: Frame): Frame | undefined => {
    switch (parent.kind) {
      case 'text':
        return undefined;
      case 'paragraph-properties':
        if (name !== 'w:rPr' || parent.sawRunProperties) return undefined;
        parent.sawRunProperties = true;
        return { kind: 'paragraph-mark', paragraph: parent.paragraph };
      case 'paragraph-mark':
        if (name === 'w:del') parent.paragraph.deleted = true;
        return undefined;
      case 'row-properties':
        if (name === 'w:del') parent.row.deleted = true;
        return undefined;
      case 'cell-properties':
        if (name === 'w:gridSpan' && !parent.sawGridSpan) {
          parent.sawGridSpan = true;
          parent.cell.gridSpan = attributes.get('w:val');
        } else if (name === 'w:vMerge' && !parent.sawVMerge) {
          parent.sawVMerge = true;
          const value = attributes.get('w:val');
          parent.cell.vMerge = value === 'continue' || !value;
        }
        return undefined;
      case 'sdt-properties':
        if (name === 'wordml:checkbox') parent.sdt.checkbox = true;
        return undefined;
      case 'run':
        if (name === 'w:rPr') {
          if (parent.sawProperties) return undefined;
          parent.sawProperties = true;
          return { kind: 'run-properties', run: parent };
        }
        break;
      case 'run-properties': {
        // A superscript or subscript run (a footnote mark typed as such) and struck-through text (an old figure
        // struck) are printed apart from the text beside them: written <sup>/<s>, read a space apart (never 22121).
        const value = attributes.get('w:val');
        if (name === 'w:vertAlign' && (value === 'superscript' || value === 'subscript')) parent.run.apart = true;
        else if ((name === 'w:strike' || name === 'w:dstrike') && !OFF.has(value ?? '')) parent.run.apart = true;
        // Hidden text (w:vanish) is not printed, as the HTML reader skips hidden elements.
        else if (name === 'w:vanish' && !OFF.has(value ?? '')) parent.run.hidden = true;
        return undefined;
      }
      case 'alternate':
        if (name !== 'mc:Fallback' || parent.sawFallback) return undefined;
        parent.sawFallback = true;
        return { kind: 'pass' };
      case 'sdt':
        if (name === 'w:sdtPr' && !parent.sawProperties) {
          parent.sawProperties = true;
          return { kind: 'sdt-properties', sdt: parent };
        }
        if (name === 'w:sdtContent' && !parent.sawContent) {
          parent.sawContent = true;
          return { kind: 'pass' };
        }
        return undefined;
      case 'paragraph':
        if (name === 'w:pPr') {
          if (parent.sawProperties) return undefined;
          parent.sawProperties = true;
          return { kind: 'paragraph-properties', paragraph: parent, sawRunProperties: false };
        }
        break;
      case 'row':
        if (name === 'w:trPr') {
          if (parent.sawProperties) return undefined;
          parent.sawProperties = true;
          return { kind: 'row-properties', row: parent };
        }
        break;
      case 'cell':
        if (name === 'w:tcPr') {
          if (parent.sawProperties) return undefined;
          parent.sawProperties = true;
          return { kind: 'cell-properties', cell: parent.cell, sawGridSpan: false, sawVMerge: false };
        }
        break;
      default:
        break;
    }
    if (TRANSPARENT.has(name)) return { kind: 'pass' };
    switch (name) {
      case 'w:p': {
        const taken = pending;
        pending = undefined;
        return {
          kind: 'paragraph',
          content: taken?.content ?? [],
          extras: taken?.extras ?? [],
          deleted: false,
          sawProperties: false,
        };
      }
      case 'w:r':
        return { kind: 'run', apart: false, hidden: false, sawProperties: false };
      case 'w:t':
        return { kind: 'text', value: '' };
      case 'w:tbl':
        return { kind: 'table', items: [], foreign: false };
      case 'w:tr':
        return { kind: 'row', row: { items: [], foreign: false }, deleted: false, sawProperties: false };
      case 'w:tc':
        return {
          kind: 'cell',
          cell: { content: [], gridSpan: undefined, vMerge: null, colSpan: 1, rowSpan: 1 },
          sawProperties: false,
        };
      case 'w:hyperlink':
        return { kind: 'hyperlink', link: Boolean(attributes.get('r:id')) || Boolean(attributes.get('w:anchor')) };
      case 'w:sdt':
        return { kind: 'sdt', checkbox: false, replaced: false, content: [], sawProperties: false, sawContent: false };
      case 'mc:AlternateContent':
        return { kind: 'alternate', sawFallback: false };
      case 'w:pict':
        return { kind: 'picture', content: [] };
      // mammoth dropped a simple field with its result; Word shows the result, as it does a complex field's.
      case 'w:fldSimple':
        return { kind: 'pass' };
      case 'w:tab':
        produce('\t');
        return undefined;
      case 'w:br': {
        const type = attributes.get('w:type');
        if (type === undefined || type === 'textWrapping') produce('<br>');
        else if (type === 'page' || type === 'column') produce('');
        return undefined;
      }
      // A carriage return is a line break in Word (mammoth ignored it).
      case 'w:cr':
        produce('<br>');
        return undefined;
      case 'w:noBreakHyphen':
        produceText('\u2011');
        return undefined;
      case 'w:softHyphen':
        produceText('\u00ad');
        return undefined;
      case 'w:sym': {
        const character = symbol(attributes.get('w:font'), attributes.get('w:char'));
        if (character !== undefined) produceText(character);
        return undefined;
      }
      case 'w:footnoteReference':
      case 'w:endnoteReference':
        if (!notes)
          references.push({
            type: name === 'w:footnoteReference' ? 'footnote' : 'endnote',
            id: attributes.get('w:id') ?? '',
          });
        produce('');
        return undefined;
      case 'w:bookmarkStart':
        if (attributes.get('w:name') !== '_GoBack') produce('');
        return undefined;
      case 'w:commentReference':
        produce('');
        return undefined;
      default:
        return undefined;
    }
  };

  const close = (): void => {
    if (skipping > 0) {
      skipping -= 1;
      return;
    }
    const frame = frames.pop();
    if (frame === undefined) return;
    switch (frame.kind) {
      case 'text':
        produceText(frame.value);
        return;
      case 'run':
        produce('');
        return;
      case 'hyperlink':
        if (frame.link) produce('');
        return;
      case 'paragraph':
        if (frame.deleted) {
          pending = { content: frame.content, extras: frame.extras };
          return;
        }
        produce(frame.content.length > 0 ? `<p>${frame.content.join('')}</p>` : '');
        if (frame.extras.length > 0) produce(frame.extras.join(''));
        return;
      case 'picture': {
        // A VML picture's text boxes follow the paragraph that holds it (mammoth's "extra" elements).
        for (let index = frames.length - 1; index >= 0; index -= 1) {
          const holder = frames[index]!;
          if (holder.kind === 'paragraph') {
            if (frame.content.length > 0) holder.extras.push(frame.content.join(''));
            return;
          }
        }
        return;
      }
      case 'sdt':
        if (frame.checkbox) produce(frame.replaced ? frame.content.join('') : '');
        return;
      case 'cell': {
        const into = collector();
        const { cell } = frame;
        cell.colSpan = cell.gridSpan ? Number.parseInt(cell.gridSpan, 10) : 1;
        if (into.kind === 'row') into.row.items.push(cell);
        else produce(cellHtml(cell));
        return;
      }
      case 'row': {
        if (frame.deleted) return;
        const into = collector();
        if (into.kind === 'table') into.items.push(frame.row);
        else produce(rowHtml(frame.row));
        return;
      }
      case 'table':
        produce(tableHtml(frame.items, frame.foreign));
        return;
      case 'note':
        notes?.into.set(`${notes.type}:${frame.id}`, frame.content.join(''));
        return;
      default:
        return;
    }
  };

  const problem = scanXml(text, DOCX_NAMESPACES, {
    open,
    close,
    text(data) {
      if (skipping > 0) return;
      const frame = frames[frames.length - 1];
      if (frame?.kind === 'text') frame.value += data;
    },
  });
  if (problem !== undefined) return { html: '', references, problem };
  if (!notes && !seen.body) throw new Error('Could not find the body element: are you sure this is a docx file?');
  return { html: root.content.join(''), references };
}

/** mammoth's calculateRowSpans: a continuing cell lengthens the cell above it in its grid column, and goes. */
function tableHtml(items: (Row | string)[], foreign: boolean): string {
  const merge = !foreign && items.every((item) => typeof item !== 'string' && !item.foreign);
  if (merge) {
    const columns = new Map<number, Cell>();
    for (const row of items as Row[]) {
      let cellIndex = 0;
      for (const cell of row.items as Cell[]) {
        const above = columns.get(cellIndex);
        if (cell.vMerge && above) {
          above.rowSpan += 1;
        } else {
          columns.set(cellIndex, cell);
          cell.vMerge = false;
        }
        cellIndex += cell.colSpan;
      }
    }
    for (const row of items as Row[]) row.items = (row.items as Cell[]).filter((cell) => !cell.vMerge);
  }
  let html = '<table>';
  for (const item of items) html += typeof item === 'string' ? item : rowHtml(item);
  return `${html}</table>`;
}

function rowHtml(row: Row): string {
  let html = '<tr>';
  for (const item of row.items) html += typeof item === 'string' ? item : cellHtml(item);
  return `${html}</tr>`;
}

function cellHtml(cell: Cell): string {
  const colspan = cell.colSpan !== 1 ? ` colspan="${String(cell.colSpan)}"` : '';
  const rowspan = cell.rowSpan !== 1 ? ` rowspan="${String(cell.rowSpan)}"` : '';
  return `<td${colspan}${rowspan}>${cell.content.join('')}</td>`;
}

/** The character of a w:sym, looked up as mammoth did (w:char in hex, "F0xx" also as "xx"), or undefined. */
function symbol(font: string | undefined, code: string | undefined): string | undefined {
  if (font === undefined || code === undefined) return undefined;
  const table = DINGBATS[font.toUpperCase()];
  if (table === undefined || !Object.hasOwn(DINGBATS, font.toUpperCase())) return undefined;
  const look = (hex: string): number | undefined => {
    const value = Number.parseInt(hex, 16);
    const point = value >= 32 ? table[value - 32] : undefined;
    return point === undefined || point === 0 ? undefined : point;
  };
  const point = look(code) ?? (/^F0..$/u.test(code) ? look(code.slice(2)) : undefined);
  return point === undefined ? undefined : String.fromCodePoint(point);
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/gu, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'));
}
