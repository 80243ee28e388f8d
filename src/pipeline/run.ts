import type { Exception } from '../config/config.js';
import {
  checkContinuity,
  continuityPointers,
  continuityTargets,
  pairByAgency,
  type YearPair,
} from '../rules/continuity.js';
import {
  addToSummary,
  emptySummary,
  type CellSnapshot,
  type FileResult,
  type LintResults,
  type Summary,
} from '../diagnostics/types.js';
import { exceptionTracker, type ExceptionContext } from '../config/exceptions.js';
import { failed, lintBytes, readBytes, type LintInputOptions } from './lint.js';
import { compareDiagnostics } from '../rules/engine.js';
import { memorySpool, type Spool } from './spool.js';
import { withFields } from '../model/objects.js';

/** One input of a run: the name shown for it and how to get its bytes (a rejection is reported as an unreadable file). */
export interface RunInput {
  file: string;
  read(): Promise<Uint8Array>;
  /** Overrides the run's input format for this input (standard input). */
  inputFormat?: LintInputOptions['inputFormat'];
  /** A file on disk and its read limit: an input a worker thread can read itself (see node-pool.ts). */
  source?: { path: string; maxBytes: number };
  /** A result made already (a shard's, for merge): the input is not read or checked again, except to place year-to-year findings. */
  result?: FileResult;
}

/** Options of a whole run: how to read and check each input, and what to do across inputs. */
export interface RunOptions extends LintInputOptions {
  /** --previous: last year's report, compared with every input instead of pairing inputs by agency; its own findings are not reported. */
  previous?: RunInput;
  /** Year-to-year checks between inputs of the same agency (default true). */
  continuity?: boolean;
  /** Configured exceptions, and what applying them needs. */
  exceptions?: readonly Exception[];
  exceptionContext?: Omit<ExceptionContext, 'rules'>;
  /** Unused and expired exceptions are reported in this result, appended last; the caller decides whether it is shown. */
}

/** Reads and checks inputs, yielding their results in input order: in this thread (inProcessLinter) or in a pool of workers. */
export type InputLinter = (inputs: readonly RunInput[], options: LintInputOptions) => AsyncIterable<FileResult>;

/** What a streamed run needs besides the run's options: who lints, where results wait, what else goes in the output. */
export interface StreamOptions {
  linter?: InputLinter;
  /** Where results wait while the year-to-year checks need every file (default: in memory). */
  spool?: () => Spool;
  /** Results made outside the run (patterns that matched nothing), written in their sorted place. */
  extra?: readonly FileResult[];
  /**
   * A shard of a larger run (--shard): the checks that need every file of the run (year to year, unused exceptions) are
   * left to `merge`, and each result carries the cells they compare (FileResult.carry).
   */
  shard?: boolean;
}

/** Lints every input, then runs the year-to-year checks and applies exceptions; files sorted by name. */
export async function lintInputs(
  inputs: readonly RunInput[],
  options: RunOptions = {},
  stream: StreamOptions = {},
): Promise<LintResults> {
  const files: FileResult[] = [];
  const summary = await streamInputs(inputs, options, (result) => void files.push(result), stream);
  return { files, summary };
}

/**
 * lintInputs as a stream: each file's result goes to `sink` in output order (sorted by name; the configuration's own
 * findings last) as soon as nothing later can change it, and the summary is returned at the end. Without year-to-year
 * pairing that is as each file finishes; with it, results wait in the spool until every file was read, and only the
 * few cells the comparison needs are kept in memory meanwhile.
 */
export async function streamInputs(
  inputs: readonly RunInput[],
  options: RunOptions,
  sink: (result: FileResult) => void | Promise<void>,
  stream: StreamOptions = {},
): Promise<Summary> {
  const { previous, continuity = true, exceptions, exceptionContext, ...perFile } = options;
  const { linter = inProcessLinter(), shard = false } = stream;
  const ordered = [...inputs].sort((a, b) => byName(a.file, b.file));
  const compare =
    continuity &&
    (shard || previous !== undefined || ordered.length > 1 || ordered.some((input) => input.result?.carry));
  const lintOptions: LintInputOptions = withFields(perFile, {
    cells: perFile.cells === true ? true : compare ? continuityPointers() : false,
    ...(perFile.cells !== true && compare ? { placedCells: continuityTargets() } : {}),
  });
  const tracker =
    exceptions && exceptions.length > 0 && exceptionContext
      ? exceptionTracker(exceptions, withFields(exceptionContext, perFile.rules ? { rules: perFile.rules } : {}))
      : undefined;
  const summary = emptySummary();
  const extra = [...(stream.extra ?? [])].sort((a, b) => byName(a.file, b.file));
  const emit = async (result: FileResult): Promise<void> => {
    while (extra.length > 0 && byName(extra[0]!.file, result.file) < 0) await write(extra.shift()!);
    await write(result);
  };
  const write = async (result: FileResult): Promise<void> => {
    if (perFile.cells !== true) delete result.cells;
    tracker?.apply(result);
    addToSummary(summary, result);
    await sink(result);
  };
  const checkPair = async (pair: YearPair, input: RunInput | undefined): Promise<void> => {
    checkContinuity([pair], { strict: perFile.strict ?? false, ...(perFile.rules ? { rules: perFile.rules } : {}) });
    if (input) await locateAgain(pair.current, input, perFile);
    pair.current.diagnostics.sort(compareDiagnostics);
  };

  // Last year's report is read first, so each file is compared with it as soon as it is checked.
  const before = compare && previous ? await lintInput(previous, lintOptions) : undefined;
  if (before?.error) {
    extra.push(before);
    extra.sort((a, b) => byName(a.file, b.file));
  }
  const results = linter(ordered, lintOptions);
  if (!compare) {
    for await (const result of results) await emit(result);
  } else if (before) {
    let index = 0;
    for await (const result of results) {
      const cells = comparedCells(result);
      if (!before.error && before.cells && cells)
        await checkPair({ previous: before, current: withFields(result, { cells }) }, ordered[index]);
      index += 1;
      await emit(result);
    }
  } else if (shard) {
    for await (const result of results) {
      const cells = comparedCells(result);
      if (cells) result.carry = { cells };
      await emit(result);
    }
  } else {
    // Every file may still gain a year-to-year finding from a file not read yet: results wait in the spool, and so do
    // the few cells each compares; memory holds a few numbers per file, and each agency's name once.
    const spool = (stream.spool ?? memorySpool)();
    try {
      const kept = new KeptForPairing(ordered, spool);
      let index = 0;
      for await (const result of results) {
        kept.add(index, result);
        index += 1;
        delete result.carry;
        if (perFile.cells !== true) delete result.cells;
        await spool.append(result);
      }
      // Pairing looks at names and years alone; each pair is compared as its later year's file is replayed.
      const previousOf = kept.pair();
      index = 0;
      for await (const result of spool.replay()) {
        const earlier = previousOf[index] ?? -1;
        if (earlier >= 0)
          await checkPair(
            { previous: kept.result(earlier), current: withFields(result, { cells: kept.cells(index) }) },
            ordered[index],
          );
        index += 1;
        await emit(result);
      }
    } finally {
      await spool.close();
    }
  }
  for (const result of extra.splice(0)) await write(result);
  if (tracker && !shard) {
    const configResult = tracker.finish();
    if (configResult) await write(configResult);
  }
  return summary;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The cells the year-to-year checks compare, from a result just made (cells) or a shard's (carry). */
function comparedCells(result: FileResult): Record<string, CellSnapshot> | undefined {
  if (result.error) return undefined;
  if (result.carry) return result.carry.cells;
  if (!result.cells) return undefined;
  const only = continuityPointers();
  const cells: Record<string, CellSnapshot> = {};
  for (const [pointer, snapshot] of Object.entries(result.cells)) if (only.has(pointer)) cells[pointer] = snapshot;
  return cells;
}

/**
 * What pairing keeps of each file while the others are read, by the file's place in the run: its agency (each name
 * once), year, template and format as small numbers, and where the spool keeps its packed compared cells.
 */
class KeptForPairing {
  private readonly agencyOf: Int32Array;
  private readonly yearOf: Int32Array;
  private readonly templateOf: Uint8Array;
  private readonly formatOf: Uint8Array;
  private readonly cellsAt: Int32Array;
  private readonly agencies = new Interned<string>();
  private readonly templates = new Interned<NonNullable<FileResult['template']>>();
  private readonly formats = new Interned<FileResult['format']>();

  constructor(
    private readonly inputs: readonly RunInput[],
    private readonly spool: Spool,
  ) {
    this.agencyOf = new Int32Array(inputs.length).fill(-1);
    this.yearOf = new Int32Array(inputs.length);
    this.templateOf = new Uint8Array(inputs.length);
    this.formatOf = new Uint8Array(inputs.length);
    this.cellsAt = new Int32Array(inputs.length);
  }

  /** Keeps what pairing needs of the result of the input at `index`, if it can be paired at all. */
  add(index: number, result: FileResult): void {
    const cells = comparedCells(result);
    if (!cells || !result.agency || result.year === undefined || !result.template) return;
    this.agencyOf[index] = this.agencies.id(result.agency);
    this.yearOf[index] = result.year;
    this.templateOf[index] = this.templates.id(result.template);
    this.formatOf[index] = this.formats.id(result.format);
    this.cellsAt[index] = this.spool.keep(packCells(cells));
  }

  /** The year-to-year pairs: for each input's place, the place of the file it is compared with (-1: none). */
  pair(): Int32Array {
    const placeOf = new Map<FileResult, number>();
    const records: FileResult[] = [];
    for (let index = 0; index < this.inputs.length; index += 1) {
      if (this.agencyOf[index]! < 0) continue;
      const record = this.record(index, {});
      placeOf.set(record, index);
      records.push(record);
    }
    const previousOf = new Int32Array(this.inputs.length).fill(-1);
    for (const { previous, current } of pairByAgency(records))
      previousOf[placeOf.get(current)!] = placeOf.get(previous)!;
    return previousOf;
  }

  /** The input at `index` as pairing sees it: a result with its name, agency, year, template, format and compared cells. */
  result(index: number): FileResult {
    return this.record(index, this.cells(index));
  }

  private record(index: number, cells: Record<string, CellSnapshot>): FileResult {
    const format = this.formats.value(this.formatOf[index]!);
    return {
      file: this.inputs[index]!.file,
      agency: this.agencies.value(this.agencyOf[index]!),
      year: this.yearOf[index]!,
      template: this.templates.value(this.templateOf[index]!),
      ...(format ? { format } : {}),
      cells,
      diagnostics: [],
      rules: [],
    };
  }

  /** The compared cells of the input at `index`, from the spool. */
  cells(index: number): Record<string, CellSnapshot> {
    return unpackCells(this.spool.recall(this.cellsAt[index]!));
  }
}

/** Values numbered in the order first seen, each kept once. */
class Interned<Value> {
  private readonly ids = new Map<Value, number>();
  private readonly values: Value[] = [];

  id(value: Value): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.push(value) - 1;
      this.ids.set(value, id);
    }
    return id;
  }

  value(id: number): Value {
    return this.values[id]!;
  }
}

let pointerList: readonly string[] | undefined;
let pointerIndex: ReadonlyMap<string, number> | undefined;

/** The compared cells as a short JSON text: each cell by the index of its pointer, with its raw value, then what else it has. */
export function packCells(cells: Record<string, CellSnapshot>): string {
  pointerList ??= [...continuityPointers()];
  pointerIndex ??= new Map(pointerList.map((pointer, index) => [pointer, index]));
  const packed: unknown[] = [];
  for (const [pointer, snapshot] of Object.entries(cells)) {
    const { raw, ...rest } = snapshot;
    const index = pointerIndex.get(pointer);
    packed.push(Object.keys(rest).length === 0 ? [index ?? pointer, raw] : [index ?? pointer, raw, rest]);
  }
  return JSON.stringify(packed);
}

/** The cells packCells packed. */
export function unpackCells(text: string): Record<string, CellSnapshot> {
  pointerList ??= [...continuityPointers()];
  const cells: Record<string, CellSnapshot> = {};
  for (const [key, raw, rest] of JSON.parse(text) as Array<
    [number | string, CellSnapshot['raw'], Omit<CellSnapshot, 'raw'>?]
  >) {
    cells[typeof key === 'number' ? pointerList[key]! : key] = { raw, ...rest };
  }
  return cells;
}

/** Checks one input's bytes: lintBytes, or lintBytes behind a cache (node-cache.ts). */
export type CheckBytes = (bytes: Uint8Array, file: string, options: LintInputOptions) => Promise<FileResult>;

/** Reads and checks inputs one after another in this thread, files read a few ahead; results in input order. */
export function inProcessLinter(check: CheckBytes = lintBytes): InputLinter {
  return async function* (inputs, options) {
    const reads = readAhead(inputs);
    for (const [index, input] of inputs.entries()) {
      if (input.result) yield input.result;
      else yield await lintRead(input, await reads(index), options, check);
    }
  };
}

/** Files are read a few ahead of the one being linted, so reading and checking overlap; results keep input order. */
const READ_AHEAD = 8;

type Settled = { ok: true; bytes: Uint8Array } | { ok: false; error: unknown };

function readAhead(inputs: readonly RunInput[]): (index: number) => Promise<Settled> {
  const pending = new Map<number, Promise<Settled>>();
  const start = (index: number): void => {
    const input = inputs[index];
    if (!input || input.result || pending.has(index)) return;
    pending.set(
      index,
      input.read().then(
        (bytes): Settled => ({ ok: true, bytes }),
        (error: unknown): Settled => ({ ok: false, error }),
      ),
    );
  };
  return (index) => {
    for (let ahead = index; ahead <= index + READ_AHEAD; ahead += 1) start(ahead);
    const read = pending.get(index)!;
    pending.delete(index);
    return read;
  };
}

async function lintInput(input: RunInput, options: LintInputOptions): Promise<FileResult> {
  return lintRead(input, await readAhead([input])(0), options);
}

function lintRead(
  input: RunInput,
  read: Settled,
  options: LintInputOptions,
  check: CheckBytes = lintBytes,
): Promise<FileResult> | FileResult {
  if (!read.ok) return failed(input.file, read.error);
  return check(
    read.bytes,
    input.file,
    input.inputFormat ? withFields(options, { inputFormat: input.inputFormat }) : options,
  );
}

/**
 * Year-to-year findings are made after every file was read, from the kept cells, which carry their places; a finding
 * whose cell was kept without one has its file read again, in case a fresh reading can say where the cell stands.
 */
async function locateAgain(current: FileResult, input: RunInput, options: LintInputOptions): Promise<void> {
  const unplaced = current.diagnostics.filter(
    (diagnostic) =>
      diagnostic.location.pointer !== undefined &&
      diagnostic.location.line === undefined &&
      diagnostic.location.page === undefined &&
      diagnostic.location.sheet === undefined &&
      diagnostic.location.tableIndex === undefined,
  );
  const format = input.inputFormat ?? options.inputFormat ?? current.format;
  if (unplaced.length === 0 || !format) return;
  try {
    // Read exactly as the first time, so the places match what was checked.
    const read = await readBytes(await input.read(), current.file, withFields(options, { inputFormat: format }));
    for (const diagnostic of unplaced)
      diagnostic.location = withFields(diagnostic.location, read.locate(diagnostic.location.pointer!) ?? {});
  } catch {
    // The file was read a moment ago (or, for a merge, on another machine); if it cannot be read now, its findings keep their pointers.
  }
}
