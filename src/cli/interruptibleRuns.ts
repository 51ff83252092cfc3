import type { RunResult } from '../run/runResult.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { runPoints } from '../sweep/runPoints.js';
import type { SignalSource, StopSignal } from './processSignals.js';
import { watchStop } from './stopWatch.js';

/**
 * A run estimated to take at least this long goes to a worker thread even when it is the only
 * one: the simulation is synchronous, so only a separate thread leaves this one free to act on
 * Ctrl-C while it runs. Shorter single runs stay in process (a worker costs ~0.1 s to start).
 */
const WORKER_FOR_ONE_RUN_SECONDS = 1;

export interface InterruptibleRunSettings {
  readonly signals: SignalSource;
  /** Compiled worker script (dist/sweep/sweepWorker.js); none when running from sources. */
  readonly workerUrl: URL | undefined;
  /** Expected wall time of all runs (src/run/estimateWork.ts). */
  readonly estimatedSeconds: number;
  /** Called as each run finishes, in order. */
  readonly onRunDone?: (index: number, result: RunResult) => void;
}

export interface RunsOutcome {
  /** By index: the result, or undefined for a run that did not finish. */
  readonly results: readonly (RunResult | undefined)[];
  /** The signal that stopped the runs, if one did. */
  readonly stoppedBy?: StopSignal;
}

/**
 * Run configurations one after another, stopping cleanly on SIGINT/SIGTERM: on a worker thread
 * when there are several or the estimate is long (the thread is terminated at once on a signal, so
 * the run under way is abandoned), otherwise in process. With several runs in process (no compiled
 * worker) a signal is acted on between runs. A single short in-process run installs no handler:
 * Ctrl-C ends the process at once, as it would any command, and nothing has been written.
 */
export async function runInterruptibly(
  configs: readonly ScenarioConfig[],
  settings: InterruptibleRunSettings,
): Promise<RunsOutcome> {
  const onWorker =
    settings.workerUrl !== undefined &&
    (configs.length > 1 || settings.estimatedSeconds >= WORKER_FOR_ONE_RUN_SECONDS);
  const watchSignals = onWorker || configs.length > 1;
  const stop = watchSignals ? watchStop(settings.signals) : undefined;
  const results: (RunResult | undefined)[] = configs.map(() => undefined);
  try {
    await runPoints(
      configs.map((config, point) => ({ point, config })),
      {
        jobs: 1,
        ...(stop ? { signal: stop.signal } : {}),
        ...(onWorker && settings.workerUrl ? { workerUrl: settings.workerUrl, workerForOneJob: true } : {}),
        onResult: (point, result) => {
          results[point] = result;
          settings.onRunDone?.(point, result);
        },
      },
    );
  } finally {
    stop?.remove();
  }
  const stoppedBy = stop?.stoppedBy;
  return stoppedBy === undefined ? { results } : { results, stoppedBy };
}
