import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_HEAD_BYTES, reportVerdict } from '../../src/cli/report-content.js';
import { fixtureFiles, ROOT } from '../helpers/lint.js';

const head = (path: string) => new Uint8Array(readFileSync(join(ROOT, path))).subarray(0, REPORT_HEAD_BYTES);
const encode = (text: string) => new TextEncoder().encode(text);

describe('reportVerdict: a file found in a directory is a report by its content', () => {
  const textFixtures = fixtureFiles().filter(
    (path) =>
      /^(json|csv|html|text|excerpts)\/[^/]+\.(json|csv|html|txt|md)$/u.test(path) &&
      !path.endsWith('.expected.json') &&
      !/README/u.test(path),
  );

  it.each(textFixtures)('takes the report fixture %s', (path) => {
    expect(reportVerdict(path, head(`fixtures/${path}`))).toMatchObject({ report: true });
  });

  it('tells apart the reasons: JSON contract, long CSV, heading, table label, title', () => {
    expect(reportVerdict('a.json', encode('{"template":"2021","year":2023}'))).toEqual({
      report: true,
      reason: 'json-contract',
    });
    expect(reportVerdict('a.csv', encode('table,row,column,value\ntemplate,,,2019\n'))).toEqual({
      report: true,
      reason: 'long-csv',
    });
    expect(reportVerdict('a.md', encode('# 某局\n\n## 三、收到和处理政府信息公开申请情况\n'))).toEqual({
      report: true,
      reason: 'heading',
    });
    expect(reportVerdict('a.csv', encode('信息内容,本年新制作数量,本年新公开数量\n'))).toEqual({
      report: true,
      reason: 'table-label',
    });
    expect(reportVerdict('a.txt', encode('某市审计局2023年政府信息公开工作年度报告\n'))).toEqual({
      report: true,
      reason: 'title',
    });
    expect(reportVerdict('a.html', encode('<html><body><h2>二、主动公开政府信息情况</h2></body></html>'))).toEqual({
      report: true,
      reason: 'heading',
    });
    // Traditional script and GB18030 bytes are read as well.
    expect(
      reportVerdict(
        'a.txt',
        new Uint8Array(
          Buffer.from([
            0xb6, 0xfe, 0xa1, 0xa2, 0xd6, 0xf7, 0xb6, 0xaf, 0xb9, 0xab, 0xbf, 0xaa, 0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5,
            0xcf, 0xa2, 0xc7, 0xe9, 0xbf, 0xf6,
          ]),
        ),
      ),
    ).toEqual({ report: true, reason: 'heading' });
  });

  it('passes over the documents of a repository that are not reports', () => {
    expect(
      reportVerdict('CHANGELOG.md', encode('# 更新日志\n\n## 1.2.0\n- 修复了年度报告统计页面的排版问题\n')),
    ).toEqual({ report: false, reason: 'no-report-content' });
    expect(reportVerdict('fixtures/README.md', head('fixtures/README.md'))).toEqual({
      report: false,
      reason: 'no-report-content',
    });
    expect(reportVerdict('notes.txt', encode('会议纪要：下周二讨论预算。\n'))).toEqual({
      report: false,
      reason: 'no-report-content',
    });
    expect(reportVerdict('data.json', encode('{"name":"x","version":"1.0.0"}'))).toEqual({
      report: false,
      reason: 'no-report-content',
    });
    expect(reportVerdict('empty.txt', new Uint8Array())).toEqual({ report: false, reason: 'empty' });
    expect(reportVerdict('binary.txt', new Uint8Array([0, 1, 2, 3, 0xff]))).toEqual({
      report: false,
      reason: 'binary-content',
    });
    expect(reportVerdict('photo.png', encode('x'))).toEqual({ report: false, reason: 'not-a-report-format' });
  });

  it('takes PDF, .docx and .xlsx by their names: their content is not parsed to decide', () => {
    for (const file of ['a.pdf', 'a.docx', 'a.xlsx'])
      expect(reportVerdict(file, encode('%PDF-1.7'))).toEqual({ report: true, reason: 'binary-format' });
  });

  it('reads a heading whose UTF-8 character is cut by the window', () => {
    const text = encode(`${'说明'.repeat(10)}\n四、政府信息公开行政复议、行政诉讼情况\n说明`);
    expect(reportVerdict('a.txt', text.subarray(0, text.length - 2))).toMatchObject({ report: true });
  });
});
