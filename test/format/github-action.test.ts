import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/lint.js';
import { tempDirEach } from '../helpers/process.js';

const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const temp = tempDirEach('xxgk-action-');
let runs = 0;

/** Runs the action's check step as GitHub would, in a temporary workspace. */
function checkStep(inputs: Record<string, string>) {
  runs += 1;
  const output = join(temp.path, `github-output-${runs}`);
  const run = spawnSync('bash', [join(ROOT, 'scripts/github-action.sh')], {
    cwd: temp.path,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, ...inputs },
    timeout: 60_000,
  });
  return { run, outputs: readFileSync(output, 'utf8') };
}

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action with inputs paths, format and fail-level that uploads SARIF', () => {
    expect(action).toMatch(/^runs:\n {2}using: composite$/m);
    for (const input of ['paths', 'format', 'fail-level', 'sarif-file', 'upload-sarif', 'locale'])
      expect(action).toMatch(new RegExp(`^ {2}${input}:$`, 'm'));
    expect(action).toContain('uses: github/codeql-action/upload-sarif@v3');
    expect(action).toContain('run: bash "$GITHUB_ACTION_PATH/scripts/github-action.sh"');
    for (const variable of ['INPUT_PATHS', 'INPUT_FORMAT', 'INPUT_FAIL_LEVEL', 'INPUT_SARIF_FILE', 'INPUT_LOCALE'])
      expect(action).toContain(`${variable}: \${{ inputs.`);
  });

  it('writes annotations and SARIF, and records exit code 1 on an error without failing the step', () => {
    const { run, outputs } = checkStep({
      INPUT_PATHS: `  ${join(ROOT, 'fixtures/json/broken/applications-one-wrong-cell.json')}\n\n${join(ROOT, 'fixtures/json/clean-2021.json')}\n`,
      INPUT_SARIF_FILE: 'out.sarif',
    });
    expect(run.status).toBe(0);
    expect(outputs).toBe('exit-code=1\n');
    expect(run.stdout).toMatch(
      /^::error file=.+applications-one-wrong-cell\.json,line=55,col=16,title=applications-row-total /m,
    );
    const log = JSON.parse(readFileSync(join(temp.path, 'out.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(log.runs[0]!.results.map((result) => result.ruleId)).toContain('applications-row-total');
  });

  it('passes a clean report, and fails on a warning when fail-level is warning', () => {
    const clean = join(ROOT, 'fixtures/json/clean-2021.json');
    expect(checkStep({ INPUT_PATHS: clean, INPUT_FORMAT: 'compact' }).outputs).toBe('exit-code=0\n');
    const comma = checkStep({
      INPUT_PATHS: join(ROOT, 'fixtures/text/garbled/fail.txt'),
      INPUT_FAIL_LEVEL: 'warning',
      INPUT_FORMAT: 'compact',
    });
    expect(comma.run.stdout).toMatch(/: warning /);
    expect(comma.outputs).toBe('exit-code=1\n');
  });
});
