import type { ReaderFinding } from '../read/types.js';
import { PINYIN_ANNOTATION, scriptOf, STRAY_COMMA } from '../model/normalize.js';
import type { Origin } from '../model/types.js';

const MAX_FINDINGS_PER_RULE = 50;

interface TextUnit {
  text: string;
  origin: Origin;
}

/** Where the character at `index` of a unit's text stands in the file: line/column when the unit has them. */
function positionIn(unit: TextUnit, index: number): Origin {
  const { line, column } = unit.origin;
  if (line === undefined) return unit.origin;
  const before = unit.text.slice(0, index);
  const breaks = before.split('\n');
  const last = breaks[breaks.length - 1] ?? '';
  const offset = [...last].length;
  return breaks.length > 1 ? { ...unit.origin, line: line + breaks.length - 1, column: offset + 1 } : { ...unit.origin, line, column: (column ?? 1) + offset };
}

/** The narrative lint: pinyin annotations, stray commas before 、/。, and Traditional mixed with Simplified; one finding per line (or cell). */
export function lintText(units: TextUnit[]): ReaderFinding[] {
  const findings: ReaderFinding[] = [];
  for (const [ruleId, pattern] of [
    ['narrative-pinyin', PINYIN_ANNOTATION],
    ['narrative-comma', STRAY_COMMA],
  ] as const) {
    const byPlace = new Map<string, { origin: Origin; count: number; examples: string[] }>();
    for (const unit of units) {
      for (const match of unit.text.matchAll(new RegExp(pattern.source, 'gu'))) {
        const index = match.index ?? 0;
        const origin = positionIn(unit, ruleId === 'narrative-pinyin' ? Math.max(0, index - 1) : index);
        const place = origin.line !== undefined ? `L${origin.line}` : JSON.stringify(unit.origin);
        const example = ruleId === 'narrative-pinyin' ? unit.text.slice(Math.max(0, index - 1), index + match[0].length) : unit.text.slice(index, index + 2);
        const entry = byPlace.get(place);
        if (entry) {
          entry.count += 1;
          if (entry.examples.length < 3 && !entry.examples.includes(example)) entry.examples.push(example);
        } else {
          byPlace.set(place, { origin, count: 1, examples: [example] });
        }
      }
    }
    for (const entry of [...byPlace.values()].slice(0, MAX_FINDINGS_PER_RULE)) {
      findings.push({ ruleId, messageId: ruleId === 'narrative-pinyin' ? 'pinyin' : 'comma', data: { count: entry.count, examples: entry.examples.join('、') }, origin: entry.origin });
    }
  }
  findings.sort((a, b) => (a.origin.line ?? 0) - (b.origin.line ?? 0) || (a.origin.column ?? 0) - (b.origin.column ?? 0));
  findings.push(...mixedScript(units));
  return findings;
}

function mixedScript(units: TextUnit[]): ReaderFinding[] {
  const counts = { traditional: 0, simplified: 0 };
  const seen = new Map<string, { script: 'traditional' | 'simplified'; counterpart: string; count: number; origin: Origin }>();
  for (const unit of units) {
    const text = unit.text.replace(PINYIN_ANNOTATION, (match) => ' '.repeat(match.length));
    let index = 0;
    for (const character of text) {
      const { script, counterpart } = scriptOf(character);
      if (script !== 'neutral') {
        counts[script] += 1;
        const entry = seen.get(character);
        if (entry) entry.count += 1;
        else seen.set(character, { script, counterpart: counterpart ?? character, count: 1, origin: positionIn(unit, index) });
      }
      index += character.length;
    }
  }
  if (counts.traditional === 0 || counts.simplified === 0) return [];
  const minority = counts.traditional < counts.simplified ? 'traditional' : 'simplified';
  const majority = minority === 'traditional' ? 'simplified' : 'traditional';
  return [...seen.entries()]
    .filter(([, entry]) => entry.script === minority)
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, MAX_FINDINGS_PER_RULE)
    .map(([character, entry]) => ({
      ruleId: 'narrative-mixed-script',
      messageId: minority,
      data: { character, counterpart: entry.counterpart, count: entry.count, majority: counts[majority], minority: counts[minority] },
      origin: entry.origin,
    }));
}
