import { decimalFromNumber, formatDecimal, parseDecimal, shift } from './decimal.js';
import type { CellKind, CellValue, RawValue } from './types.js';

/** Something the value reader noticed about one cell; each kind is reported by the rule of the same name. */
export type ValueNote =
  | { readonly kind: 'zero-marker'; readonly marker: string }
  | { readonly kind: 'empty-cell'; readonly marker: string }
  | { readonly kind: 'unit'; readonly unit: 'guessed' | 'converted'; readonly from: string; readonly value: string }
  | { readonly kind: 'value-format'; readonly text: string };

/** The value of one cell and what was noticed while reading it. */
export interface ReadValue {
  readonly value: CellValue;
  readonly note?: ValueNote;
}

/** How a cell's column states its unit. */
export interface ValueContext {
  readonly kind: CellKind;
  /** True when the header already says 万元, so a bare number needs no unit. */
  readonly unitInHeader?: boolean;
}

const EMPTY: CellValue = { kind: 'empty' };
const INVALID: CellValue = { kind: 'invalid' };
const ZERO: CellValue = { kind: 'number', value: 0 };
const EMPTY_MARKERS = new Set(['', '-', '--', '—', '——', '―', '――', '–', '/', '\\', '不适用', '不適用', '空']);
const ZERO_MARKERS = new Set(['无', '無', '零', '没有', '沒有']);
const COUNT_SUFFIX = /(件|个|個|项|項|次|人|家)$/u;
const MONEY_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['亿元', 4],
  ['億元', 4],
  ['万元', 0],
  ['萬元', 0],
  ['元', -4],
];

/** Reads one value exactly as a report wrote it (format-spec §10): the one value reader every input format shares. */
export function readValue(raw: RawValue | undefined, context: ValueContext): ReadValue {
  if (raw === null || raw === undefined) return { value: EMPTY, note: { kind: 'empty-cell', marker: '' } };
  if (typeof raw === 'number') return readNumber(raw, context);
  return readText(raw, context);
}

/** Reads of the small counts most cells hold, made once: read values are never changed, so they can be shared. */
const SMALL_COUNTS: ReadValue[] = [];
const SMALL_COUNT_LIMIT = 1024;

function countRead(value: number): ReadValue {
  if (Number.isInteger(value) && value >= 0 && value < SMALL_COUNT_LIMIT)
    return (SMALL_COUNTS[value] ??= { value: { kind: 'number', value } });
  return { value: { kind: 'number', value } };
}

function readNumber(raw: number, context: ValueContext): ReadValue {
  if (!Number.isFinite(raw)) return { value: INVALID, note: { kind: 'value-format', text: String(raw) } };
  if (context.kind !== 'money') return countRead(raw);
  const decimal = decimalFromNumber(raw);
  return decimal
    ? { value: { kind: 'money', value: decimal } }
    : { value: INVALID, note: { kind: 'value-format', text: String(raw) } };
}

function readText(raw: string, context: ValueContext): ReadValue {
  const text = canonicalText(raw);
  if (EMPTY_MARKERS.has(text)) return { value: EMPTY, note: { kind: 'empty-cell', marker: raw.trim() } };
  if (ZERO_MARKERS.has(text) || /^0(件|个|項|项)$/u.test(text)) {
    return {
      value: context.kind === 'money' ? { kind: 'money', value: { coefficient: 0n, scale: 0 } } : ZERO,
      note: { kind: 'zero-marker', marker: raw.trim() },
    };
  }
  if (context.kind === 'money') return readMoney(text, raw, context);
  const stripped = signedWords(text).replace(COUNT_SUFFIX, '');
  const number = parseDecimal(stripped);
  const value = Number(stripped);
  if (!number || (number.scale === 0 && !Number.isSafeInteger(value)))
    return { value: INVALID, note: { kind: 'value-format', text: raw } };
  return { value: { kind: 'number', value } };
}

function readMoney(text: string, raw: string, context: ValueContext): ReadValue {
  for (const [unit, places] of MONEY_UNITS) {
    if (!text.endsWith(unit)) continue;
    const amount = parseDecimal(text.slice(0, -unit.length));
    if (!amount) break;
    const value = shift(amount, places);
    if (places === 0) return { value: { kind: 'money', value } };
    return {
      value: { kind: 'money', value },
      note: { kind: 'unit', unit: 'converted', from: raw.trim(), value: formatDecimal(value) },
    };
  }
  const amount = parseDecimal(text);
  if (!amount) return { value: INVALID, note: { kind: 'value-format', text: raw } };
  if (context.unitInHeader) return { value: { kind: 'money', value: amount } };
  return {
    value: { kind: 'money', value: amount },
    note: { kind: 'unit', unit: 'guessed', from: raw.trim(), value: formatDecimal(amount) },
  };
}

/** Full-width digits and signs to ASCII, thousands separators and inner spaces removed. */
function canonicalText(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u2212\u2012\u2013\ufe63]/gu, (dash) => (dash === '\u2013' && raw.trim().length === 1 ? '–' : '-'))
    .replace(/\s+/gu, '')
    .replace(/(\d)[,，](?=\d{3}(?!\d))/gu, '$1');
}

function signedWords(text: string): string {
  const increase = /^(增加|增)(.+)$/u.exec(text);
  if (increase?.[2]) return increase[2];
  const decrease = /^(减少|減少|减|減)(.+)$/u.exec(text);
  if (decrease?.[2]) return `-${decrease[2]}`;
  return text.startsWith('+') ? text.slice(1) : text;
}
