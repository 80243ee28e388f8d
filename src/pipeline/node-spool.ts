import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult } from '../diagnostics/types.js';
import { piecesTo } from './node-writes.js';
import { memorySpool, type Spool } from './spool.js';

/** Results up to this many wait in memory; past it the run's results go to a temporary file, so memory stays flat. */
const IN_MEMORY = 200;

/**
 * A spool that keeps a few results in memory and writes the rest, one JSON line each, to a temporary file; the texts
 * it is asked to keep go to a second file, read back by offset, so a run holds eight bytes for each. The files are in
 * a new folder under `under` (the system's temporary folder), removed when the spool closes.
 */
export function fileSpool(expected: number, under = tmpdir()): Spool {
  if (expected <= IN_MEMORY) return memorySpool();
  const folder = mkdtempSync(join(under, 'xxgk-lint-'));
  const path = join(folder, 'results.ndjson');
  const fd = openSync(path, 'w+');
  const kept = keptTexts(openSync(join(folder, 'kept.txt'), 'w+'));
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    closeSync(fd);
    kept.close();
    rmSync(folder, { recursive: true, force: true });
  };
  // Result lines are written in pieces of many lines; replay reads up to what was written.
  const appended = piecesTo(fd);
  return {
    append(result) {
      appended.write(`${JSON.stringify(result)}\n`);
    },
    keep: (text) => kept.keep(text),
    recall: (handle) => kept.recall(handle),
    async *replay() {
      appended.flush();
      const written = appended.written;
      // Read in small pieces: a decoded piece of a megabyte is a string V8 allocates in its old generation at once,
      // where the pieces piled up (30,000 results in one thread: 344 MiB peak with 1 MiB pieces, 289–321 MiB with 32 KiB).
      const chunk = Buffer.allocUnsafe(1 << 15);
      const decoder = new TextDecoder();
      let position = 0;
      let rest = '';
      while (position < written) {
        const length = readSync(fd, chunk, 0, chunk.length, position);
        if (length === 0) break;
        position += length;
        const text = rest + decoder.decode(chunk.subarray(0, length), { stream: true });
        const lines = text.split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) yield JSON.parse(line) as FileResult;
      }
      if (rest !== '') yield JSON.parse(rest) as FileResult;
    },
    close,
  };
}

/** Bytes of kept texts gathered before they are written in one call. */
const KEPT_BUFFER = 1 << 16;

/** Texts appended to a file, each found again by where it ends (one number each), the latest still in a buffer. */
function keptTexts(fd: number): Pick<Spool, 'keep' | 'recall'> & { close(): void } {
  const buffer = Buffer.allocUnsafe(KEPT_BUFFER);
  let buffered = 0;
  let flushed = 0;
  let ends = new Float64Array(1024);
  let count = 0;
  const flush = () => {
    if (buffered > 0) flushed += writeSync(fd, buffer, 0, buffered, flushed);
    buffered = 0;
  };
  return {
    keep(text) {
      const bytes = Buffer.from(text, 'utf8');
      if (buffered + bytes.length > KEPT_BUFFER) flush();
      if (bytes.length > KEPT_BUFFER) flushed += writeSync(fd, bytes, 0, bytes.length, flushed);
      else buffered += bytes.copy(buffer, buffered);
      if (count === ends.length) {
        const grown = new Float64Array(count * 2);
        grown.set(ends);
        ends = grown;
      }
      ends[count] = flushed + buffered;
      return (count += 1) - 1;
    },
    recall(handle) {
      const start = handle > 0 ? ends[handle - 1]! : 0;
      const end = ends[handle]!;
      if (start >= flushed) return buffer.toString('utf8', start - flushed, end - flushed);
      const bytes = Buffer.allocUnsafe(end - start);
      readSync(fd, bytes, 0, bytes.length, start);
      return bytes.toString('utf8');
    },
    close: () => closeSync(fd),
  };
}
