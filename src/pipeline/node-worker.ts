import { parentPort, workerData } from 'node:worker_threads';
import type { FileResult } from '../diagnostics/types.js';
import { failed, lintBytes, type LintInputOptions } from './lint.js';
import { cachedCheck } from './node-cache.js';
import { inputReadError, readFileBounded } from './read-file.js';
import type { CheckBytes } from './run.js';
import type { WorkerBatch, WorkerData, WorkerReply } from './node-pool.js';
import { withFields } from '../model/objects.js';

/** A worker of the pool (node-pool.ts): reads and checks the files of each batch it is sent, and answers with their results. */
const port = parentPort;
if (port) {
  const { options, cache, progress } = workerData as WorkerData;
  const corrupt: string[] = [];
  const check: CheckBytes = cache ? cachedCheck(cache, { corrupt: (path) => corrupt.push(path) }) : lintBytes;
  // Which file of its batch this worker is on, and since when: the pool gives up a file (and the worker) stuck past its time limit.
  const state = new Float64Array(progress);
  port.on('message', (batch: WorkerBatch) => {
    void runBatch(batch, options, check, state).then((results) => {
      const reply: WorkerReply = { id: batch.id, results, corrupt: corrupt.splice(0) };
      port.postMessage(reply);
    });
  });
}

async function runBatch(
  batch: WorkerBatch,
  options: LintInputOptions,
  check: CheckBytes,
  state: Float64Array,
): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const [index, input] of batch.inputs.entries()) {
    state[0] = index;
    state[1] = Date.now();
    const own = input.inputFormat ? withFields(options, { inputFormat: input.inputFormat }) : options;
    let bytes: Uint8Array;
    try {
      bytes = readFileBounded(input.path, input.maxBytes);
    } catch (error) {
      results.push(failed(input.file, inputReadError(error, input.file, own)));
      continue;
    }
    try {
      results.push(await check(bytes, input.file, own));
    } catch (error) {
      results.push(failed(input.file, error));
    }
  }
  state[1] = 0;
  return results;
}
