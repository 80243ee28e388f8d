import { formatDecimal } from '../../src/model/decimal.js';
import { readValue } from '../../src/model/values.js';

const count = { kind: 'count' as const };
const money = { kind: 'money' as const };

describe('readValue', () => {
  it.each([
    [12, 12],
    ['12', 12],
    ['１２３', 123],
    ['1,234', 1234],
    ['1，234', 1234],
    [' 7 ', 7],
    ['3件', 3],
  ])('reads %p as the count %p', (raw, expected) => {
    expect(readValue(raw, count).value).toEqual({ kind: 'number', value: expected });
  });

  it.each(['无', '無', '零', '0件'])('reads %p as 0 with a zero-marker note', (raw) => {
    expect(readValue(raw, count)).toEqual({
      value: { kind: 'number', value: 0 },
      note: { kind: 'zero-marker', marker: raw },
    });
  });

  it.each(['', '-', '—', '——', '/', '／', '－', null])('reads %p as empty with a note', (raw) => {
    const read = readValue(raw, count);
    expect(read.value).toEqual({ kind: 'empty' });
    expect(read.note?.kind).toBe('empty-cell');
  });

  it.each([
    ['-3', -3],
    ['−3', -3],
    ['－3', -3],
    ['+1036', 1036],
    ['减少3', -3],
    ['增加3', 3],
  ])('reads the signed %p as %p', (raw, expected) => {
    expect(readValue(raw, { kind: 'signed' }).value).toEqual({ kind: 'number', value: expected });
  });

  it.each(['约一万', '12a', '1.2.3'])('reports %p as unreadable', (raw) => {
    expect(readValue(raw, count)).toEqual({ value: { kind: 'invalid' }, note: { kind: 'value-format', text: raw } });
  });

  it.each([
    ['4449.48萬元', '4449.48', undefined],
    ['4449.48万元', '4449.48', undefined],
    ['251000元', '25.1', 'converted'],
    ['1.5亿元', '15000', 'converted'],
    ['96171.6', '96171.6', 'guessed'],
  ])('reads money %p exactly as %p 万元 (%p)', (raw, expected, unit) => {
    const read = readValue(raw, money);
    if (read.value.kind !== 'money') throw new Error('not money');
    expect(formatDecimal(read.value.value)).toBe(expected);
    expect(read.note?.kind === 'unit' ? read.note.unit : undefined).toBe(unit);
  });

  it('reads money without a unit note when the header says 万元', () => {
    expect(readValue('96171.6', { kind: 'money', unitInHeader: true }).note).toBeUndefined();
  });

  it('keeps money exact where floats are not', () => {
    const read = readValue('0.1元', money);
    if (read.value.kind !== 'money') throw new Error('not money');
    expect(formatDecimal(read.value.value)).toBe('0.00001');
  });
});
