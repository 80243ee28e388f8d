import { CONFIG_FILE_NAME } from '../config/config.js';
import { globBase, hasMagic, matchGlob } from '../config/glob.js';
import { formatOfFile } from '../read/index.js';
import type { CliIO } from './io.js';

/** The files a run reads, and the glob patterns that matched none. */
export interface ExpandedInputs {
  files: string[];
  unmatched: string[];
}

/** Expands directories (every report file under them) and glob patterns (* ** ? [..]); plain paths are kept as given. */
export async function expandPatterns(patterns: readonly string[], io: CliIO): Promise<ExpandedInputs> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  const isReport = (file: string) => {
    const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    return formatOfFile(file) !== undefined && !/^readme\./i.test(base) && base !== CONFIG_FILE_NAME && base !== 'package.json' && base !== 'package-lock.json';
  };
  for (const pattern of patterns) {
    if (pattern !== '-' && hasMagic(pattern)) {
      const listed = (await io.listDirectory(globBase(pattern))) ?? [];
      const matched = listed.filter((file) => matchGlob(pattern, file) && isReport(file)).sort();
      if (matched.length === 0) unmatched.push(pattern);
      for (const file of matched) files.add(file);
      continue;
    }
    // A path named like a report (x.json, x.pdf) is taken as a file without asking the file system: a batch of
    // thousands of files saves a stat each. (A folder so named is reported when it cannot be read as a file.)
    const listed = pattern === '-' || formatOfFile(pattern) !== undefined ? undefined : await io.listDirectory(pattern);
    if (!listed) {
      files.add(pattern);
      continue;
    }
    for (const file of listed.sort()) if (isReport(file)) files.add(file);
  }
  return { files: [...files], unmatched };
}
