import type { CellRef, Diagnostic, Severity } from './core.js';
import { cellMarks, pointerOf, type CellMarks } from '../diagnostics/cell-marks.js';

export { pointerOf, type CellMarks } from '../diagnostics/cell-marks.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The page's marks: only unsuppressed findings mark a cell. */
export function pageMarks(diagnostics: readonly Diagnostic[]): Map<string, CellMarks> {
  return cellMarks(diagnostics, (diagnostic) => !diagnostic.suppressed);
}

/** The worst severity among some findings, or undefined when there are none. */
export function worstSeverity(diagnostics: readonly Diagnostic[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const diagnostic of diagnostics) if (worst === undefined || SEVERITY_RANK[diagnostic.severity] > SEVERITY_RANK[worst]) worst = diagnostic.severity;
  return worst;
}

/**
 * The value a marked cell should hold, when a finding says so: the one-cell repair naming it, else the expected
 * figure of a finding about the cell itself (a total that should be 11).
 */
export function expectedValue(diagnostics: readonly Diagnostic[], pointer: string): number | undefined {
  for (const diagnostic of diagnostics) {
    const repair = diagnostic.data['repair'] as { cell?: CellRef; to?: unknown } | undefined;
    if (repair?.cell && pointerOf(repair.cell) === pointer && typeof repair.to === 'number') return repair.to;
  }
  for (const diagnostic of diagnostics) {
    const expected = diagnostic.data['expected'];
    if (diagnostic.cell && pointerOf(diagnostic.cell) === pointer && typeof expected === 'number') return expected;
  }
  return undefined;
}
