import { cliMessage, describeCell, renderFileError, renderMessage } from '../diagnostics/render.js';
import { cellMarks, pointerOf } from '../diagnostics/cell-marks.js';
import type { FileResult, Location, LintResults, Summary } from '../diagnostics/types.js';
import { getTemplate } from '../model/template.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import { formatPlace } from './location.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';
import { appendAll } from '../model/arrays.js';

/** GitHub shows about this many annotations of each kind per step; the rest are only counted. */
export const DEFAULT_ANNOTATION_LIMIT = 10;
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};
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
      return more > 0
        ? `xxgk-lint: ${cliMessage('github-more', options.locale, { count: more, errors: hidden.error, warnings: hidden.warning, infos: hidden.info })}\n`
        : '';
    },
  };
};

/** The github format over whole results. */
export const github = wholeFromStream(githubStream);

/** Reports whose marked tables the step summary draws (GitHub allows 1 MiB of summary per step). */
const MARKED_FILES = 10;

const SUMMARY_UI: Record<Locale, { tables: string; legend: string; more: string }> = {
  'zh-CN': {
    tables: '标出问题的表格',
    legend: '🔴 错误　🟡 警告　🔵 提示；斜体：参与了出错算式的其他单元格。只列出有错误或警告的行。',
    more: '另有 {count} 个文件有问题，表格未画出',
  },
  en: {
    tables: 'Marked tables',
    legend:
      '🔴 error　🟡 warning　🔵 info; italics: the other cells of a failed sum. Only the rows with an error or a warning are shown.',
    more: '{count} more file(s) with findings whose tables are not drawn',
  },
};
const MARK: Record<Severity, string> = { error: '🔴', warning: '🟡', info: '🔵' };

/** What the step summary builds as files finish: at most SUMMARY_ROWS finding rows (most severe first) and MARKED_FILES files' marked tables. */
export interface GithubSummaryStream {
  file(result: FileResult): void;
  end(summary: Summary): string;
}

/**
 * The Markdown for $GITHUB_STEP_SUMMARY, built as files finish and kept bounded: the counts; the marked tables of the
 * first reports with findings on cells (each table's rows that hold a marked cell, the wrong cells bold with their
 * severity, the other terms of a failed sum in italics); then one row per finding, most severe first.
 */
export function githubSummaryStream(options: FormatOptions): GithubSummaryStream {
  const { locale } = options;
  const rows: Annotation[] = [];
  let findings = 0;
  const tables: string[] = [];
  let undrawn = 0;
  return {
    file(result) {
      for (const annotation of fileAnnotations(result, options)) {
        findings += 1;
        keepMostSevere(rows, annotation);
      }
      const drawn = markedTables(result, locale);
      if (drawn === undefined) return;
      if (tables.length < MARKED_FILES) tables.push(drawn);
      else undrawn += 1;
    },
    end(summary) {
      const severity = (value: Severity): string => cliMessage(`severity-${value}`, locale);
      const lines = [`### ${cliMessage('md-title', locale)}`, ''];
      lines.push(
        `| ${cliMessage('md-file', locale)} | ${severity('error')} | ${severity('warning')} | ${severity('info')} | ${cliMessage('md-suppressed', locale)} | ${cliMessage('md-unreadable', locale)} |`,
      );
      lines.push('|---|---:|---:|---:|---:|---:|');
      lines.push(
        `| ${summary.files} | ${summary.errors} | ${summary.warnings} | ${summary.infos} | ${summary.suppressed} | ${summary.inputErrors} |`,
      );
      if (tables.length > 0) {
        lines.push('', `#### ${SUMMARY_UI[locale].tables}`, '', SUMMARY_UI[locale].legend, '');
        appendAll(lines, tables);
        if (undrawn > 0) lines.push(fill(SUMMARY_UI[locale].more, undrawn), '');
      }
      if (rows.length > 0) {
        if (lines[lines.length - 1] !== '') lines.push('');
        lines.push(
          `| ${cliMessage('md-file', locale)} | ${cliMessage('md-place', locale)} | ${cliMessage('md-severity', locale)} | ${cliMessage('md-rule', locale)} | ${cliMessage('md-message', locale)} |`,
          '|---|---|---|---|---|',
        );
        for (const annotation of rows) {
          lines.push(
            `| ${cell(annotation.location.file)} | ${cell(formatPlace(annotation.location, locale))} | ${severity(annotation.severity)} | \`${annotation.title}\` | ${cell(annotation.message)} |`,
          );
        }
        if (findings > rows.length)
          lines.push('', cliMessage('md-more-rows', locale, { count: findings - rows.length }));
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

/** The step summary over whole results. */
export function githubSummary(results: LintResults, options: FormatOptions): string {
  const stream = githubSummaryStream(options);
  for (const file of results.files) stream.file(file);
  return stream.end(results.summary);
}

/** Keeps the first SUMMARY_ROWS annotations in (severity, arrival) order: a more severe one evicts the latest of the least severe. */
function keepMostSevere(rows: Annotation[], annotation: Annotation): void {
  const at = rows.findIndex((row) => ORDER[row.severity] > ORDER[annotation.severity]);
  if (rows.length >= SUMMARY_ROWS) {
    if (at === -1) return;
    rows.pop();
  }
  if (at === -1) rows.push(annotation);
  else rows.splice(at, 0, annotation);
}

/** A file's marked tables in Markdown (the rows with a wrong cell: an unsuppressed error or warning), or undefined when it has none. */
function markedTables(file: FileResult, _locale: Locale): string | undefined {
  if (!file.template) return undefined;
  const shown = file.diagnostics.filter((diagnostic) => !diagnostic.suppressed);
  const marks = cellMarks(shown);
  const worst = (indices: readonly number[]): Severity | undefined =>
    indices
      .map((index) => shown[index]!.severity)
      .reduce<Severity | undefined>(
        (top, next) => (top === undefined || ORDER[next] < ORDER[top] ? next : top),
        undefined,
      );
  const failing = (pointer: string): boolean => {
    const severity = worst(marks.get(pointer)?.primary ?? []);
    return severity === 'error' || severity === 'warning';
  };
  if (![...marks.keys()].some(failing)) return undefined;
  const template = getTemplate(file.template);
  const lines = [`##### ${cell(file.file)}`, ''];
  for (const table of template.def.tables) {
    const rowKeys = template
      .rowKeys(table.key)
      .filter((row) =>
        template.columnKeys(table.key, row).some((column) => failing(pointerOf({ table: table.key, row, column }))),
      );
    // Rows of one table can have their own columns (表二's sections): one Markdown table per run of rows with the same columns.
    let header = '';
    for (const row of rowKeys) {
      const columns = template.columnKeys(table.key, row);
      const next = `| ${cell(table.label)} | ${columns.map((column) => cell(template.columnLabel(table.key, column))).join(' | ')} |`;
      if (next !== header) {
        if (header) lines.push('');
        header = next;
        lines.push(header, `|---|${columns.map(() => '---:').join('|')}|`);
      }
      const values = columns.map((column) => {
        const pointer = pointerOf({ table: table.key, row, column });
        const raw =
          file.cells?.[pointer]?.raw ??
          shown.find((diagnostic) => diagnostic.cell && pointerOf(diagnostic.cell) === pointer)?.raw;
        const text = raw === undefined || raw === null || raw === '' ? '·' : cell(String(raw));
        const mark = marks.get(pointer);
        const severity = mark ? worst(mark.primary) : undefined;
        if (severity) return `**${text}** ${MARK[severity]}`;
        return mark && mark.related.length > 0 ? `_${text}_` : text;
      });
      lines.push(`| ${cell(template.rowLabel(table.key, row))} | ${values.join(' | ')} |`);
    }
    if (header) lines.push('');
  }
  return lines.join('\n');
}

function fill(text: string, count: number): string {
  return text.replace('{count}', String(count));
}

function fileAnnotations(file: FileResult, options: FormatOptions): Annotation[] {
  const annotations: Annotation[] = [];
  if (file.error)
    annotations.push({
      severity: 'error',
      location: file.error.location,
      title: `${file.error.kind}-error`,
      message: renderFileError(file.error, options.locale),
    });
  for (const diagnostic of file.diagnostics) {
    if (diagnostic.suppressed) continue;
    annotations.push({
      severity: diagnostic.severity,
      location: diagnostic.location,
      title: diagnostic.cell
        ? `${diagnostic.ruleId} ${describeCell(diagnostic.cell, options.locale)}`
        : diagnostic.ruleId,
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
