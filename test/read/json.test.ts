import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from '../../src/read/json.js';
import { scanJsonPositions, scanParsedJsonPositions } from '../../src/read/json-positions.js';
import { nearestEntry } from '../../src/read/pointer.js';
import type { InputError } from '../../src/read/types.js';
import { thrownInputError } from '../helpers/errors.js';
import { ROOT } from '../helpers/lint.js';

const encode = (text: string) => new TextEncoder().encode(text);
const context = { file: 'report.json' };

function inputError(text: string | Uint8Array): InputError {
  return thrownInputError(() => readJson(typeof text === 'string' ? encode(text) : text, context));
}

describe('readJson', () => {
  it('finds the line and column of every value, lazily', () => {
    const read = readJson(encode('{\n  "applications": {\n    "new": { "total": 12 }\n  }\n}\n'), context);
    expect(read.locate('/applications/new/total')).toEqual({ pointer: '/applications/new/total', line: 3, column: 23 });
  });

  it('counts columns in characters, after a BOM and Chinese text', () => {
    const read = readJson(encode('\ufeff{"agency": "某市公安局", "year": 2019}'), context);
    expect(read.locate('/year')).toMatchObject({ line: 1, column: 29 });
  });

  it('falls back to the nearest ancestor for an absent pointer', () => {
    const read = readJson(encode('{\n "applications": {}\n}'), context);
    expect(read.locate('/applications/otherMisc')).toMatchObject({ line: 2, column: 18 });
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'trailing comma'],
    ['{\n  "a": tru\n}', 2, 8, 'expected a value'],
    ['{"a": "x', 1, 9, 'unterminated string'],
    ['{"a" 1}', 1, 6, "expected ':'"],
    ['{"a": 1} x', 1, 10, 'after the end'],
  ])('reports %p as a syntax error at %p:%p', (text, line, column, detail) => {
    const error = inputError(text);
    expect(error.messageId).toBe('json-syntax');
    expect(error.origin).toEqual({ line, column });
    expect(String(error.data['detail'])).toContain(detail);
  });

  it('rejects an empty file, a top-level array and bytes that are not UTF-8', () => {
    expect(inputError('  \n').messageId).toBe('empty-file');
    expect(inputError('[1]').messageId).toBe('json-not-object');
    const bad = inputError(new Uint8Array([0x7b, 0x22, 0x61, 0xff, 0xff, 0x22, 0x7d]));
    expect(bad.messageId).toBe('undecodable');
    expect(bad.data['offset']).toBe(3);
  });

  it('reads JSON saved as GBK by a Windows tool, and says so', () => {
    const read = readJson(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc4, 0xe3, 0x22, 0x7d]), context);
    expect(read.document).toEqual({ a: '你' });
    expect(read.encoding).toBe('gb18030');
  });

  it('scans escaped keys into escaped pointers', () => {
    expect(scanJsonPositions('{"a/b": {"c~d": 1}}').get('/a~1b/c~0d')).toEqual({ offset: 16, line: 1, column: 17 });
  });

  it('places a few pointers by walking into their rows alone, each exactly as the whole scan places it', () => {
    const text = readFileSync(join(ROOT, 'fixtures/json/clean-2021.json'), 'utf8');
    const whole = scanJsonPositions(text);
    const wanted = [
      '/applications/carriedOver/total',
      '/applications/carriedOver/nowhere',
      '/active/regulations/inForce',
      '/reviewLitigation/missing/row',
      '/absent',
    ];
    const some = scanParsedJsonPositions(text, wanted);
    expect(some.size).toBeLessThan(whole.size / 2);
    for (const pointer of wanted) expect(nearestEntry(some, pointer)).toEqual(nearestEntry(whole, pointer));
    // Nothing outside the listed rows is recorded: their siblings' contents are stepped over.
    expect(some.has('/applications/new/total')).toBe(false);
    expect(some.has('/applications/new')).toBe(true);
    // Numbers in every form JSON allows, strings with brackets and escapes, and line breaks in skipped parts.
    const tricky = '{"a": {"x": "}]\\\\",\n "y": [-0.5e+3, 1E2, {"z": "\\u007b"}]},\n "b": {"c": -12.25e-1}}';
    expect(() => JSON.parse(tricky) as unknown).not.toThrow();
    const parsedWhole = scanJsonPositions(tricky);
    const parsedSome = scanParsedJsonPositions(tricky, ['/b/c']);
    expect(parsedSome.get('/b/c')).toEqual(parsedWhole.get('/b/c'));
    expect(parsedSome.get('/b/c')).toEqual({ offset: tricky.indexOf('-12'), line: 3, column: 13 });
  });

  it('answers locateEach as locate answers each pointer, before and after the whole text was scanned', () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'fixtures/json/seed-2019.json')));
    const pointers = ['/applications/carriedOver/total', '/active/regulations/inForce', '/applications/none'];
    const first = readJson(bytes, context);
    const each = first.locateEach!(pointers);
    const second = readJson(bytes, context);
    expect(pointers.map((pointer) => second.locate(pointer))).toEqual(each);
    expect(second.locateEach!(pointers)).toEqual(each);
  });
});
