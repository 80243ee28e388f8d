import type { CacheNotes } from '../pipeline/node-cache.js';
import type { CheckBytes, InputLinter } from '../pipeline/run.js';
import type { Spool } from '../pipeline/spool.js';
/** What a path is, symlinks followed: a file, a directory, something else (a pipe, a device, a socket), or a symlink that leads nowhere. */
export type PathKind = 'file' | 'directory' | 'other' | 'broken-link';

/** One entry of a directory: its name, what it is (symlinks followed) and whether it is a symlink. */
export interface DirectoryEntry {
  name: string;
  kind: PathKind;
  symlink: boolean;
}

/** Everything the CLI does to the outside world, injected so tests run main() in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file; with maxBytes, refuses (TooLargeError, or InputError for a pipe, device or folder) rather than read more. */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** Reads at most the first `bytes` bytes of a file (to tell a report from another file by its content). */
  readHead(path: string, bytes: number): Promise<Uint8Array>;
  /** Writes a file whole (text as UTF-8, or bytes): the real one writes a temporary file in the same folder and renames it, so a failure leaves the old file or none. */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Reads standard input; with maxBytes, stops (TooLargeError) rather than read more. */
  readStdin(maxBytes?: number): Promise<Uint8Array>;
  /** What a path is, or undefined when nothing is there. */
  pathKind(path: string): Promise<PathKind | undefined>;
  /** The entries of a directory, in no particular order; throws (with the system's error code) when it cannot be read. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  /** Appends to a file (GitHub step summary); writeFile is used when absent. */
  appendFile?(path: string, text: string): Promise<void>;
  /** The current date, for exception expiry; the real clock when absent. */
  now?(): Date;
  /** What only a real process has (worker threads, a cache and a spool on disk, outputs written as they come); in-process tests run without it. */
  engine?: CliEngine;
}

/** The real process's engine: see node-io.ts. */
export interface CliEngine {
  /** How many threads can run at once here (os.availableParallelism). */
  parallelism(): number;
  /** A pool of this many worker threads that read and check files (node-pool.ts). */
  pool(concurrency: number, cache: CachedCheck | undefined, notes: CacheNotes): InputLinter;
  /** lintBytes behind the cache in this folder, or undefined when the folder cannot hold it (a file has its name). */
  cache(location: string, version: string, notes: CacheNotes): CachedCheck | undefined;
  /** Where results wait for the year-to-year checks: memory for a few, a temporary file for many. */
  spool(expected: number): Spool;
  /** A file written as the output comes, made whole at close (a temporary file renamed over the target). */
  openOutput(path: string): OutputWriter;
}

/** The cache as a run uses it: its settings (sent to workers) and the check that uses it in this thread. */
export interface CachedCheck {
  settings: { location: string; version: string };
  check: CheckBytes;
}

/** An output file being written. */
export interface OutputWriter {
  write(data: string | Uint8Array): void;
  /** Completes the file (renames it into place). */
  close(): Promise<void>;
  /** Gives the file up after a failed write: the old file (or none) stays. */
  abort(): void;
}
