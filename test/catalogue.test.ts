import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_KINDS } from '../src/rules/kinds/index.js';
import { RULES } from '../src/rules/catalogue.js';
import { ROOT } from './helpers/lint.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const readmeRules = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (?:error|warning|info) \|/gm)].map((match) => match[1]);

describe('the rule catalogue, the rule kinds in code and the README agree', () => {
  it('every rule names a kind that code implements', () => {
    for (const rule of RULES) expect(Object.keys(RULE_KINDS)).toContain(rule.kind);
  });

  it('every kind in code is used by a rule and has its own source file', () => {
    const files = readdirSync(join(ROOT, 'src/rules/kinds')).filter((name) => name !== 'index.ts');
    for (const kind of Object.keys(RULE_KINDS)) {
      expect(RULES.some((rule) => rule.kind === kind)).toBe(true);
      expect(files).toContain(`${kind}.ts`);
    }
  });

  it("the README's rule table lists exactly the catalogue, in order", () => {
    expect(readmeRules).toEqual(RULES.map((rule) => rule.id));
  });

  it('rule ids are unique and every message exists in both locales', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES)
      for (const text of Object.values(rule.messages)) expect(text['zh-CN'] && text.en).toBeTruthy();
  });
});
