import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult } from '../../src/diagnostics/types.js';
import { fileSpool } from '../../src/pipeline/node-spool.js';
import { memorySpool, type Spool } from '../../src/pipeline/spool.js';

/** Texts of every size the spool meets: empty, short, multi-byte, and longer than its write buffer (64 KiB). */
function texts(): string[] {
  const made: string[] = [''];
  for (let index = 0; index < 3000; index += 1) made.push(`[[${index},"${'无'.repeat(index % 17)}"],[3,${index}]]`);
  made.push('x'.repeat(70_000), '机'.repeat(30_000), 'after the long ones');
  return made;
}

function resultOf(index: number): FileResult {
  return { file: `report-${index}.json`, diagnostics: [], rules: [] };
}

const spools: Array<[string, () => Spool]> = [
  ['in memory', memorySpool],
  ['in a temporary file', () => fileSpool(Number.MAX_SAFE_INTEGER)],
];

describe.each(spools)('a spool %s', (_name, makeSpool) => {
  test('recalls every kept text exactly, in any order, and replays results in the order appended', async () => {
    const spool = makeSpool();
    const kept = texts();
    const handles = kept.map((text, index) => {
      void spool.append(resultOf(index));
      return spool.keep(text);
    });
    const order = handles.map((_, index) => (index * 7919) % handles.length);
    for (const index of order) expect(spool.recall(handles[index]!)).toBe(kept[index]);
    const replayed: string[] = [];
    for await (const result of spool.replay()) replayed.push(result.file);
    expect(replayed).toEqual(kept.map((_, index) => `report-${index}.json`));
    expect(spool.recall(handles[5]!)).toBe(kept[5]);
    await spool.close();
    await spool.close();
  });
});

test('a file spool removes its temporary folder when closed', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'xxgk-spool-test-'));
  try {
    const spool = fileSpool(Number.MAX_SAFE_INTEGER, folder);
    spool.keep('cells');
    expect(readdirSync(folder)).toHaveLength(1);
    await spool.close();
    expect(readdirSync(folder)).toEqual([]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
