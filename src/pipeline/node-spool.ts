import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult } from '../diagnostics/types.js';
import { memorySpool, type Spool } from './spool.js';

/** Results up to this many wait in memory; past it the run's results go to a temporary file, so memory stays flat. */
const IN_MEMORY = 200;

/** A spool that keeps a few results in memory and writes the rest, one JSON line each, to a temporary file. */
export function fileSpool(expected: number): Spool {
  if (expected <= IN_MEMORY) return memorySpool();
  const folder = mkdtempSync(join(tmpdir(), 'xxgk-lint-'));
  const path = join(folder, 'results.ndjson');
  const fd = openSync(path, 'w+');
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    closeSync(fd);
    rmSync(folder, { recursive: true, force: true });
  };
  let written = 0;
  return {
    append(result) {
      written += writeSync(fd, `${JSON.stringify(result)}\n`);
    },
    async *replay() {
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
