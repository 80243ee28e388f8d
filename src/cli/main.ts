import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { cliMessage, renderFileError } from '../diagnostics/render.js';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME, effectiveConfig, parseConfig, ruleOverrides, type Config } from '../config/config.js';
import { findRule } from '../rules/catalogue.js';
import type { RuleSetting } from '../rules/engine.js';
import { inProcessLinter, streamInputs, type RunInput, type RunOptions, type StreamOptions } from '../pipeline/run.js';
import { DEFAULT_CACHE_LOCATION } from '../pipeline/node-cache.js';
import { workOf } from '../pipeline/weights.js';
import { EXIT, openOutputs, type OutputSettings, type OutputTarget } from './lint-output.js';
import { FORMAT_NAMES } from '../format/index.js';
import type { FormatName } from '../format/types.js';
import { INPUT_FORMATS } from '../read/index.js';
import type { InputFormat } from '../read/types.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import type { TemplateId } from '../model/types.js';
import type { CachedCheck, CliIO } from './io.js';
import { readError } from './read-error.js';
import { ruleDocCommand, rulesCommand } from './rules-command.js';
import { convertCommand } from './convert-command.js';
import { templateCommand, TEMPLATE_FORMATS } from './template-command.js';
import { webCommand, type WebFlags } from './web-command.js';
import { mergeCommand, type MergeFlags } from './merge-command.js';
import {
  DEFAULT_BINARY_LIMIT_MB,
  DEFAULT_TEXT_LIMIT_MB,
  DEFAULT_TIME_LIMIT_SECONDS,
  readLimit,
  sizeLimit,
} from '../pipeline/limits.js';
import { outputThatIsInput } from './write-error.js';
import { localizeHelp, localizeUsageError } from './localize.js';
import { fileInput, fileReading, gatherInputs } from './lint-inputs.js';
import { DebugLog } from './debug.js';
import { initCommand, type InitFlags } from './init-command.js';

export { EXIT };

/** The version printed by --version. */
export const VERSION = '0.1.0';

interface LintFlags extends RunFlags {
  format: FormatName[];
  outputFile: string[];
  locale?: Locale;
  quiet?: boolean;
  maxWarnings?: number;
  strict?: boolean;
  template?: TemplateId;
  year?: number;
  inputFormat?: InputFormat;
  encoding?: string;
  stdinFilename?: string;
  color?: boolean;
  config?: string;
  rule: string[];
  failOn?: Severity;
  printConfig?: boolean;
  previous?: string;
  continuity: boolean;
  maxFileSize?: number;
  maxTimePerFile?: number;
  ignore: boolean;
  ignorePattern: string[];
  errorOnUnmatchedPattern: boolean;
  debug?: boolean;
  concurrency?: number | 'auto';
  cache?: boolean;
  cacheLocation?: string;
  shard?: Shard;
}

/** --shard i/n: part `index` (0 to count-1) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Runs the CLI with arguments (without node and script) and returns the exit code; never exits the process. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.clean;
  // Usage errors and --help are written before any option is parsed: the locale is looked for first.
  const { locale, config: preloaded } = await preScan(argv, io);
  const program = new Command('xxgk-lint')
    .description(
      'Lint the tables of government information disclosure annual reports (政府信息公开工作年度报告): structure and sums',
    )
    .version(VERSION, '-V, --version', locale === 'zh-CN' ? '显示版本号' : 'output the version number')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(localizeUsageError(text, locale)),
    })
    .showSuggestionAfterError();

  withOutputOptions(
    program
      .command('lint', { isDefault: true })
      .description('lint report files (the default command)')
      .argument('[files...]', 'report files or directories; - reads standard input'),
  )
    .option(
      '-c, --config <path>',
      `use this configuration file instead of looking for xxgk-lint.config.json from the working folder upward`,
    )
    .addOption(
      new Option(
        '--rule <id:severity>',
        "set a rule's severity (error, warning, info, off); repeatable; wins over the config file",
      )
        .argParser(collect)
        .default([], 'none'),
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when there is a finding of this severity or worse (default: error)',
      ).choices(['error', 'warning', 'info']),
    )
    .option('--print-config', 'print the effective configuration as JSON and exit')
    .option(
      '--previous <file>',
      "last year's report: compare every input with it (year-to-year rules) instead of pairing inputs by agency",
    )
    .option('--no-continuity', 'skip the year-to-year checks between inputs')
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--strict', 'treat blank cells as missing rather than 0')
    .addOption(
      new Option('--template <template>', 'use this template whatever the report says').choices(['2019', '2021']),
    )
    .option('--year <year>', "the report's year, whatever the report says", parseYear)
    .addOption(
      new Option('--input-format <format>', 'read inputs as this format instead of by extension and content').choices(
        INPUT_FORMATS,
      ),
    )
    .option('--encoding <encoding>', 'text encoding of the inputs (default: detected)')
    .option('--stdin-filename <name>', 'the file name to use in messages for standard input')
    .option(
      '--max-file-size <MB>',
      `size limit of every input in MB (default: ${DEFAULT_TEXT_LIMIT_MB} for text, HTML, JSON, CSV; ${DEFAULT_BINARY_LIMIT_MB} for PDF, .docx, .xlsx and their uncompressed size)`,
      parseMegabytes,
    )
    .option(
      '--max-time-per-file <seconds>',
      `time budget of each input in seconds, 0 for none (default: ${DEFAULT_TIME_LIMIT_SECONDS})`,
      parseSeconds,
    )
    .option('--color', 'force colours on')
    .option('--no-color', 'turn colours off')
    .addOption(
      new Option(
        '--ignore-pattern <pattern>',
        'leave out the files that globs and directories yield matching this pattern (gitignore syntax, relative to the working folder); repeatable',
      )
        .argParser(collect)
        .default([], 'none'),
    )
    .option(
      '--no-ignore',
      "use no ignore rules (.gitignore, .xxgklintignore, the configuration's ignores, --ignore-pattern)",
    )
    .option(
      '--no-error-on-unmatched-pattern',
      'a glob that matches no file, or a folder that holds no report, is not an error',
    )
    .option(
      '--debug',
      'print on stderr the files found and skipped and why, the reader, template and year of each, and the time of each stage',
    )
    .option(
      '--concurrency <n>',
      'worker threads that read and check files: a number, or auto (the default: one per core, and none for a few files); 1 checks everything in this thread',
      parseConcurrency,
    )
    .option(
      '--cache',
      "keep each file's result, and reuse it while the file, the settings and the version are unchanged",
    )
    .option('--cache-location <path>', `the cache folder (default: ${DEFAULT_CACHE_LOCATION})`)
    .option(
      '--shard <i/n>',
      "check part i (0 to n-1) of n of the inputs, for a merge of the parts' --format json outputs (xxgk-lint merge)",
      parseShard,
    )
    .action(async (files: string[], flags: LintFlags) => {
      exitCode = await runLint(files, flags, io, locale, preloaded);
    });

  withOutputOptions(
    program
      .command('merge')
      .description(
        "combine the --format json outputs of a run's shards (--shard i/n) into one result, year-to-year checks across shards included",
      )
      .argument('<shards...>', "the shards' JSON results"),
  )
    .option(
      '-c, --config <path>',
      'the configuration the shards were run with (its exceptions are applied to the merged result)',
    )
    .addOption(
      new Option('--rule <id:severity>', "set a rule's severity (error, warning, info, off); repeatable")
        .argParser(collect)
        .default([], 'none'),
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when there is a finding of this severity or worse (default: error)',
      ).choices(['error', 'warning', 'info']),
    )
    .option('--no-continuity', 'skip the year-to-year checks across shards')
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('--strict', 'treat blank cells as missing rather than 0 (as the shards were run)')
    .option('--color', 'force colours on')
    .option('--no-color', 'turn colours off')
    .action(async (shards: string[], flags: MergeFlags) => {
      exitCode = await mergeCommand(shards, flags, io, locale, preloaded);
    });

  program
    .command('rules')
    .description('print the rule catalogue')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(new Option('--locale <locale>', 'language').choices(['zh-CN', 'en']).default(locale))
    .argument('[id]', "a rule id: print that rule's page (docs/rules/<id>.md)")
    .action((id: string | undefined, flags: { format: 'table' | 'json'; locale: Locale }) => {
      const shown =
        id === undefined ? { stdout: rulesCommand(flags.format, flags.locale) } : ruleDocCommand(id, flags.locale);
      if ('stdout' in shown) io.stdout(shown.stdout);
      else io.stderr(shown.stderr);
      exitCode = 'stdout' in shown ? EXIT.clean : EXIT.error;
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
    .option(
      '--max-file-size <MB>',
      `size limit of the input in MB (default: ${DEFAULT_TEXT_LIMIT_MB} for text, HTML, JSON, CSV; ${DEFAULT_BINARY_LIMIT_MB} for PDF, .docx, .xlsx)`,
      parseMegabytes,
    )
    .option(
      '--max-time-per-file <seconds>',
      `time budget of the input in seconds, 0 for none (default: ${DEFAULT_TIME_LIMIT_SECONDS})`,
      parseSeconds,
    )
    .addOption(new Option('--locale <locale>', 'language of messages').choices(['zh-CN', 'en']).default(locale))
    .action(async (input: string, flags: Parameters<typeof convertCommand>[1]) => {
      exitCode = await convertCommand(input, flags, io);
    });

  program
    .command('template')
    .description('write a blank report of a template (.xlsx, .docx, .csv, .json, .md) to fill in')
    .addArgument(
      new Argument('<template>', 'the template: 2019 (for 2019–2020) or 2021 (from 2021 on)').choices(['2019', '2021']),
    )
    .option(
      '-o, --output-file <path>',
      'write to a file (format from its extension; .long.csv for the long CSV) instead of standard output',
    )
    .addOption(new Option('--format <format>', 'the format, whatever the file name').choices(TEMPLATE_FORMATS))
    .option('--year <year>', "the report's year, written in the title", parseYear)
    .option('--agency <name>', "the agency's name, written in the title")
    .addOption(new Option('--locale <locale>', 'language of messages').choices(['zh-CN', 'en']).default(locale))
    .action(async (template: TemplateId, flags: Parameters<typeof templateCommand>[1]) => {
      exitCode = await templateCommand(template, flags, io);
    });

  program
    .command('web')
    .description('the checking page for a browser: write it to a file (-o), or serve it on 127.0.0.1 (--port)')
    .option('-o, --output-file <path>', 'write the page (one self-contained HTML file) here; - is standard output')
    .option(
      '--port <port>',
      'serve the page on http://127.0.0.1:<port>/ (default 8765; 0 picks a free port)',
      parsePort,
      8765,
    )
    .addOption(new Option('--locale <locale>', 'language of messages').choices(['zh-CN', 'en']).default(locale))
    .action(async (flags: WebFlags) => {
      exitCode = await webCommand(flags, io);
    });

  program
    .command('init')
    .description('write a commented starting configuration, xxgk-lint.config.json')
    .option('--force', 'overwrite an existing configuration file')
    .addOption(new Option('--locale <locale>', 'language of the comments and messages').choices(['zh-CN', 'en']))
    .action(async (flags: InitFlags) => {
      exitCode = await initCommand({ ...flags, locale: flags.locale ?? locale }, io);
    });

  localizeHelp(program, locale);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.clean : EXIT.error;
    }
    io.stderr(
      `xxgk-lint: ${cliMessage('internal-error', locale, { file: '', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) })}\n`,
    );
    return EXIT.error;
  }
  return exitCode;
}

/**
 * Pairs --format and --output-file in order: the first format with the first file, and so on; a format without a file
 * (or with -) goes to standard output. More files than formats, or two formats on standard output, is a usage error.
 */
export function outputTargets(
  formats: readonly FormatName[],
  files: readonly string[],
  locale: Locale = 'en',
): OutputTarget[] | string {
  const chosen: FormatName[] = formats.length > 0 ? [...formats] : ['stylish'];
  if (files.length > chosen.length)
    return cliMessage('output-more-files', locale, { files: files.length, formats: chosen.length });
  const targets = chosen.map((format, index) => {
    const file = files[index];
    return file === undefined || file === '-' ? { format } : { format, file };
  });
  if (targets.filter((target) => !target.file).length > 1) return cliMessage('output-two-stdout', locale);
  return targets;
}

/** The flags lint and merge share: outputs, configuration, rule settings, how findings decide the exit code. */
export interface RunFlags {
  format: FormatName[];
  outputFile: string[];
  locale?: Locale;
  quiet?: boolean;
  maxWarnings?: number;
  strict?: boolean;
  color?: boolean;
  config?: string;
  rule: string[];
  failOn?: Severity;
  continuity: boolean;
}

/** What a run is set up with: its outputs, the configuration file read and the effective settings. */
export interface PreparedRun {
  targets: OutputTarget[];
  loaded: LoadedConfig & { ok: true };
  settings: ReturnType<typeof effectiveConfig>;
}

/**
 * Pairs the outputs, reads --rule and the configuration (or takes the one read before parsing), and makes the effective
 * settings; an exit code when one is wrong (said on stderr, in the locale known before parsing).
 */
export async function prepareRun(
  flags: RunFlags,
  io: CliIO,
  startLocale: Locale,
  preloaded?: PreloadedConfig,
): Promise<PreparedRun | number> {
  const targets = outputTargets(flags.format, flags.outputFile, startLocale);
  if (typeof targets === 'string') {
    io.stderr(`xxgk-lint: ${targets}\n`);
    return EXIT.error;
  }
  const ruleFlags = parseRuleFlags(flags.rule, startLocale);
  if (typeof ruleFlags === 'string') {
    io.stderr(ruleFlags);
    return EXIT.error;
  }
  const loaded =
    preloaded && preloaded.path === flags.config ? preloaded.loaded : await loadConfig(flags.config, io, startLocale);
  if (!loaded.ok) {
    for (const line of loaded.lines) io.stderr(`xxgk-lint: ${line}\n`);
    return EXIT.error;
  }
  const settings = effectiveConfig(loaded.config, loaded.file, {
    rules: ruleFlags,
    ...(flags.strict ? { strict: true } : {}),
    ...(flags.locale ? { locale: flags.locale } : {}),
    ...(flags.failOn ? { failOn: flags.failOn } : {}),
  });
  return { targets, loaded, settings };
}

async function runLint(
  patterns: string[],
  flags: LintFlags,
  io: CliIO,
  startLocale: Locale,
  preloaded?: PreloadedConfig,
): Promise<number> {
  const prepared = await prepareRun(flags, io, startLocale, preloaded);
  if (typeof prepared === 'number') return prepared;
  const { targets, loaded, settings } = prepared;
  if (flags.printConfig) {
    io.stdout(`${JSON.stringify(settings, null, 2)}\n`);
    return EXIT.clean;
  }
  const locale = settings.locale;
  if (patterns.length === 0) {
    io.stderr(`xxgk-lint: ${cliMessage('no-files-given', locale)}\n`);
    return EXIT.error;
  }
  const debug = flags.debug ? new DebugLog(io, locale) : undefined;
  const gathered = await gatherInputs(patterns, flags, { ignores: settings.ignores, file: loaded.file }, io, debug);
  const { found } = gathered;
  const clash = outputThatIsInput(
    targets.flatMap((target) => (target.file ? [target.file] : [])),
    [...found.files, ...(flags.previous ? [flags.previous] : []), ...(loaded.file ? [loaded.file] : [])],
    io.cwd,
  );
  if (clash !== undefined) {
    io.stderr(`xxgk-lint: ${cliMessage('output-is-input', locale, { file: clash })}\n`);
    return EXIT.error;
  }
  const shard = flags.shard;
  const inputs = shard ? gathered.inputs.filter((input) => inShard(input.file, shard, io.cwd)) : gathered.inputs;
  // What matched nothing or could not be walked is said once, by the first shard.
  const failures = shard && shard.index !== 0 ? [] : gathered.failures;
  const needsCells = targets.some(
    (target) => target.format === 'html' || (target.format === 'github' && io.env['GITHUB_STEP_SUMMARY'] !== undefined),
  );
  const rules = ruleOverrides(settings);
  const options: RunOptions = {
    ...(settings.strict ? { strict: true } : {}),
    ...(flags.template ? { template: flags.template } : {}),
    ...(flags.year !== undefined ? { year: flags.year } : {}),
    ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}),
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
    ...(needsCells ? { cells: true } : {}),
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
    ...(flags.maxTimePerFile !== undefined ? { maxTimePerFile: flags.maxTimePerFile } : {}),
    ...(flags.previous ? { previous: inputOf(flags.previous, flags, io) } : {}),
    continuity: flags.continuity,
    ...(debug ? { onStage: debug.time } : {}),
    ...exceptionOptions(settings, loaded, io),
  };
  const outputs = openOutputs(targets, io, outputSettings(settings, flags));
  const given = {
    ...(flags.template ? { template: flags.template } : {}),
    ...(flags.year !== undefined ? { year: flags.year } : {}),
  };
  const failed = new Set(failures);
  let checked = 0;
  // Formatting happens as files finish: --debug adds up the time spent in it.
  let formatting = 0;
  const summary = await streamInputs(
    inputs,
    options,
    (result) => {
      if (!failed.has(result)) {
        checked += 1;
        debug?.files([result], given);
      }
      const started = debug ? performance.now() : 0;
      outputs.file(result);
      if (debug) formatting += performance.now() - started;
    },
    { ...engineOf(inputs, flags, io, locale), extra: failures, ...(shard ? { shard: true } : {}) },
  );
  if (summary.files === 0) io.stderr(`xxgk-lint: ${cliMessage('no-files-checked', locale)}\n`);
  else if (checked === 0 && failures.length > 0 && found.unmatched.length > 0)
    io.stderr(`xxgk-lint: ${cliMessage('nothing-to-check-hint', locale)}\n`);
  const formatStarted = debug ? performance.now() : 0;
  const code = await outputs.end(summary);
  debug?.totals(formatting + performance.now() - formatStarted);
  return code;
}

/** How a run's outputs are written and its exit code decided, from the effective configuration and the flags. */
export function outputSettings(
  settings: ReturnType<typeof effectiveConfig>,
  flags: { color?: boolean; quiet?: boolean; maxWarnings?: number },
): OutputSettings {
  return {
    locale: settings.locale,
    failOn: settings.failOn,
    version: VERSION,
    ...(flags.color !== undefined ? { color: flags.color } : {}),
    ...(flags.quiet ? { quiet: true } : {}),
    ...(flags.maxWarnings !== undefined ? { maxWarnings: flags.maxWarnings } : {}),
  };
}

/** The configuration's exceptions and what applying them needs. */
export function exceptionOptions(
  settings: ReturnType<typeof effectiveConfig>,
  loaded: LoadedConfig & { ok: true },
  io: CliIO,
): Pick<RunOptions, 'exceptions' | 'exceptionContext'> {
  if (!loaded.file || settings.exceptions.length === 0) return {};
  const configPath = resolve(io.cwd, loaded.file);
  return {
    exceptions: settings.exceptions,
    exceptionContext: {
      today: isoDate(io.now?.() ?? new Date()),
      configFile: loaded.file,
      ...(loaded.text !== undefined ? { configText: loaded.text } : {}),
      relativeToConfig: (file) => relative(dirname(configPath), resolve(io.cwd, file)).replace(/\\/g, '/'),
    },
  };
}

/** Below this much work (a JSON report weighs 1, a PDF 32) a run stays in this thread: starting workers would cost more than they save. */
const POOL_THRESHOLD = 48;

/** Who checks the files (this thread or a pool of workers, through the cache or not) and where results wait. */
function engineOf(inputs: readonly RunInput[], flags: LintFlags, io: CliIO, locale: Locale): StreamOptions {
  const engine = io.engine;
  if (!engine) return {};
  let cache: CachedCheck | undefined;
  const notes = {
    corrupt: (path: string) => io.stderr(`xxgk-lint: ${cliMessage('cache-corrupt', locale, { file: path })}\n`),
  };
  if (flags.cache) {
    const location = flags.cacheLocation ?? DEFAULT_CACHE_LOCATION;
    cache = engine.cache(location, VERSION, notes);
    if (!cache) io.stderr(`xxgk-lint: ${cliMessage('cache-unusable', locale, { file: location })}\n`);
  }
  const concurrency =
    flags.concurrency === undefined || flags.concurrency === 'auto' ? engine.parallelism() : flags.concurrency;
  const work = inputs.reduce((sum, input) => sum + workOf(input.file), 0);
  // --concurrency N (N ≥ 2) always uses workers, even for one file: a file stuck past its time limit is then stopped.
  const explicit = flags.concurrency !== undefined && flags.concurrency !== 'auto';
  // --debug times each stage through a callback, which cannot cross to a worker: it checks in this thread.
  const pooled =
    !flags.debug && concurrency > 1 && inputs.length > 0 && (explicit || (inputs.length > 1 && work >= POOL_THRESHOLD));
  const linter = pooled ? engine.pool(concurrency, cache, notes) : cache ? inProcessLinter(cache.check) : undefined;
  return { ...(linter ? { linter } : {}), spool: () => engine.spool(inputs.length) };
}

/** --shard i/n: the files of part i (from 0) of n, by a hash of the path as given relative to the working folder, so adding files moves few. */
export function inShard(file: string, shard: Shard, cwd: string): boolean {
  const path = (isAbsolute(file) ? relative(cwd, file) : file).replace(/\\/g, '/').replace(/^\.\//, '');
  let hash = 0x811c9dc5;
  for (let index = 0; index < path.length; index += 1) {
    hash ^= path.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shard.count === shard.index;
}

function inputOf(file: string, flags: LintFlags, io: CliIO): RunInput {
  if (file === '-') {
    // Read by what the bytes are (and the extension of --stdin-filename), like a file: see chooseFormat.
    const name = flags.stdinFilename ?? '<stdin>';
    return {
      file: name,
      read: async () => {
        try {
          return await io.readStdin(readLimit(name, flags));
        } catch (error) {
          throw readError(error, name, flags);
        }
      },
    };
  }
  return fileInput(file, fileReading(flags, io));
}

/** A configuration read before commander parsed (for its locale), kept so that the run does not read it again. */
export interface PreloadedConfig {
  path: string | undefined;
  loaded: LoadedConfig;
}

/**
 * The locale before commander parses: --locale (or --locale=…) anywhere in argv, else the configuration's (--config,
 * or the nearest), else zh-CN; with the configuration when it was read and is valid.
 */
export async function preScan(
  argv: readonly string[],
  io: CliIO,
): Promise<{ locale: Locale; config?: PreloadedConfig }> {
  const valueOf = (names: readonly string[]): string | undefined => {
    for (const [index, argument] of argv.entries()) {
      if (argument === '--') break;
      if (names.includes(argument)) return argv[index + 1];
      const equals = names.find((name) => name.startsWith('--') && argument.startsWith(`${name}=`));
      if (equals) return argument.slice(equals.length + 1);
    }
    return undefined;
  };
  const given = valueOf(['--locale']);
  if (given === 'zh-CN' || given === 'en') return { locale: given };
  const path = valueOf(['-c', '--config']);
  const loaded = await loadConfig(path, io);
  // A configuration with problems is read again by the run, to report them in the locale.
  if (!loaded.ok) return { locale: 'zh-CN' };
  return { locale: loaded.config.locale ?? 'zh-CN', config: { path, loaded } };
}

/** A configuration file read (or none found), or the lines that say what is wrong with it. */
export type LoadedConfig =
  { ok: true; config: Config; file: string | null; text?: string } | { ok: false; lines: string[] };

/** Reads --config, or the nearest xxgk-lint.config.json from the working folder upward; none is fine. */
export async function loadConfig(path: string | undefined, io: CliIO, locale: Locale = 'en'): Promise<LoadedConfig> {
  let file: string | undefined;
  let bytes: Uint8Array | undefined;
  if (path !== undefined) {
    try {
      bytes = await io.readFile(path, sizeLimit('json'));
      file = path;
    } catch (error) {
      return {
        ok: false,
        lines: [
          `${path}: ${renderFileError({ kind: 'input', messageId: readError(error).messageId, data: readError(error).data, location: { file: path } }, locale)}`,
        ],
      };
    }
  } else {
    let directory = resolve(io.cwd);
    for (;;) {
      const candidate = join(directory, CONFIG_FILE_NAME);
      try {
        bytes = await io.readFile(candidate);
        file = relative(io.cwd, candidate) || CONFIG_FILE_NAME;
        break;
      } catch {
        const parent = dirname(directory);
        if (parent === directory) break;
        directory = parent;
      }
    }
  }
  if (bytes === undefined || file === undefined) return { ok: true, config: {}, file: null };
  const text = new TextDecoder().decode(bytes);
  const parsed = await parseConfig(text);
  if (!parsed.ok) {
    return {
      ok: false,
      lines: [
        `${file}: ${cliMessage('config-problems', locale, { count: parsed.problems.length })}`,
        ...parsed.problems.map(
          (problem) =>
            `  ${file}:${problem.line ?? 1}:${problem.column ?? 1}: ${problem.pointer || '/'}: ${cliMessage(problem.messageId, locale, problem.data)}`,
        ),
      ],
    };
  }
  return { ok: true, config: parsed.config, file, text };
}

function parseRuleFlags(values: readonly string[], locale: Locale): Record<string, RuleSetting> | string {
  const rules: Record<string, RuleSetting> = {};
  const problems: string[] = [];
  for (const value of values) {
    const at = value.lastIndexOf(':');
    const id = value.slice(0, at);
    const setting = value.slice(at + 1);
    if (at < 1 || !['error', 'warning', 'info', 'off'].includes(setting))
      problems.push(cliMessage('rule-flag-form', locale, { value }));
    else if (!findRule(id)) problems.push(cliMessage('rule-flag-unknown', locale, { value, id }));
    else rules[id] = setting as RuleSetting;
  }
  return problems.length > 0 ? problems.map((line) => `xxgk-lint: ${line}\n`).join('') : rules;
}

function isoDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The output options lint and merge share: --format, --output-file (paired in order) and --locale. */
function withOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-f, --format <format>', `output format, repeatable: ${FORMAT_NAMES.join(', ')}`)
        .argParser(collectFormat)
        .default([], 'stylish'),
    )
    .addOption(
      new Option(
        '-o, --output-file <path>',
        'write the output of the matching --format to this file (- is standard output); repeatable, paired with --format in order',
      )
        .argParser(collect)
        .default([], 'standard output'),
    )
    .addOption(
      new Option('--locale <locale>', "language of messages (default: zh-CN, or the config file's)").choices([
        'zh-CN',
        'en',
      ]),
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectFormat(value: string, previous: FormatName[]): FormatName[] {
  if (!(FORMAT_NAMES as string[]).includes(value))
    throw new InvalidArgumentError(`Allowed choices are ${FORMAT_NAMES.join(', ')}.`);
  return [...previous, value as FormatName];
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('arg-count');
  return count;
}

function parseMegabytes(value: string): number {
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0) throw new InvalidArgumentError('arg-megabytes');
  return megabytes;
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) throw new InvalidArgumentError('arg-seconds');
  return seconds;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('arg-port');
  return port;
}

function parseConcurrency(value: string): number | 'auto' {
  if (value === 'auto') return value;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new InvalidArgumentError('arg-concurrency');
  return count;
}

function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) throw new InvalidArgumentError('arg-shard');
  return { index, count };
}

function parseYear(value: string): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new InvalidArgumentError('arg-year');
  return year;
}
