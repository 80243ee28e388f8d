// A stand-in for dist/pipeline/node-worker.js that speaks its protocol, for testing the pool's handling of workers
// that hang or die: a file named *hang* spins for ever in synchronous code, *crash* ends the thread, *late* answers
// after 300 ms; every other file gets an empty result naming the worker's thread id.
import { parentPort, threadId, workerData } from 'node:worker_threads';

const progress = new Float64Array(workerData.progress);
parentPort.on('message', (batch) => {
  const results = [];
  for (const [index, input] of batch.inputs.entries()) {
    progress[0] = index;
    progress[1] = Date.now();
    if (input.file.includes('hang')) for (;;);
    if (input.file.includes('crash')) process.exit(3);
    if (input.file.includes('late')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    results.push({ file: input.file, agency: `thread ${threadId}`, diagnostics: [], rules: [] });
  }
  progress[1] = 0;
  parentPort.postMessage({ id: batch.id, results, corrupt: [] });
});
