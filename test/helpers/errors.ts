import { InputError } from '../../src/read/types.js';

/** The InputError an action throws; fails the test when it throws nothing or something else. */
export function thrownInputError(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}
