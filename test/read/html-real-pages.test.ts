// Real reports' figures (fixtures/pdf/*.expected.json, typed from the published pages) laid out as portals publish
// them in HTML: Word's "Save as Web Page" cells, zero cells left blank (&nbsp;), table 三 and 四 with the template's
// rowspan/colspan headers. What a careful reader reads of the page must be what the linter reads.
import { readFileSync } from 'node:fs';
import { lintBytes } from '../../src/pipeline/lint.js';
import { compareCells, formatMismatches, readTextCells, type ExpectedCells } from '../helpers/cells.js';
import { getTemplate } from '../../src/model/template.js';

type Figures = Record<string, Record<string, number>>;
interface RealReport {
  template: '2019' | '2021';
  year: number;
  agency: string;
  applications: Figures;
  reviewLitigation: Figures;
}

const real = (name: string): RealReport =>
  JSON.parse(readFileSync(`fixtures/pdf/${name}.expected.json`, 'utf8')) as RealReport;

/** A Word cell: MsoNormal paragraph, digits in their own run, an empty cell as Word writes it. */
function cell(text: string, attributes = ''): string {
  const inner =
    text === ''
      ? "<span lang=EN-US style='font-size:10.5pt'><o:p>&nbsp;</o:p></span>"
      : `<span lang=EN-US style='font-size:10.5pt;font-family:"Times New Roman"'>${text}</span><span lang=EN-US><o:p></o:p></span>`;
  return `<td ${attributes} width=60 valign=center style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'>${inner}</p></td>`;
}

let zeroMark = '';
const shown = (value: number | undefined): string => (value === undefined || value === 0 ? zeroMark : String(value));

/** Tables 三 and 四 of a report, zero cells blank; rows as the report has them (2019's （六） row in a 2021 report too). */
interface Layout {
  /** Each group label of table 三 as a row of its own with empty cells, not a rowspan cell beside its rows. */
  groupRows?: boolean;
  /** Table 三 with a 法人或其他组织 小计 column after 其他 (a non-standard column some reports add). */
  subtotal?: boolean;
  /** Table 四: 'lead', the row of figures after a label cell of its own (件数); 'groups', a row per group. */
  review?: 'lead' | 'groups';
  /** How a zero cell is printed: blank by default, or a mark such as －. */
  zero?: string;
  /** Table 三 with a 备注 column, this remark in the row of （一）予以公开. */
  remark?: string;
}

const ORGS = ['commercial', 'research', 'publicInterest', 'legalService', 'otherOrg'];

function page(report: RealReport, layout: Layout = {}): string {
  const { groupRows = false, subtotal = false, remark } = layout;
  zeroMark = layout.zero ?? '';
  const template = getTemplate(report.template).def;
  const rows = template.tables.find((table) => table.key === 'applications')!.rows;
  const printed = rows.filter((row) => report.applications[row.key] !== undefined);
  const legacy = report.applications['otherHandling'] !== undefined && report.template === '2021';
  const lines: Array<{ key: string; label: string; group?: string }> = legacy
    ? [...printed.slice(0, -2), { key: 'otherHandling', label: '（六）其他处理' }, ...printed.slice(-2)]
    : printed;
  const columns = ['naturalPerson', 'commercial', 'research', 'publicInterest', 'legalService', 'otherOrg', 'total'];
  const groups = new Set(lines.flatMap((row) => (row.group?.startsWith('（') ? [row.group] : [])));
  const inResults =
    lines.filter((row) => !['new', 'carriedOver', 'carriedForward'].includes(row.key)).length +
    (groupRows ? groups.size : 0);
  const orgLabels = ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ...(subtotal ? ['小计'] : [])];
  let body = `<tr>${cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 'colspan=3 rowspan=3')}${cell('申请人情况', `colspan=${orgLabels.length + 2}`)}${remark !== undefined ? cell('备注', 'rowspan=3') : ''}</tr>
<tr>${cell('自然人', 'rowspan=2')}${cell('法人或其他组织', `colspan=${orgLabels.length}`)}${cell('总计', 'rowspan=2')}</tr>
<tr>${orgLabels.map((label) => cell(label)).join('')}</tr>\n`;
  let resultsOpened = false;
  const groupsOpened = new Set<string>();
  for (const row of lines) {
    const figures = report.applications[row.key];
    const sum = ORGS.reduce((total, column) => total + (figures?.[column] ?? 0), 0);
    const values = columns
      .map((column) => (subtotal && column === 'total' ? cell(shown(sum)) : '') + cell(shown(figures?.[column])))
      .join('');
    let labels: string;
    if (['new', 'carriedOver', 'carriedForward'].includes(row.key)) labels = cell(row.label, 'colspan=3');
    else {
      labels = resultsOpened ? '' : cell('三、本年度办理结果', `rowspan=${inResults}`);
      resultsOpened = true;
      const group = row.group?.startsWith('（') ? row.group : undefined;
      if (group === undefined) labels += cell(row.label, 'colspan=2');
      else if (groupRows) {
        // The group label as a row of its own, its cells empty, above the group's rows.
        if (!groupsOpened.has(group)) body += `<tr>${labels}${cell(group, 'colspan=2')}${cell('').repeat(7)}</tr>\n`;
        if (!groupsOpened.has(group)) labels = '';
        groupsOpened.add(group);
        labels += cell(row.label, 'colspan=2');
      } else {
        if (!groupsOpened.has(group))
          labels += cell(group, `rowspan=${lines.filter((other) => other.group === group).length}`);
        groupsOpened.add(group);
        labels += cell(row.label);
      }
    }
    const note = remark === undefined ? '' : cell(row.key === 'granted' ? remark : '');
    body += `<tr>${labels}${values}${note}</tr>\n`;
  }
  const five = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const groupKeys = ['review', 'litigationDirect', 'litigationAfterReview'];
  const figuresOf = (row: string) =>
    ['upheld', 'corrected', 'other', 'pending', 'total'].map((column) =>
      cell(shown(report.reviewLitigation[row]?.[column])),
    );
  const reviewRows =
    layout.review === 'groups'
      ? `<tr>${cell('类别', 'colspan=2')}${five.map((label) => cell(label)).join('')}</tr>
<tr>${cell('行政复议', 'colspan=2')}${figuresOf('review').join('')}</tr>
<tr>${cell('行政诉讼', 'rowspan=2')}${cell('未经复议直接起诉')}${figuresOf('litigationDirect').join('')}</tr>
<tr>${cell('复议后起诉')}${figuresOf('litigationAfterReview').join('')}</tr>`
      : `<tr>${layout.review === 'lead' ? cell('', 'rowspan=3') : ''}${cell('行政复议', 'colspan=5')}${cell('行政诉讼', 'colspan=10')}</tr>
<tr>${five.map((label) => cell(label, 'rowspan=2')).join('')}${cell('未经复议直接起诉', 'colspan=5')}${cell('复议后起诉', 'colspan=5')}</tr>
<tr>${[...five, ...five].map((label) => cell(label)).join('')}</tr>
<tr>${layout.review === 'lead' ? cell('件数') : ''}${groupKeys.flatMap(figuresOf).join('')}</tr>`;
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><title>${report.agency}${report.year}年政府信息公开工作年度报告</title></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal><span>三、收到和处理政府信息公开申请情况</span></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>${body}</table>
<p class=MsoNormal><span>四、政府信息公开行政复议、行政诉讼情况</span></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>
${reviewRows}
</table>
<p class=MsoNormal><span>五、存在的主要问题及改进情况</span></p></div></body></html>`;
}

describe('real reports as Word-exported pages with zero cells left blank', () => {
  it.each(['hongze-2023', 'hongze-2024', 'huaian-2024'])(
    '%s: every cell of tables 三 and 四 is read, blanks as blank, none absent',
    async (name) => {
      const report = real(name);
      const read = await readTextCells(page(report), `${name}.html`);
      const expected: ExpectedCells = {
        template: report.template,
        applications: report.applications,
        reviewLitigation: report.reviewLitigation,
      };
      // 2019's （六）其他处理 row (printed by the hongze reports) is a cell of 2019's table 三, of the same kinds.
      const kinds = report.applications['otherHandling'] ? '2019' : report.template;
      expect(formatMismatches(compareCells(expected, read.document, kinds))).toBe('');
      expect(read.findings.filter((finding) => finding.ruleId === 'missing-row')).toEqual([]);
    },
  );

  it("a 2021 report printing 2019's （六）其他处理 row blank gets the mixed-template note, not three rows called missing", async () => {
    const result = await lintBytes(new TextEncoder().encode(page(real('hongze-2024'))), 'hongze-2024.html');
    const ids = result.diagnostics.map((diagnostic) => `${diagnostic.ruleId}/${diagnostic.messageId}`);
    expect(ids).toContain('mixed-template/foreign-row');
    expect(ids).not.toContain('missing-row/missing');
    expect(result.rules.find((rule) => rule.id === 'applications-outcome-sum')?.status).toBe('passed');
  });

  it("table 四's last figures left blank (hongze-2023's 复议后起诉 总计) are blank cells: its total fails as printed", async () => {
    const result = await lintBytes(new TextEncoder().encode(page(real('hongze-2023'))), 'hongze-2023.html');
    const totals = result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'review-litigation-total');
    expect(totals.map((diagnostic) => [diagnostic.messageId, diagnostic.cell?.row, diagnostic.evidence])).toEqual([
      ['mismatch', 'review', 'blank'],
      ['mismatch', 'litigationAfterReview', 'blank'],
    ]);
  });

  it('a 2021 table printing its （六）其他处理 group label as a blank row above its three rows is not a 2019 row', async () => {
    const html = page(real('huaian-2024'), { groupRows: true });
    expect(html).toContain('（三）不予公开</span>');
    const read = await readTextCells(html, 'huaian.html');
    expect(read.findings.filter((finding) => finding.ruleId === 'mixed-template')).toEqual([]);
    const report = real('huaian-2024');
    const expected: ExpectedCells = { template: '2021', applications: report.applications };
    expect(formatMismatches(compareCells(expected, read.document))).toBe('');
    expect(read.document.applications?.['otherHandling']).toBeUndefined();
  });
});

describe('pages that lay tables 三 and 四 out otherwise', () => {
  const expectedOf = (report: RealReport): ExpectedCells => ({
    template: report.template,
    applications: report.applications,
    reviewLitigation: report.reviewLitigation,
  });

  it('a 法人或其他组织 小计 column in table 三: 总计 is read from the 总计 column, not from 小计', async () => {
    const report = real('huaian-2024');
    const read = await readTextCells(page(report, { subtotal: true }), 'huaian.html');
    expect(formatMismatches(compareCells(expectedOf(report), read.document))).toBe('');
    const result = await lintBytes(new TextEncoder().encode(page(report, { subtotal: true })), 'huaian.html');
    expect(result.rules.find((rule) => rule.id === 'applications-row-total')?.status).toBe('passed');
  });

  it.each(['hongze-2023', 'huaian-2024'])(
    "%s: table 四's row of figures after a label cell of its own (件数), zero cells blank, is read in full",
    async (name) => {
      const report = real(name);
      const read = await readTextCells(page(report, { review: 'lead' }), `${name}.html`);
      const kinds = report.applications['otherHandling'] ? '2019' : report.template;
      expect(formatMismatches(compareCells(expectedOf(report), read.document, kinds))).toBe('');
      expect(read.findings.filter((finding) => ['missing-row', 'unknown-row'].includes(finding.ruleId))).toEqual([]);
    },
  );

  it('table 四 printed a row per group: a group with every cell blank (hongze-2023 未经复议直接起诉) is read blank, not missing', async () => {
    const report = real('hongze-2023');
    const read = await readTextCells(page(report, { review: 'groups' }), 'hongze-2023.html');
    expect(formatMismatches(compareCells(expectedOf(report), read.document, '2019'))).toBe('');
    expect(read.findings.filter((finding) => finding.ruleId === 'missing-row')).toEqual([]);
  });

  it.each(['－', '―', '－－'])(
    'zero cells printed as %s (a dash the value reader reads as blank) keep every cell in its column',
    async (mark) => {
      const report = real('huaian-2024');
      const html = page(report, { zero: mark });
      const read = await readTextCells(html, 'huaian.html');
      expect(formatMismatches(compareCells(expectedOf(report), read.document))).toBe('');
      const result = await lintBytes(new TextEncoder().encode(html), 'huaian.html');
      const failed = result.rules.filter((rule) => rule.status !== 'passed').map((rule) => rule.id);
      // The page prints tables 三 and 四 only (missing-table: 二); every sum holds, the dashes are blanks.
      expect(failed).toEqual(['empty-cell', 'missing-table']);
    },
  );

  it('a mark the value reader does not know (〇) in one cell: that cell is said not to be a number, the others keep their columns', async () => {
    const report = real('huaian-2024');
    const html = page(report).replace(
      /(予以公开.*?<\/td>(?:<td[^>]*>.*?<\/td>){2})<td([^>]*)>.*?<\/td>/u,
      '$1<td$2>〇</td>',
    );
    const read = await readTextCells(html, 'huaian.html');
    expect(read.document.applications?.['granted']?.['research']).toBe('〇');
    const { research: _research, ...others } = report.applications['granted']!;
    const expected: ExpectedCells = { template: '2021', applications: { ...report.applications, granted: others } };
    expect(formatMismatches(compareCells(expected, read.document))).toBe('');
  });

  it('a 备注 column with a remark in one row: the row is read, the remark is not a label', async () => {
    const report = real('hongze-2024');
    const read = await readTextCells(page(report, { remark: '含依申请公开3件' }), 'hongze-2024.html');
    expect(formatMismatches(compareCells(expectedOf(report), read.document, '2019'))).toBe('');
    expect(read.findings.filter((finding) => finding.ruleId === 'missing-row')).toEqual([]);
  });
});

describe('pages whose cells omit their end tags', () => {
  it.each(['hongze-2023', 'hongze-2024', 'huaian-2024'])(
    '%s: cells without </p> nor </td> (<td><p>1<td><p>2; huaian without </tr> too) are each their own cell, as a browser reads them',
    async (name) => {
      const report = real(name);
      const html = page(report)
        .replace(/<\/p><\/td>/gu, '')
        .replace(/<\/tr>/gu, name === 'huaian-2024' ? '' : '</tr>');
      expect(html).not.toContain('</td>');
      const read = await readTextCells(html, `${name}.html`);
      const expected: ExpectedCells = {
        template: report.template,
        applications: report.applications,
        reviewLitigation: report.reviewLitigation,
      };
      const kinds = report.applications['otherHandling'] ? '2019' : report.template;
      expect(formatMismatches(compareCells(expected, read.document, kinds))).toBe('');
      expect(read.findings.filter((finding) => finding.ruleId === 'missing-row')).toEqual([]);
    },
  );
});

describe('a 无 in a row of table 三 otherwise blank', () => {
  const report = real('huaian-2024');
  const row = /(3\.要求提供公开出版物<\/span>.*?<\/td>)(<td[^>]*>)(.*?)<\/td>((?:<td[^>]*>.*?<\/td>){6})/u;
  const mark = (inner: string): string => inner.replace(/<o:p>&nbsp;<\/o:p>/u, '无');

  it('printed in its first column alone (its six other cells blank, each a cell of its own), is that cell only', async () => {
    const html = page(report).replace(row, (_all, label: string, open: string, inner: string, rest: string) => {
      return `${label}${open}${mark(inner)}</td>${rest}`;
    });
    expect(html).toMatch(/3\.要求提供公开出版物.*?>无</u);
    const read = await readTextCells(html, 'huaian.html');
    expect(read.document.applications?.['notProcessedPublication']).toEqual({
      naturalPerson: '无',
      commercial: '',
      research: '',
      publicInterest: '',
      legalService: '',
      otherOrg: '',
      total: '',
    });
    expect(read.findings.filter((finding) => finding.ruleId === 'collapsed-row')).toEqual([]);
  });

  it('merged over the row (colspan=7) is every cell 无, reported once as a collapsed row', async () => {
    const html = page(report).replace(row, (_all, label: string, open: string, inner: string) => {
      return `${label}${open.replace('<td ', '<td colspan=7 ')}${mark(inner)}</td>`;
    });
    const read = await readTextCells(html, 'huaian.html');
    expect(Object.values(read.document.applications?.['notProcessedPublication'] ?? {})).toEqual(
      new Array(7).fill('无'),
    );
    expect(read.findings.filter((finding) => finding.ruleId === 'collapsed-row')).toHaveLength(1);
  });
});

describe('a figure cell holding text that is no label', () => {
  const report = real('huaian-2024');
  const granted = report.applications['granted']!;
  /** The page with （一）予以公开's 自然人 cell, its first figure, holding `inner` (its figure is `${granted.naturalPerson}`). */
  const withCell = (inner: string): string =>
    page(report).replace(/(予以公开.*?<\/td>)<td([^>]*)>.*?<\/td>/u, `$1<td$2>${inner}</td>`);
  const { naturalPerson: _naturalPerson, ...others } = granted;
  const expected: ExpectedCells = { template: '2021', applications: { ...report.applications, granted: others } };

  it.each([
    ['N/A', 'N/A'],
    ['a footnote mark in brackets', `${granted.naturalPerson}[1]`],
    ['a footnote mark *', `${granted.naturalPerson}*`],
    ['a superscript footnote mark', `${granted.naturalPerson}<sup>1</sup>`],
    ['a struck figure before it', `<s>${(granted.naturalPerson ?? 0) + 1}</s>${granted.naturalPerson}`],
  ])(
    '%s: the cell is read as printed, not run into a figure nor taken for a label, and the others keep their columns',
    async (_name, inner) => {
      const read = await readTextCells(withCell(inner), 'huaian.html');
      const raw = read.document.applications?.['granted']?.['naturalPerson'];
      expect(typeof raw === 'string' && Number.isNaN(Number(raw))).toBe(true);
      expect(formatMismatches(compareCells(expected, read.document))).toBe('');
    },
  );
});
