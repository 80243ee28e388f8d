// The ZIP checks made before an Office library opens a .docx or .xlsx (src/read/office.ts), on archives written by
// hand: ZIP64 directories (what a writer uses past 4 GB or 65,535 entries), stored entries, damaged directories.
import { lintBytes } from '../../src/pipeline/lint.js';
import { zipDeclared } from '../../src/read/office.js';
import { concatBytes } from '../helpers/bytes.js';

/** One stored entry: its bytes at offset 0, then the central directory; ZIP64 records when `zip64`. */
function storedZip(name: string, data: Uint8Array, zip64: boolean): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const crc = crc32(data);
  const parts: Uint8Array[] = [];
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true);
  local.setUint32(14, crc, true);
  local.setUint32(18, data.length, true);
  local.setUint32(22, data.length, true);
  local.setUint16(26, nameBytes.length, true);
  parts.push(new Uint8Array(local.buffer), nameBytes, data);
  const directoryOffset = 30 + nameBytes.length + data.length;
  const extra = new DataView(new ArrayBuffer(zip64 ? 28 : 0));
  if (zip64) {
    extra.setUint16(0, 0x0001, true);
    extra.setUint16(2, 24, true);
    extra.setBigUint64(4, BigInt(data.length), true);
    extra.setBigUint64(12, BigInt(data.length), true);
    extra.setBigUint64(20, 0n, true);
  }
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 45, true);
  central.setUint16(6, 20, true);
  central.setUint32(16, crc, true);
  central.setUint32(20, zip64 ? 0xffffffff : data.length, true);
  central.setUint32(24, zip64 ? 0xffffffff : data.length, true);
  central.setUint16(28, nameBytes.length, true);
  central.setUint16(30, extra.byteLength, true);
  central.setUint32(42, zip64 ? 0xffffffff : 0, true);
  parts.push(new Uint8Array(central.buffer), nameBytes, new Uint8Array(extra.buffer));
  const directorySize = 46 + nameBytes.length + extra.byteLength;
  if (zip64) {
    const record = new DataView(new ArrayBuffer(56));
    record.setUint32(0, 0x06064b50, true);
    record.setBigUint64(4, 44n, true);
    record.setBigUint64(24, 1n, true);
    record.setBigUint64(32, 1n, true);
    record.setBigUint64(40, BigInt(directorySize), true);
    record.setBigUint64(48, BigInt(directoryOffset), true);
    const locator = new DataView(new ArrayBuffer(20));
    locator.setUint32(0, 0x07064b50, true);
    locator.setBigUint64(8, BigInt(directoryOffset + directorySize), true);
    locator.setUint32(16, 1, true);
    parts.push(new Uint8Array(record.buffer), new Uint8Array(locator.buffer));
  }
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, zip64 ? 0xffff : 1, true);
  end.setUint16(10, zip64 ? 0xffff : 1, true);
  end.setUint32(12, zip64 ? 0xffffffff : directorySize, true);
  end.setUint32(16, zip64 ? 0xffffffff : directoryOffset, true);
  parts.push(new Uint8Array(end.buffer));
  return concatBytes(...parts);
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const DOCUMENT = new TextEncoder().encode('<?xml version="1.0"?><w:document/>');

describe('zipDeclared', () => {
  it('reads a plain directory and a ZIP64 one to the same entries and sizes', () => {
    const plain = zipDeclared(storedZip('word/document.xml', DOCUMENT, false));
    const zip64 = zipDeclared(storedZip('word/document.xml', DOCUMENT, true));
    const expected = {
      entries: 1,
      uncompressed: DOCUMENT.length,
      list: [
        {
          name: 'word/document.xml',
          method: 0,
          uncompressed: DOCUMENT.length,
          compressed: DOCUMENT.length,
          localHeader: 0,
        },
      ],
    };
    expect(plain).toEqual(expected);
    expect(zip64).toEqual(expected);
  });

  it('finds no directory in bytes that only start like a ZIP, or whose end record points nowhere', () => {
    expect(zipDeclared(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(40).fill(0)]))).toBeUndefined();
    const zip = storedZip('word/document.xml', DOCUMENT, false);
    // The end record's directory offset moved past the file: no entry is listed.
    new DataView(zip.buffer).setUint32(zip.length - 6, zip.length + 100, true);
    expect(zipDeclared(zip)).toMatchObject({ entries: 1, uncompressed: 0, list: [] });
  });
});

describe('the checks before a library opens the archive', () => {
  it('a stored (not deflated) entry that opens with a DTD is refused as it would be deflated', async () => {
    const laughs = new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:document/>');
    const result = await lintBytes(storedZip('word/document.xml', laughs, false), 'laughs.docx');
    expect(result.error).toMatchObject({
      messageId: 'xml-doctype',
      data: { format: 'docx', entry: 'word/document.xml' },
    });
  });

  it('bytes that start like a ZIP but hold no directory are a damaged file, not a crash', async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array<number>(40).fill(0)]);
    for (const file of ['a.docx', 'a.xlsx'])
      expect((await lintBytes(bytes, file)).error).toMatchObject({ kind: 'input', messageId: 'damaged-office-file' });
  });

  it('a file named .docx that is not a ZIP says so', async () => {
    const result = await lintBytes(new TextEncoder().encode('not a zip at all'), 'a.docx', { inputFormat: 'docx' });
    expect(result.error).toMatchObject({ kind: 'input', messageId: 'not-office-file' });
  });
});
