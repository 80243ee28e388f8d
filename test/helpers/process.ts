import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lint.js';

/** The CLI entry point, for tests that run it as a real process. */
export const BIN = join(ROOT, 'bin/xxgk-lint.js');

/** Runs the real CLI (English messages, no colour) in `cwd` and waits for it, at most `timeout` ms. */
export function runCli(args: readonly string[], cwd: string, timeout = 30_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, '--locale', 'en', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout,
  });
}

/**
 * Runs the real CLI in `cwd` with English messages put after the arguments (so they also reach a subcommand such as
 * merge) and room for large outputs; at most two minutes.
 */
export function runCliAfter(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args, '--locale', 'en'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
    maxBuffer: 1 << 28,
  });
}

/** A fresh temporary folder for each test of the file, removed after it; read `.path` inside a test. */
export function tempDirEach(prefix: string): { readonly path: string } {
  const holder = { path: '' };
  beforeEach(() => {
    holder.path = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(holder.path, { recursive: true, force: true });
  });
  return holder;
}
