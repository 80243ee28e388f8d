import type { Cell } from '../../model/report.js';
import type { TableKey } from '../../model/types.js';
import type { ValueNoteOptions } from '../catalogue-types.js';
import type { Finding, RuleContext, RuleKind, RuleOutcome } from '../types.js';

/** Reports what the shared value reader noticed: zero markers and blanks once per table listing the cells, units and unreadable text per cell. */
export const valueNote: RuleKind = {
  id: 'value-note',
  needsReport: true,
  check({ rule, report, strict }: RuleContext): RuleOutcome {
    if (!report) return { status: 'not-evaluated', findings: [] };
    const { note } = rule.options as unknown as ValueNoteOptions;
    // A blank is a cell printed empty: the empty-cell finding is about those alone, never about a cell the input lacks
    // (absent) or one the aligner left empty by inference (said by the inferred-cells finding).
    const noted = report.cells.filter(
      (cell) => cell.note?.kind === note && (note !== 'empty-cell' || cell.evidence === 'blank'),
    );
    if (noted.length === 0) return { status: 'passed', findings: [] };
    if (note === 'zero-marker' || note === 'empty-cell')
      return { status: 'failed', findings: groupedByTable(noted, note, strict) };
    const findings = noted.map((cell): Finding => {
      const { note: cellNote } = cell;
      if (cellNote?.kind === 'unit')
        return { messageId: cellNote.unit, cell: cell.def, data: { from: cellNote.from, value: cellNote.value } };
      return { messageId: 'unreadable', cell: cell.def, data: { text: cell.raw } };
    });
    return { status: 'failed', findings };
  },
};

function groupedByTable(cells: readonly Cell[], note: 'zero-marker' | 'empty-cell', strict: boolean): Finding[] {
  const byTable = new Map<TableKey, Cell[]>();
  for (const cell of cells) {
    const list = byTable.get(cell.def.table);
    if (list) list.push(cell);
    else byTable.set(cell.def.table, [cell]);
  }
  const findings: Finding[] = [];
  for (const [table, list] of byTable) {
    const first = list[0];
    if (!first) continue;
    const marker = first.note?.kind === note && 'marker' in first.note ? first.note.marker : '';
    const messageId = note === 'zero-marker' ? 'marker' : strict ? 'missing' : 'empty';
    findings.push({
      messageId,
      cell: first.def,
      data: { table, count: list.length, marker, cells: list.map((cell) => cell.def.ref) },
    });
  }
  return findings;
}
