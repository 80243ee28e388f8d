import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePairedCorpus } from '../helpers/corpus.js';
import { ROOT } from '../helpers/lint.js';
import { BIN, runCliAfter, tempDirEach } from '../helpers/process.js';

const work = tempDirEach('xxgk-scale-');

/** The fixtures that cannot be read (each is an input error, exit 2): left out where a recipe treats exit 2 as a failed job. */
const UNREADABLE = [
  'json/broken/syntax-error.json',
  'pdf/made-damaged.pdf',
  'pdf/made-encrypted.pdf',
  'pdf/made-image-only.pdf',
  'pdf/made-not-a-pdf.pdf',
];

/** A reports folder: a corpus of paired years and a copy of every kind of fixture (PDF, Word, Excel, HTML, text, CSV, JSON), the unreadable ones too unless `readable`. */
function reportsFolder(readable = false): string {
  const reports = join(work.path, 'reports');
  writePairedCorpus(join(reports, 'paired'), 10);
  for (const kind of ['json', 'text', 'csv', 'html', 'docx', 'xlsx', 'pdf'])
    cpSync(join(ROOT, 'fixtures', kind), join(reports, kind), { recursive: true });
  if (readable) for (const file of UNREADABLE) rmSync(join(reports, file));
  return reports;
}

function run(args: readonly string[]) {
  return runCliAfter(args, work.path);
}

describe('--concurrency', () => {
  test('one thread, two workers and auto give the same output and exit code', () => {
    reportsFolder();
    for (const format of ['json', 'stylish']) {
      const one = run(['reports', '-f', format, '--concurrency', '1']);
      expect(one.status).toBe(2);
      for (const concurrency of format === 'json' ? ['2', 'auto'] : ['2']) {
        const other = run(['reports', '-f', format, '--concurrency', concurrency]);
        expect(other.stdout).toBe(one.stdout);
        expect(other.status).toBe(one.status);
      }
    }
  }, 300_000);

  test('a bad value is a usage error', () => {
    const result = run(['x.json', '--concurrency', '0']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--concurrency');
  });
});

describe('--shard and merge', () => {
  test('the shards split the files, each exactly once; merged, they equal one run over every file, in json and stylish', () => {
    reportsFolder();
    const count = 3;
    for (let index = 0; index < count; index += 1) {
      const shard = run(['reports', '--shard', `${index}/${count}`, '-f', 'json', '-o', `shard-${index}.json`]);
      expect([0, 1, 2]).toContain(shard.status);
    }
    const shards = Array.from(
      { length: count },
      (_, index) =>
        JSON.parse(readFileSync(join(work.path, `shard-${index}.json`), 'utf8')) as {
          files: Array<{ file: string; carry?: unknown }>;
        },
    );
    const names = shards.flatMap((shard) => shard.files.map((file) => file.file));
    expect(new Set(names).size).toBe(names.length);
    expect(shards.every((shard) => shard.files.length > 0)).toBe(true);
    expect(shards.flatMap((shard) => shard.files).filter((file) => file.carry).length).toBeGreaterThan(30);
    const shardFiles = shards.map((_, index) => `shard-${index}.json`);
    for (const format of ['json', 'stylish']) {
      const single = run(['reports', '-f', format]);
      const merged = run(['merge', ...shardFiles, '-f', format]);
      expect(merged.stdout).toBe(single.stdout);
      expect(merged.status).toBe(single.status);
    }
    // The year-to-year findings were made in the merge, across shards.
    const mergedJson = run(['merge', ...shardFiles, '-f', 'json']).stdout;
    expect(mergedJson).toContain('carryover-continuity');
    // A merge on a machine without the reports gives the same: the shards carry where each compared cell stands.
    renameSync(join(work.path, 'reports'), join(work.path, 'elsewhere'));
    expect(run(['merge', ...shardFiles, '-f', 'json']).stdout).toBe(mergedJson);
  }, 300_000);

  test('adding a file moves no other file to another shard', () => {
    const reports = join(work.path, 'reports');
    writePairedCorpus(reports, 20, 1);
    const shardOf = () => {
      const owner = new Map<string, number>();
      for (let index = 0; index < 4; index += 1) {
        const shard = run(['reports', '--shard', `${index}/4`, '-f', 'json', '--no-continuity']);
        for (const file of (JSON.parse(shard.stdout) as { files: Array<{ file: string }> }).files)
          owner.set(file.file, index);
      }
      return owner;
    };
    const before = shardOf();
    writeFileSync(join(reports, 'new-report.json'), readFileSync(join(ROOT, 'fixtures/json/clean-2021.json')));
    const after = shardOf();
    expect(after.size).toBe(before.size + 1);
    for (const [file, index] of before) expect(after.get(file)).toBe(index);
  }, 120_000);

  test('--shard must be i/n with i from 0 to n-1', () => {
    for (const value of ['4/4', '1', 'a/b', '-1/3']) {
      const result = run(['x.json', '--shard', value]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('0/4');
    }
  });

  test('a file that is not a JSON result, or of another version, is said and the other shards are still merged', () => {
    const reports = join(work.path, 'reports');
    writePairedCorpus(reports, 2, 1);
    expect(run(['reports', '--shard', '0/1', '-f', 'json', '-o', 'good.json']).status).toBe(1);
    writeFileSync(join(work.path, 'bad.json'), '{"not": "a result"');
    writeFileSync(join(work.path, 'old.json'), JSON.stringify({ version: '0.9', files: [] }));
    const merged = run(['merge', 'good.json', 'bad.json', 'old.json', '-f', 'json']);
    expect(merged.status).toBe(2);
    expect(merged.stderr).toContain('bad.json');
    expect(merged.stderr).toContain('bad.json: this is not an xxgk-lint JSON result');
    expect(merged.stderr).toContain('version 0.9');
    const files = (JSON.parse(merged.stdout) as { files: Array<{ file: string }> }).files.map((file) => file.file);
    expect(files).toEqual(['bad.json', 'old.json', 'reports/0000-2021.json', 'reports/0001-2021.json']);
  });
});

describe('the sharding recipes in docs/recipes, run as their engine would', () => {
  /** The shell commands of a recipe that run xxgk-lint, with npx pointed at this checkout. */
  function commandsOf(recipe: string): string[] {
    return readFileSync(join(ROOT, 'docs/recipes', recipe), 'utf8')
      .split('\n')
      .map((line) => line.replace(/^\s*(- run: |- )/, '').trim())
      .filter((line) => /^npx (--yes )?xxgk-lint /.test(line))
      .map((line) =>
        line.replace(/^npx (--yes )?xxgk-lint (.*?)( \|\|.*)?$/, `"${process.execPath}" "${BIN}" $2 --locale en$3`),
      );
  }

  function sh(command: string, env: Record<string, string> = {}) {
    return spawnSync('sh', ['-c', command], {
      cwd: work.path,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...env },
      timeout: 120_000,
      maxBuffer: 1 << 28,
    });
  }

  test('GitHub Actions: a matrix of 4 shards, then the merge job, gives the SARIF one run gives', () => {
    reportsFolder(true);
    const [shard, merge, ...rest] = commandsOf('github-actions-shards.yml');
    expect(rest).toEqual([]);
    expect(shard).toContain('--shard ${{ matrix.shard }}/4');
    for (let index = 0; index < 4; index += 1)
      expect(sh(shard!.replaceAll('${{ matrix.shard }}', String(index))).status).toBe(0);
    expect(readdirSync(work.path).filter((name) => name.startsWith('shard-'))).toHaveLength(4);
    const merged = sh(merge!);
    expect(merged.status).toBe(1);
    const single = run(['reports', '-f', 'sarif', '-o', 'single.sarif']);
    expect(merged.status).toBe(single.status);
    expect(readFileSync(join(work.path, 'xxgk.sarif'), 'utf8')).toBe(
      readFileSync(join(work.path, 'single.sarif'), 'utf8'),
    );
  }, 300_000);

  test('Kubernetes: an Indexed Job of 4 pods ($JOB_COMPLETION_INDEX), then the merge Job, gives the JSON one run gives', () => {
    reportsFolder(true);
    mkdirSync(join(work.path, 'results'));
    const [shard] = commandsOf('kubernetes-indexed-job.yaml');
    const [merge] = commandsOf('kubernetes-merge-job.yaml');
    expect(shard).toContain('--shard $JOB_COMPLETION_INDEX/4');
    for (let index = 0; index < 4; index += 1)
      expect(sh(shard!, { JOB_COMPLETION_INDEX: String(index) }).status).toBe(0);
    const merged = sh(merge!);
    expect(merged.status).toBe(1);
    const single = run(['reports', '-f', 'json']);
    expect(readFileSync(join(work.path, 'results/merged.json'), 'utf8')).toBe(single.stdout);
  }, 300_000);
});
