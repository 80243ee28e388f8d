// Issue 9, hostile input: keys taken from the input (long-form CSV table/row/column, JSON keys, row labels,
// configuration keys) never reach a plain object as such, so no input can change Object.prototype or break a run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import type { FileResult } from '../../src/diagnostics/types.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { readLongCsvText } from '../../src/read/csv.js';
import { escapePointerSegment } from '../../src/read/json-positions.js';
import { fixture, ROOT } from '../helpers/lint.js';
import { runWith } from '../helpers/memory-io.js';

/** Every name of Object.prototype, and the names that reach a prototype through a plain object. */
const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'constructor', 'prototype'])];

type Snapshot = Array<[string, PropertyDescriptor | undefined]>;

function snapshot(): Snapshot {
  return Object.getOwnPropertyNames(Object.prototype)
    .sort()
    .map((name) => [name, Object.getOwnPropertyDescriptor(Object.prototype, name)]);
}

const BEFORE = snapshot();

/** Object.prototype has exactly the names and values it had, and a fresh object inherits nothing new. */
function expectPrototypeUntouched(): void {
  expect(snapshot()).toEqual(BEFORE);
  expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
  const fresh = {} as Record<string, unknown>;
  expect(Object.getPrototypeOf(fresh)).toBe(Object.prototype);
  for (const key of ['polluted', 'x', 'naturalPerson', 'new', 'issued', 'total', 'overview'])
    expect(fresh[key]).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

/** A normal result: read and checked, no input or internal error. */
function expectNormal(result: FileResult): void {
  expect(result.error?.kind).not.toBe('internal');
  expect(result.error).toBeUndefined();
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (path: string) => readFileSync(join(ROOT, 'fixtures', path), 'utf8');

afterEach(expectPrototypeUntouched);

describe('long-form CSV: a table, row or column that no template has is an unknown-row finding, never a key of the document', () => {
  const LONG = text('csv/clean-2021.long.csv');

  const cases = NAMES.flatMap((name) => [
    { name, part: 'table', line: `${name},new,naturalPerson,1`, pointer: `/${escapePointerSegment(name)}` },
    {
      name,
      part: 'row',
      line: `applications,${name},naturalPerson,1`,
      pointer: `/applications/${escapePointerSegment(name)}`,
    },
    {
      name,
      part: 'column',
      line: `applications,new,${name},1`,
      pointer: `/applications/new/${escapePointerSegment(name)}`,
    },
    { name, part: 'row', line: `narrative,${name},,text`, pointer: `/narrative/${escapePointerSegment(name)}` },
    { name, part: 'table', line: `${name},${name},${name},1`, pointer: `/${escapePointerSegment(name)}` },
  ]);

  it.each(cases)('$part $name ($line)', async ({ line, pointer, part }) => {
    const result = await lintBytes(utf8(`${LONG.trimEnd()}\n${line}\n`), 'report.csv');
    expectNormal(result);
    expect(result.format).toBe('csv-long');
    const unknown = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'unknown-row');
    expect(unknown).toEqual([
      expect.objectContaining({
        messageId: 'unknown',
        data: expect.objectContaining({ part, key: pointer, template: '2021' }),
        location: expect.objectContaining({ pointer, line: expect.any(Number), column: expect.any(Number) }),
      }),
    ]);
    // The rest of the report reads as without the line: no other finding.
    const clean = await lintBytes(utf8(LONG), 'report.csv');
    expect(result.diagnostics.filter((diagnostic) => diagnostic.ruleId !== 'unknown-row')).toEqual(clean.diagnostics);
  });

  it('keeps only the templates’ keys in the document, and says so in words', async () => {
    const read = readLongCsvText(
      'table,row,column,value\n__proto__,polluted,x,1\nconstructor,prototype,polluted,2\napplications,__proto__,polluted,3\napplications,new,__proto__,4\napplications,new,naturalPerson,5\n',
    );
    expect(Object.getPrototypeOf(read.document)).toBe(Object.prototype);
    expect(Object.keys(read.document)).toEqual(['applications']);
    expect(Object.getOwnPropertyNames(read.document.applications)).toEqual(['new']);
    expect(Object.getOwnPropertyNames(read.document.applications?.['new'])).toEqual(['naturalPerson']);
    expect(read.findings.map((finding) => finding.data['key'])).toEqual([
      '/__proto__',
      '/constructor',
      '/applications/__proto__',
      '/applications/new/__proto__',
    ]);
    const run = await runWith(['--locale', 'en', 'x.csv'], {
      files: { 'x.csv': 'table,row,column,value\ntemplate,,,2021\napplications,__proto__,polluted,3\n' },
    });
    expect(run.stdout).toMatch(
      /3:14 +warning +"__proto__" in 三、收到和处理政府信息公开申请情况 is not a row of the 2021 template; its figures were not read\./,
    );
  });
});

describe('JSON: keys from every level of a report document', () => {
  const CLEAN = text('json/clean-2021.json');
  const LEVELS: Array<{ level: string; at: (document: Record<string, unknown>) => Record<string, unknown> }> = [
    { level: 'top', at: (document) => document },
    { level: 'table', at: (document) => document['applications'] as Record<string, unknown> },
    { level: 'row', at: (document) => (document['applications'] as Record<string, Record<string, unknown>>)['new']! },
    { level: 'narrative', at: (document) => document['narrative'] as Record<string, unknown> },
    { level: '$evidence', at: (document) => (document['$evidence'] ??= { inferred: [] }) as Record<string, unknown> },
  ];
  const POINTERS: Record<string, string> = {
    top: '',
    table: '/applications',
    row: '/applications/new',
    narrative: '/narrative',
    $evidence: '/$evidence',
  };

  const cases = NAMES.flatMap((name) => LEVELS.map(({ level }) => ({ name, level })));

  it.each(cases)('$level key $name', async ({ name, level }) => {
    const document = JSON.parse(CLEAN) as Record<string, unknown>;
    const target = LEVELS.find((entry) => entry.level === level)!.at(document);
    Object.defineProperty(target, name, {
      value: { polluted: 1, template: '2019', naturalPerson: 5 },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    const json = JSON.stringify(document, null, 2);
    expect(json).toContain(JSON.stringify(name));
    const result = await lintBytes(utf8(json), 'report.json');
    expectNormal(result);
    expect(result.template).toBe('2021');
    const pointer = `${POINTERS[level]}/${escapePointerSegment(name)}`;
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: 'schema',
        location: expect.objectContaining({ pointer, line: expect.any(Number) }),
      }),
    );
  });
});

describe('configuration: keys at every level', () => {
  const cases = NAMES.flatMap((name) => [
    { name, level: 'top', config: { [name]: { polluted: true } } },
    { name, level: 'rules', config: { rules: { [name]: 'off' } } },
    { name, level: 'exception', config: { exceptions: [{ rule: 'schema', reason: 'x', [name]: { polluted: true } }] } },
    {
      name,
      level: 'exception table',
      config: { exceptions: [{ rule: 'schema', reason: 'x', table: name, row: name, column: name }] },
    },
  ]);

  it.each(cases)('$level key $name', async ({ name, config }) => {
    // Computed keys are own data properties even for __proto__, so JSON.stringify writes them.
    const source = `${JSON.stringify(config, null, 2)}\n`;
    expect(source).toContain(JSON.stringify(name));
    const parsed = await parseConfig(source);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.length).toBeGreaterThan(0);
    for (const problem of parsed.problems) expect(problem.line).toEqual(expect.any(Number));
    const run = await runWith(['-c', 'hostile.config.json', 'fixtures/json/clean-2021.json'], {
      files: { 'hostile.config.json': source },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('处问题');
    expect(run.stderr).not.toMatch(/internal error|内部错误/);
  });
});

describe('template-layout CSV and text: row labels', () => {
  const CSV = text('csv/clean-2021.csv');
  const TEXT = text('text/seed-2019.txt');

  it.each(NAMES)('CSV row label %s', async (name) => {
    const lines = CSV.split(/\r?\n/u);
    const after = (start: string) => lines.findIndex((line) => line.startsWith(start)) + 1;
    lines.splice(after('行政规范性文件,'), 0, `${name},1,2,3`);
    lines.splice(after('一、本年新收'), 0, `${name},,,1,2,3,4,5,6,7`, `,${name},,1,2,3,4,5,6,7`);
    const changed = lines.join('\r\n');
    expect(changed).toContain(`\n${name},1,2,3\r\n`);
    const result = await lintBytes(utf8(changed), 'report.csv');
    expectNormal(result);
    expect(result.format).toBe('csv');
    expect(result.template).toBe('2021');
  });

  it.each(NAMES)('text row label %s', async (name) => {
    const lines = TEXT.split('\n');
    const at = lines.findIndex((line, index) => index > 5 && line.includes('|') && /\d/u.test(line));
    lines.splice(at + 1, 0, `${name} | 1 | 2 | 3 |`, name, `${name}\t1\t2`);
    const result = await lintBytes(utf8(lines.join('\n')), 'report.txt');
    expectNormal(result);
    expect(result.template).toBe('2019');
  });

  it('a long-form CSV read as a layout CSV by its header is still a long-form one', async () => {
    const result = await lintBytes(fixture('hostile/proto-immutable.csv'), 'proto-immutable.csv', {
      inputFormat: 'csv',
    });
    expectNormal(result);
    expect(result.format).toBe('csv-long');
  });
});

describe('fixtures/hostile: the long-form CSVs of issue 9', () => {
  it.each(['hostile/proto-pollution.csv', 'hostile/proto-immutable.csv'])(
    '%s reads with an unknown-row finding',
    async (file) => {
      const result = await lintBytes(fixture(file), file);
      expectNormal(result);
      expect(result.diagnostics).toContainEqual(
        expect.objectContaining({
          ruleId: 'unknown-row',
          data: expect.objectContaining({ table: '__proto__', part: 'table', key: '/__proto__' }),
          location: expect.objectContaining({ line: 2, column: 1 }),
        }),
      );
      // A later report of the same run is not touched by it.
      const clean = await lintBytes(fixture('json/clean-2021.json'), 'clean-2021.json');
      expect(clean.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    },
  );
});
