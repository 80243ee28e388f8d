// Remembered (src/model/remembered.ts): answers worked out once per key, all forgotten when the limit is reached.
import { Remembered } from '../../src/model/remembered.js';

describe('Remembered', () => {
  it('works an answer out once per key, an undefined answer too', () => {
    const asked: string[] = [];
    const work = (key: string): number | undefined => {
      asked.push(key);
      return key === 'none' ? undefined : key.length;
    };
    const remembered = new Remembered<string, number | undefined>(10);
    expect(remembered.get('abc', work)).toBe(3);
    expect(remembered.get('abc', work)).toBe(3);
    expect(remembered.get('none', work)).toBeUndefined();
    expect(remembered.get('none', work)).toBeUndefined();
    expect(asked).toEqual(['abc', 'none']);
  });

  it('forgets every answer at once when it holds its limit, then remembers again', () => {
    const asked: number[] = [];
    const work = (key: number): number => {
      asked.push(key);
      return key * 2;
    };
    const remembered = new Remembered<number, number>(2);
    remembered.get(1, work);
    remembered.get(2, work);
    expect(remembered.get(3, work)).toBe(6);
    expect(remembered.get(3, work)).toBe(6);
    expect(remembered.get(1, work)).toBe(2);
    expect(asked).toEqual([1, 2, 3, 1]);
  });
});
