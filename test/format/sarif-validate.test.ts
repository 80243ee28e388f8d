import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sarif } from '../../src/format/sarif.js';
import { allFixtureResults } from './all-fixtures.js';

// @microsoft/sarif-multitool exports the path of the validator's native binary for this platform.
const MULTITOOL = createRequire(import.meta.url)('@microsoft/sarif-multitool') as string;

interface Problem {
  ruleId: string;
  level: string;
  message: string;
}

let folder = '';
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'xxgk-sarif-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Microsoft's SARIF validator with its SARIF and GitHub rule sets: every error and warning it reports on the log. */
function validate(log: string, name: string): Problem[] {
  const input = join(folder, `${name}.sarif`);
  const output = join(folder, `${name}.validation.sarif`);
  writeFileSync(input, log);
  const run = spawnSync(
    MULTITOOL,
    ['validate', '--rule-kind', 'Sarif;Gh', input, '--output', output, '--log', 'ForceOverwrite'],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (run.error) throw run.error;
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    runs: {
      results?: { ruleId: string; level?: string; message: { text?: string; arguments?: string[] } }[];
      invocations?: { executionSuccessful: boolean }[];
    }[];
  };
  expect(report.runs[0]!.invocations?.[0]?.executionSuccessful).toBe(true);
  return (report.runs[0]!.results ?? [])
    .filter((result) => result.level === undefined || result.level === 'error' || result.level === 'warning')
    .map((result) => ({
      ruleId: result.ruleId,
      level: result.level ?? 'warning',
      message: (result.message.arguments ?? []).join(' | '),
    }));
}

describe('SARIF against Microsoft’s SARIF Multitool (validate, SARIF and GitHub rules)', () => {
  it.each(['relative', 'absolute'] as const)(
    'has no error and no warning for every fixture, with %s paths',
    async (paths) => {
      const log = sarif(await allFixtureResults(paths), { locale: 'zh-CN', color: false, version: '0.1.0' });
      expect(validate(log, paths)).toEqual([]);
    },
    180_000,
  );

  it('reports what GitHub would reject: a rule without help, a result without a region (the check can fail)', async () => {
    const log = JSON.parse(sarif(await allFixtureResults('relative'), { locale: 'en', color: false })) as {
      runs: {
        tool: { driver: { rules: { help?: unknown }[] } };
        results: { locations: { physicalLocation: { region?: unknown } }[] }[];
      }[];
    };
    delete log.runs[0]!.tool.driver.rules[0]!.help;
    delete log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region;
    const problems = validate(JSON.stringify(log), 'broken');
    expect(problems.map((problem) => problem.ruleId)).toEqual(expect.arrayContaining(['GH2012', 'SARIF2017']));
  }, 180_000);
});
