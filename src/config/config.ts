import type { ErrorObject } from 'ajv';
import validateConfig from '../generated/validate-config.js';
import { cliMessage } from '../diagnostics/render.js';
import { getTemplate, isTableKey, TEMPLATE_IDS } from '../model/template.js';
import type { TableKey } from '../model/types.js';
import { JsonDepthError, JsonSyntaxError, scanJsonPositions } from '../read/json-positions.js';
import type { Locale, Severity } from '../rules/catalogue-types.js';
import { findRule, RULES } from '../rules/catalogue.js';
import type { RuleSetting } from '../rules/engine.js';

/** The name of the configuration file, looked for from the working folder upward. */
export const CONFIG_FILE_NAME = 'xxgk-lint.config.json';

/** A known, accepted finding: which rule, where, why, and until when. */
export interface Exception {
  rule: string;
  /** Glob patterns relative to the configuration file's folder; every file when absent. */
  files?: string[];
  table?: TableKey;
  row?: string;
  column?: string;
  reason: string;
  /** The last day it applies, YYYY-MM-DD. */
  expires?: string;
}

/** A note in a configuration file (JSON has no comments): a line, or lines. */
export type ConfigComment = string | string[];

/** xxgk-lint.config.json. */
export interface Config {
  $comment?: ConfigComment;
  rules?: Record<string, RuleSetting>;
  failOn?: Severity;
  strict?: boolean;
  locale?: Locale;
  /** Gitignore patterns, relative to the configuration file's folder, of files that globs and directories do not yield. */
  ignores?: string[];
  exceptions?: Exception[];
}

/** One problem of a configuration, with its place: its message in English, and its id and data (schemas/messages.json, cli) to say it in another locale. */
export interface ConfigProblem {
  pointer: string;
  line?: number;
  column?: number;
  message: string;
  messageId: string;
  data: Record<string, string | number>;
}

/** A problem as the catalogue has it: its id, data, and the English message. */
function problem(
  pointer: string,
  messageId: string,
  values: Record<string, string | number> = {},
  position?: { line: number; column: number },
): ConfigProblem {
  // Numbers as written (100001, not 100,001): they are depths and limits, not amounts.
  const data = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
  return {
    pointer,
    ...(position ? { line: position.line, column: position.column } : {}),
    message: cliMessage(messageId, 'en', data),
    messageId,
    data,
  };
}

/** A configuration read from text: the config, or every problem found in it at once. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** Parses and checks a configuration: JSON syntax, then its JSON Schema and the rule ids, tables, rows and dates it names; all problems at once. */
export async function parseConfig(text: string): Promise<ConfigResult> {
  let positions: Map<string, { line: number; column: number }>;
  try {
    positions = scanJsonPositions(text);
  } catch (error) {
    if (error instanceof JsonDepthError) {
      return {
        ok: false,
        problems: [problem('', 'config-too-deep', { depth: error.depth, limit: error.limit }, error.position)],
      };
    }
    if (error instanceof JsonSyntaxError)
      return { ok: false, problems: [problem('', 'config-json-syntax', { detail: error.detail }, error.position)] };
    throw error;
  }
  const value = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  const validate = validateConfig;
  const problems: ConfigProblem[] = [];
  const place = (pointer: string, messageId: string, data: Record<string, string | number> = {}) => {
    problems.push(problem(pointer, messageId, data, positions.get(pointer)));
  };
  if (!validate(value)) {
    const seen = new Set<string>();
    for (const error of validate.errors ?? []) {
      if (['if', 'then', 'else', 'allOf', 'anyOf', 'oneOf'].includes(error.keyword)) continue;
      const pointer =
        error.keyword === 'additionalProperties'
          ? `${error.instancePath}/${String(error.params['additionalProperty'])}`
          : error.instancePath;
      const { id, data } = describeError(error);
      const key = `${pointer} ${id} ${JSON.stringify(data)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      place(pointer, id, data);
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    // Keys and values here come from the file: tables are looked up only when they are table keys (the schema reports
    // any other), and rule ids only through the catalogue's Map.
    const config = value as Config;
    if (config.rules && typeof config.rules === 'object') {
      for (const id of Object.keys(config.rules))
        if (id !== '$comment' && !findRule(id)) place(`/rules/${id}`, 'config-unknown-rule', { id });
    }
    if (Array.isArray(config.exceptions)) {
      config.exceptions.forEach((exception, index) => {
        // The schema check has run, but this reads the raw value, which may be anything.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
        if (!exception || typeof exception !== 'object') return;
        const at = `/exceptions/${index}`;
        if (typeof exception.rule === 'string' && /^[a-z]/.test(exception.rule) && !findRule(exception.rule))
          place(`${at}/rule`, 'config-unknown-rule', { id: exception.rule });
        if ((exception.row !== undefined || exception.column !== undefined) && exception.table === undefined)
          place(at, 'config-needs-table');
        if (
          typeof exception.table === 'string' &&
          isTableKey(exception.table) &&
          typeof exception.row === 'string' &&
          !TEMPLATE_IDS.some((id) => getTemplate(id).rowKeys(exception.table!).includes(exception.row!))
        ) {
          place(`${at}/row`, 'config-no-row', { table: exception.table, row: exception.row });
        }
        if (
          typeof exception.table === 'string' &&
          isTableKey(exception.table) &&
          typeof exception.column === 'string' &&
          !TEMPLATE_IDS.some((id) =>
            getTemplate(id)
              .table(exception.table!)
              .columns.some((column) => column.key === exception.column),
          )
        ) {
          place(`${at}/column`, 'config-no-column', { table: exception.table, column: exception.column });
        }
        if (
          typeof exception.expires === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(exception.expires) &&
          !isRealDate(exception.expires)
        )
          place(`${at}/expires`, 'config-not-a-date', { date: exception.expires });
      });
    }
  }
  if (problems.length > 0)
    return {
      ok: false,
      problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)),
    };
  return { ok: true, config: value as Config };
}

/** The effective configuration: defaults, then the file, then the command line (--rule, --strict, --locale). */
export interface EffectiveConfig {
  configFile: string | null;
  locale: Locale;
  strict: boolean;
  failOn: Severity;
  /** Every rule's setting, catalogue order. */
  rules: Record<string, RuleSetting>;
  ignores: string[];
  exceptions: Exception[];
}

/** Merges defaults, a configuration and command-line overrides. */
export function effectiveConfig(
  config: Config,
  configFile: string | null,
  overrides: { rules?: Record<string, RuleSetting>; strict?: boolean; locale?: Locale; failOn?: Severity } = {},
): EffectiveConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const rule of RULES) rules[rule.id] = overrides.rules?.[rule.id] ?? config.rules?.[rule.id] ?? rule.severity;
  return {
    configFile,
    locale: overrides.locale ?? config.locale ?? 'zh-CN',
    strict: overrides.strict ?? config.strict ?? false,
    failOn: overrides.failOn ?? config.failOn ?? 'error',
    rules,
    ignores: config.ignores ?? [],
    exceptions: config.exceptions ?? [],
  };
}

/** Only the settings that differ from the catalogue, for the engine. */
export function ruleOverrides(config: EffectiveConfig): Record<string, RuleSetting> {
  const overrides: Record<string, RuleSetting> = {};
  for (const rule of RULES) {
    const setting = config.rules[rule.id];
    if (setting !== undefined && setting !== rule.severity) overrides[rule.id] = setting;
  }
  return overrides;
}

function isRealDate(text: string): boolean {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function describeError(error: ErrorObject): { id: string; data: Record<string, string> } {
  switch (error.keyword) {
    case 'additionalProperties':
      return { id: 'config-unknown-key', data: { key: String(error.params['additionalProperty']) } };
    case 'enum':
      return {
        id: 'config-enum',
        data: { values: (error.params['allowedValues'] as unknown[]).map((value) => JSON.stringify(value)).join(', ') },
      };
    case 'required':
      return { id: 'config-required', data: { key: String(error.params['missingProperty']) } };
    case 'pattern':
      return error.instancePath.endsWith('/expires')
        ? { id: 'config-date-form', data: {} }
        : { id: 'config-pattern', data: { pattern: String(error.params['pattern']) } };
    case 'propertyNames':
      return { id: 'config-not-rule-id', data: {} };
    default:
      return { id: 'config-schema', data: { detail: error.message ?? error.keyword } };
  }
}
