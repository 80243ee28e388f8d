import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv04Module from 'ajv-draft-04';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { summarize, type LintResults } from '../../src/diagnostics/types.js';
import { FORMATTERS, FORMAT_NAMES } from '../../src/format/index.js';
import { compact } from '../../src/format/compact.js';
import { escapeProperty, github, githubSummary } from '../../src/format/github.js';
import { junit } from '../../src/format/junit.js';
import { artifactLocation, FINGERPRINT_KEY, sarif } from '../../src/format/sarif.js';
import type { FormatOptions } from '../../src/format/types.js';
import { ROOT } from '../helpers/lint.js';
import { formatterResults } from './mixed.js';

// ajv-draft-04 is CommonJS: under NodeNext its default import is the module object.
type Ajv04Class = typeof Ajv04Module.default;
const Ajv04: Ajv04Class =
  (Ajv04Module as unknown as { default?: Ajv04Class }).default ?? (Ajv04Module as unknown as Ajv04Class);

const zh: FormatOptions = { locale: 'zh-CN', color: false };
const en: FormatOptions = { locale: 'en', color: false };

describe('every formatter', () => {
  it.each(FORMAT_NAMES)('%s renders the mixed results the same way every time', async (name) => {
    const results = await formatterResults();
    const first = FORMATTERS[name](results, zh);
    expect(FORMATTERS[name](await formatterResults(), zh)).toBe(first);
    expect(first).not.toContain('\u001b[');
  });
});

describe('compact', () => {
  it('writes one line per unsuppressed finding: file:line:col: severity message [rule-id]', async () => {
    const results = await formatterResults();
    const output = compact(results, zh);
    expect(output).toMatchSnapshot();
    const lines = output.trimEnd().split('\n');
    const unsuppressed = results.files.reduce(
      (sum, file) =>
        sum + file.diagnostics.filter((diagnostic) => !diagnostic.suppressed).length + (file.error ? 1 : 0),
      0,
    );
    expect(lines).toHaveLength(unsuppressed);
    expect(lines).toContain(
      lines.find((line) => /^reports\/2023-wrong\.json:\d+:\d+: error .+ \[applications-row-total\]$/.test(line)),
    );
    expect(output).not.toContain('[unit]');
    expect(output).toContain('reports/b "2021",县.pdf(page 2 line 14): warning');
    expect(output).toMatch(/^reports\/bad\.json:5:35: error .+ \[input-error\]$/m);
  });

  it('prints nothing for a clean run', async () => {
    const results = await formatterResults();
    const clean: LintResults = {
      files: [results.files[2]!],
      summary: { ...results.summary, errors: 0, warnings: 0, infos: 0 },
    };
    expect(clean.files[0]!.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toHaveLength(0);
    expect(compact({ files: [{ ...clean.files[0]!, diagnostics: [] }], summary: clean.summary }, zh)).toBe('');
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/schemas/sarif-schema-2.1.0-rtm.5.json'), 'utf8')) as object;
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema's language pattern is not valid with the u flag
  // The schema uses these formats; ajv knows none without ajv-formats, so check them here, strictly enough to catch a raw path.
  ajv.addFormat('uri', (value: string) => /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`\u0080-\uffff]*$/i.test(value));
  ajv.addFormat('uri-reference', (value: string) => /^[^\s<>"{}|\\^`\u0080-\uffff]*$/.test(value));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile(schema);

  it('is valid SARIF 2.1.0 against the official JSON schema', async () => {
    for (const options of [zh, { ...en, version: '0.1.0' }]) {
      const log = JSON.parse(sarif(await formatterResults(), options)) as unknown;
      const valid = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it('the schema check catches a broken log (it can fail)', async () => {
    const log = JSON.parse(sarif(await formatterResults(), zh)) as {
      runs: {
        results: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
    const raw = JSON.parse(sarif(await formatterResults(), zh)) as typeof log;
    raw.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'reports/b "2021",县.pdf';
    expect(validate(raw)).toBe(false);
  });

  it('carries rule metadata, physical and Chinese logical locations, suppressions and fingerprints from cell keys', async () => {
    const results = await formatterResults();
    const log = JSON.parse(sarif(results, zh));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain('applications-balance');
    const rowTotal = run.results.find((result: { ruleId: string }) => result.ruleId === 'applications-row-total');
    expect(run.tool.driver.rules[rowTotal.ruleIndex].id).toBe('applications-row-total');
    expect(rowTotal.level).toBe('error');
    expect(rowTotal.locations[0].physicalLocation.region).toEqual({
      startLine: expect.any(Number),
      startColumn: expect.any(Number),
    });
    expect(rowTotal.locations[0].logicalLocations[0].fullyQualifiedName).toBe(
      '三、收到和处理政府信息公开申请情况 › （一）予以公开 › 总计',
    );
    expect(rowTotal.partialFingerprints[FINGERPRINT_KEY]).toMatch(
      /^applications-row-total:mismatch:applications\/granted\/total:[0-9a-f]{16}$/,
    );
    const unit = run.results.find((result: { ruleId: string }) => result.ruleId === 'unit');
    expect(unit.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: expect.stringContaining('财政局') },
    ]);
    const pdf = run.results.find((result: { ruleId: string }) => result.ruleId === 'narrative-comma');
    expect(pdf.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'reports/b%20%222021%22%2C%E5%8E%BF.pdf',
      uriBaseId: '%SRCROOT%',
    });
    expect(pdf.locations[0].physicalLocation.region).toEqual({ startLine: 14 });
    expect(pdf.properties).toMatchObject({ page: 2, line: 14 });
    expect(pdf.locations[0].message.text).toBe('page 2, line 14');
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.region).toEqual({
      startLine: 5,
      startColumn: 35,
    });
  });

  it('keeps fingerprints when the rows move to other lines', async () => {
    const results = await formatterResults();
    const moved = structuredClone(results);
    for (const file of moved.files)
      for (const diagnostic of file.diagnostics)
        if (diagnostic.location.line !== undefined) diagnostic.location.line += 17;
    const prints = (value: LintResults) =>
      JSON.parse(sarif(value, zh)).runs[0].results.map(
        (result: { partialFingerprints: object }) => result.partialFingerprints,
      );
    expect(prints(moved)).toEqual(prints(results));
    expect(new Set(prints(results).map((print: Record<string, string>) => print[FINGERPRINT_KEY])).size).toBe(
      prints(results).length,
    );
  });

  it('writes relative paths against %SRCROOT% and absolute ones (POSIX, Windows, UNC) as file:// URIs', () => {
    expect(artifactLocation('reports/县 a.pdf')).toEqual({ uri: 'reports/%E5%8E%BF%20a.pdf', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('../reports/a.json')).toEqual({ uri: '../reports/a.json', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('reports\\2023\\a.json')).toEqual({ uri: 'reports/2023/a.json', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/home/ci/reports/a b.json')).toEqual({ uri: 'file:///home/ci/reports/a%20b.json' });
    expect(artifactLocation('C:\\报告\\a.json')).toEqual({ uri: 'file:///C:/%E6%8A%A5%E5%91%8A/a.json' });
    expect(artifactLocation('\\\\server\\share\\a.pdf')).toEqual({ uri: 'file://server/share/a.pdf' });
  });

  it('snapshot of the results', async () => {
    expect(JSON.parse(sarif(await formatterResults(), zh)).runs[0].results).toMatchSnapshot();
  });
});

describe('github', () => {
  it('writes workflow commands, errors first within each file, escaped', async () => {
    const output = github(await formatterResults(), zh);
    expect(output).toMatchSnapshot();
    const lines = output.trimEnd().split('\n');
    const kinds = lines.map((line) => /^::(error|warning|notice) /.exec(line)?.[1]);
    expect(kinds).not.toContain(undefined);
    const files = lines.map((line) => /file=([^,]*)/.exec(line)?.[1]);
    for (const file of new Set(files)) {
      const own = kinds.filter((_, index) => files[index] === file);
      expect(own).toEqual(
        [...own].sort(
          (a, b) => ['error', 'warning', 'notice'].indexOf(a!) - ['error', 'warning', 'notice'].indexOf(b!),
        ),
      );
    }
    expect(output).toMatch(
      /^::error file=reports\/2023-wrong\.json,line=\d+,col=\d+,title=applications-row-total 表三「（一）予以公开」「总计」::表三/m,
    );
    expect(output).toContain('::warning file=reports/b "2021"%2C县.pdf,title=narrative-comma::(page 2 line 14) ');
    expect(output).not.toMatch(/title=unit/);
  });

  it('stops at the annotation limit per severity and says how many more there are', async () => {
    const results = await formatterResults();
    const all = github(results, en).trimEnd().split('\n');
    const limited = github(results, { ...en, annotationLimit: 1 })
      .trimEnd()
      .split('\n');
    const count = (lines: string[], kind: string) => lines.filter((line) => line.startsWith(`::${kind} `)).length;
    expect(count(limited, 'error')).toBe(1);
    expect(count(limited, 'warning')).toBe(1);
    expect(count(limited, 'notice')).toBe(1);
    const hidden = all.length - 3;
    expect(hidden).toBeGreaterThan(0);
    expect(limited[limited.length - 1]).toBe(
      `xxgk-lint: ${hidden} more finding(s) not shown as annotations (${count(all, 'error') - 1} error(s), ${count(all, 'warning') - 1} warning(s), ${count(all, 'notice') - 1} info); see the report file or the step summary`,
    );
  });

  it('escapes property values as GitHub requires', () => {
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
  });

  it('writes a Markdown step summary', async () => {
    const summary = githubSummary(await formatterResults(), zh);
    expect(summary).toMatchSnapshot();
    expect(summary).toContain('| 文件 | 错误 | 警告 | 提示 | 已豁免 | 无法读取 |');
    expect(summary).toContain(
      '| 三、收到和处理政府信息公开申请情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n| （一）予以公开 | **121** 🔴 | _14_ | _2_ | _3_ | _6_ | _4_ | **149** 🔴 |\n| （七）总计 | **262** 🔴 |',
    );
    expect(summary).toContain('| 行政复议 | _5_ | _1_ | _0_ | _2_ | **9** 🔴 |');
    // Only infos on reports/seed-2019.json: no table of it is drawn.
    expect(summary).not.toContain('##### reports/seed-2019.json');
  });

  it('keeps the step summary bounded: the most severe 200 rows in order, a count of the rest, 10 files of tables', async () => {
    const base = (await formatterResults()).files[0]!;
    const severities = ['info', 'warning', 'error'] as const;
    const files = Array.from({ length: 150 }, (_, index) => ({
      ...base,
      file: `reports/${index}.json`,
      diagnostics: base.diagnostics.slice(0, 3).map((diagnostic, at) => ({
        ...diagnostic,
        severity: severities[(index + at) % 3]!,
        suppressed: undefined,
        location: { ...diagnostic.location, file: `reports/${index}.json` },
      })),
    }));
    const summary = githubSummary({ files, summary: summarize(files) }, en);
    const rows = summary.split('\n').filter((line) => /^\| reports\/\d+\.json \|/.test(line));
    const expected = files
      .flatMap((file) => file.diagnostics.map((diagnostic) => ({ file: file.file, severity: diagnostic.severity })))
      .sort((a, b) => severities.indexOf(b.severity) - severities.indexOf(a.severity))
      .slice(0, 200)
      .map((row) => `${row.file}|${row.severity}`);
    expect(
      rows.map((row) => {
        const cells = row.split(' | ');
        return `${cells[0]!.slice(2)}|${cells[2]}`;
      }),
    ).toEqual(expected);
    expect(summary).toContain('250 more not listed');
    expect(summary.match(/^##### /gm)).toHaveLength(10);
    expect(summary).toContain('140 more file(s) with findings whose tables are not drawn');
  });
});

describe('junit', () => {
  it('is well-formed XML with one test case per rule and file', async () => {
    const results = await formatterResults();
    const xml = junit(results, zh);
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => name === 'testsuite' || name === 'testcase',
    }).parse(xml);
    const suites = parsed.testsuites.testsuite as {
      name: string;
      tests: string;
      failures: string;
      errors: string;
      file: string;
      testcase: { name: string; classname: string; failure?: { type: string } }[];
    }[];
    expect(suites.map((suite) => suite.name)).toEqual(results.files.map((file) => file.file));
    const wrong = suites[0]!;
    expect(wrong.testcase.map((test) => test.name)).toEqual(
      expect.arrayContaining(results.files[0]!.rules.map((rule) => rule.id)),
    );
    expect(wrong.testcase.find((test) => test.name === 'applications-row-total')?.failure?.type).toBe('error');
    expect(wrong.testcase.find((test) => test.name === 'applications-balance')?.failure).toBeUndefined();
    expect(wrong.testcase.find((test) => test.name === 'unit')?.failure).toBeUndefined();
    expect(suites[3]!.errors).toBe('1');
    expect(parsed.testsuites.failures).toBeUndefined();
    expect(suites.map((suite) => suite.file)).toEqual(suites.map((suite) => suite.name));
    expect(wrong.testcase.every((test) => test.classname === 'xxgk-lint.reports/2023-wrong_json')).toBe(true);
    expect(xml).toMatchSnapshot();
  });

  it('escapes markup and drops characters XML forbids', async () => {
    const results = await formatterResults();
    results.files[4]!.file = 'a<b>&"\u0001.pdf';
    const xml = junit(results, en);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('name="a&lt;b&gt;&amp;&quot;.pdf"');
  });
});
