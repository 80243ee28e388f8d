import { cliMessage, describeValue, formatNumber, renderFileError, renderMessage } from '../diagnostics/render.js';
import type { Diagnostic, FileResult, LintResults, RuleStatus } from '../diagnostics/types.js';
import { getTemplate, rowDisplayLabel } from '../model/template.js';
import type { ColumnDef, RowDef, TableDef } from '../model/template-def.js';
import type { CellRef, Evidence, RawValue } from '../model/types.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import { findRule } from '../rules/catalogue.js';
import { formatPlace } from './location.js';
import type { FormatOptions, Formatter } from './types.js';

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
    'not-evaluated': '未核对',
    expected: '应为',
    actual: '实际',
    difference: '相差',
    suppressed: '已豁免',
    noFindings: '未发现问题。',
    noTemplate: '未能确定模板，表格无法绘制。',
    legend: '红色：错误；黄色：警告；蓝色：提示；虚线：参与了出错的算式。点击或悬停单元格查看问题。',
    other: '不针对单个单元格的问题',
    close: '关闭',
    inferred: '推断：原文未标明此格位置，按本行总计推断',
    blank: '留空：按 0 计',
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
    'not-evaluated': 'not evaluated',
    expected: 'expected',
    actual: 'actual',
    difference: 'difference',
    suppressed: 'suppressed',
    noFindings: 'No problems found.',
    noTemplate: 'No template could be decided, so the tables cannot be drawn.',
    legend: 'Red: error; yellow: warning; blue: info; dashed: a term of a failed sum. Click or hover over a cell to see its findings.',
    other: 'Findings that concern no single cell',
    close: 'Close',
    inferred: "inferred: the original does not mark this cell's place; placed by the row's total",
    blank: 'blank: counted as 0',
  },
};

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

interface PageFinding {
  severity: Severity;
  ruleId: string;
  message: string;
  place: string;
  expected?: string;
  actual?: string;
  difference?: string;
  suppressed?: string;
}

interface CellMarks {
  /** Findings about the cell itself. */
  primary: number[];
  /** Findings of a failed sum the cell is a term of. */
  related: number[];
}

/** One self-contained HTML page (no network): each report's tables drawn as in its template, wrong cells highlighted, findings on hover or click, and the rule list. */
export const html: Formatter = (results: LintResults, options: FormatOptions): string => {
  const { locale } = options;
  const ui = UI[locale];
  const data: PageFinding[][] = [];
  const sections = results.files.map((file, index) => {
    const findings = file.diagnostics.map((diagnostic) => pageFinding(diagnostic, locale));
    data.push(findings);
    return section(file, index, findings, locale);
  });
  const { summary } = results;
  const problems = summary.errors + summary.warnings + summary.infos;
  const summaryParts = [
    problems > 0 ? cliMessage('summary-problems', locale, { problems, errors: summary.errors, warnings: summary.warnings, infos: summary.infos }) : cliMessage('summary-clean', locale),
    cliMessage('summary-files', locale, { files: summary.files }),
    ...(summary.suppressed > 0 ? [`${ui['suppressed']} ${summary.suppressed}`] : []),
    ...(summary.notEvaluated > 0 ? [cliMessage('summary-not-evaluated', locale, { count: summary.notEvaluated })] : []),
    ...(summary.inputErrors > 0 ? [cliMessage('summary-input-errors', locale, { count: summary.inputErrors })] : []),
  ];
  const nav = results.files
    .map((file, index) => `<li><a href="#file-${index}">${escapeHtml(file.file)}</a> ${counts(file)}</li>`)
    .join('\n');
  return `<!DOCTYPE html>
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
<p class="summary">${escapeHtml(summaryParts.join(locale === 'en' ? '; ' : '；'))}</p>
<p class="legend">${escapeHtml(ui['legend']!)}</p>
<nav><ul>
${nav}
</ul></nav>
</header>
<main>
${sections.join('\n')}
</main>
<div id="popup" role="dialog" aria-live="polite" hidden><button type="button" class="close" aria-label="${escapeHtml(ui['close']!)}">×</button><div class="body"></div></div>
<script type="application/json" id="xxgk-data">${jsonForScript({ findings: data, ui: { expected: ui['expected'], actual: ui['actual'], difference: ui['difference'], suppressed: ui['suppressed'] } })}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
};

function counts(file: FileResult): string {
  if (file.error) return `<span class="badge error">${escapeHtml(file.error.messageId)}</span>`;
  const shown = file.diagnostics.filter((diagnostic) => !diagnostic.suppressed);
  const by = (severity: Severity) => shown.filter((diagnostic) => diagnostic.severity === severity).length;
  return (['error', 'warning', 'info'] as const)
    .filter((severity) => by(severity) > 0)
    .map((severity) => `<span class="badge ${severity}">${by(severity)}</span>`)
    .join(' ');
}

function section(file: FileResult, index: number, findings: PageFinding[], locale: Locale): string {
  const ui = UI[locale];
  const parts: string[] = [`<section class="report" id="file-${index}" data-file="${index}">`, `<h2>${escapeHtml(file.file)}</h2>`];
  const facts = [
    file.template ? `${ui['template']} ${file.template}` : '',
    file.year !== undefined ? `${ui['year']} ${file.year}` : '',
    file.agency ? `${ui['agency']} ${file.agency}` : '',
  ].filter(Boolean);
  if (facts.length > 0) parts.push(`<p class="facts">${escapeHtml(facts.join(' · '))}</p>`);
  if (file.error) {
    const place = formatPlace(file.error.location, locale);
    parts.push(`<p class="file-error">${escapeHtml(`${place ? `${place}: ` : ''}${renderFileError(file.error, locale)}`)}</p>`, '</section>');
    return parts.join('\n');
  }
  const marks = cellMarks(file.diagnostics);
  if (file.template) {
    const template = getTemplate(file.template);
    for (const table of template.def.tables) parts.push(drawTable(table, file, marks, template.id, locale));
  } else {
    parts.push(`<p class="note">${escapeHtml(ui['noTemplate']!)}</p>`);
  }
  const uncelled = file.diagnostics.map((diagnostic, i) => ({ diagnostic, i })).filter(({ diagnostic }) => !diagnostic.cell);
  if (uncelled.length > 0) {
    parts.push(`<h3>${escapeHtml(ui['other']!)}</h3>`, '<ul class="uncelled">');
    for (const { i } of uncelled) parts.push(findingItem(findings[i]!, index, i));
    parts.push('</ul>');
  }
  parts.push(`<h3>${escapeHtml(ui['rules']!)}</h3>`, ruleTable(file, locale));
  parts.push(`<details class="all"${findings.length > 0 ? ' open' : ''}><summary>${escapeHtml(ui['findings']!)} (${findings.length})</summary>`);
  parts.push(findings.length === 0 ? `<p>${escapeHtml(ui['noFindings']!)}</p>` : `<ol class="findings">${findings.map((finding, i) => findingItem(finding, index, i)).join('\n')}</ol>`);
  parts.push('</details>', '</section>');
  return parts.join('\n');
}

function findingItem(finding: PageFinding, file: number, index: number): string {
  const classes = `sev-${finding.severity}${finding.suppressed ? ' suppressed' : ''}`;
  return `<li id="f-${file}-${index}" class="${classes}"><span class="place">${escapeHtml(finding.place)}</span> <span class="badge ${finding.severity}">${escapeHtml(finding.severity)}</span> ${escapeHtml(finding.message)} <code>${escapeHtml(finding.ruleId)}</code>${finding.suppressed ? ` <em>(${escapeHtml(finding.suppressed)})</em>` : ''}</li>`;
}

function ruleTable(file: FileResult, locale: Locale): string {
  const ui = UI[locale];
  const rows = file.rules.map((run) => {
    const rule = findRule(run.id);
    return `<tr class="status-${run.status}"><td><code>${escapeHtml(run.id)}</code></td><td>${escapeHtml(statusText(run.status, locale))}</td><td>${escapeHtml(rule?.description[locale] ?? '')}</td></tr>`;
  });
  return `<table class="rules"><thead><tr><th>${escapeHtml(ui['rules']!)}</th><th>${escapeHtml(ui['status']!)}</th><th>${escapeHtml(ui['description']!)}</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function statusText(status: RuleStatus, locale: Locale): string {
  return UI[locale][status] ?? status;
}

function drawTable(table: TableDef, file: FileResult, marks: Map<string, CellMarks>, templateId: string, locale: Locale): string {
  const width = table.columns.length + 1;
  const lines = [`<h3>${escapeHtml(table.label)}</h3>`, `<table class="grid" data-table="${table.key}" data-template="${templateId}">`];
  let previous: string | undefined;
  for (const row of table.rows) {
    const columns = columnsOf(table, row);
    const signature = columns.map((column) => column.key).join(',');
    if (signature !== previous) {
      lines.push(headerRows(columns, width));
      previous = signature;
    }
    const cells = columns.map((column) => drawCell(table, row, column, file, marks, locale));
    const pad = width - 1 - columns.length;
    lines.push(`<tr><th scope="row">${escapeHtml(rowDisplayLabel(row))}</th>${cells.join('')}${pad > 0 ? `<td class="pad" colspan="${pad}"></td>` : ''}</tr>`);
  }
  lines.push('</table>');
  return lines.join('\n');
}

function columnsOf(table: TableDef, row: RowDef): ColumnDef[] {
  if (!row.columns) return table.columns;
  return row.columns.map((key) => table.columns.find((column) => column.key === key)).filter((column): column is ColumnDef => column !== undefined);
}

function headerRows(columns: readonly ColumnDef[], width: number): string {
  const pad = width - 1 - columns.length;
  const padCell = pad > 0 ? `<th class="pad" colspan="${pad}"></th>` : '';
  if (!columns.some((column) => column.group)) {
    return `<tr class="head"><th></th>${columns.map((column) => `<th scope="col">${escapeHtml(column.label)}</th>`).join('')}${padCell}</tr>`;
  }
  const top: string[] = ['<th rowspan="2"></th>'];
  const bottom: string[] = [];
  for (let i = 0; i < columns.length; ) {
    const column = columns[i]!;
    if (!column.group) {
      top.push(`<th scope="col" rowspan="2">${escapeHtml(column.label)}</th>`);
      i += 1;
      continue;
    }
    let span = 0;
    while (columns[i + span]?.group === column.group) {
      bottom.push(`<th scope="col">${escapeHtml(columns[i + span]!.label)}</th>`);
      span += 1;
    }
    top.push(`<th scope="colgroup" colspan="${span}">${escapeHtml(column.group)}</th>`);
    i += span;
  }
  return `<tr class="head">${top.join('')}${pad > 0 ? `<th class="pad" rowspan="2" colspan="${pad}"></th>` : ''}</tr>\n<tr class="head">${bottom.join('')}</tr>`;
}

function drawCell(table: TableDef, row: RowDef, column: ColumnDef, file: FileResult, marks: Map<string, CellMarks>, locale: Locale): string {
  const pointer = `/${table.key}/${row.key}/${column.key}`;
  const snapshot = file.cells?.[pointer];
  const mark = marks.get(pointer);
  const classes = ['cell'];
  let attributes = ` data-pointer="${escapeHtml(pointer)}"`;
  let title = column.label;
  if (snapshot === undefined) classes.push('absent');
  else if (snapshot.evidence) {
    // A blank or inferred cell is drawn as such, so the page never shows an inferred figure as if it were printed there.
    classes.push(snapshot.evidence);
    attributes += ` data-evidence="${snapshot.evidence}"`;
    title = `${column.label}（${UI[locale][snapshot.evidence]}）`;
  }
  if (mark) {
    const primary = mark.primary.map((i) => file.diagnostics[i]!).filter((diagnostic) => !diagnostic.suppressed);
    const worst = primary.reduce<Severity | undefined>((top, diagnostic) => (top === undefined || SEVERITY_RANK[diagnostic.severity] > SEVERITY_RANK[top] ? diagnostic.severity : top), undefined);
    if (worst) classes.push(`finding-${worst}`);
    else if (mark.primary.length > 0) classes.push('finding-suppressed');
    if (mark.related.length > 0) classes.push('related');
    const all = [...new Set([...mark.primary, ...mark.related])].sort((a, b) => a - b);
    attributes += ` data-findings="${all.join(' ')}" tabindex="0"`;
  }
  return `<td class="${classes.join(' ')}"${attributes} title="${escapeHtml(title)}">${escapeHtml(showRaw(snapshot?.raw))}</td>`;
}

function showRaw(raw: RawValue | undefined): string {
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'number' ? String(raw) : raw;
}

/** Which findings concern which cell: the finding's own cell, listed cells and a repair cell are primary; the terms of a failed sum are related. */
function cellMarks(diagnostics: readonly Diagnostic[]): Map<string, CellMarks> {
  const marks = new Map<string, CellMarks>();
  const add = (cell: CellRef | undefined, index: number, kind: keyof CellMarks): void => {
    if (!cell) return;
    const pointer = `/${cell.table}/${cell.row}/${cell.column}`;
    let mark = marks.get(pointer);
    if (!mark) {
      mark = { primary: [], related: [] };
      marks.set(pointer, mark);
    }
    if (!mark[kind].includes(index)) mark[kind].push(index);
  };
  diagnostics.forEach((diagnostic, index) => {
    add(diagnostic.cell, index, 'primary');
    const { data } = diagnostic;
    const repair = data['repair'] as { cell?: CellRef } | undefined;
    add(repair?.cell, index, 'primary');
    for (const key of ['cells', 'missing']) {
      const list = data[key];
      if (Array.isArray(list)) for (const cell of list as CellRef[]) add(cell, index, 'primary');
    }
    for (const key of ['leftTerms', 'rightTerms', 'terms']) {
      const list = data[key];
      if (Array.isArray(list)) for (const term of list as { cell?: CellRef }[]) add(term.cell, index, 'related');
    }
  });
  for (const mark of marks.values()) mark.related = mark.related.filter((index) => !mark.primary.includes(index));
  return marks;
}

function pageFinding(diagnostic: Diagnostic, locale: Locale): PageFinding {
  const number = (key: string): string | undefined => {
    const value = diagnostic.data[key];
    return typeof value === 'number' ? formatNumber(value) : typeof value === 'string' && key !== 'operator' ? value : undefined;
  };
  const expected = number('expected');
  // The actual value of one cell is shown by its evidence (留空（按 0 计）, 5（推断）); a sum of several cells as a number.
  const evidence = diagnostic.evidence ?? (typeof diagnostic.data['evidence'] === 'string' ? (diagnostic.data['evidence'] as Evidence) : undefined);
  const leftTerms = diagnostic.data['leftTerms'];
  const oneCell = !Array.isArray(leftTerms) || leftTerms.length === 1;
  const actualValue = diagnostic.data['actual'];
  const actual = evidence && evidence !== 'read' && oneCell && typeof actualValue === 'number' ? describeValue(evidence, actualValue, locale) : number('actual');
  const difference = number('difference');
  return {
    severity: diagnostic.severity,
    ruleId: diagnostic.ruleId,
    message: renderMessage(diagnostic, locale),
    place: formatPlace(diagnostic.location, locale),
    ...(expected !== undefined ? { expected } : {}),
    ...(actual !== undefined ? { actual } : {}),
    ...(difference !== undefined ? { difference } : {}),
    ...(diagnostic.suppressed ? { suppressed: diagnostic.suppressed.reason } : {}),
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that is safe inside a script element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
:root{--error:#c62828;--error-bg:#fde0dc;--warning:#a86b00;--warning-bg:#fff4cc;--info:#1565c0;--info-bg:#e3f0fd;font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#222}
body{margin:0 auto;max-width:1200px;padding:1rem 1.5rem}
h1{font-size:1.4rem}h2{font-size:1.2rem;border-bottom:2px solid #ccc;padding-bottom:.3rem;margin-top:2.5rem}h3{font-size:1rem;margin:1.5rem 0 .5rem}
.summary{font-weight:600}.legend{color:#555;font-size:.9rem}
nav ul{padding-left:1.2rem}.badge{display:inline-block;border-radius:.6rem;padding:0 .5rem;font-size:.8rem;color:#fff}
.badge.error{background:var(--error)}.badge.warning{background:var(--warning)}.badge.info{background:var(--info)}
table{border-collapse:collapse;margin:.3rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;font-size:.9rem}
table.grid th[scope=row]{text-align:left;font-weight:normal;background:#fafafa;min-width:14rem}
table.grid tr.head th{background:#eee}table.grid td.cell{text-align:right;min-width:3.5rem;font-variant-numeric:tabular-nums}
td.pad,th.pad{border:none;background:transparent}td.absent{background:repeating-linear-gradient(45deg,#f4f4f4,#f4f4f4 4px,#fff 4px,#fff 8px)}
td.blank{background:#f7f7f7}td.inferred{font-style:italic;text-decoration:underline dotted #888}
td.finding-error{background:var(--error-bg);outline:2px solid var(--error);outline-offset:-2px;cursor:pointer;font-weight:700}
td.finding-warning{background:var(--warning-bg);outline:2px solid var(--warning);outline-offset:-2px;cursor:pointer}
td.finding-info{background:var(--info-bg);outline:1px solid var(--info);outline-offset:-1px;cursor:pointer}
td.finding-suppressed{text-decoration:line-through;cursor:pointer}
td.related{outline:2px dashed var(--error);outline-offset:-3px;cursor:pointer}
td[data-findings]:focus{box-shadow:0 0 0 3px #333 inset}
.rules tr.status-failed td:nth-child(2){color:var(--error);font-weight:600}.rules tr.status-passed td:nth-child(2){color:#2e7d32}.rules tr.status-not-evaluated td:nth-child(2){color:var(--warning)}
ol.findings li,ul.uncelled li{margin:.3rem 0}li.suppressed{color:#777;text-decoration:line-through}.place{color:#555;font-family:ui-monospace,monospace;font-size:.85rem}
.file-error{color:var(--error);font-weight:600}
#popup{position:absolute;z-index:10;max-width:32rem;background:#fff;border:1px solid #888;border-radius:.4rem;box-shadow:0 4px 16px rgba(0,0,0,.25);padding:.6rem .8rem;font-size:.9rem}
#popup .close{float:right;border:none;background:none;font-size:1.2rem;cursor:pointer}#popup .item{margin:.4rem 0;padding-left:.5rem;border-left:4px solid #999}
#popup .item.error{border-color:var(--error)}#popup .item.warning{border-color:var(--warning)}#popup .item.info{border-color:var(--info)}
#popup .numbers{font-family:ui-monospace,monospace;color:#333}
`;

const SCRIPT = `
(function(){
var data=JSON.parse(document.getElementById('xxgk-data').textContent);
var popup=document.getElementById('popup'),body=popup.querySelector('.body'),pinned=null;
function esc(s){return String(s).replace(/[&<>"']/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
function show(td){
  var file=td.closest('section').getAttribute('data-file'),list=data.findings[file]||[];
  var ids=(td.getAttribute('data-findings')||'').split(' ').filter(Boolean);
  var html=ids.map(function(id){var f=list[id];if(!f)return '';
    var nums=[];if(f.expected!==undefined)nums.push(data.ui.expected+' '+esc(f.expected));if(f.actual!==undefined)nums.push(data.ui.actual+' '+esc(f.actual));if(f.difference!==undefined)nums.push(data.ui.difference+' '+esc(f.difference));
    return '<div class="item '+f.severity+'"><div>'+esc(f.message)+' <code>'+esc(f.ruleId)+'</code></div>'+(nums.length?'<div class="numbers">'+nums.join(' · ')+'</div>':'')+(f.suppressed?'<div><em>'+data.ui.suppressed+': '+esc(f.suppressed)+'</em></div>':'')+'</div>';}).join('');
  body.innerHTML=html;popup.hidden=false;
  var r=td.getBoundingClientRect();popup.style.left=Math.max(8,window.scrollX+r.left)+'px';popup.style.top=(window.scrollY+r.bottom+6)+'px';
}
function hide(){popup.hidden=true;pinned=null;}
document.addEventListener('click',function(e){
  if(e.target.closest('#popup .close')){hide();return;}
  if(e.target.closest('#popup'))return;
  var td=e.target.closest('td[data-findings]');
  if(td){pinned=td;show(td);}else hide();
});
document.addEventListener('mouseover',function(e){var td=e.target.closest('td[data-findings]');if(td&&!pinned)show(td);});
document.addEventListener('mouseout',function(e){var td=e.target.closest('td[data-findings]');if(td&&!pinned&&!(e.relatedTarget&&td.contains(e.relatedTarget)))popup.hidden=true;});
document.addEventListener('focusin',function(e){var td=e.target.closest&&e.target.closest('td[data-findings]');if(td){pinned=td;show(td);}});
document.addEventListener('keydown',function(e){if(e.key==='Escape')hide();});
})();
`;
