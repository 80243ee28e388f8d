import type { Report, TemplateChoice } from '../model/report.js';
import type { TemplateCell } from '../model/template.js';
import type { Origin, ReportDocument } from '../model/types.js';
import type { ReaderFinding } from '../read/types.js';
import type { RuleKindId, RuleEntry } from './catalogue-types.js';
import type { RuleStatus } from '../diagnostics/types.js';

/** What a rule kind is given: the rule's entry and the report. */
export interface RuleContext {
  readonly rule: RuleEntry;
  /** The report model; undefined when no template could be decided. */
  readonly report: Report | undefined;
  readonly document: ReportDocument;
  readonly templateChoice: TemplateChoice;
  readonly readerFindings: readonly ReaderFinding[];
  readonly strict: boolean;
}

/** A fact a rule reports: a message id with its data, and the cell or place it concerns. The engine adds rule id and severity. */
export interface Finding {
  messageId: string;
  data: Record<string, unknown>;
  cell?: TemplateCell;
  /** A JSON pointer into the document, when the finding concerns no single cell. */
  pointer?: string;
  /** A place known directly (reader findings). */
  origin?: Origin;
  /** With `pointer` to a string: the offset of the finding in that string (narrative figures). */
  textOffset?: number;
}

/** One equation of a sum-compare rule in a template: Σleft against Σright, about its subject cell. Built once per template. */
export interface Equation {
  readonly subject: TemplateCell;
  readonly left: readonly TemplateCell[];
  readonly right: readonly TemplateCell[];
}

/** An equation that failed, with its sums and the finding reporting it, kept so the engine can look for a one-cell repair. */
export interface FailedSum {
  readonly equation: Equation;
  readonly leftSum: number;
  readonly rightSum: number;
  readonly finding: Finding;
}

/** What a rule kind returns for one report. */
export interface RuleOutcome {
  status: RuleStatus;
  findings: Finding[];
  /** Equalities that failed. */
  failedSums?: FailedSum[];
}

/** A rule kind: the logic behind every rule of that kind in schemas/rules.json. */
export interface RuleKind {
  readonly id: RuleKindId;
  /** True when the kind needs a report model (a decided template) to run. */
  readonly needsReport: boolean;
  /** True for kinds that compare several files (year to year) or check the configuration: the per-file engine skips them. */
  readonly crossFile?: boolean;
  check(context: RuleContext): RuleOutcome;
}

/** A status from the outcome of several checks: failed wins, then not-evaluated, else passed. */
export function combineStatus(anyFailed: boolean, anyNotEvaluated: boolean): RuleStatus {
  return anyFailed ? 'failed' : anyNotEvaluated ? 'not-evaluated' : 'passed';
}
