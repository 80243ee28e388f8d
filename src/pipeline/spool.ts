import type { FileResult } from '../diagnostics/types.js';

/** Where finished results wait, in order, until every file was read (the year-to-year checks may still add to them). */
export interface Spool {
  append(result: FileResult): void | Promise<void>;
  /** The results appended, in the order they were appended. */
  replay(): AsyncIterable<FileResult>;
  /** Keeps a short text (a file's compared cells) until the spool closes; returns the number `recall` takes. */
  keep(text: string): number;
  /** The text `keep` returned this number for. */
  recall(handle: number): string;
  /** Frees what the spool holds (a temporary file); safe to call more than once. */
  close(): void | Promise<void>;
}

/** A spool in memory: for runs small enough to hold (and for the browser, which has no file system). */
export function memorySpool(): Spool {
  let results: FileResult[] = [];
  let kept: string[] = [];
  return {
    append: (result) => void results.push(result),
    keep: (text) => kept.push(text) - 1,
    recall: (handle) => kept[handle]!,
    async *replay() {
      const held = results;
      results = [];
      yield* held;
    },
    close: () => {
      results = [];
      kept = [];
    },
  };
}
