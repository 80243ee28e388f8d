import { summarize, type LintResults } from '../../src/diagnostics/types.js';
import { fixtureDocument, lintDocument } from '../helpers/lint.js';
import { failed } from '../../src/pipeline/lint.js';
import { InputError } from '../../src/read/types.js';

/** One mixed set of results every formatter test renders: errors with a repair, warnings, infos, a clean file and an unreadable one. */
export async function mixedResults(): Promise<LintResults> {
  const broken = fixtureDocument('json/broken/applications-one-wrong-cell.json');
  broken.reviewLitigation!['review']!['total'] = 9;
  broken.active!['fees']!['amount'] = '850000元';
  const files = [
    await lintDocument(broken, {}, 'reports/2023-wrong.json'),
    await lintDocument(fixtureDocument('json/seed-2019.json'), {}, 'reports/seed-2019.json'),
    await lintDocument(fixtureDocument('json/clean-2021.json'), {}, 'reports/clean-2021.json'),
    failed(
      'reports/bad.json',
      new InputError(
        'json-syntax',
        { detail: "unexpected '}' after ',' (trailing comma)", line: 5, column: 35 },
        { line: 5, column: 35 },
      ),
      'json',
    ),
  ];
  return { files, summary: summarize(files) };
}
