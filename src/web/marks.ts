import type { CellRef, Diagnostic, Severity } from './core.js';

/** The findings that concern one cell: about the cell itself (primary), or a failed sum it is a term of (related). */
export interface CellMarks {
  primary: number[];
  related: number[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The JSON pointer of a cell (/applications/new/total). */
export function pointerOf(cell: Pick<CellRef, 'table' | 'row' | 'column'>): string {
  return `/${cell.table}/${cell.row}/${cell.column}`;
}

/**
 * Which findings concern which cell, by pointer: a finding's own cell, the cells it lists and the cell of its one-cell
 * repair are primary; the terms of a failed sum are related (unless primary for the same finding).
 */
export function cellMarks(diagnostics: readonly Diagnostic[]): Map<string, CellMarks> {
  const marks = new Map<string, CellMarks>();
  const add = (cell: CellRef | undefined, index: number, kind: keyof CellMarks): void => {
    if (!cell || typeof cell !== 'object') return;
    const pointer = pointerOf(cell);
    let mark = marks.get(pointer);
    if (!mark) {
      mark = { primary: [], related: [] };
      marks.set(pointer, mark);
    }
    if (!mark[kind].includes(index)) mark[kind].push(index);
  };
  diagnostics.forEach((diagnostic, index) => {
    if (diagnostic.suppressed) return;
    add(diagnostic.cell, index, 'primary');
    const { data } = diagnostic;
    add((data['repair'] as { cell?: CellRef } | undefined)?.cell, index, 'primary');
    for (const key of ['cells', 'missing']) {
      const list = data[key];
      if (Array.isArray(list)) for (const cell of list as CellRef[]) add(cell, index, 'primary');
    }
    for (const key of ['leftTerms', 'rightTerms', 'terms']) {
      const list = data[key];
      if (Array.isArray(list)) for (const term of list as { cell?: CellRef }[]) add(term.cell, index, 'related');
    }
  });
  for (const mark of marks.values()) mark.related = mark.related.filter((index) => !mark.primary.includes(index));
  return marks;
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
