// Bounded memory (issue 9): hostile files are refused, or read, in under 300 MiB of peak RSS in a real process, and
// the other files of the run are still checked. Peak RSS is what the process itself reports at exit
// (process.resourceUsage().maxRSS), printed by a preloaded module; no timing is asserted.
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createDeflateRaw, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { jest } from '@jest/globals';
import { fixture, ROOT } from '../helpers/lint.js';
import { BIN, tempDirEach } from '../helpers/process.js';
import { oneEntryZip } from '../helpers/zip.js';
import { lintBytes } from '../../src/pipeline/lint.js';

jest.setTimeout(120_000);

const temp = tempDirEach('xxgk-memory-');
const LIMIT_MIB = 300;
const PRELOAD =
  'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxRSS="+Math.round(process.resourceUsage().maxRSS/1024)+"\\n"))';

/** Deflates `size` bytes of spaces as a stream, so only the small compressed result is ever in memory. */
async function deflatedSpaces(size: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 1 });
  const parts: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let written = 0; written < size; written += chunk.length) {
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(parts);
}

/** A one-entry ZIP whose directory declares `declared` uncompressed bytes for deflated data that inflates to far more. */
function lyingZip(entry: string, compressed: Buffer, declared: number): Uint8Array {
  return oneEntryZip(entry, compressed, { declared, method: 8 });
}

/** The seed's .docx or .xlsx with a billion-laughs DTD put before the root of one XML entry and used in its first text. */
async function withLaughs(source: string, entry: string): Promise<Uint8Array> {
  const entities = ['<!ENTITY lol "lollollollollollollollollollol">'];
  for (let level = 1; level <= 9; level += 1)
    entities.push(`<!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">`);
  const zip = await JSZip.loadAsync(fixture(source));
  const xml = (await zip.file(entry)!.async('string'))
    .replace(/^(<\?xml[^>]*\?>)?/u, (head) => `${head}<!DOCTYPE r [${entities.join('')}]>`)
    .replace(/(<w:t[^>]*>|<t[^>]*>)/u, '$1&lol9;');
  zip.file(entry, xml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('hostile ZIPs', () => {
  it('a .docx whose entry inflates past its declared size is refused, naming the entry, before it is inflated whole', async () => {
    const result = await lintBytes(
      lyingZip('word/document.xml', deflateRawSync(Buffer.alloc(4 * 1024 * 1024, 0x20)), 1000),
      'lie.docx',
    );
    expect(result.error).toMatchObject({
      kind: 'input',
      messageId: 'zip-size-mismatch',
      data: { format: 'docx', entry: 'word/document.xml', declared: 1000 },
    });
  });

  it.each([
    ['docx/seed-2019.docx', 'word/document.xml', 'laughs.docx'],
    ['xlsx/seed-2019.xlsx', 'xl/sharedStrings.xml', 'laughs.xlsx'],
  ])('%s with a billion-laughs DTD in %s is refused, never expanded', async (source, entry, name) => {
    const result = await lintBytes(await withLaughs(source, entry), name);
    expect(result.error).toMatchObject({ kind: 'input', messageId: 'xml-doctype', data: { entry } });
  });

  it('the unchanged .docx and .xlsx fixtures still read (no DTD, honest sizes)', async () => {
    for (const source of [
      'docx/seed-2019.docx',
      'docx/clean-2021.docx',
      'xlsx/seed-2019.xlsx',
      'xlsx/clean-2021.xlsx',
    ]) {
      const result = await lintBytes(fixture(source), source);
      expect([source, result.error]).toEqual([source, undefined]);
    }
  });
});

describe(`peak memory under ${LIMIT_MIB} MiB in a real process`, () => {
  it('a run over every kind of hostile file refuses each with its own message and still checks the good file', async () => {
    const dir = temp.path;
    const gigabyteOfSpaces = await deflatedSpaces(1024 * 1024 * 1024);
    writeFileSync(join(dir, 'lie.docx'), lyingZip('word/document.xml', gigabyteOfSpaces, 1000));
    writeFileSync(join(dir, 'lie.xlsx'), lyingZip('xl/workbook.xml', gigabyteOfSpaces, 1000));
    writeFileSync(join(dir, 'laughs.docx'), await withLaughs('docx/seed-2019.docx', 'word/document.xml'));
    writeFileSync(
      join(dir, 'wide.html'),
      `<table><tr>${'<td>x</td>'.repeat(3000)}</tr>${'<tr><td>b</td><td>1</td></tr>'.repeat(8000)}</table>`,
    );
    writeFileSync(
      join(dir, 'spans.html'),
      `<table>${'<tr><td rowspan="60000">b</td><td>1</td></tr>'.repeat(3000)}</table>`,
    );
    execFileSync('truncate', ['-s', '1G', join(dir, 'sparse.json')]);
    for (const name of ['wide-300.csv', 'farcell.xlsx', 'deep-10000.json', 'deep-div-6000.html', 'pipes-20000.txt'])
      copyFileSync(join(ROOT, 'fixtures/hostile', name), join(dir, name));
    copyFileSync(join(ROOT, 'fixtures/json/seed-2019.json'), join(dir, 'good.json'));
    const run = spawnSync(process.execPath, ['--import', PRELOAD, BIN, '--locale', 'en', '-f', 'json', '*'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 110_000,
    });
    const peak = Number(/maxRSS=(\d+)/u.exec(run.stderr)?.[1]);
    expect(run.status).toBe(2);
    const report = JSON.parse(run.stdout) as {
      files: { file: string; template: string | null; error?: { messageId: string } }[];
    };
    const outcome = Object.fromEntries(report.files.map((file) => [file.file, file.error?.messageId ?? file.template]));
    expect(outcome).toMatchObject({
      'lie.docx': 'zip-size-mismatch',
      'lie.xlsx': 'zip-size-mismatch',
      'laughs.docx': 'xml-doctype',
      'spans.html': 'html-table-too-large',
      'sparse.json': 'file-too-large',
      'deep-10000.json': 'too-deeply-nested',
      'deep-div-6000.html': 'too-deeply-nested',
      'good.json': '2019',
    });
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThan(LIMIT_MIB);
  });
});
