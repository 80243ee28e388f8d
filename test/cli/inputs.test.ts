import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { findInputs } from '../../src/cli/inputs.js';
import type { CliIO } from '../../src/cli/io.js';
import { ROOT } from '../helpers/lint.js';
import { realIO, runIn, tempTree } from './temp-io.js';

const SEED = readFileSync(join(ROOT, 'fixtures/json/seed-2019.json'));
const CLEAN_HTML = readFileSync(join(ROOT, 'fixtures/html/clean-2021.html'));
const REPORT_MD = '# 某区2023年政府信息公开工作年度报告\n\n## 一、总体情况\n';
const NOTES_MD = '# 会议纪要\n\n下周讨论预算。\n';

describe('findInputs: globs and paths as written', () => {
  const root = tempTree({
    'reports 2023/年报 目录/seed-2019.json': SEED,
    'reports 2023/年报 目录/clean-2021.html': CLEAN_HTML,
    'reports 2023/notes.md': NOTES_MD,
    'reports 2023/区报告.md': REPORT_MD,
    'work/.keep': '',
  });
  const cwd = join(root, 'work');
  const io = realIO(cwd);

  it('matches a relative ../ glob, an absolute one and one with \\ separators, naming files as the pattern is written', async () => {
    expect((await findInputs(['../reports 2023/**/*.json'], io)).files).toEqual([
      '../reports 2023/年报 目录/seed-2019.json',
    ]);
    expect((await findInputs([`${root}/reports 2023/**/*.json`], io)).files).toEqual([
      join(root, 'reports 2023/年报 目录/seed-2019.json'),
    ]);
    expect((await findInputs(['..\\reports 2023\\**\\*.html'], io)).files).toEqual([
      '../reports 2023/年报 目录/clean-2021.html',
    ]);
    expect((await findInputs(['../reports 2023/*/seed-201[0-9].json'], io)).files).toEqual([
      '../reports 2023/年报 目录/seed-2019.json',
    ]);
  });

  it('takes a path with spaces and Chinese characters as written, and a file whose name has glob characters when it exists', async () => {
    const odd = tempTree({ '报告[2023].json': SEED });
    expect((await findInputs(['../reports 2023/年报 目录/seed-2019.json'], io)).files).toEqual([
      '../reports 2023/年报 目录/seed-2019.json',
    ]);
    expect((await findInputs(['报告[2023].json'], realIO(odd))).files).toEqual(['报告[2023].json']);
  });

  it('yields the reports of a directory by their content, not every .md', async () => {
    const found = await findInputs(['../reports 2023'], io, { explain: true });
    expect(found.files).toEqual([
      '../reports 2023/区报告.md',
      '../reports 2023/年报 目录/clean-2021.html',
      '../reports 2023/年报 目录/seed-2019.json',
    ]);
    expect(found.skipped).toContainEqual({ path: '../reports 2023/notes.md', reason: { why: 'no-report-content' } });
    expect(found.found).toContainEqual({
      file: '../reports 2023/区报告.md',
      reason: { how: 'directory', directory: '../reports 2023', verdict: 'heading' },
    });
  });

  it('names a file once however often it is found', async () => {
    const found = await findInputs(
      ['../reports 2023/年报 目录/seed-2019.json', '../reports 2023/**/*.json', `${root}/reports 2023`],
      io,
    );
    expect(found.files.filter((file) => file.endsWith('seed-2019.json'))).toEqual([
      '../reports 2023/年报 目录/seed-2019.json',
    ]);
  });

  it('says which globs matched nothing and which directories held no report', async () => {
    const empty = tempTree({ 'docs/notes.md': NOTES_MD });
    const found = await findInputs(['**/*.pdf', 'docs', '-'], realIO(empty));
    expect(found.unmatched).toEqual([
      { pattern: '**/*.pdf', kind: 'glob' },
      { pattern: 'docs', kind: 'directory' },
    ]);
    expect(found.files).toEqual(['-']);
  });
});

describe('findInputs: ignore files and patterns (gitignore syntax)', () => {
  const root = tempTree({
    '.gitignore': 'build/\n*.bak.json\n!keep.bak.json\n',
    '.xxgklintignore': '/草稿\n',
    'reports/a.json': SEED,
    'reports/keep.bak.json': SEED,
    'reports/old.bak.json': SEED,
    'reports/build/b.json': SEED,
    'reports/草稿/c.json': SEED,
    '草稿/d.json': SEED,
    'reports/deep/.gitignore': 'e.json\n',
    'reports/deep/e.json': SEED,
    'reports/deep/f.json': SEED,
    'reports/x/y/z/g.json': SEED,
    'node_modules/pkg/h.json': SEED,
    'conf/xxgk-lint.config.json': '{}',
  });
  const io = realIO(root);
  const all = [
    'reports/a.json',
    'reports/build/b.json',
    'reports/deep/e.json',
    'reports/deep/f.json',
    'reports/keep.bak.json',
    'reports/old.bak.json',
    'reports/x/y/z/g.json',
    'reports/草稿/c.json',
    '草稿/d.json',
  ];

  it('honours .gitignore and .xxgklintignore of the working folder and the .gitignore of each folder walked: dir/, negation, anchored', async () => {
    const found = await findInputs(['.'], io, { explain: true });
    expect(found.files).toEqual([
      'reports/a.json',
      'reports/deep/f.json',
      'reports/keep.bak.json',
      'reports/x/y/z/g.json',
      'reports/草稿/c.json',
    ]);
    expect(found.skipped).toContainEqual({
      path: 'reports/deep/e.json',
      reason: { why: 'ignored', by: 'reports/deep/.gitignore: e.json' },
    });
    expect(found.skipped).toContainEqual({ path: '草稿', reason: { why: 'ignored', by: '.xxgklintignore: /草稿' } });
    expect(found.skipped).toContainEqual({ path: 'node_modules', reason: { why: 'default-ignored' } });
  });

  it('applies --ignore-pattern (relative to the working folder, ** and negation) and the configuration ignores (relative to its folder)', async () => {
    const byFlag = await findInputs(['reports/**/*.json'], io, {
      ignore: true,
      ignorePatterns: ['reports/x/**', '!reports/build/'],
    });
    expect(byFlag.files).toEqual([
      'reports/a.json',
      'reports/build/b.json',
      'reports/deep/f.json',
      'reports/keep.bak.json',
      'reports/草稿/c.json',
    ]);
    const byConfig = await findInputs(['reports'], io, {
      configIgnores: { patterns: ['../reports/a.json', 'x/'], base: join(root, 'conf') },
    });
    expect(byConfig.files).toContain('reports/a.json');
    const byConfigHere = await findInputs(['reports'], io, {
      configIgnores: { patterns: ['reports/a.json', 'x/'], base: root },
    });
    expect(byConfigHere.files).not.toContain('reports/a.json');
    expect(byConfigHere.files).not.toContain('reports/x/y/z/g.json');
  });

  it('turns every ignore off with ignore: false (--no-ignore), but never walks node_modules or dot folders', async () => {
    const found = await findInputs(['.'], io, { ignore: false });
    expect(found.files).toEqual(all);
  });

  it('says when a glob matched only ignored files, and does not walk deeper than a glob without ** can match', async () => {
    expect((await findInputs(['reports/*.bak.json'], io, { ignorePatterns: ['*.bak.json'] })).unmatched).toEqual([
      { pattern: 'reports/*.bak.json', kind: 'ignored' },
    ]);
    const shallow = await findInputs(['reports/*/*.json'], io, { explain: true });
    expect(shallow.files).toEqual(['reports/deep/f.json', 'reports/草稿/c.json']);
    expect(shallow.skipped.map((entry) => entry.path)).not.toContain('reports/x/y/z/g.json');
    expect((await findInputs(['reports/**/g.json'], io)).files).toEqual(['reports/x/y/z/g.json']);
  });

  it('always checks a file named on the command line, ignored or not', async () => {
    const found = await findInputs(['reports/old.bak.json', 'reports/deep/e.json'], io, {
      ignorePatterns: ['reports/'],
    });
    expect(found.files).toEqual(['reports/old.bak.json', 'reports/deep/e.json']);
  });
});

describe('findInputs: what the file system holds', () => {
  it('follows a symlink to a file, does not walk a symlink to a folder, passes over a broken one', async () => {
    const root = tempTree({ 'real/a.json': SEED, 'in/b.json': SEED });
    symlinkSync(join(root, 'real/a.json'), join(root, 'in/link.json'));
    symlinkSync(join(root, 'real'), join(root, 'in/folder'));
    symlinkSync(join(root, 'nowhere.json'), join(root, 'in/broken.json'));
    symlinkSync(join(root, 'in'), join(root, 'in/loop'));
    const found = await findInputs(['in'], realIO(root), { explain: true });
    expect(found.files).toEqual(['in/b.json', 'in/link.json']);
    expect(found.skipped).toEqual(
      expect.arrayContaining([
        { path: 'in/folder', reason: { why: 'symlinked-directory' } },
        { path: 'in/loop', reason: { why: 'symlinked-directory' } },
        { path: 'in/broken.json', reason: { why: 'broken-link' } },
      ]),
    );
    expect(await realIO(root).pathKind('in/broken.json')).toBe('broken-link');
    expect(await realIO(root).pathKind('in/none.json')).toBeUndefined();
  });

  it('reports a folder that cannot be read, and still takes the others', async () => {
    const root = tempTree({ 'ok/a.json': SEED, 'locked/b.json': SEED });
    const io = realIO(root);
    const refusing: CliIO = {
      ...io,
      readDirectory: async (path) => {
        if (path.endsWith('locked')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return io.readDirectory(path);
      },
    };
    const found = await findInputs(['.'], refusing);
    expect(found.files).toEqual(['ok/a.json']);
    expect(found.unreadable.map((entry) => entry.path)).toEqual(['locked']);
  });

  it('takes a file in a directory whose start cannot be read, so reading it says why', async () => {
    const root = tempTree({ 'in/a.json': SEED, 'in/b.md': REPORT_MD });
    const io = realIO(root);
    const failing: CliIO = {
      ...io,
      readHead: async () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })),
    };
    expect((await findInputs(['in'], failing)).files).toEqual(['in/a.json', 'in/b.md']);
  });

  it('skips special files (a FIFO) while walking', async () => {
    const root = tempTree({ 'in/a.json': SEED });
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(root, 'in/pipe.json')]);
    const found = await findInputs(['in'], realIO(root), { explain: true });
    expect(found.files).toEqual(['in/a.json']);
    expect(found.skipped).toContainEqual({ path: 'in/pipe.json', reason: { why: 'special-file' } });
  });
});

describe('xxgk-lint over real folders (in-process)', () => {
  it('exits 2 saying so when a glob matches nothing or a folder holds no report', async () => {
    const root = tempTree({ 'docs/notes.md': NOTES_MD, 'empty/.keep': '' });
    const glob = await runIn(root, ['reports/**/*.pdf']);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toContain('没有文件与 reports/**/*.pdf 匹配');
    expect(glob.stderr).toContain('--no-error-on-unmatched-pattern');
    const folder = await runIn(root, ['--locale', 'en', 'docs']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('the folder docs holds no report');
    const ignored = await runIn(root, ['--ignore-pattern', 'docs/', 'docs/*.md']);
    expect(ignored.code).toBe(2);
    expect(ignored.stderr).toContain('与 docs/*.md 匹配的文件都被忽略了');
    const ignoredFolder = await runIn(root, ['--ignore-pattern', '*.md', 'docs']);
    expect(ignoredFolder.stderr).toContain('与 docs 匹配的文件都被忽略了');
    const empty = await runIn(root, ['empty']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('文件夹 empty 中没有报告');
  });

  it('with --no-error-on-unmatched-pattern exits 0 and says 0 files were checked', async () => {
    const root = tempTree({ 'docs/notes.md': NOTES_MD });
    const run = await runIn(root, ['--no-error-on-unmatched-pattern', '--locale', 'en', 'docs', '**/*.pdf']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('xxgk-lint: 0 files were checked\n');
    const some = await runIn(root, [
      '--no-error-on-unmatched-pattern',
      '**/*.pdf',
      join(ROOT, 'fixtures/json/seed-2019.json'),
    ]);
    expect(some.code).toBe(0);
    expect(some.stderr).toBe('');
  });

  it('checks a file named on the command line whatever it holds; a folder that cannot be read is an input error', async () => {
    const root = tempTree({ 'notes.md': NOTES_MD });
    const run = await runIn(root, ['-f', 'json', 'notes.md']);
    expect(JSON.parse(run.stdout).files.map((file: { file: string }) => file.file)).toEqual(['notes.md']);
    const io = realIO(root);
    const refusing = {
      ...io,
      readDirectory: async () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
    };
    const { main } = await import('../../src/cli/main.js');
    expect(await main(['--locale', 'en', '.'], refusing)).toBe(2);
    expect(io.err()).toBe('xxgk-lint: .: cannot read this folder: EACCES\n');
  });

  it('reads ignores from the configuration, relative to its folder', async () => {
    const root = tempTree({
      'xxgk-lint.config.json': JSON.stringify({ ignores: ['old/'] }),
      'old/a.json': SEED,
      'new/b.json': SEED,
    });
    const run = await runIn(root, ['-f', 'json', '.']);
    expect(JSON.parse(run.stdout).files.map((file: { file: string }) => file.file)).toEqual(['new/b.json']);
    const all = await runIn(root, ['-f', 'json', '--no-ignore', '.']);
    expect(JSON.parse(all.stdout).files.map((file: { file: string }) => file.file)).toEqual([
      'new/b.json',
      'old/a.json',
    ]);
    const flagged = await runIn(root, ['-f', 'json', '--ignore-pattern', 'new/', '.', 'old/a.json']);
    expect(flagged.code).toBe(2);
    expect(
      JSON.parse(flagged.stdout).files.map((file: { file: string; error?: { messageId: string } }) => [
        file.file,
        file.error?.messageId,
      ]),
    ).toEqual([
      ['.', 'all-ignored'],
      ['old/a.json', undefined],
    ]);
  });

  it('reports each input the file system refuses with its own message, and checks the others', async () => {
    const root = tempTree({ 'good.json': SEED, 'file.txt': 'x' });
    mkdirSync(join(root, 'folder.json'));
    symlinkSync(join(root, 'good.json'), join(root, 'link.json'));
    symlinkSync(join(root, 'gone.json'), join(root, 'broken.json'));
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(root, 'pipe.json')]);
    const run = await runIn(root, [
      '-f',
      'json',
      'good.json',
      'link.json',
      'missing.json',
      'folder.json',
      'pipe.json',
      'broken.json',
      'file.txt/inside.json',
      `${root}/absent/*.json`,
    ]);
    expect(run.code).toBe(2);
    const outcome = Object.fromEntries(
      (JSON.parse(run.stdout).files as { file: string; template?: string; error?: { messageId: string } }[]).map(
        (file) => [file.file, file.error?.messageId ?? file.template],
      ),
    );
    expect(outcome).toEqual({
      'good.json': '2019',
      'link.json': '2019',
      'missing.json': 'not-found',
      'folder.json': 'is-directory',
      'pipe.json': 'is-fifo',
      'broken.json': 'not-found',
      'file.txt/inside.json': expect.stringMatching(/not-found|unreadable/u),
      [`${root}/absent/*.json`]: 'no-match',
    });
  });

  it('says a file that cannot be read for want of permission is so (as root, the refusal is injected)', async () => {
    const root = tempTree({ 'a.json': SEED, 'b.json': SEED });
    const io = realIO(root);
    const refusing: CliIO = {
      ...io,
      readFile: async (path, limit) =>
        path.endsWith('b.json')
          ? Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }))
          : io.readFile(path, limit),
    };
    const { main } = await import('../../src/cli/main.js');
    expect(await main(['--locale', 'en', '-f', 'compact', '.'], refusing)).toBe(2);
    expect(io.err()).toBe('xxgk-lint: b.json: permission denied: the file cannot be read by this user\n');
  });
});
