import { dirname, resolve } from 'node:path';
import type { FileResult } from '../diagnostics/types.js';
import { failed } from '../pipeline/lint.js';
import { readLimit, type LimitOptions } from '../pipeline/limits.js';
import type { RunInput } from '../pipeline/run.js';
import { InputError, type InputFormat } from '../read/types.js';
import type { DebugLog } from './debug.js';
import { findInputs, type FoundInputs } from './inputs.js';
import type { CliIO } from './io.js';
import { readError } from './read-error.js';

/** The input message of each kind of pattern that yielded nothing. */
const UNMATCHED_MESSAGES = { glob: 'no-match', ignored: 'all-ignored', directory: 'no-report-in-directory' } as const;

/** The command-line settings that decide which files a run reads. */
export interface InputFlags extends LimitOptions {
  ignore: boolean;
  ignorePattern: string[];
  errorOnUnmatchedPattern: boolean;
  inputFormat?: InputFormat;
  encoding?: string;
  stdinFilename?: string;
}

/** The inputs of a lint run: what to read, and the results of the patterns that yielded nothing or could not be walked. */
export interface LintInputs {
  found: FoundInputs;
  inputs: RunInput[];
  /** Unreadable directories, and (unless --no-error-on-unmatched-pattern) the globs and directories that yielded no input. */
  failures: FileResult[];
}

/** Finds the inputs (see findInputs) with the configuration's ignores, and makes each a RunInput (standard input read by its content). */
export async function gatherInputs(
  patterns: readonly string[],
  flags: InputFlags,
  config: { ignores: readonly string[]; file: string | null },
  io: CliIO,
  debug?: DebugLog,
): Promise<LintInputs> {
  const found = await findInputs(patterns, io, {
    ignore: flags.ignore,
    ignorePatterns: flags.ignorePattern,
    ...(config.file && config.ignores.length > 0
      ? { configIgnores: { patterns: config.ignores, base: dirname(resolve(io.cwd, config.file)) } }
      : {}),
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    explain: debug !== undefined,
  });
  debug?.inputs(found);
  const failures: FileResult[] = found.unreadable.map(({ path, error }) => failed(path, directoryError(error)));
  if (flags.errorOnUnmatchedPattern) {
    for (const { pattern, kind } of found.unmatched)
      failures.push(failed(pattern, new InputError(UNMATCHED_MESSAGES[kind], { pattern })));
  }
  const inputs: RunInput[] = [];
  const reading = fileReading(flags, io);
  for (const file of found.files)
    inputs.push(file === '-' ? await stdinInput(flags, io, debug) : fileInput(file, reading, debug));
  return { found, inputs, failures };
}

/** A file read when its turn comes, bounded by its format's size limit. */
export function fileInput(file: string, reading: FileReading, debug?: DebugLog): RunInput {
  if (!debug) return new FileInput(file, reading);
  // --debug times reads in this thread (a worker's reads are not timed), so the file has no `source` for the pool.
  const input = new FileInput(file, { ...reading, remote: false });
  return { file, read: debug.timedRead(file, () => input.read()) };
}

/** What every file input of a run shares: the read limits, the I/O, and whether the pool's workers read the files. */
export interface FileReading {
  flags: InputFlags | LimitOptions;
  io: CliIO;
  remote: boolean;
}

/** How a run's files are read: the pool's workers read them when the I/O has an engine. */
export function fileReading(flags: InputFlags | LimitOptions, io: CliIO): FileReading {
  return { flags, io, remote: io.engine !== undefined };
}

/**
 * A file on disk as a run's input: a small object per file (its name and the run's shared FileReading), its read a
 * method rather than a closure, as a run over a province's reports holds one for every file until the end.
 */
export class FileInput implements RunInput {
  // Declared, not initialised: only merge sets them, and a run holds one of these objects for every file.
  declare result?: FileResult;
  declare inputFormat?: InputFormat;

  constructor(
    readonly file: string,
    private readonly reading: FileReading,
  ) {}

  /** A worker thread of the pool (io.engine) reads the file itself, with the same bound. */
  get source(): RunInput['source'] {
    return this.reading.remote ? { path: this.file, maxBytes: readLimit(this.file, this.reading.flags) } : undefined;
  }

  async read(): Promise<Uint8Array> {
    try {
      // Bounded: a huge or sparse file, a device or a pipe named like a report is refused before it fills memory.
      return await this.reading.io.readFile(this.file, readLimit(this.file, this.reading.flags));
    } catch (error) {
      throw readError(error, this.file, this.reading.flags);
    }
  }
}

/**
 * Standard input, read once now: named by --stdin-filename (whose extension, if any, says its format), else read by
 * what it holds (stdinFormat: JSON, HTML, Markdown, CSV or plain text).
 */
async function stdinInput(flags: InputFlags, io: CliIO, debug?: DebugLog): Promise<RunInput> {
  const name = flags.stdinFilename ?? '<stdin>';
  let bytes: Uint8Array;
  try {
    bytes = await io.readStdin(readLimit(name, flags));
  } catch (error) {
    const refused = readError(error, name, flags);
    return { file: name, read: () => Promise.reject(refused) };
  }
  const { stdinFormat } = await import('./stdin-format.js');
  const format = flags.inputFormat
    ? undefined
    : stdinFormat(bytes, flags.stdinFilename, flags.encoding ? { encoding: flags.encoding } : {});
  if (format) debug?.stdin(format);
  return { file: name, read: async () => bytes, ...(format ? { inputFormat: format } : {}) };
}

function directoryError(error: unknown): InputError {
  const refused = readError(error);
  return refused.messageId === 'permission-denied' || refused.messageId === 'unreadable'
    ? new InputError('directory-unreadable', { detail: (error as NodeJS.ErrnoException).code ?? refused.messageId })
    : refused;
}
