import { runWith } from '../helpers/memory-io.js';

interface JsonReport {
  files: {
    file: string;
    diagnostics: {
      ruleId: string;
      severity: string;
      messageId: string;
      cell?: { row: string; column: string };
      data: Record<string, unknown>;
      location: { pointer?: string; line?: number; column?: number };
    }[];
    rules: { id: string; status: string }[];
  }[];
}

const CONTINUITY = ['carryover-continuity', 'item-continuity', 'in-force-continuity'];

async function lintPair(folder: string, extra: string[] = []) {
  const run = await runWith(['-f', 'json', ...extra, `fixtures/json/continuity/${folder}`]);
  const report = JSON.parse(run.stdout) as JsonReport;
  const findings = report.files.flatMap((file) =>
    file.diagnostics
      .filter((diagnostic) => CONTINUITY.includes(diagnostic.ruleId))
      .map((diagnostic) => ({ file: file.file, ...diagnostic })),
  );
  return { run, report, findings };
}

describe('year-to-year checks', () => {
  it.each(['2021-clean', '2019-clean'])('%s: a consistent pair passes', async (folder) => {
    const { run, report, findings } = await lintPair(folder);
    expect(findings).toEqual([]);
    expect(run.code).toBe(0);
    const later = report.files[1]!;
    expect(later.rules.filter((rule) => CONTINUITY.includes(rule.id))).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'passed' })]),
    );
    expect(later.rules.some((rule) => rule.id === 'carryover-continuity')).toBe(true);
    expect(report.files[0]!.rules.some((rule) => CONTINUITY.includes(rule.id))).toBe(false);
  });

  it('2021-broken: carried over ≠ last year carried forward (warning), in force does not follow (info)', async () => {
    const { findings, run } = await lintPair('2021-broken');
    const carry = findings.filter((finding) => finding.ruleId === 'carryover-continuity');
    expect(carry.map((finding) => [finding.cell?.column, finding.data['expected'], finding.data['actual']])).toEqual([
      ['naturalPerson', 9, 6],
      ['commercial', 2, 1],
      ['publicInterest', 1, 0],
      ['otherOrg', 0, 1],
      ['total', 12, 8],
    ]);
    expect(
      carry.every(
        (finding) =>
          finding.severity === 'warning' &&
          finding.file.endsWith('report-2023.json') &&
          finding.cell?.row === 'carriedOver',
      ),
    ).toBe(true);
    // Placed at this year's cell in the file: line and column of applications.carriedOver.naturalPerson.
    expect(carry[0]!.location).toMatchObject({
      pointer: '/applications/carriedOver/naturalPerson',
      line: 40,
      column: 24,
    });
    const inForce = findings.filter((finding) => finding.ruleId === 'in-force-continuity');
    expect(inForce).toEqual([
      expect.objectContaining({
        severity: 'info',
        cell: expect.objectContaining({ row: 'normativeDocuments', column: 'inForce' }),
        data: expect.objectContaining({ expected: 96, actual: 87, difference: -9, previousYear: '2022' }),
      }),
    ]);
    expect(run.code).toBe(0);
    expect((await lintPair('2021-broken', ['--fail-on', 'warning'])).run.code).toBe(1);
  });

  it('2019-broken: last year previous items + change ≠ this year previous items', async () => {
    const { findings } = await lintPair('2019-broken');
    expect(
      findings.map((finding) => [finding.ruleId, finding.cell?.row, finding.data['expected'], finding.data['actual']]),
    ).toEqual([
      ['item-continuity', 'licensing', 33, 36],
      ['item-continuity', 'penalty', 751, 819],
      ['item-continuity', 'coercion', 22, 23],
    ]);
  });

  it('template-change: compares table 三 and says the table 二 relations cannot be compared', async () => {
    const { findings, report } = await lintPair('template-change');
    expect(
      findings.filter((finding) => finding.ruleId === 'carryover-continuity').map((finding) => finding.cell?.column),
    ).toEqual(['naturalPerson', 'commercial', 'otherOrg', 'total']);
    const notComparable = findings.filter((finding) => finding.messageId === 'not-comparable');
    expect(
      notComparable
        .map((finding) => [
          finding.ruleId,
          finding.severity,
          finding.data['previousTemplate'],
          finding.data['template'],
        ])
        .sort(),
    ).toEqual([
      ['in-force-continuity', 'info', '2019', '2021'],
      ['item-continuity', 'info', '2019', '2021'],
    ]);
    const runs = report.files[1]!.rules.filter((rule) => CONTINUITY.includes(rule.id));
    expect(runs).toEqual(
      expect.arrayContaining([
        { id: 'item-continuity', status: 'not-evaluated' },
        { id: 'in-force-continuity', status: 'not-evaluated' },
        { id: 'carryover-continuity', status: 'failed' },
      ]),
    );
  });

  it('--previous compares one pair whatever the agencies, and leaves out the previous report', async () => {
    const run = await runWith([
      '-f',
      'json',
      '--previous',
      'fixtures/json/continuity/2021-broken/report-2022.json',
      'fixtures/json/continuity/2021-clean/report-2023.json',
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.files.map((file) => file.file)).toEqual(['fixtures/json/continuity/2021-clean/report-2023.json']);
    expect(
      report.files[0]!.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'carryover-continuity'),
    ).toHaveLength(5);
  });

  it('--no-continuity and --rule …:off turn the checks off', async () => {
    expect((await lintPair('2021-broken', ['--no-continuity'])).findings).toEqual([]);
    const off = await lintPair('2021-broken', ['--rule', 'carryover-continuity:off']);
    expect(off.findings.map((finding) => finding.ruleId)).toEqual(['in-force-continuity']);
  });

  it('reports of different agencies or non-consecutive years are not paired', async () => {
    const run = await runWith([
      '-f',
      'json',
      'fixtures/json/continuity/2021-broken/report-2022.json',
      'fixtures/json/continuity/template-change/report-2021.json',
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(
      report.files.flatMap((file) => file.diagnostics).filter((diagnostic) => CONTINUITY.includes(diagnostic.ruleId)),
    ).toEqual([]);
  });
});

describe('pairing', () => {
  it('pairs every report with the one report of the year before, also when two reports share a year', async () => {
    const run = await runWith([
      '-f',
      'json',
      'fixtures/json/continuity/2021-broken',
      'fixtures/json/continuity/2021-clean/report-2023.json',
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    const carry = (name: string) =>
      report.files
        .find((file) => file.file === name)!
        .diagnostics.filter((diagnostic) => diagnostic.ruleId === 'carryover-continuity').length;
    expect(carry('fixtures/json/continuity/2021-broken/report-2023.json')).toBe(5);
    expect(carry('fixtures/json/continuity/2021-clean/report-2023.json')).toBe(5);
  });

  it('does not guess between two reports of the year before', async () => {
    const run = await runWith([
      '-f',
      'json',
      'fixtures/json/continuity/2021-broken',
      'fixtures/json/continuity/2021-clean',
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.files.flatMap((file) => file.rules).filter((rule) => CONTINUITY.includes(rule.id))).toEqual([]);
  });
});
