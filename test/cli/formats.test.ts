import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWith } from '../helpers/memory-io.js';
import { ROOT } from '../helpers/lint.js';

const fixture = (path: string): Buffer => readFileSync(join(ROOT, 'fixtures', path));

describe('xxgk-lint reads inputs by what they are (in-process)', () => {
  test.each([
    ['unsupported/report.doc', '请用 Word/WPS 另存为 .docx（或 PDF）后再检查', 'save it as .docx (or PDF)'],
    ['unsupported/report.wps', '请用 Word/WPS 另存为 .docx（或 PDF）后再检查', 'save it as .docx (or PDF)'],
    ['unsupported/report.xls', '另存为 .xlsx', 'save it as .xlsx'],
    ['unsupported/report.ofd', '另存为（或导出为）PDF', 'export) it as PDF'],
    [
      'unsupported/report.png',
      '这是 PNG 图片，图片无法读取文字：请使用报告的 PDF、Word 或网页原件',
      'this is a PNG image',
    ],
  ])('%s cannot be read: exit 2, one line saying what to save it as, in both languages', async (path, zh, en) => {
    const file = `fixtures/${path}`;
    const chinese = await runWith([file]);
    expect(chinese.code).toBe(2);
    expect(chinese.stderr).toMatch(new RegExp(`^xxgk-lint: ${file.replace(/\./g, '\\.')}: .*\n$`));
    expect(chinese.stderr).toContain(zh);
    expect(chinese.stderr).not.toContain('--input-format');
    const english = await runWith(['--locale', 'en', file]);
    expect(english.code).toBe(2);
    expect(english.stderr).toContain(en);
    expect(english.stderr).not.toContain('--input-format');
  });

  test('the JSON output names the message and no format', async () => {
    const run = await runWith(['-f', 'json', 'fixtures/unsupported/report.xls']);
    expect(run.code).toBe(2);
    const [result] = JSON.parse(run.stdout).files;
    expect(result.error).toMatchObject({ kind: 'input', messageId: 'unsupported-xls' });
    expect(result.format).toBeUndefined();
  });

  test('HTML source saved as .txt and a docx named .bin are linted like the originals', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'xxgk-sniff-'));
    copyFileSync(join(ROOT, 'fixtures/html/clean-2021.html'), join(folder, 'clean-2021.txt'));
    copyFileSync(join(ROOT, 'fixtures/docx/clean-2021.docx'), join(folder, 'clean-2021.bin'));
    for (const [copy, original] of [
      ['clean-2021.txt', 'fixtures/html/clean-2021.html'],
      ['clean-2021.bin', 'fixtures/docx/clean-2021.docx'],
    ] as const) {
      const run = await runWith(['-f', 'json', '--no-continuity', join(folder, copy)]);
      const want = await runWith(['-f', 'json', '--no-continuity', original]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(want.code);
      const [got] = JSON.parse(run.stdout).files;
      const [expected] = JSON.parse(want.stdout).files;
      expect(got.format).toBe(expected.format);
      expect(got.diagnostics.map((d: { ruleId: string; messageId: string }) => `${d.ruleId}/${d.messageId}`)).toEqual(
        expected.diagnostics.map((d: { ruleId: string; messageId: string }) => `${d.ruleId}/${d.messageId}`),
      );
    }
  });

  test('standard input is read by content: HTML, JSON and a docx, without --stdin-filename', async () => {
    const html = await runWith(['-f', 'json', '-'], { stdin: fixture('html/clean-2021.html').toString('utf8') });
    expect(html.stderr).toBe('');
    expect(html.code).toBe(0);
    expect(JSON.parse(html.stdout).files[0]).toMatchObject({ file: '<stdin>', format: 'html' });
    const json = await runWith(['-f', 'json', '-'], { stdin: fixture('json/clean-2021.json').toString('utf8') });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).files[0]).toMatchObject({ format: 'json' });
    const docx = await runWith(['-f', 'json', '-'], { stdin: new Uint8Array(fixture('docx/clean-2021.docx')) });
    expect(docx.code).toBe(0);
    expect(JSON.parse(docx.stdout).files[0]).toMatchObject({ format: 'docx' });
  });

  test('standard input that is an old .doc gets the unsupported message; --stdin-filename tells .doc from .xls', async () => {
    const bytes = new Uint8Array(fixture('unsupported/report.doc'));
    const bare = await runWith(['-'], { stdin: bytes });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('旧版 Office/WPS 二进制文件');
    expect(bare.stderr).not.toContain('--input-format');
    const named = await runWith(['-', '--stdin-filename', '2023.xls'], { stdin: bytes });
    expect(named.stderr).toContain('xxgk-lint: 2023.xls: ');
    expect(named.stderr).toContain('另存为 .xlsx');
  });

  test('convert reads standard input by content too, and --input-format still wins', async () => {
    const run = await runWith(['convert', '-'], { stdin: fixture('html/clean-2021.html').toString('utf8') });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ template: '2021', year: 2021 });
    const forced = await runWith(['convert', '--input-format', 'json', '-'], {
      stdin: fixture('html/clean-2021.html').toString('utf8'),
    });
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain('JSON');
  });

  test('unknown binary data says which formats can be read, not --input-format', async () => {
    const run = await runWith(['-'], { stdin: new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x04]) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('无法判断输入格式（扩展名 (none)）');
    expect(run.stderr).not.toContain('--input-format');
  });
});
