import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { CliIO, PathKind } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ROOT } from './lint.js';

/** The outcome of one in-process run over the repository plus in-memory files. */
export interface MemoryRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Files written or appended by the run, by path as given. */
  written: Map<string, string>;
  /** Files written as bytes (.xlsx, .docx), by path as given. */
  writtenBytes: Map<string, Uint8Array>;
}

/** Runs main() in-process with the working folder at `cwd` (relative to the repository), extra files in memory (relative to the repository), standard input, a terminal or not, and a fixed date. */
export async function runWith(
  argv: string[],
  options: {
    files?: Record<string, string>;
    cwd?: string;
    env?: Record<string, string>;
    today?: string;
    stdin?: string | Uint8Array;
    tty?: boolean;
  } = {},
): Promise<MemoryRun> {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const writtenBytes = new Map<string, Uint8Array>();
  const cwd = join(ROOT, options.cwd ?? '');
  const memory = new Map(Object.entries(options.files ?? {}).map(([path, text]) => [join(ROOT, path), text]));
  const full = (path: string) => (isAbsolute(path) ? path : join(cwd, path));
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readFile: async (path) => {
      const text = memory.get(full(path));
      if (text !== undefined) return new TextEncoder().encode(text);
      return new Uint8Array(await readFile(full(path)));
    },
    writeFile: async (path, data) => {
      if (typeof data === 'string') written.set(path, data);
      else writtenBytes.set(path, data);
    },
    appendFile: async (path, text) => {
      written.set(path, (written.get(path) ?? '') + text);
    },
    readStdin: async () =>
      options.stdin instanceof Uint8Array ? options.stdin : new TextEncoder().encode(options.stdin ?? ''),
    readHead: async (path, bytes) => (await io.readFile(path)).subarray(0, bytes),
    pathKind: async (path) => {
      if (memory.has(full(path))) return 'file';
      const info = await stat(full(path)).catch(() => undefined);
      if (!info) return (await lstat(full(path)).catch(() => undefined))?.isSymbolicLink() ? 'broken-link' : undefined;
      return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
    },
    readDirectory: async (path) => {
      const entries = await readdir(full(path), { withFileTypes: true });
      return Promise.all(
        entries.map(async (entry) => {
          const kind: PathKind = entry.isSymbolicLink()
            ? await io.pathKind(join(full(path), entry.name)).then((found) => found ?? 'broken-link')
            : entry.isFile()
              ? 'file'
              : entry.isDirectory()
                ? 'directory'
                : 'other';
          return { name: entry.name, kind, symlink: entry.isSymbolicLink() };
        }),
      );
    },
    cwd,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    now: () => new Date(`${options.today ?? '2026-06-01'}T12:00:00`),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, written, writtenBytes };
}
