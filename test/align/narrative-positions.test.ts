// Where the narrative checks place their findings inside a unit of several lines, and that a long line of matches
// is placed in one pass (src/align/narrative-lint.ts positionCursor; the growth is in bench/hostile.mjs).
import { lintText, type TextUnit } from '../../src/align/narrative-lint.js';

const pinyinAt = (unit: TextUnit) =>
  lintText([unit])
    .filter((finding) => finding.ruleId === 'narrative-pinyin')
    .map((finding) => ({ line: finding.origin.line, column: finding.origin.column, count: finding.data?.['count'] }));

describe('narrative findings in a unit of several lines', () => {
  it('each line of the unit is its own place, at the column of its first match', () => {
    const text = ['本机关规(guī)范管理', '第二行没有', '𠀀𠀀第三行规(guī)范和规(guī)范'].join('\n');
    expect(pinyinAt({ text, origin: { line: 10, column: 5 } })).toEqual([
      { line: 10, column: 8, count: 1 },
      // Two matches on the third line, placed at the first; 𠀀 (outside the BMP) counts one column.
      { line: 12, column: 6, count: 2 },
    ]);
  });

  it('a unit without lines keeps its own place', () => {
    expect(pinyinAt({ text: '规(guī)范', origin: { tableIndex: 0, rowIndex: 1, columnIndex: 2 } })).toEqual([
      { line: undefined, column: undefined, count: 1 },
    ]);
  });

  it('the matches of one long line are one finding, with every match counted', () => {
    const text = '本机关规(guī)范管理，。'.repeat(20_000);
    expect(pinyinAt({ text, origin: { line: 1, column: 1 } })).toEqual([{ line: 1, column: 4, count: 20_000 }]);
  });

  it('past 50 places no more are kept, and the first 50 are reported in order', () => {
    const text = Array.from({ length: 80 }, () => '规(guī)范').join('\n');
    const places = pinyinAt({ text, origin: { line: 1, column: 1 } });
    expect(places).toHaveLength(50);
    expect(places.map((place) => place.line)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
  });
});

describe('garbled spans', () => {
  it('many garbled spans on one line are one finding, and the text around them is still checked', () => {
    const text = `${'本机关锟斤拷管理，'.repeat(5_000)}本機关`;
    const findings = lintText([{ text, origin: { line: 1, column: 1 } }]);
    const garbled = findings.filter((finding) => finding.ruleId === 'narrative-garbled');
    expect(garbled).toHaveLength(1);
    expect(garbled[0]?.data?.['count']).toBe(5_000);
    // 機 is Traditional among Simplified: still found past the 5,000 blanked spans.
    expect(findings.some((finding) => finding.ruleId === 'narrative-mixed-script')).toBe(true);
  });
});
