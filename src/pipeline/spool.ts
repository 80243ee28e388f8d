import type { FileResult } from '../diagnostics/types.js';

/** Where finished results wait, in order, until every file was read (the year-to-year checks may still add to them). */
export interface Spool {
  append(result: FileResult): void | Promise<void>;
  /** The results appended, in the order they were appended. */
  replay(): AsyncIterable<FileResult>;
  /** Frees what the spool holds (a temporary file); safe to call more than once. */
  close(): void | Promise<void>;
}

/** A spool in memory: for runs small enough to hold (and for the browser, which has no file system). */
export function memorySpool(): Spool {
  let results: FileResult[] = [];
  return {
    append: (result) => void results.push(result),
    async *replay() {
      const held = results;
      results = [];
      yield* held;
    },
    close: () => {
      results = [];
    },
  };
}
