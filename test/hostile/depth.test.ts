// Issue 9, hostile input: nesting depth never reaches the stack. JSON and HTML nested past their limits are one
// located input error (too-deeply-nested); a document nested deeply but within the limit still reads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { htmlToBlocks, MAX_HTML_DEPTH } from '../../src/read/html.js';
import { checkJsonDepth, JsonDepthError, MAX_JSON_DEPTH, scanJsonPositions } from '../../src/read/json-positions.js';
import { fixture, ROOT } from '../helpers/lint.js';
import { runWith } from '../helpers/memory-io.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (path: string) => readFileSync(join(ROOT, 'fixtures', path), 'utf8');
const PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE));

describe('JSON', () => {
  it('1,000,000 nested [ is too-deeply-nested at the first bracket past the limit', async () => {
    const result = await lintBytes(utf8('['.repeat(1_000_000)), 'deep.json');
    expect(result.error).toEqual({
      kind: 'input',
      messageId: 'too-deeply-nested',
      data: { depth: 1_000_000, limit: MAX_JSON_DEPTH, line: 1, column: MAX_JSON_DEPTH + 1 },
      location: { file: 'deep.json', line: 1, column: MAX_JSON_DEPTH + 1 },
    });
  });

  it('so is well-formed JSON nested 1,000,000 deep inside a report (one level more), with its line and column', async () => {
    const clean = text('json/clean-2021.json').trimEnd();
    const deep = `${clean.slice(0, -1)},\n  "extra": ${'[{"a":'.repeat(500_000)}1${'}]'.repeat(500_000)}\n}\n`;
    const result = await lintBytes(utf8(deep), 'deep.json');
    const line = clean.split('\n').length + 1;
    expect(result.error).toMatchObject({
      kind: 'input',
      messageId: 'too-deeply-nested',
      data: { depth: 1_000_001, limit: MAX_JSON_DEPTH, line, column: 3007 },
      location: { line, column: 3007 },
    });
    const run = await runWith(['deep.json'], { files: { 'deep.json': deep } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`嵌套过深：第 ${line} 行第 3007 列起嵌套超过 ${MAX_JSON_DEPTH} 层`);
    const english = await runWith(['--locale', 'en', 'deep.json'], { files: { 'deep.json': deep } });
    expect(english.stderr).toContain(
      `nested too deeply: from line ${line}, column 3007 the input nests more than ${MAX_JSON_DEPTH} levels deep`,
    );
  });

  it('a report nested deeply within the limit reads: 50 levels, and the limit itself', async () => {
    const clean = text('json/clean-2021.json').trimEnd();
    for (const depth of [50, MAX_JSON_DEPTH - 1]) {
      const deep = `${clean.slice(0, -1)},\n  "extra": ${'['.repeat(depth)}${']'.repeat(depth)}\n}\n`;
      const result = await lintBytes(utf8(deep), 'deep.json');
      expect(result.error).toBeUndefined();
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          ruleId: 'schema',
          messageId: 'additional',
          location: expect.objectContaining({ pointer: '/extra', line: clean.split('\n').length + 1 }),
        }),
      ]);
    }
  });

  it('brackets inside strings do not count', async () => {
    const document = JSON.parse(text('json/clean-2021.json')) as { narrative: { other: string } };
    document.narrative.other = `"[{\\${'['.repeat(100_000)}`;
    const result = await lintBytes(utf8(JSON.stringify(document)), 'strings.json');
    expect(result.error).toBeUndefined();
  });

  it('the position scanner and the configuration have the same limit', async () => {
    expect(() => checkJsonDepth('[[[]]]', 3)).not.toThrow();
    expect(() => checkJsonDepth('[[[[]]]]', 3)).toThrow(JsonDepthError);
    expect(() => scanJsonPositions('{"a":'.repeat(1_000_000))).toThrow(JsonDepthError);
    const parsed = await parseConfig(`{"rules": ${'['.repeat(100_000)}`);
    expect(parsed).toMatchObject({
      ok: false,
      problems: [
        {
          pointer: '',
          line: 1,
          column: 10 + MAX_JSON_DEPTH,
          message: `nested too deeply: 100001 levels, more than the limit of ${MAX_JSON_DEPTH}`,
        },
      ],
    });
  });
});

describe('HTML', () => {
  it('100,000 nested tags are too-deeply-nested at the first start tag past the limit', async () => {
    const html = `<html><body>\n${'<div>'.repeat(100_000)}x`;
    const result = await lintBytes(utf8(html), 'deep.html');
    // <html> and <body> are two levels; the first <div> past the limit is number MAX_HTML_DEPTH - 1 on line 2.
    expect(result.error).toEqual({
      kind: 'input',
      messageId: 'too-deeply-nested',
      data: { limit: MAX_HTML_DEPTH, line: 2, column: (MAX_HTML_DEPTH - 2) * 5 + 1 },
      location: { file: 'deep.html', line: 2, column: (MAX_HTML_DEPTH - 2) * 5 + 1 },
    });
    const mixed = await lintBytes(utf8(`<table><tr><td>${'<span><b>'.repeat(50_000)}`), 'deep.html');
    expect(mixed.error).toMatchObject({ kind: 'input', messageId: 'too-deeply-nested' });
  });

  it('without positions (HTML made from a .docx) the error has no place', () => {
    expect(() => htmlToBlocks('<div>'.repeat(MAX_HTML_DEPTH + 1), { positions: false })).toThrow(
      expect.objectContaining({ messageId: 'too-deeply-nested-unplaced', data: { limit: MAX_HTML_DEPTH } }),
    );
  });

  it('a page nested deeply within the limit reads as it does unnested', async () => {
    const page = text('html/clean-2021.html');
    const plain = await lintBytes(utf8(page), 'page.html');
    for (const depth of [50, MAX_HTML_DEPTH - 50]) {
      const nested = page
        .replace(/<body([^>]*)>/u, `<body$1>${'<div>'.repeat(depth)}`)
        .replace('</body>', `${'</div>'.repeat(depth)}</body>`);
      const result = await lintBytes(utf8(nested), 'page.html');
      expect(result.error).toBeUndefined();
      expect(result.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.messageId])).toEqual(
        plain.diagnostics.map((diagnostic) => [diagnostic.ruleId, diagnostic.messageId]),
      );
    }
  });
});

describe('fixtures/hostile: the deep inputs of issue 9', () => {
  it('deep-10000.json is too-deeply-nested', async () => {
    const result = await lintBytes(fixture('hostile/deep-10000.json'), 'deep-10000.json');
    expect(result.error).toMatchObject({
      kind: 'input',
      messageId: 'too-deeply-nested',
      data: { depth: 10_000, line: 1, column: MAX_JSON_DEPTH + 1 },
    });
  });

  it('deep-div-6000.html is too-deeply-nested', async () => {
    const result = await lintBytes(fixture('hostile/deep-div-6000.html'), 'deep-div-6000.html');
    expect(result.error).toMatchObject({
      kind: 'input',
      messageId: 'too-deeply-nested',
      data: { limit: MAX_HTML_DEPTH, line: 1 },
    });
  });

  it('the CLI gives exit 2 with one line for each and checks the other files', async () => {
    const run = await runWith([
      'fixtures/hostile/deep-10000.json',
      'fixtures/hostile/deep-div-6000.html',
      'fixtures/json/clean-2021.json',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter((line) => line.includes('嵌套过深'))).toHaveLength(2);
    expect(run.stdout).toMatch(/共检查 3 个文件/u);
  });
});
