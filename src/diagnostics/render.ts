import { MESSAGE_CATALOGUE, RULE_CATALOGUE, TEMPLATE_DATA } from '../generated/data.js';
import { isTableKey } from '../model/template.js';
import type { CellRef, Evidence, TableKey } from '../model/types.js';
import type { Locale, LocalizedText } from '../rules/catalogue-types.js';
import { findRule } from '../rules/catalogue.js';
import type { Diagnostic, FileError, SumTerm } from './types.js';

const TABLE_SHORT: Record<TableKey, LocalizedText> = {
  active: { 'zh-CN': '表二', en: 'Table 二' },
  applications: { 'zh-CN': '表三', en: 'Table 三' },
  reviewLitigation: { 'zh-CN': '表四', en: 'Table 四' },
};
const LIST_LIMIT = 6;
const CELL_LIST_LIMIT = 3;
const PLAIN_NUMBERS = new Set(['year']);

/** Formats a number plainly with thousands separators: 1,234 and -68. */
export function formatNumber(value: number): string {
  const sign = value < 0 ? '-' : '';
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${fraction}`;
}

/** Fills {placeholders} of a message text from arguments (an object's own properties, or a function of the name); an unknown one stays as written. */
export function fill(text: string, args: Record<string, string> | ((name: string) => string | undefined)): string {
  const valueOf =
    typeof args === 'function' ? args : (name: string) => (Object.hasOwn(args, name) ? args[name] : undefined);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => valueOf(name) ?? whole);
}

/** A cell in words: 表三「（一）予以公开」「自然人」. */
export function describeCell(cell: CellRef, locale: Locale): string {
  return `${TABLE_SHORT[cell.table][locale]}「${cell.labels.row}」「${cell.labels.column}」`;
}

/**
 * The message of a diagnostic in the locale, with its numbers, terms and any one-cell repair. A cell's value is stated
 * only as far as its evidence allows, in the words of schemas/rules.json: a rule's message `<id>.<evidence>` (such as
 * `negative.inferred`) is used instead of `<id>` when the cited cell has that evidence; `{stated}` is the cited cell's
 * value (data.actual) as engine message `stated-<evidence>` (实际填写 N, 实际留空（按 0 计）, 推断为 N…);
 * `{leftValue}`/`{rightValue}` a one-cell side of a sum as `value-<evidence>`; terms are `term-<evidence>`; a repair
 * is `repair`, `repair-blank` or `repair-inferred`.
 */
export function renderMessage(diagnostic: Diagnostic, locale: Locale): string {
  const rule = findRule(diagnostic.ruleId);
  const evidence = evidenceOf(diagnostic);
  const text =
    (evidence ? rule?.messages[`${diagnostic.messageId}.${evidence}`] : undefined) ??
    rule?.messages[diagnostic.messageId] ??
    RULE_CATALOGUE.engineMessages[diagnostic.messageId];
  const args = messageArgs(diagnostic, locale);
  const message = text ? fill(text[locale], args) : `${diagnostic.ruleId}/${diagnostic.messageId}`;
  const repair = diagnostic.data['repair'] as
    { cell: CellRef; from: number; to: number; evidence?: Evidence } | undefined;
  const repairText = repair
    ? ((repair.evidence === 'blank' || repair.evidence === 'inferred'
        ? engineText(`repair-${repair.evidence}`)
        : undefined) ?? engineText('repair'))
    : undefined;
  if (!repair || !repairText) return message;
  return `${message}${locale === 'en' ? ' ' : ''}${fill(repairText[locale], { cell: describeCell(repair.cell, locale), from: formatNumber(repair.from), to: formatNumber(repair.to) })}`;
}

/** The evidence of the cell a diagnostic is about: its own cell's, else the one its data names (a narrative figure's table cell). */
function evidenceOf(diagnostic: Diagnostic): Evidence | undefined {
  if (diagnostic.evidence) return diagnostic.evidence;
  const evidence = diagnostic.data['evidence'];
  return evidence === 'read' || evidence === 'inferred' || evidence === 'blank' || evidence === 'absent'
    ? evidence
    : undefined;
}

function engineText(id: string): LocalizedText | undefined {
  return RULE_CATALOGUE.engineMessages[id];
}

/** An engine message filled in, or the fallback when the catalogue lacks it. */
function engineMessage(id: string, locale: Locale, args: Record<string, string>, fallback: string): string {
  const text = engineText(id);
  return text ? fill(text[locale], args) : fallback;
}

/** A cell's value in a few words by its evidence: 5, 留空（按 0 计）, 5（推断）, 缺 (engine messages value-<evidence>). */
export function describeValue(evidence: Evidence, value: number | null, locale: Locale): string {
  return byEvidence('value', evidence, value, locale);
}

/** A value in words by its evidence (`<kind>-<evidence>`): printed as it is, blank, inferred, or missing. */
function byEvidence(
  kind: 'stated' | 'value' | 'term',
  evidence: Evidence,
  value: number | null,
  locale: Locale,
  label = '',
): string {
  const shown = value === null ? '?' : formatNumber(value);
  return engineMessage(
    `${kind}-${evidence}`,
    locale,
    { value: shown, label },
    label === '' ? shown : `${label} ${shown}`,
  );
}

/** The one-line message of a file that could not be read. */
export function renderFileError(error: FileError, locale: Locale): string {
  const catalogue = error.kind === 'input' ? MESSAGE_CATALOGUE.input : MESSAGE_CATALOGUE.cli;
  const text = catalogue[error.messageId];
  const args = Object.fromEntries(Object.entries(error.data).map(([key, value]) => [key, String(value)]));
  return text ? fill(text[locale], args) : `${error.messageId} ${JSON.stringify(error.data)}`;
}

/** A message of the CLI catalogue (summary lines, severities). */
export function cliMessage(id: string, locale: Locale, args: Record<string, string | number> = {}): string {
  const text = MESSAGE_CATALOGUE.cli[id];
  if (!text) return id;
  return fill(
    text[locale],
    Object.fromEntries(
      Object.entries(args).map(([key, value]) => [key, typeof value === 'number' ? formatNumber(value) : value]),
    ),
  );
}

/**
 * The message arguments of a diagnostic, each worked out only when the message names it: its data formatted, `stated`
 * (the cited cell's value by its evidence), `<side>Value` for each `<side>Terms`, the cited cell's `cell`, `row` and
 * `column`, and `rule`; where two give one name, the later in that list.
 */
function messageArgs(diagnostic: Diagnostic, locale: Locale): (name: string) => string | undefined {
  const data = diagnostic.data;
  return (name) => {
    if (name === 'rule' && typeof data['rule'] !== 'string') return diagnostic.ruleId;
    if (diagnostic.cell) {
      if (name === 'cell') return describeCell(diagnostic.cell, locale);
      if (name === 'row') return diagnostic.cell.labels.row;
      if (name === 'column') return diagnostic.cell.labels.column;
    }
    // {leftValue}, {rightValue}, {previousValue}: a side of one cell as that cell's value by its evidence, else the side's sum.
    if (name.endsWith('Value')) {
      const side = name.slice(0, -'Value'.length);
      const terms = Object.hasOwn(data, `${side}Terms`) ? data[`${side}Terms`] : undefined;
      if (Array.isArray(terms)) {
        const sum = data[side];
        const only = terms.length === 1 ? (terms[0] as SumTerm) : undefined;
        return only
          ? byEvidence('value', termEvidence(only), only.value, locale)
          : typeof sum === 'number'
            ? formatNumber(sum)
            : '';
      }
    }
    if (name === 'stated') {
      const evidence = evidenceOf(diagnostic);
      const actual = data['actual'];
      if (evidence) return byEvidence('stated', evidence, typeof actual === 'number' ? actual : null, locale);
    }
    return Object.hasOwn(data, name) ? formatArg(name, data[name], locale) : undefined;
  };
}

function formatArg(key: string, value: unknown, locale: Locale): string {
  if (typeof value === 'number') return PLAIN_NUMBERS.has(key) ? String(value) : formatNumber(value);
  if (typeof value === 'string') {
    if (key === 'table' && isTableKey(value)) return TABLE_SHORT[value][locale];
    return value;
  }
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === 'string')) return value.join(locale === 'en' ? ', ' : '、');
    if (key.endsWith('Terms')) return formatTerms(value as SumTerm[], locale);
    return formatCellList(value as CellRef[], locale);
  }
  if (value === null || value === undefined) return '';
  return JSON.stringify(value);
}

/** The terms of a sum, each by its evidence (a blank one as 留空, an inferred one marked 推断); past six terms the zeros are counted, not listed. */
function formatTerms(terms: readonly SumTerm[], locale: Locale): string {
  if (terms.length === 0) return '0';
  const shown = terms.length > LIST_LIMIT ? terms.filter((term) => term.value !== 0) : terms;
  const parts = shown.map((term) => byEvidence('term', termEvidence(term), term.value, locale, termLabel(term, terms)));
  const rest = terms.filter((term) => !shown.includes(term));
  if (rest.length > 0) parts.push(restOfTerms(rest, locale));
  return parts.join(' + ');
}

/** The zero terms left out of a long sum: 其余 4 项为 0, or, when some were blank or inferred, 其余 4 项计为 0（其中 2 项留空）. */
function restOfTerms(rest: readonly SumTerm[], locale: Locale): string {
  const count = (evidence: Evidence) => rest.filter((term) => termEvidence(term) === evidence).length;
  const marks = (['blank', 'inferred'] as const)
    .filter((evidence) => count(evidence) > 0)
    .map((evidence) =>
      engineMessage(
        `terms-rest-${evidence}`,
        locale,
        { count: String(count(evidence)) },
        `${count(evidence)} ${evidence}`,
      ),
    );
  const args = { count: String(rest.length), marks: marks.join(locale === 'en' ? ', ' : '、') };
  return marks.length === 0
    ? engineMessage('terms-rest', locale, args, `${rest.length} × 0`)
    : engineMessage('terms-rest-marked', locale, args, `${rest.length} × 0 (${args.marks})`);
}

/** A term is named by whichever of row or column differs between the terms. */
function termLabel(term: SumTerm, all: readonly SumTerm[]): string {
  const sameRow = all.every((other) => other.cell.row === term.cell.row);
  return sameRow ? term.cell.labels.column : shortRowLabel(term.cell);
}

/** Short names of rows, from the templates (the same row key has the same short name in both). */
const SHORT_ROW_LABELS = new Map<string, string>(
  TEMPLATE_DATA.flatMap((template) =>
    template.tables.flatMap((table) =>
      table.rows.flatMap((row) => (row.short ? [[`${table.key}/${row.key}`, row.short] as const] : [])),
    ),
  ),
);

/** A row where it is one term of a sum: its short name, else its own label prefixed with its group's numbering (（三）1.属于国家秘密). */
function shortRowLabel(cell: CellRef): string {
  const short = SHORT_ROW_LABELS.get(`${cell.table}/${cell.row}`);
  if (short) return short;
  const label = cell.labels.row;
  if (!label.includes(' › ')) return label;
  const own = label.slice(label.lastIndexOf(' › ') + 3);
  const groupNumber = /^（[一二三四五六七]）/u.exec(label)?.[0] ?? '';
  return `${groupNumber}${own}`;
}

function formatCellList(cells: readonly CellRef[], locale: Locale): string {
  const names = cells.slice(0, CELL_LIST_LIMIT).map((cell) => `「${cell.labels.row}」${cell.labels.column}`);
  const more = cells.length - names.length;
  const separator = locale === 'en' ? '; ' : '，';
  return more > 0
    ? `${names.join(separator)}${locale === 'en' ? ` and ${more} more` : ` 等 ${cells.length} 格`}`
    : names.join(separator);
}

/** A term's evidence: terms are read from a finding's data, which a JSON report made before evidence existed lacks. */
function termEvidence(term: SumTerm): Evidence {
  return (term as Partial<SumTerm>).evidence ?? 'read';
}
