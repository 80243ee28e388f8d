// Writes docs/rules/<id>.md, one page per rule, docs/rules/README.md (the index) and the rule ids of
// schemas/config.schema.json (so editors complete them) from the catalogue
// (schemas/rules.json) and the documentation data (schemas/rule-docs.json: examples, how to fix), so the pages cannot
// drift from the rules: `--check` writes nothing and exits 1 when a committed page differs from what this gives.
// Usage: node scripts/rule-docs.mjs [--check]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const LOCALES = ['zh-CN', 'en'];

const STANDING = {
  official: { 'zh-CN': '模板原文（official）：国家模板的表注或表格本身规定', en: "official: the national template's own note or table says so" },
  implied: { 'zh-CN': '模板隐含（implied）：由模板的行列名称推出', en: "implied: follows from the template's row and column labels" },
  practice: { 'zh-CN': '实践（practice）：填报与发布中的通行做法，模板未明文规定', en: 'practice: common practice in filling in and publishing reports; the template does not say it' },
};
const SEVERITY = { error: '错误 error', warning: '警告 warning', info: '提示 info' };

/** Every page by its path under the repository, as the catalogue and the documentation data give it. */
export function renderRuleDocs() {
  const catalogue = readJson('schemas/rules.json');
  const docs = readJson('schemas/rule-docs.json');
  const messages = readJson('schemas/messages.json');
  const problems = [];
  const validate = new Ajv({ allErrors: true, strict: true }).compile(readJson('schemas/rule-docs.schema.json'));
  if (!validate(docs)) for (const error of validate.errors) problems.push(`schemas/rule-docs.json${error.instancePath}: ${error.message}`);
  const ids = catalogue.rules.map((rule) => rule.id);
  for (const id of ids) if (!docs.rules[id]) problems.push(`schemas/rule-docs.json: no entry for rule ${id}`);
  for (const id of Object.keys(docs.rules)) if (!ids.includes(id)) problems.push(`schemas/rule-docs.json: ${id} is not a rule of schemas/rules.json`);
  if (problems.length > 0) throw new Error(problems.join('\n'));

  const pages = new Map();
  for (const rule of catalogue.rules) pages.set(`docs/rules/${rule.id}.md`, rulePage(rule, docs.rules[rule.id]));
  pages.set('docs/rules/input-error.md', fileErrorPage('input-error', docs.fileErrors['input-error'], messages.input));
  pages.set('docs/rules/internal-error.md', fileErrorPage('internal-error', docs.fileErrors['internal-error'], { 'internal-error': messages.cli['internal-error'] }));
  pages.set('docs/rules/README.md', indexPage(catalogue.rules, docs.fileErrors));
  pages.set('schemas/config.schema.json', configSchemaWithRules(readFileSync(join(root, 'schemas/config.schema.json'), 'utf8'), catalogue.rules));
  return pages;
}

/**
 * The configuration schema with every rule id under `rules.properties` (one line each, its description in both
 * languages), so that editors complete the ids; the rest of the file is kept as written.
 */
export function configSchemaWithRules(text, rules) {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line === '    "rules": {');
  const names = lines.findIndex((line, index) => index > start && line.startsWith('      "propertyNames"'));
  if (start === -1 || names === -1) throw new Error('schemas/config.schema.json: no "rules" object with "propertyNames" to list the rule ids under');
  let end = names;
  if (lines[names - 1] === '      },') end = lines.lastIndexOf('      "properties": {', names) ;
  const block = [
    '      "properties": {',
    ...rules.map((rule, index) => `        ${JSON.stringify(rule.id)}: { "description": ${JSON.stringify(`${rule.description['zh-CN']} · ${rule.description.en} (docs/rules/${rule.id}.md)`)}, "enum": ["error", "warning", "info", "off"] }${index < rules.length - 1 ? ',' : ''}`),
    '      },',
  ];
  const head = end === names ? lines.slice(0, names) : lines.slice(0, end);
  return [...head, ...block, ...lines.slice(names)].join('\n');
}

function rulePage(rule, doc) {
  const lines = [`# ${rule.id}`, ''];
  lines.push('| 级别 severity | 模板 templates | 依据性质 standing | 类型 kind |', '|---|---|---|---|');
  lines.push(`| ${SEVERITY[rule.severity]} | ${rule.templates.join(', ')} | ${rule.standing} | \`${rule.kind}\` |`, '');
  lines.push('## 检查什么 · What it checks', '', ...LOCALES.flatMap((locale) => [rule.description[locale], '']));
  lines.push('## 为什么 · Why', '', `${rule.basis['zh-CN']}。`.replace(/。。$/, '。'), '', `${rule.basis.en}.`.replace(/\.\.$/, '.'), '');
  lines.push(`- ${STANDING[rule.standing]['zh-CN']}`, `- ${STANDING[rule.standing].en}`, '');
  lines.push('## 示例 · Examples', '', '通过 · Passes:', '', fence(doc.examples.pass), '', '不通过 · Fails:', '', fence(doc.examples.fail), '');
  lines.push('## 如何修改 · How to fix', '', doc.fix['zh-CN'], '', doc.fix.en, '');
  lines.push('## 消息 · Messages', '', '| id | zh-CN | en |', '|---|---|---|');
  for (const [id, text] of Object.entries(rule.messages)) lines.push(`| \`${id}\` | ${cell(text['zh-CN'])} | ${cell(text.en)} |`);
  lines.push('', '## 选项 · Options', '');
  lines.push(
    `级别可在配置文件中改为 error、warning、info 或关闭：\`"rules": { "${rule.id}": "off" }\`，或在命令行用 \`--rule ${rule.id}:warning\`；已知并接受的问题用配置中的 \`exceptions\`（须写明 \`reason\`）。`,
    '',
    `Its severity can be set in the configuration, \`"rules": { "${rule.id}": "off" }\` (error, warning, info or off), or with \`--rule ${rule.id}:warning\`; a known and accepted finding goes in the configuration's \`exceptions\` (with a \`reason\`).`,
    '',
  );
  if (Object.keys(rule.options).length > 0) lines.push('规则的定义（schemas/rules.json）· The rule as defined in schemas/rules.json:', '', '```json', JSON.stringify(rule.options, null, 2), '```', '');
  lines.push('---', '', '由 `npm run docs:rules` 从 schemas/rules.json 与 schemas/rule-docs.json 生成，请勿直接修改。· Generated by `npm run docs:rules` from schemas/rules.json and schemas/rule-docs.json; do not edit.', '');
  return lines.join('\n');
}

function fileErrorPage(id, doc, messages) {
  const lines = [`# ${id}`, '', `> ${doc.description['zh-CN']}`, '>', `> ${doc.description.en}`, ''];
  lines.push('| 级别 severity | 退出码 exit code |', '|---|---|', `| ${SEVERITY.error} | 2 |`, '');
  lines.push('## 为什么 · Why', '', doc.why['zh-CN'], '', doc.why.en, '');
  lines.push('## 如何修改 · How to fix', '', doc.fix['zh-CN'], '', doc.fix.en, '');
  lines.push('## 消息 · Messages', '', '| id | zh-CN | en |', '|---|---|---|');
  for (const [messageId, text] of Object.entries(messages)) lines.push(`| \`${messageId}\` | ${cell(text['zh-CN'])} | ${cell(text.en)} |`);
  lines.push('', '---', '', '由 `npm run docs:rules` 从 schemas/rule-docs.json 与 schemas/messages.json 生成，请勿直接修改。· Generated by `npm run docs:rules` from schemas/rule-docs.json and schemas/messages.json; do not edit.', '');
  return lines.join('\n');
}

function indexPage(rules, fileErrors) {
  const lines = ['# 规则 · Rules', '', '| 规则 rule | 级别 severity | 模板 templates | 说明 | description |', '|---|---|---|---|---|'];
  for (const rule of rules) lines.push(`| [\`${rule.id}\`](${rule.id}.md) | ${rule.severity} | ${rule.templates.join(', ')} | ${cell(rule.description['zh-CN'])} | ${cell(rule.description.en)} |`);
  for (const [id, doc] of Object.entries(fileErrors)) lines.push(`| [\`${id}\`](${id}.md) | error | — | ${cell(doc.description['zh-CN'])} | ${cell(doc.description.en)} |`);
  lines.push('', '---', '', '由 `npm run docs:rules` 生成，请勿直接修改。· Generated by `npm run docs:rules`; do not edit.', '');
  return lines.join('\n');
}

function fence(excerpts) {
  return ['```text', ...excerpts, '```'].join('\n');
}

function cell(text) {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  const pages = renderRuleDocs();
  const folder = join(root, 'docs/rules');
  mkdirSync(folder, { recursive: true });
  const present = [...readdirSync(folder).filter((name) => name.endsWith('.md')).map((name) => `docs/rules/${name}`), 'schemas/config.schema.json'];
  const drift = [];
  for (const [path, text] of pages) {
    let current;
    try {
      current = readFileSync(join(root, path), 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    drift.push(current === undefined ? `${path}: missing` : `${path}: differs`);
    if (!check) writeFileSync(join(root, path), text);
  }
  for (const path of present) {
    if (pages.has(path)) continue;
    drift.push(`${path}: not a rule`);
    if (!check) rmSync(join(root, path));
  }
  if (check && drift.length > 0) {
    process.stderr.write(`docs/rules/ or schemas/config.schema.json is out of date (run npm run docs:rules):\n${drift.map((line) => `  ${line}`).join('\n')}\n`);
    process.exit(1);
  }
  if (!check) process.stdout.write(`docs/rules/: ${pages.size} pages${drift.length > 0 ? `, ${drift.length} written or removed` : ', all up to date'}\n`);
}
