import { renderFileError, renderMessage } from '../diagnostics/render.js';
import { isNotEvaluated, type Diagnostic, type FileResult, type LintResults, type RuleStatus } from '../diagnostics/types.js';
import { formatPlace } from './location.js';
import type { FormatOptions, Formatter } from './types.js';

interface TestCase {
  name: string;
  status: RuleStatus | 'error';
  /** Errors and warnings: they fail the case. */
  failures: Diagnostic[];
  /** Infos and suppressed findings: listed in system-out, the case still passes. */
  notes: Diagnostic[];
}

/** JUnit XML: one test suite per file, one test case per rule run on it; errors and warnings fail it, not-evaluated skips it. */
export const junit: Formatter = (results: LintResults, options: FormatOptions): string => {
  const suites = results.files.map((file) => suite(file, options));
  const totals = suites.reduce((sum, item) => ({ tests: sum.tests + item.tests, failures: sum.failures + item.failures, errors: sum.errors + item.errors, skipped: sum.skipped + item.skipped }), { tests: 0, failures: 0, errors: 0, skipped: 0 });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="xxgk-lint" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}">`,
    ...suites.map((item) => item.xml),
    '</testsuites>',
    '',
  ].join('\n');
};

function suite(file: FileResult, options: FormatOptions) {
  const cases = testCases(file);
  const counts = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
  const body: string[] = [];
  for (const test of cases) {
    const open = `    <testcase classname="${attr(file.file)}" name="${attr(test.name)}">`;
    if (test.status === 'error' && file.error) {
      counts.errors += 1;
      const place = formatPlace(file.error.location, options.locale);
      body.push(open, `      <error type="${attr(`${file.error.kind}-error`)}" message="${attr(renderFileError(file.error, options.locale))}">${text(`${file.file}${place ? `:${place}` : ''}`)}</error>`, '    </testcase>');
      continue;
    }
    const lines: string[] = [open];
    if (test.failures.length > 0) {
      counts.failures += 1;
      const first = test.failures[0]!;
      const severity = test.failures.some((diagnostic) => diagnostic.severity === 'error') ? 'error' : 'warning';
      lines.push(`      <failure type="${severity}" message="${attr(`${test.failures.length} × ${renderMessage(first, options.locale)}`)}">${text(test.failures.map((diagnostic) => describe(diagnostic, options)).join('\n'))}</failure>`);
    } else if (test.status === 'not-evaluated') {
      counts.skipped += 1;
      lines.push(`      <skipped message="not evaluated"/>`);
    }
    if (test.notes.length > 0) lines.push(`      <system-out>${text(test.notes.map((diagnostic) => describe(diagnostic, options)).join('\n'))}</system-out>`);
    if (lines.length === 1) body.push(open.replace(/>$/, '/>'));
    else body.push(...lines, '    </testcase>');
  }
  const xml = [
    `  <testsuite name="${attr(file.file)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}">`,
    ...body,
    '  </testsuite>',
  ].join('\n');
  return { ...counts, xml };
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
    if (!diagnostic.suppressed && diagnostic.severity !== 'info' && !isNotEvaluated(diagnostic.messageId)) test.failures.push(diagnostic);
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
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Drops characters that XML 1.0 does not allow at all (C0 controls other than tab, line feed, return; lone surrogates; U+FFFE/U+FFFF). */
function clean(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}
