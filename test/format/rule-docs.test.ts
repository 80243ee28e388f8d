import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../src/rules/catalogue.js';
import { REPOSITORY_URL } from '../../src/format/links.js';
import { FILE_ERROR_RULES, sarif } from '../../src/format/sarif.js';
import { ROOT } from '../helpers/lint.js';
import { runWith } from '../helpers/memory-io.js';
import { BIN } from '../helpers/process.js';
import { formatterResults } from './mixed.js';

const pageIds = readdirSync(join(ROOT, 'docs/rules'))
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .map((name) => name.replace(/\.md$/, ''))
  .sort();

describe('rule documentation (docs/rules)', () => {
  it('has one page per rule of the catalogue and per file-error pseudo-rule, and no other', () => {
    expect(pageIds).toEqual([...RULES.map((rule) => rule.id), 'input-error', 'internal-error'].sort());
  });

  it('is exactly what scripts/rule-docs.mjs generates from schemas/ (so it cannot drift)', async () => {
    const { renderRuleDocs } = (await import(join(ROOT, 'scripts/rule-docs.mjs'))) as {
      renderRuleDocs: () => Map<string, string>;
    };
    const pages = renderRuleDocs();
    expect([...pages.keys()].sort()).toEqual(
      [...pageIds.map((id) => `docs/rules/${id}.md`), 'docs/rules/README.md'].sort(),
    );
    for (const [path, text] of pages)
      expect({ path, text: readFileSync(join(ROOT, path), 'utf8') }).toEqual({ path, text });
    const check = spawnSync(process.execPath, [join(ROOT, 'scripts/rule-docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('each page says what the rule checks, why, examples that pass and fail, how to fix, its messages and options', () => {
    for (const rule of RULES) {
      const page = readFileSync(join(ROOT, 'docs/rules', `${rule.id}.md`), 'utf8');
      for (const heading of [
        '## 检查什么 · What it checks',
        '## 为什么 · Why',
        '## 示例 · Examples',
        '## 如何修改 · How to fix',
        '## 消息 · Messages',
        '## 选项 · Options',
      ])
        expect(page).toContain(heading);
      expect(page).toContain(rule.basis['zh-CN']);
      for (const id of Object.keys(rule.messages)) expect(page).toContain(`| \`${id}\` |`);
    }
  });

  it('is what SARIF links to (helpUri) for every rule, under the repository package.json names', async () => {
    const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
    expect(packageJson.repository.url).toBe(`git+${REPOSITORY_URL}.git`);
    const log = JSON.parse(sarif(await formatterResults(), { locale: 'zh-CN', color: false })) as {
      runs: {
        tool: { driver: { rules: { id: string; helpUri: string; help: { text: string; markdown: string } }[] } };
      }[];
    };
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((rule) => rule.id).sort()).toEqual(pageIds);
    for (const rule of rules) {
      expect(rule.helpUri).toBe(`${REPOSITORY_URL}/blob/main/docs/rules/${rule.id}.md`);
      expect(existsSync(join(ROOT, 'docs/rules', `${rule.id}.md`))).toBe(true);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown).toContain(`](${rule.helpUri})`);
    }
  });

  it('the file-error pseudo-rules say in SARIF what their pages say', () => {
    const data = JSON.parse(readFileSync(join(ROOT, 'schemas/rule-docs.json'), 'utf8')) as {
      fileErrors: Record<string, { description: Record<string, string> }>;
    };
    for (const { id, text } of Object.values(FILE_ERROR_RULES)) expect(data.fileErrors[id]!.description).toEqual(text);
  });
});

describe('xxgk-lint rules <id>', () => {
  it('prints the rule’s page, in process and from the built bundle', async () => {
    const page = readFileSync(join(ROOT, 'docs/rules/applications-balance.md'), 'utf8');
    const run = await runWith(['rules', 'applications-balance']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(page);
    const spawned = spawnSync(process.execPath, [BIN, 'rules', 'input-error'], { cwd: tmpdir(), encoding: 'utf8' });
    expect(spawned.status).toBe(0);
    expect(spawned.stdout).toBe(readFileSync(join(ROOT, 'docs/rules/input-error.md'), 'utf8'));
  });

  it('says so for an unknown rule and exits 2', async () => {
    const run = await runWith(['rules', 'no-such-rule']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('xxgk-lint: 没有名为“no-such-rule”的规则（xxgk-lint rules 列出全部规则）\n');
  });
});
