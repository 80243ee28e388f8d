// Reader paths in linear time (issue 9): the hostile cases give a report or a clear input error, and the fixes are
// checked by what they compute, never by wall time (node bench/hostile.mjs prints the timings and their growth).
import { spawnSync } from 'node:child_process';
import { jest } from '@jest/globals';
import { join } from 'node:path';
import { fixture, ROOT } from '../helpers/lint.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { MAX_TEXT_CELLS, textToBlocks } from '../../src/read/text.js';
import { MAX_CSV_FIELDS, MAX_LONG_CSV_FIELDS } from '../../src/read/csv.js';
import { MAX_JSON_VALUES } from '../../src/read/json-positions.js';
import { xlsxToBlocks } from '../../src/read/xlsx.js';
import { checkDocumentXml } from '../../src/read/docx.js';
import type { Block } from '../../src/read/types.js';

jest.setTimeout(60_000);

const cells = (blocks: Block[]) =>
  blocks.flatMap((block) => (block.kind === 'table' ? block.table.rows.flatMap((row) => row.cells) : []));

describe('the hostile files', () => {
  it.each([
    ['pipes-20000.txt', undefined],
    ['wide-300.csv', undefined],
    ['farcell.xlsx', undefined],
    ['truncated-9kb-41s.docx', 'damaged-office-file'],
  ])('%s gives a clean result or a clear input error', async (name, messageId) => {
    const leaked: unknown[] = [];
    const listener = (reason: unknown): void => void leaked.push(reason);
    process.on('unhandledRejection', listener);
    try {
      const result = await lintBytes(fixture(`hostile/${name}`), `hostile/${name}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(result.error?.kind).not.toBe('internal');
      expect(result.error?.messageId).toBe(messageId);
      expect(leaked).toEqual([]);
    } finally {
      process.off('unhandledRejection', listener);
    }
  });

  it('wide-300.csv: the rows of 2 cells are not padded to the one row of 302 (once 2,000 × 302 cells, 4–13 s)', async () => {
    const { csvToBlocks } = await import('../../src/read/csv.js');
    const text = new TextDecoder().decode(fixture('hostile/wide-300.csv'));
    expect(cells(csvToBlocks(text)).length).toBe(302 + 2000 * 2);
  });

  it('a CSV of 1,000 lines of 50,000 commas (48 MB, under the size limit) is refused by its field count, in bounded memory', async () => {
    // Found by the fuzz campaign (seed 2026, case 5366): 50 million field objects ran the heap out at 4 GB.
    const line = `${','.repeat(50_000)}\n`;
    const bytes = new TextEncoder().encode(line.repeat(1000));
    const before = process.memoryUsage().rss;
    const result = await lintBytes(bytes, 'wide.csv');
    expect(result.error).toMatchObject({ messageId: 'csv-too-large', data: { line: 4, fields: MAX_CSV_FIELDS } });
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
    // A long-form CSV of a real report holds about 4 × 200 fields, far under the limit.
    expect((await lintBytes(fixture('csv/seed-2019.long.csv'), 'seed.csv')).error).toBeUndefined();
  });

  it('a long-form CSV is held to 40,000 fields: each record of an unknown key would be a finding of its own', async () => {
    const records = Array.from({ length: 12_000 }, (_, index) => `applications,r${index},naturalPerson,1`);
    const text = ['table,row,column,value', 'template,,,2021', ...records].join('\n');
    const result = await lintBytes(new TextEncoder().encode(text), 'long.csv');
    expect(result.error).toMatchObject({
      messageId: 'csv-too-large',
      data: { fields: MAX_LONG_CSV_FIELDS, line: 10_001 },
    });
  });

  it('a JSON object of a million keys (14 MB) is refused before it is parsed, at the comma past the limit', async () => {
    // Once a million schema findings (one per unknown key), 50 s and 5 GB.
    const keys = Array.from({ length: 1_000_000 }, (_, index) => `"k${index}":0`).join(',');
    const text = `{"template":"2021","year":2021,"agency":"x","applications":{${keys}}}`;
    const result = await lintBytes(new TextEncoder().encode(text), 'keys.json');
    expect(result.error).toMatchObject({ messageId: 'json-too-large', data: { values: MAX_JSON_VALUES, line: 1 } });
    const column = (result.error?.data as { column: number }).column;
    expect(text[column - 1]).toBe(',');
    expect(text.slice(0, column - 1).split(',').length - 1).toBe(MAX_JSON_VALUES);
    // The same commas inside a string are text, not values.
    const inString = `{"template":"2021","year":2021,"agency":"${','.repeat(20_000)}"}`;
    expect((await lintBytes(new TextEncoder().encode(inString), 'string.json')).error).toBeUndefined();
  });

  it('the damaged .docx is refused at once, naming the part and what is wrong', async () => {
    const result = await lintBytes(fixture('hostile/truncated-9kb-41s.docx'), 'x.docx');
    expect(result.error?.data).toEqual({ format: 'docx', detail: 'word/document.xml: not valid UTF-8' });
  });

  // In a real process (jest's module context keeps pdfjs's leaked rejections from reaching the reader's listener).
  const runCli = (...files: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin/xxgk-lint.js'), '--locale', 'en', '-f', 'json', ...files], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 50_000,
    });
  const reportsOf = (stdout: string) =>
    (JSON.parse(stdout) as { files: Array<{ file: string; error?: { messageId: string } }> }).files.map(
      ({ file: _file, ...rest }) => rest,
    );

  it('the PDF with one byte deleted (once an unhandled rejection from the page prefetch) reads as the whole file does', () => {
    const cut = runCli('fixtures/hostile/huaian-2024-minus-1-byte.pdf');
    const whole = runCli('fixtures/pdf/huaian-2024.pdf');
    expect(cut.stderr).not.toMatch(/Unhandled|XRef|at .*\.js:\d+/u);
    expect(cut.status).toBe(whole.status);
    expect(reportsOf(cut.stdout)).toEqual(reportsOf(whole.stdout));
  });

  it('a damaged PDF is one input error in the CLI, exit 2, and the other file is still reported', () => {
    const run = runCli('fixtures/pdf/made-damaged.pdf', 'fixtures/json/seed-2019.json');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/made-damaged\.pdf: the PDF file is damaged and cannot be read: Invalid PDF structure/u);
    expect(run.stderr).not.toMatch(/Unhandled|at .*\.js:\d+/u);
    const files = (JSON.parse(run.stdout) as { files: Array<{ file: string; error?: { messageId: string } }> }).files;
    expect(files.map((file) => [file.file, file.error?.messageId])).toEqual([
      ['fixtures/json/seed-2019.json', undefined],
      ['fixtures/pdf/made-damaged.pdf', 'pdf-damaged'],
    ]);
  });
});

describe('inputs the fuzz campaign of seed 606 found (fixtures/fuzz)', () => {
  // 80 KB of "1 | 1 | …" inside a label paragraph: each number's column was counted from the line's start and the
  // rest of the line copied per number (51 s); a Markdown row of 50,000 empty cells after its label lost them one
  // splice at a time (8.7 s). Both read now in well under a second, with the same result as before on every fixture.
  it.each(['html-time-s606-c4164.html', 'md-time-s606-c47673.md'])('%s is read and checked', async (name) => {
    const result = await lintBytes(fixture(`fuzz/${name}`), name);
    expect(result.error).toBeUndefined();
    expect(result.template).toBe('2021');
  });
});

describe('inputs the fuzz campaign of seed 707 found (fixtures/fuzz)', () => {
  // 311 KB of pipe rows with one line repeated: a table's events were appended with push(...events), one argument
  // each, and overflowed the stack (an internal error). Arrays are appended in a loop now (appendAll), and ESLint
  // forbids spreading into push, unshift, Math.max and Math.min in src/.
  it('text-no-internal-error-s707-c62112.txt is read without an internal error', async () => {
    const result = await lintBytes(fixture('fuzz/text-no-internal-error-s707-c62112.txt'), 'case.txt');
    expect(result.error?.kind).not.toBe('internal');
  });
});

describe('linear reading, checked by what is computed', () => {
  it('a sparse sheet reads only its cells: one far cell adds one row of its own width, not rows × columns', async () => {
    const blocks = await xlsxToBlocks(fixture('hostile/farcell.xlsx'));
    // The sheet's dimension is A1:XFD1048576 (17 billion cells); its 59 rows hold far fewer.
    expect(cells(blocks).length).toBeLessThan(5_000);
    const far = blocks.find((block) => block.kind === 'text' && block.origin.ref === 'XFD1048576');
    expect(far).toBeDefined();
  });

  it('columns on a long line of pipes are counted in code points, the last cell at its place', () => {
    const line = `${'|'.repeat(20_000)}x|`;
    const [block] = textToBlocks(line);
    const all = block?.kind === 'table' ? block.table.rows[0]!.cells : [];
    expect(all[all.length - 1]).toMatchObject({ text: 'x', origin: { line: 1, column: 20_001 } });
  });

  it('columns after characters outside the BMP count each as one', () => {
    const [block] = textToBlocks('𠀀𠀀 | 𠀁 | 12 |');
    const all = block?.kind === 'table' ? block.table.rows[0]!.cells : [];
    expect(all.map((cell) => [cell.text, cell.origin.column])).toEqual([
      ['𠀀𠀀', 1],
      ['𠀁', 6],
      ['12', 10],
    ]);
  });

  it('a text whose table rows hold more than MAX_TEXT_CELLS cells is refused before they are made (text-table-too-large)', async () => {
    // Found by the fuzz campaign: a 23 MB line of |1|1|… became 11.6 million cells, 3.2 GB and 30 s.
    const oneLine = `三、收到和处理政府信息公开申请情况\n${'|1'.repeat(MAX_TEXT_CELLS + 10)}|\n`;
    const manyLines = `四、政府信息公开行政复议、行政诉讼情况\n${`${'0 '.repeat(1000)}\n`.repeat(MAX_TEXT_CELLS / 1000 + 1)}`;
    for (const text of [oneLine, manyLines]) {
      const result = await lintBytes(new TextEncoder().encode(text), 'wide.txt');
      expect(result.error).toMatchObject({
        kind: 'input',
        messageId: 'text-table-too-large',
        data: { cells: MAX_TEXT_CELLS },
      });
    }
    expect(() => textToBlocks(`${'| 1 '.repeat(MAX_TEXT_CELLS - 10)}|`)).not.toThrow();
  });

  it('a long line of tabs, spaces or pipes reads into one row of cells, one per separator', () => {
    for (const [text, count] of [
      ['\t'.repeat(50_000) + 'x', 50_001],
      ['| '.repeat(50_000) + 'x', 50_000],
    ] as const) {
      const blocks = textToBlocks(text);
      expect(blocks).toHaveLength(1);
      expect(cells(blocks)).toHaveLength(count);
    }
  });
});

describe('checkDocumentXml', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('accepts a well-formed part', () => {
    expect(
      checkDocumentXml(
        bytes(
          '<?xml version="1.0"?><w:document a="x>y"><w:body><w:p/><!-- c --><w:t><![CDATA[<]]></w:t></w:body></w:document>\n',
        ),
      ),
    ).toBeUndefined();
  });
  it.each([
    ['<w:document><w:body>', 'the text ends inside <w:body>'],
    ['<w:document><w:body></w:document>', '</w:document> closes <w:body> at offset 20'],
    ['<w:document></w:document><w:p/>', 'a second root element at offset 25'],
    ['<w:document><w:p a="1', 'unterminated attribute value at offset 19'],
    ['<w:document><w:p ', 'the text ends inside a tag (offset 12)'],
  ])('refuses %s', (text, problem) => {
    expect(checkDocumentXml(bytes(text))).toBe(problem);
  });
  it('refuses invalid UTF-8', () => {
    expect(checkDocumentXml(new Uint8Array([0x3c, 0x61, 0xd0, 0x3a, 0x3e, 0x3c, 0x2f, 0x61, 0x3e]))).toBe(
      'not valid UTF-8',
    );
  });
});
