import { lintBytes } from '../../src/pipeline/lint.js';
import { fixture, ofRule } from '../helpers/lint.js';

/** fixtures/csv/clean-2021.csv with its overview (line 2) replaced by these lines. */
function withOverviewLines(lines: string[]): Uint8Array {
  const text = new TextDecoder().decode(fixture('csv/clean-2021.csv')).split('\n');
  text.splice(1, 1, ...lines.map((line) => `${line}\r`));
  return new TextEncoder().encode(text.join('\n'));
}

describe('narrative findings point at the sentence they quote', () => {
  it('narrative-figures: at the line and column of the figure, not the first line of the section', async () => {
    const lines = [
      '2021年，本局认真贯彻落实《条例》。',
      '加强组织领导。',
      '完善工作机制。',
      '全年共收到政府信息公开申请145件，办结137件。',
    ];
    const result = await lintBytes(withOverviewLines(lines), 'clean-2021.csv');
    const [finding, ...rest] = ofRule(result, 'narrative-figures');
    expect(rest).toEqual([]);
    expect(finding!.data).toMatchObject({
      figure: 145,
      actual: 140,
      sentence: '全年共收到政府信息公开申请145件，办结137件。',
      section: 'overview',
    });
    expect(finding!.location).toMatchObject({
      line: 5,
      column: lines[3]!.indexOf('145') + 1,
      pointer: '/narrative/overview',
    });
  });
});
