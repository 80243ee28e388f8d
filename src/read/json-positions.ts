/** A place in a text: 0-based offset, 1-based line and column (in UTF-16 code units). */
export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

/** A JSON syntax error found by the scanner, with its place. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly position: TextPosition,
  ) {
    super(`${detail} at ${position.line}:${position.column}`);
    this.name = 'JsonSyntaxError';
  }
}

/**
 * How deeply a JSON text may nest arrays and objects. A report nests four levels; the limit keeps every reader and
 * every later step (which may recurse over the document) far from the stack's end, whatever the input.
 */
export const MAX_JSON_DEPTH = 1000;

/** JSON nested deeper than {@link MAX_JSON_DEPTH}: where the first array or object past the limit opens, and how deep the text nests at most. */
export class JsonDepthError extends JsonSyntaxError {
  constructor(
    position: TextPosition,
    readonly depth: number,
    readonly limit: number,
  ) {
    super(`nested more than ${limit} levels deep (${depth})`, position);
    this.name = 'JsonDepthError';
  }
}

/**
 * Values a JSON report may hold: a report has a few hundred (its cells and its sections' text), counted as the commas
 * between them, outside strings.
 */
export const MAX_JSON_VALUES = 10_000;

/** JSON holding more values than the limit: where the first comma past it stands. */
export class JsonValuesError extends Error {
  constructor(
    readonly position: TextPosition,
    readonly limit: number,
  ) {
    super(`more than ${limit} values`);
    this.name = 'JsonValuesError';
  }
}

/** Maps every value of a JSON text to where it starts, keyed by JSON pointer; throws JsonSyntaxError on bad JSON, JsonDepthError (one) when it nests too deeply. */
export function scanJsonPositions(text: string): Map<string, TextPosition> {
  checkJsonDepth(text);
  return new Scanner(text).run();
}

/**
 * scanJsonPositions of a text that passed checkJsonDepth and JSON.parse (the JSON reader's). With `only`, the map holds
 * the listed pointers' values, every ancestor's and their siblings': enough for {@link nearestEntry} to answer for each
 * listed pointer exactly as from the whole map, while every other array and object is stepped over unrecorded.
 */
export function scanParsedJsonPositions(text: string, only?: Iterable<string>): Map<string, TextPosition> {
  return new Scanner(text, only ? ancestorsOf(only) : undefined).run();
}

/** Every listed pointer and each of its ancestors, the root ('') among them. */
function ancestorsOf(pointers: Iterable<string>): Set<string> {
  const found = new Set<string>();
  for (const pointer of pointers) {
    for (let current = pointer; !found.has(current); current = current.slice(0, current.lastIndexOf('/'))) {
      found.add(current);
      if (current === '') break;
    }
  }
  return found;
}

/**
 * Throws JsonDepthError when the text nests arrays and objects more than `limit` levels deep, without parsing it:
 * one pass over the text without recursion, counting brackets outside strings, so that it is safe on any input.
 * The error gives the place of the first bracket past the limit and the greatest depth the text reaches. With
 * `maxValues`, the same pass throws JsonValuesError at the first comma outside strings past that many (each comma
 * separates two values, so the text holds more values than it has commas).
 */
export function checkJsonDepth(text: string, limit = MAX_JSON_DEPTH, maxValues = Infinity): void {
  let depth = 0;
  let commas = 0;
  let deepest = 0;
  let line = 1;
  let lineStart = 0;
  let first: TextPosition | undefined;
  const length = text.length;
  for (let offset = 0; offset < length; offset += 1) {
    const code = text.charCodeAt(offset);
    if (code === 0x22) {
      // Skip a string; a line break cannot stand in one, so it ends the string for counting lines.
      for (offset += 1; offset < length; offset += 1) {
        const inner = text.charCodeAt(offset);
        if (inner === 0x5c) offset += 1;
        else if (inner === 0x22) break;
        else if (inner === 0x0a) {
          line += 1;
          lineStart = offset + 1;
          break;
        }
      }
    } else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (depth > limit && first === undefined) first = { offset, line, column: offset - lineStart + 1 };
    } else if (code === 0x5d || code === 0x7d) {
      if (depth > 0) depth -= 1;
    } else if (code === 0x2c) {
      commas += 1;
      if (commas > maxValues) throw new JsonValuesError({ offset, line, column: offset - lineStart + 1 }, maxValues);
    } else if (code === 0x0a) {
      line += 1;
      lineStart = offset + 1;
    }
  }
  if (first) throw new JsonDepthError(first, deepest, limit);
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointerSegment(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

class Scanner {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private readonly positions = new Map<string, TextPosition>();

  /** `descend`: the pointers whose arrays and objects are walked into; others are skipped (undefined: all are walked). */
  constructor(
    private readonly text: string,
    private readonly descend?: ReadonlySet<string>,
  ) {}

  run(): Map<string, TextPosition> {
    if (this.text.charCodeAt(0) === 0xfeff) this.offset = 1;
    this.skipSpace();
    if (this.offset >= this.text.length) this.fail('the file holds no JSON value');
    this.value('');
    this.skipSpace();
    if (this.offset < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the JSON value`);
    return this.positions;
  }

  private here(): TextPosition {
    return { offset: this.offset, line: this.line, column: this.offset - this.lineStart + 1 };
  }

  private fail(detail: string): never {
    throw new JsonSyntaxError(detail, this.here());
  }

  private describe(): string {
    const char = this.text[this.offset];
    if (char === undefined) return 'end of file';
    return `character '${char}'`;
  }

  private skipSpace(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.offset);
      if (code === 0x0a) {
        this.offset += 1;
        this.line += 1;
        this.lineStart = this.offset;
      } else if (code === 0x20 || code === 0x09 || code === 0x0d) {
        this.offset += 1;
      } else {
        return;
      }
    }
  }

  private value(pointer: string): void {
    this.positions.set(pointer, this.here());
    const code = this.text.charCodeAt(this.offset);
    if ((code === 0x7b || code === 0x5b) && this.descend && !this.descend.has(pointer)) this.skipContainer();
    else if (code === 0x7b) this.object(pointer);
    else if (code === 0x5b) this.array(pointer);
    else if (code === 0x22) this.string();
    else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) this.number();
    else if (this.text.startsWith('true', this.offset)) this.offset += 4;
    else if (this.text.startsWith('false', this.offset)) this.offset += 5;
    else if (this.text.startsWith('null', this.offset)) this.offset += 4;
    else this.fail(`unexpected ${this.describe()}, expected a value`);
  }

  private object(pointer: string): void {
    this.offset += 1;
    this.skipSpace();
    if (this.text.charCodeAt(this.offset) === 0x7d) {
      this.offset += 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.offset) !== 0x22)
        this.fail(`unexpected ${this.describe()}, expected a property name in double quotes`);
      const key = this.string();
      this.skipSpace();
      if (this.text.charCodeAt(this.offset) !== 0x3a) this.fail(`unexpected ${this.describe()}, expected ':'`);
      this.offset += 1;
      this.skipSpace();
      this.value(`${pointer}/${escapePointerSegment(key)}`);
      this.skipSpace();
      const next = this.text.charCodeAt(this.offset);
      if (next === 0x2c) {
        this.offset += 1;
        this.skipSpace();
        if (this.text.charCodeAt(this.offset) === 0x7d) this.fail("unexpected '}' after ',' (trailing comma)");
        continue;
      }
      if (next === 0x7d) {
        this.offset += 1;
        return;
      }
      this.fail(`unexpected ${this.describe()}, expected ',' or '}'`);
    }
  }

  private array(pointer: string): void {
    this.offset += 1;
    this.skipSpace();
    if (this.text.charCodeAt(this.offset) === 0x5d) {
      this.offset += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.skipSpace();
      this.value(`${pointer}/${index}`);
      this.skipSpace();
      const next = this.text.charCodeAt(this.offset);
      if (next === 0x2c) {
        this.offset += 1;
        continue;
      }
      if (next === 0x5d) {
        this.offset += 1;
        return;
      }
      this.fail(`unexpected ${this.describe()}, expected ',' or ']'`);
    }
  }

  private string(): string {
    const start = this.offset + 1;
    let index = start;
    let hasEscape = false;
    for (;;) {
      const code = this.text.charCodeAt(index);
      if (Number.isNaN(code)) {
        this.offset = index;
        this.fail('unterminated string');
      }
      if (code === 0x22) break;
      if (code < 0x20) {
        this.offset = index;
        this.fail('control character or line break inside a string');
      }
      if (code === 0x5c) {
        hasEscape = true;
        index += 1;
      }
      index += 1;
    }
    const raw = this.text.slice(start, index);
    this.offset = index + 1;
    if (!hasEscape) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      this.offset = start;
      return this.fail('invalid escape sequence in a string');
    }
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, as JSON writes a number. */
  private number(): void {
    const text = this.text;
    let index = this.offset;
    if (text.charCodeAt(index) === 0x2d) index += 1;
    const first = text.charCodeAt(index);
    if (first === 0x30) index += 1;
    else if (first >= 0x31 && first <= 0x39) index = this.digits(index);
    else this.fail('invalid number');
    if (text.charCodeAt(index) === 0x2e && isDigit(text.charCodeAt(index + 1))) index = this.digits(index + 1);
    const exponent = text.charCodeAt(index);
    if (exponent === 0x65 || exponent === 0x45) {
      let after = index + 1;
      const sign = text.charCodeAt(after);
      if (sign === 0x2b || sign === 0x2d) after += 1;
      if (isDigit(text.charCodeAt(after))) index = this.digits(after);
    }
    this.offset = index;
  }

  /** The offset after the digits starting at `index`. */
  private digits(index: number): number {
    while (isDigit(this.text.charCodeAt(index))) index += 1;
    return index;
  }

  /** Steps over the array or object at the offset (in a text JSON.parse took), counting its lines. */
  private skipContainer(): void {
    const text = this.text;
    let depth = 0;
    for (let offset = this.offset; offset < text.length; offset += 1) {
      const code = text.charCodeAt(offset);
      if (code === 0x22) {
        for (offset += 1; offset < text.length; offset += 1) {
          const inner = text.charCodeAt(offset);
          if (inner === 0x5c) offset += 1;
          else if (inner === 0x22) break;
        }
      } else if (code === 0x7b || code === 0x5b) {
        depth += 1;
      } else if (code === 0x7d || code === 0x5d) {
        depth -= 1;
        if (depth === 0) {
          this.offset = offset + 1;
          return;
        }
      } else if (code === 0x0a) {
        this.line += 1;
        this.lineStart = offset + 1;
      }
    }
    this.offset = text.length;
    this.fail('unterminated array or object');
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
