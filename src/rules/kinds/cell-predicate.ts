import { isWhole, signOf } from '../../model/decimal.js';
import type { CellPredicateOptions } from '../catalogue-types.js';
import type { Finding, RuleContext, RuleKind, RuleOutcome } from '../types.js';

/** A check on every cell of the given kinds, one at a time (non-negative, integer). */
export const cellPredicate: RuleKind = {
  id: 'cell-predicate',
  needsReport: true,
  check({ rule, report }: RuleContext): RuleOutcome {
    if (!report) return { status: 'not-evaluated', findings: [] };
    const { predicate, kinds } = rule.options as unknown as CellPredicateOptions;
    const findings: Finding[] = [];
    for (const cell of report.cells) {
      if (!kinds.includes(cell.def.kind)) continue;
      const { value } = cell;
      if (predicate === 'non-negative') {
        const negative =
          value.kind === 'number' ? value.value < 0 : value.kind === 'money' ? signOf(value.value) < 0 : false;
        if (negative) findings.push({ messageId: 'negative', cell: cell.def, data: { value: cell.raw } });
      } else {
        const fraction =
          value.kind === 'number'
            ? !Number.isInteger(value.value)
            : value.kind === 'money'
              ? !isWhole(value.value)
              : false;
        if (fraction) findings.push({ messageId: 'fraction', cell: cell.def, data: { value: cell.raw } });
      }
    }
    return { status: findings.length > 0 ? 'failed' : 'passed', findings };
  },
};
