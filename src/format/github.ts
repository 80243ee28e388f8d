import { cliMessage, describeCell, renderFileError, renderMessage } from '../diagnostics/render.js';
import type { FileResult, Location, LintResults } from '../diagnostics/types.js';
import type { Severity } from '../rules/catalogue-types.js';
import { formatPlace } from './location.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';

/** GitHub shows about this many annotations of each kind per step; the rest are only counted. */
export const DEFAULT_ANNOTATION_LIMIT = 10;
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SUMMARY_ROWS = 200;

interface Annotation {
  severity: Severity;
  location: Location;
  title: string;
  message: string;
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), written as files finish: each
 * file's errors, then its warnings, then its notices, up to the limit of each kind over the run; a last line counts
 * what did not fit.
 */
export const githubStream: StreamFormatter = (options: FormatOptions) => {
  const limit = options.annotationLimit ?? DEFAULT_ANNOTATION_LIMIT;
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const hidden: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  return {
    begin: () => '',
    file: (file: FileResult) => {
      let text = '';
      for (const annotation of fileAnnotations(file, options).sort((a, b) => ORDER[a.severity] - ORDER[b.severity])) {
        if (shown[annotation.severity] >= limit) {
          hidden[annotation.severity] += 1;
          continue;
        }
        shown[annotation.severity] += 1;
        text += `${command(annotation)}\n`;
      }
      return text;
    },
    end: () => {
      const more = hidden.error + hidden.warning + hidden.info;
      return more > 0 ? `xxgk-lint: ${cliMessage('github-more', options.locale, { count: more, errors: hidden.error, warnings: hidden.warning, infos: hidden.info })}\n` : '';
    },
  };
};

/** The github format over whole results. */
export const github = wholeFromStream(githubStream);

/** The Markdown for $GITHUB_STEP_SUMMARY: the counts, then one table row per finding (most severe first). */
export function githubSummary(results: LintResults, options: FormatOptions): string {
  const { locale } = options;
  const { summary } = results;
  const severity = (value: Severity): string => cliMessage(`severity-${value}`, locale);
  const lines = [`### ${cliMessage('md-title', locale)}`, ''];
  lines.push(`| ${cliMessage('md-file', locale)} | ${severity('error')} | ${severity('warning')} | ${severity('info')} | ${cliMessage('md-suppressed', locale)} | ${cliMessage('md-unreadable', locale)} |`);
  lines.push('|---|---:|---:|---:|---:|---:|');
  lines.push(`| ${summary.files} | ${summary.errors} | ${summary.warnings} | ${summary.infos} | ${summary.suppressed} | ${summary.inputErrors} |`);
  const annotations = collect(results, options).sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  if (annotations.length > 0) {
    lines.push('', `| ${cliMessage('md-file', locale)} | ${cliMessage('md-place', locale)} | ${cliMessage('md-severity', locale)} | ${cliMessage('md-rule', locale)} | ${cliMessage('md-message', locale)} |`, '|---|---|---|---|---|');
    for (const annotation of annotations.slice(0, SUMMARY_ROWS)) {
      lines.push(`| ${cell(annotation.location.file)} | ${cell(formatPlace(annotation.location, locale))} | ${severity(annotation.severity)} | \`${annotation.title}\` | ${cell(annotation.message)} |`);
    }
    if (annotations.length > SUMMARY_ROWS) lines.push('', cliMessage('md-more-rows', locale, { count: annotations.length - SUMMARY_ROWS }));
  }
  return `${lines.join('\n')}\n`;
}

function collect(results: LintResults, options: FormatOptions): Annotation[] {
  return results.files.flatMap((file) => fileAnnotations(file, options));
}

function fileAnnotations(file: FileResult, options: FormatOptions): Annotation[] {
  const annotations: Annotation[] = [];
  if (file.error) annotations.push({ severity: 'error', location: file.error.location, title: `${file.error.kind}-error`, message: renderFileError(file.error, options.locale) });
  for (const diagnostic of file.diagnostics) {
    if (diagnostic.suppressed) continue;
    annotations.push({
      severity: diagnostic.severity,
      location: diagnostic.location,
      title: diagnostic.cell ? `${diagnostic.ruleId} ${describeCell(diagnostic.cell, options.locale)}` : diagnostic.ruleId,
      message: renderMessage(diagnostic, options.locale),
    });
  }
  return annotations;
}

function command(annotation: Annotation): string {
  const { location } = annotation;
  const properties = [`file=${escapeProperty(location.file)}`];
  if (location.line !== undefined && location.page === undefined) {
    properties.push(`line=${location.line}`);
    if (location.column !== undefined) properties.push(`col=${location.column}`);
  }
  properties.push(`title=${escapeProperty(annotation.title)}`);
  const place = location.line !== undefined && location.page === undefined ? '' : formatPlace(location, 'en');
  const message = place ? `(${place}) ${annotation.message}` : annotation.message;
  return `::${COMMAND[annotation.severity]} ${properties.join(',')}::${escapeData(message)}`;
}

/** Escapes a workflow command's message (as @actions/core does). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (as @actions/core does). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
