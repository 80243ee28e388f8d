import { readFileSync } from 'node:fs';
import type { Narrative } from '../../src/align/blocks-to-report.js';
import { detectAgency, detectTemplate, detectYear } from '../../src/align/detect.js';
import { toSimplified } from '../../src/model/normalize.js';

const EXCERPTS = '/work/shared/real-reports/excerpts';
/** A text as the block mapper hands it over: Simplified, without whitespace. */
const compactOf = (text: string): string => toSimplified(text).replace(/\s+/gu, '');
/** An excerpt's lines, each simplified and without whitespace. */
const excerptLines = (id: string): string[] => readFileSync(`${EXCERPTS}/${id}.txt`, 'utf8').split('\n').map(compactOf);
const expected = (id: string): { year: number; agency: string } =>
  JSON.parse(readFileSync(`${EXCERPTS}/${id}.expected.json`, 'utf8')) as { year: number; agency: string };
const overview = (...lines: string[]): Narrative => ({ key: 'overview', lines, origin: {} });
const problems = (...lines: string[]): Narrative => ({ key: 'problems', lines, origin: {} });

describe('detectYear on the real excerpts', () => {
  test.each(['002', '005', '006', '007', '008', '009', '032', '101', '104'])(
    '%s: the year a careful reader reads',
    (id) => {
      expect(detectYear(excerptLines(id), [])).toBe(expected(id).year);
    },
  );

  test('006: the overview the block mapper found gives the same year as the text after 一、总体情况', () => {
    const lines = excerptLines('006');
    const start = lines.indexOf('一、总体情况');
    const end = lines.indexOf('二、主动公开政府信息情况');
    expect(detectYear(lines, [overview(...lines.slice(start + 1, end))])).toBe(2020);
  });

  test('101 and 104: the whole article is one line (crawled page), read in linear time', () => {
    for (const id of ['101', '104']) {
      const line = excerptLines(id)[9] ?? '';
      expect(line.length).toBeGreaterThan(3000);
      // Without the crawler's header, only the article's own line.
      expect(detectYear([line], [])).toBe(expected(id).year);
    }
  });
});

describe('detectYear: where reports print the year', () => {
  test.each([
    [['2022年政府信息公开工作年度报告'], 2022],
    [['威海市文登区信访局2022年度政府信息公开工作年度报告'], 2022],
    [['2019年上海市人民政府办公厅政府信息公开工作年度报告'], 2019],
    [['2020年报_审计局'], 2020],
    [['2020年度政务公开年报'], 2020],
    [['《某区2021年政府信息公开工作年度报告》'], 2021],
    [['２０２２年政府信息公开工作年度报告'], 2022],
    [['2024年上海市科委政府信息公开工作', '年度报告'], 2024],
    [['本报告所列数据的统计期限为2024年1月1日至2024年12月31日。'], 2024],
    [['报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。'], 2022],
    [['本年度报告中所列数据的统计周期为2024年1月1日至12月31日。'], 2024],
    [['要求编制此报告。报告中所列数据统计期限自2023年1月1日', '起至2023年12月31日止。如对本报告有疑问'], 2023],
    [['一、总体情况', '2020年,我单位认真贯彻落实《条例》'], 2020],
    [['一、总体情况', '（二）政府信息依申请公开情况', '2020年度我街办未接到提出公开政府信息的申请。'], 2020],
  ] as Array<[string[], number]>)('%j → %d', (lines, year) => {
    expect(detectYear(lines.map(compactOf), [])).toBe(year);
  });

  test('never a document number', () => {
    const lines = [
      '根据《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）的要求编制。',
      '一、总体情况',
      '2022年，太平镇认真学习领会《条例》。',
    ].map(compactOf);
    expect(detectYear(lines, [])).toBe(2022);
    expect(detectYear(['根据国办公开办函〔2021〕30号的要求编制。'].map(compactOf), [])).toBeUndefined();
  });

  test('never a planned year in section 五, nor a cited title, nor a range end', () => {
    const plan = '2023年，我区将进一步加强政务公开工作。';
    expect(detectYear(['五、存在的主要问题及改进情况', plan].map(compactOf), [problems(plan)])).toBeUndefined();
    expect(detectYear(['五、存在的主要问题及改进情况', plan].map(compactOf), [])).toBeUndefined();
    expect(
      detectYear(
        [
          '一、总体情况',
          '本年度，我局认真落实《上海市促进科技成果转移转化行动方案（2024－2027年）》。',
          '五、存在的主要问题及改进情况',
          plan,
        ].map(compactOf),
        [],
      ),
    ).toBeUndefined();
    const cited = [
      '根据《关于做好2021年政府信息公开工作年度报告编制工作的通知》要求，现将报告公布如下。',
      '一、总体情况',
      '2020年，我局进一步规范政府信息公开工作。',
    ];
    expect(detectYear(cited.map(compactOf), [])).toBe(2020);
  });

  test('the title first, then the period, then the overview; the most consistently named year wins', () => {
    // The title alone against the overview: the title.
    expect(detectYear(['2022年政府信息公开工作年度报告', '一、总体情况', '2021年以来，我局…'].map(compactOf), [])).toBe(
      2022,
    );
    // The period against the overview: the period.
    expect(
      detectYear(['统计期限为2022年1月1日至2022年12月31日。', '一、总体情况', '2021年以来，我局…'].map(compactOf), []),
    ).toBe(2022);
    // A title copied from last year's report, against the period and the overview that agree.
    expect(
      detectYear(
        [
          '2021年政府信息公开工作年度报告',
          '统计期限为2022年1月1日至2022年12月31日。',
          '一、总体情况',
          '2022年，我局…',
        ].map(compactOf),
        [],
      ),
    ).toBe(2022);
    // A title named three times (a crawler's header, the path and the article).
    expect(detectYear(excerptLines('101').slice(0, 7), [])).toBe(2019);
  });

  test('with no title, period or overview: the year named most often', () => {
    expect(
      detectYear(['我局2019年共主动公开信息25条。', '2019年收到申请3件，2018年结转0件。'].map(compactOf), []),
    ).toBe(2019);
  });

  test('a very long line is read in linear time', () => {
    const long = `${'2019年度政府信息公开工作'.repeat(20000)}${'2019年1月1日至'.repeat(20000)}${'20'.repeat(100000)}`;
    const start = performance.now();
    detectYear([long, long], [overview(long)]);
    detectAgency([long]);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('detectAgency', () => {
  test.each([
    ['005', '威海市文登区信访局'],
    ['006', '驼峰路街道办事处'], // the title names no city; expected.json adds 榆林市榆阳区 from the site
    ['009', '太平镇人民政府'], // expected.json adds 西咸新区 from the site
    ['032', '上海市科委'], // the title's own abbreviation of 上海市科学技术委员会
    ['101', '平潭综合实验区'],
    ['104', '平潭综合实验区'],
  ])('%s: %s, from the title', (id, agency) => {
    expect(detectAgency(excerptLines(id))).toBe(agency);
    if (id !== '032') expect(expected(id).agency).toContain(agency);
  });

  test.each(['002', '007', '008'])('%s names no agency (the excerpt says only 我局 / 我乡)', (id) => {
    expect(detectAgency(excerptLines(id))).toBeUndefined();
  });

  test.each([
    [['某市公安局2019年政府信息公开工作年度报告'], '某市公安局'],
    [['2019年上海市人民政府办公厅政府信息公开工作年度报告'], '上海市人民政府办公厅'],
    [['淮安市洪泽区人民政府', '2024年政府信息公开工作年度报告'], '淮安市洪泽区人民政府'],
    [['《淮安市2024年政府信息公开工作年度报告》'], '淮安市'],
    [['标题: 平潭综合实验区2022年度政府信息公开工作年度报告'], '平潭综合实验区'],
    [['Page 8 - 威海市文登区信访局2022年政府信息公开工作年度报告'], '威海市文登区信访局'],
    [['2020年报_审计局'], '审计局'],
    [['正文', '2024年政府信息公开工作年度报告'], undefined],
    [['现将2019年政府信息公开工作年度报告公布如下'], undefined],
    [['一、总体情况', '某市公安局2019年政府信息公开工作年度报告'], undefined],
  ] as Array<[string[], string | undefined]>)('%j → %s', (lines, agency) => {
    expect(detectAgency(lines.map(compactOf))).toBe(agency);
  });
});

describe('detectTemplate', () => {
  const cells = (...texts: string[]) => texts.map((text) => ({ text, origin: {} }));
  test('by the markers of either template', () => {
    expect(detectTemplate(cells('本年新 制作數量', '上一年项目数量')).chosen).toBe('2019');
    expect(detectTemplate(cells('本年制发件数', '本年收费金额（单位：万元）')).chosen).toBe('2021');
    expect(detectTemplate(cells('本年制发件数', '本年新制作数量'))).toMatchObject({ mixed: true });
    expect(detectTemplate(cells('规章')).chosen).toBeUndefined();
  });
});
