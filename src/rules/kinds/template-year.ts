import { templateForYear } from '../../model/template.js';
import type { RuleContext, RuleKind, RuleOutcome } from '../types.js';

/** The template must fit the year: a stated template that does not, a pre-2019 year, or no way to tell. */
export const templateYear: RuleKind = {
  id: 'template-year',
  needsReport: false,
  check({ report, document, templateChoice }: RuleContext): RuleOutcome {
    const year = report?.year ?? (typeof document.year === 'number' ? document.year : undefined);
    if (!templateChoice.template) {
      if (year !== undefined && year < 2019)
        return { status: 'failed', findings: [{ messageId: 'pre-2019', pointer: '/year', data: { year } }] };
      return { status: 'failed', findings: [{ messageId: 'unknown', pointer: '', data: {} }] };
    }
    if (year === undefined) return { status: 'not-evaluated', findings: [] };
    const expected = templateForYear(year);
    if (expected === undefined)
      return { status: 'failed', findings: [{ messageId: 'pre-2019', pointer: '/year', data: { year } }] };
    if (expected === templateChoice.template) return { status: 'passed', findings: [] };
    const pointer = templateChoice.source === 'document' ? '/template' : '/year';
    return {
      status: 'failed',
      findings: [{ messageId: 'mismatch', pointer, data: { year, expected, actual: templateChoice.template } }],
    };
  },
};
