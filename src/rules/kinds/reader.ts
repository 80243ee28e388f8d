import type { RuleContext, RuleKind, RuleOutcome } from '../types.js';

/** Reports what a reader found while reading the file (unknown rows, missing tables, narrative defects) under the rule's id. */
export const reader: RuleKind = {
  id: 'reader',
  needsReport: false,
  check({ rule, readerFindings }: RuleContext): RuleOutcome {
    const findings = readerFindings
      .filter((finding) => finding.ruleId === rule.id)
      .map((finding) => ({
        messageId: finding.messageId,
        data: finding.data,
        origin: finding.origin,
        ...(finding.origin.pointer ? { pointer: finding.origin.pointer } : {}),
      }));
    return { status: findings.length > 0 ? 'failed' : 'passed', findings };
  },
};
