import type { ErrorObject } from 'ajv';
import { getTemplate, isTableKey } from '../model/template.js';
import type { TemplateId } from '../model/types.js';
import { escapePointerSegment } from '../read/json-positions.js';

/** A structural problem found by JSON Schema, reduced to one message id with its data and the pointer it concerns. */
export interface SchemaProblem {
  messageId: 'required' | 'additional' | 'type' | 'enum' | 'invalid';
  pointer: string;
  data: Record<string, string>;
}

const NOISE = new Set(['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', '$ref']);
const TYPE_NAMES: Record<string, string> = {
  object: '对象 {…} / object',
  number: '数字 / number',
  integer: '整数 / integer',
  string: '文字 / string',
  'number,string,null': '数字或文字 / number or string',
};

/** Turns raw ajv errors into one problem per place, without ajv's combinator noise. */
export function schemaProblems(errors: readonly ErrorObject[], template: TemplateId | undefined): SchemaProblem[] {
  const byPointer = new Map<string, SchemaProblem>();
  for (const error of errors) {
    if (NOISE.has(error.keyword)) continue;
    const problem = toProblem(error, template);
    if (!byPointer.has(problem.pointer)) byPointer.set(problem.pointer, problem);
  }
  return [...byPointer.values()];
}

function toProblem(error: ErrorObject, template: TemplateId | undefined): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  const where = describePointer(error.instancePath, template);
  switch (error.keyword) {
    case 'required': {
      const property = String(params['missingProperty']);
      const pointer = `${error.instancePath}/${escapePointerSegment(property)}`;
      return {
        messageId: 'required',
        pointer,
        data: { where, property: describeKey(pointer, template), key: property },
      };
    }
    case 'additionalProperties': {
      const property = String(params['additionalProperty']);
      return {
        messageId: 'additional',
        pointer: `${error.instancePath}/${escapePointerSegment(property)}`,
        data: { where, property, key: property },
      };
    }
    case 'false schema': {
      // A property the schema forbids where it stands (an older template's row beside the rows it stands for): not part of this template there.
      const segments = error.instancePath.split('/');
      const property = (segments.pop() ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
      return {
        messageId: 'additional',
        pointer: error.instancePath,
        data: { where: describePointer(segments.join('/'), template), property, key: property },
      };
    }
    case 'type': {
      const expected = Array.isArray(params['type']) ? params['type'].join(',') : String(params['type']);
      return {
        messageId: 'type',
        pointer: error.instancePath,
        data: { where, expected: TYPE_NAMES[expected] ?? expected },
      };
    }
    case 'enum':
    case 'const': {
      const allowed = (params['allowedValues'] as unknown[] | undefined) ?? [params['allowedValue']];
      return {
        messageId: 'enum',
        pointer: error.instancePath,
        data: { where, allowed: allowed.map((value) => JSON.stringify(value)).join(', ') },
      };
    }
    default:
      return {
        messageId: 'invalid',
        pointer: error.instancePath,
        data: { where, detail: error.message ?? error.keyword },
      };
  }
}

const TOP_LEVEL: Record<string, string> = {
  template: '模板（template）',
  year: '年度（year）',
  agency: '机关名称（agency）',
  narrative: '正文（narrative）',
};

/** A pointer in Chinese labels, e.g. "表三 › 一、本年新收政府信息公开申请数量"; the report itself is "报告". */
export function describePointer(pointer: string, template: TemplateId | undefined): string {
  if (pointer === '') return '报告';
  return pointer
    .split('/')
    .slice(1)
    .map((_, index, segments) => describeKey(`/${segments.slice(0, index + 1).join('/')}`, template))
    .join(' › ');
}

function describeKey(pointer: string, template: TemplateId | undefined): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [tableKey, row, column] = segments;
  const last = segments[segments.length - 1] ?? '';
  if (segments.length === 1) return TOP_LEVEL[last] ?? tableLabel(last, template) ?? last;
  if (!template || tableKey === undefined || !isTableKey(tableKey)) return last;
  const compiled = getTemplate(template);
  if (segments.length === 2 && row !== undefined)
    return compiled.table(tableKey).rows.some((candidate) => candidate.key === row)
      ? compiled.rowLabel(tableKey, row)
      : row;
  if (segments.length === 3 && column !== undefined)
    return compiled.table(tableKey).columns.some((candidate) => candidate.key === column)
      ? compiled.columnLabel(tableKey, column)
      : column;
  return last;
}

function tableLabel(key: string, template: TemplateId | undefined): string | undefined {
  if (!isTableKey(key)) return undefined;
  return getTemplate(template ?? '2021').table(key).short;
}
