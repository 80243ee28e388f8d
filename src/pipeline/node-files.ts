import { withFields } from '../model/objects.js';
import { dirname, relative, resolve } from 'node:path';
import { expandPatterns } from '../cli/expand.js';
import { nodeIO } from '../cli/node-io.js';
import { readError } from '../cli/read-error.js';
import type { Config } from '../config/config.js';
import type { LintResults } from '../diagnostics/types.js';
import { failed } from './lint.js';
import { InputError } from '../read/types.js';
import { lintInputs, type RunOptions } from './run.js';
import { summarize } from '../diagnostics/types.js';
import { readLimit } from './limits.js';
import { readFileBounded } from './read-file.js';

/** Options of lintFiles: how to read and check each file, a configuration to apply, and last year's report. */
export interface LintFilesOptions extends Omit<RunOptions, 'previous' | 'exceptions' | 'exceptionContext'> {
  /** A configuration (as in xxgk-lint.config.json): its rules, strict and exceptions are applied; nothing is looked up on disk. */
  config?: Config;
  /** Where exception globs are relative to, and what unused or expired exceptions are reported against (default: process.cwd()/xxgk-lint.config.json). */
  configFile?: string;
  /** Last year's report, compared with every file (year-to-year rules). */
  previous?: string;
  /** Today as YYYY-MM-DD, for exception expiry (default: the real date). */
  today?: string;
}

/** Lints files, directories and glob patterns from disk with the CLI's engine; prints nothing and never exits. */
export async function lintFiles(patterns: readonly string[], options: LintFilesOptions = {}): Promise<LintResults> {
  const { config, configFile, previous, today, ...rest } = options;
  const expanded = await expandPatterns(patterns, nodeIO());
  const read = (file: string) => async () => {
    try {
      // Synchronous reads are several times faster than the promise API for report-sized files; bounded, so a huge or
      // sparse file, a device or a pipe named like a report is refused before it fills memory.
      return readFileBounded(file, readLimit(file, rest));
    } catch (error) {
      throw readError(error, file, rest);
    }
  };
  const runOptions: RunOptions = { ...rest };
  if (config?.strict !== undefined && rest.strict === undefined) runOptions.strict = config.strict;
  if (config?.rules) runOptions.rules = withFields(config.rules, rest.rules ?? {});
  if (previous) runOptions.previous = { file: previous, read: read(previous) };
  if (config?.exceptions && config.exceptions.length > 0) {
    const configPath = resolve(configFile ?? 'xxgk-lint.config.json');
    runOptions.exceptions = config.exceptions;
    runOptions.exceptionContext = {
      today: today ?? new Date().toISOString().slice(0, 10),
      configFile: relative(process.cwd(), configPath) || configPath,
      relativeToConfig: (file) => relative(dirname(configPath), resolve(file)).replace(/\\/g, '/'),
    };
  }
  const results = await lintInputs(
    expanded.files.map((file) => ({ file, read: read(file) })),
    runOptions,
  );
  if (expanded.unmatched.length === 0) return results;
  const files = [
    ...results.files,
    ...expanded.unmatched.map((pattern) => failed(pattern, new InputError('no-match', { pattern }))),
  ];
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, summary: summarize(files) };
}
