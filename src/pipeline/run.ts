import type { Exception } from '../config/config.js';
import { checkContinuity, continuityPointers, pairByAgency, type YearPair } from '../rules/continuity.js';
import { summarize, type FileResult, type LintResults } from '../diagnostics/types.js';
import { applyExceptions, type ExceptionContext } from '../config/exceptions.js';
import { failed, lintBytes, readBytes, type LintInputOptions } from './lint.js';
import { compareDiagnostics } from '../rules/engine.js';

/** One input of a run: the name shown for it and how to get its bytes (a rejection is reported as an unreadable file). */
export interface RunInput {
  file: string;
  read(): Promise<Uint8Array>;
  /** Overrides the run's input format for this input (standard input). */
  inputFormat?: LintInputOptions['inputFormat'];
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

/** Lints every input (each read once, one after another), then runs the year-to-year checks and applies exceptions; files sorted by name. */
export async function lintInputs(inputs: readonly RunInput[], options: RunOptions = {}): Promise<LintResults> {
  const { previous, continuity = true, exceptions, exceptionContext, ...perFile } = options;
  const compare = continuity && (previous !== undefined || inputs.length > 1);
  const lintOptions = { ...perFile, cells: perFile.cells === true ? true : compare ? continuityPointers() : false };
  const results: FileResult[] = [];
  const reads = readAhead(inputs);
  for (const [index, input] of inputs.entries()) results.push(await lintRead(input, await reads(index), lintOptions));
  if (compare) {
    let pairs: YearPair[];
    if (previous) {
      const before = await lintInput(previous, lintOptions);
      pairs = before.error || !before.cells ? [] : results.filter((result) => result.cells && !result.error).map((current) => ({ previous: before, current }));
      if (before.error) results.push(before);
    } else {
      pairs = pairByAgency(results);
    }
    checkContinuity(pairs, { ...(perFile.rules ? { rules: perFile.rules } : {}), strict: perFile.strict ?? false });
    await locateAgain(pairs, [...inputs, ...(previous ? [previous] : [])], perFile);
    for (const pair of pairs) pair.current.diagnostics.sort(compareDiagnostics);
  }
  if (perFile.cells !== true) for (const result of results) delete result.cells;
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (exceptions && exceptions.length > 0 && exceptionContext) {
    const configResult = applyExceptions(results, exceptions, { ...exceptionContext, ...(perFile.rules ? { rules: perFile.rules } : {}) });
    if (configResult) results.push(configResult);
  }
  return { files: results, summary: summarize(results) };
}

/** Files are read a few ahead of the one being linted, so reading and checking overlap; results keep input order. */
const READ_AHEAD = 8;

type Settled = { ok: true; bytes: Uint8Array } | { ok: false; error: unknown };

function readAhead(inputs: readonly RunInput[]): (index: number) => Promise<Settled> {
  const pending = new Map<number, Promise<Settled>>();
  const start = (index: number): void => {
    const input = inputs[index];
    if (!input || pending.has(index)) return;
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

function lintRead(input: RunInput, read: Settled, options: LintInputOptions): Promise<FileResult> | FileResult {
  if (!read.ok) return failed(input.file, read.error);
  return lintBytes(read.bytes, input.file, input.inputFormat ? { ...options, inputFormat: input.inputFormat } : options);
}

/**
 * Year-to-year findings are made after every file was read, from raw values alone; the few files that have one are
 * read again to find where those cells stand, rather than keeping every file's text for the whole run.
 */
async function locateAgain(pairs: readonly YearPair[], inputs: readonly RunInput[], options: LintInputOptions): Promise<void> {
  const byFile = new Map(inputs.map((input) => [input.file, input]));
  for (const { current } of pairs) {
    const unplaced = current.diagnostics.filter((diagnostic) => diagnostic.location.pointer !== undefined && diagnostic.location.line === undefined && diagnostic.location.page === undefined && diagnostic.location.sheet === undefined && diagnostic.location.tableIndex === undefined);
    const input = byFile.get(current.file);
    const format = input?.inputFormat ?? options.inputFormat ?? current.format;
    if (unplaced.length === 0 || !input || !format) continue;
    try {
      // Read exactly as the first time, so the places match what was checked.
      const read = await readBytes(await input.read(), current.file, { ...options, inputFormat: format });
      for (const diagnostic of unplaced) diagnostic.location = { ...diagnostic.location, ...read.locate(diagnostic.location.pointer!) };
    } catch {
      // The file was read a moment ago; if it cannot be read now, its findings keep their pointers.
    }
  }
}
