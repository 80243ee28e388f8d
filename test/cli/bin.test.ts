import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/lint.js';

const BIN = join(ROOT, 'bin/xxgk-lint.js');

describe('bin/xxgk-lint.js as a real process', () => {
  it('lints the seed report and exits 0', () => {
    const output = execFileSync(process.execPath, [BIN, 'fixtures/json/seed-2019.json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(output).toContain('0 个错误');
  });

  it('exits 1 on a report that does not add up and 2 on bad JSON, with one line on stderr', () => {
    const wrong = spawnSync(process.execPath, [BIN, 'fixtures/json/broken/applications-one-wrong-cell.json'], { cwd: ROOT, encoding: 'utf8' });
    expect(wrong.status).toBe(1);
    const bad = spawnSync(process.execPath, [BIN, 'fixtures/json/broken/syntax-error.json'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('syntax-error.json:5:35');
  });
});
