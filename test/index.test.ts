import { jest } from '@jest/globals';
import { format, lint, lintFiles, rules, type LintResults } from '../src/index.js';
import { fixtureDocument, fixture } from './helpers/lint.js';
import { summarize } from '../src/diagnostics/types.js';

describe('library API', () => {
  it('lint() takes a document, bytes or text, and returns the same result the CLI uses', async () => {
    const document = fixtureDocument('json/broken/applications-one-wrong-cell.json');
    const fromDocument = await lint(document, { file: 'a.json' });
    expect(
      fromDocument.diagnostics.some(
        (diagnostic) => diagnostic.ruleId === 'applications-outcome-sum' && diagnostic.severity === 'error',
      ),
    ).toBe(true);
    const fromBytes = await lint(fixture('json/broken/applications-one-wrong-cell.json'), { file: 'b.json' });
    expect(fromBytes.diagnostics.map((diagnostic) => diagnostic.ruleId)).toEqual(
      expect.arrayContaining(['applications-outcome-sum']),
    );
    const bad = await lint('{ "year": 2023, }', { file: 'c.json' });
    expect(bad.error?.messageId).toBe('json-syntax');
    const off = await lint(document, { rules: { 'applications-outcome-sum': 'off' } });
    expect(off.diagnostics.some((diagnostic) => diagnostic.ruleId === 'applications-outcome-sum')).toBe(false);
  });

  it('lintFiles() expands globs from disk, pairs years, and applies a configuration, without printing', async () => {
    const write = jest.spyOn(process.stdout, 'write');
    const results = await lintFiles(['fixtures/json/continuity/2021-broken/*.json'], {
      config: { exceptions: [{ rule: 'in-force-continuity', reason: '集中清理' }] },
    });
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
    expect(results.files.map((file) => file.file)).toEqual([
      'fixtures/json/continuity/2021-broken/report-2022.json',
      'fixtures/json/continuity/2021-broken/report-2023.json',
    ]);
    const later = results.files[1]!.diagnostics;
    expect(later.filter((diagnostic) => diagnostic.ruleId === 'carryover-continuity')).toHaveLength(5);
    expect(later.find((diagnostic) => diagnostic.ruleId === 'in-force-continuity')?.suppressed).toEqual({
      reason: '集中清理',
    });
    expect(results.summary.suppressed).toBe(1);
  });

  it('format() renders any format with colour off by default', async () => {
    const file = await lint(fixtureDocument('json/broken/review-litigation-total.json'), { file: 'r.json' });
    const results: LintResults = { files: [file], summary: summarize([file]) };
    expect(format('compact', results)).toMatch(/^r\.json:\d+:\d+: error .+ \[review-litigation-total\]$/m);
    expect(format('stylish', results)).not.toContain('\u001b[');
    expect(JSON.parse(format('sarif', results, { locale: 'en' })).runs[0].results[0].ruleId).toBe(
      'review-litigation-total',
    );
  });

  it('rules is the catalogue, with the new rules', () => {
    expect(rules.map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        'applications-balance',
        'carryover-continuity',
        'item-continuity',
        'in-force-continuity',
        'narrative-figures',
        'unused-exception',
        'expired-exception',
      ]),
    );
  });
});
