import type { Diagnostic } from '../diagnostics/types.js';

/** Data keys that say where a finding is, not what it is about: left out of its fingerprint so that moving text keeps it. */
const POSITION_KEYS = new Set(['line', 'column', 'offset', 'page']);

/**
 * The identity of a finding that survives moved rows and lines: the file, rule id, message id and the cell's
 * table/row/column keys; a finding with no cell uses its JSON pointer and what it quotes (every text in its data: the
 * phrase, the sentence, its section, the row or table named), never a line number. `occurrence` tells apart findings
 * that are otherwise the same in one file (0 for the first).
 */
export function findingKey(diagnostic: Diagnostic, occurrence = 0): string {
  const cell = diagnostic.cell;
  const place = cell ? `${cell.table}/${cell.row}/${cell.column}` : (diagnostic.location.pointer ?? '');
  const quoted = cell ? '' : quotedText(diagnostic.data);
  const digest = hash(`${diagnostic.location.file}\n${quoted}\n${occurrence}`);
  return `${diagnostic.ruleId}:${diagnostic.messageId}:${place}:${digest}`;
}

/** Counts the findings of one file that share a key, so that each gets its own fingerprint; make one per file. */
export function fingerprinter(): (diagnostic: Diagnostic) => string {
  const seen = new Map<string, number>();
  return (diagnostic) => {
    const base = findingKey(diagnostic);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return occurrence === 0 ? base : findingKey(diagnostic, occurrence);
  };
}

/** The texts a finding's data holds, by key, in key order. */
function quotedText(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(data).sort()) {
    if (POSITION_KEYS.has(key)) continue;
    const value = data[key];
    if (typeof value === 'string') parts.push(`${key}=${value}`);
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      parts.push(`${key}=${value.join('\u0001')}`);
  }
  return parts.join('\u0000');
}

/** 64 bits of two 32-bit FNV-1a hashes as 16 hex digits: short, stable across runs and platforms, not cryptographic. */
function hash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
