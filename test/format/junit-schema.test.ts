import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { junit } from '../../src/format/junit.js';
import { ROOT } from '../helpers/lint.js';
import { allFixtureResults } from './all-fixtures.js';
import { formatterResults } from './mixed.js';

const schema = {
  fileName: 'junit-jenkins.xsd',
  contents: readFileSync(join(ROOT, 'test/format/junit-jenkins.xsd'), 'utf8'),
};

/** xmllint's schema errors for the document (none when it is valid). */
async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'junit.xml', contents: xml },
    schema,
    initialMemoryPages: 1024,
    maxMemoryPages: 16384,
  });
  return result.errors.map((error) => error.rawMessage);
}

describe('JUnit against the Jenkins xUnit schema (junit-10)', () => {
  it('the mixed results are valid: file errors, failures, notes, odd file names', async () => {
    const results = await formatterResults();
    expect(await schemaErrors(junit(results, { locale: 'zh-CN', color: false }))).toEqual([]);
    results.files[4]!.file = 'a<b>&"\u0001.pdf';
    expect(await schemaErrors(junit(results, { locale: 'en', color: false }))).toEqual([]);
  });

  it('every fixture’s results are valid, with relative and absolute paths', async () => {
    for (const paths of ['relative', 'absolute'] as const)
      expect(await schemaErrors(junit(await allFixtureResults(paths), { locale: 'zh-CN', color: false }))).toEqual([]);
  }, 120_000);

  it('rejects what Jenkins rejects: totals with skipped on the root, a suite without counts (the check can fail)', async () => {
    const xml = junit(await formatterResults(), { locale: 'en', color: false });
    expect(
      await schemaErrors(
        xml.replace('<testsuites name="xxgk-lint">', '<testsuites name="xxgk-lint" tests="1" skipped="0">'),
      ),
    ).not.toEqual([]);
    expect(await schemaErrors(xml.replace(/ tests="\d+" failures="\d+"/, ''))).not.toEqual([]);
  });
});
