import type { Origin, ReportDocument } from '../model/types.js';
import { JsonSyntaxError, scanJsonPositions, type TextPosition } from './json-positions.js';
import { nearestEntry } from './pointer.js';
import { binaryOffset, decodeText } from './decode.js';
import { InputError, type ReadContext, type ReadResult } from './types.js';

/** Reads the canonical JSON report; positions of values are computed only when a diagnostic asks for one. */
export function readJson(bytes: Uint8Array, context: ReadContext): ReadResult {
  const { text, encoding } = decodeText(bytes, context.encoding ? { encoding: context.encoding, checkBinary: false } : { checkBinary: false });
  if (text.trim() === '') throw new InputError('empty-file');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    // JSON.parse rejects control characters, so binary data is looked for only now.
    const binary = binaryOffset(bytes);
    if (binary !== undefined) throw new InputError('binary-file', { offset: binary });
    throw syntaxError(text);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError('json-not-object', { actual: Array.isArray(document) ? 'array' : document === null ? 'null' : typeof document }, { line: 1, column: 1 });
  }
  let positions: Map<string, TextPosition> | undefined;
  return {
    format: 'json',
    document: document as ReportDocument,
    encoding,
    findings: [],
    locate(pointer: string): Origin | undefined {
      positions ??= scanJsonPositions(text);
      const position = nearestEntry(positions, pointer);
      return position ? { pointer, line: position.line, column: position.column } : { pointer };
    },
  };
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
