import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from '../../src/diagnostics/types.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { buildReport } from '../../src/model/report.js';
import { formatDecimal } from '../../src/model/decimal.js';
import { formatOfFile } from '../../src/read/index.js';
import { readBytes } from '../../src/pipeline/lint.js';
import type { ReportDocument } from '../../src/model/types.js';
import { ROOT, fixture, fixtureDocument } from '../helpers/lint.js';

const ARITHMETIC = new Set([
  'applications-balance',
  'applications-outcome-sum',
  'applications-row-total',
  'review-litigation-total',
  'item-change',
  'published-not-above-total',
  'non-negative',
  'integer',
]);

/** Every cell's value as read by the shared value reader, by pointer. */
async function valuesOf(path: string): Promise<Record<string, string>> {
  const format = formatOfFile(path)!;
  const read = await readBytes(fixture(path), path, { inputFormat: path.endsWith('.long.csv') ? 'csv-long' : format });
  return documentValues(read.document);
}

function documentValues(document: ReportDocument): Record<string, string> {
  const report = buildReport(document, document.template ?? '2021');
  const values: Record<string, string> = {};
  for (const cell of report.cells) {
    const { value } = cell;
    values[cell.def.pointer] =
      value.kind === 'number' ? String(value.value) : value.kind === 'money' ? formatDecimal(value.value) : value.kind;
  }
  return values;
}

/** The arithmetic findings of a file: rule, cell and numbers, nothing about its place. */
function arithmetic(result: FileResult) {
  return result.diagnostics
    .filter((diagnostic) => ARITHMETIC.has(diagnostic.ruleId))
    .map((diagnostic) => ({
      ruleId: diagnostic.ruleId,
      pointer: diagnostic.location.pointer,
      expected: diagnostic.data['expected'],
      actual: diagnostic.data['actual'],
    }))
    .sort((a, b) => `${a.ruleId}${a.pointer}`.localeCompare(`${b.ruleId}${b.pointer}`));
}

async function lintFixture(path: string): Promise<FileResult> {
  return lintBytes(fixture(path), path, path.endsWith('.long.csv') ? { inputFormat: 'csv-long' } : {});
}

const SEED = [
  'text/seed-2019.txt',
  'text/seed-2019.md',
  'text/seed-2019.tsv.txt',
  'text/seed-2019.gbk.txt',
  'html/seed-2019.html',
  'html/seed-2019.gbk.html',
  'csv/seed-2019.csv',
  'csv/seed-2019.gbk.csv',
  'csv/seed-2019.long.csv',
  'docx/seed-2019.docx',
  'xlsx/seed-2019.xlsx',
];
const GROUPS: Record<string, string[]> = {
  'clean-2021': [
    'html/clean-2021.html',
    'csv/clean-2021.csv',
    'csv/clean-2021.long.csv',
    'docx/clean-2021.docx',
    'xlsx/clean-2021.xlsx',
  ],
  'wrong-cell-2021': ['html/wrong-cell-2021.html', 'csv/wrong-cell-2021.csv', 'xlsx/wrong-cell-2021.xlsx'],
  'made-2021-wrong (PDF)': ['pdf/made-2021-wrong.json', 'pdf/made-2021-wrong.pdf'],
  'made-2021-split (PDF)': ['pdf/made-2021-split.json', 'pdf/made-2021-split.pdf'],
};

describe('the seed report reads to the same figures in every format', () => {
  it.each(SEED)('%s', async (path) => {
    expect(await valuesOf(path)).toEqual(await valuesOf('json/seed-2019.json'));
    const result = await lintFixture(path);
    expect(result.template).toBe('2019');
    expect(result.year).toBe(2019);
    expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });
});

describe.each(Object.entries(GROUPS))(
  '%s gives the same figures and arithmetic findings in every format',
  (_name, paths) => {
    const [reference, ...others] = paths as [string, ...string[]];
    it.each(others)('%s', async (path) => {
      expect(await valuesOf(path)).toEqual(await valuesOf(reference));
      expect(arithmetic(await lintFixture(path))).toEqual(arithmetic(await lintFixture(reference)));
    });
  },
);

describe('convert round-trips', () => {
  it.each([
    ...SEED,
    ...Object.values(GROUPS)
      .flat()
      .filter((path) => !path.endsWith('.json')),
  ])('%s → JSON keeps the arithmetic findings', async (path) => {
    const read = await readBytes(fixture(path), path, {
      inputFormat: path.endsWith('.long.csv') ? 'csv-long' : formatOfFile(path)!,
    });
    const converted = await lintBytes(new TextEncoder().encode(JSON.stringify(read.document)), 'converted.json');
    expect(arithmetic(converted)).toEqual(arithmetic(await lintFixture(path)));
  });
});

describe('the real published reports', () => {
  it.each(['hongze-2023', 'hongze-2024', 'huaian-2024'])(
    '%s.pdf and its layout text read to the figures typed in by hand',
    async (name) => {
      const expected = JSON.parse(readFileSync(join(ROOT, `fixtures/pdf/${name}.expected.json`), 'utf8'));
      const fromPdf = await readBytes(fixture(`pdf/${name}.pdf`), `${name}.pdf`);
      const fromText = await readBytes(fixture(`text/${name}.layout.txt`), `${name}.txt`);
      for (const read of [fromPdf, fromText]) expect(documentValues(read.document)).toEqual(documentValues(expected));
    },
  );

  it('reaches the verdict a careful reader reaches', async () => {
    const errors = async (name: string) =>
      (await lintFixture(`pdf/${name}.pdf`)).diagnostics
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((diagnostic) => `${diagnostic.ruleId} ${diagnostic.location.pointer ?? ''}`);
    expect(await errors('hongze-2023')).toEqual(
      expect.arrayContaining([
        'review-litigation-total /reviewLitigation/review/total',
        'review-litigation-total /reviewLitigation/litigationAfterReview/total',
      ]),
    );
    expect(
      (await errors('hongze-2023')).filter(
        (line) => !line.startsWith('mixed-template') && !line.startsWith('missing-row'),
      ),
    ).toHaveLength(2);
    expect(
      (await errors('hongze-2024')).filter(
        (line) => !line.startsWith('mixed-template') && !line.startsWith('missing-row'),
      ),
    ).toEqual([]);
    expect(await errors('huaian-2024')).toEqual([]);
  });

  it("reads the agency from the title, and pairs the same agency's two years although one title adds the city", async () => {
    const { lintFiles } = await import('../../src/pipeline/node-files.js');
    const results = await lintFiles(
      ['fixtures/pdf/hongze-2023.pdf', 'fixtures/pdf/hongze-2024.pdf', 'fixtures/pdf/huaian-2024.pdf'].map((path) =>
        join(ROOT, path),
      ),
    );
    const byName = Object.fromEntries(
      results.files.map((file) => [file.file.slice(file.file.lastIndexOf('/') + 1), file]),
    );
    expect([
      byName['hongze-2023.pdf']?.agency,
      byName['hongze-2024.pdf']?.agency,
      byName['huaian-2024.pdf']?.agency,
    ]).toEqual(['洪泽区人民政府', '淮安市洪泽区人民政府', '淮安市人民政府']);
    expect(byName['hongze-2024.pdf']?.rules).toContainEqual({ id: 'carryover-continuity', status: 'passed' });
    expect(byName['huaian-2024.pdf']?.rules.some((rule) => rule.id === 'carryover-continuity')).toBe(false);
  });

  it("checks hongze's table 三 although it prints 2019's single （六）其他处理 row: that row stands for the 2021 sub-rows", async () => {
    for (const name of ['hongze-2023', 'hongze-2024']) {
      const result = await lintFixture(`pdf/${name}.pdf`);
      const runs = Object.fromEntries(result.rules.map((rule) => [rule.id, rule.status]));
      expect(runs).toMatchObject({
        'applications-balance': 'passed',
        'applications-outcome-sum': 'passed',
        'applications-row-total': 'passed',
        'mixed-template': 'failed',
        'missing-row': 'passed',
      });
    }
    const broken = fixtureDocument('pdf/hongze-2024.expected.json');
    (broken.applications as Record<string, Record<string, number>>)['otherHandling']!['naturalPerson'] = 3;
    const result = await lintBytes(new TextEncoder().encode(JSON.stringify(broken, null, 2)), 'hongze.json');
    const outcome = result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'applications-outcome-sum');
    // The finding concerns 2021's 3.其他 but points at the row the report printed.
    expect(outcome?.location.pointer).toBe('/applications/total/naturalPerson');
    const rowTotal = result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'applications-row-total');
    expect(rowTotal?.location.pointer).toBe('/applications/otherHandling/total');
    expect(rowTotal?.cell?.row).toBe('otherMisc');
  });
});

describe('Taiwan-standard Traditional variants', () => {
  it('reads 反覆 and 重覆 (not the mirror’s character-by-character 反復, 重復) as the template rows', async () => {
    const seed = new TextDecoder()
      .decode(fixture('text/seed-2019.txt'))
      .replace('大量反復申請', '大量反覆申請')
      .replace('2.重復申請', '2.重覆申請');
    const read = await readBytes(new TextEncoder().encode(seed), 'seed-tw.txt', { inputFormat: 'text' });
    expect(
      read.findings.filter((finding) => finding.ruleId === 'unknown-row' || finding.ruleId === 'missing-row'),
    ).toEqual([]);
    expect(documentValues(read.document)).toEqual(await valuesOf('json/seed-2019.json'));
  });
});
