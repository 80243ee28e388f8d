import { InputError } from '../read/types.js';

/** Turns a file-system error into the input error a user should see. */
export function readError(error: unknown): InputError {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return new InputError('not-found');
  if (code === 'EISDIR') return new InputError('is-directory');
  return new InputError('unreadable', { detail: code ?? (error instanceof Error ? error.message : String(error)) });
}
