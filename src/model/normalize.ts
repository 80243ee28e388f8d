import { ST_CHARACTERS, TS_CHARACTERS, TW_VARIANTS_REV } from '../generated/opencc.js';
import { Remembered } from './remembered.js';

/** A Han character followed by a parenthesised pinyin syllable, as SEO mirrors add them (規(guī)范). */
export const PINYIN_ANNOTATION = /(?<=[\u3400-\u9fff\uf900-\ufaff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+[)）]/gu;

/** An ASCII comma directly before 、 or 。 (a conversion artefact of the mirrors). */
export const STRAY_COMMA = /,(?=[、。])/gu;

/** Which script a Han character belongs to, as far as the character alone tells. */
export type Script = 'traditional' | 'simplified' | 'neutral';

interface CharacterTables {
  toSimplified: Map<string, string>;
  traditional: Set<string>;
  simplified: Map<string, string>;
  /** SCRIPT_NEUTRAL, SCRIPT_TRADITIONAL or SCRIPT_SIMPLIFIED by code point, for the per-character scans. */
  scripts: Uint8Array;
  /** The first code unit of every character toSimplified changes, so text without one is returned as it is. */
  convertible: Uint8Array;
}

/** Codes of scriptCodes. */
export const SCRIPT_NEUTRAL = 0;
export const SCRIPT_TRADITIONAL = 1;
export const SCRIPT_SIMPLIFIED = 2;
/** One past the last code point. */
const SCRIPT_LIMIT = 0x110000;

let tables: CharacterTables | undefined;

/** Builds the character tables from OpenCC's dictionaries (src/generated/opencc.ts) once, on first use. */
function characterTables(): CharacterTables {
  if (tables) return tables;
  const toSimplified = new Map<string, string>();
  const traditional = new Set<string>();
  for (const [source, targets] of entries(TS_CHARACTERS)) {
    const first = targets[0];
    if (first === undefined || targets.includes(source)) continue;
    toSimplified.set(source, first);
    traditional.add(source);
  }
  const standardVariants = new Set(entries(TW_VARIANTS_REV).map(([source]) => source));
  const simplified = new Map<string, string>();
  for (const [source, targets] of entries(ST_CHARACTERS)) {
    const first = targets[0];
    if (first === undefined || targets.includes(source) || standardVariants.has(source) || traditional.has(source))
      continue;
    simplified.set(source, first);
  }
  for (const source of simplified.keys()) traditional.delete(source);
  const scripts = new Uint8Array(SCRIPT_LIMIT);
  // Only one-character entries can match a character; scriptOf looks at the Traditional set first.
  const single = (source: string): boolean => source.length === String.fromCodePoint(source.codePointAt(0)!).length;
  for (const source of simplified.keys()) if (single(source)) scripts[source.codePointAt(0)!] = SCRIPT_SIMPLIFIED;
  for (const source of traditional) if (single(source)) scripts[source.codePointAt(0)!] = SCRIPT_TRADITIONAL;
  const convertible = new Uint8Array(0x10000);
  for (const source of toSimplified.keys()) convertible[source.charCodeAt(0)] = 1;
  tables = { toSimplified, traditional, simplified, scripts, convertible };
  return tables;
}

function entries(dictionary: string): Array<[string, string[]]> {
  const result: Array<[string, string[]]> = [];
  for (const entry of dictionary.split('|')) {
    const [source, ...targets] = entry.split(' ');
    if (source) result.push([source, targets]);
  }
  return result;
}

/** Converts Traditional characters to Simplified one character at a time (format-spec §11.3), leaving everything else as is. */
export function toSimplified(text: string): string {
  const { toSimplified: map, convertible } = characterTables();
  // Most text holds no Traditional character: one pass over its code units finds that, without building a copy.
  let index = 0;
  while (index < text.length && convertible[text.charCodeAt(index)] === 0) index += 1;
  if (index === text.length) return text;
  let result = '';
  for (const character of text) result += map.get(character) ?? character;
  return result;
}

/**
 * scriptOf's answers by code point (SCRIPT_NEUTRAL, SCRIPT_TRADITIONAL or SCRIPT_SIMPLIFIED; neutral for a lone surrogate
 * and anything the tables do not hold), for scanning every character of a text without building the characters.
 */
export function scriptCodes(): Readonly<Uint8Array> {
  return characterTables().scripts;
}

/** Whether a character is Traditional-only, Simplified-only or neither; `counterpart` is its form in the other script. */
export function scriptOf(character: string): { script: Script; counterpart?: string } {
  const { toSimplified: map, traditional, simplified } = characterTables();
  if (traditional.has(character)) return { script: 'traditional', counterpart: map.get(character) };
  const counterpart = simplified.get(character);
  if (counterpart !== undefined) return { script: 'simplified', counterpart };
  return { script: 'neutral' };
}

/** normalizeLabel's answers: reports print the templates' labels again and again. */
const normalizedLabels = new Remembered<string, string>(20000);

/** Normalises a table or heading label for matching (format-spec §11): pinyin, stray commas, script, width, numbering, spaces, merged-cell duplicates, lost brackets. */
export function normalizeLabel(text: string): string {
  return normalizedLabels.get(text, computeLabel);
}

function computeLabel(text: string): string {
  let label = text.replace(PINYIN_ANNOTATION, '');
  label = label.replace(/,\s*(?=[、。])/gu, '');
  label = toSimplified(label);
  label = label.normalize('NFKC');
  label = label
    .replace(/\s+/gu, '')
    .replace(/[(（]/gu, '（')
    .replace(/[)）]/gu, '）')
    .replace(/[:：]/gu, '：')
    .replace(/[,，]/gu, '，')
    .replace(/[;；]/gu, '；')
    .replace(/["“”„‟〃「」『』]/gu, '"')
    .replace(/['‘’]/gu, "'")
    .replace(/[/／]/gu, '/')
    .replace(/[·•・]/gu, '·')
    .replace(/(^|[^\d.])(\d{1,2})[、．.](?!\d)/gu, '$1$2.');
  label = collapseLeadingDuplicate(label);
  return closeBrackets(label);
}

const REPEATABLE = /^[（一二三四五六七八九十\u3400-\u9fff]$/u;

/** 自自然人 → 自然人, 三三、 → 三、, （（三） → （三）: one character repeated by a merged cell. */
function collapseLeadingDuplicate(label: string): string {
  const characters = [...label];
  const [first, second] = characters;
  if (first !== undefined && first === second && REPEATABLE.test(first)) return characters.slice(1).join('');
  return label;
}

function closeBrackets(label: string): string {
  let open = 0;
  for (const character of label) {
    if (character === '（') open += 1;
    else if (character === '）' && open > 0) open -= 1;
  }
  return open > 0 ? label + '）'.repeat(open) : label;
}

/** True when a normalised label contains the (normalised) core phrase. */
export function matchesPhrase(normalized: string, phrase: string): boolean {
  return normalized.includes(normalizeLabel(phrase));
}

/** Each list of phrases normalised, by the list: the callers pass a template's own lists (never changed) again and again. */
const normalizedLists = new WeakMap<readonly string[], readonly string[]>();

/** The length of the longest of `phrases` (a list that is never changed) that the normalised label contains, or 0 when none matches. */
export function bestPhraseLength(normalized: string, phrases: readonly string[]): number {
  let cores = normalizedLists.get(phrases);
  if (cores === undefined) {
    cores = phrases.map((phrase) => normalizeLabel(phrase));
    normalizedLists.set(phrases, cores);
  }
  let best = 0;
  for (const core of cores) if (core.length > best && normalized.includes(core)) best = core.length;
  return best;
}

/** A high surrogate, code unit by code unit (no u flag). */
const HIGH_SURROGATE = /[\ud800-\udbff]/;

/** The number of characters (code points, a lone surrogate counting one, as [...text]) of text[from, to). */
export function codePointsBetween(text: string, from: number, to: number): number {
  const part = text.slice(from, to);
  return HIGH_SURROGATE.test(part) ? [...part].length : part.length;
}
