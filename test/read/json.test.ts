import { readJson } from '../../src/read/json.js';
import { scanJsonPositions } from '../../src/read/json-positions.js';
import type { InputError } from '../../src/read/types.js';
import { thrownInputError } from '../helpers/errors.js';

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
});
