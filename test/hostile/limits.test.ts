import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/lint.js';
import { BIN, runCli, tempDirEach } from '../helpers/process.js';
import { oneEntryZip } from '../helpers/zip.js';
import { lintFiles } from '../../src/pipeline/node-files.js';
import { lintBytes } from '../../src/pipeline/lint.js';
import { zipDeclared } from '../../src/read/office.js';
import { checkSize } from '../../src/pipeline/limits.js';

const SEED = join(ROOT, 'fixtures/json/seed-2019.json');
const cli = (args: string[], cwd: string) => runCli(args, cwd, 30_000);

const temp = tempDirEach('xxgk-limits-');

/** A tiny ZIP (one stored entry) whose central directory declares `declared` uncompressed bytes, and `count` entries in its end record. */
function craftedZip(declared: number, count = 1): Uint8Array {
  return oneEntryZip('word/document.xml', Buffer.from('<w:document/>'), { declared, count });
}

describe('size limits', () => {
  it('refuses a 2 GB sparse file quickly, by its size, and still checks the other files (real process)', () => {
    execFileSync('truncate', ['-s', '2G', join(temp.path, 'huge.json')]);
    copyFileSync(SEED, join(temp.path, 'ok.json'));
    const started = Date.now();
    const run = cli(['huge.json', 'ok.json', '-f', 'json'], temp.path);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('huge.json: the file is too large: 2048 MB, over the limit of 50 MB');
    expect(run.stderr).toContain('--max-file-size');
    const report = JSON.parse(run.stdout) as {
      files: { file: string; template?: string; error?: { messageId: string } }[];
    };
    expect(report.files.find((file) => file.file === 'ok.json')?.template).toBe('2019');
    expect(report.files.find((file) => file.file === 'huge.json')?.error?.messageId).toBe('file-too-large');
  });

  it('never says a file over the length of a JavaScript string cannot be decoded as UTF-8', () => {
    execFileSync('truncate', ['-s', '2G', join(temp.path, 'huge.txt')]);
    const run = cli(['huge.txt', '--max-file-size', '4000'], temp.path);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('more than the 512 MB a JavaScript string can hold');
    expect(run.stderr).not.toContain('decoded');
    // The check in the pipeline, without allocating: a view whose length is past the string limit.
    expect(() => checkSize({ length: 600 * 1024 * 1024 } as Uint8Array, 'text', { maxFileSize: 4000 })).toThrow(
      expect.objectContaining({ messageId: 'text-too-long' }),
    );
  });

  it('takes the larger limit for PDF and Office, and --max-file-size / maxFileSize for every format', async () => {
    writeFileSync(join(temp.path, 'big.pdf'), Buffer.alloc(60 * 1024 * 1024, 0x20));
    writeFileSync(join(temp.path, 'big.json'), Buffer.alloc(60 * 1024 * 1024, 0x20));
    const defaults = await lintFiles([join(temp.path, 'big.pdf'), join(temp.path, 'big.json')]);
    const ids = defaults.files.map((file) => [file.file.endsWith('.pdf') ? 'pdf' : 'json', file.error?.messageId]);
    expect(ids).toContainEqual(['json', 'file-too-large']);
    expect(ids).toContainEqual(['pdf', 'pdf-not-pdf']);
    const lowered = await lintFiles([join(temp.path, 'big.pdf')], { maxFileSize: 10 });
    expect(lowered.files[0]?.error).toMatchObject({
      messageId: 'file-too-large',
      data: { size: '60', limit: '10', kind: '--max-file-size' },
    });
  });

  it('bounds standard input', () => {
    const run = spawnSync(process.execPath, [BIN, '--locale', 'en', '-', '--max-file-size', '1'], {
      input: Buffer.alloc(3 * 1024 * 1024, 0x20),
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the input is over the limit of 1 MB');
  });
});

describe('zip bombs', () => {
  it('reads the declared sizes from the central directory', () => {
    expect(zipDeclared(craftedZip(4_000_000_000))).toMatchObject({
      entries: 1,
      uncompressed: 4_000_000_000,
      list: [{ name: 'word/document.xml', uncompressed: 4_000_000_000 }],
    });
  });

  it('refuses a .docx and an .xlsx declaring more than the limit uncompressed, before inflating', async () => {
    const docx = await lintBytes(craftedZip(4_000_000_000), 'bomb.docx');
    expect(docx.error).toMatchObject({ messageId: 'zip-too-large', data: { format: 'docx', limit: '200' } });
    const xlsx = await lintBytes(craftedZip(300 * 1024 * 1024), 'bomb.xlsx', { inputFormat: 'xlsx' });
    expect(xlsx.error).toMatchObject({ messageId: 'zip-too-large', data: { format: 'xlsx', size: '300' } });
    const raised = await lintBytes(craftedZip(300 * 1024 * 1024), 'bomb.xlsx', {
      inputFormat: 'xlsx',
      maxFileSize: 400,
    });
    expect(raised.error?.messageId).not.toBe('zip-too-large');
  });

  it('refuses more than 10,000 entries, as a real process', () => {
    writeFileSync(join(temp.path, 'many.docx'), craftedZip(100, 20_000));
    const run = cli(['many.docx'], temp.path);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ZIP directory has 20000 entries, over the limit of 10000');
  });

  it('leaves the real fixtures alone', async () => {
    for (const file of ['fixtures/docx/seed-2019.docx', 'fixtures/xlsx/seed-2019.xlsx']) {
      const results = await lintFiles([join(ROOT, file)]);
      expect(results.files[0]?.error).toBeUndefined();
    }
  });
});

describe('time budget', () => {
  it('gives up a PDF past --max-time-per-file with time-limit, after checking the file before it, and ends the process', () => {
    const started = Date.now();
    const run = cli(
      ['--max-time-per-file', '0.2', '-f', 'json', 'fixtures/json/seed-2019.json', 'fixtures/pdf/huaian-2024.pdf'],
      ROOT,
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('huaian-2024.pdf: reading and checking took longer than the limit of 0.2 s');
    const report = JSON.parse(run.stdout) as {
      files: { file: string; template?: string; error?: { messageId: string } }[];
    };
    expect(report.files.find((file) => file.file.endsWith('seed-2019.json'))?.template).toBe('2019');
    expect(report.files.find((file) => file.file.endsWith('.pdf'))?.error?.messageId).toBe('time-limit');
  });

  it('lintFiles takes maxTimePerFile; 0 turns the budget off', async () => {
    const limited = await lintFiles([join(ROOT, 'fixtures/pdf/huaian-2024.pdf')], { maxTimePerFile: 0.01 });
    expect(limited.files[0]?.error?.messageId).toBe('time-limit');
    const unlimited = await lintFiles([SEED], { maxTimePerFile: 0 });
    expect(unlimited.files[0]?.error).toBeUndefined();
  });
});

/** A valid PDF of `count` blank A4 pages, written by hand (catalog, page tree, pages, cross-reference table). */
function blankPdf(count: number): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Count ${count} /Kids [${Array.from({ length: count }, (_, index) => `${index + 3} 0 R`).join(' ')}] >>`,
  ];
  for (let index = 0; index < count; index += 1)
    objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>');
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

describe('PDF pages', () => {
  it('a PDF of blank pages is called blank, not a scan; an image-only PDF is still a scan', async () => {
    expect((await lintBytes(blankPdf(3), 'blank.pdf')).error).toMatchObject({
      messageId: 'pdf-blank',
      data: { pages: 3 },
    });
    expect(
      (await lintBytes(new Uint8Array(readFileSync(join(ROOT, 'fixtures/pdf/made-image-only.pdf'))), 'scan.pdf')).error,
    ).toMatchObject({ messageId: 'pdf-no-text' });
  });

  it('a PDF of more pages than a report has is refused before its pages are read (10,000 blank pages once took 259 s)', async () => {
    const result = await lintBytes(blankPdf(10_000), 'pages.pdf');
    expect(result.error).toMatchObject({ messageId: 'pdf-too-many-pages', data: { pages: 10_000, limit: 1000 } });
  });
});
