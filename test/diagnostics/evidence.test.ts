import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMessage } from '../../src/diagnostics/render.js';
import type { Diagnostic, FileResult, SumTerm } from '../../src/diagnostics/types.js';
import { buildReport, type Cell, type Report } from '../../src/model/report.js';
import type { CellRef, Evidence, ReportDocument } from '../../src/model/types.js';
import { readValue } from '../../src/model/values.js';
import { lintBytes, readBytes } from '../../src/pipeline/lint.js';
import { InputError, type ReadResult } from '../../src/read/types.js';
import { fixtureDocument, fixtureFiles, lintDocument, ROOT } from '../helpers/lint.js';
import { Ajv } from 'ajv';
import { summarize } from '../../src/diagnostics/types.js';
import { html } from '../../src/format/html.js';
import { json } from '../../src/format/json.js';
import { sarif } from '../../src/format/sarif.js';

/**
 * Every finding states a cited cell's value only as far as the cell's evidence allows: 实际填写 N only for a cell read
 * as N, 留空 only for a blank, 推断 for an inferred one, and no value at all for a cell not in the input.
 */

interface Linted {
  file: string;
  read: ReadResult;
  result: FileResult;
  report: Report | undefined;
}

/** Reads and lints a fixture; undefined when it cannot be read at all (an input error). */
async function lintFixture(file: string): Promise<Linted | undefined> {
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'fixtures', file)));
  let read: ReadResult;
  try {
    read = await readBytes(bytes, file);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  const result = await lintBytes(bytes, file, { cells: true });
  return { file, read, result, report: modelOf(read, result) };
}

function modelOf(read: ReadResult, result: FileResult): Report | undefined {
  if (!result.template) return undefined;
  return buildReport(read.document, result.template, {
    ...(result.year !== undefined ? { year: result.year } : {}),
    ...(read.inferred ? { inferred: read.inferred } : {}),
    ...(read.totalsUsed ? { totalsUsed: read.totalsUsed } : {}),
  });
}

function cellOf(report: Report, ref: CellRef): Cell {
  const cell = report.cells.find(
    (candidate) =>
      candidate.def.table === ref.table && candidate.def.row === ref.row && candidate.def.column === ref.column,
  );
  if (!cell) throw new Error(`no cell ${ref.table}/${ref.row}/${ref.column}`);
  return cell;
}

/** The count a raw value reads as, or undefined when it is not a number. */
function countOfRaw(raw: unknown, cell: Cell): number | undefined {
  if (raw === undefined) return undefined;
  const { value } = readValue(raw as string | number | null, cell.def);
  return value.kind === 'number' ? value.value : undefined;
}

const number = (text: string): number => Number(text.replace(/,/g, ''));
const TERM_KEYS = ['leftTerms', 'rightTerms', 'previousTerms', 'currentTerms'] as const;

/** The problems of one finding: every way its message or its data says more about a cell than the cell's evidence supports. */
function problemsOf(diagnostic: Diagnostic, report: Report): string[] {
  const problems: string[] = [];
  const zh = renderMessage(diagnostic, 'zh-CN');
  const en = renderMessage(diagnostic, 'en');
  const say = (problem: string) => problems.push(`${diagnostic.ruleId}/${diagnostic.messageId}: ${problem} — ${zh}`);
  // The cell the message states the value of: the finding's own, or the table cell a narrative figure names.
  const named =
    diagnostic.cell ??
    (Array.isArray(diagnostic.data['cells']) && diagnostic.ruleId === 'narrative-figures'
      ? (diagnostic.data['cells'] as CellRef[])[0]
      : undefined);
  if (diagnostic.cell) {
    const cell = cellOf(report, diagnostic.cell);
    if (diagnostic.evidence !== cell.evidence) say(`evidence ${diagnostic.evidence} but the cell is ${cell.evidence}`);
    if (cell.evidence === 'absent' && diagnostic.raw !== undefined) say('an absent cell with raw text');
    if (cell.evidence !== 'absent' && cell.raw !== undefined && diagnostic.raw !== cell.raw)
      say(`raw ${JSON.stringify(diagnostic.raw)} but the cell holds ${JSON.stringify(cell.raw)}`);
  }
  if (named) {
    const cell = cellOf(report, named);
    const stated = /实际填写 (-?[\d,.]+)/u.exec(zh);
    if (stated) {
      if (cell.evidence !== 'read') say(`says 实际填写 for a ${cell.evidence} cell`);
      else if (countOfRaw(cell.raw, cell) !== number(stated[1]!))
        say(`says 实际填写 ${stated[1]} but the cell's raw text is ${JSON.stringify(cell.raw)}`);
    }
    if (/实际留空/u.test(zh) && cell.evidence !== 'blank') say(`says 留空 for a ${cell.evidence} cell`);
    const inferred = /推断为 (-?[\d,.]+)/u.exec(zh);
    if (inferred && diagnostic.ruleId !== 'inferred-cells') {
      if (cell.evidence !== 'inferred') say(`says 推断为 for a ${cell.evidence} cell`);
      else if (
        countOfRaw(cell.raw, cell) !== undefined &&
        countOfRaw(cell.raw, cell) !== number(inferred[1]!) &&
        cell.value.kind !== 'empty'
      )
        say(`says 推断为 ${inferred[1]} but the cell's raw text is ${JSON.stringify(cell.raw)}`);
    }
    if (cell.evidence === 'inferred' && /实际填写|填写了|填写的/u.test(zh)) say('states an inferred cell as written');
    if (cell.evidence === 'inferred' && !/推断/u.test(zh) && diagnostic.ruleId !== 'zero-marker')
      say('an inferred cell without 推断');
    if (cell.evidence === 'inferred' && !/inferred/u.test(en) && diagnostic.ruleId !== 'zero-marker')
      say('an inferred cell without "inferred" in English');
    if (cell.evidence === 'blank' && /实际填写/u.test(zh)) say('states a blank cell as written');
    if (cell.evidence === 'blank' && diagnostic.data['actual'] !== undefined && !/留空/u.test(zh))
      say('a blank cell without 留空');
    if (cell.evidence === 'blank' && diagnostic.data['actual'] !== undefined && !/blank/u.test(en))
      say('a blank cell without "blank" in English');
    if (
      cell.evidence === 'absent' &&
      (/实际填写|实际留空|填写了|填写的|推断为/u.test(zh) || diagnostic.data['actual'] !== undefined)
    )
      say('quotes a value of an absent cell');
  }
  if (
    diagnostic.data['evidence'] !== undefined &&
    named &&
    diagnostic.data['evidence'] !== cellOf(report, named).evidence
  )
    say(`data.evidence ${String(diagnostic.data['evidence'])} but the cell is ${cellOf(report, named).evidence}`);
  // Terms: each carries its cell's evidence; a listed blank term reads 留空, an inferred one 推断, a read one its value.
  for (const key of TERM_KEYS) {
    const terms = diagnostic.data[key] as SumTerm[] | undefined;
    if (!Array.isArray(terms)) continue;
    for (const term of terms) {
      const cell = cellOf(report, term.cell);
      if (term.evidence !== cell.evidence)
        say(
          `${key}: term ${term.cell.row}/${term.cell.column} has evidence ${term.evidence}, the cell ${cell.evidence}`,
        );
      if (
        term.evidence === 'read' &&
        term.value !== null &&
        countOfRaw(cell.raw, cell) !== term.value &&
        cell.def.kind !== 'signed'
      )
        say(
          `${key}: read term ${term.cell.row}/${term.cell.column} = ${term.value} but its raw text is ${JSON.stringify(cell.raw)}`,
        );
      if (term.evidence === 'blank' && term.value !== 0) say(`${key}: a blank term counted ${term.value}`);
    }
    // A side of one term that is the cited cell itself is stated by {stated} (checked above), not listed.
    const isNamed =
      terms.length === 1 &&
      named !== undefined &&
      terms[0]!.cell.row === named.row &&
      terms[0]!.cell.column === named.column &&
      terms[0]!.cell.table === named.table;
    if (isNamed) continue;
    if (terms.length <= 6) {
      if (terms.some((term) => term.evidence === 'blank') && !/留空/u.test(zh))
        say(`${key}: a blank term not said to be blank`);
      if (terms.some((term) => term.evidence === 'inferred') && !/（推断）/u.test(zh))
        say(`${key}: an inferred term not marked 推断`);
    } else {
      if (terms.some((term) => term.evidence === 'blank') && !/留空/u.test(zh))
        say(`${key}: blank terms not counted as such`);
      if (terms.some((term) => term.evidence === 'inferred') && !/推断/u.test(zh))
        say(`${key}: inferred terms not counted as such`);
    }
  }
  // A repair names the cell's value as the input has it.
  const repair = diagnostic.data['repair'] as
    { cell: CellRef; from: number; to: number; evidence: Evidence; raw?: unknown } | undefined;
  if (repair) {
    const cell = cellOf(report, repair.cell);
    if (repair.evidence !== cell.evidence) say(`repair evidence ${repair.evidence}, the cell ${cell.evidence}`);
    if (cell.evidence === 'absent') say('a repair of an absent cell');
    const from = /由 (-?[\d,.]+) 改为/u.exec(zh);
    if (from) {
      if (cell.evidence !== 'read') say(`a repair 由 ${from[1]} of a ${cell.evidence} cell`);
      else if (countOfRaw(cell.raw, cell) !== number(from[1]!))
        say(`a repair 由 ${from[1]} but the cell's raw text is ${JSON.stringify(cell.raw)}`);
    }
    if (/由 留空/u.test(zh) !== (cell.evidence === 'blank'))
      say('a repair of a blank cell must say 由 留空, and only it');
    if (cell.evidence === 'inferred' && !/推断/u.test(zh))
      say('a repair of an inferred cell proposed as if it were printed');
  }
  // Not evaluated: 缺少 only for cells not in the input.
  if (diagnostic.messageId.startsWith('not-evaluated')) {
    for (const ref of (diagnostic.data['missing'] as CellRef[] | undefined) ?? []) {
      const cell = cellOf(report, ref);
      if (diagnostic.messageId === 'not-evaluated' && cell.evidence !== 'absent')
        say(`缺少 names ${ref.row}/${ref.column}, which is ${cell.evidence}`);
      if (diagnostic.messageId !== 'not-evaluated' && cell.evidence === 'absent')
        say(`${diagnostic.messageId} names the absent ${ref.row}/${ref.column}`);
    }
    if (diagnostic.messageId !== 'not-evaluated' && /缺少/u.test(zh)) say('缺少 for cells that are in the input');
  }
  // The empty-cell warning lists blank cells, never absent ones.
  if (diagnostic.ruleId === 'empty-cell') {
    for (const ref of (diagnostic.data['cells'] as CellRef[] | undefined) ?? []) {
      const cell = cellOf(report, ref);
      if (cell.evidence !== 'blank') say(`lists ${ref.row}/${ref.column} as blank, which is ${cell.evidence}`);
    }
  }
  return problems;
}

const FILES = fixtureFiles();

describe('every finding that cites a cell agrees with the cell’s evidence and raw text (every fixture)', () => {
  it('covers the fixtures', () => {
    expect(FILES.length).toBeGreaterThan(40);
    expect(FILES).toContain('pdf/hongze-2023.pdf');
  });

  it.each(FILES)('%s', async (file) => {
    const linted = await lintFixture(file);
    if (!linted) return;
    const { result, report } = linted;
    if (!report) {
      expect(result.diagnostics.filter((diagnostic) => diagnostic.cell)).toEqual([]);
      return;
    }
    const problems = result.diagnostics.flatMap((diagnostic) => problemsOf(diagnostic, report));
    expect(problems).toEqual([]);
    // Every cited cell carries its evidence.
    for (const diagnostic of result.diagnostics) if (diagnostic.cell) expect(diagnostic.evidence).toBeDefined();
  });
});

/** clean-2021.json with changes, linted, and checked like the fixtures. */
async function lintChanged(
  change: (document: ReportDocument & Record<string, unknown>) => void,
  options: { strict?: boolean } = {},
): Promise<{ result: FileResult; problems: string[]; messages: string[]; english: string[] }> {
  const document = fixtureDocument('json/clean-2021.json') as ReportDocument & Record<string, unknown>;
  change(document);
  const bytes = new TextEncoder().encode(JSON.stringify(document));
  const result = await lintDocument(document, options);
  const read = await readBytes(bytes, 'report.json');
  const report = buildReport(read.document, '2021', {
    ...(options.strict ? { strict: true } : {}),
    ...(read.inferred ? { inferred: read.inferred } : {}),
    ...(read.totalsUsed ? { totalsUsed: read.totalsUsed } : {}),
  });
  return {
    result,
    problems: result.diagnostics.flatMap((diagnostic) => problemsOf(diagnostic, report)),
    messages: result.diagnostics.map((diagnostic) => renderMessage(diagnostic, 'zh-CN')),
    english: result.diagnostics.map((diagnostic) => renderMessage(diagnostic, 'en')),
  };
}

const apps = (document: ReportDocument) =>
  document.applications as Record<string, Record<string, string | number | null>>;

describe('messages follow the evidence', () => {
  it('a printed total: 实际填写 N', async () => {
    const { result, problems, messages } = await lintChanged((d) => {
      apps(d)['new']!['total'] = Number(apps(d)['new']!['total']) + 2;
    });
    expect(problems).toEqual([]);
    const rowTotal = result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'applications-row-total');
    expect(rowTotal).toMatchObject({ evidence: 'read', raw: expect.any(Number), data: { evidence: 'read' } });
    expect(messages.join('\n')).toMatch(/实际填写 [\d,]+，相差 2/u);
  });

  it('a blank total: 留空（按 0 计）, never 实际填写 0; a repair 由 留空', async () => {
    const { result, problems, messages, english } = await lintChanged((d) => {
      apps(d)['carriedForward']!['total'] = '—';
    });
    expect(problems).toEqual([]);
    const rowTotal = result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'applications-row-total');
    expect(rowTotal).toMatchObject({ evidence: 'blank', raw: '—', data: { evidence: 'blank' } });
    const text = messages.join('\n');
    expect(text).toContain('实际留空（按 0 计）');
    expect(text).not.toContain('实际填写 0');
    expect(text).toMatch(/由 留空 改为 \d+/u);
    expect(text).toMatch(/四、结转下年度 留空/u);
    expect(english.join('\n')).toContain('is blank (counted as 0)');
  });

  it('an inferred total: 推断为 N, and its row total is not checked', async () => {
    const { result, problems, messages, english } = await lintChanged((d) => {
      apps(d)['total']!['naturalPerson'] = Number(apps(d)['total']!['naturalPerson']) + 1;
      d['$evidence'] = {
        inferred: ['/applications/total/naturalPerson', '/applications/total/total'],
        totalsUsed: ['/applications/total'],
      };
    });
    expect(problems).toEqual([]);
    const outcome = result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'applications-outcome-sum');
    expect(outcome).toMatchObject({ evidence: 'inferred', data: { evidence: 'inferred' } });
    const text = messages.join('\n');
    expect(text).toMatch(/推断为 [\d,]+（原文数字连写或缺格，按本行总计推断）/u);
    expect(text).not.toMatch(/「（七）总计」「自然人」应为各项办理结果之和 [\d,]+，实际填写/u);
    expect(english.join('\n')).toMatch(/was inferred as [\d,]+/u);
    // The inferred cell is a term of the balance: marked 推断 there.
    expect(text).toMatch(/（七）总计 [\d,]+（推断）/u);
    // The row whose total placed its cells is not checked by adding up, and the report says why.
    expect(result.rules.find((run) => run.id === 'applications-row-total')?.status).toBe('not-evaluated');
    expect(result.diagnostics.some((diagnostic) => diagnostic.ruleId === 'inferred-cells')).toBe(true);
  });

  it('a repair of an inferred cell says it was inferred', async () => {
    // A carried-over cell inferred in a row whose total is not checked: the only cell that repairs its column.
    const { result, problems, messages } = await lintChanged((d) => {
      apps(d)['carriedOver']!['naturalPerson'] = Number(apps(d)['carriedOver']!['naturalPerson']) + 3;
      apps(d)['carriedOver']!['total'] = Number(apps(d)['carriedOver']!['total']) + 2;
      d['$evidence'] = {
        inferred: ['/applications/carriedOver/naturalPerson', '/applications/carriedOver/total'],
        totalsUsed: ['/applications/carriedOver'],
      };
    });
    expect(problems).toEqual([]);
    const repaired = result.diagnostics.filter((diagnostic) => diagnostic.data['repair']);
    expect(
      repaired.some((diagnostic) => (diagnostic.data['repair'] as { evidence: Evidence }).evidence === 'inferred'),
    ).toBe(true);
    for (const diagnostic of repaired) {
      const repair = diagnostic.data['repair'] as { evidence: Evidence };
      if (repair.evidence === 'inferred')
        expect(renderMessage(diagnostic, 'zh-CN')).toMatch(
          /是推断的 [\d,]+（原文未标明其位置），若实为 [\d,]+ 则全部成立/u,
        );
    }
    expect(messages.join('\n')).not.toMatch(/把 表三「二、上年结转政府信息公开申请数量」「自然人」由/u);
  });

  it('not evaluated: 缺少 only for cells the input lacks; unreadable and strict blanks are said to be so', async () => {
    const absent = await lintChanged((d) => {
      delete apps(d)['granted']!['naturalPerson'];
    });
    expect(absent.problems).toEqual([]);
    const missing = absent.result.diagnostics.filter((diagnostic) => diagnostic.messageId === 'not-evaluated');
    expect(missing.length).toBeGreaterThan(0);
    for (const diagnostic of missing) {
      expect(diagnostic).toMatchObject({ evidence: 'absent', severity: 'warning' });
      expect(diagnostic.raw).toBeUndefined();
      expect(renderMessage(diagnostic, 'zh-CN')).toContain('输入中缺少 「（一）予以公开」自然人');
    }
    const unreadable = await lintChanged((d) => {
      apps(d)['granted']!['naturalPerson'] = '约十件';
    });
    expect(unreadable.problems).toEqual([]);
    const notNumbers = unreadable.result.diagnostics.filter(
      (diagnostic) => diagnostic.messageId === 'not-evaluated-unreadable',
    );
    expect(notNumbers.length).toBeGreaterThan(0);
    for (const diagnostic of notNumbers) {
      expect(diagnostic).toMatchObject({ evidence: 'read', raw: '约十件', severity: 'warning' });
      expect(renderMessage(diagnostic, 'zh-CN')).not.toContain('缺少');
    }
    const strict = await lintChanged(
      (d) => {
        apps(d)['granted']!['naturalPerson'] = '';
      },
      { strict: true },
    );
    expect(strict.problems).toEqual([]);
    const empty = strict.result.diagnostics.filter((diagnostic) => diagnostic.messageId === 'not-evaluated-empty');
    expect(empty.length).toBeGreaterThan(0);
    for (const diagnostic of empty) {
      expect(diagnostic).toMatchObject({ evidence: 'blank', raw: '' });
      expect(renderMessage(diagnostic, 'zh-CN')).toContain('为空（严格模式下空白不按 0 计）');
    }
  });

  it('the empty-cell warning is about blank cells only, never absent or inferred ones', async () => {
    const { result, problems } = await lintChanged((d) => {
      apps(d)['granted']!['research'] = '';
      apps(d)['granted']!['legalService'] = '';
      delete apps(d)['granted']!['publicInterest'];
      d['$evidence'] = { inferred: ['/applications/granted/legalService'], totalsUsed: ['/applications/granted'] };
    });
    expect(problems).toEqual([]);
    const empty = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'empty-cell');
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ evidence: 'blank', raw: '', data: { count: 1 } });
  });

  it('a negative number in an inferred cell is not said to be written there', async () => {
    const { result, problems, messages } = await lintChanged((d) => {
      apps(d)['granted']!['otherOrg'] = -1;
      d['$evidence'] = { inferred: ['/applications/granted/otherOrg'], totalsUsed: ['/applications/granted'] };
    });
    expect(problems).toEqual([]);
    const negative = result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'non-negative');
    expect(negative).toMatchObject({ evidence: 'inferred', raw: -1 });
    expect(messages.join('\n')).toContain('推断为负数 -1');
  });

  it('a long sum counts its blank and inferred zeros', async () => {
    const { result, messages } = await lintChanged((d) => {
      apps(d)['total']!['research'] = Number(apps(d)['total']!['research']) + 4;
      for (const row of ['withheldStateSecret', 'withheldProhibitedByLaw', 'withheldSecurityStability'])
        if (apps(d)[row]!['research'] === 0) apps(d)[row]!['research'] = '';
    });
    const outcome = result.diagnostics.find(
      (diagnostic) => diagnostic.ruleId === 'applications-outcome-sum' && diagnostic.cell?.column === 'research',
    );
    expect(outcome).toBeDefined();
    const terms = outcome!.data['rightTerms'] as SumTerm[];
    const blanks = terms.filter((term) => term.evidence === 'blank').length;
    if (blanks > 0) expect(messages.join('\n')).toMatch(new RegExp(`其余 \\d+ 项计为 0（其中 ${blanks} 项留空）`, 'u'));
  });
});

describe('the formatters give each cited cell its evidence', () => {
  const reportSchema = JSON.parse(readFileSync(join(ROOT, 'schemas/lint-report.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(reportSchema);

  async function results() {
    const document = fixtureDocument('json/clean-2021.json') as ReportDocument & Record<string, unknown>;
    apps(document)['carriedForward']!['total'] = '—';
    apps(document)['granted']!['naturalPerson'] = Number(apps(document)['granted']!['naturalPerson']) + 1;
    apps(document)['granted']!['total'] = Number(apps(document)['granted']!['total']) + 1;
    document['$evidence'] = {
      inferred: ['/applications/granted/naturalPerson', '/applications/granted/total'],
      totalsUsed: ['/applications/granted'],
    };
    const file = await lintDocument(document, { cells: true }, 'evidence.json');
    return { files: [file], summary: summarize([file]) };
  }

  it('json: evidence and raw text beside the cell, evidence on every term and on a repair; valid against lint-report.schema.json', async () => {
    const output = JSON.parse(json(await results(), { locale: 'zh-CN', color: false })) as {
      files: { diagnostics: Array<Record<string, unknown> & { data: Record<string, unknown> }> }[];
    };
    validate(output);
    expect(validate.errors ?? []).toEqual([]);
    const diagnostics = output.files[0]!.diagnostics;
    for (const diagnostic of diagnostics)
      if (diagnostic['cell']) expect(['read', 'inferred', 'blank', 'absent']).toContain(diagnostic['evidence']);
    const blank = diagnostics.find((diagnostic) => diagnostic['ruleId'] === 'applications-row-total');
    expect(blank).toMatchObject({ evidence: 'blank', raw: '—', data: { evidence: 'blank' } });
    expect(String(blank!['message'])).toContain('实际留空（按 0 计）');
    const sums = diagnostics.filter((diagnostic) => Array.isArray(diagnostic.data['leftTerms']));
    const terms = sums.flatMap((diagnostic) => [
      ...(diagnostic.data['leftTerms'] as SumTerm[]),
      ...(diagnostic.data['rightTerms'] as SumTerm[]),
    ]);
    expect(terms.length).toBeGreaterThan(0);
    for (const term of terms) expect(['read', 'inferred', 'blank', 'absent']).toContain(term.evidence);
    expect(terms.some((term) => term.evidence === 'blank')).toBe(true);
    expect(terms.some((term) => term.evidence === 'inferred')).toBe(true);
  });

  it('sarif: evidence and raw text in the result properties', async () => {
    const log = JSON.parse(sarif(await results(), { locale: 'zh-CN', color: false })) as {
      runs: { results: { ruleId: string; properties: Record<string, unknown> }[] }[];
    };
    const rowTotal = log.runs[0]!.results.find((result) => result.ruleId === 'applications-row-total');
    expect(rowTotal?.properties).toMatchObject({ evidence: 'blank', raw: '—' });
  });

  it('html: blank and inferred cells drawn as such, a blank total never shown as an actual 0', async () => {
    const page = html(await results(), { locale: 'zh-CN', color: false });
    expect(page).toMatch(
      /<td class="cell blank[^"]*" data-pointer="\/applications\/carriedForward\/total" data-evidence="blank"/u,
    );
    expect(page).toMatch(
      /<td class="cell inferred[^"]*" data-pointer="\/applications\/granted\/naturalPerson" data-evidence="inferred"/u,
    );
    expect(page).toContain('"actual":"留空（按 0 计）"');
  });
});
