import { renderFileError } from '../diagnostics/render.js';
import type { Locale } from '../rules/catalogue-types.js';
import { formatOfFile } from '../read/index.js';
import type { InputFormat } from '../read/types.js';
import type { TemplateId } from '../model/types.js';
import { failed, readBytes } from '../pipeline/lint.js';
import type { CliIO } from './io.js';
import { readError } from './read-error.js';

interface ConvertFlags {
  outputFile?: string;
  inputFormat?: InputFormat;
  encoding?: string;
  template?: TemplateId;
  year?: number;
  stdinFilename?: string;
  locale: Locale;
}

/** Reads one report in any input format and writes it as the canonical JSON; returns the exit code. */
export async function convertCommand(input: string, flags: ConvertFlags, io: CliIO): Promise<number> {
  const file = input === '-' ? (flags.stdinFilename ?? '<stdin>') : input;
  try {
    let bytes: Uint8Array;
    try {
      bytes = input === '-' ? await io.readStdin() : await io.readFile(input);
    } catch (error) {
      throw readError(error);
    }
    const inputFormat = flags.inputFormat ?? (input === '-' ? (formatOfFile(file) ?? 'json') : undefined);
    const read = await readBytes(bytes, file, {
      ...(inputFormat ? { inputFormat } : {}),
      ...(flags.encoding ? { encoding: flags.encoding } : {}),
      ...(flags.template ? { template: flags.template } : {}),
      ...(flags.year !== undefined ? { year: flags.year } : {}),
    });
    const text = `${JSON.stringify(read.document, null, 2)}\n`;
    if (flags.outputFile) await io.writeFile(flags.outputFile, text);
    else io.stdout(text);
    return 0;
  } catch (error) {
    const result = failed(file, error);
    if (result.error) io.stderr(`xxgk-lint: ${file}: ${renderFileError(result.error, flags.locale)}\n`);
    return 2;
  }
}
