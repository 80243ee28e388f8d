import type { LintResults } from '../../src/diagnostics/types.js';
import { FINGERPRINT_KEY, sarif } from '../../src/format/sarif.js';
import { allFixtureResults } from './all-fixtures.js';

const prints = (results: LintResults): string[] =>
  (
    JSON.parse(sarif(results, { locale: 'en', color: false })) as {
      runs: { results: { partialFingerprints: Record<string, string> }[] }[];
    }
  ).runs[0]!.results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]!);

describe('SARIF fingerprints over every fixture', () => {
  it('are unique: no two findings share one', async () => {
    const all = prints(await allFixtureResults('relative'));
    expect(all.length).toBeGreaterThan(400);
    const repeated = all.filter((print, index) => all.indexOf(print) !== index);
    expect(repeated).toEqual([]);
  }, 120_000);

  it('stay the same when every finding moves to other lines and columns (rows inserted above)', async () => {
    const results = await allFixtureResults('relative');
    const moved = structuredClone(results);
    for (const file of moved.files) {
      for (const diagnostic of file.diagnostics) {
        if (diagnostic.location.line !== undefined) diagnostic.location.line += 17;
        if (diagnostic.location.column !== undefined) diagnostic.location.column += 3;
        if (typeof diagnostic.data['line'] === 'number') diagnostic.data['line'] += 17;
        if (typeof diagnostic.data['offset'] === 'number') diagnostic.data['offset'] += 40;
      }
    }
    expect(prints(moved)).toEqual(prints(results));
  }, 120_000);

  it('change when what a finding quotes changes (the check can fail)', async () => {
    const results = await allFixtureResults('relative');
    const before = prints(results);
    const changed = structuredClone(results);
    const file = changed.files.find((candidate) =>
      candidate.diagnostics.some((diagnostic) => diagnostic.ruleId === 'narrative-pinyin'),
    )!;
    const pinyin = file.diagnostics.find((diagnostic) => diagnostic.ruleId === 'narrative-pinyin')!;
    pinyin.data['examples'] = `${String(pinyin.data['examples'])}、另`;
    const after = prints(changed);
    expect(after.filter((print, index) => print !== before[index])).toHaveLength(1);
  }, 120_000);
});
