/** The browser-capable core (no Node API): lint one report, render results, the rule catalogue. */
export { lint, format, rules, canonicalDocument, type LintOptions } from './web/core.js';
export { lintFiles, type LintFilesOptions } from './pipeline/node-files.js';
export { lintInputs, type RunInput, type RunOptions } from './pipeline/run.js';
export { summarize } from './diagnostics/types.js';
export { renderMessage } from './diagnostics/render.js';
export { FORMAT_NAMES } from './format/index.js';
export { parseConfig, effectiveConfig, type Config, type Exception, type ConfigProblem } from './config/config.js';
export type {
  Diagnostic,
  FileResult,
  LintResults,
  Location,
  RuleRun,
  RuleStatus,
  Summary,
  CellSnapshot,
  FileError,
  SumTerm,
} from './diagnostics/types.js';
export type { FormatName, FormatOptions } from './format/types.js';
export type { CellRef, CellLabels, ReportDocument, RawValue, TemplateId, TableKey, Origin } from './model/types.js';
export type { Locale, Severity, RuleEntry } from './rules/catalogue-types.js';
export type { RuleSetting } from './rules/engine.js';
export type { InputFormat } from './read/types.js';
