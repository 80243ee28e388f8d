import { renderFileError, renderMessage } from '../diagnostics/render.js';
import { isNotEvaluated, type Diagnostic, type FileResult, type RuleStatus } from '../diagnostics/types.js';
import { formatPlace } from './location.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';
import { appendAll } from '../model/arrays.js';

interface TestCase {
  name: string;
  status: RuleStatus | 'error';
  /** Errors and warnings: they fail the case. */
  failures: Diagnostic[];
  /** Infos and suppressed findings: listed in system-out, the case still passes. */
  notes: Diagnostic[];
}

/** What JUnit calls the run: the root's name, and the first part of every test case's class name. */
export const JUNIT_PREFIX = 'xxgk-lint';

/**
 * JUnit XML as the Jenkins xUnit schema (junit-10.xsd) and Ant's format define it, written as files finish: one test
 * suite per file (`name` and `file` the path), one test case per rule run on it (`name` the rule id, `classname`
 * `xxgk-lint.<path with dots as underscores>`, so Jenkins shows the package xxgk-lint and the file as the class);
 * errors and warnings fail a case, not-evaluated skips it, an unreadable file is one erroring case. The root carries
 * no totals (optional in the schema; each suite counts its own), so nothing is kept from file to file.
 */
export const junitStream: StreamFormatter = (options: FormatOptions) => ({
  begin: () => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${JUNIT_PREFIX}">\n`,
  file: (file: FileResult) => `${suite(file, options)}\n`,
  end: () => '</testsuites>\n',
});

/** The JUnit format over whole results. */
export const junit = wholeFromStream(junitStream);

/** A file's class name: dots would split it into Java package and class, so they become underscores. */
export function junitClassName(file: string): string {
  return `${JUNIT_PREFIX}.${file.replace(/\./g, '_')}`;
}

function suite(file: FileResult, options: FormatOptions): string {
  const cases = testCases(file);
  const counts = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
  const classname = attr(junitClassName(file.file));
  const elapsed =
    'elapsedMs' in file && typeof file.elapsedMs === 'number' ? ` time="${(file.elapsedMs / 1000).toFixed(3)}"` : '';
  const body: string[] = [];
  for (const test of cases) {
    const open = `    <testcase name="${attr(test.name)}" classname="${classname}">`;
    if (test.status === 'error' && file.error) {
      counts.errors += 1;
      const place = formatPlace(file.error.location, options.locale);
      body.push(
        open,
        `      <error type="${attr(`${file.error.kind}-error`)}" message="${attr(renderFileError(file.error, options.locale))}">${text(`${file.file}${place ? `:${place}` : ''}`)}</error>`,
        '    </testcase>',
      );
      continue;
    }
    const lines: string[] = [open];
    if (test.failures.length > 0) {
      counts.failures += 1;
      const first = test.failures[0]!;
      const severity = test.failures.some((diagnostic) => diagnostic.severity === 'error') ? 'error' : 'warning';
      lines.push(
        `      <failure type="${severity}" message="${attr(`${test.failures.length} × ${renderMessage(first, options.locale)}`)}">${text(test.failures.map((diagnostic) => describe(diagnostic, options)).join('\n'))}</failure>`,
      );
    } else if (test.status === 'not-evaluated') {
      counts.skipped += 1;
      lines.push(`      <skipped message="not evaluated"/>`);
    }
    if (test.notes.length > 0)
      lines.push(
        `      <system-out>${text(test.notes.map((diagnostic) => describe(diagnostic, options)).join('\n'))}</system-out>`,
      );
    if (lines.length === 1) body.push(open.replace(/>$/, '/>'));
    else appendAll(body, lines).push('    </testcase>');
  }
  const name = attr(file.file);
  return [
    `  <testsuite name="${name}" file="${name}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}"${elapsed}>`,
    ...body,
    '  </testsuite>',
  ].join('\n');
}

/** One case per rule run, plus one per rule that reported without a run (cross-file and configuration rules); an unreadable file is one erroring case. */
function testCases(file: FileResult): TestCase[] {
  if (file.error) return [{ name: 'read', status: 'error', failures: [], notes: [] }];
  const cases = new Map<string, TestCase>();
  for (const run of file.rules) cases.set(run.id, { name: run.id, status: run.status, failures: [], notes: [] });
  for (const diagnostic of file.diagnostics) {
    let test = cases.get(diagnostic.ruleId);
    if (!test) {
      test = { name: diagnostic.ruleId, status: 'failed', failures: [], notes: [] };
      cases.set(diagnostic.ruleId, test);
    }
    if (!diagnostic.suppressed && diagnostic.severity !== 'info' && !isNotEvaluated(diagnostic.messageId))
      test.failures.push(diagnostic);
    else test.notes.push(diagnostic);
  }
  return [...cases.values()];
}

function describe(diagnostic: Diagnostic, options: FormatOptions): string {
  const place = formatPlace(diagnostic.location, options.locale);
  const suppressed = diagnostic.suppressed ? ` [suppressed: ${diagnostic.suppressed.reason}]` : '';
  return `${diagnostic.location.file}${place ? `:${place}` : ''}: ${diagnostic.severity} ${renderMessage(diagnostic, options.locale)} [${diagnostic.ruleId}]${suppressed}`;
}

/** Text content: the five XML escapes are enough outside attributes, minus characters XML 1.0 forbids. */
function text(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Drops characters that XML 1.0 does not allow at all (C0 controls other than tab, line feed, return; lone surrogates; U+FFFE/U+FFFF). */
function clean(value: string): string {
  return value.replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
}
