import type { ReportDocument } from '../model/types.js';
import { reportParts } from './document.js';
import { placeCells, type LayoutTable, type PlacedCell } from './layout.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const PACKAGE_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

/** Text width of an A4 page with 2 cm margins, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1134;

/** Escapes the five XML specials and drops characters XML 1.0 cannot hold. */
export function xmlText(text: string): string {
  return text

    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;');
}

function run(text: string, properties = ''): string {
  const fonts = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/>';
  return `<w:r><w:rPr>${fonts}${properties}</w:rPr><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

function paragraph(text: string, paragraphProperties = '', runProperties = ''): string {
  return `<w:p>${paragraphProperties ? `<w:pPr>${paragraphProperties}</w:pPr>` : ''}${text === '' ? '' : run(text, runProperties)}</w:p>`;
}

/**
 * A table as WordprocessingML: a grid of equal columns over the text width, each cell with its w:gridSpan, and a cell
 * spanning rows as w:vMerge restart in its first row and continue below, as Word writes merged cells.
 */
function table(layout: LayoutTable): string {
  const placed = placeCells(layout);
  const starts = new Map<string, PlacedCell>();
  const covering = new Map<string, PlacedCell>();
  for (const entry of placed) {
    starts.set(`${entry.row},${entry.column}`, entry);
    for (let dr = 1; dr < entry.cell.rowSpan; dr += 1) covering.set(`${entry.row + dr},${entry.column}`, entry);
  }
  const column = Math.floor(TEXT_WIDTH / layout.width);
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
    .join('');
  let xml = `<w:tbl><w:tblPr><w:tblW w:w="${column * layout.width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar></w:tblPr>`;
  xml += `<w:tblGrid>${`<w:gridCol w:w="${column}"/>`.repeat(layout.width)}</w:tblGrid>`;
  const cellXml = (span: number, merge: string, text: string): string => {
    const properties = `<w:tcW w:w="${column * span}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${merge}<w:vAlign w:val="center"/>`;
    return `<w:tc><w:tcPr>${properties}</w:tcPr>${paragraph(text, '<w:jc w:val="center"/><w:spacing w:before="0" w:after="0"/>', '<w:sz w:val="18"/><w:szCs w:val="18"/>')}</w:tc>`;
  };
  layout.rows.forEach((_, r) => {
    xml += '<w:tr><w:trPr><w:cantSplit/></w:trPr>';
    for (let c = 0; c < layout.width;) {
      const start = starts.get(`${r},${c}`);
      if (start) {
        xml += cellXml(
          start.cell.colSpan,
          start.cell.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '',
          start.cell.text,
        );
        c += start.cell.colSpan;
        continue;
      }
      const above = covering.get(`${r},${c}`);
      if (above) {
        xml += cellXml(above.cell.colSpan, '<w:vMerge/>', '');
        c += above.cell.colSpan;
        continue;
      }
      xml += cellXml(1, '', '');
      c += 1;
    }
    xml += '</w:tr>';
  });
  return `${xml}</w:tbl>`;
}

/** The word/document.xml of a report: the title centred and bold, each section heading bold, narrative paragraphs indented, and each table as a Word table. */
export function documentXml(document: ReportDocument): string {
  let body = '';
  for (const part of reportParts(document)) {
    if (part.kind === 'title')
      body += paragraph(
        part.text,
        '<w:jc w:val="center"/><w:spacing w:after="240"/>',
        '<w:b/><w:sz w:val="36"/><w:szCs w:val="36"/>',
      );
    else if (part.kind === 'heading')
      body += paragraph(
        part.text,
        '<w:spacing w:before="240" w:after="120"/>',
        '<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>',
      );
    else if (part.kind === 'paragraph')
      body += paragraph(part.text, '<w:ind w:firstLine="560"/>', '<w:sz w:val="24"/><w:szCs w:val="24"/>');
    else body += `${table(part.table)}${paragraph('')}`;
  }
  const section =
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${body}${section}</w:body></w:document>`;
}

/** A report as a Word .docx (a minimal package: content types, the package relationship and word/document.xml), zipped by jszip. */
export async function docx(document: ReportDocument): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  // A fixed date: the same report gives the same bytes.
  const date = new Date(Date.UTC(2000, 0, 1));
  zip.file('[Content_Types].xml', CONTENT_TYPES, { date, createFolders: false });
  zip.file('_rels/.rels', PACKAGE_RELS, { date, createFolders: false });
  zip.file('word/document.xml', documentXml(document), { date, createFolders: false });
  return zip.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  });
}
