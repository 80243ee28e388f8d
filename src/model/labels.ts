import { getTemplate, TEMPLATE_IDS } from './template.js';
import { bestPhraseLength, normalizeLabel } from './normalize.js';

/** The six numbered sections of a report, by the keys the templates give them. */
export type SectionKey = 'overview' | 'active' | 'applications' | 'reviewLitigation' | 'problems' | 'other';

const CAPTION = /第二十条第（([一二三四五六七八九十]+)）项/u;
const VALUE_TOKEN = /^[+\-−－]?[\d０-９][\d０-９,，]*(?:[.．][\d０-９]+)?(?:万元|萬元|元|亿元|億元|件|个|個|项|項|次|人|家)?$/u;
const VALUE_WORDS = new Set(['无', '無', '零', '-', '--', '—', '——', '–', '/', '／', '\\', '不适用', '不適用', '空', '没有', '沒有']);

/** True when a cell's text is a value (a number, an amount with its unit, 无, —, /) rather than a label. */
export function isValueText(text: string): boolean {
  const compact = text.replace(/\s+/gu, '');
  if (compact === '') return false;
  return VALUE_TOKEN.test(compact) || VALUE_WORDS.has(compact) || /^(增加|减少|減少|增|减|減)[\d０-９]/u.test(compact);
}

let sectionPhrases: Array<{ key: SectionKey; phrases: string[] }> | undefined;

/** The section a heading line opens (一、总体情况 … 六、其他需要报告的事项, or a caption such as 表三), or undefined for any other text. */
export function sectionOfHeading(text: string): SectionKey | undefined {
  const label = normalizeLabel(text.replace(/[#*>_`]/gu, ''));
  if (label.length === 0 || label.length > 40) return undefined;
  const caption = /^表([二三四])/u.exec(label);
  if (caption) return ({ 二: 'active', 三: 'applications', 四: 'reviewLitigation' } as const)[caption[1] as '二' | '三' | '四'];
  if (!/^[一二三四五六七][、.]/u.test(label)) return undefined;
  sectionPhrases ??= TEMPLATE_IDS.flatMap((id) => getTemplate(id).def.sections).map((section) => ({ key: section.key as SectionKey, phrases: section.match }));
  let best: SectionKey | undefined;
  let bestLength = 0;
  for (const { key, phrases } of sectionPhrases) {
    const length = bestPhraseLength(label, phrases);
    if (length > bestLength) {
      best = key;
      bestLength = length;
    }
  }
  return best !== undefined && label.length <= bestLength + 14 ? best : undefined;
}

/** The 第二十条 caption a label names, in canonical form (第二十条第（一）项), if any. */
export function captionOf(text: string): string | undefined {
  const match = CAPTION.exec(normalizeLabel(text));
  return match ? `第二十条第（${match[1]}）项` : undefined;
}
