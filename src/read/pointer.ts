/** The entry at a JSON pointer, or else at its nearest ancestor that has one ('' is the root). */
export function nearestEntry<T>(entries: ReadonlyMap<string, T>, pointer: string): T | undefined {
  let current = pointer;
  for (;;) {
    const entry = entries.get(current);
    if (entry !== undefined) return entry;
    if (current === '') return undefined;
    current = current.slice(0, current.lastIndexOf('/'));
  }
}
