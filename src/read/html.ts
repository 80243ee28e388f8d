import { Parser } from 'htmlparser2';
import type { Origin } from '../model/types.js';
import { decodeText } from './decode.js';
import { InputError, type Block, type RawCell, type RawRow, type BlockSource, type ReadContext } from './types.js';
import { withFields } from '../model/objects.js';
import { Remembered } from '../model/remembered.js';

interface ElementNode {
  kind: 'element';
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
  /** Offset of the start tag in the text. */
  start: number;
  /** True when the input ended before this element's end tag. */
  unclosed: boolean;
}

interface TextNode {
  kind: 'text';
  text: string;
  start: number;
}

type HtmlNode = ElementNode | TextNode;

/** Options of {@link htmlToBlocks}. */
export interface HtmlBlockOptions {
  /** Keep line and column in origins (false for HTML made from a .docx, which has no lines of its own). */
  positions?: boolean;
}

/**
 * Elements whose content is not the page's text. <del> is deleted text (Word's tracked deletions, shown struck
 * through: `<del>3120</del><ins>3119</ins>` prints 3119), dropped as the .docx reader drops w:del.
 */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'select',
  'button',
  'del',
]);
const BLOCK_LEVEL = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'br',
  'caption',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'title',
  'tr',
  'ul',
]);
/**
 * Inline elements whose text a cell prints apart from the text beside it: a superscript or subscript (a footnote mark,
 * 2212<sup>1</sup>) and struck-through text (an old figure struck, <s>2213</s>2212). Their text is kept, a space apart,
 * so that a figure is never read with the mark's or the struck figure's digits run into it (22121, 22132212): the cell
 * reads as printed (2212 1), not a number.
 */
const APART = new Set(['sup', 'sub', 's', 'strike']);
const MAX_SPAN = 1000;
/**
 * How many grid slots (cells, and the blanks that rowspan and colspan cover) a page's data tables may hold in all. A
 * report's tables have a few hundred; past this the page is refused with a located error, so that spans and widths
 * cannot multiply a small page into gigabytes of cells.
 */
export const MAX_HTML_TABLE_SLOTS = 100_000;
/**
 * How deeply elements may nest. Real pages nest a few dozen levels (browsers stop nesting at 512); past this limit
 * the page is refused with a located input error, so that neither the parser's stack of open elements nor the
 * walks over the tree (some recursive) grow with the input.
 */
export const MAX_HTML_DEPTH = 1000;
const PAGE_FURNITURE = new Set(['footer', 'foot', 'nav', 'navbar', 'breadcrumb', 'crumb', 'crumbs', 'copyright']);

/**
 * Reads an HTML page (already decoded) into text blocks and raw tables in reading order.
 *
 * Grid contract for the mapper: rowspan and colspan are resolved into a rectangular grid. A merged cell's text stands
 * in its top-left slot only; every other slot it covers is a blank cell ('') whose origin is the merged cell's
 * line/column with the slot's own rowIndex/columnIndex. So a rowspan group label (三、本年度办理结果, （三）不予公开) stands
 * beside the first row of its group and the following rows have a blank in that column, exactly like the seed's
 * pipe rows where a group opens with two label cells; and a value merged over several columns (2021 本年处理决定数量,
 * a collapsed 无 row) is read once, never repeated. A row ends at its last slot (it is not padded to the widest row),
 * and a page whose tables would hold more than MAX_HTML_TABLE_SLOTS slots is refused ('html-table-too-large').
 * Cell text ignores markup: <br> and block elements inside a cell become one space, &nbsp; and runs of white space
 * become one space, zero-width characters are dropped, and the text is trimmed (a blank cell is ''). Tables that contain other tables, or have a
 * single column, are layout boxes: their content is read as if the table were not there. Script, style, deleted text
 * (<del>), hidden elements and page furniture (<nav>, <footer>, class or id footer/nav/breadcrumb/copyright) are skipped. Text outside data tables
 * becomes one text block per paragraph (block element or <br>), with <title> and <caption> kept.
 * Origins: line/column (1-based) of the cell's first text, or of its start tag when it is blank, and
 * tableIndex/rowIndex/columnIndex (1-based, counting data tables only). Throws InputError 'html-truncated' when
 * the input ends inside a data table.
 */
export function htmlToBlocks(text: string, options: HtmlBlockOptions = {}): Block[] {
  const locator = makeLocator(text, options.positions !== false);
  const root = parseTree(text, locator);
  const walker = new BlockWalker(locator);
  walker.walk(root);
  walker.flush();
  return walker.blocks;
}

/** Reads a saved report page: decodes it (BOM, UTF-8, its <meta charset>, GB18030, or --encoding) and finds its blocks. */
export function readHtml(bytes: Uint8Array, context: ReadContext): BlockSource {
  const { text, encoding } = decodeText(bytes, {
    html: true,
    ...(context.encoding !== undefined ? { encoding: context.encoding } : {}),
  });
  if (text.trim() === '') throw new InputError('empty-file');
  return { format: 'html', blocks: htmlToBlocks(text), encoding };
}

/** Builds the element tree; throws InputError 'too-deeply-nested' (at the first start tag past the limit) when elements nest more than MAX_HTML_DEPTH deep. */
function parseTree(text: string, locate: Locate): ElementNode {
  const root: ElementNode = { kind: 'element', name: '#root', attribs: {}, children: [], start: 0, unclosed: false };
  const stack: ElementNode[] = [root];
  /** Each element's parent in the tree, which for a cell or row opened inside an open cell is not the element below it on the stack. */
  const parents = new WeakMap<ElementNode, ElementNode>();
  let ending = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        // The stack holds the root and the open elements: stop at once, the parser's own work grows with the depth.
        if (stack.length > MAX_HTML_DEPTH) throw tooDeep(locate(parser.startIndex));
        const element: ElementNode = {
          kind: 'element',
          name,
          attribs,
          children: [],
          start: parser.startIndex,
          unclosed: false,
        };
        const parent = placeOf(name, stack, parents) ?? stack[stack.length - 1]!;
        parent.children.push(element);
        parents.set(element, parent);
        stack.push(element);
      },
      onclosetag(_name, isImplied) {
        const element = stack.pop();
        if (element && ending && isImplied) element.unclosed = true;
      },
      ontext(data) {
        const parent = stack[stack.length - 1];
        const last = parent?.children[parent.children.length - 1];
        if (last?.kind === 'text') last.text += data;
        else parent?.children.push({ kind: 'text', text: data, start: parser.startIndex });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(text);
  ending = true;
  parser.end();
  return root;
}

const CELLS = new Set(['td', 'th']);
const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);

/**
 * Where a <td>, <th> or <tr> opened while a cell of the same table is still open goes in the tree. htmlparser2 closes
 * an open cell only when it is the innermost element, so `<td><p>1<td><p>2` (neither </p> nor </td>) nests the second
 * cell in the first one's paragraph. As HTML5 (and every browser) does, a new cell closes the open cell and stands
 * beside it in its row, and a new row stands beside the open cell's row. The parser's stack is left as it is (its
 * end tags still pop one element each); only the tree's parent changes. Undefined: the innermost element.
 */
function placeOf(
  name: string,
  stack: readonly ElementNode[],
  parents: WeakMap<ElementNode, ElementNode>,
): ElementNode | undefined {
  if (name !== 'td' && name !== 'th' && name !== 'tr') return undefined;
  // The innermost open table part: a cell open in the same table, or the row, section or table itself.
  let part: ElementNode | undefined;
  for (let index = stack.length - 1; index > 0 && part === undefined; index -= 1) {
    const element = stack[index]!;
    if (TABLE_PARTS.has(element.name)) part = element;
  }
  if (part === undefined || !CELLS.has(part.name) || part === stack[stack.length - 1]) return undefined;
  const row = parents.get(part);
  if (row === undefined || row.name !== 'tr') return undefined;
  return name === 'tr' ? parents.get(row) : row;
}

type Locate = (offset: number) => Pick<Origin, 'line' | 'column'>;

function tooDeep(at: Pick<Origin, 'line' | 'column'>): InputError {
  if (at.line === undefined || at.column === undefined)
    return new InputError('too-deeply-nested-unplaced', { limit: MAX_HTML_DEPTH });
  return new InputError(
    'too-deeply-nested',
    { limit: MAX_HTML_DEPTH, line: at.line, column: at.column },
    { line: at.line, column: at.column },
  );
}

function makeLocator(text: string, positions: boolean): Locate {
  if (!positions) return () => ({});
  const lineStarts = [0];
  // indexOf finds each line break natively: a loop over every code unit was a tenth of the walk's time.
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
}

class BlockWalker {
  readonly blocks: Block[] = [];
  private paragraph = '';
  private paragraphStart: number | undefined;
  private tableCount = 0;
  /** Grid slots of every data table so far, against MAX_HTML_TABLE_SLOTS. */
  private slots = 0;

  constructor(private readonly locate: Locate) {}

  walk(node: HtmlNode): void {
    if (node.kind === 'text') {
      if (this.paragraphStart === undefined) {
        const lead = node.text.search(/[^\s\u00a0\u3000]/u);
        if (lead >= 0) this.paragraphStart = node.start + lead;
      }
      this.paragraph += node.text;
      return;
    }
    if (SKIPPED.has(node.name) || isHidden(node)) return;
    if (node.name === 'table' && isDataTable(node)) {
      this.flush();
      this.table(node);
      return;
    }
    const block = BLOCK_LEVEL.has(node.name);
    if (block) this.flush();
    for (const child of node.children) this.walk(child);
    if (block) this.flush();
  }

  flush(): void {
    const text = squeeze(this.paragraph);
    if (text !== '' && this.paragraphStart !== undefined)
      this.blocks.push({ kind: 'text', text, origin: this.locate(this.paragraphStart) });
    this.paragraph = '';
    this.paragraphStart = undefined;
  }

  private table(node: ElementNode): void {
    if (node.unclosed) {
      const at = this.locate(node.start);
      throw new InputError(
        'html-truncated',
        { tableIndex: this.tableCount + 1, ...at },
        withFields(at, { tableIndex: this.tableCount + 1 }),
      );
    }
    this.tableCount += 1;
    const tableIndex = this.tableCount;
    for (const caption of node.children) {
      if (caption.kind === 'element' && caption.name === 'caption') {
        this.walk(caption);
        this.flush();
      }
    }
    const trs = rowsOf(node);
    const grid: (RawCell | undefined)[][] = trs.map(() => []);
    const rowOrigins: Origin[] = [];
    trs.forEach((tr, r) => {
      rowOrigins.push(rowOrigin(this.locate(tr.start), tableIndex, r + 1));
      const slots = grid[r] ?? [];
      let c = 0;
      for (const td of tr.children) {
        if (td.kind !== 'element' || (td.name !== 'td' && td.name !== 'th')) continue;
        while (slots[c]) c++;
        const rowSpan = Math.min(span(td.attribs['rowspan']), trs.length - r);
        const colSpan = span(td.attribs['colspan']);
        const content = cellText(td);
        const at = this.locate(content.start ?? td.start);
        this.slots += rowSpan * colSpan;
        if (this.slots > MAX_HTML_TABLE_SLOTS) {
          const where = this.locate(td.start);
          throw new InputError(
            'html-table-too-large',
            { tableIndex, cells: MAX_HTML_TABLE_SLOTS, line: where.line ?? 1, column: where.column ?? 1 },
            withFields(where, { tableIndex }),
          );
        }
        for (let dr = 0; dr < rowSpan; dr++) {
          const target = grid[r + dr];
          if (!target) continue;
          for (let dc = 0; dc < colSpan; dc++) {
            const slot: RawCell = {
              text: dr === 0 && dc === 0 ? content.text : '',
              origin: slotOrigin(at, tableIndex, r + dr + 1, c + dc + 1),
            };
            if (dr !== 0 || dc !== 0) slot.covered = true;
            target[c + dc] = slot;
          }
        }
        c += colSpan;
      }
    });
    const rows: RawRow[] = [];
    grid.forEach((slots, r) => {
      const origin = rowOrigins[r] ?? { tableIndex, rowIndex: r + 1 };
      if (slots.length === 0) return;
      const cells: RawCell[] = [];
      for (let c = 0; c < slots.length; c++) {
        cells.push(
          slots[c] ?? {
            text: '',
            origin: slotOrigin(origin, tableIndex, origin.rowIndex ?? r + 1, c + 1),
            covered: true,
          },
        );
      }
      rows.push({ cells, origin, spansKnown: true });
    });
    this.blocks.push({ kind: 'table', table: { rows, origin: withFields(this.locate(node.start), { tableIndex }) } });
  }
}

/**
 * `{ ...at, tableIndex, rowIndex, columnIndex }`, built directly (the same keys in the same order): a spread per grid
 * slot was the largest cost of reading a page's tables.
 */
function slotOrigin(
  at: Pick<Origin, 'line' | 'column'>,
  tableIndex: number,
  rowIndex: number,
  columnIndex: number,
): Origin {
  if (at.line === undefined && at.column === undefined) return { tableIndex, rowIndex, columnIndex };
  return { line: at.line, column: at.column, tableIndex, rowIndex, columnIndex };
}

/** `{ ...at, tableIndex, rowIndex }`, built directly as slotOrigin is. */
function rowOrigin(at: Pick<Origin, 'line' | 'column'>, tableIndex: number, rowIndex: number): Origin {
  if (at.line === undefined && at.column === undefined) return { tableIndex, rowIndex };
  return { line: at.line, column: at.column, tableIndex, rowIndex };
}

function span(value: string | undefined): number {
  const parsed = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(parsed) && parsed >= 1 ? Math.min(parsed, MAX_SPAN) : 1;
}

function isHidden(node: ElementNode): boolean {
  const { attribs } = node;
  // Most elements have none of the attributes looked at: no regular expression, no string built for them.
  if (
    attribs['hidden'] === undefined &&
    attribs['style'] === undefined &&
    attribs['class'] === undefined &&
    attribs['id'] === undefined
  )
    return node.name === 'nav' || node.name === 'footer';
  if ('hidden' in node.attribs || /display\s*:\s*none/i.test(node.attribs['style'] ?? '')) return true;
  if (node.name === 'nav' || node.name === 'footer') return true;
  const names = `${node.attribs['class'] ?? ''} ${node.attribs['id'] ?? ''}`;
  // Remembered by the class and id: a page repeats the same few on many elements.
  return furnitureNames.get(names, namesFurniture);
}

/** Whether an element's class and id (joined by a space) name page furniture, by that text. */
const furnitureNames = new Remembered<string, boolean>(5000);

function namesFurniture(names: string): boolean {
  return names
    .toLowerCase()
    .split(/\s+/u)
    .some((token) => PAGE_FURNITURE.has(token));
}

/** The elements under a node in document order, walked with an explicit stack (no recursion, no nested generators). */
function* descendants(node: ElementNode): Generator<ElementNode> {
  const pending: HtmlNode[] = [...node.children].reverse();
  for (let child = pending.pop(); child !== undefined; child = pending.pop()) {
    if (child.kind !== 'element') continue;
    yield child;
    for (let index = child.children.length - 1; index >= 0; index -= 1) pending.push(child.children[index]!);
  }
}

function isDataTable(table: ElementNode): boolean {
  for (const element of descendants(table)) if (element.name === 'table') return false;
  return rowsOf(table).some(
    (tr) => tr.children.filter((c) => c.kind === 'element' && (c.name === 'td' || c.name === 'th')).length >= 2,
  );
}

function rowsOf(table: ElementNode): ElementNode[] {
  const rows: ElementNode[] = [];
  for (const child of table.children) {
    if (child.kind !== 'element') continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      for (const tr of child.children) if (tr.kind === 'element' && tr.name === 'tr') rows.push(tr);
    }
  }
  return rows;
}

function cellText(cell: ElementNode): { text: string; start: number | undefined } {
  let text = '';
  let start: number | undefined;
  const visit = (node: HtmlNode): void => {
    if (node.kind === 'text') {
      if (start === undefined) {
        const lead = node.text.search(/[^\s\u00a0\u3000]/u);
        if (lead >= 0) start = node.start + lead;
      }
      text += node.text;
      return;
    }
    if (SKIPPED.has(node.name) || isHidden(node)) return;
    const block = BLOCK_LEVEL.has(node.name) || APART.has(node.name);
    if (block) text += ' ';
    for (const child of node.children) visit(child);
    if (block) text += ' ';
  };
  for (const child of cell.children) visit(child);
  return { text: squeeze(text), start };
}

function squeeze(text: string): string {
  // Without the u flag (a third faster): white space is never a surrogate, so the runs found are the same. Zero-width
  // characters (U+200B–U+200D, U+2060, U+FEFF, left in pages by web editors) print nothing: they are dropped, so a
  // cell holding only one is blank and a figure with one is that figure.
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim();
}
