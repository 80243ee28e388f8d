#!/usr/bin/env node
'use strict';
// Loads dist/bundle/cli.cjs with the V8 code cache scripts/bundle.mjs made of it (compiling the bundle is the largest
// part of a cold start), and runs the CLI. A cache V8 refuses (another Node version, other flags) costs nothing but
// its read: the source is compiled as usual.
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '../dist/bundle/cli.cjs');
const cacheFile = `${bundle}.cache`;

/** Compiles and evaluates the bundle as a CommonJS module; returns its exports and the compiled script. */
function loadBundle(useCache) {
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const source = readFileSync(bundle, 'utf8');
  // The module wrapper's parameters, plus the import() of this file (see __xxgkImport in scripts/bundle.mjs).
  const wrapped = `(function (exports, require, module, __filename, __dirname, __xxgkBinImport) {${source}\n})`;
  const script = new Script(wrapped, { filename: bundle, cachedData });
  const bundleModule = new Module(bundle, module);
  bundleModule.filename = bundle;
  bundleModule.paths = Module._nodeModulePaths(join(__dirname, '../dist/bundle'));
  const bundleRequire = Module.createRequire(bundle);
  script.runInThisContext()(bundleModule.exports, bundleRequire, bundleModule, bundle, join(__dirname, '../dist/bundle'), (specifier) => import(specifier));
  bundleModule.loaded = true;
  return { cli: bundleModule.exports, script };
}

/** Runs the CLI on `args` and writes the code cache of the bundle as it stands after the run (used by scripts/bundle.mjs). */
async function writeCodeCache(args) {
  process.argv = [process.argv[0], __filename, ...args];
  const { cli, script } = loadBundle(false);
  await cli.run();
  writeFileSync(cacheFile, script.createCachedData());
  process.exitCode = 0;
}

/** Runs the CLI as this process and sets its exit code. */
async function main() {
  process.exitCode = await loadBundle(true).cli.run();
}

module.exports = { main, writeCodeCache };

if (require.main === module) void main();
