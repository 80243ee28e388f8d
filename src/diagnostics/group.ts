import type { Diagnostic } from './types.js';

/** How many findings of one kind in one section make a summary instead of a list. */
export const GROUP_THRESHOLD = 3;
/** How many places a summary names. */
export const GROUP_PLACES = 3;

/** One entry of a report's findings as a person reads them: a finding on its own, or many of one kind in one section summarised. */
export type FindingEntry =
  | { readonly kind: 'single'; readonly index: number }
  | {
      readonly kind: 'group';
      readonly ruleId: string;
      readonly messageId: string;
      readonly severity: Diagnostic['severity'];
      /** The section the findings stand in (overview, problems, …, a table key), when known. */
      readonly section?: string;
      /** How many findings, and how many times the thing was found (the sum of their counts, when they count). */
      readonly count: number;
      readonly occurrences: number;
      /** Indices of every finding in the group, in order; the first GROUP_PLACES are the places named. */
      readonly indices: readonly number[];
      readonly first: readonly number[];
    };

/** The section a finding stands in: the one its data names, else the first segment of its pointer. */
export function sectionOf(diagnostic: Diagnostic): string | undefined {
  const named = diagnostic.data['section'];
  if (typeof named === 'string') return named;
  const pointer = diagnostic.location.pointer;
  if (pointer === undefined) return undefined;
  const segments = pointer.split('/');
  return segments[1] === 'narrative' ? segments[2] : segments[1];
}

/**
 * Findings summarised as a person reads them: the findings that concern no single cell and share rule, message,
 * severity, suppression and section become one entry when there are at least `threshold` of them (the seed's 22
 * pinyin lines: one entry with the count and the first places); every other finding is its own entry. Entries keep
 * the order of their first finding. A finding on a cell is never grouped: its table cell shows it. Pure.
 */
export function groupFindings(diagnostics: readonly Diagnostic[], threshold = GROUP_THRESHOLD): FindingEntry[] {
  const keyOf = (diagnostic: Diagnostic): string | undefined =>
    diagnostic.cell
      ? undefined
      : JSON.stringify([
          diagnostic.ruleId,
          diagnostic.messageId,
          diagnostic.severity,
          diagnostic.suppressed !== undefined,
          sectionOf(diagnostic) ?? '',
        ]);
  const members = new Map<string, number[]>();
  diagnostics.forEach((diagnostic, index) => {
    const key = keyOf(diagnostic);
    if (key === undefined) return;
    const list = members.get(key);
    if (list) list.push(index);
    else members.set(key, [index]);
  });
  const entries: FindingEntry[] = [];
  const done = new Set<string>();
  diagnostics.forEach((diagnostic, index) => {
    const key = keyOf(diagnostic);
    const group = key === undefined ? undefined : members.get(key);
    if (!group || group.length < threshold) {
      entries.push({ kind: 'single', index });
      return;
    }
    if (done.has(key!)) return;
    done.add(key!);
    const occurrences = group.reduce((sum, member) => {
      const count = diagnostics[member]!.data['count'];
      return sum + (typeof count === 'number' ? count : 1);
    }, 0);
    const section = sectionOf(diagnostic);
    entries.push({
      kind: 'group',
      ruleId: diagnostic.ruleId,
      messageId: diagnostic.messageId,
      severity: diagnostic.severity,
      ...(section !== undefined ? { section } : {}),
      count: group.length,
      occurrences,
      indices: group,
      first: group.slice(0, GROUP_PLACES),
    });
  });
  return entries;
}
