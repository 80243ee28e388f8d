import { performance } from 'node:perf_hooks';
import { cliMessage } from '../diagnostics/render.js';
import type { FileResult } from '../diagnostics/types.js';
import type { Locale } from '../rules/catalogue-types.js';
import type { FoundInputs, FoundReason, SkipReason } from './inputs.js';
import type { CliIO } from './io.js';

/** A stage of linting one file whose time --debug reports. */
export type Stage = 'read' | 'parse' | 'rules';

/** --debug: what was found and skipped and why, each file's reader, template and year, and the time of each stage, on stderr. Made only when asked for. */
export class DebugLog {
  private readonly times = new Map<string, Record<Stage, number>>();
  private readonly started = performance.now();

  constructor(
    private readonly io: CliIO,
    private readonly locale: Locale,
  ) {}

  /** Adds a stage's time to a file's. */
  readonly time = (file: string, stage: Stage, milliseconds: number): void => {
    const entry = this.times.get(file) ?? { read: 0, parse: 0, rules: 0 };
    entry[stage] += milliseconds;
    this.times.set(file, entry);
  };

  /** Wraps a read so its time counts as the file's read stage. */
  timedRead(file: string, read: () => Promise<Uint8Array>): () => Promise<Uint8Array> {
    return async () => {
      const start = performance.now();
      try {
        return await read();
      } finally {
        this.time(file, 'read', performance.now() - start);
      }
    };
  }

  /** What finding the inputs found and skipped, and the patterns that yielded nothing. */
  inputs(found: FoundInputs): void {
    for (const { file, reason } of found.found) this.line('debug-found', { file, why: this.foundWhy(reason) });
    for (const { path, reason } of found.skipped) this.line('debug-skipped', { file: path, why: this.skipWhy(reason) });
    for (const { pattern } of found.unmatched) this.line('debug-unmatched', { pattern });
  }

  /** Standard input's format, chosen by its content. */
  stdin(format: string): void {
    this.line('debug-stdin', { format });
  }

  /** Each file's reader, template and year (and whether the command line or the report decided them), and its times. */
  files(results: readonly FileResult[], given: { template?: string; year?: number }): void {
    const none = cliMessage('debug-none', this.locale);
    for (const result of results) {
      const times = this.times.get(result.file) ?? { read: 0, parse: 0, rules: 0 };
      this.line('debug-file', {
        file: result.file,
        reader: result.format ?? none,
        template: result.template ?? none,
        templateBy: cliMessage(given.template ? 'debug-by-flag' : 'debug-by-report', this.locale),
        year: result.year === undefined ? none : String(result.year),
        yearBy: cliMessage(given.year !== undefined ? 'debug-by-flag' : 'debug-by-report', this.locale),
        read: milliseconds(times.read),
        parse: milliseconds(times.parse),
        rules: milliseconds(times.rules),
      });
    }
  }

  /** The run's totals by stage, with the time the outputs took to format. */
  totals(formatMilliseconds: number): void {
    const sum = { read: 0, parse: 0, rules: 0 };
    for (const times of this.times.values())
      for (const stage of ['read', 'parse', 'rules'] as const) sum[stage] += times[stage];
    this.line('debug-timing', {
      read: milliseconds(sum.read),
      parse: milliseconds(sum.parse),
      rules: milliseconds(sum.rules),
      format: milliseconds(formatMilliseconds),
      total: milliseconds(performance.now() - this.started),
    });
  }

  private foundWhy(reason: FoundReason): string {
    if (reason.how === 'named') return cliMessage('debug-why-named', this.locale);
    if (reason.how === 'glob') return cliMessage('debug-why-glob', this.locale, { pattern: reason.pattern });
    return cliMessage('debug-why-directory', this.locale, {
      directory: reason.directory,
      verdict: cliMessage(`debug-verdict-${reason.verdict}`, this.locale),
    });
  }

  private skipWhy(reason: SkipReason): string {
    const args: Record<string, string> = {};
    if (reason.why === 'ignored') args['by'] = reason.by;
    if (reason.why === 'not-matched') args['pattern'] = reason.pattern;
    return cliMessage(`debug-skip-${reason.why}`, this.locale, args);
  }

  private line(id: string, args: Record<string, string>): void {
    this.io.stderr(`xxgk-lint: ${cliMessage(id, this.locale, args)}\n`);
  }
}

function milliseconds(value: number): string {
  return value.toFixed(1);
}
