import { splitDigits, type DigitSplit } from '../../src/align/digit-split.js';

const n = (...values: number[]): string[] => values.map(String);

/** Every valid split, listed one by one: fine for the short strings used here. */
function allSplits(digits: string, count: number, maxCellDigits: number): string[][] {
  if (count === 0) return digits === '' ? [[]] : [];
  const out: string[][] = [];
  for (let length = 1; length <= Math.min(maxCellDigits, digits.length); length += 1) {
    const cell = digits.slice(0, length);
    if (length > 1 && cell.startsWith('0')) break;
    for (const rest of allSplits(digits.slice(length), count - 1, maxCellDigits)) out.push([cell, ...rest]);
  }
  return out;
}

function bruteForce(digits: string, count: number, totalLast: boolean, maxCellDigits: number): DigitSplit {
  const splits = allSplits(digits, count, maxCellDigits);
  if (splits.length === 0) return { kind: 'none' };
  if (splits.length === 1) return { kind: 'unique', cells: splits[0] as string[] };
  if (!totalLast) return { kind: 'ambiguous', candidates: splits.length };
  const satisfying = splits.filter((cells) => {
    const values = cells.map(Number);
    const last = values.pop();
    return values.length > 0 && values.reduce((a, b) => a + b, 0) === last;
  });
  return satisfying.length === 1
    ? { kind: 'chosen', cells: satisfying[0] as string[], candidates: splits.length }
    : { kind: 'ambiguous', candidates: splits.length };
}

/** Number of compositions of `length` digits into `count` cells of 1..max digits, exact (no leading zeros involved). */
function compositions(length: number, count: number, max: number): bigint {
  let row: bigint[] = Array.from({ length: length + 1 }, (_, index) => (index === 0 ? 1n : 0n));
  for (let c = 0; c < count; c += 1) {
    const next: bigint[] = new Array<bigint>(length + 1).fill(0n);
    for (let used = 0; used <= length; used += 1) {
      const ways = row[used] ?? 0n;
      if (ways === 0n) continue;
      for (let size = 1; size <= max && used + size <= length; size += 1)
        next[used + size] = (next[used + size] ?? 0n) + ways;
    }
    row = next;
  }
  return row[length] ?? 0n;
}

describe('splitDigits', () => {
  test('all zeros split one way', () => {
    expect(splitDigits('0000000', 7)).toEqual({ kind: 'unique', cells: n(0, 0, 0, 0, 0, 0, 0) });
    expect(splitDigits('0'.repeat(15), 15)).toEqual({ kind: 'unique', cells: new Array<string>(15).fill('0') });
    expect(splitDigits('000', 3)).toEqual({ kind: 'unique', cells: ['0', '0', '0'] });
  });

  test('one split the digits allow is unique, with or without totalLast', () => {
    expect(splitDigits('7000007', 7, { totalLast: true })).toEqual({ kind: 'unique', cells: n(7, 0, 0, 0, 0, 0, 7) });
    expect(splitDigits('8100009', 7, { totalLast: true })).toEqual({ kind: 'unique', cells: n(8, 1, 0, 0, 0, 0, 9) });
    expect(splitDigits('0123', 2)).toEqual({ kind: 'unique', cells: ['0', '123'] });
  });

  test.each([
    ['801000081', [80, 1, 0, 0, 0, 0, 81]],
    ['230000023', [23, 0, 0, 0, 0, 0, 23]],
    ['713000074', [71, 3, 0, 0, 0, 0, 74]],
    ['370000037', [37, 0, 0, 0, 0, 0, 37]],
    ['723000075', [72, 3, 0, 0, 0, 0, 75]],
    ['210000021', [21, 0, 0, 0, 0, 0, 21]],
  ])('table 三 row %s is chosen by its total', (digits, cells) => {
    const result = splitDigits(digits, 7, { totalLast: true });
    expect(result).toEqual({ kind: 'chosen', cells: n(...cells), candidates: expect.any(Number) });
    if (result.kind === 'chosen') expect(result.candidates).toBeGreaterThan(1);
    // Without the total, the same digits never get a split.
    expect(splitDigits(digits, 7).kind).toBe('ambiguous');
  });

  test('several splits without a deciding total are ambiguous', () => {
    expect(splitDigits('26480430', 3).kind).toBe('ambiguous');
    const several = splitDigits('3960181', 3);
    expect(several.kind).toBe('ambiguous');
    if (several.kind === 'ambiguous') expect(several.candidates).toBeGreaterThan(1);
    expect(splitDigits('999999', 3, { totalLast: true })).toEqual({ kind: 'ambiguous', candidates: 10 });
    // "1102" into 3: 1|10|2 and 11|0|2, and neither has 2 as the sum of the others.
    expect(splitDigits('1102', 3, { totalLast: true })).toEqual({ kind: 'ambiguous', candidates: 2 });
    // "11011" into 3: 1|10|11, 1|101|1, 11|0|11, 110|1|1; two of them satisfy the total, so none is chosen.
    expect(splitDigits('11011', 3, { totalLast: true })).toEqual({ kind: 'ambiguous', candidates: 4 });
  });

  test('no split fits', () => {
    expect(splitDigits('00', 3)).toEqual({ kind: 'none' });
    expect(splitDigits('', 1)).toEqual({ kind: 'none' });
    expect(splitDigits('12a4', 2)).toEqual({ kind: 'none' });
    expect(splitDigits('１２', 2)).toEqual({ kind: 'none' });
    expect(splitDigits('12345678', 1)).toEqual({ kind: 'none' });
    expect(splitDigits('12345678', 1, { maxCellDigits: 8 })).toEqual({ kind: 'unique', cells: ['12345678'] });
    expect(splitDigits('01', 1)).toEqual({ kind: 'none' });
  });

  test('rejects nonsensical arguments', () => {
    expect(() => splitDigits('1', 1.5)).toThrow(RangeError);
    expect(() => splitDigits('1', -1)).toThrow(RangeError);
    expect(() => splitDigits('1', 1, { maxCellDigits: 0 })).toThrow(RangeError);
    expect(() => splitDigits('1', 1, { maxCellDigits: 16 })).toThrow(RangeError);
  });

  test('long runs stay cheap (not timed)', () => {
    const sixty = '314159265358979323846264338327950288419716939937510582097494';
    expect(sixty).toHaveLength(60);
    expect(['unique', 'chosen', 'ambiguous', 'none']).toContain(splitDigits(sixty, 10).kind);
    expect(['unique', 'chosen', 'ambiguous', 'none']).toContain(splitDigits(sixty, 10, { totalLast: true }).kind);
    expect(splitDigits('1'.repeat(35), 10, { totalLast: true }).kind).toBe('ambiguous');
    expect(splitDigits(sixty.slice(0, 35), 10, { totalLast: true }).kind).toMatch(/^(chosen|ambiguous)$/);
    expect(splitDigits('7'.repeat(200), 7, { totalLast: true })).toEqual({ kind: 'none' });
    expect(splitDigits('7'.repeat(200), 10)).toEqual({ kind: 'none' });
  });

  test('candidates are counted exactly, and capped at MAX_SAFE_INTEGER', () => {
    expect(splitDigits('1'.repeat(40), 10)).toEqual({ kind: 'ambiguous', candidates: Number(compositions(40, 10, 7)) });
    expect(compositions(120, 30, 7)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(splitDigits('1'.repeat(120), 30)).toEqual({ kind: 'ambiguous', candidates: Number.MAX_SAFE_INTEGER });
  });

  test('agrees with brute force on every string over {0,1,2} of length ≤ 8 into 1–4 cells', () => {
    let checked = 0;
    for (let length = 0; length <= 8; length += 1) {
      for (let code = 0; code < 3 ** length; code += 1) {
        const text = length === 0 ? '' : code.toString(3).padStart(length, '0');
        for (let count = 1; count <= 4; count += 1) {
          for (const totalLast of [false, true]) {
            for (const maxCellDigits of [7, 2]) {
              const actual = splitDigits(text, count, { totalLast, maxCellDigits });
              const expected = bruteForce(text, count, totalLast, maxCellDigits);
              if (JSON.stringify(actual) !== JSON.stringify(expected)) {
                expect({ text, count, totalLast, maxCellDigits, actual }).toEqual({
                  text,
                  count,
                  totalLast,
                  maxCellDigits,
                  actual: expected,
                });
              }
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBe(9841 * 4 * 2 * 2);
  });
});
