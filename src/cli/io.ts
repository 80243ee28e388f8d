/** Everything the CLI does to the outside world, injected so tests run main() in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a file; with maxBytes, refuses (TooLargeError, or InputError for a pipe, device or folder) rather than read more. */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  /** Writes a file whole (text as UTF-8, or bytes): the real one writes a temporary file in the same folder and renames it, so a failure leaves the old file or none. */
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Reads standard input; with maxBytes, stops (TooLargeError) rather than read more. */
  readStdin(maxBytes?: number): Promise<Uint8Array>;
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
