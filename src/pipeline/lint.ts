import type { FileResult } from '../diagnostics/types.js';
import { chooseFormat, formatOfFile, loadReader, readInput } from '../read/index.js';
import { alignBlocks } from '../align/blocks-to-report.js';
import { InputError, isBlockSource, type InputFormat, type ReadContext, type ReadResult } from '../read/types.js';
import { lintReadResult, type LintOptions } from '../rules/engine.js';
import { assertZipHonest, assertZipLimits, zipDeclared } from '../read/office.js';
import {
  checkDeadline,
  checkSize,
  deadlineOf,
  MAX_ZIP_ENTRIES,
  sizeLimit,
  withDeadline,
  type Deadline,
  type LimitOptions,
} from './limits.js';
import { withFields } from '../model/objects.js';

/** Options for linting one input: how to read it and how to check it. */
export interface LintInputOptions extends LintOptions, LimitOptions {
  /** --input-format; else chosen by the file's extension and what its bytes are (see chooseFormat). */
  inputFormat?: InputFormat;
  /** --encoding; else detected. */
  encoding?: string;
  /** Told the time each stage of a file took (--debug); absent, nothing is timed. */
  onStage?: (file: string, stage: 'parse' | 'rules', milliseconds: number) => void;
}

/** Reads and lints one input given as bytes; never throws: an unreadable input becomes a FileResult with an error. */
export async function lintBytes(bytes: Uint8Array, file: string, options: LintInputOptions = {}): Promise<FileResult> {
  let format = options.inputFormat ?? formatOfFile(file);
  try {
    format = chooseFormat(bytes, file, options);
    const chosen = format;
    // The clock starts once the format's reader is loaded: loading it is not the file's time.
    await loadReader(format);
    const deadline = deadlineOf(options);
    return await withDeadline(deadline, async () => {
      const started = options.onStage ? performance.now() : 0;
      const read = await readWithin(bytes, file, withFields(options, { inputFormat: chosen }), deadline);
      checkDeadline(deadline);
      const parsed = options.onStage ? performance.now() : 0;
      const result = lintReadResult(read, file, options);
      checkDeadline(deadline);
      if (options.onStage) {
        options.onStage(file, 'parse', parsed - started);
        options.onStage(file, 'rules', performance.now() - parsed);
      }
      return result;
    });
  } catch (error) {
    return failed(file, error, format);
  }
}

/**
 * Reads one input (read, then align blocks onto the template) into the canonical document, in --input-format or the
 * format chooseFormat picks from its name's extension and its bytes; throws InputError when it cannot (including
 * unsupported-<kind> for .doc, .xls, .ofd, images and the like).
 */
export async function readBytes(bytes: Uint8Array, file: string, options: LintInputOptions = {}): Promise<ReadResult> {
  const format = chooseFormat(bytes, file, options);
  await loadReader(format);
  const deadline = deadlineOf(options);
  // The format is chosen once (sniffing the bytes is not free): readWithin is told it.
  return withDeadline(deadline, () => readWithin(bytes, file, withFields(options, { inputFormat: format }), deadline));
}

/**
 * readBytes within a deadline checked between its stages (choosing the format, reading, aligning); also refuses bytes
 * over the size limit of the format chosen and a .docx/.xlsx whose ZIP directory declares too much (before inflating).
 */
async function readWithin(
  bytes: Uint8Array,
  file: string,
  options: LintInputOptions,
  deadline: Deadline | undefined,
): Promise<ReadResult> {
  const format = chooseFormat(bytes, file, options);
  checkSize(bytes, format, options);
  if (format === 'docx' || format === 'xlsx') {
    const declared = zipDeclared(bytes);
    if (declared) {
      assertZipLimits(declared, format, { maxUncompressed: sizeLimit(format, options), maxEntries: MAX_ZIP_ENTRIES });
      await assertZipHonest(bytes, format, declared);
    }
  }
  const context: ReadContext = {
    file,
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.template ? { template: options.template } : {}),
    ...(options.year !== undefined ? { year: options.year } : {}),
  };
  checkDeadline(deadline);
  const output = await readInput(bytes, format, context);
  checkDeadline(deadline);
  return isBlockSource(output) ? alignBlocks(output, context) : output;
}

/** A FileResult for an input that could not be read (input error) or that broke the linter (internal error). */
export function failed(file: string, error: unknown, format?: InputFormat): FileResult {
  const base = { file, ...(format ? { format } : {}), diagnostics: [], rules: [] };
  if (error instanceof InputError) {
    return withFields(base, {
      error: { kind: 'input', messageId: error.messageId, data: error.data, location: { file, ...error.origin } },
    });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return withFields(base, {
    error: { kind: 'internal', messageId: 'internal-error', data: { file, detail }, location: { file } },
  });
}
