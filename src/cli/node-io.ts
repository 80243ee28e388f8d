import { readFileSync, statSync } from 'node:fs';
import { appendFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CliIO } from './io.js';

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

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
    readFile: async (path) => readFileSync(path),
    writeFile: (path, text) => writeFile(path, text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    listDirectory: async (path) => {
      // Every input path is asked this; a synchronous stat is several times cheaper than the promise one.
      if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return undefined;
      const files: string[] = [];
      const walk = async (directory: string): Promise<void> => {
        const entries = await readdir(directory, { withFileTypes: true });
        for (const entry of entries) {
          if (entry.name.startsWith('.') || SKIPPED_DIRECTORIES.has(entry.name)) continue;
          const full = join(directory, entry.name);
          if (entry.isDirectory()) await walk(full);
          else if (entry.isFile()) files.push(relative(process.cwd(), full) || full);
        }
      };
      await walk(path);
      return files;
    },
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    appendFile: (path, text) => appendFile(path, text),
    now: () => new Date(),
  };
}

function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
