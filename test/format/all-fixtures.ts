import { join } from 'node:path';
import { summarize, type FileResult, type LintResults } from '../../src/diagnostics/types.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { fixture, fixtureFiles, ROOT } from '../helpers/lint.js';

let linted: Promise<FileResult[]> | undefined;

/** Every report fixture linted once per test file (with cell snapshots), named fixtures/<path>. */
function lintAll(): Promise<FileResult[]> {
  linted ??= (async () => {
    const files: FileResult[] = [];
    for (const path of fixtureFiles()) files.push(await lintBytes(fixture(path), `fixtures/${path}`, { cells: true }));
    return files;
  })();
  return linted;
}

/** Every fixture's results with the paths as the CLI gives them for `fixtures/…` (relative) or for an absolute argument. */
export async function allFixtureResults(paths: 'relative' | 'absolute'): Promise<LintResults> {
  const files = (await lintAll()).map((file) => (paths === 'relative' ? file : absolute(file)));
  return { files, summary: summarize(files) };
}

function absolute(file: FileResult): FileResult {
  const rename = (path: string) => join(ROOT, path);
  return {
    ...file,
    file: rename(file.file),
    diagnostics: file.diagnostics.map((diagnostic) => ({
      ...diagnostic,
      location: { ...diagnostic.location, file: rename(diagnostic.location.file) },
    })),
    ...(file.error
      ? { error: { ...file.error, location: { ...file.error.location, file: rename(file.error.location.file) } } }
      : {}),
  };
}
