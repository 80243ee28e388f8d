import { constants } from 'node:buffer';
import { formatOfFile } from '../read/index.js';
import { InputError, type InputFormat } from '../read/types.js';

/** One megabyte as the limits count it (MiB). */
export const MB = 1024 * 1024;

/** Default size limits: text, HTML, JSON, CSV and Markdown; PDF, .docx and .xlsx (also the declared uncompressed size of a .docx/.xlsx). */
export const DEFAULT_TEXT_LIMIT_MB = 50;
export const DEFAULT_BINARY_LIMIT_MB = 200;
/** The default per-file time budget, in seconds. */
export const DEFAULT_TIME_LIMIT_SECONDS = 30;
/** More entries than this in a .docx/.xlsx is refused before inflating. */
export const MAX_ZIP_ENTRIES = 10_000;

/** The options that set the limits: --max-file-size and --max-time-per-file (maxFileSize, maxTimePerFile in lintFiles). */
export interface LimitOptions {
  /** Size limit in MB for every format (default 50 for text, HTML, JSON, CSV; 200 for PDF, .docx, .xlsx). */
  maxFileSize?: number;
  /** Time budget per file in seconds (default 30); 0 turns it off. */
  maxTimePerFile?: number;
}

const BINARY_FORMATS: ReadonlySet<InputFormat> = new Set(['pdf', 'docx', 'xlsx']);

/** The size limit in bytes for a format. */
export function sizeLimit(format: InputFormat, options: LimitOptions = {}): number {
  if (options.maxFileSize !== undefined) return Math.floor(options.maxFileSize * MB);
  return (BINARY_FORMATS.has(format) ? DEFAULT_BINARY_LIMIT_MB : DEFAULT_TEXT_LIMIT_MB) * MB;
}

/**
 * The most bytes to read of a file before its bytes say what it is: the limit of --input-format, else of the format its
 * extension names, except that a .txt or an unknown extension (read by what its bytes are) gets the larger limit.
 */
export function readLimit(file: string, options: LimitOptions & { inputFormat?: InputFormat } = {}): number {
  const format = readLimitFormat(file, options);
  if (format === undefined) return Math.min(sizeLimit('pdf', options), constants.MAX_LENGTH);
  // A text format is never read past what one JavaScript string can hold (see checkSize).
  const limit = sizeLimit(format, options);
  return BINARY_FORMATS.has(format)
    ? Math.min(limit, constants.MAX_LENGTH)
    : Math.min(limit, constants.MAX_STRING_LENGTH);
}

/** The format whose limit readLimit applies before the bytes are seen (undefined: the larger, PDF/Office limit). */
export function readLimitFormat(file: string, options: { inputFormat?: InputFormat } = {}): InputFormat | undefined {
  if (options.inputFormat) return options.inputFormat;
  const named = formatOfFile(file);
  return named && named !== 'text' ? named : undefined;
}

/** Size in MB as the messages show it: one decimal below 10 MB, whole above. */
export function megabytes(bytes: number): string {
  const value = bytes / MB;
  return value < 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
}

/** Which limit applied, in words of no language: the formats it covers, or the option that set it. */
function kindOf(format: InputFormat | undefined, options: LimitOptions): string {
  if (options.maxFileSize !== undefined) return '--max-file-size';
  return format === undefined || BINARY_FORMATS.has(format) ? 'PDF/.docx/.xlsx' : 'JSON/CSV/HTML/TXT/MD';
}

/** The InputError file-too-large for a file of this many bytes over this limit. */
export function tooLarge(
  bytes: number,
  limit: number,
  format: InputFormat | undefined,
  options: LimitOptions = {},
): InputError {
  return new InputError('file-too-large', {
    size: megabytes(bytes),
    limit: megabytes(limit),
    kind: kindOf(format, options),
  });
}

/** Throws file-too-large when the bytes are over the limit of the format they are read as, and text-too-long when a text format could not be held as one JavaScript string. */
export function checkSize(bytes: Uint8Array, format: InputFormat, options: LimitOptions = {}): void {
  const limit = sizeLimit(format, options);
  if (bytes.length > limit) throw tooLarge(bytes.length, limit, format, options);
  // No text of up to MAX_STRING_LENGTH bytes decodes to a longer string (UTF-8, GB18030 and UTF-16 take at least a byte a
  // character); past it the decoder fails, and that failure must not read as "cannot be decoded as UTF-8".
  if (!BINARY_FORMATS.has(format) && bytes.length > constants.MAX_STRING_LENGTH) {
    throw new InputError('text-too-long', {
      size: megabytes(bytes.length),
      limit: megabytes(constants.MAX_STRING_LENGTH),
    });
  }
}

/** The time budget of a file, in milliseconds, or undefined when there is none. */
export function timeBudget(options: LimitOptions = {}): number | undefined {
  const seconds = options.maxTimePerFile ?? DEFAULT_TIME_LIMIT_SECONDS;
  return seconds > 0 ? seconds * 1000 : undefined;
}

/** A deadline: when it has passed, the next check between stages throws time-limit. */
export interface Deadline {
  at: number;
  seconds: number;
}

export function deadlineOf(options: LimitOptions = {}): Deadline | undefined {
  const budget = timeBudget(options);
  return budget === undefined ? undefined : { at: Date.now() + budget, seconds: budget / 1000 };
}

export function timeLimitError(seconds: number): InputError {
  return new InputError('time-limit', { seconds });
}

/** Throws time-limit when the deadline has passed (checked between the stages of reading and linting a file). */
export function checkDeadline(deadline: Deadline | undefined): void {
  if (deadline && Date.now() > deadline.at) throw timeLimitError(deadline.seconds);
}

/** How many files were given up while their work was still running (the CLI then exits rather than wait for it). */
let abandoned = 0;

export function abandonedWork(): number {
  return abandoned;
}

/**
 * Runs work with a deadline: rejects with time-limit when the deadline passes first. The timer can only fire when the
 * work yields to the event loop (the PDF, .docx and .xlsx readers do, between their steps); synchronous work (decoding
 * and aligning text, the rules) is bounded only by the checks between stages. Work given up keeps running in the
 * background until it ends: nothing can stop it from outside.
 */
export async function withDeadline<T>(deadline: Deadline | undefined, work: () => Promise<T>): Promise<T> {
  if (!deadline) return work();
  checkDeadline(deadline);
  let timer: NodeJS.Timeout | undefined;
  let settled = false;
  const running = work().finally(() => {
    settled = true;
  });
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        if (!settled) abandoned += 1;
        reject(timeLimitError(deadline.seconds));
      },
      Math.max(0, deadline.at - Date.now()),
    );
    timer.unref();
  });
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
    running.catch(() => undefined);
  }
}
