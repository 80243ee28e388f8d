import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileResult } from '../../src/diagnostics/types.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import type { LintInputOptions } from '../../src/pipeline/lint.js';
import type { ReportDocument } from '../../src/model/types.js';

/** The repository root, for reading fixtures. */
export const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');

/** Every file under fixtures/, as paths relative to it, but the sources the fixtures were made from (fixtures/src, fixtures/pdf/src) and the hostile inputs (fixtures/hostile, fixtures/fuzz). */
export function fixtureFiles(): string[] {
  const root = join(ROOT, 'fixtures');
  return (
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
      // Hostile and fuzz-found inputs are not reports: test/hostile/ checks each of them.
      .filter(
        (path) =>
          !path.startsWith('pdf/src/') &&
          !path.startsWith('src/') &&
          !path.startsWith('hostile/') &&
          !path.startsWith('fuzz/'),
      )
      .sort()
  );
}

/** A fixture's bytes. */
export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(ROOT, 'fixtures', path)));
}

/** A JSON fixture as a fresh document, to change in a test. */
export function fixtureDocument(path: string): ReportDocument {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', path), 'utf8')) as ReportDocument;
}

/** Lints a document as if it were a JSON file. */
export function lintDocument(
  document: unknown,
  options: LintInputOptions = {},
  file = 'report.json',
): Promise<FileResult> {
  return lintBytes(new TextEncoder().encode(JSON.stringify(document, null, 2)), file, options);
}

/** The diagnostics of one rule. */
export function ofRule(result: FileResult, ruleId: string) {
  return result.diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId);
}

/** The status of one rule run. */
export function statusOf(result: FileResult, ruleId: string) {
  return result.rules.find((rule) => rule.id === ruleId)?.status;
}
