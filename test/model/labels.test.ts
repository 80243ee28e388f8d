import { readFileSync } from 'node:fs';
import { isValueText, sectionOfHeading } from '../../src/model/labels.js';

describe('sectionOfHeading: headings as reports publish them', () => {
  test.each([
    // 四, as the excerpts and reports print it.
    ['四、因政府信息公开工作被申请行政复议提起行政诉讼情况', 'reviewLitigation'], // 005.txt
    ['四、政府信息公开行政法复议、行政诉讼情况', 'reviewLitigation'], // 104.txt, a typo
    ['四、政府信息公开行政复议、行政诉讼情况', 'reviewLitigation'],
    ['四、因政府信息公开申请行政复议、行政诉讼情况', 'reviewLitigation'],
    ['四、因政府信息公开申请行政复议、提起行政诉讼的情况', 'reviewLitigation'], // 101.txt's preamble names it so
    ['三、政府信息公开行政复议、行政诉讼情况', 'reviewLitigation'], // 032.txt numbers it 三
    // 一 to 六.
    ['一、总体情况', 'overview'],
    ['二、主动公开政府信息情况', 'active'],
    ['三、收到和处理政府信息公开申请情况', 'applications'],
    ['五、政府信息公开工作存在的主要问题及改进情况', 'problems'],
    ['五、存在的主要问题及改进情况', 'problems'],
    ['五、存在问题及改进情况', 'problems'],
    ['六、其他需要报告的事项', 'other'],
    // Markdown, bold, widths, spaces, the seed's stray commas and Traditional characters.
    ['# 一、总体情况', 'overview'],
    ['## 四、因政府信息公开工作被申请行政复议提起行政诉讼情况', 'reviewLitigation'],
    ['**五、存在的主要问题及改进情况**', 'problems'],
    ['### **六、其他需要报告的事项**', 'other'],
    ['四. 政府信息公开行政复议,行政诉讼情况', 'reviewLitigation'],
    ['四．政府信息公开行政复议，行政诉讼情况', 'reviewLitigation'],
    ['四 、 政府信息公开行政复议 、 行政诉讼情况', 'reviewLitigation'],
    ['四　政府信息公开行政复议、行政诉讼情况', 'reviewLitigation'],
    ['  三、收到和处理政府信息公开申请情况  ', 'applications'],
    ['二、主动公开政府信息情况：', 'active'],
    ['三、收到和处理政府信息公开申请情况（单位：件）', 'applications'],
    ['四,、政府信息公開行政復議,、行政訴訟情況', 'reviewLitigation'],
    ['一,、總體情況', 'overview'],
    ['表三：收到和处理政府信息公开申请情况', 'applications'],
    ['## 表二：主动公开政府信息情况', 'active'],
  ])('%s → %s', (input, expected) => {
    expect(sectionOfHeading(input)).toBe(expected);
  });

  test.each([
    // 006.txt: numbered sub-headings inside 一、总体情况 open no section.
    '（一）主动公开政府信息情况',
    '(二)政府信息依申请公开情况',
    '（三）政府信息公开的收费情况',
    '（四）因政府信息公开申请的行政复议、行政诉讼情况',
    '(四)因政府信息公开申请的行政复议、行政诉讼情况',
    '**（四）因政府信息公开申请的行政复议、行政诉讼情况**',
    // Table 三's row labels and other numbered lines.
    '四、结转下年度继续办理',
    '三、本年度办理结果',
    '一、本年新收政府信息公开申请数量',
    '三、',
    '二、工作机制保障', // 032.txt's own parts of 总体情况
    '四、政府信息公开申请情况',
    // No number: text that merely names a section.
    '主动公开政府信息情况',
    '政府信息公开行政复议、行政诉讼情况',
    '四政府信息公开行政复议、行政诉讼情况',
  ])('%s is no section heading', (input) => {
    expect(sectionOfHeading(input)).toBeUndefined();
  });

  test.each([
    '一、总体情况2019年，在省政府办公厅、省公开办等部门的关心和指导下，我区认真贯彻落实新修订的《条例》',
    '一、总体情况无',
    '二、主动公开政府信息情况第二十条第（一）项信息内容本年新制作数量',
    '六、其他需要报告的事项 无其他需要报告的事项',
    '五、存在的主要问题及改进情况2022年，平潭综合实验区政府信息公开工作取得了一定成效',
  ])('a heading that runs on into text is not one here (the readers split it): %s', (input) => {
    expect(sectionOfHeading(input)).toBeUndefined();
  });

  test('a prefix of at most 14 characters before the phrase, and at most 40 characters in all', () => {
    expect(sectionOfHeading('五、本机关政府信息公开工作存在的主要问题及改进情况')).toBe('problems');
    expect(sectionOfHeading(`五、${'很长的前缀'.repeat(4)}存在的主要问题及改进情况`)).toBeUndefined();
  });

  test('a whole crawled article on one line is no heading, and is rejected at once', () => {
    const line = readFileSync('/work/shared/real-reports/excerpts/101.txt', 'utf8').split('\n')[9] ?? '';
    expect(line.length).toBeGreaterThan(5000);
    const start = performance.now();
    expect(sectionOfHeading(line)).toBeUndefined();
    expect(sectionOfHeading(`一、总体情况${'二'.repeat(100000)}`)).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(100);
  });

  test('in 006.txt only the six headings open sections', () => {
    const text = readFileSync('/work/shared/real-reports/excerpts/006.txt', 'utf8');
    const found = text.split('\n').flatMap((line) => {
      const key = sectionOfHeading(line);
      return key ? [`${key} ${line.trim()}`] : [];
    });
    expect(found).toEqual([
      'overview 一、总体情况',
      'active 二、主动公开政府信息情况',
      'applications 三、收到和处理政府信息公开申请情况',
    ]);
  });
});

describe('isValueText', () => {
  /**
   * The test as it stood before its fast path for a first character no value starts with, on the text's compatibility
   * form (NFKC), as the value reader reads it.
   */
  const reference = (text: string): boolean => {
    const compact = text.normalize('NFKC').replace(/\s+/gu, '');
    if (compact === '') return false;
    return (
      /^[+\-−－]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?(?:万元|萬元|元|亿元|億元|件|个|個|项|項|次|人|家)?$/u.test(
        compact,
      ) ||
      [
        '无',
        '無',
        '零',
        '-',
        '--',
        '—',
        '——',
        '―',
        '――',
        '–',
        '/',
        '／',
        '\\',
        '不适用',
        '不適用',
        '空',
        '没有',
        '沒有',
      ].includes(compact) ||
      /^(增加|减少|減少|增|减|減)[\d０-９]/u.test(compact) ||
      // A figure printed in brackets, (72), （3件）: since the second red-team pass of text reading.
      (/^\([+-]?\d[\d,]*(?:\.\d+)?(?:万元|萬元|元|件|个|個|项|項|次|人|家)?\)$/u.test(compact) &&
        /^\s*[(（]/u.test(text))
    );
  };

  test.each([
    '12',
    ' 3 ',
    '\u30001,234万元',
    '无',
    '——',
    '\\',
    '不适用',
    '增加3',
    '－5',
    '－',
    '－－',
    '―',
    '＋5',
    '规章',
    '',
    ' ',
    '1a',
    '\ufeff7',
    '(72)',
    '（3件）',
    '⑴',
    '（一）',
  ])('%j as before', (text) => expect(isValueText(text)).toBe(reference(text)));

  test('any first code unit: the same answer as before', () => {
    for (let code = 0; code < 0x10000; code += 1) {
      const first = String.fromCharCode(code);
      for (const rest of ['', '1', '5件', '有', '適用', ' 2'])
        if (isValueText(first + rest) !== reference(first + rest))
          throw new Error(`differs for U+${code.toString(16)}${rest}`);
    }
  });
});
