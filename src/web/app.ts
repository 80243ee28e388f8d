/// <reference lib="dom.iterable" />
import {
  blankDocument,
  canonicalDocument,
  cliMessage,
  describeCell,
  failed,
  format,
  formatNumber,
  formatPlace,
  getTemplate,
  layoutTables,
  lintReadResult,
  readBytes,
  renderFileError,
  renderMessage,
  rules,
  summarize,
  templateForYear,
  writeReport,
  type CellRef,
  type Diagnostic,
  type FileResult,
  type LayoutTable,
  type Locale,
  type RawValue,
  type ReadResult,
  type ReportDocument,
  type TemplateId,
} from './core.js';
import { groupFindings, type FindingEntry } from '../diagnostics/group.js';
import { expectedValue, pageMarks, pointerOf, worstSeverity, type CellMarks, type LegacyRow } from './marks.js';
import { linesOf, sentenceAt } from './sentence.js';
import { severityText, uiText } from './ui-text.js';

/** A report loaded into the page: how it was read, the document as edited since, and the last check of it. */
interface Loaded {
  name: string;
  read: ReadResult;
  document: ReportDocument;
  inferred: Set<string>;
  /** The input's text by lines, for quoting the sentence a narrative finding points at (text formats only). */
  lines?: string[];
  result: FileResult;
  checkMs: number;
}

/** What the page shows for a file it could not read. */
interface Unreadable {
  name: string;
  result: FileResult;
}

/** The page's state, exposed on window for the browser tests and the benchmark (window.xxgk). */
interface PageState {
  locale: Locale;
  loaded?: Loaded;
  unreadable?: Unreadable;
  selected?: string;
  marks: Map<string, CellMarks>;
}

const state: PageState = { locale: initialLocale(), marks: new Map() };
(window as unknown as { xxgk: unknown }).xxgk = { state, checkText, checkFile, startBlank, recheck };

function initialLocale(): Locale {
  const asked = new URLSearchParams(location.search).get('lang');
  return asked === 'en' ? 'en' : 'zh-CN';
}

// The caller names the kind of element the page holds under this id.
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- see above
function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`page has no #${id}`);
  return found as T;
}

function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const t = (key: string, args?: Record<string, string | number>): string => uiText(state.locale, key, args);

/** Fills every element marked data-ui with its words in the current language. */
function applyLocale(): void {
  document.documentElement.lang = state.locale;
  document.title = t('title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-ui]')) node.textContent = t(node.dataset['ui']!);
  const toggle = element('locale');
  toggle.setAttribute('lang', state.locale === 'en' ? 'zh-CN' : 'en');
}

/** The line under the inputs saying what the page is doing (reading a file), empty otherwise. */
function setStatus(text: string): void {
  element('status').textContent = text;
}

/** Reads a report's bytes and shows it checked; an unreadable one shows why. */
async function checkBytes(bytes: Uint8Array, name: string): Promise<void> {
  setStatus(t('reading', { file: name }));
  try {
    // No time budget in the page: its timer is Node's (unref), and a person can simply wait or close the tab.
    const read = await readBytes(bytes, name, { maxTimePerFile: 0 });
    const lines = textLines(bytes, read);
    state.unreadable = undefined;
    const report = {
      name,
      read,
      document: structuredClone(read.document),
      inferred: new Set(read.inferred ?? []),
      ...(lines ? { lines } : {}),
    };
    state.loaded = { ...report, ...checked(report) };
    state.marks = marksOf(state.loaded);
    state.selected = undefined;
    setStatus('');
  } catch (error) {
    state.loaded = undefined;
    state.unreadable = { name, result: failed(name, error) };
    // The reason is the result's summary (shown below and focused): not said twice.
    setStatus('');
  }
  // Shown before it is drawn, so that the drawing can measure the tables (the shaded edges of a wide one).
  element('result').hidden = false;
  renderAll();
  element('result-heading').focus();
}

/** The input's lines when it is text (for quoting sentences): undefined for PDF and Office files. */
function textLines(bytes: Uint8Array, read: ReadResult): string[] | undefined {
  if (read.format === 'pdf' || read.format === 'docx' || read.format === 'xlsx') return undefined;
  try {
    const text = new TextDecoder(read.encoding ?? 'utf-8').decode(bytes);
    return linesOf(read.format === 'html' ? text.replace(/<[^>]*>/gu, '') : text);
  } catch {
    return undefined;
  }
}

/** Checks pasted text. */
async function checkText(text: string): Promise<void> {
  await checkBytes(new TextEncoder().encode(text), 'pasted.txt');
}

/** Checks a picked or dropped file. */
async function checkFile(file: File): Promise<void> {
  await checkBytes(new Uint8Array(await file.arrayBuffer()), file.name);
}

/** Starts from the empty tables of a template. */
async function startBlank(template: TemplateId): Promise<void> {
  const document = blankDocument(template);
  await checkBytes(new TextEncoder().encode(JSON.stringify(document, null, 2)), `blank-${template}.json`);
}

/** Checks the loaded report as it now stands (after an edit): synchronous, so the marks follow each keystroke. */
function recheck(): void {
  const loaded = state.loaded;
  if (!loaded) return;
  Object.assign(loaded, checked(loaded));
  state.marks = marksOf(loaded);
}

/** The marks of a loaded report's last check, with the rows of an older template it printed. */
function marksOf(loaded: Loaded): Map<string, CellMarks> {
  return pageMarks(loaded.result.diagnostics, legacyRows(loaded));
}

/** The older template's rows the report printed (drawn in place of the rows they stand for), with their drawn cells. */
function legacyRows(loaded: Loaded): LegacyRow[] {
  const template = templateOf(loaded);
  if (!template) return [];
  const compiled = getTemplate(template);
  const rows: LegacyRow[] = [];
  for (const table of ['active', 'applications', 'reviewLitigation'] as const) {
    for (const legacy of compiled.table(table).legacyRows ?? []) {
      const values = loaded.document[table]?.[legacy.key];
      if (values && typeof values === 'object')
        rows.push({
          label: legacy.label,
          pointers: Object.keys(values).map((column) => `/${table}/${legacy.key}/${column}`),
        });
    }
  }
  return rows;
}

/** The check of a report's document as it stands, and how long it took. */
function checked(report: Omit<Loaded, 'result' | 'checkMs'>): Pick<Loaded, 'result' | 'checkMs'> {
  const begin = performance.now();
  const result = lintReadResult({ ...report.read, document: report.document, inferred: report.inferred }, report.name, {
    cells: true,
  });
  return { result, checkMs: performance.now() - begin };
}

function templateOf(loaded: Loaded): TemplateId | undefined {
  const { result, document } = loaded;
  return (
    result.template ??
    document.template ??
    (typeof document.year === 'number' ? templateForYear(document.year) : undefined)
  );
}

/** Draws the whole result: facts, summary, downloads, tables and the other findings (on loading and on a language switch). */
function renderAll(): void {
  const tables = element('tables');
  tables.replaceChildren();
  element('other').replaceChildren();
  element('facts').textContent = '';
  const loaded = state.loaded;
  element('downloads').hidden = !loaded;
  element('legend').hidden = !loaded;
  if (!loaded) {
    const summary = element('summary');
    summary.className = 'summary problems';
    summary.textContent = state.unreadable
      ? `${state.unreadable.name}: ${renderFileError(state.unreadable.result.error!, state.locale)}`
      : '';
    element('timing').textContent = '';
    hideDetail();
    return;
  }
  const template = templateOf(loaded);
  if (template) {
    for (const table of layoutTables(template, loaded.document)) tables.append(drawTable(table, template));
  } else {
    tables.append(make('p', { class: 'note' }, t('noTemplate')));
  }
  refresh();
  shadeAllEdges();
}

/** Updates everything an edit can change, leaving the drawn inputs (and the focus) in place. */
function refresh(): void {
  const loaded = state.loaded;
  if (!loaded) return;
  renderSummary(loaded);
  for (const cell of document.querySelectorAll<HTMLTableCellElement>('td.cell')) markCell(cell, loaded);
  renderOther(loaded);
  if (state.selected) showDetail(state.selected);
}

function renderSummary(loaded: Loaded): void {
  const { result } = loaded;
  const counts = summarize([result]);
  const problems = counts.errors + counts.warnings + counts.infos;
  const summary = element('summary');
  summary.className = `summary ${counts.errors > 0 ? 'problems' : 'clean'}`;
  summary.textContent =
    problems > 0
      ? cliMessage('summary-problems', state.locale, {
          problems,
          errors: counts.errors,
          warnings: counts.warnings,
          infos: counts.infos,
        })
      : cliMessage('summary-clean', state.locale);
  summary.dataset['errors'] = String(counts.errors);
  summary.dataset['warnings'] = String(counts.warnings);
  summary.dataset['infos'] = String(counts.infos);
  const template = templateOf(loaded);
  const facts = [
    loaded.name,
    `${t('format')} ${loaded.read.format}`,
    template ? `${t('template')} ${template}` : '',
    typeof loaded.document.year === 'number' ? `${t('year')} ${loaded.document.year}` : '',
    loaded.document.agency ? `${t('agency')} ${loaded.document.agency}` : '',
  ].filter(Boolean);
  element('facts').textContent = facts.join(' · ');
  element('timing').textContent = t('recheck', { ms: loaded.checkMs.toFixed(1) });
}

function drawTable(table: LayoutTable, template: TemplateId): HTMLElement {
  const block = make('section', { class: 'table-block', 'aria-labelledby': `h-${table.key}` });
  block.append(make('h3', { id: `h-${table.key}` }, table.heading));
  const scroll = make('div', { class: 'scroll', role: 'region', tabindex: '0', 'aria-labelledby': `h-${table.key}` });
  const grid = make('table', { class: 'grid', 'data-table': table.key });
  const compiled = getTemplate(template);
  const legacyKeys = new Set((compiled.table(table.key).legacyRows ?? []).map((legacy) => legacy.key));
  for (const row of table.rows) {
    const line = make('tr');
    const legacy = row.some((cell) => cell.value !== undefined && legacyKeys.has(cell.value.row));
    if (legacy) line.className = 'legacy';
    for (const cell of row) {
      const spans: Record<string, string> = {};
      if (cell.rowSpan > 1) spans['rowspan'] = String(cell.rowSpan);
      if (cell.colSpan > 1) spans['colspan'] = String(cell.colSpan);
      if (!cell.value) {
        // The row's own label is the header cell just before its first value.
        const isLabel = row[row.indexOf(cell) + 1]?.value !== undefined;
        const header = make('th', { ...spans, ...(isLabel ? { class: 'label', scope: 'row' } : {}) }, cell.text);
        if (isLabel && legacy) header.append(make('span', { class: 'legacy-note' }, t('legacyRow')));
        line.append(header);
        continue;
      }
      const { table: tableKey, row: rowKey, column } = cell.value;
      const pointer = `/${tableKey}/${rowKey}/${column}`;
      const ref = compiled.cellAt(tableKey, rowKey, column)?.ref;
      const td = make('td', { ...spans, class: 'cell', 'data-pointer': pointer });
      const input = make('input', {
        type: 'text',
        // A narrow intrinsic width: the column's width comes from its header and the CSS, not from the input's 20 characters.
        size: '4',
        inputmode: 'decimal',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-label': ref ? `${ref.labels.row} ${ref.labels.column}` : `${rowKey} ${column}`,
        'aria-describedby': 'detail',
      });
      input.value = cell.text;
      td.append(input, make('span', { class: 'hint', 'aria-hidden': 'true' }));
      line.append(td);
    }
    grid.append(line);
  }
  scroll.append(grid);
  // The wrapper shades the edge where more of a wide table lies out of sight (on a phone), so a person knows to scroll.
  const frame = make('div', { class: 'scroll-frame' });
  frame.append(scroll);
  scroll.addEventListener('scroll', () => shadeEdges(frame, scroll), { passive: true });
  block.append(frame);
  return block;
}

/** Marks a table's frame with the sides on which the table goes on beyond its box. */
function shadeEdges(frame: HTMLElement, scroll: HTMLElement): void {
  frame.classList.toggle('more-right', scroll.scrollLeft + scroll.clientWidth < scroll.scrollWidth - 1);
  frame.classList.toggle('more-left', scroll.scrollLeft > 1);
}

function shadeAllEdges(): void {
  for (const frame of document.querySelectorAll<HTMLElement>('.scroll-frame'))
    shadeEdges(frame, frame.firstElementChild as HTMLElement);
}

/** The text of a raw value as the input wrote it. */
function rawText(raw: RawValue | undefined): string {
  if (raw === undefined || raw === null) return '';
  return typeof raw === 'number' ? String(raw) : raw;
}

/** Sets a drawn cell's marks from the last check: its severity, whether it is a term of a failed sum, its evidence, the value it should hold. */
function markCell(td: HTMLTableCellElement, loaded: Loaded): void {
  const pointer = td.dataset['pointer']!;
  const mark = state.marks.get(pointer);
  const { diagnostics } = loaded.result;
  const primary = mark ? mark.primary.map((index) => diagnostics[index]!) : [];
  const worst = worstSeverity(primary);
  const snapshot = loaded.result.cells?.[pointer];
  td.className = [
    'cell',
    worst ? `finding-${worst}` : '',
    mark && mark.related.length > 0 ? 'related' : '',
    snapshot === undefined ? 'absent' : (snapshot.evidence ?? ''),
    state.selected === pointer ? 'selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  td.dataset['findings'] = mark ? [...mark.primary, ...mark.related].join(' ') : '';
  if (worst) td.dataset['severity'] = worst;
  else delete td.dataset['severity'];
  const expected = expectedValue(primary, pointer);
  const hint = td.querySelector('.hint')!;
  hint.textContent = expected === undefined ? '' : t('shouldBe', { value: formatNumber(expected) });
}

/** The findings not on one cell: the narrative's (with the sentence they point at), the reader's, the report's. */
function renderOther(loaded: Loaded): void {
  const other = element('other');
  // The groups a person opened stay open across the re-check of an edit.
  const opened = new Set(
    [...other.querySelectorAll<HTMLElement>('li.group:has(> details[open])')].map((item) => item.dataset['key']),
  );
  other.replaceChildren(make('h3', {}, t('other')));
  const { diagnostics } = loaded.result;
  // Many findings of one kind in one section (the seed's pinyin lines) are one entry, as in the HTML report.
  const entries = groupFindings(diagnostics).filter((entry) => {
    const first = diagnostics[entry.kind === 'single' ? entry.index : entry.indices[0]!]!;
    return !first.cell && !first.suppressed;
  });
  if (entries.length === 0) {
    other.append(make('p', {}, t('noOther')));
    return;
  }
  const list = make('ul', { class: 'findings' });
  for (const entry of entries)
    list.append(
      entry.kind === 'single' ? findingItem(diagnostics[entry.index]!, loaded) : groupItem(entry, loaded, opened),
    );
  other.append(list);
}

/** Many findings of one kind in one section as one item: what, how many, the first places and sentence; each behind a toggle. */
function groupItem(
  entry: Extract<FindingEntry, { kind: 'group' }>,
  loaded: Loaded,
  opened: ReadonlySet<string | undefined>,
): HTMLLIElement {
  const { diagnostics } = loaded.result;
  const key = `${entry.ruleId}|${entry.messageId}|${entry.section ?? ''}`;
  const item = make('li', {
    class: `group ${entry.severity}`,
    'data-rule': entry.ruleId,
    'data-count': String(entry.count),
    'data-key': key,
  });
  const summary = cliMessage('html-group', state.locale, {
    description: rules.find((rule) => rule.id === entry.ruleId)?.description[state.locale] ?? entry.ruleId,
    count: entry.count,
    section: sectionLabel(entry.section, templateOf(loaded)),
    shown: entry.first.length,
    places: entry.first
      .map((index) => formatPlace(diagnostics[index]!.location, state.locale))
      .join(state.locale === 'en' ? ', ' : '、'),
  });
  const head = make('div');
  head.append(
    make('span', { class: `badge ${entry.severity}` }, severityText(entry.severity, state.locale)),
    ' ',
    make('span', { class: 'message' }, summary),
    ' ',
    make('code', {}, entry.ruleId),
  );
  item.append(head);
  const sentence = quotedSentence(diagnostics[entry.first[0]!]!, loaded);
  if (sentence) item.append(sentence);
  const each = make('details', opened.has(key) ? { open: '' } : {});
  each.append(make('summary', {}, `${t('each')} (${entry.count})`));
  const members = make('ul', { class: 'findings' });
  for (const index of entry.indices) members.append(findingItem(diagnostics[index]!, loaded));
  each.append(members);
  item.append(each);
  return item;
}

/** A section's (or table's) label in the template, for a group's summary; the whole report when it names none. */
function sectionLabel(section: string | undefined, template: TemplateId | undefined): string {
  if (section === undefined) return state.locale === 'en' ? 'the report' : '全文';
  const def = getTemplate(template ?? '2021').def;
  return (
    def.sections.find((candidate) => candidate.key === section)?.label ??
    def.tables.find((table) => table.key === section)?.label ??
    section
  );
}

/** One finding as a list item: severity, place, message, the numbers, the sentence, and the one-cell repair as a button. */
function findingItem(diagnostic: Diagnostic, loaded: Loaded, pointer?: string): HTMLLIElement {
  const item = make('li', { class: diagnostic.severity, 'data-rule': diagnostic.ruleId });
  const place = formatPlace(diagnostic.location, state.locale);
  const head = make('div');
  head.append(
    make('span', { class: `badge ${diagnostic.severity}` }, severityText(diagnostic.severity, state.locale)),
    ' ',
  );
  if (place && !pointer) head.append(make('span', { class: 'place' }, place), ' ');
  // On a table cell, a mismatch between the text and the table says they differ: either may be the one that is wrong.
  const textVsTable = diagnostic.ruleId === 'narrative-figures' && diagnostic.messageId === 'mismatch';
  const message =
    textVsTable && pointer
      ? cliMessage('html-narrative-cell', state.locale, {
          quote: typeof diagnostic.data['quote'] === 'string' ? diagnostic.data['quote'] : '',
          figure: numberText(diagnostic.data['figure']),
          actual: numberText(diagnostic.data['actual']),
        })
      : renderMessage(diagnostic, state.locale);
  head.append(make('span', { class: 'message' }, message), ' ', make('code', {}, diagnostic.ruleId));
  item.append(head);
  const numbers = textVsTable
    ? `${t('text')} ${numberText(diagnostic.data['figure'])} · ${t('table')} ${numberText(diagnostic.data['actual'])}`
    : numbersOf(diagnostic);
  if (numbers) item.append(make('div', { class: 'numbers' }, numbers));
  // A finding on a cell is about the table; one on no cell (the narrative's) quotes its sentence.
  const sentence = diagnostic.cell ? undefined : quotedSentence(diagnostic, loaded);
  if (sentence) item.append(sentence);
  const repair = diagnostic.data['repair'] as { cell?: CellRef; to?: unknown } | undefined;
  if (repair?.cell && typeof repair.to === 'number') {
    const target = pointerOf(repair.cell);
    const to = repair.to;
    const button = make(
      'button',
      { type: 'button', class: 'primary repair' },
      t('repair', { cell: describeCell(repair.cell, state.locale), to: formatNumber(to) }),
    );
    button.addEventListener('click', () => applyValue(target, String(to)));
    item.append(button);
  }
  return item;
}

function numberText(value: unknown): string {
  return typeof value === 'number' ? formatNumber(value) : '';
}

function numbersOf(diagnostic: Diagnostic): string {
  const parts: string[] = [];
  for (const key of ['expected', 'actual', 'difference'] as const) {
    const value = diagnostic.data[key];
    if (typeof value === 'number') parts.push(`${t(key)} ${formatNumber(value)}`);
  }
  return parts.join(' · ');
}

/** The sentence a finding concerns: the one its data quotes, else the one its line and column point at in a text input. */
function quotedSentence(diagnostic: Diagnostic, loaded: Loaded): HTMLElement | undefined {
  const quoted = ['sentence', 'quote', 'excerpt']
    .map((key) => diagnostic.data[key])
    .find((value): value is string => typeof value === 'string' && value !== '');
  const found =
    quoted !== undefined
      ? { text: quoted, at: -1 }
      : diagnostic.location.line !== undefined && loaded.lines
        ? sentenceAt(loaded.lines, diagnostic.location.line, diagnostic.location.column)
        : undefined;
  if (!found) return undefined;
  const quote = make('blockquote', { class: 'sentence' });
  const characters = [...found.text];
  if (found.at >= 0 && found.at < characters.length) {
    quote.append(
      characters.slice(0, found.at).join(''),
      make('mark', {}, characters[found.at]),
      characters.slice(found.at + 1).join(''),
    );
  } else {
    quote.textContent = found.text;
  }
  return quote;
}

/** Shows a cell's findings in the panel at the bottom: its own first, then the failed sums it is a term of. */
function showDetail(pointer: string): void {
  const loaded = state.loaded;
  if (!loaded) return;
  const previous = state.selected;
  state.selected = pointer;
  if (previous && previous !== pointer)
    document.querySelector(`td.cell[data-pointer="${previous}"]`)?.classList.remove('selected');
  document.querySelector(`td.cell[data-pointer="${pointer}"]`)?.classList.add('selected');
  const [, table, row, column] = pointer.split('/') as [string, string, string, string];
  const template = templateOf(loaded);
  const ref = template ? getTemplate(template).cellAt(table as CellRef['table'], row, column)?.ref : undefined;
  const mark = state.marks.get(pointer);
  const body = element('detail-body');
  body.replaceChildren();
  element('detail-title').textContent = ref ? describeCell(ref, state.locale) : pointer;
  // A cell outside the template (an older template's row) has no snapshot: its value is the document's.
  const raw = loaded.result.cells?.[pointer]?.raw ?? loaded.document[table as CellRef['table']]?.[row]?.[column];
  body.append(make('p', { class: 'place' }, `${t('asWritten')}: ${rawText(raw) === '' ? t('empty') : rawText(raw)}`));
  if (!mark || (mark.primary.length === 0 && mark.related.length === 0)) {
    body.append(make('p', { class: 'none' }, t('cellClean')));
  } else {
    const own = make('ul', { class: 'findings' });
    for (const index of mark.primary) own.append(findingItem(loaded.result.diagnostics[index]!, loaded, pointer));
    if (mark.primary.length > 0) body.append(own);
    if (mark.related.length > 0) {
      body.append(make('p', {}, t('related')));
      const related = make('ul', { class: 'findings' });
      for (const index of mark.related) related.append(findingItem(loaded.result.diagnostics[index]!, loaded, pointer));
      body.append(related);
    }
  }
  element('detail').hidden = false;
  document.body.classList.add('detail-open');
  document.documentElement.classList.add('detail-open');
  // Keep the chosen cell in sight above the panel.
  document.querySelector(`td.cell[data-pointer="${pointer}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function hideDetail(): void {
  if (state.selected) document.querySelector(`td.cell[data-pointer="${state.selected}"]`)?.classList.remove('selected');
  state.selected = undefined;
  element('detail').hidden = true;
  document.body.classList.remove('detail-open');
  document.documentElement.classList.remove('detail-open');
}

/** The raw value of what a person typed: a plain integer as a number, anything else as the text (the readers' value rules apply). */
function typedValue(text: string): RawValue {
  const trimmed = text.trim();
  return /^-?(0|[1-9]\d{0,14})$/u.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Sets one cell of the loaded document and checks again. */
function setValue(pointer: string, text: string): void {
  const loaded = state.loaded;
  if (!loaded) return;
  const [, table, row, column] = pointer.split('/') as [
    string,
    'active' | 'applications' | 'reviewLitigation',
    string,
    string,
  ];
  const tableRows = (loaded.document[table] ??= {});
  const cells = (tableRows[row] ??= {});
  cells[column] = typedValue(text);
  // A typed figure is written where it stands: it is no longer one the reader placed by inference.
  loaded.inferred.delete(pointer);
  recheck();
  refresh();
}

/** Writes a value into a drawn cell (a repair button) as if typed there. */
function applyValue(pointer: string, text: string): void {
  const input = document.querySelector<HTMLInputElement>(`td.cell[data-pointer="${pointer}"] input`);
  if (input) input.value = text;
  setValue(pointer, text);
  input?.focus();
}

function baseName(name: string): string {
  return name.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, '') || 'report';
}

/** The download of one kind: the findings (JSON, HTML) or the report itself (canonical JSON, CSV, .xlsx, .docx). */
async function download(kind: string): Promise<void> {
  const loaded = state.loaded;
  if (!loaded) return;
  const base = baseName(loaded.name);
  const results = { files: [loaded.result], summary: summarize([loaded.result]) };
  const document = canonicalDocument({ ...loaded.read, document: loaded.document, inferred: loaded.inferred });
  const files: Record<string, () => Promise<[BlobPart, string, string]>> = {
    lint: async () => [format('json', results, { locale: state.locale }), `${base}.lint.json`, 'application/json'],
    html: async () => [format('html', results, { locale: state.locale }), `${base}.lint.html`, 'text/html'],
    json: async () => [(await writeReport(document, 'json')) as BlobPart, `${base}.json`, 'application/json'],
    csv: async () => [(await writeReport(document, 'csv')) as BlobPart, `${base}.csv`, 'text/csv'],
    xlsx: async () => [
      (await writeReport(document, 'xlsx')) as BlobPart,
      `${base}.xlsx`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    docx: async () => [
      (await writeReport(document, 'docx')) as BlobPart,
      `${base}.docx`,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  };
  const build = files[kind];
  if (!build) return;
  const [content, name, type] = await build();
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = name;
  window.document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function wire(): void {
  window.addEventListener('resize', shadeAllEdges, { passive: true });
  element('locale').addEventListener('click', () => {
    state.locale = state.locale === 'zh-CN' ? 'en' : 'zh-CN';
    applyLocale();
    renderAll();
  });
  const paste = element<HTMLTextAreaElement>('paste');
  element('check-paste').addEventListener('click', () => void checkText(paste.value));
  paste.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void checkText(paste.value);
  });
  const picker = element<HTMLInputElement>('file');
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    if (file) void checkFile(file);
  });
  const drop = element('drop');
  document.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) drop.classList.remove('dragging');
  });
  document.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    const file = event.dataTransfer?.files[0];
    if (file) void checkFile(file);
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-template]')) {
    button.addEventListener('click', () => void startBlank(button.dataset['template'] as TemplateId));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-download]')) {
    button.addEventListener('click', () => void download(button.dataset['download']!));
  }
  const tables = element('tables');
  tables.addEventListener('input', (event) => {
    const input = event.target as HTMLInputElement;
    const td = input.closest<HTMLTableCellElement>('td.cell');
    if (td) setValue(td.dataset['pointer']!, input.value);
  });
  tables.addEventListener('focusin', (event) => {
    const td = (event.target as HTMLElement).closest<HTMLTableCellElement>('td.cell');
    if (td) showDetail(td.dataset['pointer']!);
  });
  tables.addEventListener('click', (event) => {
    const td = (event.target as HTMLElement).closest<HTMLTableCellElement>('td.cell');
    if (td && event.target === td) td.querySelector('input')?.focus();
  });
  tables.addEventListener('keydown', (event) => {
    const input = event.target as HTMLElement;
    if (
      !(input instanceof HTMLInputElement) ||
      (event.key !== 'Enter' && event.key !== 'ArrowDown' && event.key !== 'ArrowUp')
    )
      return;
    // Enter on a cell whose panel was closed (Esc) opens it again, staying on the cell.
    const cell = input.closest<HTMLTableCellElement>('td.cell');
    if (event.key === 'Enter' && cell && element('detail').hidden) {
      event.preventDefault();
      showDetail(cell.dataset['pointer']!);
      return;
    }
    // Enter and the up and down arrows move between the value cells in reading order, as in a spreadsheet's column of entry.
    const inputs = [...tables.querySelectorAll<HTMLInputElement>('td.cell input')];
    const next = inputs[inputs.indexOf(input) + (event.key === 'ArrowUp' ? -1 : 1)];
    if (next) {
      event.preventDefault();
      next.focus();
      next.select();
    }
  });
  element('detail-close').addEventListener('click', () => {
    const pointer = state.selected;
    hideDetail();
    if (pointer) document.querySelector<HTMLInputElement>(`td.cell[data-pointer="${pointer}"] input`)?.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !element('detail').hidden) hideDetail();
  });
}

applyLocale();
wire();
// The ready signal the browser tests wait for; the benchmark reads the mark's time (navigation start to interactive).
performance.mark('xxgk-ready');
document.documentElement.dataset['ready'] = 'true';
