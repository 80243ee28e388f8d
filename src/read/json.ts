import type { Origin, ReportDocument } from '../model/types.js';
import { JsonSyntaxError, scanJsonPositions, type TextPosition } from './json-positions.js';
import { InputError, type ReadContext, type ReadResult } from './types.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the canonical JSON report; positions of values are computed only when a diagnostic asks for one. */
export function readJson(bytes: Uint8Array, _context: ReadContext): ReadResult {
  const text = decodeUtf8(bytes);
  if (text.trim() === '') throw new InputError('empty-file');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw syntaxError(text);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError('json-not-object', { actual: Array.isArray(document) ? 'array' : document === null ? 'null' : typeof document }, { line: 1, column: 1 });
  }
  let positions: Map<string, TextPosition> | undefined;
  return {
    format: 'json',
    document: document as ReportDocument,
    encoding: 'utf-8',
    findings: [],
    locate(pointer: string): Origin | undefined {
      positions ??= scanJsonPositions(text);
      const position = positions.get(pointer) ?? nearestAncestor(positions, pointer);
      return position ? { pointer, line: position.line, column: position.column } : { pointer };
    },
  };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new InputError('undecodable', { encodings: 'UTF-8', offset });
  }
}

function syntaxError(text: string): InputError {
  try {
    scanJsonPositions(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const { line, column } = error.position;
      return new InputError('json-syntax', { detail: error.detail, line, column }, { line, column });
    }
    throw error;
  }
  return new InputError('json-syntax', { detail: 'invalid JSON' });
}

function nearestAncestor(positions: Map<string, TextPosition>, pointer: string): TextPosition | undefined {
  let current = pointer;
  while (current !== '') {
    current = current.slice(0, current.lastIndexOf('/'));
    const position = positions.get(current);
    if (position) return position;
  }
  return undefined;
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    for (let next = 1; next < length; next += 1) if ((bytes[index + next]! & 0xc0) !== 0x80) return index;
    index += length;
  }
  return bytes.length;
}
