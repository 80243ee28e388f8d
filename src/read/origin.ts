/**
 * `{ ...base, ...more }` built with Object.assign: the same keys in the same order and the same values for plain data,
 * but V8 (Node 20) builds a spread followed by properties (`{ ...origin, rowIndex }`) about nine times slower
 * (0.37 against 0.04 µs), and the readers build one per cell.
 */
export function extended<T extends object, U extends object>(base: T, more: U): T & U {
  return Object.assign({}, base, more);
}
