import { getTemplate, TEMPLATE_IDS } from '../../src/model/template.js';
import type { RawValue, ReportDocument, TemplateId } from '../../src/model/types.js';
import { lintBytes, readBytes } from '../../src/pipeline/lint.js';
import { blankDocument, writeReport, WRITE_FORMATS, type WriteFormat } from '../../src/write/index.js';

/** Every cell of a blank filled with a figure no other cell has: counts 1, 2, 3…; 2019's 本年增/减 negative; money with cents. */
function filled(template: TemplateId): ReportDocument {
  const document = blankDocument(template);
  document.year = template === '2019' ? 2020 : 2023;
  document.agency = '某市测试区审计局';
  for (const cell of getTemplate(template).cells) {
    const figure = cell.index + 1;
    const value = cell.kind === 'money' ? `${figure}.25` : cell.kind === 'signed' ? String(-figure) : String(figure);
    document[cell.table]![cell.row]![cell.column] = value;
  }
  document.narrative = {
    overview: `${document.year}年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。`,
    problems: '政策解读形式还不够丰富。',
    other: '本年度未收取信息处理费。',
  };
  return document;
}

/** A raw value as text, the way a cell's figure is compared across formats (a number 12 and the text "12" agree). */
function text(value: RawValue | undefined): string | undefined {
  return value === undefined ? undefined : value === null ? '' : String(value).trim();
}

const CASES: [TemplateId, WriteFormat, string][] = TEMPLATE_IDS.flatMap((template) => [
  ...WRITE_FORMATS.map((format): [TemplateId, WriteFormat, string] => [template, format, `report.${format}`]),
  [template, 'csv', 'report.long.csv'] as [TemplateId, WriteFormat, string],
]);

describe.each(CASES)('template %s written as %s (%s)', (template, format, file) => {
  const options = file.endsWith('.long.csv') ? { csv: 'long' as const } : {};

  it('reads back cell for cell when every cell is filled, with its template, year and agency', async () => {
    const document = filled(template);
    const bytes = await writeReport(document, format, options);
    const read = await readBytes(bytes, file);
    expect(read.document.template ?? template).toBe(template);
    const result = await lintBytes(bytes, file);
    expect(result.error).toBeUndefined();
    expect(result.template).toBe(template);
    expect(result.year).toBe(document.year);
    expect(result.agency).toBe(document.agency);
    const mismatches: string[] = [];
    for (const cell of getTemplate(template).cells) {
      const want = text(document[cell.table]?.[cell.row]?.[cell.column]);
      const got = text(read.document[cell.table]?.[cell.row]?.[cell.column]);
      if (got !== want) mismatches.push(`${cell.pointer}: wrote ${want}, read ${got}`);
    }
    expect(mismatches).toEqual([]);
    expect(
      result.diagnostics.filter((diagnostic) =>
        [
          'missing-row',
          'missing-table',
          'unknown-row',
          'mixed-template',
          'unreadable-row',
          'schema',
          'value-format',
        ].includes(diagnostic.ruleId),
      ),
    ).toEqual([]);
  });

  // A blank reads as every cell blank (empty-cell) in every format: a table printed without a figure is not aligned
  // (isBlankGrid), so table 四's row of empty cells is read as blank, not as figures out of place.
  it('reads back blank as the template with no figure and no finding but the unfilled cells', async () => {
    const bytes = await writeReport(blankDocument(template), format, options);
    const result = await lintBytes(bytes, file, { cells: true });
    expect(result.error).toBeUndefined();
    expect(result.template).toBe(template);
    expect(result.agency ?? '').toBe('');
    expect(result.year).toBeUndefined();
    const cells = getTemplate(template).cells;
    const withFigure = cells
      .filter((cell) => (text(result.cells?.[cell.pointer]?.raw) ?? '') !== '')
      .map((cell) => cell.pointer);
    expect(withFigure).toEqual([]);
    expect(cells.filter((cell) => result.cells?.[cell.pointer] === undefined).map((cell) => cell.pointer)).toEqual([]);
    const unfilled = ['empty-cell'];
    const others = result.diagnostics
      .filter((diagnostic) => !unfilled.includes(diagnostic.ruleId) && diagnostic.messageId !== 'not-evaluated')
      .map((diagnostic) => `${diagnostic.ruleId}/${diagnostic.messageId}`);
    expect(others).toEqual([]);
    expect(result.diagnostics.filter((diagnostic) => unfilled.includes(diagnostic.ruleId)).length).toBeGreaterThan(0);
  });
});

describe.each(TEMPLATE_IDS)(
  'template %s as Markdown, one figure a row in table 三 and table 四 left blank',
  (template) => {
    it('reads each figure in its own column and table 四 as printed blank: no row said to be missing or out of place', async () => {
      const document = blankDocument(template);
      const cells = getTemplate(template).cells;
      const rows = [...new Set(cells.filter((cell) => cell.table === 'applications').map((cell) => cell.row))];
      // Row i gets the figure i + 1 in its (i mod width)-th cell: every column, every label depth.
      const placed = rows.map((row, index) => {
        const own = cells.filter((cell) => cell.table === 'applications' && cell.row === row);
        const cell = own[index % own.length]!;
        document.applications![row]![cell.column] = String(index + 1);
        return cell;
      });
      const result = await lintBytes(await writeReport(document, 'md'), 'report.md', { cells: true });
      const figures = Object.fromEntries(
        cells
          .filter((cell) => cell.table === 'applications' && (text(result.cells?.[cell.pointer]?.raw) ?? '') !== '')
          .map((cell) => [cell.pointer, text(result.cells?.[cell.pointer]?.raw)]),
      );
      expect(figures).toEqual(Object.fromEntries(placed.map((cell, index) => [cell.pointer, String(index + 1)])));
      const review = cells.filter((cell) => cell.table === 'reviewLitigation');
      expect(review.filter((cell) => result.cells?.[cell.pointer]?.raw !== '').map((cell) => cell.pointer)).toEqual([]);
      expect(
        result.diagnostics
          .filter((diagnostic) => ['unreadable-row', 'missing-row', 'unknown-row'].includes(diagnostic.ruleId))
          .map((diagnostic) => diagnostic.ruleId),
      ).toEqual([]);
    });
  },
);

describe.each(
  TEMPLATE_IDS.flatMap((template) =>
    (['docx', 'xlsx', 'csv', 'json'] as const).map((format) => [template, format] as const),
  ),
)('template %s as %s with one figure in table 三', (template, format) => {
  it('reads the rows left wholly empty as printed blank, not as rows not given', async () => {
    const document = blankDocument(template);
    const cells = getTemplate(template).cells;
    const first = cells.find((cell) => cell.table === 'applications')!;
    document.applications![first.row]![first.column] = '3';
    const result = await lintBytes(await writeReport(document, format), `report.${format}`, { cells: true });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'missing-row')).toEqual([]);
    expect(cells.filter((cell) => result.cells?.[cell.pointer] === undefined).map((cell) => cell.pointer)).toEqual([]);
    expect(result.cells?.[first.pointer]?.raw).toBe('3');
    expect(cells.filter((cell) => cell !== first && text(result.cells?.[cell.pointer]?.raw) !== '')).toEqual([]);
  });
});
