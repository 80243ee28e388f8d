// Small made layouts (fixtures/layouts/, see its README): each one way a real report's table reaches the tool.
// Every file of a group holds the same figures and must read to the same cells. Acceptance tests for the
// reading stage: some fail until the aligner reads these layouts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, FileResult } from '../../src/diagnostics/types.js';
import { formatDecimal } from '../../src/model/decimal.js';
import { getTemplate } from '../../src/model/template.js';
import { readValue } from '../../src/model/values.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import {
  compareCells,
  describeRaw,
  rawAt,
  readCells,
  summarizeMismatches,
  valueText,
  type ExpectedTable,
} from '../helpers/cells.js';
import { ROOT } from '../helpers/lint.js';

const DIR = 'fixtures/layouts';
const lintLayout = (name: string): Promise<FileResult> =>
  lintBytes(new Uint8Array(readFileSync(join(ROOT, DIR, name))), name);
const oneLine = (diagnostic: Diagnostic): string =>
  `${diagnostic.ruleId} ${diagnostic.messageId}${diagnostic.cell ? ` ${diagnostic.cell.row}/${diagnostic.cell.column}` : ''} ${JSON.stringify(diagnostic.data).slice(0, 200)}`;

const APPLICANT_COLUMNS = [
  'naturalPerson',
  'commercial',
  'research',
  'publicInterest',
  'legalService',
  'otherOrg',
  'total',
] as const;
const REVIEW_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
const rowOf = (columns: readonly string[], values: readonly number[]): Record<string, number> =>
  Object.fromEntries(columns.map((column, index) => [column, values[index] ?? Number.NaN]));

/** 一、本年新收 of every B file: 2 1 0 2 0 1, 总计 6. */
const NEW_ROW = rowOf(APPLICANT_COLUMNS, [2, 1, 0, 2, 0, 1, 6]);

describe('B: one row of table 三 in four layouts reads the same', () => {
  const names = readdirSync(join(ROOT, DIR))
    .filter((name) => /^B-.*\.txt$/u.test(name))
    .sort();

  test('the four files are there', () => {
    expect(names).toEqual([
      'B-one-cell-per-line-pipe.txt',
      'B-one-cell-per-line.txt',
      'B-one-cell-per-paragraph.txt',
      'B-pipe-row-control.txt',
    ]);
  });

  test.each(names)('%s: 一、本年新收 = 2 1 0 2 0 1, 总计 6', async (name) => {
    const { document } = await readCells(`${DIR}/${name}`);
    expect(summarizeMismatches(compareCells({ applications: { new: NEW_ROW } }, document))).toEqual([]);
  });

  test.each(names.filter((name) => name !== 'B-one-cell-per-line-pipe.txt'))(
    '%s: the title 2022年 gives year 2022, template 2021',
    async (name) => {
      const { document } = await readCells(`${DIR}/${name}`);
      expect({ template: document.template, year: document.year }).toEqual({ template: '2021', year: 2022 });
    },
  );
});

/** Table 三 of A-zero-row.md (淮安市人民政府 2024), rows in template order. */
const A_APPLICATIONS: Record<string, number[]> = {
  new: [3001, 53, 0, 0, 61, 4, 3119],
  carriedOver: [34, 0, 0, 0, 0, 0, 34],
  granted: [1288, 21, 0, 0, 50, 3, 1362],
  partlyGranted: [447, 7, 0, 0, 0, 0, 454],
  withheldStateSecret: [2, 0, 0, 0, 0, 0, 2],
  withheldProhibitedByLaw: [30, 1, 0, 0, 0, 0, 31],
  withheldSecurityStability: [5, 0, 0, 0, 0, 0, 5],
  withheldThirdParty: [6, 0, 0, 0, 0, 0, 6],
  withheldInternalAffairs: [7, 1, 0, 0, 0, 0, 8],
  withheldProcessInfo: [12, 0, 0, 0, 0, 0, 12],
  withheldEnforcementFile: [9, 0, 0, 0, 0, 0, 9],
  withheldInquiry: [105, 0, 0, 0, 0, 0, 105],
  unavailableNotHeld: [746, 12, 0, 0, 10, 1, 769],
  unavailableNeedsCreation: [11, 0, 0, 0, 0, 0, 11],
  unavailableUnclear: [1, 0, 0, 0, 0, 0, 1],
  notProcessedComplaint: [56, 6, 0, 0, 0, 0, 62],
  notProcessedRepeat: [25, 0, 0, 0, 0, 0, 25],
  notProcessedPublication: [0, 0, 0, 0, 0, 0, 0],
  notProcessedExcessive: [0, 0, 0, 0, 0, 0, 0],
  notProcessedReconfirm: [1, 0, 0, 0, 0, 0, 1],
  otherNoCorrection: [67, 3, 0, 0, 1, 0, 71],
  otherUnpaidFee: [6, 0, 0, 0, 0, 0, 6],
  otherMisc: [108, 2, 0, 0, 0, 0, 110],
  total: [2932, 53, 0, 0, 61, 4, 3050],
  carriedForward: [103, 0, 0, 0, 0, 0, 103],
};
const A_REVIEW: Record<string, number[]> = {
  review: [72, 64, 178, 37, 351],
  litigationDirect: [13, 4, 8, 1, 26],
  litigationAfterReview: [12, 1, 1, 6, 20],
};
const A_EXPECTED = {
  template: '2021' as const,
  applications: Object.fromEntries(
    Object.entries(A_APPLICATIONS).map(([row, values]) => [row, rowOf(APPLICANT_COLUMNS, values)]),
  ) as ExpectedTable,
  reviewLitigation: Object.fromEntries(
    Object.entries(A_REVIEW).map(([row, values]) => [row, rowOf(REVIEW_COLUMNS, values)]),
  ) as ExpectedTable,
};

describe.each(['A-zero-row.md', 'A-blank-row.md'])('A: %s, a 2024 report typed into Markdown', (name) => {
  test('template 2021, year 2024', async () => {
    const { document } = await readCells(`${DIR}/${name}`);
    expect({ template: document.template, year: document.year }).toEqual({ template: '2021', year: 2024 });
  });

  test('the expected table is every row of the template', () => {
    const template = getTemplate('2021');
    expect(Object.keys(A_APPLICATIONS)).toEqual(template.rowKeys('applications'));
    expect(Object.keys(A_REVIEW)).toEqual(template.rowKeys('reviewLitigation'));
  });

  test('every row present, every cell as printed (a blank cell counts as 0)', async () => {
    const { document } = await readCells(`${DIR}/${name}`);
    expect(summarizeMismatches(compareCells(A_EXPECTED, document))).toEqual([]);
  });

  test("no 'missing-row' finding, and tables 三 and 四 not missing (table 二 is not in the file)", async () => {
    const result = await lintLayout(name);
    expect(result.error).toBeUndefined();
    const missing = result.diagnostics.filter(
      (diagnostic) =>
        diagnostic.ruleId === 'missing-row' ||
        (diagnostic.ruleId === 'missing-table' && !String(diagnostic.data.table ?? '').startsWith('二')),
    );
    expect(missing.map(oneLine)).toEqual([]);
  });
});

describe('A-blank-row.md: 3.要求提供公开出版物 printed with seven empty cells', () => {
  test('the row is present and its 7 cells are blank (raw text of a blank cell; readValue: empty)', async () => {
    const { document } = await readCells(`${DIR}/A-blank-row.md`);
    const cells = APPLICANT_COLUMNS.map((column) => {
      const raw = rawAt(document, 'applications', 'notProcessedPublication', column);
      return {
        column,
        raw: describeRaw(raw),
        blank: typeof raw === 'string' && readValue(raw, { kind: 'count' }).value.kind === 'empty',
      };
    });
    expect(cells.filter((cell) => !cell.blank)).toEqual([]);
  });

  test("counted as 0 with a warning on each of its cells, and no 'missing-row' for it", async () => {
    const result = await lintLayout('A-blank-row.md');
    const ofRow = (diagnostic: Diagnostic): boolean =>
      diagnostic.cell?.row === 'notProcessedPublication' ||
      JSON.stringify(diagnostic.data).includes('notProcessedPublication') ||
      JSON.stringify(diagnostic.data).includes('要求提供公开出版物');
    expect(
      result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'missing-row' && ofRow(diagnostic)).map(oneLine),
    ).toEqual([]);
    const warned = new Set<string>();
    for (const diagnostic of result.diagnostics.filter((candidate) => candidate.ruleId === 'empty-cell')) {
      if (diagnostic.cell?.row === 'notProcessedPublication') warned.add(diagnostic.cell.column);
      const listed = Array.isArray(diagnostic.data.cells)
        ? (diagnostic.data.cells as Array<{ row?: string; column?: string }>)
        : [];
      for (const cell of listed) if (cell.row === 'notProcessedPublication' && cell.column) warned.add(cell.column);
    }
    expect([...warned].sort()).toEqual([...APPLICANT_COLUMNS].sort());
  });
});

describe('C-table2-one-cell-per-line.txt: table 二 政府集中采购, one cell per line (2020, template 2019)', () => {
  test('template 2019, year 2020', async () => {
    const { document } = await readCells(`${DIR}/C-table2-one-cell-per-line.txt`);
    expect({ template: document.template, year: document.year }).toEqual({ template: '2019', year: 2020 });
  });

  test('采购项目数量 10, 采购总金额 1424.4 (万元)', async () => {
    const { document } = await readCells(`${DIR}/C-table2-one-cell-per-line.txt`);
    const projects = rawAt(document, 'active', 'procurement', 'projects');
    const amount = rawAt(document, 'active', 'procurement', 'amount');
    // money: readValue gives kind 'money', an exact decimal; formatDecimal of it is the amount as printed.
    const read = readValue(amount ?? null, { kind: 'money' }).value;
    expect({ projects: valueText(projects), amount: valueText(amount, 'money'), raw: { projects, amount } }).toEqual({
      projects: 'number 10',
      amount: 'money 1424.4',
      raw: { projects, amount },
    });
    expect(read.kind === 'money' ? formatDecimal(read.value) : read.kind).toBe('1424.4');
    expect(
      summarizeMismatches(
        compareCells({ template: '2019', active: { procurement: { projects: 10, amount: '1424.4' } } }, document),
      ),
    ).toEqual([]);
  });

  test('tables 三 and 四 are not in the file: absent, never invented', async () => {
    const { document } = await readCells(`${DIR}/C-table2-one-cell-per-line.txt`);
    expect({ applications: document.applications, reviewLitigation: document.reviewLitigation }).toEqual({
      applications: undefined,
      reviewLitigation: undefined,
    });
  });
});
