import { sentenceAt } from '../../align/narrative-lint.js';
import { countOf } from '../../model/report.js';
import type { NarrativeFiguresOptions, RuleEntry } from '../catalogue-types.js';
import type { Finding, RuleContext, RuleKind, RuleOutcome } from '../types.js';

const compiled = new WeakMap<RuleEntry, { regex: RegExp; row: string; column: string }[]>();

/** Figures quoted in the overview (section 一: 共收到…申请 N 件, 办结 N 件, 结转下年度 N 件) against the table 三 cells they name. */
export const narrativeFigures: RuleKind = {
  id: 'narrative-figures',
  needsReport: true,
  check({ rule, report, document, strict }: RuleContext): RuleOutcome {
    const overview = document.narrative?.overview;
    // No overview, or one that quotes no figure, contradicts nothing: the rule passes rather than adding a "not evaluated" to every report.
    if (!report || typeof overview !== 'string' || overview.trim() === '') return { status: 'passed', findings: [] };
    const findings: Finding[] = [];
    const seen = new Set<number>();
    let unchecked = false;
    // Text taken from a PDF or a Word page breaks lines inside sentences: match across them, then map back.
    const { text: flat, offsets } = withoutLineBreaks(overview);
    for (const { regex, row, column } of patternsOf(rule)) {
      regex.lastIndex = 0;
      for (const match of flat.matchAll(regex)) {
        const text = match.groups?.['n'];
        if (text === undefined) continue;
        const flatOffset = match.index + match[0].indexOf(text);
        const offset = offsets ? (offsets[flatOffset] ?? 0) : flatOffset;
        if (seen.has(offset)) continue;
        seen.add(offset);
        const figure = Number(toAscii(text).replace(/[,，]/g, ''));
        const def = report.template.cellAt('applications', row, column);
        const cell = def ? report.cells[def.index] : undefined;
        const actual = cell ? countOf(cell, strict) : undefined;
        if (!def || actual === undefined || !Number.isFinite(figure)) {
          unchecked = true;
          continue;
        }
        if (figure === actual) continue;
        findings.push({
          messageId: 'mismatch',
          pointer: '/narrative/overview',
          textOffset: offset,
          // The finding is located in the text; `cells` names the table cell (and lets the html page mark it).
          // `evidence` is the table cell's: the message states its value as printed only when it was read.
          data: {
            quote: match[0].replace(/\s+/gu, ''),
            sentence: sentenceAt(overview, offset).replace(/\r?\n/gu, ''),
            section: 'overview',
            figure,
            expected: figure,
            actual,
            difference: actual - figure,
            offset,
            cells: [def.ref],
            evidence: cell!.evidence,
            ...(cell!.raw !== undefined ? { raw: cell!.raw } : {}),
          },
        });
      }
    }
    return { status: findings.length > 0 ? 'failed' : unchecked ? 'not-evaluated' : 'passed', findings };
  },
};

function patternsOf(rule: RuleEntry) {
  let patterns = compiled.get(rule);
  if (!patterns) {
    patterns = (rule.options as unknown as NarrativeFiguresOptions).patterns.map((spec) => ({
      regex: new RegExp(spec.pattern, 'gu'),
      row: spec.row,
      column: spec.column,
    }));
    compiled.set(rule, patterns);
  }
  return patterns;
}

function toAscii(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 48));
}

/** The text without line breaks, and for each of its characters the offset it had in the original (none when nothing was taken out). */
function withoutLineBreaks(text: string): { text: string; offsets?: number[] } {
  if (!text.includes('\n') && !text.includes('\r')) return { text };
  let flat = '';
  const offsets: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\n' || char === '\r') continue;
    flat += char;
    offsets.push(index);
  }
  return { text: flat, offsets };
}
