import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWith } from '../helpers/memory-io.js';
import { ROOT } from '../helpers/lint.js';

describe('xxgk-lint (in-process)', () => {
  it('passes the seed report with infos only and exits 0', async () => {
    const run = await runWith(['fixtures/json/seed-2019.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('zero-marker');
    expect(run.stdout).toContain('0 个错误');
    expect(run.stderr).toBe('');
  });

  it('exits 1 and names the wrong cell of table 三 with expected and actual values, in Chinese', async () => {
    const run = await runWith(['fixtures/json/broken/applications-one-wrong-cell.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('238:24');
    expect(run.stdout).toContain('表三「（七）总计」「自然人」应为各项办理结果之和 263，实际填写 262');
    expect(run.stdout).toContain('把 表三「（一）予以公开」「自然人」由 121 改为 120');
  });

  it('speaks English with --locale en', async () => {
    const run = await runWith(['--locale', 'en', 'fixtures/json/broken/review-litigation-total.json']);
    expect(run.stdout).toContain('should be 8');
    expect(run.stdout).toContain('1 error(s)');
  });

  it('writes a JSON report that validates against schemas/lint-report.schema.json', async () => {
    const run = await runWith([
      '--format',
      'json',
      'fixtures/json/broken/applications-one-wrong-cell.json',
      'fixtures/json/seed-2019.json',
      'fixtures/json/broken/syntax-error.json',
    ]);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/lint-report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate.errors ?? validate(report)).toBe(true);
    expect(report.version).toBe('1.1');
    expect(report.summary).toMatchObject({ files: 3, errors: 2, inputErrors: 1 });
    const wrong = report.files.find((file: { file: string }) => file.file.endsWith('one-wrong-cell.json'));
    expect(wrong.rules).toContainEqual({ id: 'applications-outcome-sum', status: 'failed' });
    const outcome = wrong.diagnostics.find(
      (diagnostic: { ruleId: string }) => diagnostic.ruleId === 'applications-outcome-sum',
    );
    expect(outcome.cell.labels).toEqual({
      table: '三、收到和处理政府信息公开申请情况',
      row: '（七）总计',
      column: '自然人',
    });
    expect(outcome.data).toMatchObject({ expected: 263, actual: 262, difference: -1 });
  });

  it('exits 2 for bad JSON with the line and column on stderr, and still checks the other files', async () => {
    const run = await runWith([
      'fixtures/json/broken/syntax-error.json',
      'fixtures/json/broken/review-litigation-total.json',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "xxgk-lint: fixtures/json/broken/syntax-error.json:5:35: JSON 格式错误：unexpected '}' after ',' (trailing comma)\n",
    );
    expect(run.stdout).toContain('review-litigation-total');
  });

  it('takes a path named like a report as a file, and says so plainly when it is a folder', async () => {
    const { mkdtempSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const folder = join(mkdtempSync(join(tmpdir(), 'xxgk-')), '2023.json');
    mkdirSync(folder);
    const run = await runWith([folder, 'fixtures/json/seed-2019.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('这是一个文件夹');
    expect(run.stdout).toContain('seed-2019.json');
  });

  it('exits 2 for a missing file and for usage errors', async () => {
    const missing = await runWith(['fixtures/json/nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    expect((await runWith(['--format', 'xml', 'fixtures/json/seed-2019.json'])).code).toBe(2);
    expect((await runWith([])).code).toBe(2);
    expect((await runWith(['--max-warnings', 'many', 'x.json'])).code).toBe(2);
  });

  it('--quiet shows errors only; --max-warnings turns warnings into exit 1', async () => {
    const quiet = await runWith(['--quiet', 'fixtures/json/broken/empty-cell.json']);
    expect(quiet.stdout).not.toContain('空白单元格');
    expect(quiet.stdout).toContain('applications-row-total');
    const warnings = await runWith(['fixtures/json/broken/unit.json']);
    expect(warnings.code).toBe(0);
    const capped = await runWith(['--max-warnings', '0', 'fixtures/json/broken/unit.json']);
    expect(capped.code).toBe(1);
    expect(capped.stderr).toContain('--max-warnings');
  });

  it('--strict reports rules that could not be checked', async () => {
    const run = await runWith(['--strict', '--format', 'json', 'fixtures/json/broken/empty-cell.json']);
    const report = JSON.parse(run.stdout);
    expect(report.files[0].rules).toContainEqual({ id: 'applications-row-total', status: 'not-evaluated' });
    expect(report.summary.notEvaluated).toBeGreaterThan(0);
  });

  it('--template and --year override the report', async () => {
    const run = await runWith(['--format', 'json', '--template', '2019', 'fixtures/json/clean-2021.json']);
    const report = JSON.parse(run.stdout);
    expect(report.files[0].template).toBe('2019');
    expect(run.code).toBe(1);
  });

  it('writes to --output-file and reads standard input', async () => {
    const run = await runWith(['-o', 'out.txt', 'fixtures/json/seed-2019.json']);
    expect(run.stdout).toBe('');
    expect(run.written.get('out.txt')).toContain('seed-2019.json');
    const stdin = await runWith(['-', '--stdin-filename', 'pasted.json'], {
      stdin: readFileSync(join(ROOT, 'fixtures/json/clean-2021.json'), 'utf8'),
    });
    expect(stdin.code).toBe(0);
  });

  it('colours a terminal unless NO_COLOR is set', async () => {
    expect((await runWith(['fixtures/json/broken/unit.json'], { tty: true })).stdout).toContain('\u001b[');
    expect(
      (await runWith(['fixtures/json/broken/unit.json'], { tty: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain('\u001b[');
  });

  it('lints a directory in a stable order', async () => {
    const run = await runWith(['--format', 'json', 'fixtures/json']);
    const files = JSON.parse(run.stdout).files.map((file: { file: string }) => file.file);
    expect(files).toEqual([...files].sort());
    expect(files.length).toBeGreaterThan(10);
  });

  it('prints the rule catalogue as a table and as JSON', async () => {
    const table = await runWith(['rules']);
    expect(table.stdout).toContain('applications-balance');
    const json = JSON.parse((await runWith(['rules', '--format', 'json'])).stdout);
    expect(json.rules.find((rule: { id: string }) => rule.id === 'applications-balance')).toMatchObject({
      severity: 'error',
      standing: 'official',
    });
  });

  it('converts a report to the canonical JSON', async () => {
    const run = await runWith(['convert', 'fixtures/json/seed-2019.json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).active.procurement).toEqual({ projects: 21, amount: '4449.48萬元' });
  });
});
