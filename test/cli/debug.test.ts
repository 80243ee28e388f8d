import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/lint.js';
import { runIn, tempTree } from './temp-io.js';

const SEED = readFileSync(join(ROOT, 'fixtures/json/seed-2019.json'));

describe('--debug', () => {
  const root = tempTree({
    '.gitignore': 'old/\n',
    'reports/a.json': SEED,
    'reports/notes.md': '# 纪要\n',
    'old/b.json': SEED,
    'reports/c.md': '# 2019年政府信息公开工作年度报告\n\n## 一、总体情况\n',
  });

  it('says on stderr what was found and skipped and why, each file’s reader, template and year, and the time of each stage', async () => {
    const run = await runIn(root, [
      '--debug',
      '--locale',
      'en',
      '-f',
      'json',
      '.',
      '**/*.pdf',
      '--no-error-on-unmatched-pattern',
    ]);
    const lines = run.stderr.split('\n');
    expect(lines).toContain(
      'xxgk-lint: debug: found reports/a.json (in ., its content is a report: the report JSON contract)',
    );
    expect(lines).toContain(
      "xxgk-lint: debug: found reports/c.md (in ., its content is a report: a report's section heading)",
    );
    expect(lines).toContain('xxgk-lint: debug: skipped old (ignored by .gitignore: old/)');
    expect(lines).toContain(
      'xxgk-lint: debug: skipped .gitignore (never walked (node_modules, .git, names starting with a dot))',
    );
    expect(lines).toContain(
      'xxgk-lint: debug: skipped reports/notes.md (its content has no report heading, table or JSON contract)',
    );
    expect(lines).toContain('xxgk-lint: debug: **/*.pdf yielded no input');
    expect(run.stderr).toMatch(
      /debug: reports\/a\.json: reader json, template 2019 \(told by the report\), year 2019 \(told by the report\); read \d+\.\d ms, parse\/align \d+\.\d ms, rules \d+\.\d ms\n/u,
    );
    expect(run.stderr).toMatch(
      /debug: time read \d+\.\d ms, parse\/align \d+\.\d ms, rules \d+\.\d ms, format \d+\.\d ms, total \d+\.\d ms\n/u,
    );
    expect(JSON.parse(run.stdout).files).toHaveLength(2);
  });

  it('says when the command line decided the template and year, in Chinese by default', async () => {
    const run = await runIn(root, ['--debug', '--template', '2019', '--year', '2019', 'reports/a.json']);
    expect(run.stderr).toContain('调试：找到 reports/a.json（在命令行上指定）');
    expect(run.stderr).toMatch(
      /调试：reports\/a\.json：读取器 json，模板 2019（由命令行指定），年度 2019（由命令行指定）/u,
    );
  });

  it('prints nothing of the kind without --debug', async () => {
    const run = await runIn(root, ['-f', 'json', '.']);
    expect(run.stderr).toBe('');
  });
});
