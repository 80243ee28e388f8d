import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportDocument } from '../../src/model/types.js';
import { RULES } from '../../src/rules/catalogue.js';
import { ROOT, fixtureDocument, lintDocument, ofRule, statusOf } from '../helpers/lint.js';

type Change = (document: ReportDocument) => void;

interface InvalidCase {
  name: string;
  base: 'clean-2021.json' | 'seed-2019.json';
  change: Change;
  /** The diagnostics the rule must give, in order: pointer of the cell and the numbers it reports. */
  expect: { pointer: string; messageId: string; data?: Record<string, unknown> }[];
  options?: { strict?: boolean };
}

const apps = (document: ReportDocument) =>
  document.applications as Record<string, Record<string, number | string | null>>;
const active = (document: ReportDocument) => document.active as Record<string, Record<string, number | string | null>>;
const review = (document: ReportDocument) =>
  document.reviewLitigation as Record<string, Record<string, number | string | null>>;

const INVALID: Record<string, InvalidCase[]> = {
  'applications-balance': [
    {
      name: '四、结转 one too many in 商业企业 (row total kept)',
      base: 'clean-2021.json',
      change: (d) => {
        apps(d)['carriedForward']!['commercial'] = 3;
        apps(d)['carriedForward']!['total'] = 13;
      },
      expect: [
        {
          pointer: '/applications/new/commercial',
          messageId: 'mismatch',
          data: { left: 97, right: 98, difference: -1 },
        },
        { pointer: '/applications/new/total', messageId: 'mismatch', data: { left: 695, right: 696, difference: -1 } },
      ],
    },
  ],
  'applications-outcome-sum': [
    {
      name: '(七)总计 自然人 one short',
      base: 'clean-2021.json',
      change: (d) => {
        apps(d)['total']!['naturalPerson'] = 261;
        apps(d)['new']!['naturalPerson'] = 264;
      },
      expect: [
        {
          pointer: '/applications/total/naturalPerson',
          messageId: 'mismatch',
          data: { left: 261, right: 262, difference: -1 },
        },
      ],
    },
  ],
  'applications-row-total': [
    {
      name: '4.保护第三方合法权益 总计 one too many',
      base: 'clean-2021.json',
      change: (d) => {
        apps(d)['withheldThirdParty']!['total'] = 12;
      },
      expect: [
        {
          pointer: '/applications/withheldThirdParty/total',
          messageId: 'mismatch',
          data: { left: 12, right: 11, difference: 1 },
        },
      ],
    },
  ],
  'review-litigation-total': [
    {
      name: '行政复议 总计 9 instead of 8',
      base: 'clean-2021.json',
      change: (d) => {
        review(d)['review']!['total'] = 9;
      },
      expect: [
        {
          pointer: '/reviewLitigation/review/total',
          messageId: 'mismatch',
          data: { expected: 8, actual: 9, difference: 1 },
        },
      ],
    },
  ],
  'item-change': [
    {
      name: '行政许可 36 − 40 < 0',
      base: 'seed-2019.json',
      change: (d) => {
        active(d)['licensing']!['change'] = -40;
      },
      expect: [{ pointer: '/active/licensing/previousItems', messageId: 'mismatch', data: { left: -4, right: 0 } }],
    },
  ],
  'published-not-above-total': [
    {
      name: '规范性文件 total 3 below new 5',
      base: 'seed-2019.json',
      change: (d) => {
        active(d)['normativeDocuments'] = { made: 5, published: 5, totalPublished: 3 };
      },
      expect: [
        {
          pointer: '/active/normativeDocuments/totalPublished',
          messageId: 'mismatch',
          data: { left: 3, right: 5, shortfall: 2 },
        },
      ],
    },
  ],
  'non-negative': [
    {
      name: '行政处罚 decisions −5',
      base: 'clean-2021.json',
      change: (d) => {
        active(d)['penalty']!['decisions'] = -5;
      },
      expect: [{ pointer: '/active/penalty/decisions', messageId: 'negative', data: { value: -5 } }],
    },
    {
      name: 'a negative fee',
      base: 'clean-2021.json',
      change: (d) => {
        active(d)['fees']!['amount'] = '-3.5';
      },
      expect: [{ pointer: '/active/fees/amount', messageId: 'negative', data: { value: '-3.5' } }],
    },
  ],
  integer: [
    {
      name: '复议后起诉 结果维持 0.5',
      base: 'clean-2021.json',
      change: (d) => {
        review(d)['litigationAfterReview']!['upheld'] = 0.5;
        review(d)['litigationAfterReview']!['total'] = 1.5;
      },
      expect: [
        { pointer: '/reviewLitigation/litigationAfterReview/upheld', messageId: 'fraction', data: { value: 0.5 } },
        { pointer: '/reviewLitigation/litigationAfterReview/total', messageId: 'fraction', data: { value: 1.5 } },
      ],
    },
  ],
  'template-year': [
    {
      name: 'a 2023 report stating the 2019 template',
      base: 'clean-2021.json',
      change: (d) => {
        d.template = '2019';
      },
      expect: [{ pointer: '/template', messageId: 'mismatch', data: { year: 2023, expected: '2021', actual: '2019' } }],
    },
    {
      name: 'a 2018 report',
      base: 'seed-2019.json',
      change: (d) => {
        delete d.template;
        d.year = 2018;
      },
      expect: [{ pointer: '/year', messageId: 'pre-2019', data: { year: 2018 } }],
    },
    {
      name: 'neither template nor year',
      base: 'clean-2021.json',
      change: (d) => {
        delete d.template;
        delete d.year;
      },
      expect: [{ pointer: '', messageId: 'unknown' }],
    },
  ],
  'value-format': [
    {
      name: '行政许可 written in words',
      base: 'clean-2021.json',
      change: (d) => {
        active(d)['licensing']!['decisions'] = '约一万';
      },
      expect: [{ pointer: '/active/licensing/decisions', messageId: 'unreadable', data: { text: '约一万' } }],
    },
  ],
  'empty-cell': [
    {
      name: 'two blanks in one row of table 三',
      base: 'clean-2021.json',
      change: (d) => {
        apps(d)['notProcessedRepeat']!['research'] = '—';
        apps(d)['notProcessedRepeat']!['legalService'] = '';
      },
      expect: [
        {
          pointer: '/applications/notProcessedRepeat/research',
          messageId: 'empty',
          data: { table: 'applications', count: 2 },
        },
      ],
    },
    {
      name: 'strict mode calls them missing',
      base: 'clean-2021.json',
      options: { strict: true },
      change: (d) => {
        apps(d)['notProcessedRepeat']!['research'] = null;
      },
      expect: [{ pointer: '/applications/notProcessedRepeat/research', messageId: 'missing', data: { count: 1 } }],
    },
  ],
  'zero-marker': [
    {
      name: '无 and 0件 in table 四',
      base: 'clean-2021.json',
      change: (d) => {
        review(d)['litigationAfterReview'] = { upheld: '无', corrected: '0件', other: '零', pending: '0', total: '無' };
      },
      expect: [
        {
          pointer: '/reviewLitigation/litigationAfterReview/upheld',
          messageId: 'marker',
          data: { table: 'reviewLitigation', count: 4, marker: '无' },
        },
      ],
    },
  ],
  unit: [
    {
      name: 'a fee in 元 is converted',
      base: 'clean-2021.json',
      change: (d) => {
        active(d)['fees']!['amount'] = '850000元';
      },
      expect: [{ pointer: '/active/fees/amount', messageId: 'converted', data: { value: '85' } }],
    },
    {
      name: 'a procurement total with no unit is read as 万元',
      base: 'seed-2019.json',
      change: (d) => {
        active(d)['procurement']!['amount'] = '251000';
      },
      expect: [{ pointer: '/active/procurement/amount', messageId: 'guessed', data: { value: '251000' } }],
    },
  ],
  'narrative-figures': [
    {
      name: 'the overview quotes 5 applications more than table 三 has',
      base: 'clean-2021.json',
      change: (d) => {
        d.narrative = {
          ...d.narrative,
          overview: `2023年，共收到政府信息公开申请${Number(apps(d)['new']!['total']) + 5}件。`,
        };
      },
      expect: [{ pointer: '/narrative/overview', messageId: 'mismatch', data: { difference: -5 } }],
    },
    {
      name: 'a figure quoted across a line break, as text taken from a PDF has it',
      base: 'clean-2021.json',
      change: (d) => {
        d.narrative = {
          ...d.narrative,
          overview: `2023 年，区政府办代表区政府受理政府\n信息公开申请 17 件，均已答复。`,
        };
      },
      expect: [
        {
          pointer: '/narrative/overview',
          messageId: 'mismatch',
          data: { figure: 17, actual: 687, quote: '受理政府信息公开申请17件' },
        },
      ],
    },
  ],
  schema: [
    {
      name: 'a missing row and an unknown key',
      base: 'clean-2021.json',
      change: (d) => {
        delete apps(d)['otherMisc'];
        (apps(d)['carriedForward'] as Record<string, unknown>)['extra'] = 1;
      },
      expect: [
        { pointer: '/applications/otherMisc', messageId: 'required', data: { key: 'otherMisc' } },
        { pointer: '/applications/carriedForward/extra', messageId: 'additional', data: { key: 'extra' } },
      ],
    },
    {
      name: 'a table that is not an object',
      base: 'clean-2021.json',
      change: (d) => {
        (d as Record<string, unknown>)['reviewLitigation'] = [1, 2];
      },
      expect: [{ pointer: '/reviewLitigation', messageId: 'type' }],
    },
  ],
};

/** Rules checked elsewhere: reader findings need non-JSON inputs (test/read), continuity needs two reports (test/continuity), config findings a configuration (test/cli/config). */
const READER_RULES = new Set(
  RULES.filter((rule) => rule.kind === 'reader' || rule.kind === 'continuity' || rule.kind === 'config').map(
    (rule) => rule.id,
  ),
);

describe('every rule has passing and failing cases', () => {
  it.each(RULES.filter((rule) => !READER_RULES.has(rule.id)).map((rule) => rule.id))('%s has a case table', (id) => {
    expect(INVALID[id]?.length).toBeGreaterThan(0);
  });
});

describe.each(Object.entries(INVALID))('%s', (ruleId, cases) => {
  it('passes on the clean reports', async () => {
    for (const base of ['clean-2021.json', 'seed-2019.json'] as const) {
      const result = await lintDocument(fixtureDocument(`json/${base}`));
      const expected = ruleId === 'zero-marker' && base === 'seed-2019.json' ? 'failed' : 'passed';
      if (RULES.find((rule) => rule.id === ruleId)?.templates.includes(result.template!))
        expect(statusOf(result, ruleId)).toBe(expected);
    }
  });

  it.each(cases.map((testCase) => [testCase.name, testCase] as const))('fails: %s', async (_name, testCase) => {
    const document = fixtureDocument(`json/${testCase.base}`);
    testCase.change(document);
    const result = await lintDocument(document, testCase.options ?? {});
    const found = ofRule(result, ruleId).filter((diagnostic) => diagnostic.messageId !== 'not-evaluated');
    expect(
      found.map((diagnostic) => ({ pointer: diagnostic.location.pointer, messageId: diagnostic.messageId })),
    ).toEqual(testCase.expect.map(({ pointer, messageId }) => ({ pointer, messageId })));
    testCase.expect.forEach((expected, index) => {
      const diagnostic = found[index]!;
      if (expected.data) expect(diagnostic.data).toMatchObject(expected.data);
      expect(diagnostic.location.line).toBeGreaterThan(0);
      expect(diagnostic.location.column).toBeGreaterThan(0);
    });
    expect(statusOf(result, ruleId)).toBe('failed');
  });
});

describe('fixtures/json/broken', () => {
  const directory = join(ROOT, 'fixtures/json/broken');
  const files = readdirSync(directory).filter((name) => name.endsWith('.json') && name !== 'syntax-error.json');
  it.each(files)('%s is caught by the rule it is named after', async (name) => {
    const ruleId = name.replace(/\.json$/, '').replace(/^applications-one-wrong-cell$/, 'applications-outcome-sum');
    const result = await lintDocument(fixtureDocument(`broken/${name}`.replace(/^broken/, 'json/broken')));
    expect(ofRule(result, ruleId).length).toBeGreaterThan(0);
  });
});

describe('one wrong cell in table 三', () => {
  it('is named, with expected and actual, and as the one cell that repairs both failed sums', async () => {
    const result = await lintDocument(fixtureDocument('json/broken/applications-one-wrong-cell.json'));
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.map((diagnostic) => diagnostic.ruleId).sort()).toEqual([
      'applications-outcome-sum',
      'applications-row-total',
    ]);
    for (const diagnostic of errors) {
      expect(diagnostic.data['repair']).toMatchObject({
        cell: { table: 'applications', row: 'granted', column: 'naturalPerson' },
        from: 121,
        to: 120,
      });
    }
    const outcome = ofRule(result, 'applications-outcome-sum')[0]!;
    expect(outcome.data).toMatchObject({ expected: 263, actual: 262, difference: -1 });
    const terms = outcome.data['rightTerms'] as { cell: { row: string }; value: number }[];
    expect(terms).toHaveLength(21);
    expect(terms.find((term) => term.cell.row === 'granted')?.value).toBe(121);
  });

  it('names no repair when no single cell explains the failures', async () => {
    const document = fixtureDocument('json/clean-2021.json');
    apps(document)['carriedForward']!['commercial'] = 3;
    apps(document)['carriedForward']!['total'] = 13;
    const result = await lintDocument(document);
    for (const diagnostic of result.diagnostics) expect(diagnostic.data['repair']).toBeUndefined();
  });
});

describe('strict mode', () => {
  it('marks the rules that need an empty cell as not evaluated, and says so', async () => {
    const document = fixtureDocument('json/clean-2021.json');
    apps(document)['granted']!['research'] = '';
    const lenient = await lintDocument(document);
    expect(statusOf(lenient, 'applications-outcome-sum')).toBe('failed');
    const strict = await lintDocument(document, { strict: true });
    expect(statusOf(strict, 'applications-outcome-sum')).toBe('not-evaluated');
    expect(statusOf(strict, 'applications-row-total')).toBe('not-evaluated');
    const notEvaluated = ofRule(strict, 'applications-row-total').find(
      (diagnostic) => diagnostic.messageId === 'not-evaluated-empty',
    );
    expect(notEvaluated?.severity).toBe('warning');
    expect(notEvaluated?.data['missing']).toEqual([expect.objectContaining({ row: 'granted', column: 'research' })]);
  });

  it('an empty table never passes silently', async () => {
    const document = fixtureDocument('json/clean-2021.json');
    for (const row of Object.values(apps(document))) for (const key of Object.keys(row)) row[key] = '';
    const result = await lintDocument(document, { strict: true });
    expect(statusOf(result, 'applications-balance')).toBe('not-evaluated');
  });
});

describe('template override', () => {
  it('--template and --year decide the template', async () => {
    const document = fixtureDocument('json/clean-2021.json');
    delete document.template;
    delete document.year;
    expect((await lintDocument(document, { year: 2022 })).template).toBe('2021');
    const forced = await lintDocument(fixtureDocument('json/clean-2021.json'), { template: '2019' });
    expect(forced.template).toBe('2019');
    expect(ofRule(forced, 'schema').length).toBeGreaterThan(0);
  });
});
