/** Builds schemas/report.schema.json from the two template definitions, so the input schema cannot drift from them. */
export function buildReportSchema(templates) {
  const definitions = { value: { type: ['number', 'string', 'null'], description: '数字，或报告原文（"无"、""、"—"、"1,234"、"4449.48万元"）' } };
  const branches = [];
  for (const template of templates) {
    const refs = {};
    for (const table of template.tables) {
      const name = `${table.key}${template.id}`;
      const properties = {};
      const labels = Object.fromEntries(table.columns.map((column) => [column.key, column.label]));
      for (const row of table.rows) {
        const columns = row.columns ?? table.columns.map((column) => column.key);
        const rowDefinition = `${name}_${columns.join('_')}`;
        definitions[rowDefinition] ??= {
          type: 'object',
          required: columns,
          additionalProperties: false,
          properties: Object.fromEntries(columns.map((key) => [key, { $ref: '#/definitions/value', description: labels[key] }])),
        };
        properties[row.key] = { $ref: `#/definitions/${rowDefinition}`, description: row.group ? `${row.group} › ${row.label}` : row.label };
      }
      definitions[name] = {
        type: 'object',
        description: `${table.label}（${template.id} 年模板）`,
        required: table.rows.map((row) => row.key),
        additionalProperties: false,
        properties,
      };
      refs[table.key] = { $ref: `#/definitions/${name}` };
    }
    const years = template.years.to === undefined ? { minimum: template.years.from } : { minimum: template.years.from, maximum: template.years.to };
    branches.push({
      if: { required: ['template'], properties: { template: { const: template.id } } },
      then: { properties: refs },
    });
    branches.push({
      if: { not: { required: ['template'] }, required: ['year'], properties: { year: years } },
      then: { properties: refs },
    });
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://xxgk-lint.dev/schemas/report.schema.json',
    title: '政府信息公开工作年度报告 (xxgk-lint canonical report)',
    description: 'Generated from schemas/templates/*.json by scripts/generate.mjs; do not edit by hand.',
    type: 'object',
    required: ['active', 'applications', 'reviewLitigation'],
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      template: { enum: templates.map((template) => template.id), description: '模板：2019（试行格式）或 2021（修订格式）' },
      year: { type: 'integer', minimum: 1990, maximum: 2100, description: '报告年度' },
      agency: { type: 'string', description: '机关名称' },
      active: { type: 'object', description: '二、主动公开政府信息情况' },
      applications: { type: 'object', description: '三、收到和处理政府信息公开申请情况' },
      reviewLitigation: { type: 'object', description: '四、政府信息公开行政复议、行政诉讼情况' },
      narrative: {
        type: 'object',
        description: '一、五、六（正文）',
        additionalProperties: false,
        properties: { overview: { type: 'string' }, problems: { type: 'string' }, other: { type: 'string' } },
      },
    },
    allOf: branches,
    definitions,
  };
}
