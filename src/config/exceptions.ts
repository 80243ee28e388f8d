import type { Exception } from './config.js';
import type { Diagnostic, FileResult } from '../diagnostics/types.js';
import { matchGlob } from './glob.js';
import { scanJsonPositions } from '../read/json-positions.js';
import { findRule } from '../rules/catalogue.js';
import type { RuleSetting } from '../rules/engine.js';

/** What applying exceptions needs to know besides the results. */
export interface ExceptionContext {
  /** Today as YYYY-MM-DD (injected, so tests are deterministic). */
  today: string;
  /** The configuration file's path as shown to the user. */
  configFile: string;
  /** Its text, to place findings about an exception on its line. */
  configText?: string;
  /** A result's file path relative to the configuration file's folder, for the `files` globs. */
  relativeToConfig(file: string): string;
  rules?: Record<string, RuleSetting>;
}

/**
 * Marks the findings an exception covers as suppressed (with its reason), and returns the findings about the exceptions
 * themselves (unused, expired) as a result for the configuration file, or undefined when there are none.
 */
export function applyExceptions(files: readonly FileResult[], exceptions: readonly Exception[], context: ExceptionContext): FileResult | undefined {
  const findings: Diagnostic[] = [];
  let positions: Map<string, { line: number; column: number }> | undefined;
  const locate = (pointer: string) => {
    if (positions === undefined && context.configText !== undefined) {
      try {
        positions = scanJsonPositions(context.configText);
      } catch {
        positions = new Map();
      }
    }
    const position = positions?.get(pointer);
    return position ? { line: position.line, column: position.column } : {};
  };
  const report = (ruleId: string, messageId: string, index: number, exception: Exception): void => {
    const rule = findRule(ruleId);
    const setting = context.rules?.[ruleId] ?? rule?.severity ?? 'warning';
    if (setting === 'off') return;
    const pointer = `/exceptions/${index}`;
    findings.push({
      ruleId,
      severity: setting,
      messageId,
      data: { index: index + 1, exceptionRule: exception.rule, reason: exception.reason, ...(exception.expires ? { expires: exception.expires } : {}) },
      location: { file: context.configFile, pointer, ...locate(pointer) },
    });
  };
  exceptions.forEach((exception, index) => {
    if (exception.expires !== undefined && context.today > exception.expires) {
      report('expired-exception', 'expired', index, exception);
      return;
    }
    let used = false;
    for (const file of files) {
      if (exception.files && !exception.files.some((pattern) => matchGlob(pattern, context.relativeToConfig(file.file)))) continue;
      for (const diagnostic of file.diagnostics) {
        if (!covers(exception, diagnostic)) continue;
        used = true;
        diagnostic.suppressed ??= { reason: exception.reason };
      }
    }
    if (!used) report('unused-exception', 'unused', index, exception);
  });
  if (findings.length === 0) return undefined;
  return { file: context.configFile, format: 'json', diagnostics: findings, rules: [] };
}

function covers(exception: Exception, diagnostic: Diagnostic): boolean {
  if (exception.rule !== diagnostic.ruleId) return false;
  if (exception.table === undefined && exception.row === undefined && exception.column === undefined) return true;
  const cell = diagnostic.cell;
  if (!cell) return false;
  return (exception.table === undefined || exception.table === cell.table) && (exception.row === undefined || exception.row === cell.row) && (exception.column === undefined || exception.column === cell.column);
}
