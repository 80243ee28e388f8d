import { getTemplate, TEMPLATE_IDS } from './template.js';
import { normalizeLabel } from './normalize.js';
import { Remembered } from './remembered.js';

/** The six numbered sections of a report, by the keys the templates give them. */
export type SectionKey = 'overview' | 'active' | 'applications' | 'reviewLitigation' | 'problems' | 'other';

const CAPTION = /第二十条第（([一二三四五六七八九十]+)）项/u;
const VALUE_TOKEN =
  /^[+\-−－]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?(?:万元|萬元|元|亿元|億元|件|个|個|项|項|次|人|家)?$/u;
/**
 * A figure in brackets, (72) or （3件） (compatibility forms): a cell printed so, read as printed (the value reader says it
 * is no number), never a label. Before, table 四's row of them was read as a blank template's 15 empty cells and table
 * 三's rows, their label run on with the figures, were called missing.
 */
const BRACKETED_FIGURE = /^\([+\-]?\d[\d,]*(?:\.\d+)?(?:万元|萬元|元|件|个|個|项|項|次|人|家)?\)$/u;
const VALUE_WORDS = new Set([
  '无',
  '無',
  '零',
  '-',
  '--',
  '—',
  '——',
  // U+2015, the dash GB2312's A1AA decodes to in some code pages (Java, older Macs).
  '―',
  '――',
  '–',
  '/',
  '／',
  '\\',
  '不适用',
  '不適用',
  '空',
  '没有',
  '沒有',
]);

/** A single 无 standing for a whole table 三 row of merged cells (read as 0 in every cell, the collapsed-row finding). */
export const COLLAPSE_MARKERS: ReadonlySet<string> = new Set(['无', '無']);

/** The characters a value's text may start with (after spaces): a sign or digit, the first of a VALUE_WORDS word, 增/减. */
const VALUE_START_CHARACTERS = '+-−－0123456789０１２３４５６７８９无無零—―–/／\\不空没沒增减減(';
const VALUE_START_CODES: ReadonlySet<number> = new Set(
  Array.from(VALUE_START_CHARACTERS, (character) => character.charCodeAt(0)),
);
/** What mayStartValue found for each code unit: 0 not asked yet, 1 a value may start with it, 2 none does. */
const valueStartKnown = new Uint8Array(0x10000);

/**
 * Whether a value's text may start with the code unit: one of VALUE_START_CHARACTERS, or a character whose
 * compatibility form starts with one (＋, ﹣, ①, the Kangxi ⽆…), as the value reader, which reads text in that form,
 * takes them. Worked out for each code unit the first time it is asked, not for all 65,536 at the first call.
 */
function mayStartValue(code: number): boolean {
  let known = valueStartKnown[code]!;
  if (known === 0) {
    const surrogate = code >= 0xd800 && code < 0xe000;
    const form = surrogate ? '' : String.fromCharCode(code).normalize('NFKC');
    known = VALUE_START_CODES.has(code) || (form.length > 0 && VALUE_START_CODES.has(form.charCodeAt(0))) ? 1 : 2;
    valueStartKnown[code] = known;
  }
  return known === 1;
}

/** True when a cell's text is a value (a number, an amount with its unit, 无, —, /) rather than a label. */
export function isValueText(text: string): boolean {
  // Most labels start with a character no value starts with: told at once, without compacting the text.
  if (text === '' || !(mayStartValue(text.charCodeAt(0)) || /^\s/.test(text))) return false;
  // Without the u flag (faster): white space is never a surrogate, so the same characters go.
  // Compatibility forms as the value reader reads them: a full-width －, ／ or ＋ is the ASCII sign.
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  if (compact === '') return false;
  return (
    VALUE_TOKEN.test(compact) ||
    VALUE_WORDS.has(compact) ||
    /^(增加|减少|減少|增|减|減)[\d０-９]/u.test(compact) ||
    // Printed with its brackets (⑴, a list's number, is no figure).
    (BRACKETED_FIGURE.test(compact) && /^\s*[(（]/u.test(text))
  );
}

let sectionPhrases: Array<{ key: SectionKey; phrase: string }> | undefined;

/** Punctuation a heading may print in either width or leave out (四、政府信息公开行政复议,行政诉讼情况). */
const HEADING_PUNCTUATION = /[、，,。.．；;：:！!？?·"'“”‘’\s]/gu;
/** A heading's number: 一–七 and 、 or a dot (二、, 二., 二．); （四） is a sub-heading inside 一、总体情况, never a section. */
const HEADING_NUMBER = /^[一二三四五六七](?:[、.，,]|$)/u;
/** The note a heading may end with, （单位：件）, and the punctuation after it. */
const TRAILING_NOTE = /(?:（[^（）]{0,20}）|[：:。.])+$/u;
/** How many characters may stand between the number and the section's phrase (政府信息公开工作存在的主要问题…). */
const PREFIX_LIMIT = 14;
/** How long a heading may be, number, prefix and phrase, once normalised and without its trailing note. */
const HEADING_LIMIT = 40;

/** Every section phrase of both templates, bare (without punctuation), longest first. */
function phrases(): Array<{ key: SectionKey; phrase: string }> {
  if (sectionPhrases) return sectionPhrases;
  const seen = new Set<string>();
  const list: Array<{ key: SectionKey; phrase: string }> = [];
  for (const section of TEMPLATE_IDS.flatMap((id) => getTemplate(id).def.sections)) {
    for (const match of section.match) {
      const phrase = bare(normalizeLabel(match));
      if (phrase === '' || seen.has(phrase)) continue;
      seen.add(phrase);
      list.push({ key: section.key as SectionKey, phrase });
    }
  }
  sectionPhrases = list.sort((a, b) => b.phrase.length - a.phrase.length);
  return sectionPhrases;
}

function bare(text: string): string {
  return text.replace(HEADING_PUNCTUATION, '');
}

/**
 * The section a heading line opens (一、总体情况 … 六、其他需要报告的事项, or a caption such as 表三), or undefined for any other text.
 * A heading is a number (一–七 with 、 or a dot), at most a few characters (政府信息公开工作), one of the templates' section
 * phrases and nothing after it but a note in brackets or a colon; markdown (#, **) and punctuation width do not matter.
 * A line that runs on into text (一、总体情况2019年，…) is not a heading here: the readers split such lines first.
 */
export function sectionOfHeading(text: string): SectionKey | undefined {
  if (text.length > 400) return undefined;
  // Remembered by text: the text reader asks of every line, and the aligner again of each text block.
  return headingSections.get(text, headingSection);
}

const headingSections = new Remembered<string, SectionKey | undefined>(20000);

/** sectionOfHeading's answer, worked out. */
function headingSection(text: string): SectionKey | undefined {
  const label = normalizeLabel(text.replace(/[#*>_`]/gu, ''));
  if (label.length === 0) return undefined;
  const caption = /^表([二三四])/u.exec(label);
  if (caption)
    return ({ 二: 'active', 三: 'applications', 四: 'reviewLitigation' } as const)[caption[1] as '二' | '三' | '四'];
  // 四 政府信息公开… (a space for the lost 、) counts as numbered; 四政府… run together does not.
  const spaced = /^[\s#*>_`]*[一二三四五六七][\s\u3000]+\S/u.test(text);
  const bracketed = /^[（(]([一二三四五六])[）)]/u.exec(label);
  if (bracketed) return bracketedHeading(label.slice(bracketed[0].length), bracketed[1]!);
  if (!HEADING_NUMBER.test(label) && !spaced) return undefined;
  const heading = label.replace(TRAILING_NOTE, '');
  if (heading.length > HEADING_LIMIT || /[。；！？]/u.test(heading)) return undefined;
  const body = bare(heading.slice(1));
  for (const { key, phrase } of phrases()) {
    // The phrase ends the heading, and the first time it appears: 六、其他需要报告的事项 无其他需要报告的事项 runs on.
    const at = body.indexOf(phrase);
    if (at >= 0 && at === body.length - phrase.length && at <= PREFIX_LIMIT) return key;
  }
  return undefined;
}

/**
 * The sections a heading numbered like a sub-heading may open: only 三 (（三）收到和处理政府信息公开申请情况). An overview's
 * own sub-headings name the other sections under their numbers: 006's (四)因政府信息公开申请的行政复议、行政诉讼情况 in 一.
 */
const NUMBERED_SECTIONS: Readonly<Record<string, SectionKey>> = { 三: 'applications' };

/**
 * A section heading numbered like a sub-heading, （三）收到和处理政府信息公开申请情况: only when its number is the
 * section's own and the section is in NUMBERED_SECTIONS.
 */
function bracketedHeading(rest: string, numeral: string): SectionKey | undefined {
  const heading = rest.replace(TRAILING_NOTE, '');
  if (heading.length > HEADING_LIMIT || /[。；！？]/u.test(heading)) return undefined;
  const body = bare(heading);
  const own = NUMBERED_SECTIONS[numeral];
  for (const { key, phrase } of phrases()) {
    if (key !== own) continue;
    const at = body.indexOf(phrase);
    if (at >= 0 && at === body.length - phrase.length && at <= PREFIX_LIMIT) return key;
  }
  return undefined;
}

/** The 第二十条 caption a label names, in canonical form (第二十条第（一）项), if any. */
export function captionOf(text: string): string | undefined {
  const match = CAPTION.exec(normalizeLabel(text));
  return match ? `第二十条第（${match[1]}）项` : undefined;
}
