import type { ReaderFinding } from '../read/types.js';
import {
  codePointsBetween,
  PINYIN_ANNOTATION,
  SCRIPT_NEUTRAL,
  SCRIPT_TRADITIONAL,
  scriptCodes,
  scriptOf,
  STRAY_COMMA,
} from '../model/normalize.js';
import type { Origin } from '../model/types.js';
import { withFields } from '../model/objects.js';
import { appendAll } from '../model/arrays.js';

const MAX_FINDINGS_PER_RULE = 50;

/** The narrative sections, and the tables whose cells may hold text. */
export type TextSection = 'overview' | 'active' | 'applications' | 'reviewLitigation' | 'problems' | 'other';

/** A line (or cell) of text with its place in the file and, when known, the section it stands in. */
export interface TextUnit {
  text: string;
  origin: Origin;
  section?: TextSection;
}

/**
 * Where the characters of a unit's text stand in the file (line/column when the unit has them), for indexes asked in
 * increasing order: each answer goes on from the last one, so the matches of one long line (a crawled page has
 * thousands of characters and may have thousands of findings) cost one pass over it, not one pass each. An index
 * before the last one starts again from the beginning.
 */
function positionCursor(unit: TextUnit): (index: number) => Origin {
  const { text } = unit;
  let from = 0;
  let breaks = 0;
  let lineStart = 0;
  let offset = 0;
  // The first line break at or after `from` (text.length when there is none): looked for again only once passed.
  let nextBreak = -1;
  const breakFrom = (start: number): number => {
    const found = text.indexOf('\n', start);
    return found === -1 ? text.length : found;
  };
  return (index) => {
    const { line, column } = unit.origin;
    if (line === undefined) return unit.origin;
    const end = Math.max(0, Math.min(index, text.length));
    if (end < from || nextBreak < 0) {
      from = 0;
      breaks = 0;
      lineStart = 0;
      offset = 0;
      nextBreak = breakFrom(0);
    }
    while (nextBreak < end) {
      breaks += 1;
      lineStart = nextBreak + 1;
      from = lineStart;
      offset = 0;
      nextBreak = breakFrom(lineStart);
    }
    offset += codePointsBetween(text, Math.max(from, lineStart), end);
    from = end;
    return breaks > 0
      ? withFields(unit.origin, { line: line + breaks, column: offset + 1 })
      : withFields(unit.origin, { line, column: (column ?? 1) + offset });
  };
}

/** Where the character at `index` of a unit's text stands in the file: line/column when the unit has them. */
function positionIn(unit: TextUnit, index: number): Origin {
  return positionCursor(unit)(index);
}

/** Whether a code unit ends a sentence: 。！？； or a line break (not their half-width forms: a `?` inside Chinese text is garbling). */
function endsSentence(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b || code === 0x0a;
}
/** The longest quote of a sentence; a longer one is cut around the place it is quoted for. */
const MAX_QUOTE = 80;

/**
 * The sentence of `text` that holds the character at `index`: from after the previous 。！？； or line break to its own
 * end mark (kept), trimmed; a sentence longer than 80 characters is cut to 80 around `index`, with … where cut.
 */
export function sentenceAt(text: string, index: number): string {
  let start = index;
  while (start > 0 && !endsSentence(text.charCodeAt(start - 1))) start -= 1;
  let end = index;
  while (end < text.length && !endsSentence(text.charCodeAt(end))) end += 1;
  if (end < text.length && text[end] !== '\n') end += 1;
  const lead = text.slice(start, index).length - text.slice(start, index).trimStart().length;
  start += lead;
  const sentence = text.slice(start, end).trimEnd();
  if (codePointsBetween(sentence, 0, sentence.length) <= MAX_QUOTE) return sentence;
  const chars = [...sentence];
  const at = [...text.slice(start, index)].length;
  const from = Math.max(0, Math.min(at - MAX_QUOTE / 2, chars.length - MAX_QUOTE));
  return `${from > 0 ? '…' : ''}${chars.slice(from, from + MAX_QUOTE).join('')}${from + MAX_QUOTE < chars.length ? '…' : ''}`;
}

/** The Han characters, as a class body. */
const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
/**
 * Garbled text: U+FFFD (bytes that did not decode) and its GBK form 锟斤拷; a `?` run inside Chinese text, where an
 * encoding had no character (恰當?shù)…, 本局?年); and UTF-8 read as Latin-1 (æ¿€, Ã©). Each match starts a garbled span.
 */
const GARBLED_START = new RegExp(
  [
    '\\uFFFD+',
    '(?:锟斤拷)+',
    `(?<=[${HAN}])\\?+(?=[${HAN}a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])`,
    '(?:[\\u00c2-\\u00ef][\\u0080-\\u00bf\\u0152\\u0153\\u0160\\u0161\\u0178\\u017d\\u017e\\u0192\\u02c6\\u02dc\\u2013-\\u2026\\u2030\\u2039\\u203a\\u20ac\\u2122]){2,}',
  ].join('|'),
  'gu',
);
/** What ends a garbled span: punctuation or a space (the garbling runs to the end of the clause it broke). */
const CLAUSE_END = /[。！？；，、：,.;:!\s]/u;

/** One garbled span of a unit's text: where it starts and ends (UTF-16 offsets). */
interface GarbledSpan {
  start: number;
  end: number;
}

/** The first character every GARBLED_START match begins with: text without one has no garbled span (checked first, natively and fast). */
const GARBLED_FIRST = /[\uFFFD锟?\u00c2-\u00ef]/u;

/**
 * Whether a text may hold a PINYIN_ANNOTATION: every one has an opening bracket. Most lines have none, and the
 * annotation's look-behind makes its own scan slow.
 */
function mayHoldPinyin(text: string): boolean {
  return text.includes('(') || text.includes('（');
}

/** The garbled spans of a text: each from a GARBLED_START match to the end of its clause. */
function garbledSpans(text: string): GarbledSpan[] {
  const spans: GarbledSpan[] = [];
  if (!GARBLED_FIRST.test(text)) return spans;
  for (const match of text.matchAll(GARBLED_START)) {
    const start = match.index;
    if (spans.length > 0 && start < spans[spans.length - 1]!.end) continue;
    let end = start + match[0].length;
    while (end < text.length && !CLAUSE_END.test(text[end]!)) end += 1;
    spans.push({ start, end });
  }
  return spans;
}

/** A text with its garbled spans (in order, as garbledSpans gives them) blanked out, so the other checks do not count their characters; one pass. */
function withoutGarbled(text: string, spans: readonly GarbledSpan[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const span of spans) {
    const start = Math.max(from, span.start);
    if (span.end <= start) continue;
    parts.push(text.slice(from, start), ' '.repeat(span.end - start));
    from = span.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The clause around a garbled span as a person sees it: back to the clause's start, at most 8 characters, and the span. */
function garbledExample(text: string, span: GarbledSpan): { start: number; text: string } {
  let start = span.start;
  while (start > 0 && span.start - start < 8 && !CLAUSE_END.test(text[start - 1]!)) start -= 1;
  return { start, text: text.slice(start, span.end) };
}

/**
 * The narrative lint: pinyin annotations, stray commas before 、/。 and garbled text, one finding per line (or cell)
 * and rule; Traditional mixed with Simplified, one finding per character. Each finding's data quotes the sentence it is
 * about (`sentence`) and names the section the text stands in (`section`) when known. Garbled spans are left out of
 * the other checks: their characters are no one's spelling.
 */
export function lintText(units: TextUnit[]): ReaderFinding[] {
  const findings: ReaderFinding[] = [];
  const garbled = new Map<TextUnit, GarbledSpan[]>();
  for (const unit of units) {
    const spans = garbledSpans(unit.text);
    if (spans.length > 0) garbled.set(unit, spans);
  }
  const blanked = new Map<TextUnit, string>();
  const textOf = (unit: TextUnit): string => {
    const spans = garbled.get(unit);
    if (!spans) return unit.text;
    let text = blanked.get(unit);
    if (text === undefined) blanked.set(unit, (text = withoutGarbled(unit.text, spans)));
    return text;
  };
  const perLine: {
    ruleId: string;
    messageId: string;
    matches: (unit: TextUnit) => { index: number; example: string; at: number }[];
  }[] = [
    {
      ruleId: 'narrative-pinyin',
      messageId: 'pinyin',
      matches: (unit) =>
        (!mayHoldPinyin(unit.text) ? [] : [...textOf(unit).matchAll(new RegExp(PINYIN_ANNOTATION.source, 'gu'))]).map(
          (match) => {
            const index = match.index;
            return {
              index,
              at: Math.max(0, index - 1),
              example: unit.text.slice(Math.max(0, index - 1), index + match[0].length),
            };
          },
        ),
    },
    {
      ruleId: 'narrative-comma',
      messageId: 'comma',
      matches: (unit) =>
        (!unit.text.includes(',') ? [] : [...textOf(unit).matchAll(new RegExp(STRAY_COMMA.source, 'gu'))]).map(
          (match) => {
            const index = match.index;
            return { index, at: index, example: unit.text.slice(index, index + 2) };
          },
        ),
    },
    {
      ruleId: 'narrative-garbled',
      messageId: 'garbled',
      matches: (unit) =>
        (garbled.get(unit) ?? []).map((span) => {
          const example = garbledExample(unit.text, span);
          return { index: span.start, at: example.start, example: example.text };
        }),
    },
  ];
  for (const { ruleId, messageId, matches } of perLine) {
    const byPlace = new Map<
      string,
      { origin: Origin; count: number; examples: string[]; sentence: string; section?: TextSection }
    >();
    for (const unit of units) {
      const found = matches(unit);
      if (found.length === 0) continue;
      const positionOf = positionCursor(unit);
      for (const { at, example } of found) {
        const origin = positionOf(at);
        const place = origin.line !== undefined ? `L${origin.line}` : JSON.stringify(unit.origin);
        const entry = byPlace.get(place);
        if (entry) {
          entry.count += 1;
          if (entry.examples.length < 3 && !entry.examples.includes(example)) entry.examples.push(example);
        } else if (byPlace.size < MAX_FINDINGS_PER_RULE) {
          // Only the first places are reported: a place past them is not kept (a text of 200,000 such lines once
          // kept an entry, a sentence and an origin for each).
          byPlace.set(place, {
            origin,
            count: 1,
            examples: [example],
            sentence: sentenceAt(unit.text, at),
            ...(unit.section ? { section: unit.section } : {}),
          });
        }
      }
    }
    for (const entry of byPlace.values()) {
      const data = {
        count: entry.count,
        examples: entry.examples.join('、'),
        sentence: entry.sentence,
        ...(entry.section ? { section: entry.section } : {}),
      };
      findings.push({ ruleId, messageId, data, origin: entry.origin });
    }
  }
  findings.sort(
    (a, b) => (a.origin.line ?? 0) - (b.origin.line ?? 0) || (a.origin.column ?? 0) - (b.origin.column ?? 0),
  );
  appendAll(findings, mixedScript(units, textOf));
  return findings;
}

function mixedScript(units: TextUnit[], textOf: (unit: TextUnit) => string): ReaderFinding[] {
  const counts = { traditional: 0, simplified: 0 };
  // Keyed by code point: every character of every unit is looked at, and most are not Traditional- or Simplified-only.
  // Where each character is first seen; its place, sentence and counterpart are worked out only for the few reported
  // (the minority script's, and none when the text keeps to one script).
  const seen = new Map<
    number,
    { script: 'traditional' | 'simplified'; count: number; unit: TextUnit; index: number }
  >();
  const scripts = scriptCodes();
  for (const unit of units) {
    const own = textOf(unit);
    const text = mayHoldPinyin(own) ? own.replace(PINYIN_ANNOTATION, (match) => ' '.repeat(match.length)) : own;
    for (let index = 0; index < text.length; index += 1) {
      const codePoint = text.codePointAt(index)!;
      const width = codePoint > 0xffff ? 2 : 1;
      const code = scripts[codePoint]!;
      if (code !== SCRIPT_NEUTRAL) {
        const script = code === SCRIPT_TRADITIONAL ? 'traditional' : 'simplified';
        counts[script] += 1;
        const entry = seen.get(codePoint);
        if (entry) entry.count += 1;
        else seen.set(codePoint, { script, count: 1, unit, index });
      }
      index += width - 1;
    }
  }
  if (counts.traditional === 0 || counts.simplified === 0) return [];
  const minority = counts.traditional < counts.simplified ? 'traditional' : 'simplified';
  const majority = minority === 'traditional' ? 'simplified' : 'traditional';
  return [...seen.entries()]
    .filter(([, entry]) => entry.script === minority)
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, MAX_FINDINGS_PER_RULE)
    .map(([codePoint, { count, unit, index }]) => {
      const character = String.fromCodePoint(codePoint);
      const counterpart = scriptOf(character).counterpart ?? character;
      return {
        ruleId: 'narrative-mixed-script',
        messageId: minority,
        data: {
          character,
          counterpart,
          count,
          majority: counts[majority],
          minority: counts[minority],
          sentence: sentenceAt(unit.text, index),
          ...(unit.section ? { section: unit.section } : {}),
        },
        origin: positionIn(unit, index),
      };
    });
}

/** A narrative section as read: its lines in order, each with its place in the file. */
export interface NarrativeLines {
  lines: readonly string[];
  origins: readonly Origin[];
}

/**
 * Where the character at `offset` of a narrative section's text stands in the file, for a section whose text is its
 * lines joined by line breaks and trimmed: the line that holds it, moved on by the characters before it on that line.
 * Undefined when the line has no line number (the caller keeps the section's own place).
 */
export function narrativeOrigin(narrative: NarrativeLines, offset: number): Origin | undefined {
  const joined = narrative.lines.join('\n');
  let position = offset + (joined.length - joined.trimStart().length);
  for (const [index, line] of narrative.lines.entries()) {
    if (position <= line.length) {
      const origin = narrative.origins[index];
      if (!origin || origin.line === undefined) return undefined;
      return withFields(origin, { column: (origin.column ?? 1) + [...line.slice(0, position)].length });
    }
    position -= line.length + 1;
  }
  return undefined;
}
