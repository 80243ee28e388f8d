import type { RawCell } from '../read/types.js';
import type { Narrative } from './blocks-to-report.js';
import { normalizeLabel } from '../model/normalize.js';
import { getTemplate, TEMPLATE_IDS } from '../model/template.js';
import type { Origin, TemplateId } from '../model/types.js';

interface MarkerHit {
  marker: string;
  origin: Origin;
}

export function detectTemplate(labels: RawCell[]): { chosen?: TemplateId; mixed: boolean; found: Record<TemplateId, MarkerHit[]> } {
  const found: Record<TemplateId, MarkerHit[]> = { '2019': [], '2021': [] };
  const normalized = labels.map((cell) => ({ label: normalizeLabel(cell.text), origin: cell.origin }));
  for (const id of TEMPLATE_IDS) {
    for (const marker of getTemplate(id).def.markers) {
      const core = normalizeLabel(marker);
      const hit = normalized.find((cell) => cell.label.includes(core));
      if (hit) found[id].push({ marker, origin: hit.origin });
    }
  }
  const a = found['2019'].length;
  const b = found['2021'].length;
  const chosen: TemplateId | undefined = a > b ? '2019' : b > a ? '2021' : undefined;
  return { ...(chosen ? { chosen } : {}), mixed: a > 0 && b > 0, found };
}

/**
 * The agency from the report's title: 淮安市洪泽区人民政府 / 2024年政府信息公开工作年度报告 (the line before),
 * 某市公安局2019年政府信息公开工作年度报告 or 2019年上海市人民政府办公厅政府信息公开工作年度报告.
 */
export function detectAgency(compact: readonly string[]): string | undefined {
  for (const [index, text] of compact.entries()) {
    const title = /^(.*?)(20\d{2})年度?(.*?)政府信息公开工作年度报告/u.exec(text);
    if (!title) continue;
    const candidate = (title[1] || title[3] || (index > 0 ? compact[index - 1] : '') || '').replace(/[《》「」“”"]/gu, '');
    return candidate.length >= 2 && candidate.length <= 40 && !/[，。；：,.;:、]/u.test(candidate) ? candidate : undefined;
  }
  return undefined;
}

export function detectYear(compact: readonly string[], narratives: Narrative[]): number | undefined {
  for (const text of compact) {
    const title = /(20\d{2})年度?[^。]{0,30}?(政府信息公开|政务公开|信息公开)[^。]{0,10}?年度报告/u.exec(text);
    if (title?.[1]) return Number(title[1]);
  }
  for (const text of compact) {
    const annual = /(20\d{2})年度/u.exec(text);
    if (annual?.[1]) return Number(annual[1]);
  }
  const overview = narratives.find((part) => part.key === 'overview');
  const first = overview ? /(20\d{2})\s*年/u.exec(overview.lines.join('\n')) : undefined;
  return first?.[1] ? Number(first[1]) : undefined;
}
