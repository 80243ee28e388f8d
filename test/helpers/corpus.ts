import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lint.js';

/**
 * Writes a corpus of JSON reports of `agencies` agencies over the years 2021 to 2021 + years - 1, for year-to-year
 * checks: one agency in three carries its figures over exactly (no year-to-year finding, though its own sums then fail), the others do not (a finding per column);
 * one agency in five names itself with its city in odd years (淮安市…), which pairing must see through. Returns the
 * paths written, relative to `folder`.
 */
export function writePairedCorpus(folder: string, agencies: number, years = 3): string[] {
  const base = JSON.parse(readFileSync(join(ROOT, 'fixtures/json/clean-2021.json'), 'utf8')) as {
    year: number;
    agency: string;
    applications: Record<string, Record<string, number>>;
  };
  const written: string[] = [];
  mkdirSync(folder, { recursive: true });
  for (let agency = 0; agency < agencies; agency += 1) {
    for (let offset = 0; offset < years; offset += 1) {
      const report = structuredClone(base);
      report.year = 2021 + offset;
      const name = `第${agency}号区人民政府办公室`;
      report.agency = agency % 5 === 0 && offset % 2 === 1 ? `淮安市${name}` : name;
      if (agency % 3 === 0) report.applications['carriedOver'] = { ...base.applications['carriedForward']! };
      const path = `${String(agency).padStart(4, '0')}-${report.year}.json`;
      writeFileSync(join(folder, path), JSON.stringify(report, null, 2));
      written.push(path);
    }
  }
  return written;
}
