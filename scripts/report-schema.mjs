/** Builds schemas/report.schema.json from the two template definitions, so the input schema cannot drift from them. */
export function buildReportSchema(templates) {
  const definitions = {
    value: {
      type: ['number', 'string', 'null'],
      description: '数字，或报告原文（"无"、""、"—"、"1,234"、"4449.48万元"）',
    },
  };
  const branches = [];
  for (const template of templates) {
    const refs = {};
    for (const table of template.tables) {
      const name = `${table.key}${template.id}`;
      const properties = {};
      const labels = Object.fromEntries(table.columns.map((column) => [column.key, column.label]));
      const rowDefinitionOf = (row) => {
        const columns = row.columns ?? table.columns.map((column) => column.key);
        const rowDefinition = `${name}_${columns.join('_')}`;
        // Every cell may be left out: a cell not in the input is absent (the rules that need it say it could not be
        // checked), never a structural error, so that a document converted from a report missing some cells is valid.
        definitions[rowDefinition] ??= {
          type: 'object',
          description:
            'A cell left out is absent (not in the input); "" or a marker such as "—" is a blank cell, counted as 0 with a warning.',
          additionalProperties: false,
          properties: Object.fromEntries(
            columns.map((key) => [key, { $ref: '#/definitions/value', description: labels[key] }]),
          ),
        };
        return rowDefinition;
      };
      for (const row of table.rows) {
        properties[row.key] = {
          $ref: `#/definitions/${rowDefinitionOf(row)}`,
          description: row.group ? `${row.group} › ${row.label}` : row.label,
        };
      }
      // An older template's row a report prints instead of rows of this one (2019's （六）其他处理 in a 2021 report):
      // allowed in their place, with the columns of the rows it stands for; the rows it stands for are then not required.
      const legacyRows = table.legacyRows ?? [];
      const replaced = new Set(legacyRows.flatMap((legacy) => legacy.standsFor));
      for (const legacy of legacyRows) {
        const last = table.rows.find((row) => row.key === legacy.standsFor[legacy.standsFor.length - 1]);
        properties[legacy.key] = {
          $ref: `#/definitions/${rowDefinitionOf(last)}`,
          description: `${legacy.label}（旧模板的行，代替 ${legacy.standsFor.join('、')}；按其合计核对）`,
        };
      }
      definitions[name] = {
        type: 'object',
        description: `${table.label}（${template.id} 年模板）`,
        required: table.rows.map((row) => row.key).filter((key) => !replaced.has(key)),
        additionalProperties: false,
        properties,
        ...(legacyRows.length > 0
          ? {
              allOf: legacyRows.map((legacy) => ({
                // With any of the rows it stands for, those rows are all required and the older row is not allowed
                // (it would be ignored); without them, the older row stands in for them, or they are all missing.
                if: { anyOf: legacy.standsFor.map((key) => ({ required: [key] })) },
                then: { required: legacy.standsFor, properties: { [legacy.key]: false } },
                else: { if: { required: [legacy.key] }, else: { required: legacy.standsFor } },
              })),
            }
          : {}),
      };
      refs[table.key] = { $ref: `#/definitions/${name}` };
    }
    const years =
      template.years.to === undefined
        ? { minimum: template.years.from }
        : { minimum: template.years.from, maximum: template.years.to };
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
      template: {
        enum: templates.map((template) => template.id),
        description: '模板：2019（试行格式）或 2021（修订格式）',
      },
      year: { type: 'integer', minimum: 1990, maximum: 2100, description: '报告年度' },
      agency: { type: 'string', description: '机关名称' },
      $evidence: {
        type: 'object',
        description:
          'How cells reached this document when a reader made it from another format (xxgk-lint convert writes it): inferred lists the pointers of cells placed by a choice rather than read where they stand (run-together digits split, or values fewer than columns placed, by the row\'s own total); totalsUsed lists the rows (/applications/new) whose own total placed them, so their row-total check is not counted as passed; explained lists the rows and tables the input lacks for a reason the reading already reported (the text was cut off, a row could not be read), whose cells the rules then do not list as missing. Every other cell that is given was read; a blank ("" or "—") was printed empty; a cell left out is absent. Messages then say 推断 for the inferred cells, as for the original.',
        additionalProperties: false,
        properties: {
          inferred: {
            type: 'array',
            items: {
              type: 'string',
              pattern: '^/(active|applications|reviewLitigation)/[a-z][A-Za-z]*/[a-z][A-Za-z]*$',
            },
          },
          totalsUsed: {
            type: 'array',
            items: { type: 'string', pattern: '^/(active|applications|reviewLitigation)/[a-z][A-Za-z]*$' },
          },
          explained: {
            type: 'array',
            items: { type: 'string', pattern: '^/(active|applications|reviewLitigation)(/[a-z][A-Za-z]*)?$' },
          },
        },
      },
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
