import type { RuleKind, RuleOutcome } from '../types.js';

/** Year-to-year relations between two reports of one agency; run by src/continuity.ts over a whole run, never per file. */
export const continuity: RuleKind = {
  id: 'continuity',
  needsReport: false,
  crossFile: true,
  check: (): RuleOutcome => ({ status: 'not-evaluated', findings: [] }),
};
