import type { RawCell } from '../read/types.js';
import type { Narrative } from './blocks-to-report.js';
import { normalizeLabel, toSimplified } from '../model/normalize.js';
import { sectionOfHeading } from '../model/labels.js';
import { getTemplate, TEMPLATE_IDS } from '../model/template.js';
import type { Origin, TemplateId } from '../model/types.js';
import { withFields } from '../model/objects.js';

interface MarkerHit {
  marker: string;
  origin: Origin;
}

const normalizedMarkers = new Map<TemplateId, Array<{ marker: string; core: string }>>();

/** A template's markers, each with its normalised form, worked out once. */
function markersOf(id: TemplateId): Array<{ marker: string; core: string }> {
  let markers = normalizedMarkers.get(id);
  if (markers === undefined) {
    markers = getTemplate(id).def.markers.map((marker) => ({ marker, core: normalizeLabel(marker) }));
    normalizedMarkers.set(id, markers);
  }
  return markers;
}

export function detectTemplate(labels: RawCell[]): {
  chosen?: TemplateId;
  mixed: boolean;
  found: Record<TemplateId, MarkerHit[]>;
} {
  const found: Record<TemplateId, MarkerHit[]> = { '2019': [], '2021': [] };
  const normalized = labels.map((cell) => ({ label: normalizeLabel(cell.text), origin: cell.origin }));
  for (const id of TEMPLATE_IDS) {
    for (const { marker, core } of markersOf(id)) {
      const hit = normalized.find((cell) => cell.label.includes(core));
      if (hit) found[id].push({ marker, origin: hit.origin });
    }
  }
  const a = found['2019'].length;
  const b = found['2021'].length;
  const chosen: TemplateId | undefined = a > b ? '2019' : b > a ? '2021' : undefined;
  return withFields(chosen ? { chosen } : {}, { mixed: a > 0 && b > 0, found });
}

/** Sentence punctuation: a title or an agency's name has none. */
const SENTENCE_PUNCTUATION = /[，。；：,.;:、!?！？]/u;
/** A crawler's or viewer's label before the title (标题: …, Page 8 - …). */
const TITLE_LABEL = /^(?:标题|题目|名称|文章标题|title)[:：]/iu;
/** What a title's agency part may not start with: the words of a sentence that cites a report (现将…, 根据…). */
const NOT_AN_AGENCY =
  /^(?:现将|特此|根据|按照|依据|关于|编制|发布|印发|做好|我们?|本报告|本年报|以下)|^(?:正文|目录|附件\d*|封面|首页|标题)$/u;
/** Words of a site's navigation, never in an agency's name. */
const NAVIGATION = /首页|信息公开|政务公开|公开指南|公开目录|当前位置|您的位置/u;
/** A title with its year: 某市公安局2019年政府信息公开工作年度报告, 2019年上海市人民政府办公厅政府信息公开工作年度报告. Bounded, and anchored at the line's start. */
const AGENCY_TITLE = /^(.{0,40}?)(?<!\d)20\d{2}年度?(.{0,40}?)(?:政府信息公开|政务公开)(?:工作)?年度报告/u;
/** A title without its year, the whole line: 驼峰路街道办事处政府信息公开工作年度报告. */
const AGENCY_TITLE_NO_YEAR = /^(.{2,40}?)(?:政府信息公开|政务公开)(?:工作)?年度报告$/u;
/** A file-name-like title: 2020年报_审计局. */
const AGENCY_FILE_NAME = /^20\d{2}年度?报[_\-－—–·\s]+(.{2,40})$/u;
/** How much of a line a title is looked for in (a crawled page's whole article may be one line). */
const TITLE_HEAD = 120;

/**
 * The agency from the report's title: 淮安市洪泽区人民政府 / 2024年政府信息公开工作年度报告 (the line before),
 * 某市公安局2019年政府信息公开工作年度报告, 2019年上海市人民政府办公厅政府信息公开工作年度报告, a title without its year
 * (驼峰路街道办事处政府信息公开工作年度报告), a title split over two lines, or a file-name-like title (2020年报_审计局). A crawler's label (标题:) and a
 * viewer's page furniture (Page 8 - …) before the name are dropped. The title is looked for before the first section heading.
 */
export function detectAgency(compact: readonly string[]): string | undefined {
  for (const [index, line] of compact.entries()) {
    const next = compact[index + 1] ?? '';
    // A title split over two lines (2024年上海市科委政府信息公开工作 / 年度报告) is read as one.
    const own = line.slice(0, TITLE_HEAD).replace(TITLE_LABEL, '');
    const title =
      AGENCY_TITLE.exec(own) ?? (line.length <= TITLE_HEAD && next.length <= 20 ? AGENCY_TITLE.exec(own + next) : null);
    if (title) {
      const before = agencyName(title[1] ?? '');
      const after = agencyName(title[2] ?? '');
      const previous =
        (title[1] ?? '') === '' && (title[2] ?? '') === '' && index > 0
          ? agencyName((compact[index - 1] ?? '').replace(TITLE_LABEL, ''))
          : undefined;
      const found = before ?? after ?? previous;
      if (found !== undefined) return found;
      continue;
    }
    if (line.length <= TITLE_HEAD) {
      const bare = AGENCY_TITLE_NO_YEAR.exec(own) ?? AGENCY_FILE_NAME.exec(own);
      const found = bare ? agencyName(bare[1] ?? '') : undefined;
      if (found !== undefined) return found;
    }
    if (sectionOfHeading(line) !== undefined) return undefined;
  }
  return undefined;
}

/** The agency's name in a title's part, or undefined when the part is no name (empty, a sentence, a citation). */
function agencyName(part: string): string | undefined {
  // Page furniture or a path before the name: Page8-威海市…, zwgk/…/80576_平潭综合实验区.
  const tail = part.replace(/^.*[:：_|｜/\\>＞]/u, '').replace(/^.*[\x21-\x7e][-－—–]/u, '');
  const candidate = tail.replace(/^[\x21-\x7e]+/u, '').replace(/[《》「」“”"]/gu, '');
  if (candidate.length < 2 || candidate.length > 40) return undefined;
  if (SENTENCE_PUNCTUATION.test(candidate) || NOT_AN_AGENCY.test(candidate) || !/[\u3400-\u9fff]/u.test(candidate))
    return undefined;
  // A site's menu run together (网站首页政务公开政府信息公开政府信息公开指南…): no agency is named so.
  if (NAVIGATION.test(candidate)) return undefined;
  return candidate;
}

/** A year as reports print it, not part of a longer number. */
const YEAR = /(?<!\d)(20\d{2})年/gu;
/** The first year a report can be for (the 条例 took effect in 2008). */
const FIRST_YEAR = 2008;
/**
 * The report's title: a year, at most 30 characters (the agency) and 政府信息公开 / 政务公开 / 信息公开, at most 12 more and
 * 年度报告 / 年报 / 报告; or a file-name-like 2020年报_… / 2020年度报告. No sentence punctuation inside; bounded.
 */
const TITLE_YEAR =
  /(?<!\d)(20\d{2})年(?:度?[^。，；！？,;!?]{0,30}?(?:政府信息公开|政务公开|信息公开)[^。，；！？,;!?]{0,12}?(?:年度报告|年报|报告)|(?:度报告|报)(?![\u3400-\u9fff]))/gu;
/** Words around a title that make it a citation of another document (关于做好2022年政府信息公开工作年度报告编制工作的通知). */
const CITED_BEFORE = /(?:关于|印发|做好|开展)$/u;
const CITED_AFTER = /^[^。，；]{0,10}?(?:通知|格式|编制|有关事项|要点)/u;
/** The statistics period: 2022年1月1日(起)至(2022年)12月31日. */
const PERIOD = /(?<!\d)(20\d{2})年0?1月0?1日起?(?:至|到|—|－|-|–|~|～)(?:(20\d{2})年)?12月31日/gu;
/** 统计期限为2022年…, 统计时限: 2022年度. */
const STATISTICS = /统计(?:期限|时限|周期|期间|时间|区间|年度)[为是自从:：]{0,3}(20\d{2})年/gu;
/** A year that a plan names: 2023年，我区将…. */
const PLANNED = /^度?[，,]?[^。；]{0,6}?(?:将|计划|拟|力争|争取)/u;
/** How many characters of text after 一、总体情况 hold the overview's first sentences. */
const OVERVIEW_WINDOW = 600;
/** 一、总体情况 as a heading (not （一）…), to find the overview when no narrative was given. */
const OVERVIEW_HEADING = /(?<![（(\d])一[、.，]?总体情况/u;

/**
 * The report's year, from where reports print it: the title (2022年政府信息公开工作年度报告, 2020年报_审计局, a title split
 * over two lines), the statistics period (统计期限自2022年1月1日起至2022年12月31日止) and the overview's first sentences
 * (2020年度我街办未接到…). A document number (国办公开办函〔2019〕60号), a cited document's title (《…2019年…》), a range's end
 * and a planned year (2023年，我区将…) are never taken. Each of the three sources gives one vote; the year with most votes
 * wins, ties going to the title, then the period, then the overview. With none of the three, the year the text names most
 * often (outside sections 五 and 六) is taken. Linear in the text's length: every pattern is bounded.
 */
export function detectYear(compact: readonly string[], narratives: Narrative[]): number | undefined {
  const lines = compact.map(asciiDigits);
  // The title stands before the first section heading: a later line naming a report (a footer's links to other years'
  // reports, the next report of two in one file, a page header of a PDF) is no title of this one.
  const firstHeading = lines.findIndex((line) => sectionOfHeading(line) !== undefined);
  const title = mostFrequent(titleYears(firstHeading >= 0 ? lines.slice(0, firstHeading + 1) : lines));
  const period = mostFrequent(periodYears(lines));
  const overview = overviewYear(lines, narratives);
  const votes = new Map<number, number>();
  for (const year of [title, period, overview]) if (year !== undefined) votes.set(year, (votes.get(year) ?? 0) + 1);
  let best: number | undefined;
  for (const year of [title, period, overview]) {
    if (year !== undefined && (best === undefined || (votes.get(year) ?? 0) > (votes.get(best) ?? 0))) best = year;
  }
  return best ?? namedMostOften(lines, narratives);
}

function asciiDigits(text: string): string {
  return text.replace(/[０-９]/gu, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/** Years in title-like text: short lines, a short line and the next (a title split in two), and the start of a long line. */
function titleYears(lines: readonly string[]): number[] {
  const years: number[] = [];
  for (const [index, line] of lines.entries()) {
    const next = lines[index + 1] ?? '';
    const candidates =
      line.length <= 80 ? (next.length <= 20 && next !== '' ? [line + next] : [line]) : [line.slice(0, 100)];
    for (const candidate of candidates) {
      // Every title TITLE_YEAR finds has 年 and 报: a line without them is not scanned.
      if (!candidate.includes('年') || !candidate.includes('报')) continue;
      for (const match of candidate.matchAll(TITLE_YEAR)) {
        const at = match.index;
        if (
          CITED_BEFORE.test(candidate.slice(Math.max(0, at - 4), at)) ||
          CITED_AFTER.test(candidate.slice(at + match[0].length, at + match[0].length + 16))
        )
          continue;
        if (insideTitleMarks(candidate, at) && !/^[《〈]/u.test(candidate)) continue;
        const year = Number(match[1]);
        if (year >= FIRST_YEAR) years.push(year);
      }
    }
  }
  return years;
}

/** Years of the statistics period; a period running into another year is no report year. */
function periodYears(lines: readonly string[]): number[] {
  const years: number[] = [];
  for (const [index, line] of lines.entries()) {
    // The period may be split over two lines (…自2023年1月1日 / 起至2023年12月31日止): the seam is read as well.
    const seam = (lines[index + 1] ?? '') === '' ? '' : line.slice(-40) + (lines[index + 1] ?? '').slice(0, 40);
    for (const text of [line, seam]) {
      // Each pattern holds a literal every match has: a text without it is not scanned.
      if (text.includes('12月31日'))
        for (const match of text.matchAll(PERIOD)) {
          if (match[2] === undefined || match[2] === match[1]) years.push(Number(match[1]));
        }
      if (text.includes('统计')) for (const match of text.matchAll(STATISTICS)) years.push(Number(match[1]));
    }
  }
  return years.filter((year) => year >= FIRST_YEAR);
}

/** The first year the overview names, preferring one that opens a sentence (2020年，我单位…). */
function overviewYear(lines: readonly string[], narratives: Narrative[]): number | undefined {
  const part = narratives.find((narrative) => narrative.key === 'overview');
  const text = part
    ? asciiDigits(toSimplified(part.lines.join('\n')).replace(/\s+/gu, '')).slice(0, OVERVIEW_WINDOW)
    : overviewText(lines);
  if (text === '') return undefined;
  let first: number | undefined;
  for (const match of text.matchAll(YEAR)) {
    if (!plausible(text, match.index, match[0].length)) continue;
    const year = Number(match[1]);
    if (match.index === 0 || /[。；！？：:]/u.test(text[match.index - 1] ?? '')) return year;
    first ??= year;
  }
  return first;
}

/** The text after 一、总体情况, up to the next section heading, at most OVERVIEW_WINDOW characters. */
function overviewText(lines: readonly string[]): string {
  let text = '';
  let open = false;
  for (const line of lines) {
    if (!open) {
      const heading = OVERVIEW_HEADING.exec(line);
      if (!heading) continue;
      open = true;
      text = line.slice(heading.index + heading[0].length, heading.index + heading[0].length + OVERVIEW_WINDOW);
    } else {
      const section = sectionOfHeading(line);
      if (section !== undefined && section !== 'overview') break;
      text += `。${line.slice(0, OVERVIEW_WINDOW)}`;
    }
    if (text.length >= OVERVIEW_WINDOW) break;
  }
  return text.slice(0, OVERVIEW_WINDOW);
}

/** With no title, period or overview: the year named most often, outside sections 五 and 六; ties go to the first named. */
function namedMostOften(lines: readonly string[], narratives: Narrative[]): number | undefined {
  const later = new Set(
    narratives
      .filter((part) => part.key !== 'overview')
      .flatMap((part) => part.lines.map((line) => asciiDigits(toSimplified(line).replace(/\s+/gu, '')))),
  );
  const years: number[] = [];
  for (const line of lines) {
    if (later.has(line)) continue;
    for (const match of line.matchAll(YEAR))
      if (plausible(line, match.index, match[0].length)) years.push(Number(match[1]));
  }
  return mostFrequent(years);
}

/** False for a year that is no report year: a range's end (2024－2027年), a document number, a cited title, a plan. */
function plausible(text: string, at: number, length: number): boolean {
  if (Number(text.slice(at, at + 4)) < FIRST_YEAR) return false;
  const before = text[at - 1] ?? '';
  if (/[-－—–~～至到〔［[【]/u.test(before)) return false;
  if (insideTitleMarks(text, at)) return false;
  return !PLANNED.test(text.slice(at + length, at + length + 10));
}

/** True when position `at` lies inside 《…》 (looking back a bounded distance). */
function insideTitleMarks(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 40), at);
  return window.lastIndexOf('《') > window.lastIndexOf('》');
}

/** The most frequent value; ties go to the one seen first. */
function mostFrequent(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: number | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}
