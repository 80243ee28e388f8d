/** A value as `JSON.stringify(value, null, 2)` writes it when nested `depth` levels deep: every line after the first indented. */
export function nestedJson(value: unknown, depth: number): string {
  // Inside `depth` arrays JSON.stringify indents the value itself; the arrays' own brackets and indents are cut off
  // (faster than indenting each line of the value's own text).
  let wrapped: unknown = value;
  for (let level = 0; level < depth; level += 1) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each array opens with '[', a line break and its indent, and closes with a line break, its parent's indent and ']'.
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}

/**
 * The elements of a JSON array written one at a time as `JSON.stringify` would lay them out inside a document at
 * `depth`: `open` before the first, `item` for each, `close` after the last (an empty array is `[]`).
 */
export function jsonArrayWriter(depth: number) {
  let count = 0;
  const indent = '  '.repeat(depth);
  return {
    item(value: unknown): string {
      const text = `${count === 0 ? '' : ','}\n${indent}  ${nestedJson(value, depth + 1)}`;
      count += 1;
      return text;
    },
    close(): string {
      return count === 0 ? ']' : `\n${indent}]`;
    },
  };
}
