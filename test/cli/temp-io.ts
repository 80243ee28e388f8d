import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { nodeIO } from '../../src/cli/node-io.js';

/** A fresh temporary folder with files (path → text or bytes), its parents made; returns its absolute path. */
export function tempTree(files: Record<string, string | Uint8Array>, prefix = 'xxgk-cli-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  }
  return root;
}

/** The real I/O (src/cli/node-io.ts) with its working folder at `cwd`: relative paths resolve there, as they would in a process started there. */
export function realIO(
  cwd: string,
  options: { stdin?: string; env?: Record<string, string> } = {},
): CliIO & { out: () => string; err: () => string } {
  const base = nodeIO();
  let stdout = '';
  let stderr = '';
  const at = (path: string) => resolve(cwd, path);
  return {
    ...base,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    readFile: (path, maxBytes) => base.readFile(at(path), maxBytes),
    readHead: (path, bytes) => base.readHead(at(path), bytes),
    writeFile: (path, data) => base.writeFile(at(path), data),
    pathKind: (path) => base.pathKind(at(path)),
    readDirectory: (path) => base.readDirectory(at(path)),
    readStdin: async () => new TextEncoder().encode(options.stdin ?? ''),
    // The engine's own paths (the cache folder, streamed output files) resolve from `cwd` too.
    ...(base.engine
      ? {
          engine: {
            ...base.engine,
            cache: (location, version, notes) => base.engine!.cache(at(location), version, notes),
            openOutput: (path) => base.engine!.openOutput(at(path)),
          },
        }
      : {}),
    cwd,
    env: options.env ?? {},
    stdoutIsTTY: false,
    out: () => stdout,
    err: () => stderr,
  };
}

/** Runs main() in-process over the real file system from `cwd`. */
export async function runIn(
  cwd: string,
  argv: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = realIO(cwd, options);
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
}
