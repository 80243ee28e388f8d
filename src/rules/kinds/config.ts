import type { RuleKind, RuleOutcome } from '../types.js';

/** Findings about the configuration itself (unused or expired exceptions); reported by src/exceptions.ts, never per file. */
export const config: RuleKind = {
  id: 'config',
  needsReport: false,
  crossFile: true,
  check: (): RuleOutcome => ({ status: 'not-evaluated', findings: [] }),
};
