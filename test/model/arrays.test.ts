import { appendAll, largest, smallest } from '../../src/model/arrays.js';

describe('arrays of input size', () => {
  it('appendAll appends half a million items, where push(...items) overflows the stack', () => {
    const items = Array.from({ length: 500_000 }, (_, index) => index);
    expect(() => [0].push(...items)).toThrow(RangeError);
    const target = appendAll([-1], items);
    expect(target.length).toBe(500_001);
    expect(target[500_000]).toBe(499_999);
  });

  it('largest and smallest answer as Math.max and Math.min, without an argument per number', () => {
    for (const numbers of [[], [3], [2, -7, 5.5], [1, Number.NaN, 4], [-Infinity], [0, -0]]) {
      expect(largest(numbers)).toBe(Math.max(...numbers));
      expect(smallest(numbers)).toBe(Math.min(...numbers));
    }
    expect(largest(Array.from({ length: 500_000 }, (_, index) => index))).toBe(499_999);
  });
});
