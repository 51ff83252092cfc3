import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { estimateWork } from '../run/estimateWork.js';
import type { RunResult } from '../run/runResult.js';
import { startScenario } from '../run/runScenario.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import type { WorkerReply, WorkerTask } from './sweepWorker.js';

export interface PointTask {
  readonly point: number;
  readonly config: ScenarioConfig;
}

export interface RunPointsOptions {
  /** Points simulated at once; 1 runs them one after another on this thread, in slices. */
  readonly jobs: number;
  /** Called as each point finishes, in completion order. */
  readonly onResult: (point: number, result: RunResult) => void;
  /** Called between the slices of a point run in process, with how far it has got (0 to 1). */
  readonly onProgress?: (point: number, fraction: number) => void;
  /**
   * Stops handing out points; points in flight are abandoned (workers terminated; a point in
   * process at the end of its current slice).
   */
  readonly signal?: AbortSignal;
  /** The compiled worker script; default: sweepWorker.js next to this module. */
  readonly workerUrl?: URL;
}

export interface RunPointsOutcome {
  /** Results by point, of every point that finished. */
  readonly results: ReadonlyMap<number, RunResult>;
  /** False when the signal stopped the run before every point finished. */
  readonly complete: boolean;
  /** How the points ran: on worker threads, or here (one at a time). */
  readonly mode: 'workers' | 'in-process';
}

/**
 * A worker's young generation, MB. A worker's starts at its maximum (32 MB by default), all of it
 * resident: ~28 MB of a 4096-VM run's peak RSS. The main thread keeps its own small by another
 * route (cli/v8Tuning.ts). Measured, alternating: the 126-point sweep on two jobs 2.85-3.09 s
 * (median 2.91) against 2.81-3.13 s (2.86) with 32 MB, 10 MB less RSS; a 3 s VMQ run on one
 * worker 1.70-1.87 s against 1.70-1.82 s.
 */
const WORKER_YOUNG_GENERATION_MB = 4;

/** The compiled worker next to this module (dist/sweep/sweepWorker.js), if there is one. */
export function defaultWorkerUrl(): URL | undefined {
  const url = new URL('./sweepWorker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Simulate every task, `jobs` at a time on worker threads (or in process when jobs is 1 or no
 * compiled worker exists, e.g. under vitest, which runs the TypeScript sources). runScenario is
 * pure, so the result of each point is the same wherever and in whatever order it runs.
 */
export async function runPoints(
  tasks: readonly PointTask[],
  options: RunPointsOptions,
): Promise<RunPointsOutcome> {
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  if (workerUrl === undefined || jobs === 1) return runInProcess(tasks, options);
  return runOnWorkers(longestFirst(tasks), options, jobs, workerUrl);
}

/**
 * Several workers: hand out the longest points first (by the planning estimate), so the last
 * point to finish is a short one and the workers end together instead of one finishing a 64 B
 * line-rate point alone. Results are keyed by point, so the order changes nothing else.
 */
export function longestFirst(tasks: readonly PointTask[]): PointTask[] {
  const seconds = new Map(tasks.map((task) => [task, estimateWork([task.config]).seconds]));
  return [...tasks].sort((a, b) => seconds.get(b)! - seconds.get(a)!);
}

/**
 * Wall time a slice of a point in process aims at: a signal is acted on that soon and the progress
 * line keeps moving, and the pauses between slices (a few µs each) cost nothing measurable. In
 * process rather than on a worker thread, a point needs no second V8 heap: 12-18 MB less peak RSS.
 * Wall time only sizes the slices: the events run in the same order however a run is sliced.
 */
const SLICE_TARGET_MS = 50;
/** Steps of a point's first slice; the next ones are sized from the time it took (nextSliceSteps). */
const FIRST_SLICE_STEPS = 1 << 14;
const MIN_SLICE_STEPS = 1 << 12;
const MAX_SLICE_STEPS = 1 << 24;

/**
 * Steps for the next slice, from the last one's: scaled towards SLICE_TARGET_MS (a step costs from
 * ~50 ns to a few µs, by mode and VM count), by at most 4× up or 2× down a slice, within bounds.
 */
export function nextSliceSteps(steps: number, elapsedMs: number): number {
  const scale = Math.min(4, Math.max(0.5, SLICE_TARGET_MS / Math.max(elapsedMs, 0.01)));
  return Math.min(MAX_SLICE_STEPS, Math.max(MIN_SLICE_STEPS, Math.round(steps * scale)));
}

async function runInProcess(
  tasks: readonly PointTask[],
  options: RunPointsOptions,
): Promise<RunPointsOutcome> {
  const results = new Map<number, RunResult>();
  const stopped = (): RunPointsOutcome => ({ results, complete: false, mode: 'in-process' });
  for (const task of tasks) {
    // Yield to the event loop before each point and between its slices, so a signal handler can run.
    await yieldToEventLoop();
    if (options.signal?.aborted) return stopped();
    const run = startScenario(task.config);
    let steps = FIRST_SLICE_STEPS;
    for (;;) {
      const startedMs = performance.now();
      if (run.advance(steps)) break;
      steps = nextSliceSteps(steps, performance.now() - startedMs);
      options.onProgress?.(task.point, run.progress);
      await yieldToEventLoop();
      if (options.signal?.aborted) return stopped();
    }
    const result = run.finish();
    results.set(task.point, result);
    options.onResult(task.point, result);
  }
  return { results, complete: true, mode: 'in-process' };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

function runOnWorkers(
  tasks: readonly PointTask[],
  options: RunPointsOptions,
  jobs: number,
  workerUrl: URL,
): Promise<RunPointsOutcome> {
  return new Promise((resolve, reject) => {
    const results = new Map<number, RunResult>();
    const workers: Worker[] = [];
    let next = 0;
    let settled = false;

    const finish = (outcome: { complete: boolean } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      const terminations = workers.map((worker) => worker.terminate());
      void Promise.allSettled(terminations).then(() => {
        if ('error' in outcome) reject(outcome.error);
        else resolve({ results, complete: outcome.complete, mode: 'workers' });
      });
    };
    const onAbort = (): void => finish({ complete: false });

    const feed = (worker: Worker): void => {
      if (settled) return;
      const task = tasks[next];
      if (task === undefined) {
        if (results.size === tasks.length) finish({ complete: true });
        return;
      }
      next += 1;
      const message: WorkerTask = { point: task.point, config: task.config };
      worker.postMessage(message);
    };

    if (options.signal?.aborted) {
      resolve({ results, complete: false, mode: 'workers' });
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    for (let i = 0; i < jobs; i++) {
      const worker = new Worker(workerUrl, {
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      });
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if (settled) return;
        if (!reply.ok) {
          const error = new Error(`point ${reply.point}: ${reply.message}`);
          if (reply.stack !== undefined) error.stack = reply.stack;
          finish({ error });
          return;
        }
        results.set(reply.point, reply.result);
        try {
          options.onResult(reply.point, reply.result);
        } catch (error) {
          finish({ error: error instanceof Error ? error : new Error(String(error)) });
          return;
        }
        feed(worker);
      });
      worker.on('error', (error) => finish({ error }));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) finish({ error: new Error(`a sweep worker exited with code ${code}`) });
      });
      feed(worker);
    }
  });
}
