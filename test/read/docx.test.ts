import JSZip from 'jszip';
import { docxToBlocks } from '../../src/read/docx.js';
import type { Block } from '../../src/read/types.js';

const NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml"';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const p = (...inner: string[]): string => `<w:p>${inner.map((x) => (x.startsWith('<') ? x : run(x))).join('')}</w:p>`;
const tc = (inner: string, properties = ''): string =>
  `<w:tc>${properties ? `<w:tcPr>${properties}</w:tcPr>` : ''}${inner.startsWith('<') ? inner : p(inner)}</w:tc>`;
const tr = (...cells: string[]): string => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]): string => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;

/** A .docx whose main part holds `body` (or is `document` as given), at `path`, with `files` beside it. */
async function docx(
  body: string,
  options: { path?: string; document?: string; files?: Record<string, string>; relationships?: string } = {},
): Promise<Uint8Array> {
  const path = options.path ?? 'word/document.xml';
  const zip = new JSZip();
  zip.file(
    '_rels/.rels',
    `<Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${TYPES}/officeDocument" Target="${path}"/></Relationships>`,
  );
  zip.file(
    path,
    options.document ?? `<?xml version="1.0"?><w:document ${NAMESPACES}><w:body>${body}</w:body></w:document>`,
  );
  if (options.relationships !== undefined)
    zip.file(
      'word/_rels/document.xml.rels',
      `<Relationships xmlns="${RELATIONSHIPS}">${options.relationships}</Relationships>`,
    );
  for (const [name, text] of Object.entries(options.files ?? {})) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Each block as its text, or a table as its rows of cell texts. */
const shapes = (blocks: Block[]): (string | string[][])[] =>
  blocks.map((block) =>
    block.kind === 'text' ? block.text : block.table.rows.map((row) => row.cells.map((cell) => cell.text)),
  );
const read = async (body: string, options?: Parameters<typeof docx>[1]) =>
  shapes(await docxToBlocks(await docx(body, options)));

describe('docx: the main part read linearly, as mammoth read it', () => {
  test('w:gridSpan is a colspan: the merged value stands once, the slots it covers are blanks', async () => {
    const blocks = await docxToBlocks(
      await docx(tbl(tr(tc('A'), tc('BC', '<w:gridSpan w:val="2"/>')), tr(tc('1'), tc('2'), tc('3')))),
    );
    expect(shapes(blocks)).toEqual([
      [
        ['A', 'BC', ''],
        ['1', '2', '3'],
      ],
    ]);
    const [table] = blocks;
    expect(table?.kind === 'table' && table.table.rows[0]!.cells[2]!.origin).toEqual({
      tableIndex: 1,
      rowIndex: 1,
      columnIndex: 3,
    });
  });

  test('w:vMerge restart/continue is a rowspan; a table holding anything but rows merges nothing (as mammoth)', async () => {
    const merged = tbl(
      tr(tc('组', '<w:vMerge w:val="restart"/>'), tc('a'), tc('1')),
      tr(tc('', '<w:vMerge/>'), tc('b'), tc('2')),
      tr(tc('', '<w:vMerge w:val="continue"/>'), tc('c'), tc('3')),
    );
    expect(await read(merged)).toEqual([
      [
        ['组', 'a', '1'],
        ['', 'b', '2'],
        ['', 'c', '3'],
      ],
    ]);
    const withBookmark = merged.replace('<w:tblGrid/>', '<w:tblGrid/><w:bookmarkStart w:id="0" w:name="here"/>');
    expect(await read(withBookmark)).toEqual([
      [
        ['组', 'a', '1'],
        ['', 'b', '2'],
        ['', 'c', '3'],
      ],
    ]);
    // Without merging, the continuing cells stay cells of their own: the same grid here, a different one below.
    const shifted = tbl(
      tr(tc('组', '<w:vMerge w:val="restart"/><w:gridSpan w:val="2"/>'), tc('1')),
      tr(tc('', '<w:vMerge/><w:gridSpan w:val="2"/>'), tc('2')),
    );
    expect(await read(shifted)).toEqual([
      [
        ['组', '', '1'],
        ['', '', '2'],
      ],
    ]);
  });

  test('a table inside a cell: the outer one is a layout box, the inner one the data table', async () => {
    const inner = tbl(tr(tc('i1'), tc('i2')), tr(tc('i3'), tc('i4')));
    expect(await read(p('前') + tbl(tr(tc(p('外') + inner), tc('右'))) + p('后'))).toEqual([
      '前',
      '外',
      [
        ['i1', 'i2'],
        ['i3', 'i4'],
      ],
      '右',
      '后',
    ]);
  });

  test('tracked changes: deleted and moved-away text dropped, inserted and moved-here text kept, a deleted row dropped', async () => {
    const deleted = '<w:del w:id="1" w:author="x"><w:r><w:delText>删去</w:delText></w:r></w:del>';
    const inserted = `<w:ins w:id="2" w:author="x">${run('插入')}</w:ins>`;
    const moved = `<w:moveFrom w:id="3">${run('移走')}</w:moveFrom><w:moveTo w:id="4">${run('移来')}</w:moveTo>`;
    const deletedRow = `<w:tr><w:trPr><w:del w:id="5" w:author="x"/></w:trPr>${tc('d1')}${tc('d2')}</w:tr>`;
    expect(await read(p('保留', deleted, inserted) + p(moved) + tbl(tr(tc('a'), tc('b')), deletedRow))).toEqual([
      '保留插入',
      '移来',
      [['a', 'b']],
    ]);
  });

  test('a superscript or subscript run and struck text are read apart from the figure beside them; hidden text (w:vanish) is not read', async () => {
    const styled = (properties: string, text: string): string =>
      `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/>${properties}</w:rPr><w:t>${text}</w:t></w:r>`;
    const cells = [
      tc(p('2212', styled('<w:vertAlign w:val="superscript"/>', '1'))),
      tc(p(styled('<w:strike/>', '2213'), '2212')),
      tc(p('22', styled('<w:vanish/>', '13'), '12')),
      tc(p('22', styled('<w:strike w:val="0"/><w:vertAlign w:val="baseline"/>', '12'))),
    ];
    expect(await read(tbl(tr(tc('自然人'), ...cells)))).toEqual([[['自然人', '2212 1', '2213 2212', '2212', '2212']]]);
  });

  test('a deleted paragraph mark joins its text to the next paragraph', async () => {
    const mark = '<w:pPr><w:rPr><w:del w:id="1" w:author="x"/></w:rPr></w:pPr>';
    expect(await read(p(mark, '前半') + p('后半'))).toEqual(['前半后半']);
  });

  test('fields: a complex field keeps its result and drops its instruction; a simple field keeps its result', async () => {
    const complex =
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> = 1+2 </w:instrText></w:r>' +
      `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${run('3')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const simple = `<w:fldSimple w:instr=" PAGE ">${run('7')}</w:fldSimple>`;
    expect(await read(p('共', complex, '件') + p('第', simple, '页'))).toEqual(['共3件', '第7页']);
  });

  test('mc:AlternateContent reads its mc:Fallback; a VML text box follows its paragraph', async () => {
    const box = `<w:r><w:pict><v:shape><v:textbox><w:txbxContent>${p('框内')}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`;
    const alternate = `<mc:AlternateContent><mc:Choice Requires="wps">${run('CHOICE')}</mc:Choice><mc:Fallback>${run('后备')}${box}</mc:Fallback></mc:AlternateContent>`;
    expect(await read(p('甲', alternate, '乙'))).toEqual(['甲后备乙', '框内']);
  });

  test('w:br splits a paragraph, a page break does not, w:cr is a line break; tabs, symbols and empty paragraphs', async () => {
    const page = '<w:r><w:br w:type="page"/></w:r>';
    const body =
      p('一', '<w:r><w:br/></w:r>', '二', page, '三') +
      p('<w:r><w:t>a</w:t><w:cr/><w:t>b</w:t><w:tab/><w:t>c</w:t></w:r>') +
      p('<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>', '已办') +
      '<w:p/>' +
      tbl(tr(tc(p('x', '<w:r><w:br/></w:r>', 'y') + p('z')), tc('t')));
    expect(await read(body)).toEqual(['一', '二三', 'a', 'b c', '✓已办', [['x y z', 't']]]);
  });

  test('a footnote reference leaves no marker in the text; the note follows the body', async () => {
    const footnotes = `<w:footnotes ${NAMESPACES}><w:footnote w:type="separator" w:id="-1">${p('—')}</w:footnote><w:footnote w:id="1">${p('注：含补录')}</w:footnote></w:footnotes>`;
    const body = tbl(tr(tc(p('12', '<w:r><w:footnoteReference w:id="1"/></w:r>')), tc('件')));
    expect(
      await read(body, {
        files: { 'word/notes.xml': footnotes },
        relationships: `<Relationship Id="rId9" Type="${TYPES}/footnotes" Target="notes.xml"/>`,
      }),
    ).toEqual([[['12', '件']], '注：含补录']);
  });

  test('names are read by namespace, and the main part is found by the package relationships', async () => {
    const document =
      '<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>前缀</x:t></x:r></x:p></x:body></x:document>';
    expect(await read('', { document })).toEqual(['前缀']);
    expect(await read(p('别处'), { path: 'word/main.xml' })).toEqual(['别处']);
  });

  test('content controls, smart tags and hyperlinks are read through; text entities are the five and numeric ones', async () => {
    const body =
      `<w:sdt><w:sdtPr/><w:sdtContent>${p('控件')}</w:sdtContent></w:sdt>` +
      p(`<w:smartTag w:element="x">${run('智')}</w:smartTag>`, `<w:hyperlink w:anchor="a">${run('链')}</w:hyperlink>`) +
      p('&amp;&lt;&gt;&#x4E00;&#20108;');
    expect(await read(body)).toEqual(['控件', '智链', '&<>一二']);
  });

  test('a damaged main part is damaged-office-file naming the part; a part without w:body is damaged too', async () => {
    const unclosed = `<w:document ${NAMESPACES}><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>`;
    await expect(docxToBlocks(await docx('', { document: unclosed }))).rejects.toMatchObject({
      messageId: 'damaged-office-file',
      data: { format: 'docx', detail: 'word/document.xml: </w:r> closes <w:t> at offset 296' },
    });
    const bodiless = `<w:document ${NAMESPACES}>${p('x')}</w:document>`;
    await expect(docxToBlocks(await docx('', { document: bodiless }))).rejects.toMatchObject({
      messageId: 'damaged-office-file',
      data: { format: 'docx', detail: 'Could not find the body element: are you sure this is a docx file?' },
    });
    const zip = new JSZip();
    zip.file('word/other.xml', '<x/>');
    await expect(
      docxToBlocks(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })),
    ).rejects.toMatchObject({ messageId: 'damaged-office-file' });
  });
});
