import { join } from 'node:path';
import { CONFIG_FILE_NAME, type Config } from '../config/config.js';
import { cliMessage } from '../diagnostics/render.js';
import type { Locale } from '../rules/catalogue-types.js';
import type { CliIO } from './io.js';
import { writeErrorLine } from './write-error.js';

/** The options of `xxgk-lint init`. */
export interface InitFlags {
  force?: boolean;
  locale?: Locale;
}

/** The notes of the starting configuration, carried by `$comment` keys (the file stays JSON that every tool reads; the schema allows them). */
const NOTES: Record<Locale, { top: string[]; rules: string[]; exceptions: string[] }> = {
  'zh-CN': {
    top: [
      'xxgk-lint 的配置（由 xxgk-lint init 生成）。JSON 没有注释，说明写在 $comment 中，xxgk-lint 不读它们。',
      'locale：消息语言，zh-CN 或 en。',
      'failOn：有此级别（error、warning、info）或更严重的发现时以 1 退出。',
      'strict：true 时把空白单元格视为缺失，而不是 0。',
      'ignores：检查文件夹和 glob 时不检查的文件，gitignore 语法，相对本文件所在的文件夹；命令行上直接写出的文件总会被检查。',
      'rules：按规则 id 设置级别（error、warning、info、off）；所有规则见 xxgk-lint rules。',
      'exceptions：已知并接受的发现，每条要写明 rule 和 reason，可以限定 files、table、row、column 和 expires（YYYY-MM-DD）。',
    ],
    rules: ['例如 "empty-cell": "warning"；编辑器会按 $schema 补全规则 id。'],
    exceptions: ['例如 { "rule": "zero-marker", "files": ["2019/**"], "reason": "2019 年的报告用「无」表示 0" }'],
  },
  en: {
    top: [
      'xxgk-lint configuration (written by xxgk-lint init). JSON has no comments: the notes are in $comment keys, which xxgk-lint does not read.',
      'locale: language of messages, zh-CN or en.',
      'failOn: exit 1 when there is a finding of this severity (error, warning, info) or worse.',
      'strict: true treats blank cells as missing rather than 0.',
      "ignores: files that folders and globs do not yield, in gitignore syntax, relative to this file's folder; a file named on the command line is always checked.",
      'rules: severity by rule id (error, warning, info, off); every rule: xxgk-lint rules.',
      'exceptions: findings known and accepted, each with its rule and reason, optionally files, table, row, column and expires (YYYY-MM-DD).',
    ],
    rules: ['For example "empty-cell": "warning"; editors complete the rule ids from $schema.'],
    exceptions: [
      'For example { "rule": "zero-marker", "files": ["2019/**"], "reason": "the 2019 reports write 无 for 0" }',
    ],
  },
};

/** The text of the starting configuration in a locale: valid against schemas/config.schema.json and read by xxgk-lint as the defaults. */
export function startingConfig(locale: Locale): string {
  const notes = NOTES[locale];
  const config: Config & { $schema: string } = {
    $schema: './node_modules/xxgk-lint/schemas/config.schema.json',
    $comment: [...notes.top, ...notes.exceptions],
    locale,
    failOn: 'error',
    strict: false,
    ignores: ['node_modules/', '**/草稿/', '**/*.bak'],
    rules: { $comment: notes.rules } as unknown as Config['rules'],
    exceptions: [],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** `xxgk-lint init`: writes xxgk-lint.config.json in the working folder, refusing to overwrite one unless --force. */
export async function initCommand(flags: InitFlags, io: CliIO): Promise<number> {
  const locale = flags.locale ?? 'zh-CN';
  const path = join(io.cwd, CONFIG_FILE_NAME);
  if (!flags.force && (await io.pathKind(path)) !== undefined) {
    io.stderr(`xxgk-lint: ${cliMessage('init-exists', locale, { file: CONFIG_FILE_NAME })}\n`);
    return 2;
  }
  try {
    await io.writeFile(path, startingConfig(locale));
  } catch (error) {
    io.stderr(writeErrorLine(CONFIG_FILE_NAME, error, locale));
    return 2;
  }
  io.stdout(`${cliMessage('init-written', locale, { file: CONFIG_FILE_NAME })}\n`);
  return 0;
}
