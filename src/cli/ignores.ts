import type { Ignore } from 'ignore';
import { join, posix } from 'node:path';
import { normalizePath } from '../config/glob.js';
import type { CliIO } from './io.js';

/** The ignore files honoured in the working folder and in every directory walked, as git honours .gitignore. */
export const IGNORE_FILES = ['.gitignore', '.xxgklintignore'] as const;

/** Entries never walked into: dependencies and version control. */
const DEFAULT_IGNORED = new Set(['node_modules', '.git']);

/** One set of gitignore rules and the folder its patterns are relative to. */
export interface IgnoreLayer {
  /** The folder the patterns are relative to: absolute, with forward slashes. */
  base: string;
  /** Where the rules come from, for --debug: a file, --ignore-pattern or the configuration. */
  source: string;
  matcher: Ignore;
}

/** A layer from patterns (gitignore syntax); `base` is an absolute folder. The matcher is loaded only when a run has ignore rules. */
export async function ignoreLayer(patterns: readonly string[], base: string, source: string): Promise<IgnoreLayer> {
  const { default: ignore } = await import('ignore');
  return {
    base: normalizePath(base),
    source,
    matcher: ignore({ allowRelativePaths: true }).add(patterns.map((pattern) => normalizePath(pattern))),
  };
}

/** The layers of a folder's ignore files (.gitignore, .xxgklintignore) that exist; a file that cannot be read is passed over. */
export async function ignoreFilesOf(
  directory: string,
  io: CliIO,
  shownAs: (path: string) => string,
): Promise<IgnoreLayer[]> {
  const layers: IgnoreLayer[] = [];
  for (const name of IGNORE_FILES) {
    const path = join(directory, name);
    if ((await io.pathKind(path)) !== 'file') continue;
    try {
      const text = new TextDecoder().decode(await io.readFile(path, 1024 * 1024));
      layers.push(await ignoreLayer(text.split(/\r?\n/u), directory, shownAs(path)));
    } catch {
      // An ignore file that cannot be read is like none (git does the same).
    }
  }
  return layers;
}

/**
 * What a chain of layers says about a path: ignored (and by which source) or not; the last layer with an opinion wins,
 * as in git. `walked` is the folder the walk started from: the folders below it were judged as the walk entered them.
 */
export function ignoredBy(
  layers: readonly IgnoreLayer[],
  absolutePath: string,
  isDirectory: boolean,
  walked?: string,
): string | undefined {
  let by: string | undefined;
  const path = normalizePath(absolutePath);
  const judged = walked === undefined ? undefined : `${normalizePath(walked).replace(/\/$/u, '')}/`;
  const parentJudged = judged !== undefined && posix.dirname(path).startsWith(judged);
  for (const layer of layers) {
    const relative = posix.relative(layer.base, path);
    if (relative === '' || relative.startsWith('../') || relative === '..' || posix.isAbsolute(relative)) continue;
    // The walk decided the folders above already (and pruned the ignored ones): a layer that ignores the parent folder,
    // overruled by a later layer's negation, has no say over what is in it.
    const parent = posix.dirname(relative);
    if (parentJudged && parent !== '.' && layer.matcher.ignores(`${parent}/`)) continue;
    const result = layer.matcher.test(isDirectory ? `${relative}/` : relative);
    if (result.ignored) by = `${layer.source}: ${result.rule?.pattern ?? ''}`.trimEnd();
    else if (result.unignored) by = undefined;
  }
  return by;
}

/** True for an entry a walk never enters or lists, whatever the ignore settings: node_modules, .git and other dot entries. */
export function ignoredByDefault(name: string): boolean {
  return name.startsWith('.') || DEFAULT_IGNORED.has(name);
}
