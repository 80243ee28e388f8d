import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Ajv } from 'ajv';
import type { FileResult, LintResults } from '../../src/diagnostics/types.js';
import { FORMATTERS, FORMAT_NAMES, STREAM_FORMATTERS } from '../../src/format/index.js';
import type { FormatName, FormatOptions, FormatStream } from '../../src/format/types.js';
import { ROOT } from '../helpers/lint.js';
import { formatterResults } from './mixed.js';

const zh: FormatOptions = { locale: 'zh-CN', color: false, version: '0.1.0' };

/** Wraps a value in revocable proxies all the way down; `revoke` makes every later read of it throw. */
function revocable<T>(value: T): { proxy: T; revoke: () => void } {
  const revokers: (() => void)[] = [];
  const wrap = (target: unknown): unknown => {
    if (target === null || typeof target !== 'object') return target;
    const cache = new Map<PropertyKey, unknown>();
    const { proxy, revoke } = Proxy.revocable(target, {
      get(object, key, receiver) {
        if (!cache.has(key)) cache.set(key, wrap(Reflect.get(object, key, receiver)));
        return cache.get(key);
      },
    });
    revokers.push(revoke);
    return proxy;
  };
  return { proxy: wrap(value) as T, revoke: () => revokers.forEach((revoke) => revoke()) };
}

/** Streams the files one by one, revoking each file's data as soon as its chunk is written. */
function streamRevoking(name: FormatName, results: LintResults): { chunks: string[]; text: string } {
  const stream = STREAM_FORMATTERS[name](zh);
  const chunks = [stream.begin()];
  for (const file of results.files) {
    const { proxy, revoke } = revocable(file);
    chunks.push(stream.file(proxy));
    revoke();
  }
  chunks.push(stream.end(results.summary));
  return { chunks, text: chunks.join('') };
}

describe('every format as a stream', () => {
  it.each(FORMAT_NAMES)(
    '%s: streaming file by file gives exactly the whole-results output, and no file is read after its turn',
    async (name) => {
      const results = await formatterResults();
      const whole = FORMATTERS[name](await formatterResults(), zh);
      const { chunks, text } = streamRevoking(name, results);
      expect(text).toBe(whole);
      // Each file's text comes out with the file: a file with findings to show writes its own name in its own chunk.
      const fileChunks = chunks.slice(1, -1);
      const shown = results.files
        .map((file, index) => ({ file, chunk: fileChunks[index]! }))
        .filter(({ file }) => file.error || file.diagnostics.some((diagnostic) => !diagnostic.suppressed));
      for (const { file, chunk } of shown) {
        const written = [
          file.file,
          JSON.stringify(file.file).slice(1, -1),
          encodeURIComponent(file.file.split('/').pop()!),
          file.file.replace(/"/g, '&quot;'),
          file.file.replace(/,/g, '%2C'),
        ];
        expect(written.some((form) => chunk.includes(form))).toBe(true);
      }
    },
  );

  it.each(['json', 'sarif', 'gitlab'] as const)(
    '%s is one JSON document, byte for byte as JSON.stringify lays it out',
    async (name) => {
      const text = FORMATTERS[name](await formatterResults(), zh);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      const empty = FORMATTERS[name]({ files: [], summary: (await formatterResults()).summary }, zh);
      expect(empty).toBe(`${JSON.stringify(JSON.parse(empty), null, 2)}\n`);
    },
  );

  it('json passes a file’s carry through after its rules, as opaque JSON', async () => {
    const results = await formatterResults();
    const carried: FileResult = { ...results.files[0]!, carry: { cells: { '/applications/new/total': { raw: 3 } } } };
    const report = JSON.parse(FORMATTERS.json({ files: [carried], summary: results.summary }, zh)) as {
      files: Record<string, unknown>[];
    };
    expect(Object.keys(report.files[0]!).slice(-2)).toEqual(['rules', 'carry']);
    expect(report.files[0]!['carry']).toEqual({ cells: { '/applications/new/total': { raw: 3 } } });
    expect(Object.keys((JSON.parse(FORMATTERS.json(results, zh)) as { files: object[] }).files[0]!)).not.toContain(
      'carry',
    );
  });
});

describe('what a stream keeps', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = (): number => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const small: FileResult = {
    file: 'reports/a.json',
    format: 'json',
    template: '2021',
    year: 2021,
    diagnostics: [
      {
        ruleId: 'narrative-comma',
        severity: 'warning',
        messageId: 'comma',
        data: { count: 1, examples: '，、' },
        location: { file: 'reports/a.json', line: 3, column: 4 },
      },
    ],
    rules: [{ id: 'narrative-comma', status: 'failed' }],
  };
  // Bytes a stream may keep per file: nothing for the text formats; the HTML report keeps its table of contents line (a short two-byte string).
  const allowance: Record<FormatName, number> = {
    stylish: 16,
    compact: 16,
    json: 16,
    sarif: 16,
    github: 16,
    junit: 16,
    html: 1_024,
    gitlab: 16,
  };

  /** Heap bytes kept per file by a stream over `files` files (after a warm-up of 500). */
  function keptPerFile(stream: FormatStream, files: number): number {
    stream.begin();
    for (let index = 0; index < 500; index += 1) stream.file({ ...small, file: `reports/${index}.json` });
    const before = heap();
    for (let index = 500; index < 500 + files; index += 1) stream.file({ ...small, file: `reports/${index}.json` });
    const growth = heap() - before;
    expect(
      typeof stream.end({
        files: files + 500,
        errors: 0,
        warnings: files + 500,
        infos: 0,
        suppressed: 0,
        notEvaluated: 0,
        inputErrors: 0,
      }),
    ).toBe('string');
    return growth / files;
  }

  it.each(FORMAT_NAMES)(
    '%s does not grow with the files it has written',
    (name) => {
      // The HTML report draws every table of each file, so fewer files keep the test quick.
      expect(
        keptPerFile(STREAM_FORMATTERS[name]({ ...zh, annotationLimit: 5 }), name === 'html' ? 2_000 : 20_000),
      ).toBeLessThan(allowance[name]);
    },
    60_000,
  );

  it('a stream that keeps its files is caught (the check can fail)', () => {
    const kept: FileResult[] = [];
    const leaky: FormatStream = {
      begin: () => '',
      file: (file) => (kept.push(file), ''),
      end: () => String(kept.length),
    };
    expect(keptPerFile(leaky, 20_000)).toBeGreaterThan(16);
  });
});

describe('the JSON report schema', () => {
  it('allows a file’s carry object and nothing but an object there', async () => {
    const validate = new Ajv({ strict: false }).compile(
      JSON.parse(readFileSync(join(ROOT, 'schemas/lint-report.schema.json'), 'utf8')) as object,
    );
    const results = await formatterResults();
    const report = (carry: unknown) =>
      JSON.parse(
        FORMATTERS.json({ files: [{ ...results.files[0]!, carry } as FileResult], summary: results.summary }, zh),
      ) as unknown;
    expect(validate(report({ cells: {} }))).toBe(true);
    expect(validate(report('not an object'))).toBe(false);
  });
});
