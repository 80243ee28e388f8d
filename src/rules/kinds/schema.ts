import validateReport from '../../generated/validate-report.js';
import { schemaProblems } from '../../diagnostics/ajv.js';
import type { RuleContext, RuleKind, RuleOutcome } from '../types.js';
import { withFields } from '../../model/objects.js';

/** The report's structure against schemas/report.schema.json (precompiled), one finding per place. */
export const schema: RuleKind = {
  id: 'schema',
  needsReport: false,
  check({ document, templateChoice }: RuleContext): RuleOutcome {
    const subject =
      templateChoice.source === 'option' ? withFields(document, { template: templateChoice.template }) : document;
    if (validateReport(subject)) return { status: 'passed', findings: [] };
    const problems = schemaProblems(validateReport.errors ?? [], templateChoice.template);
    return {
      status: 'failed',
      findings: problems.map((problem) => ({
        messageId: problem.messageId,
        pointer: problem.pointer,
        data: problem.data,
      })),
    };
  },
};
