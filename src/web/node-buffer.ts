/** What the size limits read from node:buffer, as V8 has them in a browser: the longest buffer and string. */
export const constants = { MAX_LENGTH: 2 ** 32, MAX_STRING_LENGTH: 2 ** 29 - 24 };
