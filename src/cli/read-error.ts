import type { InputError, InputFormat } from '../read/types.js';
import type { LimitOptions } from '../pipeline/limits.js';
import { inputReadError } from '../pipeline/read-file.js';

/** Turns a file-system error (or a bounded read's refusal) into the input error a user should see. */
export function readError(
  error: unknown,
  file?: string,
  options: LimitOptions & { inputFormat?: InputFormat } = {},
): InputError {
  return inputReadError(error, file, options);
}
