import type { RuleKindId } from '../catalogue-types.js';
import type { RuleKind } from '../types.js';
import { cellPredicate } from './cell-predicate.js';
import { config } from './config.js';
import { continuity } from './continuity.js';
import { narrativeFigures } from './narrative-figures.js';
import { reader } from './reader.js';
import { schema } from './schema.js';
import { sumCompare } from './sum-compare.js';
import { templateYear } from './template-year.js';
import { valueNote } from './value-note.js';

/** Every rule kind by id: a kind named in schemas/rules.json but missing here fails to compile. */
export const RULE_KINDS: Record<RuleKindId, RuleKind> = {
  'sum-compare': sumCompare,
  'cell-predicate': cellPredicate,
  'template-year': templateYear,
  'value-note': valueNote,
  schema,
  reader,
  continuity,
  'narrative-figures': narrativeFigures,
  config,
};
