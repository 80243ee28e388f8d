import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sentenceAt } from '../../src/align/narrative-lint.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { fixture, ofRule, ROOT } from '../helpers/lint.js';

describe('narrative-garbled', () => {
  it('passes on clean text, a half-width question mark after Latin text included', async () => {
    const result = await lintBytes(fixture('text/garbled/pass.txt'), 'pass.txt');
    expect(ofRule(result, 'narrative-garbled')).toEqual([]);
  });

  it('reports mojibake, U+FFFD and 锟斤拷 once per line, at the garbled clause, quoting its sentence', async () => {
    const result = await lintBytes(fixture('text/garbled/fail.txt'), 'fail.txt');
    const found = ofRule(result, 'narrative-garbled');
    expect(
      found.map((finding) => [
        finding.location.line,
        finding.location.column,
        finding.data['count'],
        finding.data['examples'],
      ]),
    ).toEqual([
      [3, 7, 1, '本局以恰當?shù)男问街鲃庸_政府信息'],
      [4, 1, 2, '全年办理申请��件、锟斤拷锟斤拷'],
    ]);
    expect(found[0]!.data['sentence']).toBe('2021年，本局以恰當?shù)男问街鲃庸_政府信息。');
    expect(found[0]!.data['section']).toBe('overview');
    expect(found[0]!.severity).toBe('warning');
  });

  it('takes the seed’s mojibake out of the mixed-script check: no “simplified character” warning for 问 or 鲃', async () => {
    const seed = new Uint8Array(readFileSync(join(ROOT, 'fixtures/text/seed-2019.txt')));
    const result = await lintBytes(seed, 'seed-2019.txt');
    expect(ofRule(result, 'narrative-garbled').map((finding) => finding.data['examples'])).toEqual([
      '以恰當?shù)男问街鲃庸_',
    ]);
    const characters = ofRule(result, 'narrative-mixed-script').map((finding) => finding.data['character']);
    expect(characters).not.toContain('问');
    expect(characters).not.toContain('鲃');
    expect(characters).toContain('于');
  });
});

describe('sentenceAt', () => {
  it('gives the sentence around an offset, its end mark kept', () => {
    const text = '第一句。第二句有错，在这里；第三句';
    expect(sentenceAt(text, text.indexOf('错'))).toBe('第二句有错，在这里；');
    expect(sentenceAt(text, text.length - 1)).toBe('第三句');
    expect(sentenceAt('行一\n  行二有错。', 6)).toBe('行二有错。');
  });

  it('cuts a long sentence to 80 characters around the offset', () => {
    const text = `${'甲'.repeat(100)}错${'乙'.repeat(100)}。`;
    const quote = sentenceAt(text, 100);
    expect(quote.startsWith('…') && quote.endsWith('…')).toBe(true);
    expect(quote).toContain('错');
    expect([...quote].length).toBe(82);
  });
});
