import { parentPort } from 'node:worker_threads';
import type { RunResult } from '../run/runResult.js';
import { runScenario } from '../run/runScenario.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';

/** A point for a worker: its index in the sweep and its resolved configuration. */
export interface WorkerTask {
  readonly point: number;
  readonly config: ScenarioConfig;
}

export type WorkerReply =
  | { readonly point: number; readonly ok: true; readonly result: RunResult }
  | { readonly point: number; readonly ok: false; readonly message: string; readonly stack?: string };

/** Worker-thread entry (compiled to dist/sweep/sweepWorker.js): run each task it is sent. */
parentPort?.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { point: task.point, ok: true, result: runScenario(task.config) };
  } catch (error) {
    reply =
      error instanceof Error
        ? {
            point: task.point,
            ok: false,
            message: error.message,
            ...(error.stack ? { stack: error.stack } : {}),
          }
        : { point: task.point, ok: false, message: String(error) };
  }
  parentPort?.postMessage(reply);
});
