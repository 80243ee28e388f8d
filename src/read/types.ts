import type { Origin, ReportDocument } from '../model/types.js';

/** The input formats xxgk-lint reads. */
export type InputFormat = 'json' | 'csv' | 'csv-long' | 'html' | 'text' | 'markdown' | 'docx' | 'xlsx' | 'pdf';

/** A finding a reader makes while reading (unknown row, missing table, narrative defect); its rule id is in schemas/rules.json. */
export interface ReaderFinding {
  ruleId: string;
  messageId: string;
  data: Record<string, unknown>;
  origin: Origin;
}

/** What every reader returns: the canonical report document and where each of its values came from. */
export interface ReadResult {
  format: InputFormat;
  document: ReportDocument;
  /** Where the value at a JSON pointer of `document` came from; may be computed lazily. */
  locate(pointer: string): Origin | undefined;
  /** locate of several pointers at once, each answered as locate answers it; a reader may find a few places faster so. */
  locateEach?(pointers: readonly string[]): Array<Origin | undefined>;
  /** Where the character at an offset of the string at a pointer (a narrative section) came from, when the reader knows it line by line. */
  locateText?(pointer: string, offset: number): Origin | undefined;
  findings: ReaderFinding[];
  /** The text encoding used to decode the bytes, for text formats. */
  encoding?: string;
  /** Pointers of the cells the aligner placed by inference (see {@link Evidence}); every other present cell was read where it stands. */
  inferred?: ReadonlySet<string>;
  /** Pointers of the rows (/applications/new) whose own total was used to place inferred cells: their row-total check proves nothing. */
  totalsUsed?: ReadonlySet<string>;
  /** Rows (/applications/new) and tables (/reviewLitigation) the input lacks for a reason a reader finding already gives (cut off, unreadable): rules do not list their cells as missing again. */
  explained?: ReadonlySet<string>;
}

/** One cell of a table as a grid reader saw it: its text and where it stands. */
export interface RawCell {
  text: string;
  origin: Origin;
  /** Set by the aligner when the cell was placed by a choice (a split of run-together digits, or values fewer than columns placed by the row's total), not by its explicit place. */
  inferred?: boolean;
  /** Set by the text reader on a figure the input ends with, no line end or delimiter after it: it may be cut short. */
  endsText?: boolean;
  /**
   * Set by a reader that records merged cells (HTML, .docx, .xlsx) on a slot no cell of its own prints: covered by a
   * merged cell whose text stands in its first slot, or a hole at a short row's end.
   */
  covered?: boolean;
}

/** One row of a raw table. */
export interface RawRow {
  cells: RawCell[];
  origin: Origin;
  /** Set for a row that is a line of text rather than a row of a grid: the blank lines before it, and whether its cells were delimited (|, tab) or only spaced. */
  line?: TextLine;
  /**
   * Set by a reader that records merged cells (HTML, .docx, .xlsx): a blank cell of the row not marked `covered` is
   * printed as a cell of its own. Unset for CSV, which flattens a merged cell into blanks.
   */
  spansKnown?: boolean;
}

/** How a row of text stood in its file: what the aligner needs to read cells whose places the text does not mark. */
export interface TextLine {
  /** Blank lines between this line and the previous non-blank one. */
  gapBefore: number;
  /** True when the cells were delimited by | or tabs; false when only spaces (or nothing) separate them. */
  delimited: boolean;
}

/** A table as found in the input, before its rows and columns are matched to the template. */
export interface RawTable {
  rows: RawRow[];
  origin: Origin;
}

/** The document as grid readers see it: text and tables, in reading order. */
export type Block = { kind: 'text'; text: string; origin: Origin } | { kind: 'table'; table: RawTable };

/** An input that cannot be read at all (bad JSON, undecodable bytes, not a PDF): one clear line, exit 2. Its text is in schemas/messages.json under "input". */
export class InputError extends Error {
  constructor(
    readonly messageId: string,
    readonly data: Record<string, string | number> = {},
    readonly origin: Origin = {},
  ) {
    super(`${messageId} ${JSON.stringify(data)}`);
    this.name = 'InputError';
  }
}

/** What a reader is told besides the bytes. */
export interface ReadContext {
  /** The file name as the user gave it (or --stdin-filename), for messages. */
  file: string;
  /** --encoding: the text encoding to use instead of detecting one. */
  encoding?: string;
  /** --template and --year: overrides for detection. */
  template?: import('../model/types.js').TemplateId;
  year?: number;
}

/** What a reader of a table format returns: the blocks it found in reading order, for the aligner to map onto the template. */
export interface BlockSource {
  format: InputFormat;
  blocks: Block[];
  /** The text encoding used to decode the bytes, for text formats. */
  encoding?: string;
  /** What the reader itself noticed (a PDF table it could not rebuild). */
  findings?: ReaderFinding[];
}

/** A reader's output: the canonical document itself (JSON, long-form CSV) or blocks for the aligner. */
export type ReaderOutput = ReadResult | BlockSource;

/** True when a reader's output still needs the aligner. */
export function isBlockSource(output: ReaderOutput): output is BlockSource {
  return 'blocks' in output;
}

/** A reader of one input format. */
export type Reader = (bytes: Uint8Array, context: ReadContext) => ReaderOutput | Promise<ReaderOutput>;
