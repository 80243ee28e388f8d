// withFields (src/model/objects.ts): what `{ ...base, ...extra }` gives, without V8's slow path for that literal.
import { withFields } from '../../src/model/objects.js';

describe('withFields', () => {
  it('copies the base, then the extra over it, in that key order, leaving both as they were', () => {
    const base = { a: 1, b: 2 };
    const extra = { b: 3, c: 4 };
    const made = withFields(base, extra);
    expect(made).toEqual({ a: 1, b: 3, c: 4 });
    expect(Object.keys(made)).toEqual(['a', 'b', 'c']);
    expect(base).toEqual({ a: 1, b: 2 });
    expect(made).not.toBe(base);
  });

  it('keeps an own __proto__ key parsed from input as a key, never as the new object’s prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "year": 2021}') as Record<string, unknown>;
    const made = withFields(parsed, { template: '2021' });
    expect(Object.getPrototypeOf(made)).toBe(Object.prototype);
    expect(Object.hasOwn(made, '__proto__')).toBe(true);
    expect((made as { polluted?: boolean }).polluted).toBeUndefined();
    expect(made).toMatchObject({ year: 2021, template: '2021' });
    const fromExtra = withFields({ year: 2021 }, parsed);
    expect(Object.getPrototypeOf(fromExtra)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
