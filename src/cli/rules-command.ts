import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findRule, RULES } from '../rules/catalogue.js';
import type { Locale } from '../rules/catalogue-types.js';
import { displayWidth } from '../format/width.js';

/** The rule catalogue as a table for people or as JSON for tools. */
export function rulesCommand(format: 'table' | 'json', locale: Locale): string {
  if (format === 'json') {
    const rules = RULES.map((rule) => ({
      id: rule.id,
      severity: rule.severity,
      templates: rule.templates,
      standing: rule.standing,
      kind: rule.kind,
      description: rule.description[locale],
      basis: rule.basis[locale],
    }));
    return `${JSON.stringify({ rules }, null, 2)}\n`;
  }
  const header =
    locale === 'en'
      ? ['rule', 'severity', 'templates', 'standing', 'description', 'basis']
      : ['规则', '级别', '模板', '依据性质', '说明', '依据'];
  const rows = RULES.map((rule) => [
    rule.id,
    rule.severity,
    rule.templates.join(','),
    rule.standing,
    rule.description[locale],
    rule.basis[locale],
  ]);
  const widths = header
    .slice(0, 4)
    .map((title, index) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[index] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => (index < 4 ? cell + ' '.repeat((widths[index] ?? 0) - displayWidth(cell)) : cell))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** What `xxgk-lint rules <id>` prints: the rule's page (docs/rules/<id>.md) on standard output, or why there is none on standard error. */
export function ruleDocCommand(id: string, locale: Locale): { stdout: string } | { stderr: string } {
  const known = findRule(id) !== undefined || id === 'input-error' || id === 'internal-error';
  if (!known) {
    return {
      stderr:
        locale === 'en'
          ? `xxgk-lint: unknown rule "${id}" (xxgk-lint rules lists them)\n`
          : `xxgk-lint: 没有名为“${id}”的规则（xxgk-lint rules 列出全部规则）\n`,
    };
  }
  // The pages sit two folders above this module in the source (src/cli), the compiled files (dist/cli) and the bundle (dist/bundle).
  const page = new URL(`../../docs/rules/${id}.md`, import.meta.url);
  try {
    return { stdout: readFileSync(page, 'utf8') };
  } catch {
    return {
      stderr:
        locale === 'en'
          ? `xxgk-lint: the page of rule "${id}" is missing (${fileURLToPath(page)})\n`
          : `xxgk-lint: 找不到规则“${id}”的说明页（${fileURLToPath(page)}）\n`,
    };
  }
}
