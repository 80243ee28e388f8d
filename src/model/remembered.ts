/**
 * Answers remembered by key, for work that reports ask again and again (the templates' own labels and headings): at
 * most `limit` are held, and all are forgotten at once when that is reached, so memory stays bounded on any input.
 */
export class Remembered<Key, Value> {
  private readonly answers = new Map<Key, Value>();

  constructor(private readonly limit: number) {}

  /** The answer for `key`: the one remembered, or the one `work` gives, remembered. */
  get(key: Key, work: (key: Key) => Value): Value {
    const known = this.answers.get(key);
    if (known !== undefined || this.answers.has(key)) return known as Value;
    const value = work(key);
    if (this.answers.size >= this.limit) this.answers.clear();
    this.answers.set(key, value);
    return value;
  }
}
