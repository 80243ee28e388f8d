import { groupFindings, sectionOf } from '../../src/diagnostics/group.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { fixture } from '../helpers/lint.js';

function finding(
  ruleId: string,
  line: number,
  data: Record<string, unknown> = {},
  extra: Partial<Diagnostic> = {},
): Diagnostic {
  return { ruleId, severity: 'warning', messageId: 'm', data, location: { file: 'f', line }, ...extra };
}

describe('groupFindings', () => {
  it('summarises three or more of one kind in one section, in the place of the first, with the count and first three places', () => {
    const diagnostics = [
      finding('narrative-pinyin', 1, { section: 'overview', count: 2 }),
      finding('narrative-comma', 2, { section: 'overview' }),
      finding('narrative-pinyin', 3, { section: 'overview', count: 1 }),
      finding('narrative-pinyin', 4, { section: 'overview', count: 3 }),
      finding('narrative-pinyin', 5, { section: 'overview', count: 1 }),
      finding('narrative-pinyin', 6, { section: 'problems', count: 1 }),
    ];
    expect(groupFindings(diagnostics)).toEqual([
      {
        kind: 'group',
        ruleId: 'narrative-pinyin',
        messageId: 'm',
        severity: 'warning',
        section: 'overview',
        count: 4,
        occurrences: 7,
        indices: [0, 2, 3, 4],
        first: [0, 2, 3],
      },
      { kind: 'single', index: 1 },
      { kind: 'single', index: 5 },
    ]);
  });

  it('never groups findings on a cell, nor suppressed findings with open ones', () => {
    const cell = {
      table: 'applications' as const,
      row: 'new',
      column: 'total',
      labels: { table: '', row: '', column: '' },
    };
    const onCells = [1, 2, 3].map((line) => finding('empty-cell', line, {}, { cell }));
    expect(groupFindings(onCells).map((entry) => entry.kind)).toEqual(['single', 'single', 'single']);
    const mixed = [finding('r', 1), finding('r', 2), finding('r', 3, {}, { suppressed: { reason: 'x' } })];
    expect(groupFindings(mixed).map((entry) => entry.kind)).toEqual(['single', 'single', 'single']);
  });

  it('takes the section from the data, else from the pointer', () => {
    expect(sectionOf(finding('r', 1, { section: 'other' }))).toBe('other');
    expect(sectionOf(finding('r', 1, {}, { location: { file: 'f', pointer: '/narrative/problems' } }))).toBe(
      'problems',
    );
    expect(sectionOf(finding('r', 1, {}, { location: { file: 'f', pointer: '/applications/new' } }))).toBe(
      'applications',
    );
    expect(sectionOf(finding('r', 1))).toBeUndefined();
  });

  it('the seed’s 22 pinyin warnings: 18 in the tables become two entries; the JSON list keeps all 22', async () => {
    const result = await lintBytes(fixture('text/seed-2019.txt'), 'seed-2019.txt');
    const pinyin = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'narrative-pinyin');
    expect(pinyin).toHaveLength(22);
    const groups = groupFindings(result.diagnostics).filter(
      (entry) => entry.kind === 'group' && entry.ruleId === 'narrative-pinyin',
    );
    expect(groups.map((entry) => (entry.kind === 'group' ? [entry.section, entry.count] : []))).toEqual([
      ['active', 8],
      ['applications', 10],
    ]);
  });
});
