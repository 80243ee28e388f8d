import type { CellKind, TableKey, TemplateId } from '../model/types.js';

/** The locales messages are written in. */
export type Locale = 'zh-CN' | 'en';

/** A text in every locale. */
export type LocalizedText = Record<Locale, string>;

/** How severe a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** The rule kinds implemented in code; every rule in schemas/rules.json is one of these with options. */
export type RuleKindId =
  | 'sum-compare'
  | 'cell-predicate'
  | 'template-year'
  | 'value-note'
  | 'schema'
  | 'reader'
  | 'continuity'
  | 'narrative-figures'
  | 'config';

/** What a rule's standing rests on (format-spec §9): the template's own words, implied by labels, or practice. */
export type Standing = 'official' | 'implied' | 'practice';

/** One term of a sum: a row, a column (the other coordinate comes from `each`), or a named set of rows. */
export type SumTerm = { row: string } | { column: string } | { rowSet: string };

/** Options of a sum-compare rule: for each row or column, Σleft operator Σright. */
export interface SumCompareOptions {
  table: TableKey;
  each: { row: '*' | string[] } | { column: '*' | string[] };
  left: SumTerm[];
  operator: '=' | '>=';
  right: SumTerm[];
}

/** Options of a cell-predicate rule. */
export interface CellPredicateOptions {
  predicate: 'non-negative' | 'integer';
  kinds: CellKind[];
}

/** A term of a year-to-year relation: a row or a column (the other coordinate comes from `each`), added or subtracted. */
export interface SignedTerm {
  row?: string;
  column?: string;
  sign?: 1 | -1;
}

/** Options of a continuity rule: for each row or column, Σprevious (last year) + Σcurrent (this year) = target (this year). */
export interface ContinuityOptions {
  table: TableKey;
  each: { row: '*' | string[] } | { column: '*' | string[] };
  previous: SignedTerm[];
  current: SignedTerm[];
  target: SignedTerm;
  /** True when the two years must use the same template to compare. */
  sameTemplate: boolean;
}

/** Options of the narrative-figures rule: patterns with a named group `n` and the table 三 cell the figure must equal. */
export interface NarrativeFiguresOptions {
  patterns: { pattern: string; row: string; column: string }[];
}

/** Options of a value-note rule: which note of the value reader it reports. */
export interface ValueNoteOptions {
  note: 'zero-marker' | 'empty-cell' | 'unit' | 'value-format';
}

/** One rule of schemas/rules.json. */
export interface RuleEntry {
  id: string;
  kind: RuleKindId;
  severity: Severity;
  templates: TemplateId[];
  standing: Standing;
  description: LocalizedText;
  basis: LocalizedText;
  options: Record<string, unknown>;
  messages: Record<string, LocalizedText>;
}

/** schemas/rules.json. */
export interface RuleCatalogue {
  engineMessages: Record<string, LocalizedText>;
  rules: RuleEntry[];
}

/** schemas/messages.json: messages that belong to no rule. */
export interface MessageCatalogue {
  input: Record<string, LocalizedText>;
  cli: Record<string, LocalizedText>;
}
