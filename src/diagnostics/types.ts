import type { CellRef, Evidence, Origin, RawValue, TemplateId } from '../model/types.js';
import type { InputFormat } from '../read/types.js';
import type { Severity } from '../rules/catalogue-types.js';

/** Where a diagnostic points: the file and, as far as the format allows, the place in it. */
export interface Location extends Origin {
  file: string;
}

/** One term of a checked sum: the cell, the value it contributed (null when missing), and how that value reached the report. */
export interface SumTerm {
  cell: CellRef;
  value: number | null;
  /** read: printed in its place; inferred: placed by a choice (rendered 推断); blank: printed empty, counted 0 (rendered 留空); absent: not in the input. */
  evidence: Evidence;
}

/** One finding: which rule, how severe, which message with which data, and where. The prose is rendered later. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  messageId: string;
  data: Record<string, unknown>;
  location: Location;
  cell?: CellRef;
  /** With `cell`: how the cell's value reached the report (read, inferred, blank or absent); messages state the value only as far as this allows. */
  evidence?: Evidence;
  /** With `cell`: the cell's value as the input wrote it (a number, or its text: "", "—", "1,234"); left out when the input does not hold the cell (absent, or a row an older template's row stands in for). */
  raw?: RawValue;
  /** Set when a configured exception suppresses the finding. */
  suppressed?: { reason: string };
}

/** True for the message ids of a rule that could not be checked (not-evaluated and its variants): never worse than a warning, never a failure. */
export function isNotEvaluated(messageId: string): boolean {
  return messageId === 'not-evaluated' || messageId.startsWith('not-evaluated-');
}

/** What happened to one rule on one file. */
export type RuleStatus = 'passed' | 'failed' | 'not-evaluated';

/** One rule run on one file. */
export interface RuleRun {
  id: string;
  status: RuleStatus;
}

/** A file that could not be read or checked at all. */
export interface FileError {
  kind: 'input' | 'internal';
  messageId: string;
  data: Record<string, string | number>;
  location: Location;
}

/** The result of linting one file. */
export interface FileResult {
  file: string;
  format?: InputFormat;
  encoding?: string;
  template?: TemplateId;
  year?: number;
  agency?: string;
  diagnostics: Diagnostic[];
  rules: RuleRun[];
  error?: FileError;
  /** Raw cell values by JSON pointer with their place, kept only when asked for (LintOptions.cells: html, year-to-year). */
  cells?: Record<string, CellSnapshot>;
  /** Set on the results of a shard (--shard): what `merge` needs to run the year-to-year checks across shards. */
  carry?: CrossFileCarry;
}

/** What a shard's result carries for a later merge: the cells the year-to-year checks compare. */
export interface CrossFileCarry {
  cells: Record<string, CellSnapshot>;
}

/** What a cell held as written, how it reached the report, and where it was in the file. */
export interface CellSnapshot {
  raw: RawValue;
  /** read, inferred or blank (absent cells have no snapshot); left out for read. */
  evidence?: Exclude<Evidence, 'read' | 'absent'>;
  origin?: Origin;
  /** Where the value was printed when the report printed an older template's row instead (/applications/otherHandling/total). */
  source?: string;
}

/** Counts over a whole run. */
export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
  notEvaluated: number;
  inputErrors: number;
}

/** The result of a whole run, which every formatter renders. */
export interface LintResults {
  files: FileResult[];
  summary: Summary;
}

/** Counts errors, warnings and infos (suppressed findings apart) over the files. */
export function summarize(files: readonly FileResult[]): Summary {
  const summary = emptySummary();
  for (const file of files) addToSummary(summary, file);
  return summary;
}

/** A summary of no files, to add files to one by one. */
export function emptySummary(): Summary {
  return { files: 0, errors: 0, warnings: 0, infos: 0, suppressed: 0, notEvaluated: 0, inputErrors: 0 };
}

/** Adds one file's counts to a summary. */
export function addToSummary(summary: Summary, file: FileResult): void {
  summary.files += 1;
  if (file.error) summary.inputErrors += 1;
  for (const rule of file.rules) if (rule.status === 'not-evaluated') summary.notEvaluated += 1;
  for (const diagnostic of file.diagnostics) {
    if (diagnostic.suppressed) summary.suppressed += 1;
    else if (diagnostic.severity === 'error') summary.errors += 1;
    else if (diagnostic.severity === 'warning') summary.warnings += 1;
    else summary.infos += 1;
  }
}
