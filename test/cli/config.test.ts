import { runWith } from '../helpers/memory-io.js';

const WRONG = 'fixtures/json/broken/applications-one-wrong-cell.json';
const SEED = 'fixtures/json/seed-2019.json';

function config(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

interface JsonReport {
  files: {
    file: string;
    diagnostics: {
      ruleId: string;
      severity: string;
      messageId: string;
      location: { line?: number; pointer?: string };
      cell?: { row: string; column: string };
      suppressed?: { reason: string };
    }[];
  }[];
  summary: { errors: number; warnings: number; suppressed: number };
}

describe('configuration file', () => {
  it('is found from the working folder upward and its exception turns a finding into a suppressed one', async () => {
    const files = {
      'xxgk-lint.config.json': config({
        exceptions: [
          {
            rule: 'applications-outcome-sum',
            files: ['fixtures/json/broken/*.json'],
            table: 'applications',
            row: 'total',
            column: 'naturalPerson',
            reason: '2023 年机构改革，划转的申请另行统计',
          },
          {
            rule: 'applications-row-total',
            files: ['fixtures/**/applications-one-wrong-cell.json'],
            reason: '同上',
            expires: '2026-12-31',
          },
        ],
      }),
    };
    // Run from fixtures/json: the configuration is two folders up, and its globs are relative to its own folder.
    const run = await runWith(['-f', 'json', 'broken/applications-one-wrong-cell.json'], {
      files,
      cwd: 'fixtures/json',
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as JsonReport;
    const outcome = report.files[0]!.diagnostics.find((diagnostic) => diagnostic.ruleId === 'applications-outcome-sum');
    expect(outcome?.suppressed).toEqual({ reason: '2023 年机构改革，划转的申请另行统计' });
    const rowTotal = report.files[0]!.diagnostics.find((diagnostic) => diagnostic.ruleId === 'applications-row-total');
    expect(rowTotal?.suppressed).toEqual({ reason: '同上' });
    expect(report.summary).toMatchObject({ errors: 0, suppressed: 2 });
    expect(report.files).toHaveLength(1);
    expect(run.code).toBe(0);
    const stylish = await runWith([WRONG], { files });
    expect(stylish.stdout).not.toContain('applications-outcome-sum');
  });

  it('reports an expired exception and no longer applies it', async () => {
    const files = {
      'xxgk-lint.config.json': config({
        exceptions: [{ rule: 'applications-outcome-sum', reason: '临时', expires: '2026-05-31' }],
      }),
    };
    const run = await runWith(['-f', 'json', WRONG], { files, today: '2026-06-01' });
    const report = JSON.parse(run.stdout) as JsonReport;
    const configResult = report.files.find((file) => file.file === 'xxgk-lint.config.json');
    expect(configResult?.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: 'expired-exception',
        severity: 'warning',
        location: expect.objectContaining({ pointer: '/exceptions/0', line: 3 }),
      }),
    ]);
    expect(
      report.files
        .find((file) => file.file === WRONG)!
        .diagnostics.find((diagnostic) => diagnostic.ruleId === 'applications-outcome-sum')?.suppressed,
    ).toBeUndefined();
    expect(run.code).toBe(1);
    const stillValid = await runWith(['-f', 'json', WRONG], { files, today: '2026-05-31' });
    expect(
      (JSON.parse(stillValid.stdout) as JsonReport).files.some((file) => file.file === 'xxgk-lint.config.json'),
    ).toBe(false);
  });

  it('reports an exception that matched nothing', async () => {
    const files = {
      'xxgk-lint.config.json': config({
        exceptions: [{ rule: 'applications-balance', table: 'applications', column: 'research', reason: '无' }],
      }),
    };
    const run = await runWith(['--locale', 'en', SEED], { files });
    expect(run.stdout).toContain('xxgk-lint.config.json');
    expect(run.stdout).toMatch(
      /3:5 +warning +Exception #1 \(rule applications-balance, reason: 无\) matched no finding; remove or correct it\. +unused-exception/,
    );
    expect(run.code).toBe(0);
    const failing = await runWith(['--fail-on', 'warning', SEED], { files });
    expect(failing.code).toBe(1);
  });

  it('reports every problem of a bad configuration at once, with places, and exits 2', async () => {
    const files = {
      'bad.json': config({
        rules: { 'applications-balance': 'fatal', 'no-such-rule': 'off' },
        failOn: 'never',
        colour: true,
        exceptions: [{ rule: 'applications-balance', row: 'new', expires: '2026-02-30' }],
      }),
    };
    const run = await runWith(['--locale', 'en', '--config', 'bad.json', SEED], { files });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('xxgk-lint: bad.json: 7 problem(s) in the configuration:');
    const chinese = (await runWith(['--config', 'bad.json', SEED], { files })).stderr;
    expect(chinese).toContain('xxgk-lint: bad.json: 配置中有 7 处问题：\n');
    expect(chinese).toContain('bad.json:4:21: /rules/no-such-rule: 未知规则「no-such-rule」');
    expect(chinese).toContain('/colour: 未知的键「colour」');
    expect(run.stderr).toContain(
      'bad.json:3:29: /rules/applications-balance: must be one of "error", "warning", "info", "off"',
    );
    expect(run.stderr).toContain('bad.json:4:21: /rules/no-such-rule: unknown rule "no-such-rule"');
    expect(run.stderr).toContain('/failOn: must be one of "error", "warning", "info"');
    expect(run.stderr).toContain('/colour: unknown key "colour"');
    expect(run.stderr).toContain('/exceptions/0: "reason" is required');
    expect(run.stderr).toContain('/exceptions/0: an exception that names a row or a column must name its table too');
    expect(run.stderr).toContain('/exceptions/0/expires: 2026-02-30 is not a real date');
  });

  it('reports a configuration that is not JSON, and one that cannot be read', async () => {
    const broken = await runWith(['--config', 'c.json', SEED], { files: { 'c.json': '{ "rules": { } ' } });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/c\.json:1:16: \/: JSON 格式错误/);
    const english = await runWith(['--locale', 'en', '--config', 'c.json', SEED], {
      files: { 'c.json': '{ "rules": { } ' },
    });
    expect(english.stderr).toMatch(/c\.json:1:16: \/: JSON syntax error/);
    const missing = await runWith(['--config', 'nowhere.json', SEED]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.json: 找不到文件');
    expect((await runWith(['--locale', 'en', '--config', 'nowhere.json', SEED])).stderr).toContain(
      'nowhere.json: no such file',
    );
  });

  it('takes severities from the file and from --rule (which wins), and prints the effective configuration', async () => {
    const files = {
      'xxgk-lint.config.json': config({
        rules: { 'zero-marker': 'off', 'empty-cell': 'error' },
        locale: 'en',
        strict: true,
      }),
    };
    const printed = await runWith(['--print-config', '--rule', 'empty-cell:info', '--fail-on', 'warning'], { files });
    expect(printed.code).toBe(0);
    const effective = JSON.parse(printed.stdout);
    expect(effective).toMatchObject({
      configFile: 'xxgk-lint.config.json',
      locale: 'en',
      strict: true,
      failOn: 'warning',
      exceptions: [],
    });
    expect(effective.rules).toMatchObject({
      'zero-marker': 'off',
      'empty-cell': 'info',
      'applications-balance': 'error',
    });
    const run = await runWith([SEED], { files });
    expect(run.stdout).not.toContain('zero-marker');
    expect(run.stdout).toContain('no problems');
    const flagged = await runWith([
      '--locale',
      'en',
      '--rule',
      'applications-outcome-sum:warning',
      '--rule',
      'applications-row-total:off',
      '--rule',
      'review-litigation-total:off',
      WRONG,
    ]);
    expect(flagged.stdout).toMatch(/warning .*applications-outcome-sum/);
    expect(flagged.stdout).not.toContain('applications-row-total');
    expect(flagged.code).toBe(0);
  });

  it('rejects a malformed --rule, naming each', async () => {
    const run = await runWith(['--locale', 'en', '--rule', 'nope:error', '--rule', 'empty-cell:loud', SEED]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'xxgk-lint: --rule nope:error: unknown rule "nope" (see xxgk-lint rules)\nxxgk-lint: --rule empty-cell:loud: write id:severity, the severity one of error, warning, info, off\n',
    );
    const chinese = await runWith(['--rule', 'nope:error', SEED]);
    expect(chinese.stderr).toBe('xxgk-lint: --rule nope:error：未知规则「nope」（见 xxgk-lint rules）\n');
  });
});

describe('several outputs in one run', () => {
  it('pairs --format with --output-file in order; - is standard output', async () => {
    const run = await runWith([
      '-f',
      'stylish',
      '-f',
      'sarif',
      '-f',
      'junit',
      '-o',
      '-',
      '-o',
      'out.sarif',
      '-o',
      'out.xml',
      WRONG,
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('applications-outcome-sum');
    expect(JSON.parse(run.written.get('out.sarif')!).version).toBe('2.1.0');
    expect(run.written.get('out.xml')).toMatch(/^<\?xml/);
  });

  it('refuses more files than formats, and two formats on standard output', async () => {
    const more = await runWith(['--locale', 'en', '-f', 'json', '-o', 'a.json', '-o', 'b.json', SEED]);
    expect(more.code).toBe(2);
    expect(more.stderr).toContain('2 --output-file for 1 --format');
    const two = await runWith(['--locale=en', '-f', 'json', '-f', 'compact', SEED]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('only one --format can go to standard output');
    const unknown = await runWith(['-f', 'xml', SEED]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      "选项 '-f, --format <format>' 的取值 'xml' 无效：可选值为 stylish, json, compact, sarif, github, junit, html",
    );
  });

  it('writes the GitHub step summary when GITHUB_STEP_SUMMARY is set', async () => {
    const run = await runWith(['-f', 'github', WRONG], { env: { GITHUB_STEP_SUMMARY: '/tmp/summary.md' } });
    expect(run.stdout).toMatch(
      /^::error file=fixtures\/json\/broken\/applications-one-wrong-cell\.json,line=\d+,col=\d+,/m,
    );
    expect(run.written.get('/tmp/summary.md')).toContain('### xxgk-lint 检查结果');
    const without = await runWith(['-f', 'github', WRONG]);
    expect(without.written.size).toBe(0);
  });
});

describe('many files', () => {
  it('expands globs and directories, reports unreadable files and goes on, in a stable order', async () => {
    const run = await runWith([
      '-f',
      'json',
      'fixtures/json/broken/*-total.json',
      'fixtures/json/nowhere.json',
      'fixtures/json/continuity/2019-clean',
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    const names = report.files.map((file) => file.file);
    expect(names).toEqual([
      'fixtures/json/broken/applications-row-total.json',
      'fixtures/json/broken/published-not-above-total.json',
      'fixtures/json/broken/review-litigation-total.json',
      'fixtures/json/continuity/2019-clean/report-2019.json',
      'fixtures/json/continuity/2019-clean/report-2020.json',
      'fixtures/json/nowhere.json',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('fixtures/json/nowhere.json: 找不到文件');
    const reversed = await runWith([
      '-f',
      'json',
      'fixtures/json/continuity/2019-clean',
      'fixtures/json/nowhere.json',
      'fixtures/json/broken/*-total.json',
    ]);
    expect(reversed.stdout).toBe(run.stdout);
  });

  it('says when a glob matches nothing', async () => {
    const run = await runWith(['fixtures/json/*.docx', 'fixtures/json/seed-2019.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('没有文件与 fixtures/json/*.docx 匹配');
  });
});
