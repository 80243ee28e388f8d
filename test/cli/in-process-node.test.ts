// The parts of the CLI that only a real process uses (shards and merge, the cache on disk, the web page's server),
// run in-process over the real file system, so that what they do is checked line by line and not only through a
// spawned process (test/cli/scale.test.ts and cache.test.ts run the same paths as real processes).
import { beforeAll, jest } from '@jest/globals';
import { chmodSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { FileResult } from '../../src/diagnostics/types.js';
import { webCommand } from '../../src/cli/web-command.js';
import { cachedCheck, usableLocation } from '../../src/pipeline/node-cache.js';
import type { LintInputOptions } from '../../src/pipeline/lint.js';
import { writePairedCorpus } from '../helpers/corpus.js';
import { ROOT } from '../helpers/lint.js';
import { realIO, runIn, tempTree } from './temp-io.js';

jest.setTimeout(60_000);

describe('--shard and merge, in-process', () => {
  const root = tempTree({});
  writePairedCorpus(join(root, 'reports'), 3, 2);

  beforeAll(async () => {
    for (let index = 0; index < 2; index += 1) {
      const shard = await runIn(root, [
        'reports',
        '--concurrency',
        '1',
        '--shard',
        `${index}/2`,
        '-f',
        'json',
        '-o',
        `shard-${index}.json`,
      ]);
      expect([0, 1]).toContain(shard.code);
    }
  });

  it('the merged shards give what one run over every file gives, in json and stylish', async () => {
    for (const format of ['json', 'stylish']) {
      const single = await runIn(root, ['reports', '--concurrency', '1', '-f', format]);
      const merged = await runIn(root, ['merge', 'shard-0.json', 'shard-1.json', '-f', format]);
      expect(merged.stdout).toBe(single.stdout);
      expect(merged.code).toBe(single.code);
    }
  });

  it.each([
    ['not JSON', '{', 'bad.json: 这不是 xxgk-lint 的 JSON 结果'],
    ['no files list', '{"version":"1.1"}', 'no "files" list'],
    ['another version', '{"version":"0.9","files":[]}', '0.9'],
    ['a file entry that is not a result', '{"version":"1.1","files":[{"file":3}]}', 'files[0]'],
  ])('a shard that is %s is said, exit 2, and the other shard is still merged', async (_, text, said) => {
    writeFileSync(join(root, 'bad.json'), text);
    const merged = await runIn(root, ['merge', 'shard-0.json', 'bad.json', 'missing.json', '-f', 'json']);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain(said);
    expect(merged.stderr).toContain('missing.json');
    const files = (JSON.parse(merged.stdout) as { files: Array<{ file: string }> }).files.map((file) => file.file);
    expect(files).toContain('bad.json');
    expect(files.some((file) => file.startsWith('reports/'))).toBe(true);
  });
});

describe('--cache, in-process', () => {
  it('the second run takes every result from the cache; a corrupt entry is said and the file checked again', async () => {
    const root = tempTree({});
    writePairedCorpus(join(root, 'reports'), 2, 2);
    const args = ['reports', '--concurrency', '1', '--cache', '--cache-location', 'cache', '-f', 'json'];
    const first = await runIn(root, args);
    const entries = readdirSync(join(root, 'cache'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    expect(entries).toHaveLength(4);
    const second = await runIn(root, args);
    expect(second.stdout).toBe(first.stdout);
    writeFileSync(entries[0]!, '{"file":');
    const third = await runIn(root, args);
    expect(third.stderr).toContain(entries[0]!);
    expect(third.stdout).toBe(first.stdout);
  });

  it('a cache location that is a file is said, and the run goes on without a cache', async () => {
    const root = tempTree({ cache: 'not a folder' });
    writePairedCorpus(join(root, 'reports'), 1, 1);
    const run = await runIn(root, ['reports', '--concurrency', '1', '--cache', '--cache-location', 'cache']);
    expect(run.stderr).toContain('cache');
    expect(readFileSync(join(root, 'cache'), 'utf8')).toBe('not a folder');
    expect([0, 1]).toContain(run.code);
  });
});

describe('outputs written as they come, in-process', () => {
  const root = tempTree({});
  writePairedCorpus(join(root, 'reports'), 2, 1);
  /** The run over the reports folder in this thread, with these options. */
  const runReports = (args: string[], options: { env?: Record<string, string> } = {}) =>
    runIn(root, ['reports', '--concurrency', '1', ...args], options);

  it('an output file that cannot be opened is said once, exit 2, and the other outputs are still written', async () => {
    const run = await runReports(['-f', 'json', '-o', 'no/folder/a.json', '-f', 'compact']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('no/folder/a.json').length - 1).toBe(1);
    expect(run.stdout).toContain('reports/0000-2021.json');
  });

  it('two outputs at once: each file gets its own format, made whole at the end', async () => {
    const run = await runReports(['-f', 'json', '-o', 'a.json', '-f', 'junit', '-o', 'a.xml']);
    expect(run.code).toBe(1);
    expect(JSON.parse(readFileSync(join(root, 'a.json'), 'utf8'))).toMatchObject({ version: '1.1' });
    expect(readFileSync(join(root, 'a.xml'), 'utf8')).toMatch(/^<\?xml/u);
  });

  it('--format github writes the job summary to GITHUB_STEP_SUMMARY, and says when it cannot', async () => {
    const summary = join(root, 'summary.md');
    writeFileSync(summary, 'before\n');
    const run = await runReports(['-f', 'github'], {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error');
    expect(readFileSync(summary, 'utf8')).toMatch(/^before\n[^]*\|/u);
    const failed = await runReports(['-f', 'github'], {
      env: { GITHUB_STEP_SUMMARY: join(root, 'no/folder/summary.md') },
    });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('no/folder/summary.md');
  });

  it('--quiet shows errors only; --max-warnings counts the warnings all the same', async () => {
    const quiet = await runReports(['--quiet', '-f', 'json']);
    const files = (JSON.parse(quiet.stdout) as { files: Array<{ diagnostics: Array<{ severity: string }> }> }).files;
    expect(files.flatMap((file) => file.diagnostics).every((diagnostic) => diagnostic.severity === 'error')).toBe(true);
    const warned = tempTree({});
    writeFileSync(join(warned, 'a.txt'), readFileSync(join(ROOT, 'fixtures/text/huaian-2024.plain.txt')));
    const over = await runIn(warned, ['a.txt', '--concurrency', '1', '--max-warnings', '0', '--locale', 'en']);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/1 warning/u);
    expect((await runIn(warned, ['a.txt', '--concurrency', '1', '--max-warnings', '1'])).code).toBe(0);
    expect((await runIn(warned, ['a.txt', '--concurrency', '1', '--fail-on', 'warning'])).code).toBe(1);
  });
});

describe('cachedCheck', () => {
  const options: LintInputOptions = {};
  const result = (file: string, extra: Partial<FileResult> = {}): FileResult => ({
    file,
    diagnostics: [],
    rules: [],
    ...extra,
  });

  it('checks a file once per name, bytes and settings', async () => {
    const location = join(tempTree({}), 'cache');
    const calls: string[] = [];
    const check = cachedCheck({ location, version: '1' }, { corrupt: () => {} }, async (_bytes, file) => {
      calls.push(file);
      return result(file);
    });
    const bytes = new TextEncoder().encode('{}');
    await check(bytes, 'a.json', options);
    await check(bytes, 'a.json', options);
    await check(bytes, 'b.json', options);
    await check(new TextEncoder().encode('{ }'), 'a.json', options);
    await check(bytes, 'a.json', { strict: true });
    expect(calls).toEqual(['a.json', 'b.json', 'a.json', 'a.json']);
    expect(usableLocation(location)).toBe(true);
    expect(usableLocation(join(location, 'not-yet'))).toBe(true);
  });

  it('never keeps a result that depends on the moment: a time limit or an internal error', async () => {
    const location = join(tempTree({}), 'cache');
    let calls = 0;
    const errors = [
      { kind: 'input', messageId: 'time-limit' },
      { kind: 'internal', messageId: 'internal-error' },
    ];
    for (const error of errors) {
      const check = cachedCheck({ location, version: '1' }, { corrupt: () => {} }, async (_bytes, file) => {
        calls += 1;
        return result(file, { error } as Partial<FileResult>);
      });
      await check(new Uint8Array([1]), 'x.pdf', options);
      await check(new Uint8Array([1]), 'x.pdf', options);
    }
    expect(calls).toBe(4);
  });

  it('an entry of another file, or not a result, is said as corrupt and not trusted', async () => {
    const location = join(tempTree({}), 'cache');
    const corrupt: string[] = [];
    let calls = 0;
    const check = cachedCheck(
      { location, version: '1' },
      { corrupt: (path) => corrupt.push(path) },
      async (_b, file) => {
        calls += 1;
        return result(file);
      },
    );
    await check(new Uint8Array([1]), 'x.json', options);
    const [entry] = readdirSync(location, { recursive: true, withFileTypes: true })
      .filter((found) => found.isFile())
      .map((found) => join(found.parentPath, found.name));
    for (const text of ['[]', '{"file":"y.json","diagnostics":[],"rules":[]}', '{"file":"x.json","rules":[]}']) {
      writeFileSync(entry!, text);
      await check(new Uint8Array([1]), 'x.json', options);
    }
    expect(corrupt).toEqual([entry, entry, entry]);
    expect(calls).toBe(4);
  });

  it('a folder it cannot write only costs time: the result stands', async () => {
    const folder = tempTree({});
    const location = join(folder, 'cache');
    mkdirSync(location);
    chmodSync(location, 0o500);
    try {
      const check = cachedCheck({ location, version: '1' }, { corrupt: () => {} }, async (_b, file) => result(file));
      await expect(check(new Uint8Array([1]), 'x.json', options)).resolves.toMatchObject({ file: 'x.json' });
    } finally {
      chmodSync(location, 0o700);
    }
    expect(usableLocation(join(folder, 'file'))).toBe(true);
    writeFileSync(join(folder, 'file'), '');
    expect(usableLocation(join(folder, 'file'))).toBe(false);
  });
});

describe('xxgk-lint web, in-process', () => {
  it('writes the page to standard output or to a file, and says when the file cannot be written', async () => {
    const root = tempTree({});
    const io = realIO(root);
    expect(await webCommand({ outputFile: '-', port: 0, locale: 'en' }, io)).toBe(0);
    expect(io.out()).toMatch(/^<!doctype html>/iu);
    expect(await webCommand({ outputFile: 'page.html', port: 0, locale: 'en' }, io)).toBe(0);
    expect(readFileSync(join(root, 'page.html'), 'utf8')).toBe(io.out());
    expect(io.err()).toContain('page.html');
    expect(await webCommand({ outputFile: 'no/such/folder/page.html', port: 0, locale: 'en' }, io)).toBe(2);
    expect(io.err()).toContain('no/such/folder/page.html');
  });

  it('serves the page on 127.0.0.1 at / and /index.html, 404 elsewhere, until stopped', async () => {
    const io = realIO(tempTree({}));
    const stop = new AbortController();
    const served = webCommand({ port: 0, locale: 'en' }, io, stop.signal);
    while (!/http:\/\/127\.0\.0\.1:\d+\//u.test(io.out())) await new Promise((resolve) => setTimeout(resolve, 10));
    const url = /http:\/\/127\.0\.0\.1:\d+\//u.exec(io.out())![0];
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toMatch(/^<!doctype html>/iu);
    expect((await fetch(`${url}index.html?x=1`)).status).toBe(200);
    const head = await fetch(url, { method: 'HEAD' });
    expect(await head.text()).toBe('');
    expect((await fetch(`${url}other`)).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(404);
    stop.abort();
    expect(await served).toBe(0);
  });

  it('a port already taken is said, exit 2; a signal already given stops the server at once', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const io = realIO(tempTree({}));
      expect(await webCommand({ port, locale: 'en' }, io)).toBe(2);
      expect(io.err()).toContain(String(port));
    } finally {
      blocker.close();
    }
    const stopped = new AbortController();
    stopped.abort();
    expect(await webCommand({ port: 0, locale: 'en' }, realIO(tempTree({})), stopped.signal)).toBe(0);
  });
});
