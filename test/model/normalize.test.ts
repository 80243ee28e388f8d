import {
  bestPhraseLength,
  matchesPhrase,
  normalizeLabel,
  SCRIPT_NEUTRAL,
  SCRIPT_SIMPLIFIED,
  SCRIPT_TRADITIONAL,
  scriptCodes,
  scriptOf,
  toSimplified,
} from '../../src/model/normalize.js';

describe('normalizeLabel', () => {
  test.each([
    ['規(guī)章', '规章'],
    ['本年新 制作數(shù)量', '本年新制作数量'],
    ['二,、上年結轉政府信息公開申請數量', '二、上年结转政府信息公开申请数量'],
    ['三三,、本年度辦理結果', '三、本年度办理结果'],
    ['自自然人', '自然人'],
    ['((三)不予公開', '（三）不予公开'],
    ['(二)部分公開(區分處理的,只計這一情形,不計其他情形', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
    [
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    ],
    ['3.危及“三安全一穩(wěn)定”', '3.危及"三安全一稳定"'],
    ['1、申请人无正当理由', '1.申请人无正当理由'],
    ['1．属于国家秘密', '1.属于国家秘密'],
    ['第二十条第(一)项', '第二十条第（一）项'],
    ['本年收费金额(单位:万元)', '本年收费金额（单位：万元）'],
    ['三 、本 年 度办 理 结果', '三、本年度办理结果'],
    ['商 业 企\n业', '商业企业'],
    ['本年增/減', '本年增/减'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });

  test('keeps 、 and numbers', () => {
    expect(normalizeLabel('行政复议、行政诉讼')).toBe('行政复议、行政诉讼');
    expect(normalizeLabel('4449.48萬元')).toBe('4449.48万元');
  });

  test('is fast enough for hundreds of labels', () => {
    const start = performance.now();
    for (let index = 0; index < 2000; index += 1) normalizeLabel(`規(guī)範性文件${index % 300}`);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('matching helpers', () => {
  test('matchesPhrase normalises the phrase too', () => {
    expect(matchesPhrase(normalizeLabel('5.要求行政機關確認或重新出具已獲取信息'), '确认或重新出具')).toBe(true);
    expect(matchesPhrase(normalizeLabel('行政許可'), '行政处罚')).toBe(false);
  });

  test('bestPhraseLength prefers the longest phrase', () => {
    expect(bestPhraseLength('（七）总计', ['（七）总计', '总计'])).toBe(5);
    expect(bestPhraseLength('规章', ['行政许可'])).toBe(0);
  });
});

describe('scripts', () => {
  test('toSimplified converts character by character', () => {
    expect(toSimplified('屬于復議后採購')).toBe('属于复议后采购');
  });

  test('scriptOf tells Traditional-only from Simplified-only characters', () => {
    expect(scriptOf('國')).toEqual({ script: 'traditional', counterpart: '国' });
    expect(scriptOf('国').script).toBe('simplified');
    expect(scriptOf('于').script).toBe('simplified');
    expect(scriptOf('人').script).toBe('neutral');
    expect(scriptOf('峰').script).toBe('neutral');
  });

  test("scriptCodes gives scriptOf's answer by code point", () => {
    const codes = scriptCodes();
    const byName = { neutral: SCRIPT_NEUTRAL, traditional: SCRIPT_TRADITIONAL, simplified: SCRIPT_SIMPLIFIED };
    for (const character of ['國', '国', '于', '人', '峰', 'a', '𠀀', '\ud800'])
      expect(codes[character.codePointAt(0)!]).toBe(byName[scriptOf(character).script]);
  });
});
