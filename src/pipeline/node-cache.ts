import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult } from '../diagnostics/types.js';
import { lintBytes, type LintInputOptions } from './lint.js';
import type { CheckBytes } from './run.js';

/** The default --cache-location: a folder of one small JSON file per checked file. */
export const DEFAULT_CACHE_LOCATION = '.xxgklintcache';

/** The version of the cache's layout: a layout change starts a new folder rather than misread an old one. */
const LAYOUT = 'v1';

/** --cache: where entries live and the tool's version, which with the settings a file is checked with keys its entry. */
export interface CacheSettings {
  /** The cache folder (--cache-location). */
  location: string;
  /** The tool's version. */
  version: string;
}

/**
 * The part of a cache entry's key that is the same for every file of a run: the tool's version and the options that
 * change what a file's result is (rules and their severities, strict, template, year, formats, limits, kept cells).
 * A configuration changes results only through these (its exceptions are applied after the cache), so they are its key.
 */
export function cacheKey(version: string, options: LintInputOptions): string {
  const settings = JSON.stringify(options, (_, value: unknown) =>
    value instanceof Set ? [...(value as Set<unknown>)].sort() : value,
  );
  return createHash('sha256').update(`xxgk-lint ${version}\0${settings}`).digest('hex');
}

/** What a cached check reports besides results: an entry that could not be used. */
export interface CacheNotes {
  corrupt(path: string): void;
}

/**
 * lintBytes behind the cache: a file whose name, bytes and settings match an entry gets the entry's result without
 * being read; otherwise it is checked and its result written as a new entry (to a temporary file renamed into place,
 * so a killed run leaves whole entries or none). An entry that does not parse as a result is said and not trusted.
 */
export function cachedCheck(settings: CacheSettings, notes: CacheNotes, check: CheckBytes = lintBytes): CheckBytes {
  const folder = join(settings.location, LAYOUT);
  // The key is made of the options each file is checked with (a run passes one object for all its files), so a result
  // kept without the cells the year-to-year checks need is never taken for one that has them.
  const keys = new WeakMap<LintInputOptions, string>();
  const keyOf = (options: LintInputOptions): string => {
    let key = keys.get(options);
    if (key === undefined) keys.set(options, (key = cacheKey(settings.version, options)));
    return key;
  };
  return async (bytes, file, options) => {
    const hash = createHash('sha256')
      .update(keyOf(options))
      .update('\0')
      .update(file)
      .update('\0')
      .update(bytes)
      .digest('hex');
    const path = join(folder, hash.slice(0, 2), `${hash.slice(2)}.json`);
    const cached = readEntry(path, file, notes);
    if (cached) return cached;
    const result = await check(bytes, file, options);
    if (!cacheable(result)) return result;
    try {
      mkdirSync(join(folder, hash.slice(0, 2)), { recursive: true });
      const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(temporary, JSON.stringify(result));
      try {
        renameSync(temporary, path);
      } catch (error) {
        unlinkSync(temporary);
        throw error;
      }
    } catch {
      // A cache that cannot be written (read-only folder, full disk) only costs time: the result stands.
    }
    return result;
  };
}

/** True when the folder can hold the cache: it is a folder or does not exist yet (a file of that name cannot). */
export function usableLocation(location: string): boolean {
  const info = statSync(location, { throwIfNoEntry: false });
  return info === undefined || info.isDirectory();
}

function readEntry(path: string, file: string, notes: CacheNotes): FileResult | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const entry: unknown = JSON.parse(text);
    if (isResultOf(entry, file)) return entry;
  } catch {
    // Falls through: said below.
  }
  notes.corrupt(path);
  return undefined;
}

/** A result worth keeping: not one that depends on the moment (a time limit, an internal error). */
function cacheable(result: FileResult): boolean {
  return !result.error || (result.error.kind === 'input' && result.error.messageId !== 'time-limit');
}

/** True when a parsed entry has the shape of this file's result (its name, diagnostics and rule runs). */
function isResultOf(entry: unknown, file: string): entry is FileResult {
  if (typeof entry !== 'object' || entry === null) return false;
  const record = entry as Record<string, unknown>;
  return record['file'] === file && Array.isArray(record['diagnostics']) && Array.isArray(record['rules']);
}
