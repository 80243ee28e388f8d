import { RULE_CATALOGUE } from '../generated/data.js';
import type { RuleEntry, Severity } from './catalogue-types.js';

/** Every rule of schemas/rules.json, in catalogue order. */
export const RULES: readonly RuleEntry[] = RULE_CATALOGUE.rules;

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, if there is one. */
export function findRule(id: string): RuleEntry | undefined {
  return byId.get(id);
}

/** A rule's severity under the given overrides, or undefined when it is turned off. */
export function severityOf(
  rule: RuleEntry,
  overrides: Readonly<Record<string, Severity | 'off'>> | undefined,
): Severity | undefined {
  const setting = overrides?.[rule.id] ?? rule.severity;
  return setting === 'off' ? undefined : setting;
}
