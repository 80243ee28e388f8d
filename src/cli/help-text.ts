import type { Locale } from '../rules/catalogue-types.js';

/** A text in both languages. */
export type Localized = Record<Locale, string>;

/**
 * The Chinese help of every command, option and argument, keyed `<command> <long flag>` (`lint --format`), `<command>`
 * for a command's description and `<command> <argument>` for an argument; the English help is the text written where
 * the option is declared (src/cli/main.ts). A test checks that every option of every command has its entry here.
 */
export const ZH_HELP: Readonly<Record<string, string>> = {
  'xxgk-lint': '检查政府信息公开工作年度报告的表格：结构与勾稽关系',
  'xxgk-lint --version': '显示版本号',
  'xxgk-lint --help': '显示帮助',
  lint: '检查报告文件（默认命令）',
  'lint files': '报告文件、文件夹或 glob 模式；- 表示读标准输入',
  'lint --format': '输出格式，可重复',
  'lint --output-file': '把对应的 --format 的输出写入此文件（- 为标准输出）；可重复，按顺序与 --format 配对',
  'lint --locale': '消息语言（默认：zh-CN，或配置文件中的设置）',
  'lint --config': '使用此配置文件，而不是从工作目录向上查找 xxgk-lint.config.json',
  'lint --rule': '设置某条规则的级别（error、warning、info、off）；可重复；优先于配置文件',
  'lint --fail-on': '有此级别或更严重的发现时以 1 退出（默认：error）',
  'lint --print-config': '以 JSON 打印生效的配置并退出',
  'lint --previous': '上一年度的报告：与每个输入比较（跨年规则），而不是按机关配对输入',
  'lint --no-continuity': '跳过输入之间的跨年检查',
  'lint --quiet': '只报告错误',
  'lint --max-warnings': '警告多于此数时以 1 退出',
  'lint --strict': '把空白单元格视为缺失，而不是 0',
  'lint --template': '无论报告怎么写，都按此模板检查',
  'lint --year': '无论报告怎么写，都按此年度检查',
  'lint --input-format': '按此格式读取输入，而不是按扩展名和内容判断',
  'lint --encoding': '输入的文本编码（默认：自动检测）',
  'lint --stdin-filename': '标准输入在消息中使用的文件名（其扩展名也用来判断格式）',
  'lint --max-file-size': '每个输入的大小上限，单位 MB',
  'lint --max-time-per-file': '每个输入的时间上限，单位秒，0 为不限',
  'lint --color': '强制使用颜色',
  'lint --no-color': '不使用颜色',
  'lint --ignore-pattern': '不检查与此模式（gitignore 语法，相对工作目录）匹配的文件；可重复',
  'lint --no-ignore': '不使用任何忽略规则（.gitignore、.xxgklintignore、配置中的 ignores、--ignore-pattern）',
  'lint --no-error-on-unmatched-pattern': '某个模式没有匹配到文件、或文件夹中没有报告时不报错',
  'lint --debug': '在标准错误上打印找到和跳过的文件及原因、每个文件的读取器、模板和年度判断、各阶段耗时',
  'lint --help': '显示帮助',
  rules: '打印规则目录',
  'rules --format': '输出格式',
  'rules --locale': '语言',
  'rules --help': '显示帮助',
  convert: '把报告写成标准 JSON',
  'convert input': '报告文件；- 表示读标准输入',
  'convert --output-file': '把 JSON 写入文件，而不是标准输出',
  'convert --input-format': '按此格式读取输入',
  'convert --encoding': '输入的文本编码',
  'convert --template': '使用此模板',
  'convert --year': '报告的年度',
  'convert --stdin-filename': '标准输入在消息中使用的文件名',
  'convert --max-file-size': '输入的大小上限，单位 MB',
  'convert --max-time-per-file': '输入的时间上限，单位秒，0 为不限',
  'convert --locale': '消息语言',
  'convert --help': '显示帮助',
  template: '写出某个模板的空白报告（.xlsx、.docx、.csv、.json、.md）以便填写',
  'template template': '模板：2019（用于 2019–2020 年）或 2021（2021 年起）',
  'template --output-file': '写入文件（格式取自扩展名；.long.csv 为长格式 CSV），而不是标准输出',
  'template --format': '格式，无论文件名如何',
  'template --year': '报告的年度，写入标题',
  'template --agency': '机关名称，写入标题',
  'template --locale': '消息语言',
  'template --help': '显示帮助',
  web: '浏览器中的检查页面：写入文件（-o），或在 127.0.0.1 上提供（--port）',
  'web --output-file': '把页面（一个自包含的 HTML 文件）写到这里；- 为标准输出',
  'web --port': '在 http://127.0.0.1:<port>/ 上提供页面（默认 8765；0 表示任选空闲端口）',
  'web --locale': '消息语言',
  'web --help': '显示帮助',
  init: '写出一个带注释的起始配置文件 xxgk-lint.config.json',
  'init --force': '覆盖已有的配置文件',
  'init --locale': '注释和消息的语言',
  'init --help': '显示帮助',
  help: '显示某个命令的帮助',
};

/** The help groups of the lint options, in order, and the options of each (by long flag); the rest go under "Options". */
export const LINT_OPTION_GROUPS: ReadonlyArray<{ heading: Localized; options: readonly string[] }> = [
  { heading: { 'zh-CN': '输出：', en: 'Output:' }, options: ['--format', '--output-file', '--quiet', '--max-warnings', '--fail-on', '--locale', '--color', '--no-color'] },
  { heading: { 'zh-CN': '选择文件：', en: 'Choosing files:' }, options: ['--ignore-pattern', '--no-ignore', '--no-error-on-unmatched-pattern', '--stdin-filename'] },
  { heading: { 'zh-CN': '读取报告：', en: 'Reading reports:' }, options: ['--input-format', '--encoding', '--template', '--year', '--strict', '--max-file-size', '--max-time-per-file'] },
  { heading: { 'zh-CN': '配置与规则：', en: 'Configuration and rules:' }, options: ['--config', '--rule', '--print-config', '--previous', '--no-continuity'] },
  { heading: { 'zh-CN': '其他：', en: 'Other:' }, options: ['--debug', '--version', '--help'] },
];

/** The titles commander writes, and what they are in Chinese. */
export const ZH_TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** The lines after the top-level help: the default command, examples and exit codes. */
export const ROOT_HELP_AFTER: Localized = {
  'zh-CN': [
    '',
    '检查是默认命令：`xxgk-lint 报告.pdf` 就是 `xxgk-lint lint 报告.pdf`。',
    '',
    '示例：',
    '  xxgk-lint 2023年报.pdf                          检查一份报告（PDF、HTML、Word、Excel、CSV、文本或 JSON）',
    '  xxgk-lint reports/                              检查文件夹中的每一份报告（按内容判断哪些文件是报告）',
    "  xxgk-lint 'reports/**/*.pdf' -f sarif -o xxgk.sarif",
    "  xxgk-lint reports/ --ignore-pattern 'draft/'    不检查 draft 文件夹",
    '  cat 报告.md | xxgk-lint - --stdin-filename 报告.md',
    '  xxgk-lint init                                  写出一个带注释的起始配置',
    '  xxgk-lint convert 2023年报.docx -o 2023.json',
    '',
    '退出码：0 没有错误，1 发现错误，2 用法或输入错误（包括没有找到要检查的文件）。',
  ].join('\n'),
  en: [
    '',
    'Linting is the default command: `xxgk-lint report.pdf` is `xxgk-lint lint report.pdf`.',
    '',
    'Examples:',
    '  xxgk-lint 2023年报.pdf                          check one report (PDF, HTML, Word, Excel, CSV, text or JSON)',
    '  xxgk-lint reports/                              check every report in a folder (files are told by their content)',
    "  xxgk-lint 'reports/**/*.pdf' -f sarif -o xxgk.sarif",
    "  xxgk-lint reports/ --ignore-pattern 'draft/'    leave out the draft folder",
    '  cat report.md | xxgk-lint - --stdin-filename report.md',
    '  xxgk-lint init                                  write a commented starting configuration',
    '  xxgk-lint convert 2023年报.docx -o 2023.json',
    '',
    'Exit codes: 0 no errors, 1 errors found, 2 usage or input error (including nothing found to check).',
  ].join('\n'),
};
