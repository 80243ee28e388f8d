import { InputError } from './types.js';
import { largest } from '../model/arrays.js';

/** Text decoded from an input file, and the encoding that was used. */
export interface DecodedText {
  text: string;
  encoding: string;
}

/** How to decode: an explicit encoding (--encoding), and whether the input is HTML (so a declared charset counts). */
export interface DecodeOptions {
  encoding?: string;
  html?: boolean;
  /** False when the format's own parser rejects control characters (JSON): the caller checks for binary data only when parsing fails. */
  checkBinary?: boolean;
}

/** Decodes bytes to text: BOM, then strict UTF-8, then an HTML `<meta charset>`, then GB18030; `encoding` overrides. Line ends become LF. */
export function decodeText(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  if (bytes.length === 0) throw new InputError('empty-file');
  if (options.encoding) return finish(decodeWith(bytes, options.encoding));
  const bom = byBom(bytes);
  if (bom) return finish(bom);
  const tried: Array<{ encoding: string; offset: number }> = [];
  const utf8 = withoutCutCharacter(bytes) ?? attempt(bytes, 'utf-8');
  if ('text' in utf8) {
    // Checking the decoded text natively is much faster than a loop over the bytes; the loop runs only to find the offset.
    if (options.checkBinary !== false && BINARY_CHARACTER.test(utf8.text))
      throw new InputError('binary-file', { offset: binaryOffset(bytes) ?? 0 });
    return finish(utf8);
  }
  const binary = binaryOffset(bytes);
  if (binary !== undefined) throw new InputError('binary-file', { offset: binary });
  tried.push(utf8);
  if (options.html) {
    const declared = declaredCharset(bytes);
    if (declared && !isUtf8Label(declared)) {
      const result = attempt(bytes, declared);
      if ('text' in result) return finish(result);
      tried.push(result);
    }
  }
  const gb = attempt(bytes, 'gb18030');
  if ('text' in gb) return finish(gb);
  tried.push(gb);
  const furthest = largest(tried.map((entry) => entry.offset));
  throw new InputError('undecodable', {
    encodings: tried.map((entry) => displayName(entry.encoding)).join(', '),
    offset: furthest,
  });
}

/** A character no text file holds: NUL and most C0 controls (tab, LF, VT, FF, CR and ESC are allowed), and DEL. */
const BINARY_CHARACTER = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/;

function finish(decoded: DecodedText): DecodedText {
  return decoded.text.includes('\r')
    ? { text: decoded.text.replace(/\r\n?/gu, '\n'), encoding: decoded.encoding }
    : decoded;
}

function decodeWith(bytes: Uint8Array, label: string): DecodedText {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label.trim(), { fatal: true });
  } catch {
    throw new InputError('unknown-encoding', { encoding: label });
  }
  const result = attempt(bytes, decoder.encoding);
  if ('text' in result) return result;
  throw new InputError('undecodable', { encodings: displayName(result.encoding), offset: result.offset });
}

function byBom(bytes: Uint8Array): DecodedText | undefined {
  const [a, b, c] = bytes;
  let encoding: string | undefined;
  if (a === 0xef && b === 0xbb && c === 0xbf) encoding = 'utf-8';
  else if (a === 0xff && b === 0xfe) encoding = 'utf-16le';
  else if (a === 0xfe && b === 0xff) encoding = 'utf-16be';
  if (!encoding) return undefined;
  const result = attempt(bytes, encoding);
  if ('text' in result) {
    if (result.text.trim() === '') throw new InputError('empty-file');
    return { text: result.text, encoding: `${encoding} (BOM)` };
  }
  throw new InputError('undecodable', { encodings: displayName(encoding), offset: result.offset });
}

/** The offset of the first byte that no text file holds (NUL and most C0 controls; tab, LF, VT, FF, CR and ESC are allowed). */
export function binaryOffset(bytes: Uint8Array): number | undefined {
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index]!;
    if (
      byte < 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0b &&
      byte !== 0x0c &&
      byte !== 0x0d &&
      byte !== 0x1b
    )
      return index;
    if (byte === 0x7f) return index;
  }
  return undefined;
}

const decoders = new Map<string, TextDecoder>();

/** A strict decoder for an encoding, made once: decoding without streaming keeps no state between calls. */
function decoderFor(encoding: string): TextDecoder {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      throw new InputError('unknown-encoding', { encoding });
    }
    decoders.set(encoding, decoder);
  }
  return decoder;
}

/**
 * UTF-8 cut inside its last character (a page or a file cut after so many bytes): the bytes before that character,
 * which are all valid, are the text; the cut is then said where the text ends. Undefined for any other bytes.
 */
function withoutCutCharacter(bytes: Uint8Array): DecodedText | undefined {
  let start = bytes.length - 1;
  while (start > 0 && start > bytes.length - 4 && (bytes[start]! & 0xc0) === 0x80) start -= 1;
  const lead = bytes[start]!;
  const length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 0;
  if (length === 0 || lead > 0xf4 || bytes.length - start >= length || start === 0) return undefined;
  const before = attempt(bytes.subarray(0, start), 'utf-8');
  return 'text' in before ? before : undefined;
}

function attempt(bytes: Uint8Array, encoding: string): DecodedText | { encoding: string; offset: number } {
  const decoder = decoderFor(encoding);
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    return { encoding: decoder.encoding, offset: firstInvalidOffset(bytes, decoder.encoding) };
  }
}

/** The byte offset where the first invalid sequence starts: the shortest failing prefix, then back to the start of its sequence. */
function firstInvalidOffset(bytes: Uint8Array, encoding: string): number {
  const fails = (end: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let low = 1;
  let high = bytes.length;
  if (!fails(high)) return bytes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (fails(middle)) high = middle;
    else low = middle + 1;
  }
  const complete = (end: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, end));
      return true;
    } catch {
      return false;
    }
  };
  let start = high - 1;
  for (let back = 0; back < 4 && start > 0 && !complete(start); back += 1) start -= 1;
  return start;
}

/** The charset an HTML document declares in its first 4 KiB (`<meta charset>` or `http-equiv` content). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(head);
  return match?.[1]?.toLowerCase();
}

function isUtf8Label(label: string): boolean {
  return label === 'utf-8' || label === 'utf8';
}

function displayName(encoding: string): string {
  return encoding === 'utf-8' ? 'UTF-8' : encoding === 'gb18030' ? 'GB18030' : encoding.toUpperCase();
}
