import { readFileSync } from 'node:fs';
import { lintBytes, readBytes } from '../../src/pipeline/lint.js';
import type { ReadResult } from '../../src/read/types.js';
import { splitAtHeadings } from '../../src/read/inline-headings.js';
import { getTemplate } from '../../src/model/template.js';
import { valueText } from '../helpers/cells.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = (text: string): Promise<ReadResult> => readBytes(encode(text), 'report.txt');
const lint = (text: string) => lintBytes(encode(text), 'report.txt');
const findingsOf = (result: ReadResult, ruleId: string) =>
  result.findings.filter((finding) => finding.ruleId === ruleId);

const HEADER = ['2022年政府信息公开工作年度报告', '三、收到和处理政府信息公开申请情况'];
const NEW = '一、本年新收政府信息公开申请数量';
const CARRIED = '二、上年结转政府信息公开申请数量';

describe('crawled text: the whole page on one line, cells run together', () => {
  const page = (newRow: string, carried = '0000000'): string =>
    `2022年政府信息公开工作年度报告 一、总体情况 本年度工作平稳。三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他${NEW}${newRow}${CARRIED}${carried}三、本年度办理结果（一）予以公开0000000五、存在的主要问题及改进情况 无。`;

  test('a run with one split is read as it stands', async () => {
    const result = await read(page('7000007'));
    expect(result.document.applications?.new).toEqual({
      naturalPerson: '7',
      commercial: '0',
      research: '0',
      publicInterest: '0',
      legalService: '0',
      otherOrg: '0',
      total: '7',
    });
    expect(result.inferred ?? new Set()).toEqual(new Set());
  });

  test('several splits, one making the row total hold: chosen, inferred, and said once per table', async () => {
    const result = await read(page('801000081'));
    expect(result.document.applications?.new).toEqual({
      naturalPerson: '80',
      commercial: '1',
      research: '0',
      publicInterest: '0',
      legalService: '0',
      otherOrg: '0',
      total: '81',
    });
    expect([...(result.inferred ?? [])]).toContain('/applications/new/total');
    expect([...(result.totalsUsed ?? [])]).toEqual(['/applications/new']);
    expect(findingsOf(result, 'inferred-cells')).toHaveLength(1);
  });

  test('the row total that placed the cells is not counted as a passed check', async () => {
    const result = await lintBytes(encode(page('801000081')), 'report.txt');
    expect(result.rules.find((run) => run.id === 'applications-row-total')?.status).toBe('not-evaluated');
    expect(
      result.diagnostics.filter(
        (diagnostic) => diagnostic.ruleId === 'applications-row-total' && diagnostic.cell?.row === 'new',
      ),
    ).toEqual([]);
  });

  test('several splits make the total hold: the row is unreadable, its cells absent, and no sum is said to fail', async () => {
    const result = await lint(page('8911661510137'));
    const unreadable = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'unreadable-row');
    expect(unreadable.map((diagnostic) => diagnostic.data)).toEqual([
      expect.objectContaining({ row: NEW, digits: '8911661510137', columns: 7 }),
    ]);
    expect(
      result.diagnostics.filter(
        (diagnostic) => diagnostic.severity === 'error' && diagnostic.ruleId.startsWith('applications-'),
      ),
    ).toEqual([]);
    expect((await read(page('8911661510137'))).document.applications?.new).toBeUndefined();
  });

  test('a row number stuck to the digits before it belongs to the next label (00000002.其他…)', async () => {
    const text = `2019年政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000四、结转下年度继续办理 0 0 00 00 0 四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计000000000000000 五、存在的主要问题及改进情况 无。`;
    const result = await read(text);
    expect(Object.values(result.document.applications?.withheldProhibitedByLaw ?? {})).toEqual([
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(Object.values(result.document.applications?.carriedForward ?? {})).toEqual([
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
      '0',
    ]);
    expect(Object.keys(result.document.reviewLitigation ?? {})).toEqual([
      'review',
      'litigationDirect',
      'litigationAfterReview',
    ]);
  });

  test('table 四 run together over three rows, split by each row’s total', async () => {
    const text = `2022年政府信息公开工作年度报告 四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计54121224141110001 五、存在的主要问题及改进情况 无。`;
    const result = await read(text);
    expect(result.document.reviewLitigation).toEqual({
      review: { upheld: '5', corrected: '4', other: '1', pending: '2', total: '12' },
      litigationDirect: { upheld: '2', corrected: '4', other: '1', pending: '4', total: '11' },
      litigationAfterReview: { upheld: '1', corrected: '0', other: '0', pending: '0', total: '1' },
    });
    expect(result.inferred?.has('/reviewLitigation/review/upheld')).toBe(true);
  });

  test('table 四 run together: read over all three rows, not as two rows of five with one row left empty', async () => {
    // 5 5 1 1 12 | 24 34 13 345 416 also makes two rows' totals hold; the run is the three rows' fifteen figures.
    const text = `2019年政府信息公开工作年度报告 四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计551112243413345416 五、存在的主要问题及改进情况 无。`;
    const result = await read(text);
    expect(result.document.reviewLitigation).toEqual({
      review: { upheld: '5', corrected: '5', other: '1', pending: '1', total: '12' },
      litigationDirect: { upheld: '2', corrected: '4', other: '3', pending: '4', total: '13' },
      litigationAfterReview: { upheld: '3', corrected: '4', other: '5', pending: '4', total: '16' },
    });
    expect(findingsOf(result, 'unreadable-row')).toEqual([]);
  });

  test('a page on one line with cells spaced: dashes and 无 between the figures are cells, not labels', async () => {
    const result = await read(
      `2022年政府信息公开工作年度报告 一、总体情况 本年度工作平稳。三、收到和处理政府信息公开申请情况 申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 ${NEW} 21 — — 无 — — 21 ${CARRIED} — — — — — — — 三、本年度办理结果 （一）予以公开 4 无 无 无 无 无 4 五、存在的主要问题及改进情况 无。`,
    );
    expect(result.document.applications?.new).toEqual({
      naturalPerson: '21',
      commercial: '—',
      research: '—',
      publicInterest: '无',
      legalService: '—',
      otherOrg: '—',
      total: '21',
    });
    expect(Object.values(result.document.applications?.carriedOver ?? {})).toEqual(Array(7).fill('—'));
    expect(result.document.applications?.granted?.total).toBe('4');
    expect(findingsOf(result, 'unreadable-row')).toEqual([]);
  });

  test('inline headings split a line only where a section phrase follows the numeral', () => {
    const pieces = splitAtHeadings(
      '前言。一、总体情况正文（四）因政府信息公开申请的行政复议、行政诉讼情况无。二、主动公开政府信息情况规章000',
    );
    expect(pieces.filter((piece) => piece.heading).map((piece) => piece.text)).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
    ]);
  });
});

describe('one value per line or per paragraph', () => {
  test('blank lines beyond the usual spacing are the empty cells before a value', async () => {
    const lines = [
      ...HEADER,
      '',
      NEW,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      ' 3',
      '',
      CARRIED,
      '',
      '0',
      '',
      '0',
      '',
      '0',
      '',
      '0',
      '',
      '0',
      '',
      '0',
      '',
      '0',
      '',
      '五、存在的主要问题及改进情况',
    ];
    const result = await read(lines.join('\n'));
    expect(result.document.applications?.new).toEqual({
      naturalPerson: '',
      commercial: '',
      research: '',
      publicInterest: '',
      legalService: '',
      otherOrg: '',
      total: '3',
    });
  });

  test('fewer values than columns and nothing to place them: placed by the total and inferred, or unreadable', async () => {
    const lines = [
      ...HEADER,
      `${NEW} |`,
      '3 |',
      '3 |',
      '|||||||',
      `${CARRIED} |`,
      '2 |',
      '|||||||',
      '五、存在的主要问题及改进情况',
    ];
    const result = await read(lines.join('\n'));
    expect(result.document.applications?.new).toEqual({
      naturalPerson: '3',
      commercial: '',
      research: '',
      publicInterest: '',
      legalService: '',
      otherOrg: '',
      total: '3',
    });
    expect(result.inferred?.has('/applications/new/naturalPerson')).toBe(true);
    expect(result.document.applications?.carriedOver).toBeUndefined();
    expect(findingsOf(result, 'unreadable-row').map((finding) => finding.data.row)).toEqual([CARRIED]);
    expect(findingsOf(result, 'missing-row').map((finding) => finding.data.row)).not.toContain(CARRIED);
  });

  test('a label printed with no cells at all is present with nothing to read: not missing, not invented as 0', async () => {
    const lines = [...HEADER, NEW, CARRIED, '五、存在的主要问题及改进情况'];
    const result = await read(lines.join('\n'));
    expect(result.document.applications?.new).toBeUndefined();
    expect(findingsOf(result, 'missing-row').map((finding) => finding.data.row)).not.toEqual(
      expect.arrayContaining([NEW, CARRIED]),
    );
    expect(findingsOf(result, 'unreadable-row')).toEqual([
      expect.objectContaining({ messageId: 'label-only', data: expect.objectContaining({ count: 2 }) }),
    ]);
  });
});

describe('2019’s single （六）其他处理 row in a 2021 report, one value per line', () => {
  // Table 三 of a 2021 report one cell per line; `other` is what stands between 5.要求行政机关确认… and （七）总计.
  const table3 = (other: string[]): string => {
    const lines = ['某局2023年政府信息公开工作年度报告', '三、收到和处理政府信息公开申请情况'];
    for (const row of getTemplate('2021').def.tables.find((table) => table.key === 'applications')!.rows) {
      if (row.key.startsWith('other')) continue;
      if (row.key === 'total') lines.push(...other);
      lines.push(
        row.label,
        ...(row.key === 'total' || row.key === 'new' ? ['2', '0', '0', '0', '0', '0', '2'] : Array(7).fill('0')),
      );
    }
    lines.push('五、存在的主要问题及改进情况', '无。');
    return lines.join('\n');
  };

  test('the label with its figures after it and no 2021 sub-row named: read as the older row, not as sub-row 1', async () => {
    const result = await read(table3(['（六）其他处理', '1', '0', '0', '0', '0', '0', '1']));
    expect(result.document.applications?.otherHandling?.total).toBe('1');
    expect(result.document.applications?.otherNoCorrection).toBeUndefined();
    expect(findingsOf(result, 'mixed-template')).toHaveLength(1);
    expect(findingsOf(result, 'missing-row')).toEqual([]);
  });

  test('the 2021 group label followed by its three sub-rows stays a group label', async () => {
    const sub = getTemplate('2021')
      .def.tables.find((table) => table.key === 'applications')!
      .rows.filter((row) => row.key.startsWith('other'));
    const result = await read(
      table3(['（六）其他处理', ...sub.flatMap((row) => [row.label, '1', '0', '0', '0', '0', '0', '1'])]),
    );
    expect(result.document.applications?.otherHandling).toBeUndefined();
    expect(result.document.applications?.otherMisc?.total).toBe('1');
    expect(findingsOf(result, 'mixed-template')).toEqual([]);
    expect(findingsOf(result, 'missing-row')).toEqual([]);
  });
});

describe('one value per line with the empty cells dropped (a page whose cells are paragraphs)', () => {
  const REVIEW_HEADER = [
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议',
    '行政诉讼',
    ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    '未经复议直接起诉',
    '复议后起诉',
    ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
    ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
  ];

  test("a value alone on its line is one cell: 31 is never split into 3 and 1 to fill a dropped cell's place", async () => {
    // 10 2 1 _ 1 17 31 with the empty 社会公益组织 cell dropped: six values for seven cells.
    const lines = [
      ...HEADER,
      NEW,
      '10',
      '2',
      '1',
      '1',
      '17',
      '31',
      CARRIED,
      ...'0000000'.split(''),
      '五、存在的主要问题及改进情况',
    ];
    const result = await read(lines.join('\n'));
    const row = result.document.applications?.new ?? {};
    expect(row.total).toBe('31');
    expect(Object.values(row)).not.toContain('3');
    expect([...(result.inferred ?? [])].filter((pointer) => pointer.startsWith('/applications/new/'))).toHaveLength(7);
  });

  test("table 四's figures after its header with empty cells dropped: the rows they divide into are not read", async () => {
    // 行政复议 _ _ 27 _ 27 | 直接起诉 _ _ 17 17 34 | 复议后起诉 12 24 _ _ 36, the empty cells dropped.
    const figures = ['27', '27', '17', '17', '34', '12', '24', '36'];
    const result = await read([HEADER[0]!, ...REVIEW_HEADER, ...figures, '五、存在的主要问题及改进情况'].join('\n'));
    expect(result.document.reviewLitigation ?? {}).toEqual({});
    const linted = await lint([HEADER[0]!, ...REVIEW_HEADER, ...figures, '五、存在的主要问题及改进情况'].join('\n'));
    // No sum is said to fail on figures placed by a guess; the rows are said not to be read.
    expect(linted.diagnostics.filter((diagnostic) => diagnostic.messageId === 'mismatch')).toEqual([]);
    expect(findingsOf(result, 'unreadable-row').map((finding) => finding.messageId)).toContain('order');
  });

  const SIX_2021 = [
    '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '3.其他',
  ];
  const tail = ['（七）总计', '1', '0', '0', '0', '0', '0', '1', '四、结转下年度继续办理', ...'0000000'.split('')];

  test("2019's （六）其他处理 one cell to a line in a 2021 report is that row, not the first of 2021's three", async () => {
    const lines = [
      ...HEADER,
      '（六）其他处理',
      '1',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1',
      ...tail,
      '五、存在的主要问题及改进情况',
    ];
    const result = await read(lines.join('\n'));
    expect(result.document.applications?.otherHandling?.total).toBe('1');
    expect(result.document.applications?.otherNoCorrection).toBeUndefined();
    const missing = findingsOf(result, 'missing-row').map((finding) => finding.data.row);
    for (const label of SIX_2021) expect(missing).not.toContain(label);
    expect(findingsOf(result, 'mixed-template')).toHaveLength(1);
  });

  test('zero-width characters a web editor left in copied text print nothing and change no cell', async () => {
    const lines = [
      ...HEADER,
      '\u200b（六）其他处理',
      '\u200b1',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1\u200b',
      ...tail,
      '五、存在的主要问题及改进情况',
    ];
    const result = await read(lines.join('\n'));
    expect(result.document.applications?.otherHandling).toEqual({
      naturalPerson: '1',
      commercial: '0',
      research: '0',
      publicInterest: '0',
      legalService: '0',
      otherOrg: '0',
      total: '1',
    });
  });

  test("2021's （六）其他处理 group label on a line of its own above its three rows is no 2019 row", async () => {
    const figures = (total: string) => [total, '0', '0', '0', '0', '0', total];
    const lines = [
      ...HEADER,
      '（六）其他处理',
      SIX_2021[0]!,
      ...figures('1'),
      SIX_2021[1]!,
      ...figures('0'),
      SIX_2021[2]!,
      ...figures('0'),
      ...tail,
      '五、存在的主要问题及改进情况',
    ];
    const result = await read(lines.join('\n'));
    expect(result.document.applications?.otherNoCorrection?.total).toBe('1');
    expect(result.document.applications?.otherHandling).toBeUndefined();
    expect(findingsOf(result, 'mixed-template')).toEqual([]);
  });

  test("table 四's fifteen figures one to a line after its header are read in order", async () => {
    const figures = ['0', '0', '27', '0', '27', '0', '0', '17', '17', '34', '12', '24', '0', '0', '36'];
    const result = await read([HEADER[0]!, ...REVIEW_HEADER, ...figures, '五、存在的主要问题及改进情况'].join('\n'));
    expect(result.document.reviewLitigation).toEqual({
      review: { upheld: '0', corrected: '0', other: '27', pending: '0', total: '27' },
      litigationDirect: { upheld: '0', corrected: '0', other: '17', pending: '17', total: '34' },
      litigationAfterReview: { upheld: '12', corrected: '24', other: '0', pending: '0', total: '36' },
    });
  });
});

describe('truncation', () => {
  test('a text that ends with table 四’s last figure and no line end is whole: the figure is read, nothing is cut', async () => {
    // A paste of a real report's tables (hongze 2024, pdftotext -layout) up to its last figure, 复议后起诉 总计 = 3.
    const full = readFileSync(new URL('../../fixtures/text/hongze-2024.layout.txt', import.meta.url), 'utf8');
    const tables = full.slice(0, full.indexOf('五、存在的主要问题')).trimEnd();
    expect(tables.endsWith('3')).toBe(true);
    const result = await read(tables);
    expect(findingsOf(result, 'truncated')).toEqual([]);
    expect(result.document.reviewLitigation?.litigationAfterReview).toEqual(
      expect.objectContaining({ total: '3', other: '1' }),
    );
    // Cut in its last figure before the table is whole, the same text is cut, and that figure is left out.
    const cut = await read(tables.slice(0, tables.lastIndexOf('1')));
    expect(findingsOf(cut, 'truncated')).toHaveLength(1);
  });

  test('text that ends inside a table: one truncated finding, the cut row read up to the cut, nothing after it missing', async () => {
    const lines = [...HEADER, `| ${NEW} | 3 | 0 | 0 | 0 | 0 | 0 | 3 |`, `| ${CARRIED} | 1 | 0 | 0`];
    const result = await read(lines.join('\n'));
    expect(result.document.applications?.carriedOver).toEqual({ naturalPerson: '1', commercial: '0', research: '0' });
    expect(findingsOf(result, 'truncated')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          row: '二、上年结转',
          line: 4,
          tables: '四、政府信息公开行政复议、行政诉讼情况',
        }),
      }),
    ]);
    expect(findingsOf(result, 'missing-row')).toEqual([]);
    expect(findingsOf(result, 'missing-table').map((finding) => finding.data.table)).not.toContain(
      '四、政府信息公开行政复议、行政诉讼情况',
    );
    // Nor do the rules list the cells past the cut as missing: the truncated finding has said it.
    const linted = await lint(lines.join('\n'));
    const listed = linted.diagnostics.flatMap((diagnostic) =>
      Array.isArray(diagnostic.data.missing) ? (diagnostic.data.missing as Array<{ row: string; table: string }>) : [],
    );
    expect(
      listed.filter(
        (cell) => cell.table === 'reviewLitigation' || (cell.table === 'applications' && cell.row !== 'new'),
      ),
    ).toEqual([]);
  });

  // Table 三 of a 2021 report as pipe rows with its header, every row up to (not including) `upTo` whole.
  const pipeTable3 = (upTo: string): string[] => {
    const lines = [
      '某局2023年政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |',
      '自然人 | 法人或其他组织 | 总计 |',
      '商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |',
    ];
    for (const row of getTemplate('2021').def.tables.find((table) => table.key === 'applications')!.rows) {
      if (row.key === upTo) break;
      lines.push(`${row.label} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |`);
    }
    return lines;
  };

  test('cut a few rows before （七）总计: the header’s 总计 is not taken for that row, nothing after the cut is missing', async () => {
    const result = await read([...pipeTable3('notProcessedRepeat'), '2.重复申请 | 1'].join('\n'));
    expect(findingsOf(result, 'missing-row')).toEqual([]);
    expect(findingsOf(result, 'truncated')).toEqual([
      expect.objectContaining({ messageId: 'cut', data: expect.objectContaining({ row: '2.重复申请', line: 22 }) }),
    ]);
    // The text ends on the figure 1, which may have lost digits (12 cut to 1): not read.
    expect(result.document.applications?.notProcessedRepeat).toBeUndefined();
    const whole = await read([...pipeTable3('notProcessedRepeat'), '2.重复申请 | 12 |'].join('\n'));
    expect(whole.document.applications?.notProcessedRepeat).toEqual({ naturalPerson: '12' });
  });

  test('the figure a cut text ends on may have lost digits: not read, and no sum is said to fail', async () => {
    const lines = [...HEADER, `| ${NEW} | 3050 | 0 | 0 | 0 | 0 | 0 | 305`];
    const result = await read(lines.join('\n'));
    expect(result.document.applications?.new?.total).toBeUndefined();
    expect(result.document.applications?.new?.naturalPerson).toBe('3050');
    expect(findingsOf(result, 'truncated')).toHaveLength(1);
    const linted = await lint(lines.join('\n'));
    expect(
      linted.diagnostics.filter(
        (diagnostic) => diagnostic.ruleId === 'applications-row-total' && diagnostic.messageId !== 'not-evaluated',
      ),
    ).toEqual([]);
    // One value per paragraph: the figures before the cut one stay in their columns, not placed by a total.
    const paragraphs = await read([...HEADER, '', NEW, '', '0', '', '0', '', '6', '', '6', '', '3'].join('\n'));
    expect(paragraphs.document.applications?.new).toEqual({
      naturalPerson: '0',
      commercial: '0',
      research: '6',
      publicInterest: '6',
    });
    expect(paragraphs.inferred ?? new Set()).toEqual(new Set());
  });

  test('cut in the header of table 三: truncated, no row missing', async () => {
    const result = await read(pipeTable3('new').slice(0, 4).join('\n'));
    expect(findingsOf(result, 'missing-row')).toEqual([]);
    expect(findingsOf(result, 'missing-table').map((finding) => finding.data.table)).toEqual([
      '二、主动公开政府信息情况',
    ]);
    expect(findingsOf(result, 'truncated')).toEqual([
      expect.objectContaining({ messageId: 'cut-in-header', data: expect.objectContaining({ line: 4, rowCount: 25 }) }),
    ]);
  });

  test('a Markdown table cut after its caption row is truncated, not a blank template with every row missing', async () => {
    const result = await read(
      ['某局2021年政府信息公开工作年度报告', '二、主动公开政府信息情况', '| 第二十条第（一）项 |', '|'].join('\n'),
    );
    expect(findingsOf(result, 'missing-row')).toEqual([]);
    expect(findingsOf(result, 'truncated')).toEqual([expect.objectContaining({ messageId: 'cut-in-header' })]);
  });

  test('text that ends after a whole table, or in the next heading: the tables after it are past the end, not missing', async () => {
    for (const end of [[], ['四、政府信息公']]) {
      const result = await read([...pipeTable3('none'), ...end].join('\n'));
      expect(findingsOf(result, 'missing-table').map((finding) => finding.data.table)).toEqual([
        '二、主动公开政府信息情况',
      ]);
      expect(findingsOf(result, 'truncated')).toEqual([
        expect.objectContaining({
          messageId: 'cut-after-table',
          data: expect.objectContaining({
            table: '三、收到和处理政府信息公开申请情况',
            tables: '四、政府信息公开行政复议、行政诉讼情况',
          }),
        }),
      ]);
      expect(result.document.applications?.carriedForward?.total).toBe('1');
    }
  });

  test('text that ends on a row’s label, or on a table’s heading: cut there, nothing missing', async () => {
    const label = await read([...pipeTable3('carriedForward'), '四、结转下年度继续办理'].join('\n'));
    expect(findingsOf(label, 'unreadable-row')).toEqual([]);
    expect(findingsOf(label, 'truncated')).toEqual([
      expect.objectContaining({ messageId: 'cut', data: expect.objectContaining({ row: '四、结转下年度', line: 30 }) }),
    ]);
    // Cut inside the heading of table 四, after its phrase 行政复议: still table 四's header, no row missing.
    const partial = await read([...pipeTable3('none'), '四、政府信息公开行政复议、行政'].join('\n'));
    expect(findingsOf(partial, 'missing-row')).toEqual([]);
    expect(findingsOf(partial, 'unreadable-row')).toEqual([]);
    expect(findingsOf(partial, 'truncated')).toHaveLength(1);
    // Cut after table 四's heading and the first | of its grid.
    const pipe = await read([...pipeTable3('none'), '四、政府信息公开行政复议、行政诉讼情况', '| '].join('\n'));
    expect(findingsOf(pipe, 'missing-row')).toEqual([]);
    expect(findingsOf(pipe, 'truncated')).toEqual([expect.objectContaining({ messageId: 'cut-in-header' })]);
    const heading = await read([...pipeTable3('none'), '四、政府信息公开行政复议、行政诉讼情况'].join('\n'));
    expect(findingsOf(heading, 'missing-table').map((finding) => finding.data.table)).toEqual([
      '二、主动公开政府信息情况',
    ]);
    expect(findingsOf(heading, 'truncated')).toEqual([
      expect.objectContaining({
        messageId: 'cut-in-header',
        data: expect.objectContaining({ table: '四、政府信息公开行政复议、行政诉讼情况', rowCount: 3 }),
      }),
    ]);
  });

  test('table 四 one cell per line, cut in its header or its figures: the figures stay in the rows they are printed for', async () => {
    const header = [
      '行政复议',
      '行政诉讼',
      '结果维持',
      '结果纠正',
      '其他结果',
      '尚未审结',
      '总计',
      '未经复议直接起诉',
      '复议后起诉',
    ];
    const lines = ['某局2022年政府信息公开工作年度报告', '四、政府信息公开行政复议、行政诉讼情况', ...header];
    lines.push(...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].flatMap((column) => [column, column]));
    const inHeader = await read(lines.join('\n'));
    expect(findingsOf(inHeader, 'unreadable-row')).toEqual([]);
    expect(findingsOf(inHeader, 'truncated')).toEqual([expect.objectContaining({ messageId: 'cut-in-header' })]);
    const early = await read([...lines, '0', '0'].join('\n'));
    expect(early.document.reviewLitigation).toEqual({ review: { upheld: '0', corrected: '0' } });
    expect(findingsOf(early, 'missing-row')).toEqual([]);
    lines.push('0', '0', '0', '0', '0', '0', '17', '0');
    const result = await read(lines.join('\n'));
    expect(result.document.reviewLitigation).toEqual({
      review: { upheld: '0', corrected: '0', other: '0', pending: '0', total: '0' },
      litigationDirect: { upheld: '0', corrected: '17', other: '0' },
    });
    expect(findingsOf(result, 'unreadable-row')).toEqual([]);
    expect(findingsOf(result, 'truncated')).toHaveLength(1);
  });
});

describe('rows printed whole stand wherever they are; the rest follows the template order', () => {
  test('a table moved after the next table’s first rows (PDF to Markdown)', async () => {
    const text = [
      '2024年政府信息公开工作年度报告',
      '一、主动公开政府信息情况',
      '第二十条第（五）项',
      '信息内容本年处理决定数量',
      '行政许可 97',
      '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
      '|---|---|---|---|',
      '| 规章 | 0 | 0 | 0 |',
      '| 规范性文件 | 13 | 0 | 55 |',
      '二、收到和处理政府信息公开申请情况',
      `| ${NEW} | 32 | 2 | 0 | 0 | 0 | 0 | 34 |  |`,
      '| 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      '（二）部分公开（区分处理的，只',
      '| 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    ].join('\n');
    const result = await read(text);
    expect(result.document.active?.licensing).toEqual({ decisions: '97' });
    expect(result.document.active?.normativeDocuments).toEqual({ issued: '13', repealed: '0', inForce: '55' });
    expect(result.document.applications?.new?.total).toBe('34');
    expect(Object.values(result.document.applications?.carriedOver ?? {})).toEqual(['0', '0', '0', '0', '0', '0', '0']);
  });

  test('trailing empty cells of a pipe row are padding, not blank cells', async () => {
    const text = [...HEADER, `| ${NEW} | 1 | 0 | 0 | 0 | 0 | 0 |  |`].join('\n');
    const result = await read(text);
    expect(result.document.applications?.new).toEqual({
      naturalPerson: '1',
      commercial: '0',
      research: '0',
      publicInterest: '0',
      legalService: '0',
      otherOrg: '0',
    });
  });
});

describe('text that does not follow the table is refused, never misread', () => {
  test.each(['hongze-2023', 'hongze-2024', 'huaian-2024'])(
    'plain pdftotext (no -layout) of %s: every value read is the one the PDF prints',
    async (name) => {
      const expected = JSON.parse(readFileSync(`fixtures/pdf/${name}.expected.json`, 'utf8')) as Record<
        string,
        Record<string, Record<string, number | string>>
      >;
      const result = await readBytes(
        new Uint8Array(readFileSync(`fixtures/text/${name}.plain.txt`)),
        `${name}.plain.txt`,
      );
      const wrong: string[] = [];
      for (const table of ['active', 'applications', 'reviewLitigation'] as const) {
        for (const [row, columns] of Object.entries(expected[table] ?? {})) {
          for (const [column, value] of Object.entries(columns)) {
            const got = result.document[table]?.[row]?.[column];
            if (got !== undefined && Number(String(got).replace(/万元$/u, '')) !== Number(value))
              wrong.push(`${table}/${row}/${column}: ${String(got)} for ${value}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      expect(findingsOf(result, 'unreadable-row').some((finding) => finding.messageId === 'order')).toBe(true);
    },
  );
});

describe('an HTML page that lays its table out as paragraphs', () => {
  test('excerpt 009 as one <p> per cell reads as the text does', async () => {
    const html = await readBytes(
      new Uint8Array(readFileSync('fixtures/html/excerpt-009-paragraphs.html')),
      'excerpt-009-paragraphs.html',
    );
    const text = await readBytes(new Uint8Array(readFileSync('fixtures/excerpts/009.txt')), '009.txt');
    expect(html.format).toBe('html');
    expect(html.document.applications).toEqual(text.document.applications);
    expect(html.document.active).toEqual(text.document.active);
    expect(html.document.applications?.withheldSecurityStability?.total).toBe('0');
  });
});

describe('neither template nor year', () => {
  test('one finding says so, and no other finding names a template', async () => {
    const text = [
      '某局政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      `| ${NEW} | 3 | 0 | 0 | 0 | 0 | 0 | 3 |`,
    ].join('\n');
    const result = await lint(text);
    expect(
      result.diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'template-year')
        .map((diagnostic) => diagnostic.messageId),
    ).toEqual(['unknown']);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.data.template !== undefined)).toEqual([]);
    expect(result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'truncated')?.messageId).toBe('cut-at');
  });
});

describe('the seed as a LibreOffice PDF and the text pulled out of it', () => {
  /** Every cell's value as the value reader sees it (无 and 無, 萬元 and 万元 alike), by pointer; absent cells left out. */
  const values = async (path: string): Promise<Map<string, string>> => {
    const result = await readBytes(new Uint8Array(readFileSync(path)), path);
    const out = new Map<string, string>();
    for (const cell of getTemplate('2019').cells) {
      const raw = result.document[cell.table]?.[cell.row]?.[cell.column];
      if (raw !== undefined) out.set(cell.pointer, valueText(raw, cell.kind, cell.unitInHeader));
    }
    return out;
  };

  test.each(['fixtures/pdf/made-seed-2019.pdf', 'fixtures/text/made-seed-2019.layout.txt'])(
    '%s reads all 198 cells as the JSON seed has them',
    async (path) => {
      expect(Object.fromEntries(await values(path))).toEqual(
        Object.fromEntries(await values('fixtures/json/seed-2019.json')),
      );
      expect((await values(path)).size).toBe(198);
    },
  );

  test('plain pdftotext of it: every cell read is right, and what it cannot place is said', async () => {
    const seed = await values('fixtures/json/seed-2019.json');
    const plain = await values('fixtures/text/made-seed-2019.plain.txt');
    for (const [pointer, value] of plain) expect(`${pointer} ${value}`).toBe(`${pointer} ${seed.get(pointer)}`);
  });
});
