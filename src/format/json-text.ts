/** A value as `JSON.stringify(value, null, 2)` writes it when nested `depth` levels deep: every line after the first indented. */
export function nestedJson(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
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
