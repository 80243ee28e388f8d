import { MESSAGE_CATALOGUE } from '../../src/generated/data.js';
import { lint } from '../../src/index.js';
import { readBytes } from '../../src/pipeline/lint.js';
import { chooseFormat } from '../../src/read/index.js';
import { isJsonPrefix, sniffFormat, UNSUPPORTED_KINDS } from '../../src/read/sniff.js';
import { InputError } from '../../src/read/types.js';
import { fixture } from '../helpers/lint.js';
import { concatBytes } from '../helpers/bytes.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const OLE2 = fixture('unsupported/report.doc');

async function inputError(action: Promise<unknown>): Promise<InputError> {
  const error: unknown = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

describe('sniffFormat', () => {
  it('tells a JSON object from its bytes exactly as from its decoded text', () => {
    const texts = [
      '{"agency": "某局"}',
      '\ufeff \n\t{\r\n  "year": 2021',
      '{ \u000b\f"a": 1}',
      '{"a": 1, "b": "\u0001"}',
      '{\u00a0"a": 1}',
      '{\\rtf1 text}',
      '{ }',
      '{',
      '  [1, 2]',
      '{"' + 'x'.repeat(5000) + '\u0002"}',
      '\u3000{"a": 1}',
    ];
    for (const text of texts) {
      const bytes = new TextEncoder().encode(text);
      // An explicit UTF-8 encoding always takes the decoded window.
      expect([text, sniffFormat(bytes)]).toEqual([text, sniffFormat(bytes, { encoding: 'utf-8' })]);
    }
    expect(sniffFormat(new TextEncoder().encode('{"a": 1, "b": "\u0001"}'))).toBeUndefined();
  });

  test.each([
    ['json/seed-2019.json', 'json'],
    ['json/broken/syntax-error.json', 'json'],
    ['html/seed-2019.html', 'html'],
    ['html/seed-2019.gbk.html', 'html'],
    ['html/clean-2021.html', 'html'],
    ['text/seed-2019.txt', 'text'],
    ['text/seed-2019.gbk.txt', 'text'],
    ['text/seed-2019.md', 'text'],
    ['csv/seed-2019.csv', 'text'],
    ['pdf/made-2021-wrong.pdf', 'pdf'],
    ['pdf/made-not-a-pdf.pdf', 'text'],
    ['docx/seed-2019.docx', 'docx'],
    ['docx/clean-2021.docx', 'docx'],
    ['xlsx/seed-2019.xlsx', 'xlsx'],
    ['xlsx/clean-2021.xlsx', 'xlsx'],
    ['broken/damaged.xlsx', 'xlsx'],
    ['broken/binary.txt', 'image'],
    ['unsupported/report.doc', 'legacy-office'],
    ['unsupported/report.ofd', 'ofd'],
    ['unsupported/report.odt', 'odt'],
    ['unsupported/report.png', 'image'],
    ['unsupported/report.rtf', 'rtf'],
    ['unsupported/reports.zip', 'zip'],
  ])('%s is %s', (path, kind) => {
    expect(sniffFormat(fixture(path))).toBe(kind);
  });

  test('a BOM and white space before the content are skipped; UTF-16 is decoded', () => {
    expect(sniffFormat(text('\uFEFF \n {"template": "2021"}'))).toBe('json');
    expect(sniffFormat(text('\uFEFF\r\n<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">'))).toBe('html');
    const utf16 = (value: string) =>
      concatBytes(
        new Uint8Array([0xff, 0xfe]),
        new Uint8Array(new Uint16Array([...value].map((c) => c.charCodeAt(0))).buffer),
      );
    expect(sniffFormat(utf16('<html><body><table></table></body></html>'))).toBe('html');
    expect(sniffFormat(utf16('一、总体情况'))).toBe('text');
  });

  test('HTML is known by its first element, after an XML declaration and comments, in any case', () => {
    for (const start of [
      '<HTML>',
      '<meta charset="gbk">',
      '<body>',
      '<TABLE border=1>',
      '<div class="x">',
      '<p>一、总体情况</p>',
      '<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="http://www.w3.org/1999/xhtml">',
    ]) {
      expect(sniffFormat(text(`${start}\n…`))).toBe('html');
    }
    expect(sniffFormat(text('Saved from the portal\n<!DOCTYPE html><html>'))).toBe('html');
    expect(sniffFormat(text('<pre>not a page</pre>'))).toBe('text');
    expect(
      sniffFormat(
        text('<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument xmlns:w="x">'),
      ),
    ).toBe('word-xml');
    expect(
      sniffFormat(text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">')),
    ).toBe('excel-xml');
    expect(
      sniffFormat(
        text(
          'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="----=_NextPart"\n\n------=_NextPart\nContent-Type: text/html',
        ),
      ),
    ).toBe('mhtml');
  });

  test('text that merely starts with { or [ is text, not JSON', () => {
    expect(sniffFormat(text('[2023] 年度报告\n一、总体情况'))).toBe('text');
    expect(sniffFormat(text('{一} 总体情况'))).toBe('text');
    expect(sniffFormat(text('["a", "b"] 两项'))).toBe('text');
    expect(sniffFormat(text('[1, 2, {"a": null}]'))).toBe('json');
    expect(sniffFormat(text('{}'))).toBe('json');
  });

  test('a JSON text cut by the window still counts: any prefix of JSON is accepted, anything else not', () => {
    const json = JSON.stringify({ a: [1, -2.5e3, true, null, 'x\\"y\u00e9'], b: { c: 'd' } });
    for (let cut = 1; cut <= json.length; cut += 1) expect(isJsonPrefix(json.slice(0, cut), false)).toBe(true);
    expect(isJsonPrefix(json, true)).toBe(true);
    expect(isJsonPrefix(json.slice(0, -1), true)).toBe(false);
    expect(isJsonPrefix('[1 2]', false)).toBe(false);
    expect(isJsonPrefix('[tru', false)).toBe(true);
    expect(isJsonPrefix('[trux', false)).toBe(false);
    const long = `[${'1,'.repeat(5000)}1]`;
    expect(sniffFormat(text(long))).toBe('json');
  });

  test('binary data of no known kind is undefined, and so are no bytes', () => {
    expect(sniffFormat(new Uint8Array([0x00, 0x01, 0x02, 0x03]))).toBeUndefined();
    expect(sniffFormat(new Uint8Array())).toBeUndefined();
  });

  test('%PDF- after junk at the start of a line is a PDF, inside a sentence it is not', () => {
    expect(sniffFormat(text('junk\r\n%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(text('see %PDF-1.7 spec'))).toBe('text');
  });

  test('looks only at the start: a huge text is sniffed in constant time', () => {
    const huge = new Uint8Array(50_000_000).fill(0x61);
    const started = performance.now();
    expect(sniffFormat(huge)).toBe('text');
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('chooseFormat: the extension says what the user believes, the bytes what the file is', () => {
  const html = fixture('html/seed-2019.html');
  const json = fixture('json/seed-2019.json');
  test.each([
    ['HTML named .txt', html, 'report.txt', 'html'],
    ['HTML named .json', html, 'report.json', 'html'],
    ['HTML named .doc (a web page saved as Word)', html, 'report.doc', 'html'],
    ['HTML named .md', html, 'report.md', 'markdown'],
    ['HTML named .pdf', html, 'report.pdf', 'pdf'],
    ['JSON named .txt', json, 'report.txt', 'json'],
    ['JSON without a name', json, '<stdin>', 'json'],
    ['text named .json (its reader says why)', fixture('text/seed-2019.txt'), 'report.json', 'json'],
    ['text named .pdf (its reader says it is not a PDF)', fixture('pdf/made-not-a-pdf.pdf'), 'report.pdf', 'pdf'],
    ['text named .docx', fixture('broken/not-a-zip.docx'), 'report.docx', 'docx'],
    ['a docx named .xlsx', fixture('docx/seed-2019.docx'), 'report.xlsx', 'docx'],
    ['a docx named .bin', fixture('docx/seed-2019.docx'), 'report.bin', 'docx'],
    ['a PDF named .txt', fixture('pdf/made-2021-wrong.pdf'), 'report.txt', 'pdf'],
    ['a CSV named .csv', fixture('csv/seed-2019.csv'), 'report.csv', 'csv'],
    ['binary named .txt (its reader says it is binary)', new Uint8Array([0x41, 0x00, 0x01]), 'report.txt', 'text'],
  ] as const)('%s → %s', (_, bytes, file, format) => {
    expect(chooseFormat(bytes, file)).toBe(format);
  });

  test('--input-format always wins', () => {
    expect(chooseFormat(html, 'report.txt', { inputFormat: 'text' })).toBe('text');
    expect(chooseFormat(OLE2, 'report.doc', { inputFormat: 'docx' })).toBe('docx');
  });

  test.each([
    ['unsupported/report.doc', 'report.doc', 'unsupported-doc'],
    ['unsupported/report.wps', 'report.wps', 'unsupported-doc'],
    ['unsupported/report.xls', 'report.xls', 'unsupported-xls'],
    ['unsupported/report.xls', 'report.et', 'unsupported-xls'],
    ['unsupported/report.doc', 'report.docx', 'unsupported-legacy-office'],
    ['unsupported/report.doc', 'report.bin', 'unsupported-legacy-office'],
    ['unsupported/report.doc', '<stdin>', 'unsupported-legacy-office'],
    ['unsupported/report.ofd', 'report.ofd', 'unsupported-ofd'],
    ['unsupported/report.ofd', 'report.pdf', 'unsupported-ofd'],
    ['unsupported/report.odt', 'report.odt', 'unsupported-odt'],
    ['unsupported/report.png', 'report.png', 'unsupported-image'],
    ['unsupported/report.png', 'scan.pdf', 'unsupported-image'],
    ['unsupported/report.rtf', 'report.doc', 'unsupported-rtf'],
    ['unsupported/report.rtf', 'report.rtf', 'unsupported-rtf'],
    ['unsupported/reports.zip', 'reports.zip', 'unsupported-zip'],
  ])('%s named %s gives %s', (path, file, messageId) => {
    let error: unknown;
    try {
      chooseFormat(fixture(path), file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).messageId).toBe(messageId);
  });

  test('a file named like an unreadable format with bytes of none is still told what to save it as; unknown binary is unknown-format', () => {
    const junk = new Uint8Array([0x00, 0x01, 0x02, 0x03]);
    expect(() => chooseFormat(junk, 'scan.jpg')).toThrow(
      expect.objectContaining({ messageId: 'unsupported-image', data: { kind: 'image', image: 'JPEG' } }),
    );
    expect(() => chooseFormat(junk, 'report.ofd')).toThrow(expect.objectContaining({ messageId: 'unsupported-ofd' }));
    expect(() => chooseFormat(junk, 'report.bin')).toThrow(
      expect.objectContaining({ messageId: 'unknown-format', data: { extension: 'bin' } }),
    );
    expect(() => chooseFormat(new Uint8Array(), '<stdin>')).toThrow(
      expect.objectContaining({ messageId: 'empty-file' }),
    );
  });
});

describe('reading by content', () => {
  test('HTML source in a .txt reads as HTML, to the same document as the .html', async () => {
    const bytes = fixture('html/seed-2019.html');
    const asTxt = await readBytes(bytes, 'seed-2019.txt');
    expect(asTxt.format).toBe('html');
    expect(asTxt.document).toEqual((await readBytes(bytes, 'seed-2019.html')).document);
  });

  test('a .txt that is JSON reads as JSON', async () => {
    const result = await readBytes(fixture('json/clean-2021.json'), 'clean-2021.txt');
    expect(result.format).toBe('json');
    expect(result.document).toEqual((await readBytes(fixture('json/clean-2021.json'), 'clean-2021.json')).document);
  });

  test('PDF bytes named .txt read as PDF', async () => {
    const result = await readBytes(fixture('pdf/made-2021-wrong.pdf'), 'made-2021-wrong.txt');
    expect(result.format).toBe('pdf');
    expect(result.document).toMatchObject({ template: '2021' });
  });

  test('a docx named .bin reads as docx', async () => {
    const result = await readBytes(fixture('docx/seed-2019.docx'), 'seed-2019.bin');
    expect(result.format).toBe('docx');
    expect(result.document).toEqual((await readBytes(fixture('docx/seed-2019.docx'), 'seed-2019.docx')).document);
  });

  test('a .pdf that is not one keeps its message', async () => {
    expect((await inputError(readBytes(fixture('pdf/made-not-a-pdf.pdf'), 'made-not-a-pdf.pdf'))).messageId).toBe(
      'pdf-not-pdf',
    );
  });

  test('lint() of a string of HTML under the default name reads it as HTML, and reports the format', async () => {
    const result = await lint(new TextDecoder().decode(fixture('html/clean-2021.html')));
    expect(result.error).toBeUndefined();
    expect(result.format).toBe('html');
  });

  test('lint() of an old .doc gives an input error and the format is not claimed', async () => {
    const result = await lint(OLE2, { file: 'report.doc' });
    expect(result.error).toMatchObject({ kind: 'input', messageId: 'unsupported-doc' });
    expect(result.format).toBeUndefined();
  });
});

describe('messages', () => {
  const ids = [...UNSUPPORTED_KINDS.map((kind) => `unsupported-${kind}`), 'unknown-format'];

  test.each(ids)('%s has both texts, says what to do, and never advises --input-format', (id) => {
    const message = MESSAGE_CATALOGUE.input[id];
    expect(message).toBeDefined();
    expect(message!['zh-CN']).not.toContain('input-format');
    expect(message!.en).not.toContain('input-format');
  });

  test('the advice matches the format', () => {
    const zh = (id: string) => MESSAGE_CATALOGUE.input[id]!['zh-CN'];
    expect(zh('unsupported-doc')).toContain('请用 Word/WPS 另存为 .docx（或 PDF）后再检查');
    expect(zh('unsupported-xls')).toContain('另存为 .xlsx');
    expect(zh('unsupported-ofd')).toContain('PDF');
    expect(zh('unsupported-image')).toContain('图片无法读取文字：请使用报告的 PDF、Word 或网页原件');
  });
});
