import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/lint.js';
import { tempTree } from './temp-io.js';

const BIN = join(ROOT, 'bin/xxgk-lint.js');
const SEED = readFileSync(join(ROOT, 'fixtures/json/seed-2019.json'));
const CLEAN_HTML = readFileSync(join(ROOT, 'fixtures/html/clean-2021.html'));

/** Runs the real CLI as a process from `cwd`. */
function xxgk(cwd: string, args: string[], input?: string) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    ...(input !== undefined ? { input } : {}),
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const checked = (stdout: string): string[] =>
  (JSON.parse(stdout) as { files: { file: string }[] }).files.map((file) => file.file);

describe('the real CLI from another working folder, with each kind of path', () => {
  const root = tempTree({
    'reports 2023/年报 目录/seed-2019.json': SEED,
    'reports 2023/年报 目录/clean-2021.html': CLEAN_HTML,
    'reports 2023/notes.md': '# 会议纪要\n下周讨论预算。\n',
    'reports 2023/README.md': '# 说明\n',
    'ci/.keep': '',
  });
  const cwd = join(root, 'ci');
  const seed = '../reports 2023/年报 目录/seed-2019.json';
  const html = '../reports 2023/年报 目录/clean-2021.html';

  it.each([
    ['a relative ../ glob', ['../reports 2023/**/*.json'], [seed]],
    [
      'an absolute glob, as CI writes "$GITHUB_WORKSPACE/reports/**/*.json"',
      [`${root}/reports 2023/**/*.json`],
      [join(root, 'reports 2023/年报 目录/seed-2019.json')],
    ],
    ['a glob with Windows separators', ['..\\reports 2023\\**\\*.html'], [html]],
    ['a path with Chinese characters and spaces', [seed], [seed]],
    [
      'an absolute path',
      [join(root, 'reports 2023/年报 目录/clean-2021.html')],
      [join(root, 'reports 2023/年报 目录/clean-2021.html')],
    ],
    ['a directory (its reports, not its notes or README)', ['../reports 2023'], [html, seed]],
    [
      'an absolute directory',
      [join(root, 'reports 2023')],
      [join(root, 'reports 2023/年报 目录/clean-2021.html'), join(root, 'reports 2023/年报 目录/seed-2019.json')],
    ],
  ])('%s', (_kind, args, files) => {
    const run = xxgk(cwd, ['-f', 'json', ...args]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(checked(run.stdout)).toEqual(files);
  });

  it('exits 2 with a message when nothing matched, 0 with --no-error-on-unmatched-pattern', () => {
    const none = xxgk(cwd, [`${root}/reports 2023/**/*.pdf`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`没有文件与 ${root}/reports 2023/**/*.pdf 匹配`);
    const allowed = xxgk(cwd, ['--no-error-on-unmatched-pattern', '--locale', 'en', `${root}/reports 2023/**/*.pdf`]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('xxgk-lint: 0 files were checked\n');
  });

  it('honours a .xxgklintignore in the working folder and --ignore-pattern', () => {
    const project = tempTree({ '.xxgklintignore': '旧/\n', '旧/a.json': SEED, '新/b.json': SEED });
    expect(checked(xxgk(project, ['-f', 'json', '.']).stdout)).toEqual(['新/b.json']);
    expect(checked(xxgk(project, ['-f', 'json', '--no-ignore', '.']).stdout)).toEqual(['新/b.json', '旧/a.json']);
    const ignoredAll = xxgk(project, ['--ignore-pattern', '新', '**/*.json']);
    expect(ignoredAll.code).toBe(2);
    expect(ignoredAll.stderr).toContain('没有文件与 **/*.json 匹配');
  });

  it('reads standard input by its content, named by --stdin-filename', () => {
    const markdown = readFileSync(join(ROOT, 'fixtures/text/seed-2019.md'), 'utf8');
    const run = xxgk(cwd, ['-f', 'json', '-', '--stdin-filename', '某局 2019.md'], markdown);
    const report = JSON.parse(run.stdout) as { files: { file: string; format: string; template: string }[] };
    expect(report.files[0]).toMatchObject({ file: '某局 2019.md', format: 'markdown', template: '2019' });
    const csv = xxgk(cwd, ['-f', 'json', '-'], readFileSync(join(ROOT, 'fixtures/csv/seed-2019.csv'), 'utf8'));
    expect(
      (JSON.parse(csv.stdout) as { files: { file: string; format: string; template: string }[] }).files[0],
    ).toMatchObject({ file: '<stdin>', format: 'csv', template: '2019' });
  });

  it('says a mistyped option in Chinese with the nearest one, and exits 2', () => {
    const run = xxgk(cwd, ['--fromat', 'json', seed]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("错误：未知选项 '--fromat'（是否要用 --format？）\n运行 xxgk-lint --help 查看用法。\n");
    const english = xxgk(cwd, ['--locale', 'en', '--fromat', 'json', seed]);
    expect(english.stderr).toBe(
      "error: unknown option '--fromat' (did you mean --format?)\nRun xxgk-lint --help for usage.\n",
    );
  });
});
