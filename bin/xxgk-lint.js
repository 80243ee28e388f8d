#!/usr/bin/env node
// The package's bin is bin/xxgk-lint.cjs (a CommonJS start is faster); this file runs it for those who call it by this name.
import { createRequire } from 'node:module';

await createRequire(import.meta.url)('./xxgk-lint.cjs').main();
