import { cliMessage, renderFileError } from '../diagnostics/render.js';
import type { FileResult, Summary } from '../diagnostics/types.js';
import { githubSummaryStream } from '../format/github.js';
import { STREAM_FORMATTERS } from '../format/index.js';
import { formatPlace } from '../format/location.js';
import type { FormatName, FormatStream } from '../format/types.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import type { CliIO, OutputWriter } from './io.js';
import { writeErrorLine } from './write-error.js';
import { withFields } from '../model/objects.js';

/** Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage, input or internal error. */
export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** Where one output goes: a format and a file, or standard output. */
export interface OutputTarget {
  format: FormatName;
  file?: string;
}

/** How the run's outputs are written and how its exit code is decided. */
export interface OutputSettings {
  locale: Locale;
  /** --color / --no-color; undefined: colours on a terminal unless NO_COLOR or FORCE_COLOR=0. */
  color?: boolean;
  quiet?: boolean;
  failOn: Severity;
  maxWarnings?: number;
  version: string;
}

/** The outputs of a run, written file by file: each result goes to every output at once, in the order given. */
export interface RunOutputs {
  file(result: FileResult): void;
  /** Writes the summary, completes the files, and returns the run's exit code. */
  end(summary: Summary): Promise<number>;
}

/**
 * Opens every output of a run: standard output, or a file written as results come (io.engine) or whole at the end.
 * An output that cannot be written is said on stderr once, and the others are still written; the exit code is then 2.
 * Each unreadable file is also said on stderr, as it comes.
 */
export function openOutputs(targets: readonly OutputTarget[], io: CliIO, settings: OutputSettings): RunOutputs {
  const { locale } = settings;
  const terminalColor =
    settings.color ?? (io.stdoutIsTTY && io.env['NO_COLOR'] === undefined && io.env['FORCE_COLOR'] !== '0');
  let writeFailed = false;
  const outputs = targets.map((target) => {
    const stream: FormatStream = STREAM_FORMATTERS[target.format]({
      locale,
      color: target.file ? settings.color === true : terminalColor,
      version: settings.version,
    });
    return {
      target,
      stream,
      sink: sinkOf(target, io, (error) => {
        writeFailed = true;
        io.stderr(writeErrorLine(target.file ?? '-', error, locale));
      }),
    };
  });
  for (const output of outputs) output.sink.write(output.stream.begin());
  const stepSummary = io.env['GITHUB_STEP_SUMMARY'];
  // The job summary keeps a bounded part of what it draws (the most severe rows, the first marked tables).
  const jobSummary =
    stepSummary && targets.some((target) => target.format === 'github')
      ? githubSummaryStream({ locale, color: false })
      : undefined;
  return {
    file(result) {
      if (result.error) io.stderr(`xxgk-lint: ${placeOf(result)}${renderFileError(result.error, locale)}\n`);
      const shown = settings.quiet
        ? withFields(result, {
            diagnostics: result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'),
          })
        : result;
      for (const output of outputs) output.sink.write(output.stream.file(shown));
      jobSummary?.file(shown);
    },
    async end(summary) {
      const shownSummary = settings.quiet ? { ...summary, warnings: 0, infos: 0 } : summary;
      for (const output of outputs) {
        output.sink.write(output.stream.end(shownSummary));
        await output.sink.close();
      }
      if (stepSummary && jobSummary) {
        const markdown = jobSummary.end(shownSummary);
        try {
          await (io.appendFile ? io.appendFile(stepSummary, markdown) : io.writeFile(stepSummary, markdown));
        } catch (error) {
          writeFailed = true;
          io.stderr(writeErrorLine(stepSummary, error, locale));
        }
      }
      if (summary.inputErrors > 0 || writeFailed) return EXIT.error;
      const failing =
        summary.errors +
        (settings.failOn === 'error' ? 0 : summary.warnings) +
        (settings.failOn === 'info' ? summary.infos : 0);
      if (failing > 0) return EXIT.findings;
      if (settings.maxWarnings !== undefined && summary.warnings > settings.maxWarnings) {
        io.stderr(
          `xxgk-lint: ${cliMessage('max-warnings', locale, { warnings: summary.warnings, max: settings.maxWarnings })}\n`,
        );
        return EXIT.findings;
      }
      return EXIT.clean;
    },
  };
}

interface Sink {
  write(text: string): void;
  close(): Promise<void>;
}

/** Standard output as it comes; a file as it comes (io.engine) or whole at close; after a failure, nothing more. */
function sinkOf(target: OutputTarget, io: CliIO, fail: (error: unknown) => void): Sink {
  const path = target.file;
  if (path === undefined) return { write: (text) => text !== '' && io.stdout(text), close: async () => undefined };
  let failed = false;
  const giveUp = (error: unknown) => {
    if (failed) return;
    failed = true;
    fail(error);
  };
  const engine = io.engine;
  if (engine) {
    let writer: OutputWriter | undefined;
    try {
      writer = engine.openOutput(path);
    } catch (error) {
      giveUp(error);
    }
    return {
      write: (text) => {
        if (failed || !writer || text === '') return;
        try {
          writer.write(text);
        } catch (error) {
          writer.abort();
          giveUp(error);
        }
      },
      close: async () => {
        if (failed || !writer) return;
        try {
          await writer.close();
        } catch (error) {
          giveUp(error);
        }
      },
    };
  }
  const chunks: string[] = [];
  return {
    write: (text) => void chunks.push(text),
    close: async () => {
      try {
        await io.writeFile(path, chunks.join(''));
      } catch (error) {
        giveUp(error);
      }
    },
  };
}

function placeOf(result: FileResult): string {
  if (!result.error) return '';
  const place = formatPlace(result.error.location, 'en');
  return place && place !== result.error.location.pointer ? `${result.file}:${place}: ` : `${result.file}: `;
}
