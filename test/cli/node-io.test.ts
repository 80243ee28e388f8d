import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { nodeIO, writeFileAtomic } from '../../src/cli/node-io.js';
import { tempTree } from './temp-io.js';

describe('nodeIO: the real file system', () => {
  const root = tempTree({ 'a.json': '{"template":"2019"}', 'dir/b.txt': 'x', 'big.txt': 'y'.repeat(100_000) });
  symlinkSync(join(root, 'a.json'), join(root, 'link.json'));
  symlinkSync(join(root, 'dir'), join(root, 'dirlink'));
  symlinkSync(join(root, 'missing'), join(root, 'broken'));
  execFileSync('mkfifo', [join(root, 'fifo')]);
  const io = nodeIO();

  it('tells what a path is, symlinks followed', async () => {
    expect(await io.pathKind(join(root, 'a.json'))).toBe('file');
    expect(await io.pathKind(join(root, 'dir'))).toBe('directory');
    expect(await io.pathKind(join(root, 'link.json'))).toBe('file');
    expect(await io.pathKind(join(root, 'dirlink'))).toBe('directory');
    expect(await io.pathKind(join(root, 'broken'))).toBe('broken-link');
    expect(await io.pathKind(join(root, 'fifo'))).toBe('other');
    expect(await io.pathKind(join(root, 'nothing'))).toBeUndefined();
    expect(await io.pathKind(join(root, 'a.json', 'inside'))).toBeUndefined();
  });

  it('lists a directory with the kind of each entry and whether it is a symlink', async () => {
    const entries = (await io.readDirectory(root)).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(entries).toEqual([
      { name: 'a.json', kind: 'file', symlink: false },
      { name: 'big.txt', kind: 'file', symlink: false },
      { name: 'broken', kind: 'broken-link', symlink: true },
      { name: 'dir', kind: 'directory', symlink: false },
      { name: 'dirlink', kind: 'directory', symlink: true },
      { name: 'fifo', kind: 'other', symlink: false },
      { name: 'link.json', kind: 'file', symlink: true },
    ]);
    await expect(io.readDirectory(join(root, 'nothing'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(io.readDirectory(join(root, 'a.json'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('reads the start of a file without the rest, and all of a short one', async () => {
    expect((await io.readHead(join(root, 'big.txt'), 1000)).length).toBe(1000);
    expect(new TextDecoder().decode(await io.readHead(join(root, 'a.json'), 1000))).toBe('{"template":"2019"}');
    await expect(io.readHead(join(root, 'nothing'), 10)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads files whole, or bounded: refusing a folder, a FIFO and a file over the limit', async () => {
    expect((await io.readFile(join(root, 'big.txt'))).length).toBe(100_000);
    expect((await io.readFile(join(root, 'a.json'), 100)).length).toBe(19);
    await expect(io.readFile(join(root, 'dir'), 100)).rejects.toMatchObject({ messageId: 'is-directory' });
    await expect(io.readFile(join(root, 'fifo'), 100)).rejects.toMatchObject({ messageId: 'is-fifo' });
    await expect(io.readFile(join(root, 'big.txt'), 10)).rejects.toMatchObject({ code: 'EFBIG' });
  });

  it('writes through a temporary file, keeping the mode of the file it replaces, and refuses a folder', async () => {
    const target = join(root, 'out.json');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    await io.writeFile(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    await io.writeFile(join(root, 'bytes.bin'), new Uint8Array([1, 2, 3]));
    expect([...readFileSync(join(root, 'bytes.bin'))]).toEqual([1, 2, 3]);
    await expect(writeFileAtomic(join(root, 'dir'), 'x')).rejects.toMatchObject({ code: 'EISDIR' });
    await expect(writeFileAtomic(join(root, 'no/such/folder/x.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    mkdirSync(join(root, 'appended'));
    await io.appendFile!(join(root, 'appended/summary.md'), 'a');
    await io.appendFile!(join(root, 'appended/summary.md'), 'b');
    expect(readFileSync(join(root, 'appended/summary.md'), 'utf8')).toBe('ab');
    expect(io.now!()).toBeInstanceOf(Date);
  });

  it('reads standard input whole, or stops past the limit', async () => {
    const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    const feed = (chunks: string[]) =>
      Object.defineProperty(process, 'stdin', {
        configurable: true,
        get: () => Readable.from(chunks.map((chunk) => Buffer.from(chunk))),
      });
    try {
      feed(['{"tem', 'plate":"2019"}']);
      expect(new TextDecoder().decode(await nodeIO().readStdin())).toBe('{"template":"2019"}');
      feed(['12345', '67890', 'abcde']);
      await expect(nodeIO().readStdin(8)).rejects.toMatchObject({ code: 'EFBIG', limit: 8 });
    } finally {
      Object.defineProperty(process, 'stdin', original);
    }
  });
});
