import { getTemplate } from '../../src/model/template.js';
import type { ReportDocument, TemplateId } from '../../src/model/types.js';
import { readBytes } from '../../src/pipeline/lint.js';
import { RULES } from '../../src/rules/catalogue.js';
import { fixture, fixtureFiles } from '../helpers/lint.js';
import { runWith } from '../helpers/memory-io.js';

/**
 * `xxgk-lint convert X -o x.json && xxgk-lint x.json` finds what `xxgk-lint X` finds in the tables: the same rules
 * fail on the same cells with the same data and messages, and the same rules pass or cannot be checked. The reader's
 * own findings (narrative, missing and unknown rows, the schema of JSON) may differ in place or in kind.
 */

/** Rules about the tables and their figures: every one but the reader's own and the JSON schema. */
const TABLE_RULES = new Set(
  RULES.filter((rule) => rule.kind !== 'reader' && rule.kind !== 'schema').map((rule) => rule.id),
);

interface JsonDiagnostic {
  ruleId: string;
  messageId: string;
  message: string;
  cell?: { table: string; row: string; column: string };
  evidence?: string;
  raw?: unknown;
  data: Record<string, unknown>;
  location: { pointer?: string };
}

interface JsonFile {
  template: TemplateId | null;
  diagnostics: JsonDiagnostic[];
  rules: { id: string; status: string }[];
  error?: unknown;
}

async function lintJson(path: string, files: Record<string, string> = {}): Promise<JsonFile> {
  const run = await runWith(['--format', 'json', '--no-continuity', path], { files });
  const report = JSON.parse(run.stdout) as { files: JsonFile[] };
  return report.files[0]!;
}

/** What must be equal: the table findings (rule, message, cell and its evidence, data) and the table rules' outcomes. */
function tableFindings(file: JsonFile) {
  return {
    findings: file.diagnostics
      .filter((diagnostic) => TABLE_RULES.has(diagnostic.ruleId))
      .map((diagnostic) => ({
        ruleId: diagnostic.ruleId,
        messageId: diagnostic.messageId,
        cell: diagnostic.cell
          ? `/${diagnostic.cell.table}/${diagnostic.cell.row}/${diagnostic.cell.column}`
          : (diagnostic.location.pointer ?? null),
        evidence: diagnostic.evidence ?? null,
        raw: diagnostic.raw ?? null,
        data: diagnostic.data,
        message: diagnostic.message,
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    rules: file.rules
      .filter((run) => TABLE_RULES.has(run.id))
      .map((run) => `${run.id}:${run.status}`)
      .sort(),
  };
}

const FILES = fixtureFiles();
const REAL_REPORTS = ['pdf/hongze-2023.pdf', 'pdf/hongze-2024.pdf', 'pdf/huaian-2024.pdf'];

describe('convert round-trips: linting the converted JSON finds what linting the input finds', () => {
  it('covers every fixture and the three real reports', () => {
    for (const report of REAL_REPORTS) expect(FILES).toContain(report);
  });

  it.each(FILES)('%s', async (file) => {
    const path = `fixtures/${file}`;
    const converted = await runWith(['convert', path, '-o', 'x.json']);
    if (converted.code !== 0) {
      // Only an input that cannot be read at all is not converted; linting it says so too.
      expect(converted.code).toBe(2);
      expect((await lintJson(path)).error).toBeDefined();
      return;
    }
    const text = converted.written.get('x.json');
    expect(text).toBeDefined();
    const original = await lintJson(path);
    const again = await lintJson('x.json', { 'x.json': text! });
    expect(again.template).toEqual(original.template);
    expect(tableFindings(again)).toEqual(tableFindings(original));

    // The converted document holds each cell as the input had it: a blank as its text, an absent cell left out,
    // the inferred cells and the rows their totals placed listed in "$evidence".
    const document = JSON.parse(text!) as ReportDocument;
    const read = await readBytes(fixture(file), file);
    const inferred = new Set(document.$evidence?.inferred ?? []);
    expect(inferred).toEqual(new Set(read.inferred ?? []));
    expect(new Set(document.$evidence?.totalsUsed ?? [])).toEqual(new Set(read.totalsUsed ?? []));
    if (original.template) {
      const template = getTemplate(original.template);
      for (const cell of template.cells) {
        const row = (read.document[cell.table] as Record<string, Record<string, unknown>> | undefined)?.[cell.row];
        const written = (document[cell.table] as Record<string, Record<string, unknown>> | undefined)?.[cell.row];
        if (row && Object.hasOwn(row, cell.column)) expect(written?.[cell.column]).toEqual(row[cell.column]);
        else expect(written && Object.hasOwn(written, cell.column)).toBeFalsy();
      }
    }

    // Its own schema never rejects a cell of a document a reader made, nor an older template's row it prints: only
    // tables or rows the input lacks are missing (the reader said so in its own terms). A JSON input converts to itself.
    const schema =
      read.format === 'json' ? [] : again.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema');
    for (const diagnostic of schema) {
      expect(diagnostic.messageId).toBe('required');
      expect((diagnostic.location.pointer ?? '').split('/').length).toBeLessThanOrEqual(3);
    }
  });

  it.each(['pdf/hongze-2023.pdf', 'pdf/hongze-2024.pdf'])(
    '%s prints 2019’s single （六）其他处理 row: the converted JSON fits its schema',
    async (file) => {
      const converted = await runWith(['convert', `fixtures/${file}`, '-o', 'x.json']);
      const document = JSON.parse(converted.written.get('x.json')!) as ReportDocument;
      expect(Object.keys(document.applications ?? {})).toContain('otherHandling');
      const again = await lintJson('x.json', { 'x.json': converted.written.get('x.json')! });
      expect(again.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema')).toEqual([]);
    },
  );
});

describe('"$evidence" in the canonical JSON', () => {
  const base = () =>
    JSON.parse(new TextDecoder().decode(fixture('json/clean-2021.json'))) as ReportDocument & Record<string, unknown>;

  it('keeps inferred cells inferred and their rows unchecked by adding up', async () => {
    const document = base();
    document.$evidence = {
      inferred: ['/applications/new/naturalPerson', '/applications/new/total'],
      totalsUsed: ['/applications/new'],
    };
    const result = await lintJson('x.json', { 'x.json': JSON.stringify(document) });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema')).toEqual([]);
    expect(result.rules.find((run) => run.id === 'applications-row-total')?.status).toBe('not-evaluated');
    expect(result.diagnostics.find((diagnostic) => diagnostic.ruleId === 'inferred-cells')).toMatchObject({
      messageId: 'by-total',
      data: { count: 1, rows: '一、本年新收政府信息公开申请数量' },
    });
  });

  it('is checked by the schema', async () => {
    const document = base();
    (document as Record<string, unknown>)['$evidence'] = { inferred: ['not a pointer'], guessed: [] };
    const result = await lintJson('x.json', { 'x.json': JSON.stringify(document) });
    const schema = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema');
    expect(schema.map((diagnostic) => diagnostic.location.pointer).sort()).toEqual([
      '/$evidence/guessed',
      '/$evidence/inferred/0',
    ]);
  });

  it('a 2021 document may print the 2019 （六）其他处理 row instead of its three, but not beside them', async () => {
    const legacy = base();
    const apps = legacy.applications as Record<string, unknown>;
    apps['otherHandling'] = apps['otherMisc'];
    delete apps['otherNoCorrection'];
    delete apps['otherUnpaidFee'];
    delete apps['otherMisc'];
    const accepted = await lintJson('x.json', { 'x.json': JSON.stringify(legacy) });
    expect(accepted.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema')).toEqual([]);

    const both = base();
    (both.applications as Record<string, unknown>)['otherHandling'] = (both.applications as Record<string, unknown>)[
      'otherMisc'
    ];
    const rejected = await lintJson('x.json', { 'x.json': JSON.stringify(both) });
    expect(rejected.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema')).toMatchObject([
      { messageId: 'additional', location: { pointer: '/applications/otherHandling' }, data: { key: 'otherHandling' } },
    ]);

    const neither = base();
    delete (neither.applications as Record<string, unknown>)['otherMisc'];
    const missing = await lintJson('x.json', { 'x.json': JSON.stringify(neither) });
    expect(missing.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema')).toMatchObject([
      { messageId: 'required', location: { pointer: '/applications/otherMisc' } },
    ]);
  });

  it('a row may leave out cells: they are absent, and the rules that need them say so', async () => {
    const document = base();
    delete (document.applications as Record<string, Record<string, unknown>>)['granted']!['naturalPerson'];
    const result = await lintJson('x.json', { 'x.json': JSON.stringify(document) });
    expect(result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema')).toEqual([]);
    const missing = result.diagnostics.filter((diagnostic) => diagnostic.messageId === 'not-evaluated');
    expect(missing.length).toBeGreaterThan(0);
    for (const diagnostic of missing)
      expect(diagnostic).toMatchObject({ evidence: 'absent', cell: { row: 'granted', column: 'naturalPerson' } });
  });
});
