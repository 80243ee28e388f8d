import { decodeText } from '../../src/read/decode.js';
import { thrownInputError } from '../helpers/errors.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const GBK_行政 = [0xd0, 0xd0, 0xd5, 0xfe];

describe('decodeText', () => {
  test('strict UTF-8, CRLF normalised', () => {
    expect(decodeText(utf8('行政许可\r\n36\r5'))).toEqual({ text: '行政许可\n36\n5', encoding: 'utf-8' });
  });

  test('UTF-8 BOM is detected and removed', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('规章')]);
    expect(decodeText(bytes)).toEqual({ text: '规章', encoding: 'utf-8 (BOM)' });
  });

  test('UTF-16LE and UTF-16BE with BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, 0xc4, 0x89, 0xe0, 0x7a]);
    expect(decodeText(le)).toEqual({ text: '规章', encoding: 'utf-16le (BOM)' });
    const be = new Uint8Array([0xfe, 0xff, 0x89, 0xc4, 0x7a, 0xe0]);
    expect(decodeText(be)).toEqual({ text: '规章', encoding: 'utf-16be (BOM)' });
  });

  test('UTF-8 cut inside its last character: the text before it', () => {
    const whole = utf8('三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 3 | 0');
    for (const cut of [1, 2]) {
      const bytes = utf8('三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 3 | 0\n二、上');
      const decoded = decodeText(bytes.subarray(0, bytes.length - cut));
      expect(decoded).toEqual({
        text: '三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 3 | 0\n二、',
        encoding: 'utf-8',
      });
    }
    expect(decodeText(whole).encoding).toBe('utf-8');
    // GBK text is still GBK, whatever its last bytes.
    expect(decodeText(new Uint8Array([...GBK_行政, ...GBK_行政, 0xe8, 0xa1])).encoding).toBe('gb18030');
  });

  test('GBK bytes fall back to GB18030', () => {
    expect(decodeText(new Uint8Array([...GBK_行政, 0x0a]))).toEqual({ text: '行政\n', encoding: 'gb18030' });
  });

  test('an HTML meta charset is honoured before GB18030', () => {
    const head = utf8('<meta charset="big5">');
    const big5 = new Uint8Array([...head, 0xa6, 0xe6, 0xac, 0x46]);
    expect(decodeText(big5, { html: true })).toEqual({ text: '<meta charset="big5">行政', encoding: 'big5' });
  });

  test('--encoding overrides detection', () => {
    expect(decodeText(new Uint8Array(GBK_行政), { encoding: 'gbk' }).text).toBe('行政');
    expect(thrownInputError(() => decodeText(utf8('x'), { encoding: 'klingon' })).messageId).toBe('unknown-encoding');
  });

  test('empty and binary files', () => {
    expect(thrownInputError(() => decodeText(new Uint8Array([]))).messageId).toBe('empty-file');
    const binary = thrownInputError(() => decodeText(new Uint8Array([0x41, 0x42, 0x00, 0x01])));
    expect(binary.messageId).toBe('binary-file');
    expect(binary.data).toEqual({ offset: 2 });
  });

  test('bytes valid in no encoding give the offset of the first bad byte', () => {
    const bytes = new Uint8Array([...utf8('ab'), ...GBK_行政, 0x81, 0x20, 0x41]);
    const error = thrownInputError(() => decodeText(bytes));
    expect(error.messageId).toBe('undecodable');
    expect(error.data).toEqual({ encodings: 'UTF-8, GB18030', offset: 6 });
  });
});
