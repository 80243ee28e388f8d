// Real report excerpts (fixtures/excerpts/, see its README): each read to what a careful reader reads in it
// (NNN.expected.json), and linted without a false arithmetic finding. Acceptance tests for the reading stage:
// several fail until the aligner reads these layouts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, FileResult } from '../../src/diagnostics/types.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import type { ReadResult } from '../../src/read/types.js';
import { compareCells, readCells, readExpected, summarizeMismatches, type ExpectedExcerpt } from '../helpers/cells.js';
import { ROOT } from '../helpers/lint.js';

const DIR = 'fixtures/excerpts';
const NAMES = readdirSync(join(ROOT, DIR))
  .filter((name) => /^\d+\.txt$/u.test(name))
  .map((name) => name.replace(/\.txt$/u, ''))
  .sort();

/** The rules whose findings say that a relation between figures fails. */
const ARITHMETIC = new Set([
  'applications-balance',
  'applications-outcome-sum',
  'applications-row-total',
  'review-litigation-total',
]);

/**
 * How each excerpt that is not complete is cut, read from its notes. `truncated`: how many 'truncated' findings a
 * reader must make; `insideTable`: the text ends inside table 三, every row and table before the cut is present,
 * so no 'missing-row' or 'missing-table' finding is due (the rows and tables after the cut are the truncation's).
 */
const CUTS: Record<string, { truncated: number; insideTable: boolean; why: string }> = {
  '002': {
    truncated: 1,
    insideTable: true,
    why: 'cut inside row 7.属于行政执法案卷 (its 总计 missing); the rest of 三 and all of 四 are not in the excerpt',
  },
  // 005 and 007 end in section 五's text, after table 四 is whole: no table is cut, so no 'truncated' finding.
  '005': {
    truncated: 0,
    insideTable: false,
    why: 'one page of a flipbook: table 四, then section 五 cut mid-sentence; table 三 is on an earlier page',
  },
  '006': { truncated: 1, insideTable: true, why: 'ends inside (一)予以公开 (blank cells, no 总计 visible)' },
  '007': {
    truncated: 0,
    insideTable: false,
    why: 'ends in the heading 五、存在的主…, after table 四 whose value cells were all dropped',
  },
  '008': { truncated: 1, insideTable: true, why: "ends at '(三)不予公开 | 1.'" },
  '009': { truncated: 1, insideTable: true, why: 'ends after 3.危及“三安全一稳定”' },
  // Not cut: the text runs on to 五、其他需要报告的事项. It is incomplete only because the 总计 of 四、结转下年度继续办理
  // is displaced (a stray '1' inside the (六) label block), so a 'truncated' finding would be false.
  '032': { truncated: 0, insideTable: false, why: 'not cut: one 总计 cell displaced' },
};

const expectedOf = (name: string): ExpectedExcerpt => readExpected(`${DIR}/${name}.expected.json`);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, DIR, `${name}.txt`)));

/** A finding in one line, for a failure message. */
const oneLine = (diagnostic: Diagnostic): string =>
  `${diagnostic.ruleId} ${diagnostic.messageId}${diagnostic.cell ? ` ${diagnostic.cell.row}/${diagnostic.cell.column}` : ''} ${JSON.stringify(diagnostic.data).slice(0, 240)}`;

/** The findings that say a relation fails (not the 'not-evaluated' notes of a relation that cannot be checked). */
const arithmeticFindings = (result: FileResult): Diagnostic[] =>
  result.diagnostics.filter(
    (diagnostic) => ARITHMETIC.has(diagnostic.ruleId) && diagnostic.messageId !== 'not-evaluated',
  );

/** The rule ids of expected.arithmeticErrors: each entry a rule id, or an object with ruleId (all are [] today). */
function expectedRuleIds(errors: readonly unknown[]): string[] {
  return errors.map((error) => {
    if (typeof error === 'string') return error.split(/\s/u)[0] ?? error;
    if (error && typeof error === 'object' && 'ruleId' in error && typeof error.ruleId === 'string')
      return error.ruleId;
    throw new Error(`unknown arithmeticErrors entry ${JSON.stringify(error)}: give a rule id or { ruleId }`);
  });
}

const ofRule = (result: FileResult, ruleId: string): Diagnostic[] =>
  result.diagnostics.filter((diagnostic) => diagnostic.ruleId === ruleId);

test('every excerpt has its expected.json and the cut of every incomplete one is listed', () => {
  expect(NAMES.length).toBeGreaterThanOrEqual(9);
  for (const name of NAMES) {
    const expected = expectedOf(name);
    if (!expected.complete) expect([name, CUTS[name]?.why]).toEqual([name, expect.any(String)]);
  }
});

describe.each(NAMES)('excerpt %s', (name) => {
  const expected = expectedOf(name);
  let read: ReadResult | undefined;
  let linted: FileResult | undefined;
  const readResult = async (): Promise<ReadResult> => (read ??= await readCells(`${DIR}/${name}.txt`));
  const lintResult = async (): Promise<FileResult> => (linted ??= await lintBytes(bytesOf(name), `${name}.txt`));

  test(`template ${expected.template}, year ${expected.year}`, async () => {
    const { document } = await readResult();
    expect({ template: document.template, year: document.year }).toEqual({
      template: expected.template,
      year: expected.year,
    });
  });

  test('every cell of tables 三 and 四 as a careful reader reads it (null: absent)', async () => {
    const { document } = await readResult();
    const mismatches = summarizeMismatches(compareCells(expected, document));
    // One mismatch a line: /table/row/column: expected …, found '…' (what readValue makes of it).
    expect(mismatches).toEqual([]);
  });

  test(`arithmetic findings are the relations that really fail (${expected.arithmeticErrors.length})`, async () => {
    const result = await lintResult();
    expect(result.error).toBeUndefined();
    const findings = arithmeticFindings(result);
    if (expected.arithmeticErrors.length === 0) expect(findings.map(oneLine)).toEqual([]);
    else
      expect(findings.map((finding) => finding.ruleId).sort()).toEqual(
        expectedRuleIds(expected.arithmeticErrors).sort(),
      );
  });

  const cut = CUTS[name];
  if (expected.complete) {
    test('a complete text is not reported as cut', async () => {
      expect(ofRule(await lintResult(), 'truncated').map(oneLine)).toEqual([]);
    });
  } else if (cut) {
    test(`${cut.truncated} 'truncated' finding(s): ${cut.why}`, async () => {
      const truncated = ofRule(await lintResult(), 'truncated');
      expect({ count: truncated.length, findings: truncated.map(oneLine) }).toEqual({
        count: cut.truncated,
        findings: expect.any(Array),
      });
    });
    if (cut.insideTable) {
      test('no missing-row or missing-table finding: the rows and tables after the cut are the truncation', async () => {
        const result = await lintResult();
        expect([...ofRule(result, 'missing-row'), ...ofRule(result, 'missing-table')].map(oneLine)).toEqual([]);
      });
    }
  }
});
