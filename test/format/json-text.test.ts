import { jsonArrayWriter, nestedJson } from '../../src/format/json-text.js';

/** What nestedJson must give: JSON.stringify's own text with every line after the first indented `depth` levels. */
const indentedByLine = (value: unknown, depth: number): string =>
  JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

describe('nestedJson', () => {
  const values: unknown[] = [
    0,
    'a line\nand another, "quoted" \\ and ]}',
    [],
    {},
    [1, [2, {}], []],
    { a: { b: [1, 2, { c: null }] }, s: '\u2028', n: -1.5e-7 },
    null,
    true,
  ];
  it.each([0, 1, 2, 3, 5])(
    'writes every kind of value at depth %i as JSON.stringify would inside a document',
    (depth) => {
      for (const value of values) expect(nestedJson(value, depth)).toBe(indentedByLine(value, depth));
    },
  );

  it('writes arrays element by element into one valid document', () => {
    const writer = jsonArrayWriter(1);
    const text = `{\n  "files": [${writer.item({ a: 1 })}${writer.item([2, { b: 3 }])}${writer.close()}\n}`;
    expect(text).toBe(JSON.stringify({ files: [{ a: 1 }, [2, { b: 3 }]] }, null, 2));
    expect(jsonArrayWriter(2).close()).toBe(']');
  });
});
