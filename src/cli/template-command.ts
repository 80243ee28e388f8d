import { cliMessage } from '../diagnostics/render.js';
import type { TemplateId } from '../model/types.js';
import type { Locale } from '../rules/catalogue-types.js';
import { blankDocument, isTextFormat, writeReport, type WriteFormat, type WriteOptions } from '../write/index.js';
import type { CliIO } from './io.js';
import { writeErrorLine } from './write-error.js';

/** The formats `xxgk-lint template --format` takes: the writers' formats, and CSV in the long form. */
export const TEMPLATE_FORMATS = ['xlsx', 'docx', 'csv', 'csv-long', 'json', 'md'] as const;

/** One of TEMPLATE_FORMATS. */
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

interface TemplateFlags {
  outputFile?: string;
  format?: TemplateFormat;
  year?: number;
  agency?: string;
  locale: Locale;
}

/** The format a file name asks for: its extension (.long.csv for the long form), or undefined. */
export function templateFormatOf(file: string): TemplateFormat | undefined {
  const name = file.toLowerCase();
  if (name.endsWith('.long.csv')) return 'csv-long';
  if (name.endsWith('.markdown')) return 'md';
  const extension = name.slice(name.lastIndexOf('.') + 1);
  return (TEMPLATE_FORMATS as readonly string[]).includes(extension) && extension !== 'csv-long'
    ? (extension as TemplateFormat)
    : undefined;
}

/**
 * Writes an empty report of a template (every table, row and column, blank values, a place for the agency and year)
 * to a file, in the format --format names or the file's extension says; a text format goes to standard output when
 * no file is named. --year and --agency fill the title. Returns the exit code: 0 written, 2 usage or write error.
 */
export async function templateCommand(template: TemplateId, flags: TemplateFlags, io: CliIO): Promise<number> {
  const format = flags.format ?? (flags.outputFile ? templateFormatOf(flags.outputFile) : 'json');
  if (!format) {
    io.stderr(`xxgk-lint: ${cliMessage('template-unknown-format', flags.locale, { file: flags.outputFile ?? '' })}\n`);
    return 2;
  }
  const writeFormat: WriteFormat = format === 'csv-long' ? 'csv' : format;
  const options: WriteOptions = format === 'csv-long' ? { csv: 'long' } : {};
  const document = blankDocument(template);
  if (flags.year !== undefined) document.year = flags.year;
  if (flags.agency !== undefined) document.agency = flags.agency;
  if (!flags.outputFile && !isTextFormat(writeFormat)) {
    io.stderr(`xxgk-lint: ${cliMessage('template-binary-to-stdout', flags.locale, { format })}\n`);
    return 2;
  }
  const bytes = await writeReport(orderedDocument(document), writeFormat, options);
  if (!flags.outputFile) {
    io.stdout(new TextDecoder().decode(bytes));
    return 0;
  }
  try {
    await io.writeFile(flags.outputFile, bytes);
    return 0;
  } catch (error) {
    io.stderr(writeErrorLine(flags.outputFile, error, flags.locale));
    return 2;
  }
}

/** The document with its keys in the canonical order (template, year, agency, tables, narrative), whatever was set last. */
function orderedDocument(document: ReturnType<typeof blankDocument>): ReturnType<typeof blankDocument> {
  const { template, year, agency, active, applications, reviewLitigation, narrative } = document;
  return {
    template,
    ...(year !== undefined ? { year } : {}),
    agency,
    active,
    applications,
    reviewLitigation,
    narrative,
  };
}
