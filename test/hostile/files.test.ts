import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/lint.js';
import { runCli, tempDirEach } from '../helpers/process.js';
import { runWith } from '../helpers/memory-io.js';
import { lintFiles } from '../../src/pipeline/node-files.js';

const SEED = join(ROOT, 'fixtures/json/seed-2019.json');
const cli = (args: string[], cwd: string) => runCli(args, cwd, 20_000);

const temp = tempDirEach('xxgk-hostile-');

function mkfifo(path: string): boolean {
  try {
    execFileSync('mkfifo', [path]);
    return true;
  } catch {
    return false;
  }
}

describe('inputs that are not regular files, as a real process', () => {
  it('says what a device, a named pipe and a folder named like reports are, and still checks the other files', () => {
    symlinkSync('/dev/zero', join(temp.path, 'zero.json'));
    const fifo = mkfifo(join(temp.path, 'pipe.json'));
    mkdirSync(join(temp.path, 'folder.json'));
    copyFileSync(SEED, join(temp.path, 'ok.json'));
    const run = cli(['zero.json', ...(fifo ? ['pipe.json'] : []), 'folder.json', 'ok.json', '-f', 'json'], temp.path);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('zero.json: this is a device (such as /dev/zero), not a regular file');
    if (fifo) expect(run.stderr).toContain('pipe.json: this is a named pipe (FIFO), not a regular file');
    expect(run.stderr).toContain('folder.json: this is a folder');
    const report = JSON.parse(run.stdout) as { files: { file: string; error?: unknown; template?: string }[] };
    expect(report.files.find((file) => file.file === 'ok.json')).toMatchObject({ template: '2019' });
    expect(run.stderr).not.toMatch(/E[A-Z]{3,}|\bat .*\.js:\d+/);
  });

  it(`says a file cannot be read for lack of permission${process.getuid?.() === 0 ? ' (running as root, which reads a chmod 000 file: only that the run completes is checked)' : ''}`, () => {
    const locked = join(temp.path, 'locked.json');
    copyFileSync(SEED, locked);
    chmodSync(locked, 0o000);
    const run = cli(['locked.json'], temp.path);
    if (process.getuid?.() !== 0) {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('locked.json: permission denied');
      expect(run.stderr).not.toContain('EACCES');
    } else {
      expect(run.status).toBe(0);
    }
  });

  it('names a missing file without a Node error code (lintFiles)', async () => {
    const results = await lintFiles([join(temp.path, 'missing.json'), join(temp.path, 'zero.json')]);
    expect(results.files[0]?.error?.messageId).toBe('not-found');
  });
});

describe('output files', () => {
  it('refuses an --output-file that is one of the inputs (exit 2, the input untouched)', async () => {
    copyFileSync(SEED, join(temp.path, 'report.json'));
    const run = cli(['report.json', '-f', 'json', '-o', './report.json'], temp.path);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the output file ./report.json is also an input of this run');
    expect(readFileSync(join(temp.path, 'report.json'), 'utf8')).toBe(readFileSync(SEED, 'utf8'));
    const convert = cli(['convert', 'report.json', '-o', 'report.json'], temp.path);
    expect(convert.status).toBe(2);
    expect(convert.stderr).toContain('is also an input');
    const inProcess = await runWith([
      'fixtures/json/seed-2019.json',
      '-f',
      'json',
      '-o',
      'fixtures/json/seed-2019.json',
    ]);
    expect(inProcess.code).toBe(2);
    expect(inProcess.written.size).toBe(0);
  });

  it('writes through a temporary file and leaves no temporary behind', () => {
    writeFileSync(join(temp.path, 'out.json'), 'old');
    const run = cli([SEED, '-f', 'json', '-o', 'out.json'], temp.path);
    expect(run.status).toBe(0);
    expect(JSON.parse(readFileSync(join(temp.path, 'out.json'), 'utf8')).summary.files).toBe(1);
    expect(readdirSync(temp.path)).toEqual(['out.json']);
  });

  it('a failed write says which file and why, in words, and the other outputs are still written', () => {
    mkdirSync(join(temp.path, 'folder'));
    const run = cli(
      [
        SEED,
        '-f',
        'json',
        '-o',
        join(temp.path, 'no-such-folder', 'out.json'),
        '-f',
        'sarif',
        '-o',
        'folder',
        '-f',
        'compact',
        '-o',
        'out.txt',
      ],
      temp.path,
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      `cannot write ${join(temp.path, 'no-such-folder', 'out.json')}: the folder does not exist`,
    );
    expect(run.stderr).toContain('cannot write folder: it is a folder');
    expect(run.stderr).not.toMatch(/ENOENT|EISDIR|EACCES|\n\s+at /);
    expect(readFileSync(join(temp.path, 'out.txt'), 'utf8')).toContain('seed-2019.json');
    expect(existsSync(join(temp.path, 'no-such-folder'))).toBe(false);
  });

  it(`a read-only folder keeps the old file${process.getuid?.() === 0 ? ' (running as root, which writes anyway: only that the old file is whole or replaced whole is checked)' : ''}`, () => {
    const folder = join(temp.path, 'ro');
    mkdirSync(folder);
    writeFileSync(join(folder, 'out.json'), 'old');
    chmodSync(folder, 0o555);
    const run = cli([SEED, '-f', 'json', '-o', join(folder, 'out.json')], temp.path);
    chmodSync(folder, 0o755);
    const text = readFileSync(join(folder, 'out.json'), 'utf8');
    if (process.getuid?.() !== 0) {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('permission denied');
      expect(text).toBe('old');
    } else {
      expect(text === 'old' || JSON.parse(text).summary.files === 1).toBe(true);
    }
    expect(readdirSync(folder)).toEqual(['out.json']);
  });
});
