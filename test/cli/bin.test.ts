import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/lint.js';

const BIN = join(ROOT, 'bin/xxgk-lint.js');

describe('bin/xxgk-lint.js as a real process', () => {
  it('lints the seed report and exits 0', () => {
    const output = execFileSync(process.execPath, [BIN, 'fixtures/json/seed-2019.json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(output).toContain('0 个错误');
  });

  it('exits 1 on a report that does not add up and 2 on bad JSON, with one line on stderr', () => {
    const wrong = spawnSync(process.execPath, [BIN, 'fixtures/json/broken/applications-one-wrong-cell.json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(wrong.status).toBe(1);
    const bad = spawnSync(process.execPath, [BIN, 'fixtures/json/broken/syntax-error.json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('syntax-error.json:5:35');
  });

  it('reads a real published PDF the way a user runs it, and reaches the verdict', () => {
    const huaian = spawnSync(process.execPath, [BIN, 'fixtures/pdf/huaian-2024.pdf'], { cwd: ROOT, encoding: 'utf8' });
    expect(huaian.stderr).toBe('');
    expect(huaian.status).toBe(0);
    const hongze = spawnSync(process.execPath, [BIN, '--format', 'json', 'fixtures/pdf/hongze-2023.pdf'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(hongze.status).toBe(1);
    const errors = JSON.parse(hongze.stdout).files[0].diagnostics.filter(
      (diagnostic: { severity: string }) => diagnostic.severity === 'error',
    );
    expect(
      errors.filter((diagnostic: { ruleId: string }) => diagnostic.ruleId === 'review-litigation-total'),
    ).toHaveLength(2);
    expect(errors[0].location.page).toBeGreaterThan(0);
  });

  it('reads every kind of input through the real file system', () => {
    const run = spawnSync(
      process.execPath,
      [
        BIN,
        '--format',
        'json',
        'fixtures/docx/seed-2019.docx',
        'fixtures/xlsx/seed-2019.xlsx',
        'fixtures/html/seed-2019.gbk.html',
        'fixtures/csv/seed-2019.gbk.csv',
        'fixtures/text/seed-2019.txt',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const files = JSON.parse(run.stdout).files as { file: string; template: string; error?: unknown }[];
    expect(files.map((file) => [file.template, file.error])).toEqual(files.map(() => ['2019', undefined]));
  });

  it('stops quietly when the reader of its output goes away (xxgk-lint … | head)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, '-f', 'json', 'fixtures/json', 'fixtures/pdf/huaian-2024.pdf'], {
      cwd: ROOT,
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(2);
  });
});
