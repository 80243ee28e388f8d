import { alignBlocks } from '../../src/align/blocks-to-report.js';
import { readText } from '../../src/read/text.js';
import type { ReadResult } from '../../src/read/types.js';

const read = (text: string): ReadResult =>
  alignBlocks(readText(new TextEncoder().encode(text), { file: 'report.txt' }), { file: 'report.txt' });
const rules = (result: ReadResult, ruleId: string) => result.findings.filter((finding) => finding.ruleId === ruleId);

const ROWS_2021 = [
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  '1.属于国家秘密',
  '2.其他法律行政法规禁止公开',
  '3.危及“三安全一稳定”',
  '4.保护第三方合法权益',
  '5.属于三类内部事务信息',
  '6.属于四类过程性信息',
  '7.属于行政执法案卷',
  '8.属于行政查询事项',
  '1.本机关不掌握相关政府信息',
  '2.没有现成信息需要另行制作',
  '3.补正后申请内容仍不明确',
  '1.信访举报投诉类申请',
  '2.重复申请',
  '3.要求提供公开出版物',
  '4.无正当理由大量反复申请',
  '5.要求行政机关确认或重新出具已获取信息',
  '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  '3.其他',
  '（七）总计',
  '四、结转下年度继续办理',
];

/** A 2021 report as tab-separated text: new applications by natural persons `n`, all granted, table 四's 15 figures. */
function report(year: number, n: number, review: readonly number[]): string {
  const row = (label: string, value: number): string => [label, value, 0, 0, 0, 0, 0, value].join('\t');
  const figures = (label: string): number =>
    label.startsWith('一、') || label.startsWith('（一）') || label.startsWith('（七）') ? n : 0;
  const h = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  return [
    `某市某区人民政府${year}年政府信息公开工作年度报告`,
    '一、总体情况',
    `${year}年，我区收到政府信息公开申请${n}件。`,
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
    '\t自然人\t法人或其他组织\t\t\t\t\t总计',
    '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
    ...ROWS_2021.map((label) => row(label, figures(label))),
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议\t\t\t\t\t行政诉讼',
    '\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉',
    [...h, ...h, ...h].join('\t'),
    review.join('\t'),
    '五、存在的主要问题及改进情况',
    '一是公开内容不够全面。',
    '六、其他需要报告的事项',
    '无。',
    '',
  ].join('\n');
}

describe('two reports in one text (a crawl of two pages, or a page and another year’s)', () => {
  const first = report(2024, 9, [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]);
  const second = report(2023, 5, [10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5]);
  const footer = '相关链接：2023年政府信息公开工作年度报告\n联系电话：0517-87290606 浏览次数: 1234\n';

  test('table 四 is the first report’s, not a mix of both reports’ figures', () => {
    const result = read(first + footer + second);
    expect(result.document.year).toBe(2024);
    expect(result.document.reviewLitigation).toEqual({
      review: { upheld: '1', corrected: '1', other: '0', pending: '0', total: '2' },
      litigationDirect: { upheld: '1', corrected: '0', other: '0', pending: '0', total: '1' },
      litigationAfterReview: { upheld: '2', corrected: '0', other: '1', pending: '0', total: '3' },
    });
    expect(result.document.applications?.new).toEqual({
      naturalPerson: '9',
      commercial: '0',
      research: '0',
      publicInterest: '0',
      legalService: '0',
      otherOrg: '0',
      total: '9',
    });
    expect(rules(result, 'unreadable-row')).toEqual([]);
    expect(rules(result, 'missing-row')).toEqual([]);
  });

  test('a table of contents listing the headings before the body is no second report', () => {
    const contents =
      '目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n六、其他需要报告的事项\n';
    const result = read(contents + first);
    expect(result.document.reviewLitigation?.litigationAfterReview).toEqual({
      upheld: '2',
      corrected: '0',
      other: '1',
      pending: '0',
      total: '3',
    });
  });
});

describe('a crawled CMS page: navigation before the report, links to other years’ reports after it', () => {
  const body = report(2024, 9, [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]);
  const menu =
    '首页 > 政府信息公开 > 政府信息公开年度报告\n' +
    '网站首页 政务公开 政府信息公开 政府信息公开指南 政府信息公开制度 法定主动公开内容 政府信息公开年度报告\n' +
    '发布日期：2025-01-15 来源：区政府办 浏览次数: 1234\n';
  const links =
    '【打印本页】【关闭窗口】 相关链接：2023年政府信息公开工作年度报告 2022年政府信息公开工作年度报告\n' +
    '主办单位：某区人民政府办公室 联系电话：0517-87290606 浏览次数: 5678\n';

  test('the menu is no agency: the agency is the title’s', () => {
    expect(read(menu + body + links).document.agency).toBe('某市某区人民政府');
  });

  test('the page on one line: the year is the report’s, not a linked report’s', () => {
    const page = (menu + body + links).replace(/[\n\t]/gu, ' ');
    const result = read(page);
    expect(result.document.year).toBe(2024);
    expect(result.document.reviewLitigation?.review).toEqual({
      upheld: '1',
      corrected: '1',
      other: '0',
      pending: '0',
      total: '2',
    });
  });
});

describe('figures printed in brackets, (72)', () => {
  const text = report(2024, 9, [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3])
    // Every tab-separated cell holding a figure: (9), (0)…
    .replace(/(?<=^|\t)(\d+)(?=\t|$)/gmu, '($1)');

  test('are cells read as printed (no number), not empty cells of a blank template nor part of a row’s label', () => {
    const result = read(text);
    expect(result.document.reviewLitigation?.review).toEqual({
      upheld: '(1)',
      corrected: '(1)',
      other: '(0)',
      pending: '(0)',
      total: '(2)',
    });
    expect(result.document.applications?.new?.naturalPerson).toBe('(9)');
    expect(rules(result, 'missing-row')).toEqual([]);
  });
});

describe('tab-separated text hard-wrapped at a width', () => {
  /** Hard-wraps every line at `width` code points, as a crawler or a mail client does. */
  const wrap = (text: string, width: number): string =>
    text
      .split('\n')
      .flatMap((line) => {
        const points = Array.from(line);
        const pieces: string[] = [];
        for (let at = 0; at < points.length || at === 0; at += width)
          pieces.push(points.slice(at, at + width).join(''));
        return pieces;
      })
      .join('\n');
  const whole = report(2024, 769, [12, 1, 0, 0, 13, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]);

  test.each([22, 30, 40])('at %i: each figure the wrap split (769 as 7 / 69) is read whole, as unwrapped', (width) => {
    const wrapped = wrap(whole, width);
    expect(wrapped.split('\n').some((line) => /\d$/u.test(line))).toBe(true);
    const result = read(wrapped);
    const unwrapped = read(whole);
    expect(result.document.applications).toEqual(unwrapped.document.applications);
    expect(result.document.reviewLitigation).toEqual(unwrapped.document.reviewLitigation);
    expect(rules(result, 'unreadable-row')).toEqual([]);
  });

  test('a row ending at the width is not run into the next row', () => {
    const row = '1.本机关不掌握相关政府信息\t31\t0\t0\t0\t0\t0\t31';
    const width = Array.from(row).length;
    const rows = [
      '三、收到和处理政府信息公开申请情况',
      ...Array.from({ length: 6 }, () => '信'.repeat(width)),
      row,
      '2.没有现成信息需要另行制作\t1\t0\t0\t0\t0\t0\t1',
    ];
    const result = read(`${rows.join('\n')}\n`);
    expect(result.document.applications?.unavailableNotHeld?.total).toBe('31');
    expect(result.document.applications?.unavailableNeedsCreation?.naturalPerson).toBe('1');
  });
});

describe('section headings numbered like sub-headings', () => {
  const body = report(2024, 9, [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]);

  test('（三）收到和处理政府信息公开申请情况 heads table 三', () => {
    const result = read(body.replace('三、收到和处理政府信息公开申请情况', '（三）收到和处理政府信息公开申请情况'));
    expect(result.document.applications?.new?.total).toBe('9');
    expect(result.document.reviewLitigation?.litigationAfterReview?.total).toBe('3');
    expect(rules(result, 'missing-table').map((finding) => finding.data)).toEqual([
      expect.objectContaining({ table: '二、主动公开政府信息情况' }),
    ]);
  });

  test('the overview’s sub-headings under other numbers head no section', () => {
    const text = body.replace(
      '一、总体情况\n',
      '一、总体情况\n（一）主动公开政府信息情况\n（二）收到和处理政府信息公开申请情况\n（四）因政府信息公开申请的行政复议、行政诉讼情况\n',
    );
    const result = read(text);
    expect(result.document.applications?.new?.total).toBe('9');
    expect(rules(result, 'missing-table')).toHaveLength(1);
  });
});
