import { gitlab } from '../../src/format/gitlab.js';
import type { FormatOptions } from '../../src/format/types.js';
import { allFixtureResults } from './all-fixtures.js';
import { formatterResults } from './mixed.js';

const zh: FormatOptions = { locale: 'zh-CN', color: false };

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

describe('gitlab (Code Quality report)', () => {
  it('writes one issue per unsuppressed finding with the fields GitLab reads', async () => {
    const results = await formatterResults();
    const issues = JSON.parse(gitlab(results, zh)) as Issue[];
    const shown = results.files.reduce(
      (sum, file) =>
        sum + file.diagnostics.filter((diagnostic) => !diagnostic.suppressed).length + (file.error ? 1 : 0),
      0,
    );
    expect(issues).toHaveLength(shown);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(issue.severity);
      expect(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1).toBe(true);
    }
    expect(issues.map((issue) => issue.check_name)).not.toContain('unit');
    const rowTotal = issues.find((issue) => issue.check_name === 'applications-row-total')!;
    expect(rowTotal).toMatchObject({
      severity: 'major',
      location: { path: 'reports/2023-wrong.json', lines: { begin: 55 } },
    });
    expect(issues.find((issue) => issue.check_name === 'input-error')).toMatchObject({
      severity: 'critical',
      location: { path: 'reports/bad.json', lines: { begin: 5 } },
    });
    const pdf = issues.find((issue) => issue.check_name === 'narrative-comma')!;
    expect(pdf).toMatchObject({
      severity: 'minor',
      location: { path: 'reports/b "2021",县.pdf', lines: { begin: 1 } },
    });
    expect(pdf.description.startsWith('(第 2 页 第 14 行) ')).toBe(true);
    expect(gitlab(results, zh)).toMatchSnapshot();
  });

  it('is an empty array for a clean run', () => {
    expect(
      gitlab(
        {
          files: [],
          summary: { files: 0, errors: 0, warnings: 0, infos: 0, suppressed: 0, notEvaluated: 0, inputErrors: 0 },
        },
        zh,
      ),
    ).toBe('[]\n');
  });

  it('gives every finding of every fixture its own fingerprint', async () => {
    const prints = (JSON.parse(gitlab(await allFixtureResults('relative'), zh)) as Issue[]).map(
      (issue) => issue.fingerprint,
    );
    expect(new Set(prints).size).toBe(prints.length);
  }, 120_000);
});
