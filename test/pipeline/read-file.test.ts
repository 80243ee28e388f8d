// The bounded read of an input file and the words its failures are given (src/pipeline/read-file.ts), on the real
// file system: special files refused before they are opened, limits held on files that lie about their size.
import { afterAll, beforeAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { inputReadError, plainMessage, readFileBounded, TooLargeError } from '../../src/pipeline/read-file.js';
import { InputError } from '../../src/read/types.js';
import { tempTree } from '../cli/temp-io.js';

const root = tempTree({ 'a.txt': 'hello', 'big.txt': 'x'.repeat(10_000) });
execFileSync('mkfifo', [join(root, 'fifo')]);
let socket: Server;

beforeAll(async () => {
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(join(root, 'socket'), resolve));
});
afterAll(() => void socket.close());

const messageIdOf = (read: () => unknown): string | undefined => {
  try {
    read();
    return undefined;
  } catch (error) {
    return error instanceof InputError ? error.messageId : String(error);
  }
};

describe('readFileBounded', () => {
  it('reads a regular file whole', () => {
    expect(readFileBounded(join(root, 'a.txt'), 100).toString()).toBe('hello');
    expect(readFileBounded(join(root, 'a.txt'), 5).toString()).toBe('hello');
  });

  it('holds a small file in a buffer of its own size, not a 64 KiB one (thousands wait for the garbage collector)', () => {
    const bytes = readFileBounded(join(root, 'big.txt'), 1_000_000);
    expect(bytes.length).toBe(10_000);
    expect(bytes.buffer.byteLength).toBeLessThanOrEqual(10_001);
  });

  it.each([
    ['a folder', '.', 'is-directory'],
    ['a named pipe (never opened: that would wait for a writer)', 'fifo', 'is-fifo'],
    ['a socket', 'socket', 'is-socket'],
  ])('refuses %s by its own message', (_, name, messageId) => {
    expect(messageIdOf(() => readFileBounded(join(root, name), 1000))).toBe(messageId);
  });

  it('refuses a device', () => {
    expect(messageIdOf(() => readFileBounded('/dev/null', 1000))).toBe('is-device');
  });

  it('refuses a file over the limit by its size, before reading it', () => {
    const error = (() => {
      try {
        readFileBounded(join(root, 'big.txt'), 9_999);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TooLargeError);
    expect(error).toMatchObject({ size: 10_000, limit: 9_999 });
  });

  it('a file that says it is empty but is not (/proc) is read, growing its buffer, and stopped past the limit', () => {
    // /proc/self/smaps reports size 0 and holds far more than the first 64 KB buffer.
    const whole = readFileBounded('/proc/self/smaps', 64 * 1024 * 1024);
    expect(whole.length).toBeGreaterThan(64 * 1024);
    expect(() => readFileBounded('/proc/self/status', 100)).toThrow(TooLargeError);
    expect(() => readFileBounded('/proc/self/smaps', 100_000)).toThrow(TooLargeError);
  });
});

describe('inputReadError', () => {
  const withCode = (code: string, message = `${code}: something, open '/x'`) =>
    Object.assign(new Error(message), { code });

  it.each([
    ['ENOENT', 'not-found', undefined],
    ['EISDIR', 'is-directory', undefined],
    ['EACCES', 'permission-denied', undefined],
    ['EPERM', 'permission-denied', undefined],
    ['ELOOP', 'unreadable', { detail: 'too many symbolic links (a loop?)' }],
    ['EIO', 'unreadable', { detail: 'input/output error (a damaged disk or a lost network drive?)' }],
    ['EXDEV', 'unreadable', { detail: 'something' }],
  ])('%s is %s, in plain words', (code, messageId, data) => {
    const error = inputReadError(withCode(code));
    expect(error.messageId).toBe(messageId);
    if (data) expect(error.data).toEqual(data);
  });

  it('an error with no message of its own is an unknown error; an InputError passes through', () => {
    expect(inputReadError(withCode('EXDEV', '')).data).toEqual({ detail: 'unknown error' });
    const given = new InputError('empty-file');
    expect(inputReadError(given)).toBe(given);
  });

  it('over the limit: by size and kind when the size is known, else only the limit', () => {
    expect(inputReadError(new TooLargeError(undefined, 1024 * 1024))).toMatchObject({
      messageId: 'input-too-large',
      data: { limit: '1' },
    });
    expect(inputReadError(new TooLargeError(60 * 1024 * 1024, 50 * 1024 * 1024), 'a.json')).toMatchObject({
      messageId: 'file-too-large',
      data: { size: '60', limit: '50' },
    });
    // Under the size limit of its format but over what one JavaScript string holds.
    expect(inputReadError(new TooLargeError(20 * 1024 * 1024, 10 * 1024 * 1024), 'a.json')).toMatchObject({
      messageId: 'text-too-long',
    });
  });

  it('plainMessage drops the code and the system call', () => {
    expect(plainMessage(new Error("EIO: i/o error, read '/x'"))).toBe('i/o error');
    expect(plainMessage(new Error('EBUSY: resource busy, rename'))).toBe('resource busy');
    expect(plainMessage('two\nlines')).toBe('two');
  });
});
