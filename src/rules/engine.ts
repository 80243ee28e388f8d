import { buildReport, chooseTemplate, countOf, type Report } from '../model/report.js';
import type { TemplateCell } from '../model/template.js';
import type { Origin, TemplateId } from '../model/types.js';
import type { ReadResult } from '../read/types.js';
import {
  isNotEvaluated,
  type CellSnapshot,
  type Diagnostic,
  type FileResult,
  type RuleRun,
  type RuleStatus,
} from '../diagnostics/types.js';
import type { RuleEntry, Severity } from './catalogue-types.js';
import { RULES, severityOf } from './catalogue.js';
import { RULE_KINDS } from './kinds/index.js';
import { equationsOf, total } from './kinds/sum-compare.js';
import type { Equation, FailedSum, Finding, RuleContext } from './types.js';
import { withFields } from '../model/objects.js';
import { appendAll } from '../model/arrays.js';

/** A rule's severity as configured, or off. */
export type RuleSetting = Severity | 'off';

/** What the engine is told besides the report. */
export interface LintOptions {
  /** --template: use this template whatever the report says. */
  template?: TemplateId;
  /** --year: the report's year, whatever the report says. */
  year?: number;
  /** --strict: empty cells are missing, not 0. */
  strict?: boolean;
  /** Severity overrides by rule id. */
  rules?: Record<string, RuleSetting>;
  /** Keep a snapshot of the cells' raw values and places in the result: all (html output) or the listed pointers (year-to-year checks). */
  cells?: boolean | ReadonlySet<string>;
  /** Of the listed `cells`, those whose place is kept with their value (the cells a year-to-year finding cites). */
  placedCells?: ReadonlySet<string>;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One shared, frozen record per rule and status: a batch of thousands of reports keeps no copy of its own. */
const RULE_RUNS = new Map<string, Record<RuleStatus, RuleRun>>();

/** The record of a rule run with this status. */
export function ruleRun(id: string, status: RuleStatus): RuleRun {
  let runs = RULE_RUNS.get(id);
  if (!runs) {
    runs = {
      passed: Object.freeze({ id, status: 'passed' }),
      failed: Object.freeze({ id, status: 'failed' }),
      'not-evaluated': Object.freeze({ id, status: 'not-evaluated' }),
    };
    RULE_RUNS.set(id, runs);
  }
  return runs[status];
}

/** Checks one report that a reader produced: schema, every applicable rule, reader findings; returns located, sorted diagnostics. */
export function lintReadResult(read: ReadResult, file: string, options: LintOptions = {}): FileResult {
  const document = read.document;
  const year = options.year ?? (typeof document.year === 'number' ? document.year : undefined);
  const templateChoice = chooseTemplate(document, options.template, year);
  const strict = options.strict ?? false;
  const report: Report | undefined = templateChoice.template
    ? buildReport(document, templateChoice.template, {
        strict,
        ...(year === undefined ? {} : { year }),
        ...(read.inferred ? { inferred: read.inferred } : {}),
        ...(read.totalsUsed ? { totalsUsed: read.totalsUsed } : {}),
        ...(read.explained ? { explained: read.explained } : {}),
      })
    : undefined;
  const diagnostics: Diagnostic[] = [];
  const runs: RuleRun[] = [];
  const failedSums: FailedSum[] = [];
  const equalityRules: RuleEntry[] = [];
  for (const rule of RULES) {
    const setting = severityOf(rule, options.rules);
    if (!setting) continue;
    if (templateChoice.template && !rule.templates.includes(templateChoice.template)) continue;
    // The schema is the contract of JSON input; other readers build the document themselves and report
    // missing tables, missing rows and unknown rows in the input's own terms (reader rules).
    if (rule.kind === 'schema' && read.format !== 'json') continue;
    const kind = RULE_KINDS[rule.kind];
    if (kind.crossFile) continue;
    const context: RuleContext = { rule, report, document, templateChoice, readerFindings: read.findings, strict };
    const outcome =
      kind.needsReport && !report ? { status: 'not-evaluated' as const, findings: [] } : kind.check(context);
    runs.push(ruleRun(rule.id, outcome.status));
    for (const finding of outcome.findings) diagnostics.push(toDiagnostic(rule, setting, finding, read, file, report));
    if (outcome.failedSums) appendAll(failedSums, outcome.failedSums);
    if (rule.kind === 'sum-compare' && (rule.options as { operator?: string }).operator === '=')
      equalityRules.push(rule);
  }
  if (report && failedSums.length > 0)
    attachRepairs(report, failedSums, heldEquations(report, equalityRules, strict), diagnostics, strict);
  diagnostics.sort(compareDiagnostics);
  return {
    file,
    format: read.format,
    ...(read.encoding ? { encoding: read.encoding } : {}),
    ...(templateChoice.template ? { template: templateChoice.template } : {}),
    ...(report?.year !== undefined ? { year: report.year } : {}),
    ...(report?.agency !== undefined ? { agency: report.agency } : {}),
    diagnostics,
    rules: runs,
    ...(options.cells && report
      ? { cells: snapshotCells(report, read, options.cells === true ? undefined : options.cells, options.placedCells) }
      : {}),
  };
}

/**
 * Every cell's raw value and place, or, for the year-to-year checks, only the listed cells' raw values, with the place
 * of those in `placed` (the cells their findings cite, so those findings need not read the file again).
 */
function snapshotCells(
  report: Report,
  read: ReadResult,
  only: ReadonlySet<string> | undefined,
  placed: ReadonlySet<string> | undefined,
): Record<string, CellSnapshot> {
  const cells: Record<string, CellSnapshot> = {};
  const toPlace: string[] = [];
  for (const cell of report.cells) {
    if (!cell.present || cell.raw === undefined) continue;
    const pointer = cell.def.pointer;
    if (only && !only.has(pointer)) continue;
    const snapshot: CellSnapshot =
      cell.evidence === 'blank' || cell.evidence === 'inferred'
        ? { raw: cell.raw, evidence: cell.evidence }
        : { raw: cell.raw };
    if (cell.sourcePointer) snapshot.source = cell.sourcePointer;
    cells[pointer] = snapshot;
    if (!only || placed?.has(pointer)) toPlace.push(pointer);
  }
  const origins = read.locateEach ? read.locateEach(toPlace) : toPlace.map((pointer) => read.locate(pointer));
  for (const [index, pointer] of toPlace.entries()) {
    const origin = origins[index];
    if (!origin) continue;
    cells[pointer] = withFields(cells[pointer]!, { origin: only ? withoutPointer(origin, pointer) : origin });
  }
  return cells;
}

/** A kept cell's place without the pointer it is keyed by already (a shard carries thousands of them). */
function withoutPointer(origin: Origin, pointer: string): Origin {
  if (origin.pointer !== pointer) return origin;
  const { pointer: _same, ...rest } = origin;
  return rest;
}

function toDiagnostic(
  rule: RuleEntry,
  ruleSeverity: Severity,
  finding: Finding,
  read: ReadResult,
  file: string,
  report: Report | undefined,
): Diagnostic {
  // A rule that could not run is worth a warning, never an error: nothing was found to be wrong.
  const severity = isNotEvaluated(finding.messageId) && ruleSeverity === 'error' ? 'warning' : ruleSeverity;
  // A cell filled from an older template's row points at that row, where the value really is.
  const pointer = finding.cell
    ? (report?.cells[finding.cell.index]?.sourcePointer ?? finding.cell.pointer)
    : finding.pointer;
  const located = finding.origin ?? (pointer === undefined ? undefined : read.locate(pointer));
  const origin =
    finding.textOffset !== undefined && pointer !== undefined
      ? (read.locateText?.(pointer, finding.textOffset) ?? withinString(located, read, pointer, finding.textOffset))
      : located;
  const diagnostic: Diagnostic = {
    ruleId: rule.id,
    severity,
    messageId: finding.messageId,
    data: finding.data,
    location: { file, ...(pointer === undefined ? {} : { pointer }), ...origin },
  };
  if (finding.cell) {
    diagnostic.cell = finding.cell.ref;
    const cell = report?.cells[finding.cell.index];
    diagnostic.evidence = cell?.evidence ?? 'absent';
    if (cell && cell.evidence !== 'absent' && cell.raw !== undefined) diagnostic.raw = cell.raw;
  }
  return diagnostic;
}

/** The place of an offset inside a JSON string value: its opening quote's place moved on, when nothing before it is escaped. */
function withinString(
  origin: Origin | undefined,
  read: ReadResult,
  pointer: string,
  offset: number,
): Origin | undefined {
  if (!origin || read.format !== 'json' || origin.line === undefined || origin.column === undefined) return origin;
  const text = pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object'
          ? (value as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')]
          : undefined,
      read.document,
    );
  if (typeof text !== 'string' || /["\\\u0000-\u001f\u2028\u2029]/.test(text.slice(0, offset))) return origin;
  return withFields(origin, { column: origin.column + 1 + offset });
}

/** The equations of the equality rules that held, evaluated again: only needed, and so only done, when another failed. */
function heldEquations(report: Report, rules: readonly RuleEntry[], strict: boolean): Equation[] {
  const held: Equation[] = [];
  const missing = new Set<TemplateCell>();
  for (const rule of rules) {
    for (const equation of equationsOf(rule, report.template)) {
      const left = total(report, equation.left, strict, missing);
      if (left !== undefined && left === total(report, equation.right, strict, missing)) held.push(equation);
    }
  }
  return held;
}

/**
 * Where one cell alone would repair every failed equation it takes part in (and it takes part in no equation
 * that holds), names that cell and its value on each of those findings.
 */
function attachRepairs(
  report: Report,
  failed: readonly FailedSum[],
  held: readonly Equation[],
  diagnostics: Diagnostic[],
  strict: boolean,
): void {
  const inHeld = new Set<TemplateCell>();
  for (const equation of held) {
    for (const cell of equation.left) inHeld.add(cell);
    for (const cell of equation.right) inHeld.add(cell);
  }
  const byCell = new Map<TemplateCell, FailedSum[]>();
  for (const sum of failed) {
    for (const cell of new Set([...sum.equation.left, ...sum.equation.right])) {
      if (inHeld.has(cell)) continue;
      const list = byCell.get(cell);
      if (list) list.push(sum);
      else byCell.set(cell, [sum]);
    }
  }
  const candidates = new Map<FailedSum, { cell: TemplateCell; from: number; to: number }[]>();
  for (const [cell, involved] of byCell) {
    const current = countOf(report.cells[cell.index]!, strict);
    if (current === undefined) continue;
    let target: number | undefined;
    let consistent = true;
    for (const sum of involved) {
      const weight =
        sum.equation.left.filter((term) => term === cell).length -
        sum.equation.right.filter((term) => term === cell).length;
      if (weight === 0) {
        consistent = false;
        break;
      }
      const needed = (sum.rightSum - sum.leftSum) / weight;
      if (!Number.isInteger(needed) || (target !== undefined && target !== current + needed)) {
        consistent = false;
        break;
      }
      target = current + needed;
    }
    if (!consistent || target === undefined || (target < 0 && cell.kind !== 'signed')) continue;
    for (const sum of involved) {
      const list = candidates.get(sum);
      const candidate = { cell, from: current, to: target };
      if (list) list.push(candidate);
      else candidates.set(sum, [candidate]);
    }
  }
  for (const [sum, list] of candidates) {
    const only = list[0];
    if (list.length !== 1 || !only) continue;
    const diagnostic = diagnostics.find((candidate) => candidate.data === sum.finding.data);
    if (!diagnostic) continue;
    // The repair names the cell's value as the input has it: printed (read), printed empty (blank) or placed by inference.
    const cell = report.cells[only.cell.index]!;
    diagnostic.data['repair'] = {
      cell: only.cell.ref,
      from: only.from,
      to: only.to,
      evidence: cell.evidence,
      ...(cell.raw !== undefined ? { raw: cell.raw } : {}),
    };
  }
}

/** Orders diagnostics by place in the file, then template order, severity and rule id, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.location.page ?? 0) - (b.location.page ?? 0) ||
    (a.location.line ?? Number.MAX_SAFE_INTEGER) - (b.location.line ?? Number.MAX_SAFE_INTEGER) ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    (a.location.sheet ?? '').localeCompare(b.location.sheet ?? '') ||
    (a.location.pointer ?? '').localeCompare(b.location.pointer ?? '') ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.messageId.localeCompare(b.messageId)
  );
}
