import { ruleOverrides } from '../config/config.js';
import type { Diagnostic, FileError, FileResult } from '../diagnostics/types.js';
import { LINT_REPORT_VERSION } from '../format/json.js';
import { failed } from '../pipeline/lint.js';
import { streamInputs, type RunInput, type RunOptions } from '../pipeline/run.js';
import { InputError } from '../read/types.js';
import type { CliIO } from './io.js';
import { openOutputs } from './lint-output.js';
import { exceptionOptions, outputSettings, prepareRun, type PreloadedConfig, type RunFlags } from './main.js';
import type { Locale } from '../rules/catalogue-types.js';
import { readError } from './read-error.js';
import { FileInput, fileReading } from './lint-inputs.js';

/** The flags of `xxgk-lint merge`: those of a lint run's outputs and settings. */
export type MergeFlags = RunFlags;

/**
 * Combines the --format json outputs of the shards of one run (--shard i/n) into one result in any format: the
 * year-to-year checks are run across shards, the configuration's exceptions applied to all, and the summary counted
 * again, so the result is what one run over every file gives. A report file that is where its shard read it is read
 * again only to place a year-to-year finding; one that is not keeps the finding's JSON pointer.
 */
export async function mergeCommand(
  shards: readonly string[],
  flags: MergeFlags,
  io: CliIO,
  startLocale: Locale,
  preloaded?: PreloadedConfig,
): Promise<number> {
  const prepared = await prepareRun(flags, io, startLocale, preloaded);
  if (typeof prepared === 'number') return prepared;
  const { targets, loaded, settings } = prepared;
  const inputs: RunInput[] = [];
  const unreadable: FileResult[] = [];
  const reading = fileReading({}, io);
  for (const shard of shards) {
    let results: FileResult[];
    try {
      results = shardResults(new TextDecoder().decode(await io.readFile(shard)));
    } catch (error) {
      unreadable.push(failed(shard, error instanceof InputError ? error : readError(error, shard)));
      continue;
    }
    for (const result of results) {
      // Read again only to place a year-to-year finding, as the shard read it.
      const input = new FileInput(result.file, reading);
      input.result = result;
      if (result.format) input.inputFormat = result.format;
      inputs.push(input);
    }
  }
  const options: RunOptions = {
    ...(settings.strict ? { strict: true } : {}),
    ...(Object.keys(ruleOverrides(settings)).length > 0 ? { rules: ruleOverrides(settings) } : {}),
    continuity: flags.continuity,
    ...exceptionOptions(settings, loaded, io),
  };
  const outputs = openOutputs(targets, io, outputSettings(settings, flags));
  const summary = await streamInputs(inputs, options, (result) => outputs.file(result), {
    extra: unreadable,
    ...(io.engine ? { spool: () => io.engine!.spool(inputs.length) } : {}),
  });
  return outputs.end(summary);
}

/** The results in a JSON report, as the linter made them (rendered messages dropped: the merge renders them again). */
function shardResults(text: string): FileResult[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError('merge-not-shard', { detail: error instanceof Error ? error.message : String(error) });
  }
  if (!isObject(document) || !Array.isArray(document['files']))
    throw new InputError('merge-not-shard', { detail: 'no "files" list' });
  if (document['version'] !== LINT_REPORT_VERSION)
    throw new InputError('merge-version', { version: String(document['version']), expected: LINT_REPORT_VERSION });
  return document['files'].map((entry: unknown, index: number) => {
    if (
      !isObject(entry) ||
      typeof entry['file'] !== 'string' ||
      !Array.isArray(entry['diagnostics']) ||
      !Array.isArray(entry['rules'])
    ) {
      throw new InputError('merge-not-shard', { detail: `files[${index}] is not a file's result` });
    }
    const { message: _message, ...error } = (entry['error'] ?? {}) as FileError & { message?: string };
    const result = {
      ...entry,
      ...(entry['template'] === null ? { template: undefined } : {}),
      ...(entry['year'] === null ? { year: undefined } : {}),
      diagnostics: (entry['diagnostics'] as Array<Diagnostic & { message?: string }>).map(
        ({ message: _rendered, ...diagnostic }) => diagnostic,
      ),
      ...(entry['error'] ? { error } : {}),
    } as FileResult;
    if (result.template === undefined) delete result.template;
    if (result.year === undefined) delete result.year;
    return result;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
