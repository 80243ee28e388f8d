import { isAbsolute, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../config/config.js';
import { globBase, globToRegExp, hasMagic, normalizePath } from '../config/glob.js';
import { formatOfFile } from '../read/index.js';
import { ignoredBy, ignoredByDefault, ignoreFilesOf, ignoreLayer, type IgnoreLayer } from './ignores.js';
import type { CliIO, PathKind } from './io.js';
import type { ReportVerdict } from './report-content.js';

/** How to find the inputs of a run. */
export interface FindOptions {
  /** False with --no-ignore: no ignore file, --ignore-pattern or configured `ignores` applies. */
  ignore?: boolean;
  /** --ignore-pattern: gitignore patterns relative to the working folder. */
  ignorePatterns?: readonly string[];
  /** The configuration's `ignores`, relative to the configuration file's folder (absolute). */
  configIgnores?: { patterns: readonly string[]; base: string };
  /** --encoding, to read the start of text files. */
  encoding?: string;
  /** Keep what was found and skipped, and why (--debug). */
  explain?: boolean;
}

/** Why a file is an input: named on the command line, matched by a glob, or found in a directory as a report. */
export type FoundReason =
  | { how: 'named' }
  | { how: 'glob'; pattern: string }
  | { how: 'directory'; directory: string; verdict: ReportVerdict['reason'] };

/** Why a path met while walking is not an input. */
export type SkipReason =
  | { why: 'ignored'; by: string }
  | { why: 'default-ignored' }
  | { why: 'symlinked-directory' }
  | { why: 'broken-link' }
  | { why: 'special-file' }
  | { why: 'not-matched'; pattern: string }
  | { why: 'config-file' }
  | { why: Extract<ReportVerdict, { report: false }>['reason'] };

/** A pattern that yielded no input: a glob that matched no file, or a directory that holds no report. */
export interface Unmatched {
  pattern: string;
  /** A glob that matched no file, a glob or directory whose every match was ignored, or a directory that holds no report. */
  kind: 'glob' | 'ignored' | 'directory';
}

/** The inputs of a run, in order, and what yielded none; with `explain`, why each was taken and what was skipped. */
export interface FoundInputs {
  files: string[];
  unmatched: Unmatched[];
  /** Directories met while walking that could not be read, with the error. */
  unreadable: Array<{ path: string; error: unknown }>;
  found: Array<{ file: string; reason: FoundReason }>;
  skipped: Array<{ path: string; reason: SkipReason }>;
}

/** Files a walk never takes, whatever their content: the configuration and npm's files. */
const NOT_REPORTS = new Set([CONFIG_FILE_NAME, 'xxgk-lint.config.jsonc', 'package.json', 'package-lock.json']);

/**
 * Finds the inputs: `-` is standard input; a path named on the command line is checked whatever it holds; a glob
 * (* ** ? [..], / or \ as separators, relative, absolute or ../) yields the files it matches whose names are of a
 * report format; a directory yields the files under it whose content is a report (see reportVerdict). Ignore files,
 * --ignore-pattern and the configuration's `ignores` (gitignore syntax) apply to what globs and directories find,
 * never to a path named on the command line. Names are shown as written: relative to the working folder for a relative
 * pattern or directory, absolute for an absolute one.
 */
export async function findInputs(
  patterns: readonly string[],
  io: CliIO,
  options: FindOptions = {},
): Promise<FoundInputs> {
  const finder = new Finder(io, options);
  for (const pattern of patterns) await finder.add(pattern);
  return finder.result;
}

/** The module that tells reports from other files, loaded at the first directory walked. */
let reportContent: Promise<typeof import('./report-content.js')> | undefined;

/** One run's search for inputs: what was taken so far (each file once), and the ignore rules, loaded when first needed. */
class Finder {
  readonly result: FoundInputs = { files: [], unmatched: [], unreadable: [], found: [], skipped: [] };
  private readonly seen = new Set<string>();
  private readonly cwd: string;
  private before: IgnoreLayer[] = [];
  private after: IgnoreLayer[] = [];
  private prepared: Promise<void> | undefined;

  constructor(
    private readonly io: CliIO,
    private readonly options: FindOptions,
  ) {
    this.cwd = resolve(io.cwd);
  }

  /** Loads the working folder's ignore files, the configuration's ignores and --ignore-pattern (strongest last), once, when a glob or directory is first walked. */
  private prepare(): Promise<void> {
    this.prepared ??= this.load();
    return this.prepared;
  }

  private async load(): Promise<void> {
    if (this.options.ignore === false) return;
    this.before = await ignoreFilesOf(this.cwd, this.io, (path) => this.shown(path, false));
    const { configIgnores, ignorePatterns = [] } = this.options;
    if (configIgnores && configIgnores.patterns.length > 0)
      this.after.push(await ignoreLayer(configIgnores.patterns, configIgnores.base, 'ignores'));
    if (ignorePatterns.length > 0) this.after.push(await ignoreLayer(ignorePatterns, this.cwd, '--ignore-pattern'));
  }

  /** Adds what one command-line argument names: standard input, a file, a glob's matches or a directory's reports. */
  async add(pattern: string): Promise<void> {
    if (pattern === '-') {
      this.take('-', '-', { how: 'named' });
      return;
    }
    if (hasMagic(pattern) && (await this.io.pathKind(pattern)) === undefined) {
      await this.addGlob(pattern);
      return;
    }
    // A path named like a report (x.json, x.pdf) is taken as a file without asking the file system: a batch of
    // thousands of files saves a stat each. (A folder so named is reported when it cannot be read as a file.)
    if (formatOfFile(pattern) !== undefined || (await this.io.pathKind(pattern)) !== 'directory') {
      this.take(pattern, this.absolute(pattern), { how: 'named' });
      return;
    }
    await this.addDirectory(pattern);
  }

  private async addDirectory(pattern: string): Promise<void> {
    await this.prepare();
    const start = this.absolute(pattern);
    let reports = 0;
    let ignored = 0;
    const around: WalkHooks = { root: start, ignored: () => (ignored += 1) };
    await this.walk(start, await this.nested(start), isAbsolute(pattern), around, async (file, shown) => {
      const verdict = await this.verdict(file);
      if (!verdict.report) {
        this.skip(file, isAbsolute(pattern), { why: verdict.reason });
        return;
      }
      reports += 1;
      this.take(shown, file, { how: 'directory', directory: pattern, verdict: verdict.reason });
    });
    const unreadable = this.result.unreadable.some((entry) => entry.path === this.shown(start, isAbsolute(pattern)));
    if (reports === 0 && !unreadable)
      this.result.unmatched.push({ pattern, kind: ignored > 0 ? 'ignored' : 'directory' });
  }

  private async addGlob(pattern: string): Promise<void> {
    await this.prepare();
    const absolutePattern = normalizePath(resolve(this.cwd, normalizePath(pattern)));
    const matcher = globToRegExp(absolutePattern);
    const base = globBase(absolutePattern);
    let matched = 0;
    let ignored = 0;
    // Without **, a glob cannot match deeper than its own segments: the walk stops there.
    const depth = absolutePattern.includes('**') ? Infinity : absolutePattern.split('/').length;
    const around: WalkHooks = {
      root: base,
      descend: (directory: string) => normalizePath(directory).split('/').length < depth,
      ignored: (path: string, isDirectory: boolean) => {
        if (!isDirectory && matcher.test(normalizePath(path))) ignored += 1;
      },
    };
    if ((await this.io.pathKind(base)) === 'directory') {
      await this.walk(base, await this.nested(base), isAbsolute(pattern), around, async (file, shown) => {
        if (!matcher.test(normalizePath(file))) {
          if (this.options.explain) this.result.skipped.push({ path: shown, reason: { why: 'not-matched', pattern } });
          return;
        }
        if (formatOfFile(file) === undefined) {
          this.skip(file, isAbsolute(pattern), { why: 'not-a-report-format' });
          return;
        }
        matched += 1;
        this.take(shown, file, { how: 'glob', pattern });
      });
    }
    if (matched === 0) this.result.unmatched.push({ pattern, kind: ignored > 0 ? 'ignored' : 'glob' });
  }

  /** The ignore files of the folders from the working folder (exclusive) down to `directory` (inclusive), when it is under it; else of `directory` alone. */
  private async nested(directory: string): Promise<IgnoreLayer[]> {
    if (this.options.ignore === false) return [];
    const inside = relative(this.cwd, directory);
    if (inside === '') return [];
    if (inside.startsWith('..') || isAbsolute(inside))
      return ignoreFilesOf(directory, this.io, (path) => this.shown(path, true));
    const layers: IgnoreLayer[] = [];
    let folder = this.cwd;
    for (const part of inside.split(/[\\/]/u)) {
      folder = join(folder, part);
      layers.push(...(await ignoreFilesOf(folder, this.io, (path) => this.shown(path, false))));
    }
    return layers;
  }

  /** Walks a directory in name order: entries ignored are pruned; symlinked directories are not entered (a loop cannot be walked forever). */
  private async walk(
    directory: string,
    nested: IgnoreLayer[],
    absoluteNames: boolean,
    around: WalkHooks,
    visit: (file: string, shown: string) => Promise<void>,
  ): Promise<void> {
    const layers = [...this.before, ...nested, ...this.after];
    let entries;
    try {
      entries = await this.io.readDirectory(directory);
    } catch (error) {
      this.result.unreadable.push({ path: this.shown(directory, absoluteNames), error });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (ignoredByDefault(entry.name)) {
        this.skip(path, absoluteNames, { why: 'default-ignored' });
        continue;
      }
      const by =
        this.options.ignore === false ? undefined : ignoredBy(layers, path, entry.kind === 'directory', around.root);
      if (by !== undefined) {
        this.skip(path, absoluteNames, { why: 'ignored', by });
        around.ignored?.(path, entry.kind === 'directory');
        continue;
      }
      const special = skipOfKind(entry.kind, entry.symlink);
      if (special) {
        this.skip(path, absoluteNames, special);
        continue;
      }
      if (entry.kind === 'directory') {
        if (around.descend && !around.descend(path)) continue;
        const deeper =
          this.options.ignore === false
            ? []
            : await ignoreFilesOf(path, this.io, (file) => this.shown(file, absoluteNames));
        await this.walk(path, [...nested, ...deeper], absoluteNames, around, visit);
        continue;
      }
      if (NOT_REPORTS.has(entry.name) || /^readme\./iu.test(entry.name)) {
        this.skip(path, absoluteNames, { why: 'config-file' });
        continue;
      }
      await visit(path, this.shown(path, absoluteNames));
    }
  }

  private async verdict(file: string): Promise<ReportVerdict> {
    if (formatOfFile(file) === undefined) return { report: false, reason: 'not-a-report-format' };
    // Loaded only when a directory is walked: a run of files named on the command line never needs it.
    const { REPORT_HEAD_BYTES, reportVerdict } = await (reportContent ??= import('./report-content.js'));
    try {
      const head = await this.io.readHead(file, REPORT_HEAD_BYTES);
      return reportVerdict(file, head, this.options.encoding ? { encoding: this.options.encoding } : {});
    } catch {
      // A file that cannot be opened is taken, so that reading it says why (permission denied, …) rather than skipping it quietly.
      return { report: true, reason: 'binary-format' };
    }
  }

  private take(shown: string, absolute: string, reason: FoundReason): void {
    const key = absolute === '-' ? '-' : normalizePath(absolute);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.result.files.push(detached(shown));
    if (this.options.explain) this.result.found.push({ file: shown, reason });
  }

  private skip(path: string, absoluteNames: boolean, reason: SkipReason): void {
    if (this.options.explain) this.result.skipped.push({ path: this.shown(path, absoluteNames), reason });
  }

  private absolute(path: string): string {
    return resolve(this.cwd, path);
  }

  /** A path as shown: absolute, or relative to the working folder (../ when outside it). */
  private shown(path: string, absoluteNames: boolean): string {
    return absoluteNames ? path : relative(this.cwd, path) || '.';
  }
}

/**
 * A copy of a name cut from a longer path (path.relative slices it) that does not keep that path alive: V8 keeps a
 * sliced string's whole parent, and a run holds every file's name to the end (about 60 bytes a file saved).
 */
function detached(name: string): string {
  return JSON.parse(JSON.stringify(name)) as string;
}

/** What a glob's walk asks of the walker: whether to enter a directory, and to be told of each path ignored. */
interface WalkHooks {
  /** Where the walk started. */
  root: string;
  descend?: (directory: string) => boolean;
  ignored?: (path: string, isDirectory: boolean) => void;
}

function skipOfKind(kind: PathKind, symlink: boolean): SkipReason | undefined {
  if (kind === 'broken-link') return { why: 'broken-link' };
  if (kind === 'other') return { why: 'special-file' };
  if (kind === 'directory' && symlink) return { why: 'symlinked-directory' };
  return undefined;
}
