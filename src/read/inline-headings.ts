import { getTemplate, TEMPLATE_IDS } from '../model/template.js';

/** A piece of a line: its text and where it starts in the line (a UTF-16 index). */
export interface LinePiece {
  text: string;
  start: number;
  /** True when the piece is a section heading found inside the line. */
  heading: boolean;
}

const NUMERALS = '一二三四五六七';
const SEPARATORS = '、.．';
const NUMERAL_CODES: ReadonlySet<number> = new Set(Array.from(NUMERALS, (numeral) => numeral.charCodeAt(0)));
const [SEPARATOR_DUN, SEPARATOR_DOT, SEPARATOR_WIDE_DOT] = Array.from(SEPARATORS, (separator) =>
  separator.charCodeAt(0),
);
/** How far after 二、 the section's phrase may start (政府信息公开工作…), and how long a heading may run. */
const PHRASE_START_LIMIT = 14;
const WINDOW = 64;
/** A report has six sections; a line with more headings than this is not split further (and each piece stays small). */
const MAX_CUTS = 24;

let phrases: string[] | undefined;

/** Every section phrase of both templates, longest first, so the longest heading wins. */
function sectionPhrases(): string[] {
  phrases ??= [
    ...new Set(TEMPLATE_IDS.flatMap((id) => getTemplate(id).def.sections.flatMap((section) => section.match))),
  ].sort((a, b) => b.length - a.length);
  return phrases;
}

/**
 * Splits a line at the section headings it holds inline (二、主动公开政府信息情况第二十条…), as crawled pages give the
 * whole article on one line. A heading is a numeral 一–七 and 、 (not inside brackets: （四）因政府信息公开申请…
 * is a sub-heading of 一) followed within a few characters by a section phrase of the templates. Returns the line
 * as one piece when it holds no heading, or only one at its start with nothing after it. Linear in the line's length:
 * each candidate position looks at a fixed window.
 */
export function splitAtHeadings(line: string): LinePiece[] {
  const cuts: Array<{ start: number; end: number }> = [];
  for (let index = 0; index + 1 < line.length && cuts.length < MAX_CUTS; index += 1) {
    // By code unit, without making a one-character string of every character of the line (the loop's main cost).
    // The separator first: it is the rarer of the two, and three comparisons are cheaper than a set's look-up.
    const separator = line.charCodeAt(index + 1);
    if (separator !== SEPARATOR_DUN && separator !== SEPARATOR_DOT && separator !== SEPARATOR_WIDE_DOT) continue;
    if (!NUMERAL_CODES.has(line.charCodeAt(index))) continue;
    const before = index > 0 ? line[index - 1]! : '';
    if (before === '（' || before === '(' || NUMERALS.includes(before) || before === '第') continue;
    const window = line.slice(index + 2, index + 2 + WINDOW);
    for (const phrase of sectionPhrases()) {
      const at = window.indexOf(phrase);
      if (at < 0 || at > PHRASE_START_LIMIT) continue;
      const end = index + 2 + at + phrase.length;
      cuts.push({ start: index, end });
      index = end - 1;
      break;
    }
  }
  if (cuts.length === 0 || (cuts.length === 1 && cuts[0]!.start === 0 && line.slice(cuts[0]!.end).trim() === ''))
    return [{ text: line, start: 0, heading: false }];
  const pieces: LinePiece[] = [];
  let position = 0;
  for (const cut of cuts) {
    if (cut.start > position && line.slice(position, cut.start).trim() !== '')
      pieces.push({ text: line.slice(position, cut.start), start: position, heading: false });
    pieces.push({ text: line.slice(cut.start, cut.end), start: cut.start, heading: true });
    position = cut.end;
  }
  if (position < line.length && line.slice(position).trim() !== '')
    pieces.push({ text: line.slice(position), start: position, heading: false });
  return pieces;
}
