import { countOf, type Report } from '../../model/report.js';
import type { CompiledTemplate, TemplateCell } from '../../model/template.js';
import type { SumTerm } from '../../diagnostics/types.js';
import type { RuleEntry, SumCompareOptions, SumTerm as TermSpec } from '../catalogue-types.js';
import {
  combineStatus,
  type Equation,
  type FailedSum,
  type Finding,
  type RuleContext,
  type RuleKind,
  type RuleOutcome,
} from '../types.js';
import { appendAll } from '../../model/arrays.js';

const equationsCache = new WeakMap<RuleEntry, Map<string, readonly Equation[]>>();

/** Σleft (= or ≥) Σright, for each row or column: the kind behind every arithmetic rule (勾稽关系). */
export const sumCompare: RuleKind = {
  id: 'sum-compare',
  needsReport: true,
  check({ rule, report, strict }: RuleContext): RuleOutcome {
    if (!report) return { status: 'not-evaluated', findings: [] };
    const options = rule.options as unknown as SumCompareOptions;
    const findings: Finding[] = [];
    const failedSums: FailedSum[] = [];
    let anyFailed = false;
    const missing = new Set<TemplateCell>();
    const eachRow = 'row' in options.each;
    let unverified = false;
    for (const equation of equationsOf(rule, report.template)) {
      // A row whose own total placed its inferred cells proves nothing by adding up (the aligner's info finding says so).
      if (
        eachRow &&
        report.totalsUsed.size > 0 &&
        report.totalsUsed.has(`/${equation.subject.table}/${equation.subject.row}`)
      ) {
        unverified = true;
        continue;
      }
      const leftSum = total(report, equation.left, strict, missing);
      const rightSum = total(report, equation.right, strict, missing);
      if (leftSum === undefined || rightSum === undefined) continue;
      const passed = options.operator === '=' ? leftSum === rightSum : leftSum >= rightSum;
      if (passed) continue;
      anyFailed = true;
      const finding: Finding = {
        messageId: 'mismatch',
        cell: equation.subject,
        data: {
          // How the subject cell's value reached the report: the message states it as printed only when read.
          evidence: report.cells[equation.subject.index]?.evidence ?? 'absent',
          expected: rightSum,
          actual: leftSum,
          difference: leftSum - rightSum,
          shortfall: rightSum - leftSum,
          left: leftSum,
          right: rightSum,
          operator: options.operator,
          leftTerms: terms(report, equation.left, strict),
          rightTerms: terms(report, equation.right, strict),
        },
      };
      findings.push(finding);
      if (options.operator === '=') failedSums.push({ equation, leftSum, rightSum, finding });
    }
    if (missing.size > 0) appendAll(findings, notEvaluated(report, missing));
    return { status: combineStatus(anyFailed, missing.size > 0 || unverified), findings, failedSums };
  },
};

/** The equations a rule stands for in a template, built once per rule and template. */
export function equationsOf(rule: RuleEntry, template: CompiledTemplate): readonly Equation[] {
  let byTemplate = equationsCache.get(rule);
  if (!byTemplate) {
    byTemplate = new Map();
    equationsCache.set(rule, byTemplate);
  }
  let equations = byTemplate.get(template.id);
  if (!equations) {
    equations = buildEquations(rule.options as unknown as SumCompareOptions, template);
    byTemplate.set(template.id, equations);
  }
  return equations;
}

function buildEquations(options: SumCompareOptions, template: CompiledTemplate): Equation[] {
  const { table } = options;
  const eachRow = 'row' in options.each;
  const keys = 'row' in options.each ? options.each.row : options.each.column;
  const allKeys = eachRow ? template.rowKeys(table) : template.table(table).columns.map((column) => column.key);
  const resolveAll = (specs: readonly TermSpec[], key: string): TemplateCell[] | undefined => {
    const cells: TemplateCell[] = [];
    for (const spec of specs) {
      if ('rowSet' in spec) {
        for (const row of template.rowSet(table, spec.rowSet)) {
          const cell = template.cellAt(table, row, key);
          if (cell) cells.push(cell);
        }
        continue;
      }
      const cell = 'row' in spec ? template.cellAt(table, spec.row, key) : template.cellAt(table, key, spec.column);
      // A row or column that lacks a term (2021 rows have fewer columns) has no equation.
      if (!cell) return undefined;
      cells.push(cell);
    }
    return cells;
  };
  const equations: Equation[] = [];
  for (const key of keys === '*' ? allKeys : keys) {
    const left = resolveAll(options.left, key);
    const right = resolveAll(options.right, key);
    const subject = left?.[0];
    if (subject && right) equations.push({ subject, left, right });
  }
  return equations;
}

/** The sum of the cells' counts, or undefined when one is missing (added to `missing`). */
export function total(
  report: Report,
  cells: readonly TemplateCell[],
  strict: boolean,
  missing: Set<TemplateCell>,
): number | undefined {
  let sum = 0;
  let complete = true;
  for (const def of cells) {
    const cell = report.cells[def.index];
    const value = cell ? countOf(cell, strict) : undefined;
    if (value === undefined) {
      missing.add(def);
      complete = false;
    } else {
      sum += value;
    }
  }
  return complete ? sum : undefined;
}

function terms(report: Report, cells: readonly TemplateCell[], strict: boolean): SumTerm[] {
  return cells.map((def) => {
    const cell = report.cells[def.index];
    return {
      cell: def.ref,
      value: cell ? (countOf(cell, strict) ?? null) : null,
      evidence: cell?.evidence ?? 'absent',
    };
  });
}

/** Why a cell could not be counted: not in the input (absent), printed but not a number (unreadable), or empty under --strict (empty). */
type MissingReason = 'absent' | 'unreadable' | 'empty';

/** Message ids of the not-evaluated findings, one per reason (engine messages in schemas/rules.json). */
const NOT_EVALUATED: Record<MissingReason, string> = {
  absent: 'not-evaluated',
  unreadable: 'not-evaluated-unreadable',
  empty: 'not-evaluated-empty',
};

/**
 * The cells that kept equations from being checked, one finding per reason, each citing its first cell: only cells
 * the input lacks are called missing (缺少); a printed cell that is not a number, or an empty one under --strict, is
 * said to be so.
 */
function notEvaluated(report: Report, missing: ReadonlySet<TemplateCell>): Finding[] {
  const byReason = new Map<MissingReason, TemplateCell[]>();
  for (const def of [...missing].sort((a, b) => a.index - b.index)) {
    const cell = report.cells[def.index];
    const reason: MissingReason =
      !cell || cell.evidence === 'absent' ? 'absent' : cell.value.kind === 'empty' ? 'empty' : 'unreadable';
    // A cell past the end of a cut-off text, or of a row that could not be read, is already accounted for by that finding.
    if (
      reason === 'absent' &&
      report.explained.size > 0 &&
      (report.explained.has(`/${def.table}`) || report.explained.has(`/${def.table}/${def.row}`))
    )
      continue;
    const list = byReason.get(reason);
    if (list) list.push(def);
    else byReason.set(reason, [def]);
  }
  const findings: Finding[] = [];
  for (const reason of ['absent', 'unreadable', 'empty'] as const) {
    const cells = byReason.get(reason);
    if (cells?.[0])
      findings.push({
        messageId: NOT_EVALUATED[reason],
        cell: cells[0],
        data: { count: cells.length, missing: cells.map((cell) => cell.ref) },
      });
  }
  return findings;
}
