import { cliMessage, renderFileError } from '../diagnostics/render.js';
import { readLimit } from '../pipeline/limits.js';
import { outputThatIsInput, writeErrorLine } from './write-error.js';
import type { Locale } from '../rules/catalogue-types.js';
import type { InputFormat } from '../read/types.js';
import type { TemplateId } from '../model/types.js';
import { failed, readBytes } from '../pipeline/lint.js';
import type { CliIO } from './io.js';
import { readError } from './read-error.js';
import { canonicalDocument } from '../web/core.js';

export { canonicalDocument };

interface ConvertFlags {
  outputFile?: string;
  inputFormat?: InputFormat;
  encoding?: string;
  template?: TemplateId;
  year?: number;
  stdinFilename?: string;
  locale: Locale;
  maxFileSize?: number;
  maxTimePerFile?: number;
}

/** Reads one report in any input format and writes it as the canonical JSON; returns the exit code. */
export async function convertCommand(input: string, flags: ConvertFlags, io: CliIO): Promise<number> {
  const file = input === '-' ? (flags.stdinFilename ?? '<stdin>') : input;
  if (flags.outputFile && outputThatIsInput([flags.outputFile], [input], io.cwd) !== undefined) {
    io.stderr(`xxgk-lint: ${cliMessage('output-is-input', flags.locale, { file: flags.outputFile })}\n`);
    return 2;
  }
  const limits = {
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
    ...(flags.maxTimePerFile !== undefined ? { maxTimePerFile: flags.maxTimePerFile } : {}),
  };
  let text: string;
  try {
    let bytes: Uint8Array;
    try {
      const maxBytes = readLimit(file, { ...limits, ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}) });
      bytes = input === '-' ? await io.readStdin(maxBytes) : await io.readFile(input, maxBytes);
    } catch (error) {
      throw readError(error, file, { ...limits, ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}) });
    }
    const read = await readBytes(bytes, file, {
      ...(flags.inputFormat ? { inputFormat: flags.inputFormat } : {}),
      ...(flags.encoding ? { encoding: flags.encoding } : {}),
      ...(flags.template ? { template: flags.template } : {}),
      ...(flags.year !== undefined ? { year: flags.year } : {}),
      ...limits,
    });
    text = `${JSON.stringify(canonicalDocument(read), null, 2)}\n`;
  } catch (error) {
    const result = failed(file, error);
    if (result.error) io.stderr(`xxgk-lint: ${file}: ${renderFileError(result.error, flags.locale)}\n`);
    return 2;
  }
  if (!flags.outputFile) {
    io.stdout(text);
    return 0;
  }
  try {
    await io.writeFile(flags.outputFile, text);
    return 0;
  } catch (error) {
    io.stderr(writeErrorLine(flags.outputFile, error, flags.locale));
    return 2;
  }
}
