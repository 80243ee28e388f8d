const SENTENCE_END = /[。！？；!?;]/u;
const MAX_QUOTE = 160;

/**
 * The sentence of a text that a finding at a 1-based line and column points into: from after the previous sentence
 * end on that line to the next one (inclusive), cut to about 160 characters around the place. Undefined when the
 * line does not exist or is blank. `at` is the place's offset inside the returned sentence.
 */
export function sentenceAt(
  lines: readonly string[],
  line: number,
  column = 1,
): { text: string; at: number } | undefined {
  const source = lines[line - 1];
  if (source === undefined || source.trim() === '') return undefined;
  const characters = [...source];
  const place = Math.min(Math.max(column - 1, 0), characters.length - 1);
  let start = place;
  while (start > 0 && !SENTENCE_END.test(characters[start - 1]!)) start -= 1;
  let end = place;
  while (end < characters.length && !SENTENCE_END.test(characters[end]!)) end += 1;
  end = Math.min(end + 1, characters.length);
  if (end - start > MAX_QUOTE) {
    start = Math.max(start, place - MAX_QUOTE / 2);
    end = Math.min(end, start + MAX_QUOTE);
  }
  const text = characters.slice(start, end).join('').trim();
  return text === '' ? undefined : { text, at: place - start };
}

/** The lines of a text as the readers count them (CRLF, LF or CR each end a line). */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|\n|\r/u);
}
