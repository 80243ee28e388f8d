import { alignBlocks } from '../../src/align/blocks-to-report.js';
import { captionOf, isValueText, sectionOfHeading } from '../../src/model/labels.js';
import type { Block, RawRow, ReadContext } from '../../src/read/types.js';

const row = (rowIndex: number, ...texts: string[]): RawRow => ({
  cells: texts.map((text, index) => ({ text, origin: { tableIndex: 1, rowIndex, columnIndex: index + 1 } })),
  origin: { tableIndex: 1, rowIndex },
});
const text = (value: string): Block => ({ kind: 'text', text: value, origin: {} });
const table = (...rows: RawRow[]): Block => ({ kind: 'table', table: { rows, origin: { tableIndex: 1 } } });
const context = { file: 'x.html' };
const blocksToReport = (blocks: Block[], readContext: ReadContext) =>
  alignBlocks({ format: 'html', blocks }, readContext);

describe('helpers', () => {
  test.each([
    ['一,、總體情況', 'overview'],
    ['## 二、主动公开政府信息情况', 'active'],
    ['表三：收到和处理政府信息公开申请情况', 'applications'],
    ['四、政府信息公开行政复议、行政诉讼情况', 'reviewLitigation'],
    ['五、政府信息公开工作存在的主要问题及改进情况', 'problems'],
    ['六、其他需要报告的事项', 'other'],
    ['四、结转下年度继续办理', undefined],
    ['三、', undefined],
  ])('sectionOfHeading(%s) = %s', (input, expected) => {
    expect(sectionOfHeading(input)).toBe(expected);
  });

  test('captions and values', () => {
    expect(captionOf('第二十条 第(五)项')).toBe('第二十条第（五）项');
    expect(['36', '-3', '4449.48萬元', '無', '—', '1,234', '０']).toEqual(expect.arrayContaining(['36']));
    for (const value of ['36', '-3', '4449.48萬元', '無', '—', '1,234', '０', '0件'])
      expect(isValueText(value)).toBe(true);
    for (const label of ['1.属于国家秘密', '规章', '']) expect(isValueText(label)).toBe(false);
  });
});

describe('alignBlocks on grid tables (HTML, docx, xlsx)', () => {
  const blocks: Block[] = [
    text('2021年度政府信息公开工作年度报告'),
    text('二、主动公开政府信息情况'),
    table(
      row(1, '第二十条第（一）项', '', '', ''),
      row(2, '信息内容', '本年制发件数', '本年废止件数', '现行有效件数'),
      row(3, '规章', '1', '0', '11'),
      row(4, '行政规范性文件', '8', '26', '66'),
      row(5, '第二十条第（五）项', '', '', ''),
      row(6, '信息内容', '本年处理决定数量', '', ''),
      row(7, '行政许可', '447228', '', ''),
    ),
    text('三、收到和处理政府信息公开申请情况'),
    table(
      row(1, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '', '申请人情况'),
      row(2, '一、本年新收政府信息公开申请数量', '', '', '3', '0', '0', '0', '0', '0', '3'),
      row(3, '三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '1', '0', '0', '0', '0', '0', '1'),
      row(4, '', '', '2.其他法律行政法规禁止公开', '0', '0', '0', '0', '0', '0', '0'),
      row(5, '合计小计', '', '', '9', '9', '9', '9', '9', '9', '9'),
    ),
  ];
  const result = blocksToReport(blocks, context);

  test('template, year and values by header, with blanks from merged label cells dropped', () => {
    expect(result.document.template).toBe('2021');
    expect(result.document.year).toBe(2021);
    expect(result.document.active?.regulations).toEqual({ issued: '1', repealed: '0', inForce: '11' });
    expect(result.document.active?.licensing).toEqual({ decisions: '447228' });
    expect(result.document.applications?.new).toEqual({
      naturalPerson: '3',
      commercial: '0',
      research: '0',
      publicInterest: '0',
      legalService: '0',
      otherOrg: '0',
      total: '3',
    });
    expect(result.document.applications?.withheldProhibitedByLaw?.total).toBe('0');
  });

  test('origins carry what the blocks carried', () => {
    expect(result.locate('/active/regulations/inForce')).toEqual({
      tableIndex: 1,
      rowIndex: 3,
      columnIndex: 4,
      pointer: '/active/regulations/inForce',
    });
    expect(result.locate('/applications/new/total')).toMatchObject({ rowIndex: 2, columnIndex: 10 });
  });

  test('findings: unknown row, missing rows, missing table', () => {
    const unknown = result.findings.filter((finding) => finding.ruleId === 'unknown-row');
    expect(unknown).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ label: '合计小计' }),
        origin: expect.objectContaining({ rowIndex: 5 }),
      }),
    ]);
    const missingActive = result.findings.filter(
      (finding) => finding.ruleId === 'missing-row' && String(finding.origin.pointer).startsWith('/active/'),
    );
    expect(missingActive.map((finding) => finding.origin.pointer)).toEqual([
      '/active/penalty',
      '/active/coercion',
      '/active/fees',
    ]);
    expect(
      result.findings.filter((finding) => finding.ruleId === 'missing-table').map((finding) => finding.origin.pointer),
    ).toEqual(['/reviewLitigation']);
  });

  test('--template and --year override detection; a mix of templates is a finding', () => {
    const mixed = blocksToReport(
      [
        text('某局2021年度政府信息公开工作年度报告'),
        text('二、主动公开政府信息情况'),
        table(
          row(1, '信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'),
          row(2, '行政规范性文件', '1', '1', '1'),
          row(3, '信息内容', '本年处理决定数量'),
          row(4, '行政许可', '5'),
          row(5, '信息内容', '本年收费金额（单位：万元）'),
          row(6, '行政事业性收费', '1.5'),
        ),
      ],
      context,
    );
    expect(mixed.document.template).toBe('2021');
    expect(mixed.findings.filter((finding) => finding.ruleId === 'mixed-template')).toHaveLength(1);
    const forced = blocksToReport(blocks, { ...context, template: '2019', year: 2020 });
    expect(forced.document.template).toBe('2019');
    expect(forced.document.year).toBe(2020);
  });
});
