import type { CellSnapshot, Diagnostic, FileResult, RuleRun } from '../diagnostics/types.js';
import { getTemplate, type CompiledTemplate, type TemplateCell } from '../model/template.js';
import type { TemplateId } from '../model/types.js';
import { readValue } from '../model/values.js';
import type { ContinuityOptions, RuleEntry, SignedTerm } from './catalogue-types.js';
import { RULES, severityOf } from './catalogue.js';
import { ruleRun, type RuleSetting } from './engine.js';
import { withFields } from '../model/objects.js';

/** A report of an earlier year and one of the next year, to compare. */
export interface YearPair {
  previous: FileResult;
  current: FileResult;
}

/** Characters two agency names must share at their end to be compared: enough for 洪泽区人民政府, too many for 人民政府. */
const AGENCY_SUFFIX = 6;

/**
 * Pairs reports of the same agency for consecutive years (each needs a year, an agency and cell snapshots): every
 * report with the one report of the year before; when there are several of that year, which to compare is unclear and
 * none is paired. The same agency may be named with or without its city (洪泽区人民政府, 淮安市洪泽区人民政府): names
 * are the same when they are equal, or when one ends with the other and the shorter has at least six characters.
 */
export function pairByAgency(files: readonly FileResult[]): YearPair[] {
  const byYear = new Map<number, Map<string, FileResult[]>>();
  const nameOf = (file: FileResult) => (file.agency ?? '').replace(/\s+/gu, '');
  for (const file of files) {
    const agency = nameOf(file);
    if (agency === '' || file.year === undefined || !file.cells || file.error) continue;
    let bySuffix = byYear.get(file.year);
    if (!bySuffix) byYear.set(file.year, (bySuffix = new Map<string, FileResult[]>()));
    const suffix = agency.slice(-AGENCY_SUFFIX);
    const list = bySuffix.get(suffix);
    if (list) list.push(file);
    else bySuffix.set(suffix, [file]);
  }
  const pairs: YearPair[] = [];
  for (const [year, bySuffix] of byYear) {
    const previousYear = byYear.get(year - 1);
    if (!previousYear) continue;
    for (const [suffix, group] of bySuffix) {
      for (const current of group) {
        const agency = nameOf(current);
        const before = (previousYear.get(suffix) ?? []).filter((candidate) => {
          const other = nameOf(candidate);
          return (
            other === agency ||
            (Math.min(other.length, agency.length) >= AGENCY_SUFFIX &&
              (other.endsWith(agency) || agency.endsWith(other)))
          );
        });
        if (before.length === 1) pairs.push({ previous: before[0]!, current });
      }
    }
  }
  return pairs.sort((a, b) => (a.current.file < b.current.file ? -1 : a.current.file > b.current.file ? 1 : 0));
}

/** Runs every continuity rule on each pair and adds the findings and rule runs to the later year's result. */
export function checkContinuity(
  pairs: readonly YearPair[],
  options: { rules?: Record<string, RuleSetting>; strict?: boolean } = {},
): void {
  for (const pair of pairs) {
    for (const rule of RULES) {
      if (rule.kind !== 'continuity') continue;
      const setting = severityOf(rule, options.rules);
      if (!setting) continue;
      const outcome = comparePair(rule, pair, options.strict ?? false);
      if (!outcome) continue;
      pair.current.rules.push(ruleRun(rule.id, outcome.status));
      for (const diagnostic of outcome.diagnostics)
        pair.current.diagnostics.push(
          withFields(diagnostic, { severity: diagnostic.messageId === 'not-comparable' ? 'info' : setting }),
        );
    }
  }
}

interface PairOutcome {
  status: RuleRun['status'];
  diagnostics: Omit<Diagnostic, 'severity'>[];
}

/** One rule on one pair; undefined when the rule concerns neither year's template. */
export function comparePair(rule: RuleEntry, pair: YearPair, strict: boolean): PairOutcome | undefined {
  const options = rule.options as unknown as ContinuityOptions;
  const { previous, current } = pair;
  const before = previous.template;
  const now = current.template;
  if (!before || !now) return undefined;
  const applies = (template: TemplateId) => rule.templates.includes(template);
  if (!applies(before) && !applies(now)) return undefined;
  // Years as text, so messages do not print them as 2,019.
  const base = {
    previousFile: previous.file,
    previousYear: previous.year === undefined ? '?' : String(previous.year),
    year: current.year === undefined ? '?' : String(current.year),
  };
  if (!applies(before) || !applies(now) || (options.sameTemplate && before !== now)) {
    return {
      status: 'not-evaluated',
      diagnostics: [
        {
          ruleId: rule.id,
          messageId: 'not-comparable',
          data: withFields(base, { previousTemplate: before, template: now }),
          location: { file: current.file },
        },
      ],
    };
  }
  const oldTemplate = getTemplate(before);
  const newTemplate = getTemplate(now);
  const diagnostics: Omit<Diagnostic, 'severity'>[] = [];
  let missing = false;
  for (const key of keysOf(options, newTemplate)) {
    const target = cellOf(newTemplate, options, options.target, key);
    if (!target) continue;
    const previousTerms = options.previous.map((term) =>
      termOf(oldTemplate, options, term, key, previous.cells, strict),
    );
    const currentTerms = options.current.map((term) => termOf(newTemplate, options, term, key, current.cells, strict));
    const actual = valueOf(target, current.cells, strict);
    const terms = [...previousTerms, ...currentTerms];
    if (actual === undefined || terms.some((term) => term === undefined || term.value === null)) {
      missing = true;
      continue;
    }
    const expected = terms.reduce((sum, term) => sum + term!.sign * term!.value!, 0);
    if (expected === actual) continue;
    const snapshot = current.cells?.[target.pointer];
    const evidence = snapshot ? (snapshot.evidence ?? 'read') : 'absent';
    diagnostics.push({
      ruleId: rule.id,
      messageId: 'mismatch',
      cell: target.ref,
      evidence,
      ...(snapshot ? { raw: snapshot.raw } : {}),
      location: { file: current.file, pointer: target.pointer, ...snapshot?.origin },
      data: withFields(base, {
        evidence,
        expected,
        actual,
        difference: actual - expected,
        previousTerms: previousTerms.map((term) => ({
          cell: term!.cell.ref,
          value: term!.sign * term!.value!,
          evidence: term!.evidence,
        })),
        currentTerms: currentTerms.map((term) => ({
          cell: term!.cell.ref,
          value: term!.sign * term!.value!,
          evidence: term!.evidence,
        })),
      }),
    });
  }
  const status = diagnostics.length > 0 ? 'failed' : missing ? 'not-evaluated' : 'passed';
  return { status, diagnostics };
}

function keysOf(options: ContinuityOptions, template: CompiledTemplate): readonly string[] {
  if ('row' in options.each) return options.each.row === '*' ? template.rowKeys(options.table) : options.each.row;
  return options.each.column === '*'
    ? template.table(options.table).columns.map((column) => column.key)
    : options.each.column;
}

function cellOf(
  template: CompiledTemplate,
  options: ContinuityOptions,
  term: SignedTerm,
  key: string,
): TemplateCell | undefined {
  const eachRow = 'row' in options.each;
  const row = term.row ?? (eachRow ? key : undefined);
  const column = term.column ?? (eachRow ? undefined : key);
  return row === undefined || column === undefined ? undefined : template.cellAt(options.table, row, column);
}

function termOf(
  template: CompiledTemplate,
  options: ContinuityOptions,
  term: SignedTerm,
  key: string,
  cells: Record<string, CellSnapshot> | undefined,
  strict: boolean,
) {
  const cell = cellOf(template, options, term, key);
  if (!cell) return undefined;
  const snapshot = cells?.[cell.pointer];
  return {
    cell,
    sign: term.sign ?? 1,
    value: valueOf(cell, cells, strict) ?? null,
    evidence: snapshot ? (snapshot.evidence ?? 'read') : ('absent' as const),
  };
}

/** A cell's count from its raw snapshot, read by the shared value reader; undefined when absent, unreadable, or empty under strict. */
function valueOf(
  cell: TemplateCell,
  cells: Record<string, CellSnapshot> | undefined,
  strict: boolean,
): number | undefined {
  const snapshot = cells?.[cell.pointer];
  if (!snapshot) return undefined;
  const { value } = readValue(snapshot.raw, cell);
  if (value.kind === 'number') return value.value;
  if (value.kind === 'empty') return strict ? undefined : 0;
  return undefined;
}

let pointers: ReadonlySet<string> | undefined;
let targets: ReadonlySet<string> | undefined;

/** The pointers of every cell a year-to-year rule reads, in either template: all a report must keep for the comparison. */
export function continuityPointers(): ReadonlySet<string> {
  if (!pointers) pointers = comparedPointers(false);
  return pointers;
}

/** The pointers of the cells a year-to-year finding cites (each rule's target): the compared cells whose place is kept with their value. */
export function continuityTargets(): ReadonlySet<string> {
  if (!targets) targets = comparedPointers(true);
  return targets;
}

function comparedPointers(targetsOnly: boolean): ReadonlySet<string> {
  const found = new Set<string>();
  for (const rule of RULES) {
    if (rule.kind !== 'continuity') continue;
    const options = rule.options as unknown as ContinuityOptions;
    const terms = targetsOnly ? [options.target] : [...options.previous, ...options.current, options.target];
    for (const id of rule.templates) {
      const template = getTemplate(id);
      for (const key of keysOf(options, template)) {
        for (const term of terms) {
          const cell = cellOf(template, options, term, key);
          if (cell) found.add(cell.pointer);
        }
      }
    }
  }
  return found;
}
