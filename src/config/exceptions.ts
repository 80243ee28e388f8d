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

/** Applies exceptions file by file as results stream past, then reports the exceptions that matched nothing or expired. */
export interface ExceptionTracker {
  /** Marks the findings of one file that an exception covers as suppressed (with its reason). */
  apply(file: FileResult): void;
  /** The findings about the exceptions themselves (unused, expired) as a result for the configuration file, or undefined when there are none. */
  finish(): FileResult | undefined;
}

/** An ExceptionTracker: what it keeps is one flag per exception, whatever the number of files. */
export function exceptionTracker(exceptions: readonly Exception[], context: ExceptionContext): ExceptionTracker {
  const expired = exceptions.map((exception) => exception.expires !== undefined && context.today > exception.expires);
  const used = exceptions.map(() => false);
  return {
    apply(file) {
      exceptions.forEach((exception, index) => {
        if (expired[index]) return;
        if (
          exception.files &&
          !exception.files.some((pattern) => matchGlob(pattern, context.relativeToConfig(file.file)))
        )
          return;
        for (const diagnostic of file.diagnostics) {
          if (!covers(exception, diagnostic)) continue;
          used[index] = true;
          diagnostic.suppressed ??= { reason: exception.reason };
        }
      });
    },
    finish: () =>
      exceptionFindings(exceptions, context, (index) => (expired[index] ? 'expired' : used[index] ? 'used' : 'unused')),
  };
}

/**
 * Marks the findings an exception covers as suppressed (with its reason), and returns the findings about the exceptions
 * themselves (unused, expired) as a result for the configuration file, or undefined when there are none.
 */
export function applyExceptions(
  files: readonly FileResult[],
  exceptions: readonly Exception[],
  context: ExceptionContext,
): FileResult | undefined {
  const tracker = exceptionTracker(exceptions, context);
  for (const file of files) tracker.apply(file);
  return tracker.finish();
}

function exceptionFindings(
  exceptions: readonly Exception[],
  context: ExceptionContext,
  stateOf: (index: number) => 'expired' | 'used' | 'unused',
): FileResult | undefined {
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
  exceptions.forEach((exception, index) => {
    const state = stateOf(index);
    if (state === 'used') return;
    const ruleId = state === 'expired' ? 'expired-exception' : 'unused-exception';
    const setting = context.rules?.[ruleId] ?? findRule(ruleId)?.severity ?? 'warning';
    if (setting === 'off') return;
    const pointer = `/exceptions/${index}`;
    findings.push({
      ruleId,
      severity: setting,
      messageId: state,
      data: {
        index: index + 1,
        exceptionRule: exception.rule,
        reason: exception.reason,
        ...(exception.expires ? { expires: exception.expires } : {}),
      },
      location: { file: context.configFile, pointer, ...locate(pointer) },
    });
  });
  if (findings.length === 0) return undefined;
  return { file: context.configFile, format: 'json', diagnostics: findings, rules: [] };
}

function covers(exception: Exception, diagnostic: Diagnostic): boolean {
  if (exception.rule !== diagnostic.ruleId) return false;
  if (exception.table === undefined && exception.row === undefined && exception.column === undefined) return true;
  const cell = diagnostic.cell;
  if (!cell) return false;
  return (
    (exception.table === undefined || exception.table === cell.table) &&
    (exception.row === undefined || exception.row === cell.row) &&
    (exception.column === undefined || exception.column === cell.column)
  );
}
