import { cellMarks, type CellMarks } from '../diagnostics/cell-marks.js';
import { groupFindings, type FindingEntry } from '../diagnostics/group.js';
import { cliMessage, describeValue, formatNumber, renderFileError, renderMessage } from '../diagnostics/render.js';
import {
  addToSummary,
  emptySummary,
  type Diagnostic,
  type FileResult,
  type RuleRun,
  type Summary,
} from '../diagnostics/types.js';
import { getTemplate, type CompiledTemplate } from '../model/template.js';
import type { Evidence, RawValue, ReportDocument, TableKey } from '../model/types.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import { findRule } from '../rules/catalogue.js';
import { layoutTables, type LayoutCell, type LayoutTable } from '../write/layout.js';
import { formatPlace } from './location.js';
import type { FormatOptions, StreamFormatter } from './types.js';
import { wholeFromStream } from './types.js';
import { withFields } from '../model/objects.js';

const UI: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    title: '政府信息公开工作年度报告检查结果',
    template: '模板',
    year: '年度',
    agency: '机关',
    rules: '规则',
    findings: '全部问题',
    status: '结果',
    description: '说明',
    passed: '通过',
    failed: '未通过',
    notes: '通过（有提示）',
    waived: '通过（问题已豁免）',
    'not-evaluated': '未核对',
    expected: '应为',
    actual: '实际',
    difference: '相差',
    text: '正文',
    table: '表格',
    suppressed: '已豁免',
    noFindings: '未发现问题。',
    noTemplate: '未能确定模板，表格无法绘制。',
    legend: '红色：错误；黄色：警告；蓝色：提示；虚线：参与了出错的算式。点击或悬停单元格查看问题。',
    other: '不针对单个单元格的问题',
    each: '逐条查看',
    close: '关闭',
    inferred: '推断：原文未标明此格位置，按本行总计推断',
    blank: '留空：按 0 计',
    legacy: '旧模板的行',
  },
  en: {
    title: 'Government information disclosure annual report: lint results',
    template: 'Template',
    year: 'Year',
    agency: 'Agency',
    rules: 'Rules',
    findings: 'All findings',
    status: 'Result',
    description: 'Description',
    passed: 'passed',
    failed: 'failed',
    notes: 'passed (with notes)',
    waived: 'passed (findings suppressed)',
    'not-evaluated': 'not evaluated',
    expected: 'expected',
    actual: 'actual',
    difference: 'difference',
    text: 'text',
    table: 'table',
    suppressed: 'suppressed',
    noFindings: 'No problems found.',
    noTemplate: 'No template could be decided, so the tables cannot be drawn.',
    legend:
      'Red: error; yellow: warning; blue: info; dashed: a term of a failed sum. Click or hover over a cell to see its findings.',
    other: 'Findings that concern no single cell',
    each: 'Show each',
    close: 'Close',
    inferred: "inferred: the original does not mark this cell's place; placed by the row's total",
    blank: 'blank: counted as 0',
    legacy: "an older template's row",
  },
};

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** What the page's script shows of one finding in a cell's popup. */
interface PageFinding {
  severity: Severity;
  /** The severity in the page's language (错误 / 警告 / 提示). */
  severityText: string;
  ruleId: string;
  message: string;
  /** What a table cell's popup says instead of the message (a narrative mismatch: the text and the table differ). */
  cellMessage?: string;
  place: string;
  expected?: string;
  actual?: string;
  difference?: string;
  /** A narrative mismatch: the figure the text gives and the one the table holds. */
  textFigure?: string;
  tableFigure?: string;
  /** The sentence a narrative finding concerns. */
  sentence?: string;
  suppressed?: string;
}

/**
 * One self-contained HTML page (no network): each report's tables drawn as its template lays them out (the rows the
 * report printed, an older template's row included and marked), wrong cells highlighted, findings on hover, click or
 * focus, many findings of one kind summarised, and the rule list. Fonts: the system's CJK sans-serif (PingFang SC,
 * Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei), then sans-serif; the
 * page is lang="zh-CN" so a browser picks its own Chinese fallback. Prints on A4 with the marks kept.
 */
export const htmlStream: StreamFormatter = (options: FormatOptions) => {
  const { locale } = options;
  const ui = UI[locale];
  // The table of contents is drawn after the reports (it needs the whole run) and shown first by CSS. It is all the page
  // keeps: each file's name and three counts (or its input error), drawn at the end.
  const contents = new Contents();
  return {
    begin: () => `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(ui['title']!)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(ui['title']!)}</h1>
<p class="legend">${escapeHtml(ui['legend']!)}</p>
</header>
<main>
`,
    file: (file: FileResult) => {
      const index = contents.add(file);
      const findings = file.diagnostics.map((diagnostic) => pageFinding(diagnostic, locale));
      return `${section(file, index, findings, locale)}\n<script type="application/json" class="xxgk-findings" data-file="${index}">${jsonForScript(findings)}</script>\n`;
    },
    end: (summary: Summary) => {
      const problems = summary.errors + summary.warnings + summary.infos;
      const summaryParts = [
        problems > 0
          ? cliMessage('summary-problems', locale, {
              problems,
              errors: summary.errors,
              warnings: summary.warnings,
              infos: summary.infos,
            })
          : cliMessage('summary-clean', locale),
        cliMessage('summary-files', locale, { files: summary.files }),
        ...(summary.suppressed > 0 ? [`${ui['suppressed']} ${summary.suppressed}`] : []),
        ...(summary.notEvaluated > 0
          ? [cliMessage('summary-not-evaluated', locale, { count: summary.notEvaluated })]
          : []),
        ...(summary.inputErrors > 0
          ? [cliMessage('summary-input-errors', locale, { count: summary.inputErrors })]
          : []),
      ];
      return `</main>
<div class="overview">
<p class="summary">${escapeHtml(summaryParts.join(locale === 'en' ? '; ' : '；'))}</p>
<nav><ul>
${contents.draw(locale)}
</ul></nav>
</div>
<div id="popup" role="dialog" aria-live="polite" hidden><button type="button" class="close" aria-label="${escapeHtml(ui['close']!)}">×</button><div class="body"></div></div>
<script type="application/json" id="xxgk-ui">${jsonForScript({ expected: ui['expected'], actual: ui['actual'], difference: ui['difference'], text: ui['text'], table: ui['table'], suppressed: ui['suppressed'] })}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
    },
  };
};

/** The HTML report over whole results. */
export const html = wholeFromStream(htmlStream);

function severityText(severity: Severity, locale: Locale): string {
  return cliMessage(`severity-${severity}`, locale);
}

/** The table of contents: each file's name and how many findings it has of each severity, or its input error. */
class Contents {
  private readonly names: string[] = [];
  /** Three numbers a file: its shown errors, warnings and infos. */
  private readonly tallies: number[] = [];
  private readonly inputErrors = new Map<number, string>();

  /** Adds a file; returns its index on the page. */
  add(file: FileResult): number {
    const index = this.names.push(file.file) - 1;
    if (file.error) this.inputErrors.set(index, file.error.messageId);
    const tally = emptySummary();
    addToSummary(tally, file);
    this.tallies.push(tally.errors, tally.warnings, tally.infos);
    return index;
  }

  draw(locale: Locale): string {
    return this.names
      .map((name, index) => `<li><a href="#file-${index}">${escapeHtml(name)}</a> ${this.badges(index, locale)}</li>`)
      .join('\n');
  }

  private badges(index: number, locale: Locale): string {
    const inputError = this.inputErrors.get(index);
    if (inputError !== undefined) return `<span class="badge error">${escapeHtml(inputError)}</span>`;
    return SEVERITIES.map((severity, offset) => [severity, this.tallies[index * 3 + offset]!] as const)
      .filter(([, count]) => count > 0)
      .map(
        ([severity, count]) =>
          `<span class="badge ${severity}" title="${escapeHtml(severityText(severity, locale))}">${escapeHtml(severityText(severity, locale))} ${count}</span>`,
      )
      .join(' ');
  }
}

const SEVERITIES = ['error', 'warning', 'info'] as const;

function section(file: FileResult, index: number, findings: PageFinding[], locale: Locale): string {
  const ui = UI[locale];
  const parts: string[] = [
    `<section class="report" id="file-${index}" data-file="${index}">`,
    `<h2>${escapeHtml(file.file)}</h2>`,
  ];
  const facts = [
    file.template ? `${ui['template']} ${file.template}` : '',
    file.year !== undefined ? `${ui['year']} ${file.year}` : '',
    file.agency ? `${ui['agency']} ${file.agency}` : '',
  ].filter(Boolean);
  if (facts.length > 0) parts.push(`<p class="facts">${escapeHtml(facts.join(' · '))}</p>`);
  if (file.error) {
    const place = formatPlace(file.error.location, locale);
    parts.push(
      `<p class="file-error">${escapeHtml(`${place ? `${place}: ` : ''}${renderFileError(file.error, locale)}`)}</p>`,
      '</section>',
    );
    return parts.join('\n');
  }
  const marks = cellMarks(file.diagnostics);
  const template = file.template ? getTemplate(file.template) : undefined;
  if (template) {
    for (const table of printedTables(file, template)) parts.push(drawTable(table, file, marks, template, locale));
  } else {
    parts.push(`<p class="note">${escapeHtml(ui['noTemplate']!)}</p>`);
  }
  const entries = groupFindings(file.diagnostics);
  const uncelled = entries.filter((entry) => entry.kind === 'group' || !file.diagnostics[entry.index]!.cell);
  if (uncelled.length > 0) {
    parts.push(`<h3>${escapeHtml(ui['other']!)}</h3>`, '<ul class="uncelled">');
    for (const entry of uncelled) parts.push(entryItem(entry, file, findings, index, template, locale, false));
    parts.push('</ul>');
  }
  parts.push(`<h3>${escapeHtml(ui['rules']!)}</h3>`, `<div class="scroll">${ruleTable(file, locale)}</div>`);
  parts.push(
    `<details class="all"${findings.length > 0 ? ' open' : ''}><summary>${escapeHtml(ui['findings']!)} (${findings.length})</summary>`,
  );
  parts.push(
    findings.length === 0
      ? `<p>${escapeHtml(ui['noFindings']!)}</p>`
      : `<ol class="findings">${entries.map((entry) => entryItem(entry, file, findings, index, template, locale, true)).join('\n')}</ol>`,
  );
  parts.push('</details>', '</section>');
  return parts.join('\n');
}

/** A finding's list item, or for many of one kind one item with the count and the first places, the others behind a toggle. */
function entryItem(
  entry: FindingEntry,
  file: FileResult,
  findings: PageFinding[],
  fileIndex: number,
  template: CompiledTemplate | undefined,
  locale: Locale,
  anchored: boolean,
): string {
  if (entry.kind === 'single') return findingItem(findings[entry.index]!, fileIndex, entry.index, anchored);
  const ui = UI[locale];
  const first = findings[entry.first[0]!]!;
  const rule = findRule(entry.ruleId);
  const summary = cliMessage('html-group', locale, {
    description: rule?.description[locale] ?? entry.ruleId,
    count: entry.count,
    section: sectionLabel(entry.section, template, locale),
    shown: entry.first.length,
    places: entry.first.map((index) => findings[index]!.place).join(locale === 'en' ? ', ' : '、'),
  });
  const classes = `group sev-${entry.severity}${first.suppressed ? ' suppressed' : ''}`;
  const members = entry.indices.map((index) => findingItem(findings[index]!, fileIndex, index, anchored)).join('\n');
  return `<li class="${classes}"><span class="badge ${entry.severity}">${escapeHtml(first.severityText)}</span> ${escapeHtml(summary)} <code>${escapeHtml(entry.ruleId)}</code>${quote(first.sentence)}<details><summary>${escapeHtml(ui['each']!)} (${entry.count})</summary><ol>${members}</ol></details></li>`;
}

function sectionLabel(section: string | undefined, template: CompiledTemplate | undefined, locale: Locale): string {
  if (section === undefined) return locale === 'en' ? 'the report' : '全文';
  const def = (template ?? getTemplate('2021')).def;
  return (
    def.sections.find((candidate) => candidate.key === section)?.label ??
    def.tables.find((table) => table.key === section)?.label ??
    section
  );
}

function quote(sentence: string | undefined): string {
  return sentence ? `<blockquote class="quote">${escapeHtml(sentence)}</blockquote>` : '';
}

function findingItem(finding: PageFinding, file: number, index: number, anchored: boolean): string {
  const classes = `sev-${finding.severity}${finding.suppressed ? ' suppressed' : ''}`;
  return `<li${anchored ? ` id="f-${file}-${index}"` : ''} class="${classes}"><span class="place">${escapeHtml(finding.place)}</span> <span class="badge ${finding.severity}">${escapeHtml(finding.severityText)}</span> ${escapeHtml(finding.message)} <code>${escapeHtml(finding.ruleId)}</code>${finding.suppressed ? ` <em>(${escapeHtml(finding.suppressed)})</em>` : ''}${quote(finding.sentence)}</li>`;
}

/**
 * How a rule is shown: failed only when it has an unsuppressed finding at error or warning level; a rule whose
 * findings are all infos passed with notes, and one whose findings are all suppressed passed with them waived.
 */
export function shownStatus(
  run: RuleRun,
  diagnostics: readonly Diagnostic[],
): 'passed' | 'failed' | 'not-evaluated' | 'notes' | 'waived' {
  if (run.status !== 'failed') return run.status;
  const own = diagnostics.filter((diagnostic) => diagnostic.ruleId === run.id);
  const open = own.filter((diagnostic) => !diagnostic.suppressed);
  if (open.some((diagnostic) => diagnostic.severity === 'error' || diagnostic.severity === 'warning')) return 'failed';
  if (open.length > 0) return 'notes';
  return own.length > 0 ? 'waived' : 'failed';
}

function ruleTable(file: FileResult, locale: Locale): string {
  const ui = UI[locale];
  const rows = file.rules.map((run) => {
    const rule = findRule(run.id);
    const status = shownStatus(run, file.diagnostics);
    return `<tr class="status-${status}"><td><code>${escapeHtml(run.id)}</code></td><td>${escapeHtml(ui[status] ?? status)}</td><td>${escapeHtml(rule?.description[locale] ?? '')}</td></tr>`;
  });
  return `<table class="rules"><thead><tr><th>${escapeHtml(ui['rules']!)}</th><th>${escapeHtml(ui['status']!)}</th><th>${escapeHtml(ui['description']!)}</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** A table as drawn: its layout and, for each value place, the template cell (pointer) whose snapshot and findings it shows. */
interface PrintedTable {
  layout: LayoutTable;
  /** Value keys as the layout names them (table/row/column) → the template cell's pointer. */
  pointers: Map<string, string>;
  /** Legacy row keys drawn, with the label the report printed. */
  legacy: Map<string, string>;
}

/**
 * The tables as the report printed them: the template's layout over the values read, with an older template's row in
 * place of the rows it stands for when the values were read from it (a 2021 report printing 2019's （六）其他处理).
 */
function printedTables(file: FileResult, template: CompiledTemplate): PrintedTable[] {
  const document: ReportDocument = { template: template.id };
  const pointers = new Map<string, string>();
  for (const cell of template.cells) {
    const snapshot = file.cells?.[cell.pointer];
    const source = snapshot?.source ?? cell.pointer;
    const [, table, row, column] = source.split('/');
    if (!table || !row || !column) continue;
    pointers.set(`${table}/${row}/${column}`, cell.pointer);
    if (!snapshot) continue;
    const rows = (document[table as TableKey] ??= {});
    (rows[row] ??= {})[column] = snapshot.raw;
  }
  return layoutTables(template.id, document).map((layout) => {
    const legacy = new Map<string, string>();
    for (const entry of template.table(layout.key).legacyRows ?? [])
      if (document[layout.key]?.[entry.key]) legacy.set(entry.key, entry.label);
    return { layout, pointers, legacy };
  });
}

function drawTable(
  table: PrintedTable,
  file: FileResult,
  marks: Map<string, CellMarks>,
  template: CompiledTemplate,
  locale: Locale,
): string {
  const { layout } = table;
  const legacyFindings = legacyRowFindings(file.diagnostics, table);
  const lines = [
    `<h3>${escapeHtml(layout.heading)}</h3>`,
    `<div class="scroll"><table class="grid" data-table="${layout.key}" data-template="${template.id}">`,
  ];
  for (const row of layout.rows) {
    const legacyKey = row.find((cell) => cell.value && table.legacy.has(cell.value.row))?.value?.row;
    const cells = row.map((cell) =>
      cell.value
        ? drawCell(cell, table, file, marks, template, locale)
        : drawLabel(cell, legacyKey, legacyFindings, template, locale),
    );
    lines.push(`<tr${legacyKey ? ' class="legacy"' : ''}>${cells.join('')}</tr>`);
  }
  lines.push('</table></div>');
  return lines.join('\n');
}

/** The findings about an older template's row the report printed (mixed-template), by the row's label. */
function legacyRowFindings(diagnostics: readonly Diagnostic[], table: PrintedTable): number[] {
  const labels = new Set(table.legacy.values());
  return diagnostics.flatMap((diagnostic, index) =>
    diagnostic.ruleId === 'mixed-template' &&
    typeof diagnostic.data['row'] === 'string' &&
    labels.has(diagnostic.data['row'])
      ? [index]
      : [],
  );
}

function spans(cell: LayoutCell): string {
  return `${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}`;
}

function drawLabel(
  cell: LayoutCell,
  legacyKey: string | undefined,
  legacyFindings: readonly number[],
  template: CompiledTemplate,
  locale: Locale,
): string {
  if (
    legacyKey &&
    cell.text !== '' &&
    template.def.tables.some((table) =>
      table.legacyRows?.some((legacy) => legacy.key === legacyKey && legacy.label === cell.text),
    )
  ) {
    const legacy = template.def.tables
      .flatMap((table) => table.legacyRows ?? [])
      .find((entry) => entry.key === legacyKey)!;
    const table = template.def.tables.find((candidate) => candidate.legacyRows?.includes(legacy))!;
    const instead = legacy.standsFor
      .map((key) => `「${table.rows.find((row) => row.key === key)?.label ?? key}」`)
      .join('');
    const other = template.id === '2021' ? '2019' : '2021';
    const note = cliMessage('html-legacy-row', locale, { other, label: legacy.label, template: template.id, instead });
    const findings = legacyFindings.length > 0 ? ` data-findings="${legacyFindings.join(' ')}" tabindex="0"` : '';
    return `<th scope="row" class="label legacy"${spans(cell)}${findings} title="${escapeHtml(note)}">${escapeHtml(cell.text)}<span class="legacy-note">${escapeHtml(UI[locale]['legacy']!)}</span></th>`;
  }
  return `<th class="label"${spans(cell)}>${escapeHtml(cell.text)}</th>`;
}

function drawCell(
  cell: LayoutCell,
  table: PrintedTable,
  file: FileResult,
  marks: Map<string, CellMarks>,
  template: CompiledTemplate,
  locale: Locale,
): string {
  const key = `${cell.value!.table}/${cell.value!.row}/${cell.value!.column}`;
  const pointer = table.pointers.get(key) ?? `/${key}`;
  const columnLabel = template.columnLabel(cell.value!.table, cell.value!.column);
  const snapshot = file.cells?.[pointer];
  const mark = marks.get(pointer);
  const classes = ['cell'];
  let attributes = ` data-pointer="${escapeHtml(pointer)}"`;
  let title = columnLabel;
  if (snapshot === undefined) classes.push('absent');
  else if (snapshot.evidence) {
    // A blank or inferred cell is drawn as such, so the page never shows an inferred figure as if it were printed there.
    classes.push(snapshot.evidence);
    attributes += ` data-evidence="${snapshot.evidence}"`;
    title = `${columnLabel}（${UI[locale][snapshot.evidence]}）`;
  }
  if (mark) {
    const primary = mark.primary.map((i) => file.diagnostics[i]!).filter((diagnostic) => !diagnostic.suppressed);
    const worst = primary.reduce<Severity | undefined>(
      (top, diagnostic) =>
        top === undefined || SEVERITY_RANK[diagnostic.severity] > SEVERITY_RANK[top] ? diagnostic.severity : top,
      undefined,
    );
    if (worst) classes.push(`finding-${worst}`);
    else if (mark.primary.length > 0) classes.push('finding-suppressed');
    if (mark.related.length > 0) classes.push('related');
    const all = [...new Set([...mark.primary, ...mark.related])].sort((a, b) => a - b);
    attributes += ` data-findings="${all.join(' ')}" tabindex="0"`;
  }
  return `<td class="${classes.join(' ')}"${spans(cell)}${attributes} title="${escapeHtml(title)}">${escapeHtml(showRaw(snapshot?.raw))}</td>`;
}

function showRaw(raw: RawValue | undefined): string {
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'number' ? String(raw) : raw;
}

function pageFinding(diagnostic: Diagnostic, locale: Locale): PageFinding {
  const number = (key: string): string | undefined => {
    const value = diagnostic.data[key];
    return typeof value === 'number'
      ? formatNumber(value)
      : typeof value === 'string' && key !== 'operator'
        ? value
        : undefined;
  };
  const sentence = typeof diagnostic.data['sentence'] === 'string' ? diagnostic.data['sentence'] : undefined;
  const base = {
    severity: diagnostic.severity,
    severityText: severityText(diagnostic.severity, locale),
    ruleId: diagnostic.ruleId,
    message: renderMessage(diagnostic, locale),
    place: formatPlace(diagnostic.location, locale),
    ...(sentence !== undefined ? { sentence } : {}),
    ...(diagnostic.suppressed ? { suppressed: diagnostic.suppressed.reason } : {}),
  };
  if (diagnostic.ruleId === 'narrative-figures' && diagnostic.messageId === 'mismatch') {
    // On the table cell, the finding says the text and the table differ: either may be the one that is wrong.
    const figure = number('figure') ?? '';
    const actual = number('actual') ?? '';
    const cellMessage = cliMessage('html-narrative-cell', locale, {
      quote: textOf(diagnostic.data['quote']),
      figure,
      actual,
    });
    return withFields(base, { cellMessage, textFigure: figure, tableFigure: actual });
  }
  const expected = number('expected');
  // The actual value of one cell is shown by its evidence (留空（按 0 计）, 5（推断）); a sum of several cells as a number.
  const evidence =
    diagnostic.evidence ??
    (typeof diagnostic.data['evidence'] === 'string' ? (diagnostic.data['evidence'] as Evidence) : undefined);
  const leftTerms = diagnostic.data['leftTerms'];
  const oneCell = !Array.isArray(leftTerms) || leftTerms.length === 1;
  const actualValue = diagnostic.data['actual'];
  const actual =
    evidence && evidence !== 'read' && oneCell && typeof actualValue === 'number'
      ? describeValue(evidence, actualValue, locale)
      : number('actual');
  const difference = number('difference');
  const finding: PageFinding = base;
  if (expected !== undefined) finding.expected = expected;
  if (actual !== undefined) finding.actual = actual;
  if (difference !== undefined) finding.difference = difference;
  return finding;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON that is safe inside a script element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The CJK sans-serif fonts of macOS, Windows and Linux, then the generic family: nothing is downloaded. */
const FONT_STACK =
  'system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif';

const STYLE = `
:root{--error:#c62828;--error-bg:#fde0dc;--warning:#8a5a00;--warning-bg:#fff4cc;--info:#1565c0;--info-bg:#e3f0fd;font-family:${FONT_STACK};color:#222;line-height:1.5}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem;overflow-wrap:anywhere;display:flex;flex-direction:column}
body>header{order:-2}body>.overview{order:-1}body>main{order:0}
h1{font-size:1.4rem}h2{font-size:1.2rem;border-bottom:2px solid #ccc;padding-bottom:.3rem;margin-top:2.5rem}h3{font-size:1rem;margin:1.5rem 0 .5rem}
.summary{font-weight:600}.legend{color:#555;font-size:.9rem}
nav ul{padding-left:1.2rem}.badge{display:inline-block;border-radius:.6rem;padding:0 .5rem;font-size:.8rem;color:#fff;white-space:nowrap}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.info{background:var(--info)}
.scroll{max-width:100%;overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;margin:.3rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;font-size:.9rem}
table.grid th.label{font-weight:normal;background:#fafafa;text-align:center;min-width:4.5rem}
table.grid td.cell{text-align:right;min-width:3rem;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.legacy th.label.legacy,tr.legacy td.cell{box-shadow:inset 0 0 0 2px var(--warning)}
.legacy-note{display:block;font-size:.75rem;color:var(--warning)}
td.absent{background:repeating-linear-gradient(45deg,#f4f4f4,#f4f4f4 4px,#fff 4px,#fff 8px)}
td.blank{background:#f7f7f7}td.inferred{font-style:italic;text-decoration:underline dotted #888}
td.finding-error{background:var(--error-bg);outline:2px solid var(--error);outline-offset:-2px;cursor:pointer;font-weight:700}
td.finding-warning{background:var(--warning-bg);outline:2px solid var(--warning);outline-offset:-2px;cursor:pointer}
td.finding-info{background:var(--info-bg);outline:1px solid var(--info);outline-offset:-1px;cursor:pointer}
td.finding-suppressed{text-decoration:line-through;cursor:pointer}
td.related{outline:2px dashed var(--error);outline-offset:-3px;cursor:pointer}
[data-findings]:focus{box-shadow:0 0 0 3px #333 inset}
.rules td{vertical-align:top}
.rules tr.status-failed td:nth-child(2){color:var(--error);font-weight:600}.rules tr.status-passed td:nth-child(2),.rules tr.status-notes td:nth-child(2),.rules tr.status-waived td:nth-child(2){color:#2e7d32}.rules tr.status-not-evaluated td:nth-child(2){color:var(--warning)}
ol.findings li,ul.uncelled li{margin:.3rem 0}li.suppressed{color:#777;text-decoration:line-through}.place{color:#555;font-family:ui-monospace,monospace;font-size:.85rem}
blockquote.quote{margin:.2rem 0 .2rem 1rem;padding:.1rem .6rem;border-left:3px solid #bbb;color:#444;font-size:.9rem}
li.group>details{margin:.2rem 0 0 1rem}li.group>details>summary{cursor:pointer;color:#555;font-size:.9rem}
.file-error{color:var(--error);font-weight:600}
#popup{position:absolute;z-index:10;max-width:min(32rem,calc(100vw - 16px));background:#fff;border:1px solid #888;border-radius:.4rem;box-shadow:0 4px 16px rgba(0,0,0,.25);padding:.6rem .8rem;font-size:.9rem}
#popup .close{float:right;border:none;background:none;font-size:1.2rem;cursor:pointer}#popup .item{margin:.4rem 0;padding-left:.5rem;border-left:4px solid #999}
#popup .item.error{border-color:var(--error)}#popup .item.warning{border-color:var(--warning)}#popup .item.info{border-color:var(--info)}
#popup .numbers{font-family:ui-monospace,monospace;color:#333}
@media (max-width:600px){body{padding:.6rem .7rem}h1{font-size:1.15rem}th,td{font-size:.8rem;padding:.2rem .3rem}table.grid th.label{min-width:3.5rem}}
@page{size:A4;margin:12mm}
@media print{
:root{font-size:9pt}body{max-width:none;padding:0}
nav,#popup,.legend,li.group>details>summary{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.scroll{overflow:visible}
table.grid{width:100%;page-break-inside:avoid;break-inside:avoid}table.grid th,table.grid td{font-size:7.5pt;padding:1px 2px}
table.grid td.cell{white-space:normal}
h2{page-break-before:always;break-before:page;margin-top:0}section.report:first-of-type h2{page-break-before:auto;break-before:auto}
h3{page-break-after:avoid;break-after:avoid}
td.finding-error::after{content:" ✗"}td.finding-warning::after{content:" !"}
}
`;

const SCRIPT = `
(function(){
var data={findings:{},ui:JSON.parse(document.getElementById('xxgk-ui').textContent)};
document.querySelectorAll('script.xxgk-findings').forEach(function(s){data.findings[s.getAttribute('data-file')]=JSON.parse(s.textContent);});
var popup=document.getElementById('popup'),body=popup.querySelector('.body'),pinned=null;
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
function show(td){
  var file=td.closest('section').getAttribute('data-file'),list=data.findings[file]||[];
  var ids=(td.getAttribute('data-findings')||'').split(' ').filter(Boolean);
  var onCell=td.tagName==='TD';
  var html=ids.map(function(id){var f=list[id];if(!f)return '';
    var nums=[];
    if(onCell&&f.textFigure!==undefined){nums.push(data.ui.text+' '+esc(f.textFigure));nums.push(data.ui.table+' '+esc(f.tableFigure));}
    else{if(f.expected!==undefined)nums.push(data.ui.expected+' '+esc(f.expected));if(f.actual!==undefined)nums.push(data.ui.actual+' '+esc(f.actual));if(f.difference!==undefined)nums.push(data.ui.difference+' '+esc(f.difference));}
    var message=onCell&&f.cellMessage?f.cellMessage:f.message;
    return '<div class="item '+f.severity+'"><div><span class="badge '+f.severity+'">'+esc(f.severityText)+'</span> '+esc(message)+' <code>'+esc(f.ruleId)+'</code></div>'+(f.sentence?'<blockquote class="quote">'+esc(f.sentence)+'</blockquote>':'')+(nums.length?'<div class="numbers">'+nums.join(' · ')+'</div>':'')+(f.suppressed?'<div><em>'+data.ui.suppressed+': '+esc(f.suppressed)+'</em></div>':'')+'</div>';}).join('');
  body.innerHTML=html;popup.hidden=false;
  var r=td.getBoundingClientRect(),width=popup.offsetWidth;
  var left=Math.min(window.scrollX+r.left,window.scrollX+document.documentElement.clientWidth-width-8);
  popup.style.left=Math.max(8,left)+'px';popup.style.top=(window.scrollY+r.bottom+6)+'px';
}
function hide(){popup.hidden=true;pinned=null;}
document.addEventListener('click',function(e){
  if(e.target.closest('#popup .close')){hide();return;}
  if(e.target.closest('#popup'))return;
  var td=e.target.closest('[data-findings]');
  if(td){pinned=td;show(td);}else hide();
});
document.addEventListener('mouseover',function(e){var td=e.target.closest('[data-findings]');if(td&&!pinned)show(td);});
document.addEventListener('mouseout',function(e){var td=e.target.closest('[data-findings]');if(td&&!pinned&&!(e.relatedTarget&&td.contains(e.relatedTarget)))popup.hidden=true;});
document.addEventListener('focusin',function(e){var td=e.target.closest&&e.target.closest('[data-findings]');if(td){pinned=td;show(td);}});
document.addEventListener('keydown',function(e){if(e.key==='Escape')hide();});
window.addEventListener('beforeprint',function(){hide();document.querySelectorAll('details.all').forEach(function(d){d.open=true;});});
})();
`;

/** A finding's datum as text: a string as it is, anything else as nothing. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
