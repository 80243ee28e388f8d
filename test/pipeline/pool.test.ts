import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult } from '../../src/diagnostics/types.js';
import { poolLinter } from '../../src/pipeline/node-pool.js';
import type { RunInput } from '../../src/pipeline/run.js';
import { ROOT } from '../helpers/lint.js';

const FAKE = pathToFileURL(join(ROOT, 'test/helpers/fake-worker.mjs'));

function inputs(names: readonly string[]): RunInput[] {
  return names.map((file) => ({ file, source: { path: file, maxBytes: 1 }, read: async () => new Uint8Array() }));
}

async function collect(names: readonly string[], concurrency: number, maxTimePerFile?: number): Promise<FileResult[]> {
  const results: FileResult[] = [];
  const linter = poolLinter({ concurrency, workerUrl: FAKE });
  for await (const result of linter(inputs(names), maxTimePerFile === undefined ? {} : { maxTimePerFile }))
    results.push(result);
  return results;
}

const names = (count: number, special: Record<number, string> = {}) =>
  Array.from({ length: count }, (_, index) => special[index] ?? `r${String(index).padStart(3, '0')}.json`);

describe('the worker pool', () => {
  test('gives every result in input order, from both workers', async () => {
    const files = names(200);
    const results = await collect(files, 2);
    expect(results.map((result) => result.file)).toEqual(files);
    expect(new Set(results.map((result) => result.agency)).size).toBe(2);
  });

  test('keeps input order when an early batch answers last', async () => {
    const files = names(100, { 0: 'late-0.json', 1: 'late-1.json' });
    expect((await collect(files, 2)).map((result) => result.file)).toEqual(files);
  });

  test('gives up a file stuck in synchronous work past its time limit, and checks the rest of its batch in a new worker', async () => {
    const files = names(60, { 5: 'hang.json' });
    const results = await collect(files, 2, 1);
    expect(results.map((result) => result.file)).toEqual(files);
    expect(results[5]?.error).toMatchObject({ kind: 'input', messageId: 'time-limit', data: { seconds: 1 } });
    expect(results.filter((result) => result.error)).toHaveLength(1);
  }, 20_000);

  test('a worker that dies costs the file it was on, reported as an internal error; the others are checked', async () => {
    const files = names(60, { 3: 'crash-3.json', 40: 'crash-40.json' });
    const results = await collect(files, 2);
    expect(results.map((result) => result.file)).toEqual(files);
    expect(results.filter((result) => result.error).map((result) => [result.file, result.error?.messageId])).toEqual([
      ['crash-3.json', 'internal-error'],
      ['crash-40.json', 'internal-error'],
    ]);
    expect(String(results[3]?.error?.data['detail'])).toContain('exit code 3');
  });

  test('with one worker, still in order and complete', async () => {
    const files = names(50, { 10: 'crash.json' });
    expect((await collect(files, 1)).map((result) => result.file)).toEqual(files);
  });
});
