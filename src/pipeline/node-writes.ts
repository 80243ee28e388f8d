import { writeSync } from 'node:fs';

/** Writes all of the data at the descriptor's position, however many writes the system needs; returns the bytes written. */
export function writeAll(fd: number, data: string | Uint8Array): number {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
  return bytes.length;
}

/** What piecesTo writes through: text gathered and written in pieces, and the bytes written so far. */
export interface PieceWriter {
  write(data: string | Uint8Array): void;
  /** Writes what is gathered (before a close, or before the file is read back). */
  flush(): void;
  readonly written: number;
}

/** Characters of text gathered before they are written in one call. */
const PIECE = 64 * 1024;

/**
 * Text written to a descriptor in pieces of at least 64 K characters, one system call each: an output file or the
 * spool is written a result at a time, and a result is a few hundred bytes to a few KB. Bytes are written at once.
 */
export function piecesTo(fd: number): PieceWriter {
  let pending: string[] = [];
  let length = 0;
  let written = 0;
  const flush = (): void => {
    if (length === 0) return;
    written += writeAll(fd, pending.join(''));
    pending = [];
    length = 0;
  };
  return {
    write(data) {
      if (typeof data !== 'string') {
        flush();
        written += writeAll(fd, data);
        return;
      }
      pending.push(data);
      length += data.length;
      if (length >= PIECE) flush();
    },
    flush,
    get written() {
      return written;
    },
  };
}
