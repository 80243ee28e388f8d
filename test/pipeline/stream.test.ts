import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileResult } from '../../src/diagnostics/types.js';
import { poolLinter } from '../../src/pipeline/node-pool.js';
import { fileSpool } from '../../src/pipeline/node-spool.js';
import {
  lintInputs,
  streamInputs,
  type RunInput,
  type RunOptions,
  type StreamOptions,
} from '../../src/pipeline/run.js';
import { continuityPointers } from '../../src/rules/continuity.js';
import { writePairedCorpus } from '../helpers/corpus.js';
import { fixtureFiles, ROOT } from '../helpers/lint.js';
import { tempDirEach } from '../helpers/process.js';

const WORKER = pathToFileURL(join(ROOT, 'dist/pipeline/node-worker.js'));

function inputsOf(folder: string, files: readonly string[]): RunInput[] {
  return files.map((file) => {
    const path = join(folder, file);
    return {
      file,
      source: { path, maxBytes: 200 * 1024 * 1024 },
      read: async () => new Uint8Array(readFileSync(path)),
    };
  });
}

/** A run as JSON text: what the outputs are made from, compared whole. */
async function runAs(inputs: readonly RunInput[], options: RunOptions, stream: StreamOptions): Promise<string> {
  return JSON.stringify(await lintInputs(inputs, options, stream));
}

const corpus = tempDirEach('xxgk-stream-');

describe('a run gives the same results however it is run', () => {
  const fixtures = fixtureFiles();
  const fixtureInputs = () => inputsOf(join(ROOT, 'fixtures'), fixtures);

  test('every fixture: in this thread, spooled to a file, and in a pool of two workers', async () => {
    const inMemory = await runAs(fixtureInputs(), {}, {});
    expect(JSON.parse(inMemory).files).toHaveLength(fixtures.length);
    expect(await runAs(fixtureInputs(), {}, { spool: () => fileSpool(Number.MAX_SAFE_INTEGER) })).toBe(inMemory);
    expect(
      await runAs(
        fixtureInputs(),
        {},
        { linter: poolLinter({ concurrency: 2, workerUrl: WORKER }), spool: () => fileSpool(Number.MAX_SAFE_INTEGER) },
      ),
    ).toBe(inMemory);
  }, 120_000);

  test('a corpus of paired years: the same year-to-year findings, in the same places, from every engine', async () => {
    const files = writePairedCorpus(corpus.path, 12);
    const inputs = () => inputsOf(corpus.path, files);
    const inMemory = await runAs(inputs(), {}, {});
    const parsed = JSON.parse(inMemory) as { files: FileResult[] };
    const carried = parsed.files.flatMap((file) =>
      file.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'carryover-continuity'),
    );
    // 8 of the 12 agencies do not carry over, in 2 pairs of years each, with 5 columns that differ in each.
    expect(carried).toHaveLength(80);
    expect(carried.every((diagnostic) => diagnostic.location.line !== undefined)).toBe(true);
    // Agency 5, named with its city in 2022, is still paired with its 2021 and 2023 reports.
    expect(
      carried
        .filter((diagnostic) => diagnostic.location.file.startsWith('0005-'))
        .map((diagnostic) => diagnostic.location.file),
    ).toEqual([...Array(5).fill('0005-2022.json'), ...Array(5).fill('0005-2023.json')]);
    expect(carried.some((diagnostic) => diagnostic.location.file.startsWith('0003-'))).toBe(false);
    expect(await runAs(inputs(), {}, { spool: () => fileSpool(Number.MAX_SAFE_INTEGER) })).toBe(inMemory);
    expect(await runAs(inputs(), {}, { linter: poolLinter({ concurrency: 2, workerUrl: WORKER }) })).toBe(inMemory);
  }, 120_000);
});

describe('streamInputs', () => {
  test('writes files sorted by name whatever the input order, with results made elsewhere in their place', async () => {
    const files = writePairedCorpus(corpus.path, 2, 2);
    const inputs = inputsOf(corpus.path, [...files].reverse());
    const seen: string[] = [];
    const extra: FileResult = { file: '0000-2021b.json', diagnostics: [], rules: [] };
    const summary = await streamInputs(inputs, {}, (result) => void seen.push(result.file), { extra: [extra] });
    expect(seen).toEqual(['0000-2021.json', '0000-2021b.json', '0000-2022.json', '0001-2021.json', '0001-2022.json']);
    expect(summary.files).toBe(5);
  });

  test('without pairing, a file is written before the next one is read', async () => {
    const files = writePairedCorpus(corpus.path, 30, 1);
    const events: string[] = [];
    const inputs = inputsOf(corpus.path, files).map((input) => ({
      ...input,
      read: async () => {
        events.push(`read ${input.file}`);
        return new Uint8Array(readFileSync(join(corpus.path, input.file)));
      },
    }));
    await streamInputs(inputs, { continuity: false }, (result) => void events.push(`wrote ${result.file}`));
    // Files are read a few ahead of the one checked, no more.
    expect(events.indexOf('wrote 0000-2021.json')).toBeLessThan(events.indexOf(`read ${files[20]}`));
    expect(events.filter((event) => event.startsWith('wrote'))).toHaveLength(30);
  });

  test('a shard carries the compared cells and leaves the year-to-year checks to the merge', async () => {
    const files = writePairedCorpus(corpus.path, 1, 2);
    const results: FileResult[] = [];
    await streamInputs(inputsOf(corpus.path, files), {}, (result) => void results.push(result), { shard: true });
    const compared = continuityPointers();
    for (const result of results) {
      expect(Object.keys(result.carry?.cells ?? {}).length).toBeGreaterThan(0);
      expect(Object.keys(result.carry!.cells).every((pointer) => compared.has(pointer))).toBe(true);
    }
    expect(
      results
        .flatMap((result) => result.diagnostics)
        .filter((diagnostic) => diagnostic.ruleId === 'carryover-continuity'),
    ).toEqual([]);
    // Merged: the results given back as made, with their carried cells, pair as one run would.
    const merged = await lintInputs(
      results.map((result) => ({
        file: result.file,
        result,
        read: async () => new Uint8Array(readFileSync(join(corpus.path, result.file))),
      })),
      {},
    );
    const single = await lintInputs(inputsOf(corpus.path, files), {});
    expect(JSON.stringify(merged)).toBe(JSON.stringify(single));
  });
});
