import { availableParallelism } from 'node:os';
import {
  chmodSync,
  closeSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readFileBounded, TooLargeError } from '../pipeline/read-file.js';
import type { CliEngine, CliIO, DirectoryEntry, OutputWriter, PathKind } from './io.js';
import { poolLinter } from '../pipeline/node-pool.js';
import { piecesTo, writeAll } from '../pipeline/node-writes.js';
import { cachedCheck, usableLocation } from '../pipeline/node-cache.js';
import { fileSpool } from '../pipeline/node-spool.js';

/** The real process's I/O. */
export function nodeIO(): CliIO {
  // When the reader of a pipe goes away (`xxgk-lint … | head`), stop writing quietly instead of crashing.
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Read synchronously, as ESLint does: for report-sized files it is several times faster than the promise API,
    // and a linter has nothing else to do meanwhile. A Buffer is a Uint8Array: no copy.
    readFile: async (path, maxBytes) => (maxBytes === undefined ? readFileSync(path) : readFileBounded(path, maxBytes)),
    writeFile: (path, data) => writeFileAtomic(path, data),
    readStdin: async (maxBytes) => {
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of process.stdin) {
        chunks.push(chunk as Buffer);
        length += (chunk as Buffer).length;
        // Leaving the loop destroys the stream: nothing more is read.
        if (maxBytes !== undefined && length > maxBytes) throw new TooLargeError(undefined, maxBytes);
      }
      return new Uint8Array(Buffer.concat(chunks));
    },
    readHead: async (path, bytes) => readHead(path, bytes),
    // Every input path is asked this: a synchronous stat is several times cheaper than the promise one.
    pathKind: async (path) => pathKind(path),
    readDirectory: async (path) => readDirectory(path),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY,
    appendFile: (path, text) => appendFile(path, text),
    now: () => new Date(),
    engine: nodeEngine,
  };
}

/** Worker threads, the cache, the spool and streamed outputs of a real process. */
const nodeEngine: CliEngine = {
  parallelism: () => availableParallelism(),
  pool: (concurrency, cache, notes) =>
    poolLinter({ concurrency, ...(cache ? { cache: cache.settings, local: cache.check } : {}), notes }),
  cache: (location, version, notes) => {
    if (!usableLocation(location)) return undefined;
    const settings = { location, version };
    return { settings, check: cachedCheck(settings, notes) };
  },
  spool: (expected) => fileSpool(expected),
  openOutput: (path) => openAtomic(path),
};

/**
 * An output file written as the output comes: into a temporary file in the same folder, renamed over the target at
 * close, so a failure or a kill leaves the old file (or none), never half of one. A target that exists and is not a
 * regular file (/dev/stdout, a named pipe) is written directly.
 */
function openAtomic(path: string): OutputWriter {
  const existing = statSync(path, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
  if (existing && !existing.isFile()) {
    const fd = openSync(path, 'w');
    return { write: (data) => writeAll(fd, data), close: async () => closeSync(fd), abort: () => closeSync(fd) };
  }
  temporaryCount += 1;
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${temporaryCount}.tmp`);
  const fd = openSync(temporary, 'wx');
  const buffered = piecesTo(fd);
  let open = true;
  const finish = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (data) => buffered.write(data),
    close: async () => {
      try {
        buffered.flush();
      } catch (error) {
        finish();
        tryTo(() => unlinkSync(temporary));
        throw error;
      }
      finish();
      try {
        // The new file keeps the old one's permissions where it can; failing that, it keeps its own.
        if (existing) tryTo(() => chmodSync(temporary, existing.mode & 0o7777));
        renameSync(temporary, path);
      } catch (error) {
        tryTo(() => unlinkSync(temporary));
        throw error;
      }
    },
    abort: () => {
      finish();
      tryTo(() => unlinkSync(temporary));
    },
  };
}

/** Runs a step whose failure changes nothing for the caller (a permission copied, a temporary file already gone). */
function tryTo(step: () => void): void {
  try {
    step();
  } catch {
    // See above.
  }
}

function kindOf(info: Stats | undefined): PathKind | undefined {
  if (!info) return undefined;
  return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
}

/** What a path is; undefined when nothing is there or it cannot be looked at (a file in its way, no permission): reading it then says why. */
function pathKind(path: string): PathKind | undefined {
  try {
    return (
      kindOf(statSync(path, { throwIfNoEntry: false })) ??
      (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() ? 'broken-link' : undefined)
    );
  } catch {
    return undefined;
  }
}

/** The entries of a directory; a symlink's kind is what it leads to ('broken-link' when nothing). */
function readDirectory(path: string): DirectoryEntry[] {
  return readdirSync(path, { withFileTypes: true }).map((entry) => {
    if (!entry.isSymbolicLink())
      return {
        name: entry.name,
        kind: entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other',
        symlink: false,
      };
    return {
      name: entry.name,
      kind: kindOf(statSync(join(path, entry.name), { throwIfNoEntry: false })) ?? 'broken-link',
      symlink: true,
    };
  });
}

/** The first bytes of a regular file, read without reading the rest. */
function readHead(path: string, bytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    // Read into one buffer kept for the purpose, and copied out at the file's own length: a directory walk asks this of
    // every file, and a new 64 KiB buffer each time was most of its garbage.
    if (headBuffer.length < bytes) headBuffer = Buffer.allocUnsafe(bytes);
    let length = 0;
    for (;;) {
      const read = readSync(fd, headBuffer, length, bytes - length, null);
      length += read;
      if (read === 0 || length === bytes) return Uint8Array.prototype.slice.call(headBuffer, 0, length);
    }
  } finally {
    closeSync(fd);
  }
}

let headBuffer = Buffer.alloc(0);

function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

let temporaryCount = 0;

/**
 * Writes a file through a temporary file in the same folder, renamed over the target when complete: a full disk, a
 * read-only folder or a kill leaves the old file (or none), never half of one. The temporary file is removed when the
 * write fails. A target that exists and is not a regular file (/dev/stdout, a named pipe) is written directly.
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  const writer = openAtomic(path);
  try {
    writer.write(text);
  } catch (error) {
    writer.abort();
    throw error;
  }
  await writer.close();
}
