import { summarize, type FileResult, type LintResults } from '../../src/diagnostics/types.js';
import { failed } from '../../src/pipeline/lint.js';
import { InputError } from '../../src/read/types.js';
import { fixtureDocument, lintDocument } from '../helpers/lint.js';

/**
 * The shared mixed set of test/format/fixture.ts, linted with cell snapshots (for html), plus what the new formats
 * must also handle: a suppressed finding, a PDF place (page and line, no column), and a file name with a quote and a comma.
 */
export async function formatterResults(): Promise<LintResults> {
  const broken = fixtureDocument('json/broken/applications-one-wrong-cell.json');
  broken.reviewLitigation!['review']!['total'] = 9;
  broken.active!['fees']!['amount'] = '850000元';
  const wrong = await lintDocument(broken, { cells: true }, 'reports/2023-wrong.json');
  const unit = wrong.diagnostics.find((diagnostic) => diagnostic.ruleId === 'unit');
  if (!unit) throw new Error('the mixed set lost its unit finding');
  unit.suppressed = { reason: '财政局核定的金额以元为单位 (amount set in yuan by the finance bureau)' };
  const pdf: FileResult = {
    file: 'reports/b "2021",县.pdf',
    format: 'pdf',
    template: '2021',
    year: 2021,
    diagnostics: [
      {
        ruleId: 'narrative-comma',
        severity: 'warning',
        messageId: 'comma',
        data: { count: 1, examples: '，、' },
        location: { file: 'reports/b "2021",县.pdf', page: 2, line: 14 },
      },
    ],
    rules: [
      { id: 'applications-balance', status: 'passed' },
      { id: 'narrative-comma', status: 'failed' },
    ],
  };
  const files = [
    wrong,
    await lintDocument(fixtureDocument('json/seed-2019.json'), { cells: true }, 'reports/seed-2019.json'),
    await lintDocument(fixtureDocument('json/clean-2021.json'), { cells: true }, 'reports/clean-2021.json'),
    failed(
      'reports/bad.json',
      new InputError(
        'json-syntax',
        { detail: "unexpected '}' after ',' (trailing comma)", line: 5, column: 35 },
        { line: 5, column: 35 },
      ),
      'json',
    ),
    pdf,
  ];
  return { files, summary: summarize(files) };
}
