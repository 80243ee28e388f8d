import type { CellRef, Diagnostic, Severity } from './core.js';
import { cellMarks, pointerOf, type CellMarks } from '../diagnostics/cell-marks.js';

export { pointerOf, type CellMarks } from '../diagnostics/cell-marks.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** An older template's row the report printed (2019's （六）其他处理 in a 2021 report): its label and the pointers of its drawn cells. */
export interface LegacyRow {
  label: string;
  pointers: string[];
}

/**
 * The page's marks: only unsuppressed findings mark a cell. The cells of an older template's row the report printed
 * carry the mixed-template finding about that row (it names the row by its label, not by a cell).
 */
export function pageMarks(
  diagnostics: readonly Diagnostic[],
  legacyRows: readonly LegacyRow[] = [],
): Map<string, CellMarks> {
  const marks = cellMarks(diagnostics, (diagnostic) => !diagnostic.suppressed);
  diagnostics.forEach((diagnostic, index) => {
    if (diagnostic.suppressed || diagnostic.ruleId !== 'mixed-template') return;
    for (const row of legacyRows) {
      if (diagnostic.data['row'] !== row.label) continue;
      for (const pointer of row.pointers) {
        const mark = marks.get(pointer) ?? { primary: [], related: [] };
        if (!mark.primary.includes(index)) mark.primary.push(index);
        marks.set(pointer, mark);
      }
    }
  });
  return marks;
}

/** The worst severity among some findings, or undefined when there are none. */
export function worstSeverity(diagnostics: readonly Diagnostic[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const diagnostic of diagnostics)
    if (worst === undefined || SEVERITY_RANK[diagnostic.severity] > SEVERITY_RANK[worst]) worst = diagnostic.severity;
  return worst;
}

/**
 * The value a marked cell should hold, when a finding says so: the one-cell repair naming it, else the expected
 * figure of a finding whose checked side is the cell alone (a total that should be 11). A column balance's expected
 * figure is that of a sum of several cells (一 + 二), not of the cell it is reported on, so it gives no value.
 */
export function expectedValue(diagnostics: readonly Diagnostic[], pointer: string): number | undefined {
  for (const diagnostic of diagnostics) {
    const repair = diagnostic.data['repair'] as { cell?: CellRef; to?: unknown } | undefined;
    if (repair?.cell && pointerOf(repair.cell) === pointer && typeof repair.to === 'number') return repair.to;
  }
  for (const diagnostic of diagnostics) {
    const expected = diagnostic.data['expected'];
    if (
      diagnostic.cell &&
      pointerOf(diagnostic.cell) === pointer &&
      typeof expected === 'number' &&
      checksCellAlone(diagnostic, pointer)
    )
      return expected;
  }
  return undefined;
}

/** Whether a finding's checked side (its left terms) is the one cell, or the finding names no terms. */
function checksCellAlone(diagnostic: Diagnostic, pointer: string): boolean {
  const left = diagnostic.data['leftTerms'] as Array<{ cell?: CellRef }> | undefined;
  if (!Array.isArray(left)) return true;
  return left.length === 1 && left[0]?.cell !== undefined && pointerOf(left[0].cell) === pointer;
}
