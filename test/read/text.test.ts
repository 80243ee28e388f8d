import { readFileSync } from 'node:fs';
import { alignBlocks } from '../../src/align/blocks-to-report.js';
import { readMarkdown } from '../../src/read/markdown.js';
import { readText, textToBlocks } from '../../src/read/text.js';
import type { ReadResult } from '../../src/read/types.js';
import { thrownInputError } from '../helpers/errors.js';

const bytes = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const read = (path: string): ReadResult => alignBlocks(readText(bytes(path), { file: path }), { file: path });
const rules = (result: ReadResult, ruleId: string) => result.findings.filter((finding) => finding.ruleId === ruleId);

describe('the seed as published', () => {
  const seed = read('fixtures/text/seed-2019.txt');
  const { document } = seed;

  test('is the 2019 template, year 2019, UTF-8', () => {
    expect(document.template).toBe('2019');
    expect(document.year).toBe(2019);
    expect(seed.encoding).toBe('utf-8');
    expect(seed.format).toBe('text');
  });

  test('table 二 keeps the text as written', () => {
    expect(document.active?.licensing).toEqual({ previousItems: '36', change: '-3', decisions: '392438' });
    expect(document.active?.otherServices).toEqual({ previousItems: '無', change: '無', decisions: '無' });
    expect(document.active?.penalty).toEqual({ previousItems: '819', change: '-68', decisions: '790083' });
    expect(document.active?.coercion).toEqual({ previousItems: '23', change: '-1', decisions: '2864' });
    expect(document.active?.fees).toEqual({ previousItems: '無', change: '無' });
    expect(document.active?.procurement).toEqual({ projects: '21', amount: '4449.48萬元' });
    expect(Object.keys(document.active ?? {})).toHaveLength(8);
  });

  test('table 三: every collapsed row is seven 無, with one info finding that names all 23 rows', () => {
    const rows = Object.values(document.applications ?? {});
    expect(rows).toHaveLength(23);
    for (const row of rows) expect(Object.values(row)).toEqual(Array(7).fill('無'));
    expect(rules(seed, 'collapsed-row')).toHaveLength(1);
    expect(rules(seed, 'collapsed-row')[0]).toMatchObject({
      origin: { line: 27, column: 25 },
      data: { count: 23, text: '無' },
    });
    expect((rules(seed, 'collapsed-row')[0]?.data['rowList'] as string[])[22]).toBe('四、结转下年度继续办理');
  });

  test('table 四: 0 0 0 2 2, then ten 0', () => {
    expect(document.reviewLitigation).toEqual({
      review: { upheld: '0', corrected: '0', other: '0', pending: '2', total: '2' },
      litigationDirect: { upheld: '0', corrected: '0', other: '0', pending: '0', total: '0' },
      litigationAfterReview: { upheld: '0', corrected: '0', other: '0', pending: '0', total: '0' },
    });
  });

  test('the narrative sections', () => {
    expect(document.narrative?.overview?.startsWith('2019年,我局')).toBe(true);
    expect(document.narrative?.problems?.startsWith('我局按照市委')).toBe(true);
    expect(document.narrative?.other).toBe('無,。');
  });

  test('locate gives line and column of each value', () => {
    expect(seed.locate('/active/licensing/change')).toMatchObject({ line: 11, column: 13 });
    expect(seed.locate('/active/procurement/amount')).toMatchObject({ line: 22, column: 15 });
    expect(seed.locate('/reviewLitigation/review/total')).toMatchObject({ line: 54, column: 17 });
    expect(seed.locate('/narrative/overview')).toMatchObject({ line: 2, column: 1 });
  });

  test('no row or table problems', () => {
    for (const rule of ['unknown-row', 'missing-row', 'missing-table', 'mixed-template'])
      expect(rules(seed, rule)).toEqual([]);
  });

  test('narrative lint: pinyin, stray commas and mixed script, each with a line and column', () => {
    const pinyin = rules(seed, 'narrative-pinyin');
    expect(pinyin.reduce((sum, finding) => sum + Number(finding.data.count), 0)).toBe(59);
    expect(pinyin.every((finding) => finding.origin.line !== undefined && finding.origin.column !== undefined)).toBe(
      true,
    );
    expect(pinyin[0]?.origin).toMatchObject({ line: 2, column: 68 });
    const commas = rules(seed, 'narrative-comma');
    expect(commas.reduce((sum, finding) => sum + Number(finding.data.count), 0)).toBe(48);
    expect(commas[0]?.origin).toMatchObject({ line: 1, column: 2 });
    const mixed = rules(seed, 'narrative-mixed-script');
    expect(mixed.map((finding) => finding.data.character)).toEqual(expect.arrayContaining(['于', '后']));
    expect(mixed.every((finding) => finding.messageId === 'simplified')).toBe(true);
  });
});

describe('the same report in other text forms reads to the same model', () => {
  const seed = read('fixtures/text/seed-2019.txt').document;

  test('Markdown', () => {
    const result = alignBlocks(readMarkdown(bytes('fixtures/text/seed-2019.md'), { file: 'seed-2019.md' }), {
      file: 'seed-2019.md',
    });
    expect(result.format).toBe('markdown');
    expect(result.document).toEqual(seed);
  });

  test('tab-separated', () => {
    expect(read('fixtures/text/seed-2019.tsv.txt').document).toEqual(seed);
  });

  test('with invisible characters copied from a web page (zero-width spaces, soft hyphens) in labels and between a row number and its dot', () => {
    const path = 'fixtures/text/huaian-2024.layout.txt';
    const text = readFileSync(path, 'utf8')
      .replace(/(\d)\.属于/gu, '$1\u200b.属于')
      .replace(/规章/gu, '规\u200b章')
      .replace(/、/gu, '、\u200b')
      .replace(/予以公开/gu, '予以\u00ad公开');
    expect(text).toContain('\u200b');
    const result = alignBlocks(readText(new TextEncoder().encode(text), { file: path }), { file: path });
    expect(result.document).toEqual(read(path).document);
  });

  test('with shorter headings (二、主动公开政府信息, 三、收到和处理政府信息公开申请)', () => {
    const path = 'fixtures/text/huaian-2024.layout.txt';
    const text = readFileSync(path, 'utf8')
      .replace('二、主动公开政府信息情况', '二、主动公开政府信息')
      .replace('三、收到和处理政府信息公开申请情况', '三、收到和处理政府信息公开申请');
    expect(text).not.toContain('收到和处理政府信息公开申请情况');
    const result = alignBlocks(readText(new TextEncoder().encode(text), { file: path }), { file: path });
    expect(result.document).toEqual(read(path).document);
  });

  test('Markdown rows wrapped at 34 characters: a row goes on on the next line, figures cut by the wrap are joined', () => {
    const path = 'fixtures/excerpts/002.txt';
    // Five-digit figures, so that the wrap cuts some of them.
    // As Markdown (rows open with |), five-digit figures, so that the wrap cuts some of them.
    const source = readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => (line.includes('|') ? `| ${line}` : line))
      .join('\n')
      .replace(/\| (\d+) (?=\|)/gu, (_, digits: string) => `| ${Number(digits) * 10001 + 1} `);
    const wrap = (text: string): string =>
      text
        .split('\n')
        .flatMap((line) => {
          const characters = [...line];
          const parts: string[] = [];
          for (let at = 0; at < characters.length; at += 34) parts.push(characters.slice(at, at + 34).join(''));
          return parts.length > 0 ? parts : [''];
        })
        .join('\n');
    const readString = (text: string): ReadResult =>
      alignBlocks(readMarkdown(new TextEncoder().encode(text), { file: 'report.md' }), { file: 'report.md' });
    const whole = readString(source);
    const wrapped = readString(wrap(source));
    expect(wrap(source)).toMatch(/\d\n\d/u);
    // Every cell read is the one printed.
    const cells = (result: ReadResult): Array<[string, unknown]> =>
      (['active', 'applications'] as const).flatMap((table) =>
        Object.entries(result.document[table] ?? {}).flatMap(([row, columns]) =>
          Object.entries(columns).map(([column, value]): [string, unknown] => [`/${table}/${row}/${column}`, value]),
        ),
      );
    const wholeCells = new Map(cells(whole));
    const read = cells(wrapped);
    expect(read.filter(([pointer, value]) => wholeCells.get(pointer) !== value)).toEqual([]);
    expect(read.length).toBe(wholeCells.size);
    // A cell on a continuation line is placed on that line.
    const cell = wrapped.locate('/applications/new/total');
    const value = whole.document.applications?.new?.total;
    expect(
      wrap(source)
        .split('\n')
        [(cell?.line ?? 0) - 1]?.slice((cell?.column ?? 1) - 1),
    ).toMatch(new RegExp(`^${String(value).slice(0, 1)}`, 'u'));
  });

  test('GBK', () => {
    const result = read('fixtures/text/seed-2019.gbk.txt');
    expect(result.encoding).toBe('gb18030');
    expect(result.document).toEqual(seed);
  });
});

describe('text extracted from published PDFs (pdftotext -layout)', () => {
  const toNumbers = (table: Record<string, Record<string, unknown>> | undefined) =>
    Object.fromEntries(
      Object.entries(table ?? {}).map(([row, cells]) => [
        row,
        Object.fromEntries(
          Object.entries(cells).map(([column, value]) => [column, value === null ? null : Number(value)]),
        ),
      ]),
    );

  test.each(['hongze-2023', 'hongze-2024', 'huaian-2024'])('%s reads every figure typed in by hand', (name) => {
    const result = read(`fixtures/text/${name}.layout.txt`);
    const expected = JSON.parse(readFileSync(`fixtures/pdf/${name}.expected.json`, 'utf8')) as Record<string, never>;
    expect(result.document.template).toBe(expected.template);
    expect(result.document.year).toBe(expected.year);
    for (const table of ['active', 'applications', 'reviewLitigation'] as const)
      expect(toNumbers(result.document[table])).toEqual(expected[table]);
    expect(rules(result, 'unknown-row')).toEqual([]);
  });

  test('hongze-2023: the 2019 （六） row in a 2021 report is a template mix, reported once', () => {
    const result = read('fixtures/text/hongze-2023.layout.txt');
    expect(rules(result, 'mixed-template')).toEqual([
      expect.objectContaining({ messageId: 'foreign-row', origin: expect.objectContaining({ line: 130, column: 6 }) }),
    ]);
    expect(rules(result, 'missing-row')).toEqual([]);
  });

  test('page numbers and page breaks do not break tables', () => {
    const blocks = textToBlocks(
      '三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量  1 0 0 0 0 0 1\n\n     - 3 -\n\f二、上年结转政府信息公开申请数量  0 0 0 0 0 0 0\n',
    );
    expect(blocks.filter((block) => block.kind === 'table')).toHaveLength(1);
  });
});

describe('broken inputs', () => {
  test('empty file', () => {
    expect(thrownInputError(() => read('fixtures/broken/empty.txt')).messageId).toBe('empty-file');
  });

  test('binary file', () => {
    const error = thrownInputError(() => read('fixtures/broken/binary.txt'));
    expect(error.messageId).toBe('binary-file');
    expect(error.data.offset).toBe(6);
  });

  test('GBK with invalid bytes gives the offset', () => {
    const error = thrownInputError(() => read('fixtures/broken/gbk-invalid-bytes.txt'));
    expect(error.messageId).toBe('undecodable');
    expect(error.data).toEqual({ encodings: 'UTF-8, GB18030', offset: 2467 });
  });

  test('a missing table', () => {
    const result = read('fixtures/broken/missing-table.txt');
    expect(rules(result, 'missing-table')).toEqual([
      expect.objectContaining({ origin: expect.objectContaining({ pointer: '/reviewLitigation' }) }),
    ]);
    expect(result.document.reviewLitigation).toBeUndefined();
    expect(result.document.active).toEqual(read('fixtures/text/seed-2019.txt').document.active);
  });

  test('an unknown row', () => {
    const result = read('fixtures/broken/unknown-row.txt');
    expect(rules(result, 'unknown-row')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ label: '行政檢查' }),
        origin: expect.objectContaining({ line: 17, column: 1 }),
      }),
    ]);
    expect(rules(result, 'missing-row')).toEqual([]);
  });
});
