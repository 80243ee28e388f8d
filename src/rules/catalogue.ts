import { RULE_CATALOGUE } from '../generated/data.js';
import type { RuleEntry } from './catalogue-types.js';

/** Every rule of schemas/rules.json, in catalogue order. */
export const RULES: readonly RuleEntry[] = RULE_CATALOGUE.rules;

const byId = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, if there is one. */
export function findRule(id: string): RuleEntry | undefined {
  return byId.get(id);
}
