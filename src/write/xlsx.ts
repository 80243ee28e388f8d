import type { ReportDocument } from '../model/types.js';
import { reportParts } from './document.js';
import { placeCells, type LayoutCell, type LayoutTable } from './layout.js';

/** Worksheet of the title and narrative, before one worksheet per table. */
const COVER_SHEET = '报告';

/** The cell formats of xl/styles.xml, by their index in cellXfs. */
const STYLE = { plain: 0, title: 1, heading: 2, paragraph: 3, sheetHeading: 4, table: 5 } as const;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The value a cell is written with: a number when its text is a plain number that a spreadsheet keeps exactly, else the text. */
function cellValue(cell: LayoutCell): string | number {
  if (!cell.value || !/^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/u.test(cell.text)) return cell.text;
  const number = Number(cell.text);
  return String(number) === cell.text ? number : cell.text;
}

/** Text as XML character data or an attribute value; characters XML cannot hold are left out. */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;');
}

/** The letters of a column number (1 → A, 27 → AA). */
function columnName(column: number): string {
  let name = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

/** One cell to write: a number, a text (kept in the shared strings), or nothing but its style. */
interface SheetCell {
  value?: string | number;
  style: number;
}

/** One worksheet being laid out: its cells by row and column (1-based), column widths and merged ranges. */
class Sheet {
  readonly rows = new Map<number, Map<number, SheetCell>>();
  readonly widths: number[] = [];
  readonly merges: string[] = [];
  constructor(readonly name: string) {}

  set(row: number, column: number, cell: SheetCell): void {
    let cells = this.rows.get(row);
    if (!cells) this.rows.set(row, (cells = new Map<number, SheetCell>()));
    cells.set(column, Object.assign({}, cells.get(column), cell));
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    this.merges.push(`${columnName(left)}${top}:${columnName(right)}${bottom}`);
  }

  xml(strings: SharedStrings): string {
    let cols = '';
    // forEach skips the columns given no width.
    this.widths.forEach((width, column) => {
      cols += `<col min="${column}" max="${column}" width="${width}" customWidth="1"/>`;
    });
    let data = '';
    for (const row of [...this.rows.keys()].sort((a, b) => a - b)) {
      data += `<row r="${row}">`;
      const cells = this.rows.get(row)!;
      for (const column of [...cells.keys()].sort((a, b) => a - b)) {
        const { value, style } = cells.get(column)!;
        const ref = `${columnName(column)}${row}`;
        const s = style === STYLE.plain ? '' : ` s="${style}"`;
        if (typeof value === 'number') data += `<c r="${ref}"${s}><v>${value}</v></c>`;
        else if (typeof value === 'string') data += `<c r="${ref}"${s} t="s"><v>${strings.index(value)}</v></c>`;
        else data += `<c r="${ref}"${s}/>`;
      }
      data += '</row>';
    }
    const merges = this.merges.length
      ? `<mergeCells count="${this.merges.length}">${this.merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`
      : '';
    return `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIP}">${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${data}</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  }
}

/** The workbook's shared strings, each text once, in the order first used. */
class SharedStrings {
  readonly list: string[] = [];
  private readonly indexes = new Map<string, number>();

  index(text: string): number {
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.list.length;
      this.list.push(text);
      this.indexes.set(text, index);
    }
    return index;
  }

  xml(): string {
    const items = this.list.map((text) => {
      const space = /^\s|\s$/u.test(text) ? ' xml:space="preserve"' : '';
      return `<si><t${space}>${escapeXml(text)}</t></si>`;
    });
    return `${XML_HEAD}<sst xmlns="${MAIN}" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`;
  }
}

const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';

/** Plain; bold 16 and bold 12 (title, headings: wrapped, at the top); wrapped text; bold 12; thin borders, centred. */
const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN}"><fonts count="3"><font>${FONT}</font><font><b/><sz val="16"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** A table's sheet: its heading in A1, then from row 3 the table with its merged cells and thin borders on every place. */
function tableSheet(name: string, heading: string, table: LayoutTable): Sheet {
  const sheet = new Sheet(name);
  sheet.set(1, 1, { value: heading, style: STYLE.sheetHeading });
  const top = 3;
  for (let r = 0; r < table.rows.length; r += 1)
    for (let c = 1; c <= table.width; c += 1) sheet.set(top + r, c, { style: STYLE.table });
  for (const { cell, row, column } of placeCells(table)) {
    sheet.set(top + row, column + 1, { value: cellValue(cell), style: STYLE.table });
    if (cell.rowSpan > 1 || cell.colSpan > 1)
      sheet.merge(top + row, column + 1, top + row + cell.rowSpan - 1, column + cell.colSpan);
  }
  for (let c = 1; c <= table.width; c += 1)
    sheet.widths[c] = table.key === 'active' ? (c === 1 ? 24 : 16) : table.key === 'applications' && c <= 3 ? 18 : 10;
  return sheet;
}

/** The package parts other than the sheets and shared strings, for sheets of these names. */
function packageParts(names: string[]): Record<string, string> {
  const worksheet = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
  const overrides = [
    ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
    ...names.map((_, index) => [`/xl/worksheets/sheet${index + 1}.xml`, worksheet]),
    ['/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml'],
    ['/xl/sharedStrings.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml'],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  const relationship = (id: string, type: string, target: string): string =>
    `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  const packageRelationships = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const sheetTitles = names.map((name) => `<vt:lpstr>${escapeXml(name)}</vt:lpstr>`).join('');
  return {
    '[Content_Types].xml': `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('')}</Types>`,
    '_rels/.rels': `${XML_HEAD}<Relationships xmlns="${packageRelationships}">${relationship('rId1', `${RELATIONSHIP}/officeDocument`, 'xl/workbook.xml')}${relationship('rId2', `${packageRelationships}/metadata/core-properties`, 'docProps/core.xml')}${relationship('rId3', `${RELATIONSHIP}/extended-properties`, 'docProps/app.xml')}</Relationships>`,
    'docProps/core.xml': `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>`,
    'docProps/app.xml': `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>xxgk-lint</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${names.length}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${sheetTitles}</vt:vector></TitlesOfParts></Properties>`,
    'xl/workbook.xml': `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIP}"><bookViews><workbookView/></bookViews><sheets>${names.map((name, index) => `<sheet name="${escapeXml(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `${XML_HEAD}<Relationships xmlns="${packageRelationships}">${names.map((_, index) => relationship(`rId${index + 1}`, `${RELATIONSHIP}/worksheet`, `worksheets/sheet${index + 1}.xml`)).join('')}${relationship(`rId${names.length + 1}`, `${RELATIONSHIP}/styles`, 'styles.xml')}${relationship(`rId${names.length + 2}`, `${RELATIONSHIP}/sharedStrings`, 'sharedStrings.xml')}</Relationships>`,
    'xl/styles.xml': STYLES,
  };
}

/**
 * A report as an .xlsx workbook (written part by part, zipped by jszip): a sheet 报告 with the title, the section
 * headings and the narrative, then one sheet per table (表二, 表三, 表四) with its heading, a blank row and the table from
 * row 3: merged cells as the template lays them out, thin borders, figures as numbers. Fixed dates: the same report
 * gives the same bytes.
 */
export async function xlsx(document: ReportDocument): Promise<Uint8Array> {
  const cover = new Sheet(COVER_SHEET);
  cover.widths[1] = 100;
  const parts = reportParts(document);
  let row = 0;
  for (const part of parts) {
    if (part.kind === 'table') continue;
    if (part.kind === 'paragraph' && part.text === '') continue;
    const style = part.kind === 'title' ? STYLE.title : part.kind === 'paragraph' ? STYLE.paragraph : STYLE.heading;
    cover.set((row += 1), 1, { value: part.text, style });
  }
  const sheets = [cover];
  let heading = '';
  for (const part of parts) {
    if (part.kind === 'heading') heading = part.text;
    if (part.kind === 'table') sheets.push(tableSheet(`表${heading.split('、')[0] ?? ''}`, heading, part.table));
  }
  const strings = new SharedStrings();
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  const date = new Date(Date.UTC(2000, 0, 1));
  const add = (path: string, text: string): void => void zip.file(path, text, { date, createFolders: false });
  for (const [path, text] of Object.entries(packageParts(sheets.map((sheet) => sheet.name)))) add(path, text);
  sheets.forEach((sheet, index) => add(`xl/worksheets/sheet${index + 1}.xml`, sheet.xml(strings)));
  add('xl/sharedStrings.xml', strings.xml());
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
