import type { Origin, ReportDocument } from '../model/types.js';
import {
  checkJsonDepth,
  JsonDepthError,
  JsonSyntaxError,
  JsonValuesError,
  MAX_JSON_DEPTH,
  MAX_JSON_VALUES,
  scanJsonPositions,
  scanParsedJsonPositions,
  type TextPosition,
} from './json-positions.js';
import { nearestEntry } from './pointer.js';
import { binaryOffset, decodeText } from './decode.js';
import { InputError, type ReadContext, type ReaderFinding, type ReadResult } from './types.js';
import { getTemplate, isTableKey, templateForYear } from '../model/template.js';

/** Reads the canonical JSON report; positions of values are computed only when a diagnostic asks for one. */
export function readJson(bytes: Uint8Array, context: ReadContext): ReadResult {
  const { text, encoding } = decodeText(
    bytes,
    context.encoding ? { encoding: context.encoding, checkBinary: false } : { checkBinary: false },
  );
  if (text.trim() === '') throw new InputError('empty-file');
  let document: unknown;
  try {
    // Depth and size first, without parsing: nothing after this recurses deeper than MAX_JSON_DEPTH over the input,
    // and a document of more values than a report holds is refused before it is built (a 14 MB object of a million
    // keys once took 50 s and 5 GB, one schema finding per key).
    checkJsonDepth(text, MAX_JSON_DEPTH, MAX_JSON_VALUES);
    document = JSON.parse(text);
  } catch (error) {
    // JSON.parse rejects control characters, so binary data is looked for only now.
    const binary = binaryOffset(bytes);
    if (binary !== undefined) throw new InputError('binary-file', { offset: binary });
    if (error instanceof JsonDepthError) throw tooDeep(error);
    if (error instanceof JsonValuesError) {
      const { line, column } = error.position;
      throw new InputError('json-too-large', { values: error.limit, line, column }, { line, column });
    }
    // V8's JSON.parse may itself give up on deep nesting (RangeError): that is the same problem, without a place.
    if (error instanceof RangeError) throw new InputError('too-deeply-nested-unplaced', { limit: MAX_JSON_DEPTH });
    throw syntaxError(text);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new InputError(
      'json-not-object',
      { actual: Array.isArray(document) ? 'array' : document === null ? 'null' : typeof document },
      { line: 1, column: 1 },
    );
  }
  let positions: Map<string, TextPosition> | undefined;
  const originIn = (found: ReadonlyMap<string, TextPosition>, pointer: string): Origin => {
    const position = nearestEntry(found, pointer);
    return position ? { pointer, line: position.line, column: position.column } : { pointer };
  };
  const locate = (pointer: string): Origin | undefined =>
    originIn((positions ??= scanParsedJsonPositions(text)), pointer);
  // The cells a clean report's result keeps (for the year-to-year checks) are placed by a walk into their rows alone.
  const locateEach = (pointers: readonly string[]): Array<Origin | undefined> => {
    const found = positions ?? scanParsedJsonPositions(text, pointers);
    return pointers.map((pointer) => originIn(found, pointer));
  };
  const report = document as ReportDocument;
  const evidence = evidenceOf(document as Record<string, unknown>);
  return {
    format: 'json',
    document: report,
    encoding,
    findings: evidence.totalsUsed ? totalsUsedFindings(report, evidence.totalsUsed, locate) : [],
    ...evidence,
    locate,
    locateEach,
  };
}

/**
 * The top-level "$evidence" of a document a reader made from another format (xxgk-lint convert): the cells placed by
 * inference and the rows whose total placed them, so that they stay inferred when the JSON is linted. Entries that are
 * not strings are left to the schema to report.
 */
function evidenceOf(document: Record<string, unknown>): {
  inferred?: ReadonlySet<string>;
  totalsUsed?: ReadonlySet<string>;
  explained?: ReadonlySet<string>;
} {
  const declared = document['$evidence'];
  if (declared === null || typeof declared !== 'object' || Array.isArray(declared)) return {};
  const pointers = (value: unknown): ReadonlySet<string> | undefined => {
    if (!Array.isArray(value)) return undefined;
    const strings = value.filter((item): item is string => typeof item === 'string');
    return strings.length > 0 ? new Set(strings) : undefined;
  };
  const inferred = pointers((declared as Record<string, unknown>)['inferred']);
  const totalsUsed = pointers((declared as Record<string, unknown>)['totalsUsed']);
  const explained = pointers((declared as Record<string, unknown>)['explained']);
  return Object.assign(
    {},
    inferred ? { inferred } : {},
    totalsUsed ? { totalsUsed } : {},
    explained ? { explained } : {},
  );
}

/** The inferred-cells finding of the original reading, once per table, for the rows "$evidence" says their total placed: their row-total check is skipped, and the report says why. */
function totalsUsedFindings(
  document: ReportDocument,
  rows: ReadonlySet<string>,
  locate: (pointer: string) => Origin | undefined,
): ReaderFinding[] {
  const templateId =
    document.template === '2019' || document.template === '2021'
      ? document.template
      : typeof document.year === 'number'
        ? templateForYear(document.year)
        : undefined;
  const template = getTemplate(templateId ?? '2021');
  const byTable = new Map<string, string[]>();
  for (const pointer of rows) {
    const [, table, row] = pointer.split('/');
    if (table === undefined || row === undefined || !isTableKey(table)) continue;
    const def = template.def.tables.find((candidate) => candidate.key === table);
    const label =
      def?.rows.find((candidate) => candidate.key === row)?.label ??
      def?.legacyRows?.find((candidate) => candidate.key === row)?.label ??
      row;
    const list = byTable.get(table);
    if (list) list.push(label);
    else byTable.set(table, [label]);
  }
  const origin = locate('/$evidence/totalsUsed') ?? {};
  return [...byTable].map(([table, labels]) => ({
    ruleId: 'inferred-cells',
    messageId: 'by-total',
    data: {
      table: template.def.tables.find((candidate) => candidate.key === table)?.label ?? table,
      count: labels.length,
      rows: labels.slice(0, 3).join('、') + (labels.length > 3 ? ' …' : ''),
      rowList: labels,
    },
    origin,
  }));
}

/** The input error for JSON nested too deeply: how deep, the limit, and where the first level past the limit opens. */
function tooDeep(error: JsonDepthError): InputError {
  const { line, column } = error.position;
  return new InputError(
    'too-deeply-nested',
    { depth: error.depth, limit: error.limit, line, column },
    { line, column },
  );
}

function syntaxError(text: string): InputError {
  try {
    scanJsonPositions(text);
  } catch (error) {
    if (error instanceof JsonDepthError) return tooDeep(error);
    if (error instanceof RangeError) return new InputError('too-deeply-nested-unplaced', { limit: MAX_JSON_DEPTH });
    if (error instanceof JsonSyntaxError) {
      const { line, column } = error.position;
      return new InputError('json-syntax', { detail: error.detail, line, column }, { line, column });
    }
    throw error;
  }
  return new InputError('json-syntax', { detail: 'invalid JSON' });
}
