/** Appends every item to `target` in place: `target.push(...items)` passes each item as an argument, and an array of input size (about 100,000 items) overflows the stack. */
export function appendAll<Item>(target: Item[], items: Iterable<Item>): Item[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of the numbers (-Infinity for none), as Math.max(...numbers) without an argument per number. */
export function largest(numbers: Iterable<number>): number {
  let found = -Infinity;
  for (const number of numbers)
    if (number > found || Number.isNaN(number) || (number === 0 && found === 0 && Object.is(found, -0))) found = number;
  return found;
}

/** The smallest of the numbers (Infinity for none), as Math.min(...numbers) without an argument per number. */
export function smallest(numbers: Iterable<number>): number {
  let found = Infinity;
  for (const number of numbers)
    if (number < found || Number.isNaN(number) || (number === 0 && found === 0 && Object.is(number, -0)))
      found = number;
  return found;
}
