import { ZH_HELP } from '../../src/cli/help-text.js';
import { displayWidth, localizeUsageError } from '../../src/cli/localize.js';
import { VERSION } from '../../src/cli/main.js';
import { runWith } from '../helpers/memory-io.js';

const SEED = 'fixtures/json/seed-2019.json';
const COMMANDS = ['lint', 'rules', 'convert', 'template', 'web', 'init'];

describe('--help in the locale', () => {
  it('shows the lint options at the top level, grouped, with the commands and examples, in Chinese by default', async () => {
    const run = await runWith(['--help']);
    expect(run.code).toBe(0);
    const help = run.stdout;
    expect(help).toMatch(/^用法： xxgk-lint \[options\] \[files\.\.\.\]\n/u);
    const headings = ['输出：', '选择文件：', '读取报告：', '配置与规则：', '其他：', '命令：', '示例：'];
    const at = headings.map((heading) => help.indexOf(`\n${heading}\n`));
    expect(at.every((index) => index > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(help).toContain('--ignore-pattern <pattern>');
    expect(help).toMatch(/--format <format> +输出格式，可重复（默认：stylish）/u);
    expect(help).toMatch(/\n {2}init \[options\] +写出一个带注释的起始配置文件/u);
    expect(help).toContain('退出码：0 没有错误');
    expect(help).not.toMatch(/display help|output the version/u);
  });

  it('speaks English with --locale en, and with the locale of the configuration file', async () => {
    for (const run of [
      await runWith(['--locale', 'en', '--help']),
      await runWith(['--help'], { files: { 'xxgk-lint.config.json': '{ "locale": "en" }' } }),
    ]) {
      expect(run.stdout).toMatch(/^Usage: xxgk-lint \[options\] \[files\.\.\.\]\n/u);
      expect(run.stdout).toContain('\nOutput:\n');
      expect(run.stdout).toContain('\nExamples:\n');
      expect(run.stdout).toContain('output format, repeatable');
    }
  });

  it('has a Chinese text for every option, argument and command', async () => {
    for (const command of COMMANDS) {
      const english = (await runWith([command, '--help', '--locale', 'en'])).stdout;
      const flags = [...english.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gmu)].map((match) => match[1]!);
      expect(flags.length).toBeGreaterThan(1);
      for (const flag of flags)
        expect([command, flag, ZH_HELP[`${command} ${flag}`]]).toEqual([command, flag, expect.any(String)]);
      expect(ZH_HELP[command]).toEqual(expect.any(String));
      const chinese = (await runWith([command, '--help'])).stdout;
      expect(chinese).toMatch(/^用法：/u);
      expect(chinese).toContain(ZH_HELP[`${command} --help`]);
    }
  });

  it('groups the options of xxgk-lint lint --help too', async () => {
    const help = (await runWith(['lint', '--help'])).stdout;
    expect(help.indexOf('\n输出：\n')).toBeLessThan(help.indexOf('\n选择文件：\n'));
    expect(help).toContain('\n参数：\n');
  });

  it("gives every command the configuration's locale when --locale is not given", async () => {
    const files = { 'xxgk-lint.config.json': '{ "locale": "en" }' };
    expect((await runWith(['rules'], { files })).stdout).toContain('Table 三, each column');
    expect((await runWith(['rules'])).stdout).toContain('表三各列');
  });

  it('prints the version', async () => {
    const run = await runWith(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${VERSION}\n`);
  });

  it('counts wide characters as two columns', () => {
    expect(displayWidth('ab')).toBe(2);
    expect(displayWidth('输出：')).toBe(6);
    expect(displayWidth('\u001b[31m错\u001b[39m')).toBe(2);
  });
});

describe('usage errors in the locale', () => {
  it.each([
    [
      ['--fromat', 'json', SEED],
      "错误：未知选项 '--fromat'（是否要用 --format？）",
      "error: unknown option '--fromat' (did you mean --format?)",
    ],
    [
      ['-f', 'xml', SEED],
      "错误：选项 '-f, --format <format>' 的取值 'xml' 无效：可选值为 stylish, json, compact, sarif, github, junit, html, gitlab",
      "error: option '-f, --format <format>' value 'xml' is invalid: the choices are stylish, json, compact, sarif, github, junit, html, gitlab",
    ],
    [
      ['--max-warnings', 'many', SEED],
      "错误：选项 '--max-warnings <n>' 的取值 'many' 无效：需要一个 ≥ 0 的整数",
      "error: option '--max-warnings <n>' value 'many' is invalid: a whole number ≥ 0 is needed",
    ],
    [
      ['--year', '1900', SEED],
      "错误：选项 '--year <year>' 的取值 '1900' 无效：需要一个年份，例如 2023",
      "error: option '--year <year>' value '1900' is invalid: a year such as 2023 is needed",
    ],
    [
      [SEED, '--template'],
      "错误：选项 '--template <template>' 缺少取值",
      "error: option '--template <template>' needs a value",
    ],
    [['convert'], "错误：缺少必需的参数 'input'", "error: missing required argument 'input'"],
    [
      ['convert', 'a.json', 'b.json'],
      '错误：参数过多：应有 1 个，实际给了 2 个',
      'error: too many arguments: 1 expected, 2 given',
    ],
    [
      ['template', '2020'],
      "错误：参数 'template' 的取值 '2020' 无效：可选值为 2019, 2021",
      "error: argument 'template' value '2020' is invalid: the choices are 2019, 2021",
    ],
  ])('%j', async (argv, chinese, english) => {
    const zh = await runWith(argv);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe(`${chinese}\n运行 xxgk-lint --help 查看用法。\n`);
    const en = await runWith(argv, { files: { 'xxgk-lint.config.json': '{ "locale": "en" }' } });
    expect(en.stderr).toBe(`${english}\nRun xxgk-lint --help for usage.\n`);
  });

  it('keeps a message of no known shape, with its "error:" in the locale', () => {
    expect(localizeUsageError('error: something new\n', 'zh-CN')).toBe('错误：something new\n');
    expect(localizeUsageError("error: unknown command 'lnit'\n(Did you mean init?)\n", 'zh-CN')).toBe(
      "错误：未知命令 'lnit'（是否要用 init？）\n运行 xxgk-lint --help 查看用法。\n",
    );
  });

  it('says the CLI messages of a run in the locale', async () => {
    expect((await runWith([])).stderr).toBe(
      'xxgk-lint: 没有给出要检查的文件。用法：xxgk-lint [选项] <文件...>（见 xxgk-lint --help）\n',
    );
    expect((await runWith(['--locale', 'en'])).stderr).toBe(
      'xxgk-lint: no files given. Usage: xxgk-lint [options] <files...>  (see xxgk-lint --help)\n',
    );
    expect((await runWith(['-f', 'json', '-f', 'sarif', SEED])).stderr).toContain('只有一个 --format 能写到标准输出');
  });
});
