import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../diagnostics/types.js';
import { failed, lintBytes, type LintInputOptions } from './lint.js';
import { timeBudget, timeLimitError } from './limits.js';
import { workOf } from './weights.js';
import type { CacheNotes, CacheSettings } from './node-cache.js';
import { inProcessLinter, type CheckBytes, type InputLinter, type RunInput } from './run.js';
import { withFields } from '../model/objects.js';

/** What a worker is started with: the run's options, the cache, and where it says which file it is on. */
export interface WorkerData {
  options: LintInputOptions;
  cache?: CacheSettings;
  /** Two float64s the worker writes: the index in its batch of the file it is on, and when it started (ms; 0 when idle). */
  progress: SharedArrayBuffer;
}

/** One file a worker reads itself. */
export interface WorkerInput {
  file: string;
  path: string;
  maxBytes: number;
  inputFormat?: LintInputOptions['inputFormat'];
}

/** Files sent to a worker at once: messages are per batch, so their cost does not eat the gain of a second core. */
export interface WorkerBatch {
  id: number;
  inputs: WorkerInput[];
}

/** A worker's answer to a batch: every file's result in the batch's order, and cache entries it could not use. */
export interface WorkerReply {
  id: number;
  results: FileResult[];
  corrupt: string[];
}

/** How the pool runs. */
export interface PoolOptions {
  /** Worker threads (at least 1). */
  concurrency: number;
  cache?: CacheSettings;
  notes?: CacheNotes;
  /** How inputs no worker can read (standard input) are checked, in this thread. */
  local?: CheckBytes;
  /** The worker's script; by default node-worker.js beside this module (the bundle or the compiled files). */
  workerUrl?: URL;
}

/** A stuck file is given up this long after its own time limit (the limit itself is checked inside the worker first). */
const GRACE_MS = 2000;

/**
 * Checks inputs in a pool of worker threads, results in input order. Inputs are cut into batches (one PDF alone, up to
 * 32 small text files together) handed out as workers free up; a reorder window keeps at most a few batches ahead of
 * the one being written, so memory holds the files in flight. A file that runs past its time limit in a synchronous
 * stage is given up by stopping its worker (a fresh one takes the rest of the batch); a worker that dies costs only
 * the file it was on, reported as an internal error.
 */
export function poolLinter(pool: PoolOptions): InputLinter {
  return async function* (inputs, options) {
    const units = batchesOf(inputs, pool.concurrency);
    const script = workerScript(pool.workerUrl);
    if (!script) {
      yield* inProcessLinter(pool.local ?? lintBytes)(inputs, options);
      return;
    }
    const budget = timeBudget(options);
    // A callback (onStage, for --debug) cannot cross to a worker.
    const { onStage: _onStage, ...cloneable } = options;
    const results = units.map((unit) => new Array<FileResult | undefined>(unit.inputs.length));
    /** Parts of batches waiting for a worker: from..to of a unit's inputs. */
    const queue: Array<{ unit: number; from: number; to: number }> = [];
    units.forEach((unit, index) => {
      if (unit.remote) queue.push({ unit: index, from: 0, to: unit.inputs.length });
    });
    let closing = false;
    const window = pool.concurrency * 4;
    let written = 0;
    let wake: (() => void) | undefined;
    const signal = () => {
      const resume = wake;
      wake = undefined;
      resume?.();
    };
    let batchIds = 0;
    interface Slot {
      worker: Worker;
      progress: Float64Array;
      job?: { unit: number; from: number; to: number; id: number };
    }
    const slots: Slot[] = [];
    const start = (slot?: Slot): Slot => {
      const progress = new SharedArrayBuffer(16);
      const worker = new Worker(script, {
        workerData: { options: cloneable, ...(pool.cache ? { cache: pool.cache } : {}), progress } satisfies WorkerData,
      });
      const fresh: Slot = slot ?? { worker, progress: new Float64Array(progress) };
      fresh.worker = worker;
      fresh.progress = new Float64Array(progress);
      delete fresh.job;
      worker.on('message', (reply: WorkerReply) => {
        const job = fresh.job;
        if (!job || job.id !== reply.id) return;
        reply.results.forEach((result, offset) => (results[job.unit]![job.from + offset] = result));
        for (const path of reply.corrupt) pool.notes?.corrupt(path);
        delete fresh.job;
        dispatch();
        signal();
      });
      const lost = (reason: string) => {
        if (closing || fresh.worker !== worker) return;
        giveUp(fresh, new Error(`the worker thread checking it stopped (${reason})`));
      };
      worker.on('error', (error) => lost(error.message));
      worker.on('exit', (code) => lost(`exit code ${code}`));
      return fresh;
    };
    /** The file a slot is on failed (stuck or crashed): it gets that error, the rest of its batch goes back in front of the queue. */
    const giveUp = (slot: Slot, error: Error): void => {
      const job = slot.job;
      const old = slot.worker;
      if (job) {
        const stuck = Math.trunc(slot.progress[0] ?? 0);
        const at = job.from + stuck;
        const input = units[job.unit]!.inputs[at];
        if (input) results[job.unit]![at] = failed(input.file, error);
        if (at + 1 < job.to) queue.unshift({ unit: job.unit, from: at + 1, to: job.to });
        // The results of the batch made before the stuck file were never sent: those files are checked again.
        if (stuck > 0) queue.unshift({ unit: job.unit, from: job.from, to: at });
      }
      delete slot.job;
      start(slot);
      void old.terminate();
      dispatch();
      signal();
    };
    const dispatch = (): void => {
      for (;;) {
        const next = queue[0];
        if (!next || next.unit >= written + window) return;
        let slot = slots.find((candidate) => !candidate.job);
        if (!slot && slots.length < pool.concurrency) slots.push((slot = start()));
        if (!slot) return;
        queue.shift();
        const id = (batchIds += 1);
        slot.job = withFields(next, { id });
        slot.progress[0] = 0;
        slot.progress[1] = Date.now();
        const batch: WorkerBatch = { id, inputs: units[next.unit]!.inputs.slice(next.from, next.to).map(workerInput) };
        slot.worker.postMessage(batch);
      }
    };
    const watchdog =
      budget === undefined
        ? undefined
        : setInterval(() => {
            const now = Date.now();
            for (const slot of slots) {
              const since = slot.progress[1] ?? 0;
              if (slot.job && since > 0 && now - since > budget + GRACE_MS) giveUp(slot, timeLimitError(budget / 1000));
            }
          }, 250);
    watchdog?.unref();
    try {
      dispatch();
      for (const [index, unit] of units.entries()) {
        if (!unit.remote) {
          yield* inProcessLinter(pool.local ?? lintBytes)(unit.inputs, options);
        } else {
          const held = results[index]!;
          for (let at = 0; at < held.length; at += 1) {
            while (held[at] === undefined) await new Promise<void>((resolve) => (wake = resolve));
            const result = held[at]!;
            held[at] = undefined;
            yield result;
          }
        }
        written = index + 1;
        dispatch();
      }
    } finally {
      closing = true;
      if (watchdog) clearInterval(watchdog);
      const stopping = slots.map((slot) => slot.worker);
      slots.length = 0;
      await Promise.all(stopping.map((worker) => worker.terminate()));
    }
  };
}

interface Unit {
  inputs: RunInput[];
  /** Read and checked by a worker; else (standard input, a result made already) in this thread. */
  remote: boolean;
}

/** Cuts the inputs, in order, into batches: each of about the same work, small enough that both cores stay busy to the end. */
function batchesOf(inputs: readonly RunInput[], concurrency: number): Unit[] {
  const weightOf = (input: RunInput) => workOf(input.file);
  const total = inputs.reduce((sum, input) => sum + weightOf(input), 0);
  const cap = Math.max(1, Math.min(32, Math.ceil(total / (concurrency * 8))));
  const units: Unit[] = [];
  let current: Unit | undefined;
  let weight = 0;
  for (const input of inputs) {
    const remote = input.source !== undefined && input.result === undefined;
    const own = weightOf(input);
    if (!current || current.remote !== remote || (remote && weight + own > cap && current.inputs.length > 0)) {
      current = { inputs: [], remote };
      units.push(current);
      weight = 0;
    }
    current.inputs.push(input);
    weight += own;
  }
  return units;
}

function workerInput(input: RunInput): WorkerInput {
  return {
    file: input.file,
    path: input.source!.path,
    maxBytes: input.source!.maxBytes,
    ...(input.inputFormat ? { inputFormat: input.inputFormat } : {}),
  };
}

/**
 * The worker's script: the bundle's node-worker.cjs beside the CLI's bundle, or node-worker.js beside this module
 * (dist/pipeline), else, when running from the TypeScript sources (tests), the compiled one in dist/; undefined when
 * there is none (the pool then checks in this thread).
 */
function workerScript(given?: URL): URL | undefined {
  const candidates = given
    ? [given]
    : [
        new URL('./node-worker.cjs', import.meta.url),
        new URL('./node-worker.js', import.meta.url),
        new URL('../../dist/pipeline/node-worker.js', import.meta.url),
      ];
  return candidates.find((candidate) => candidate.protocol === 'file:' && existsSync(fileURLToPath(candidate)));
}
