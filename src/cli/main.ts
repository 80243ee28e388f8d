import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { cliMessage, renderFileError } from '../diagnostics/render.js';
import { summarize, type FileResult, type LintResults } from '../diagnostics/types.js';
import { FORMATTERS, FORMAT_NAMES } from '../format/index.js';
import type { FormatName } from '../format/types.js';
import { failed, lintBytes, type LintInputOptions } from '../lint.js';
import { INPUT_FORMATS, formatOfFile } from '../read/index.js';
import type { InputFormat } from '../read/types.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import type { TemplateId } from '../model/types.js';
import { formatPlace } from '../format/location.js';
import type { CliIO } from './io.js';
import { readError } from './read-error.js';
import { rulesCommand } from './rules-command.js';
import { convertCommand } from './convert-command.js';

/** Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage, input or internal error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** The version printed by --version. */
export const VERSION = '0.1.0';

interface LintFlags {
  format: FormatName;
  outputFile?: string;
  locale: Locale;
  quiet?: boolean;
  maxWarnings?: number;
  strict?: boolean;
  template?: TemplateId;
  year?: number;
  inputFormat?: InputFormat;
  encoding?: string;
  stdinFilename?: string;
  color?: boolean;
}

/** Runs the CLI with arguments (without node and script) and returns the exit code; never exits the process. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.clean;
  const program = new Command('xxgk-lint')
    .description('检查政府信息公开工作年度报告的表格：结构与勾稽关系 / Lint the tables of government information disclosure annual reports')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showSuggestionAfterError();

  program
    .command('lint', { isDefault: true })
    .description('lint report files (the default command)')
    .argument('[files...]', 'report files or directories; - reads standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output-file <path>', 'write the output to a file instead of standard output')
    .addOption(new Option('--locale <locale>', 'language of messages').choices(['zh-CN', 'en']).default('zh-CN'))
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--strict', 'treat blank cells as missing rather than 0')
    .addOption(new Option('--template <template>', 'use this template whatever the report says').choices(['2019', '2021']))
    .option('--year <year>', "the report's year, whatever the report says", parseYear)
    .addOption(new Option('--input-format <format>', 'read inputs as this format instead of by extension').choices(INPUT_FORMATS))
    .option('--encoding <encoding>', 'text encoding of the inputs (default: detected)')
    .option('--stdin-filename <name>', 'the file name to use in messages for standard input')
    .option('--color', 'force colours on')
    .option('--no-color', 'turn colours off')
    .action(async (files: string[], flags: LintFlags) => {
      exitCode = await runLint(files, flags, io);
    });

  program
    .command('rules')
    .description('print the rule catalogue')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(new Option('--locale <locale>', 'language').choices(['zh-CN', 'en']).default('zh-CN'))
    .action((flags: { format: 'table' | 'json'; locale: Locale }) => {
      io.stdout(rulesCommand(flags.format, flags.locale));
      exitCode = EXIT.clean;
    });

  program
    .command('convert')
    .description('write a report as the canonical JSON')
    .argument('<input>', 'the report file; - reads standard input')
    .option('-o, --output-file <path>', 'write the JSON to a file instead of standard output')
    .addOption(new Option('--input-format <format>', 'read the input as this format').choices(INPUT_FORMATS))
    .option('--encoding <encoding>', 'text encoding of the input')
    .addOption(new Option('--template <template>', 'use this template').choices(['2019', '2021']))
    .option('--year <year>', "the report's year", parseYear)
    .option('--stdin-filename <name>', 'the file name to use in messages for standard input')
    .addOption(new Option('--locale <locale>', 'language of messages').choices(['zh-CN', 'en']).default('zh-CN'))
    .action(async (input: string, flags: Omit<LintFlags, 'format'>) => {
      exitCode = await convertCommand(input, flags, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.clean : EXIT.error;
    }
    io.stderr(`xxgk-lint: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return EXIT.error;
  }
  return exitCode;
}

async function runLint(patterns: string[], flags: LintFlags, io: CliIO): Promise<number> {
  if (patterns.length === 0) {
    io.stderr('xxgk-lint: no files given. Usage: xxgk-lint [options] <files...>  (see xxgk-lint --help)\n');
    return EXIT.error;
  }
  const options: LintInputOptions = {
    ...(flags.strict ? { strict: true } : {}),
    ...(flags.template ? { template: flags.template } : {}),
    ...(flags.year !== undefined ? { year: flags.year } : {}),
    ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}),
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
  };
  const files = await expandInputs(patterns, io);
  const results: FileResult[] = [];
  for (const file of files) results.push(await lintOne(file, flags, options, io));
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const result of results) {
    if (result.error) io.stderr(`xxgk-lint: ${placeOf(result)}${renderFileError(result.error, flags.locale)}\n`);
  }
  const summary = summarize(results);
  const shown: LintResults = {
    files: flags.quiet ? results.map((result) => ({ ...result, diagnostics: result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') })) : results,
    summary: flags.quiet ? { ...summary, warnings: 0, infos: 0 } : summary,
  };
  const color = flags.color ?? (io.stdoutIsTTY && !flags.outputFile && io.env['NO_COLOR'] === undefined && io.env['FORCE_COLOR'] !== '0');
  const output = FORMATTERS[flags.format](shown, { locale: flags.locale, color: flags.color === true ? true : color && flags.color !== false });
  if (flags.outputFile) await io.writeFile(flags.outputFile, output);
  else io.stdout(output);
  if (summary.inputErrors > 0) return EXIT.error;
  if (summary.errors > 0) return EXIT.findings;
  if (flags.maxWarnings !== undefined && summary.warnings > flags.maxWarnings) {
    io.stderr(`xxgk-lint: ${cliMessage('max-warnings', flags.locale, { warnings: summary.warnings, max: flags.maxWarnings })}\n`);
    return EXIT.findings;
  }
  return EXIT.clean;
}

async function lintOne(file: string, flags: LintFlags, options: LintInputOptions, io: CliIO): Promise<FileResult> {
  const name = file === '-' ? (flags.stdinFilename ?? '<stdin>') : file;
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (error) {
    return failed(name, readError(error));
  }
  const inputFormat = options.inputFormat ?? (file === '-' ? (formatOfFile(name) ?? 'json') : undefined);
  return lintBytes(bytes, name, inputFormat ? { ...options, inputFormat } : options);
}

/** Expands directories into the report files under them; plain paths are kept as given. */
export async function expandInputs(patterns: readonly string[], io: CliIO): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const listed = pattern === '-' ? undefined : await io.listDirectory(pattern);
    if (!listed) {
      files.add(pattern);
      continue;
    }
    for (const file of listed.sort()) {
      const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
      if (formatOfFile(file) && !/^readme\./i.test(base)) files.add(file);
    }
  }
  return [...files];
}

function placeOf(result: FileResult): string {
  if (!result.error) return '';
  const place = formatPlace(result.error.location, 'en');
  return place && place !== result.error.location.pointer ? `${result.file}:${place}: ` : `${result.file}: `;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('a whole number ≥ 0 is needed');
  return count;
}

function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new InvalidArgumentError('a year such as 2023 is needed');
  return year;
}
