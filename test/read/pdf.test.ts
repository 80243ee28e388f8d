import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfToBlocks } from '../../src/read/pdf.js';
import { readBytes } from '../../src/pipeline/lint.js';
import { InputError } from '../../src/read/types.js';
import type { ReportDocument } from '../../src/model/types.js';

const DIR = join(process.cwd(), 'fixtures/pdf');
const TABLES = ['active', 'applications', 'reviewLitigation'] as const;

function load(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, name)));
}

/** Every cell of the expected document, as [pointer, expected number, value read]. */
function cells(expected: ReportDocument, actual: ReportDocument): [string, number, number | undefined][] {
  const result: [string, number, number | undefined][] = [];
  for (const table of TABLES) {
    for (const [row, columns] of Object.entries(expected[table] ?? {})) {
      for (const [column, value] of Object.entries(columns)) {
        const read = actual[table]?.[row]?.[column];
        result.push([
          `/${table}/${row}/${column}`,
          Number(value),
          read === null || read === undefined ? undefined : Number(read),
        ]);
      }
    }
  }
  return result;
}

describe.each([
  ['hongze-2023', 2023],
  ['hongze-2024', 2024],
  ['huaian-2024', 2024],
])('real report %s', (name, year) => {
  const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as ReportDocument;

  test('every figure equals the hand-typed value', async () => {
    const result = await readBytes(load(`${name}.pdf`), `${name}.pdf`);
    expect(result.format).toBe('pdf');
    expect(result.document.template).toBe('2021');
    expect(result.document.year).toBe(year);
    const all = cells(expected, result.document);
    expect(all.length).toBeGreaterThan(180);
    expect(all.filter(([, want, got]) => want !== got)).toEqual([]);
  });

  test('value cells carry their page and line', async () => {
    const result = await readBytes(load(`${name}.pdf`), `${name}.pdf`);
    const origin = result.locate('/applications/total/total');
    expect(origin?.page).toBeGreaterThanOrEqual(3);
    expect(origin?.line).toBeGreaterThan(0);
  });
});

test('hongze reports: the single 2019-style （六）其他处理 row is reported once, as a template mix (the rows it stands for are not also missing)', async () => {
  const result = await readBytes(load('hongze-2024.pdf'), 'hongze-2024.pdf');
  expect(result.findings.map((f) => `${f.ruleId}/${f.messageId}`)).toEqual(['mixed-template/foreign-row']);
});

test('huaian-2024: tables split across pages and labels split by the page break are rebuilt', async () => {
  const { blocks, problems } = await pdfToBlocks(load('huaian-2024.pdf'));
  expect(problems).toEqual([]);
  const tables = blocks.filter((b) => b.kind === 'table');
  expect(tables).toHaveLength(3);
  const texts = tables.flatMap((b) =>
    b.kind === 'table' ? b.table.rows.flatMap((r) => r.cells.map((c) => c.text)) : [],
  );
  expect(texts).toContain('三、本年度办理结果');
  expect(texts).toContain('（四）无法提供');
  expect(texts).toContain('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
  expect(texts).toContain('社会公益组织');
});

describe.each(['made-2021-wrong', 'made-2021-split'])('made PDF %s', (name) => {
  test('reads to the same figures as its JSON twin', async () => {
    const twin = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as ReportDocument;
    const result = await readBytes(load(`${name}.pdf`), `${name}.pdf`);
    expect(result.document.template).toBe(twin.template);
    expect(result.document.year).toBe(twin.year);
    const all = cells(twin, result.document);
    expect(all).toHaveLength(10 + 25 * 7 + 15);
    expect(all.filter(([, want, got]) => want !== got)).toEqual([]);
  });
});

describe.each([
  ['made-image-only.pdf', 'pdf-no-text'],
  ['made-damaged.pdf', 'pdf-damaged'],
  ['made-encrypted.pdf', 'pdf-encrypted'],
  ['made-not-a-pdf.pdf', 'pdf-not-pdf'],
])('%s', (file, messageId) => {
  test(`gives InputError ${messageId}`, async () => {
    const error: unknown = await readBytes(load(file), file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).messageId).toBe(messageId);
  });
});
