import { resolve } from 'node:path';
import { cliMessage } from '../diagnostics/render.js';
import { plainMessage } from '../pipeline/read-file.js';
import type { Locale } from '../rules/catalogue-types.js';

const REASONS: Record<string, string> = {
  EACCES: 'write-reason-permission',
  EPERM: 'write-reason-permission',
  EROFS: 'write-reason-read-only',
  ENOSPC: 'write-reason-no-space',
  EDQUOT: 'write-reason-no-space',
  ENOENT: 'write-reason-no-folder',
  ENOTDIR: 'write-reason-no-folder',
  EISDIR: 'write-reason-is-directory',
};

/** The one line saying which output could not be written and why, in words (no error code, no stack). */
export function writeErrorLine(file: string, error: unknown, locale: Locale): string {
  const code = (error as { code?: string }).code;
  const id = code ? REASONS[code] : undefined;
  const reason = id
    ? cliMessage(id, locale)
    : cliMessage('write-reason-other', locale, { detail: plainMessage(error) || 'unknown error' });
  return `xxgk-lint: ${cliMessage('write-failed', locale, { file, reason })}\n`;
}

/** The first output file that is also an input (compared as absolute paths), or undefined. */
export function outputThatIsInput(
  outputs: readonly string[],
  inputs: readonly string[],
  cwd: string,
): string | undefined {
  const read = new Set(inputs.filter((file) => file !== '-').map((file) => resolve(cwd, file)));
  return outputs.find((file) => file !== '-' && read.has(resolve(cwd, file)));
}
