import type { CellRef } from '../model/types.js';
import type { Diagnostic } from './types.js';

/** The findings that concern one cell, by their index: about the cell itself (primary), or a failed sum it is a term of (related). */
export interface CellMarks {
  primary: number[];
  related: number[];
}

/** The JSON pointer of a cell (/applications/new/total). */
export function pointerOf(cell: Pick<CellRef, 'table' | 'row' | 'column'>): string {
  return `/${cell.table}/${cell.row}/${cell.column}`;
}

/**
 * Which findings concern which cell, by pointer: a finding's own cell, the cells it lists and the cell of its one-cell
 * repair are primary; the terms of a failed sum are related (unless primary for the same finding). Findings that
 * `include` rejects mark nothing but keep their index.
 */
export function cellMarks(
  diagnostics: readonly Diagnostic[],
  include: (diagnostic: Diagnostic) => boolean = () => true,
): Map<string, CellMarks> {
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
    if (!include(diagnostic)) return;
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
