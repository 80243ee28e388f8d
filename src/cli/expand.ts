import { findInputs, type FindOptions } from './inputs.js';
import type { CliIO } from './io.js';

/** The files a run reads, and the patterns (globs, directories) that yielded none. */
export interface ExpandedInputs {
  files: string[];
  unmatched: string[];
}

/** Expands directories (the reports under them) and glob patterns (* ** ? [..]); plain paths are kept as given. See findInputs. */
export async function expandPatterns(
  patterns: readonly string[],
  io: CliIO,
  options: FindOptions = {},
): Promise<ExpandedInputs> {
  const found = await findInputs(patterns, io, options);
  return { files: found.files, unmatched: found.unmatched.map((entry) => entry.pattern) };
}
