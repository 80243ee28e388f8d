/** Everything the CLI does to the outside world, injected so tests run main() in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, text: string): Promise<void>;
  readStdin(): Promise<Uint8Array>;
  /** Lists the files under a path when it is a directory; undefined when it is not one. */
  listDirectory(path: string): Promise<string[] | undefined>;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  /** Appends to a file (GitHub step summary); writeFile is used when absent. */
  appendFile?(path: string, text: string): Promise<void>;
  /** The current date, for exception expiry; the real clock when absent. */
  now?(): Date;
}
