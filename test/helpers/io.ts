import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ROOT } from './lint.js';

/** The outcome of one in-process CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  written: Map<string, string>;
}

/** Runs main() in-process against the repository's files, capturing output. */
export async function runCli(argv: string[], options: { stdin?: string; env?: Record<string, string>; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readFile: async (path) => new Uint8Array(await readFile(join(ROOT, path))),
    writeFile: async (path, text) => {
      written.set(path, text);
    },
    readStdin: async () => new TextEncoder().encode(options.stdin ?? ''),
    listDirectory: async (path) => {
      const { readdir, stat } = await import('node:fs/promises');
      const full = join(ROOT, path);
      const info = await stat(full).catch(() => undefined);
      if (!info?.isDirectory()) return undefined;
      const entries = await readdir(full, { recursive: true, withFileTypes: true });
      return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name).slice(ROOT.length + 1));
    },
    cwd: ROOT,
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, written };
}
