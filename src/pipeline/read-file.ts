import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError, type InputFormat } from '../read/types.js';
import { constants } from 'node:buffer';
import { megabytes, readLimitFormat, sizeLimit, tooLarge, type LimitOptions } from './limits.js';

/** Thrown by a bounded read when the input is over its limit: its size when known (a regular file), and the limit. */
export class TooLargeError extends Error {
  readonly code = 'EFBIG';
  constructor(
    readonly size: number | undefined,
    readonly limit: number,
  ) {
    super(`over the limit of ${limit} bytes`);
    this.name = 'TooLargeError';
  }
}

/** Refuses what is not a regular file: a folder, a named pipe, a device, a socket (each with its own message). */
function refuseSpecial(info: Stats): void {
  if (info.isFile()) return;
  if (info.isDirectory()) throw new InputError('is-directory');
  if (info.isFIFO()) throw new InputError('is-fifo');
  if (info.isSocket()) throw new InputError('is-socket');
  throw new InputError('is-device');
}

/**
 * Reads a regular file of at most maxBytes bytes. Its size is checked on the path (stat, following symbolic links)
 * before it is opened, so a named pipe is never opened (opening one waits for a writer) and a huge or sparse file is
 * never read; the open is non-blocking and checked again on the descriptor, and the read stops one byte past the
 * limit, so a file that grows (or a /proc file that says it is empty) cannot grow memory. Throws InputError for what
 * is not a regular file, TooLargeError over the limit, and the file system's error otherwise.
 */
export function readFileBounded(path: string, maxBytes: number): Buffer {
  const info = statSync(path);
  refuseSpecial(info);
  if (info.size > maxBytes) throw new TooLargeError(info.size, maxBytes);
  // O_NONBLOCK is undefined on Windows, whatever the types say.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
  const fd = openSync(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const opened = fstatSync(fd);
    refuseSpecial(opened);
    if (opened.size > maxBytes) throw new TooLargeError(opened.size, maxBytes);
    // The file's own size and one byte to see it grow; 64 KiB to start for one that says it is empty (a /proc file).
    // Not 64 KiB for all: a run reads thousands of small reports, and buffers wait for the garbage collector.
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, opened.size > 0 ? opened.size + 1 : 64 * 1024));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > maxBytes) throw new TooLargeError(undefined, maxBytes);
        const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      // One read asks for at most 1 GB: larger lengths are out of range for readSync.
      const count = readSync(fd, buffer, length, Math.min(buffer.length - length, 1 << 30), null);
      if (count === 0) break;
      length += count;
    }
    if (length > maxBytes) throw new TooLargeError(undefined, maxBytes);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Plain words for the file-system errors a reader meets; never a Node error code or a stack. */
const READ_REASONS: Record<string, string> = {
  ELOOP: 'too many symbolic links (a loop?)',
  ENAMETOOLONG: 'the name is too long',
  ENOTDIR: 'a part of the path is not a folder',
  EIO: 'input/output error (a damaged disk or a lost network drive?)',
  EMFILE: 'too many files open',
  ENFILE: 'too many files open',
  EBUSY: 'the file is busy',
  EAGAIN: 'the file is not ready to be read',
  ETIMEDOUT: 'the network drive did not answer',
};

/** A Node error's message without its code and syscall: "EIO: i/o error, read" → "i/o error". */
export function plainMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .replace(/^[A-Z][A-Z0-9_]+: /, '')
      .replace(/, (open|read|stat|lstat|scandir|write|rename|close|fstat|mkdir|unlink|access) .*$/s, '')
      .replace(/, (open|read|stat|lstat|scandir|write|rename|close|fstat|mkdir|unlink|access)$/, '')
      .split('\n', 1)[0] ?? ''
  );
}

/** Turns an error reading an input into the input error a user should see. */
export function inputReadError(
  error: unknown,
  file?: string,
  options: LimitOptions & { inputFormat?: InputFormat } = {},
): InputError {
  if (error instanceof InputError) return error;
  if (error instanceof TooLargeError) {
    if (error.size === undefined) return new InputError('input-too-large', { limit: megabytes(error.limit) });
    const format = file === undefined ? undefined : readLimitFormat(file, options);
    // Under the size limit but over what one JavaScript string holds (readLimit keeps text formats below it).
    if (format !== undefined && error.size <= sizeLimit(format, options))
      return new InputError('text-too-long', {
        size: megabytes(error.size),
        limit: megabytes(constants.MAX_STRING_LENGTH),
      });
    return tooLarge(error.size, error.limit, format, options);
  }
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return new InputError('not-found');
  if (code === 'EISDIR') return new InputError('is-directory');
  if (code === 'EACCES' || code === 'EPERM') return new InputError('permission-denied');
  const reason = code ? READ_REASONS[code] : undefined;
  return new InputError('unreadable', { detail: reason ?? (plainMessage(error) || 'unknown error') });
}
