// ajv's raw errors turned into one problem per place, in the words of the template (src/diagnostics/ajv.ts): each
// keyword the report schema uses, and the combinator noise dropped.
import type { ErrorObject } from 'ajv';
import { describePointer, schemaProblems } from '../../src/diagnostics/ajv.js';

const error = (keyword: string, instancePath: string, params: Record<string, unknown>, message?: string) =>
  ({ keyword, instancePath, schemaPath: '#', params, ...(message ? { message } : {}) }) as ErrorObject;

describe('schemaProblems', () => {
  it('required: the missing key, named by its label', () => {
    expect(schemaProblems([error('required', '/applications', { missingProperty: 'new' })], '2021')).toEqual([
      {
        messageId: 'required',
        pointer: '/applications/new',
        data: { where: '表三', property: '一、本年新收政府信息公开申请数量', key: 'new' },
      },
    ]);
  });

  it('additionalProperties and a false schema: the key that does not belong where it stands', () => {
    expect(schemaProblems([error('additionalProperties', '', { additionalProperty: 'a/b' })], '2021')).toEqual([
      { messageId: 'additional', pointer: '/a~1b', data: { where: '报告', property: 'a/b', key: 'a/b' } },
    ]);
    expect(schemaProblems([error('false schema', '/applications/other~1x', {})], '2021')).toEqual([
      {
        messageId: 'additional',
        pointer: '/applications/other~1x',
        data: { where: '表三', property: 'other/x', key: 'other/x' },
      },
    ]);
  });

  it('type: the expected type in both languages, or as ajv names it', () => {
    const [integer] = schemaProblems([error('type', '/applications/new/naturalPerson', { type: 'integer' })], '2021');
    expect(integer).toEqual({
      messageId: 'type',
      pointer: '/applications/new/naturalPerson',
      data: {
        where: '表三 › 一、本年新收政府信息公开申请数量 › 自然人',
        expected: '整数 / integer',
      },
    });
    const [several] = schemaProblems([error('type', '/year', { type: ['number', 'string', 'null'] })], '2021');
    expect(several?.data['expected']).toBe('数字或文字 / number or string');
    const [other] = schemaProblems([error('type', '/year', { type: 'boolean' })], '2021');
    expect(other?.data).toEqual({ where: '年度（year）', expected: 'boolean' });
  });

  it('enum and const: the allowed values as JSON', () => {
    expect(schemaProblems([error('enum', '/template', { allowedValues: ['2019', '2021'] })], undefined)).toEqual([
      { messageId: 'enum', pointer: '/template', data: { where: '模板（template）', allowed: '"2019", "2021"' } },
    ]);
    expect(schemaProblems([error('const', '/template', { allowedValue: '2021' })], undefined)[0]?.data).toEqual({
      where: '模板（template）',
      allowed: '"2021"',
    });
  });

  it("any other keyword: ajv's message, else the keyword", () => {
    expect(schemaProblems([error('minimum', '/year', {}, 'must be >= 2000')], '2021')[0]).toEqual({
      messageId: 'invalid',
      pointer: '/year',
      data: { where: '年度（year）', detail: 'must be >= 2000' },
    });
    expect(schemaProblems([error('pattern', '/agency', {})], '2021')[0]?.data['detail']).toBe('pattern');
  });

  it('drops the combinators and keeps the first problem of each place', () => {
    const problems = schemaProblems(
      [
        error('anyOf', '/year', {}),
        error('if', '/year', {}),
        error('type', '/year', { type: 'integer' }),
        error('minimum', '/year', {}, 'must be >= 2000'),
      ],
      '2021',
    );
    expect(problems.map((problem) => problem.messageId)).toEqual(['type']);
  });
});

describe('describePointer', () => {
  it('names tables, rows and columns by their labels, and what it does not know by its key', () => {
    expect(describePointer('', '2021')).toBe('报告');
    expect(describePointer('/reviewLitigation/review/corrected', '2021')).toBe('表四 › 行政复议 › 结果纠正');
    expect(describePointer('/applications/nosuchrow/nosuchcolumn', '2021')).toBe('表三 › nosuchrow › nosuchcolumn');
    // Without a template, a table's rows and columns are their keys.
    expect(describePointer('/applications/new/naturalPerson', undefined)).toMatch(/ › new › naturalPerson$/u);
    expect(describePointer('/narrative/overview/extra/deep', '2021')).toMatch(/ › deep$/u);
  });
});
