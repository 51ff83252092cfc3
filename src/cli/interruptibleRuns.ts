import type { RunResult } from '../run/runResult.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { runPoints } from '../sweep/runPoints.js';
import type { SignalSource, StopSignal } from './processSignals.js';
import { watchStop } from './stopWatch.js';

/**
 * A single run estimated to take at least this long is a long one: it acts on Ctrl-C itself (the
 * runs go in slices, with the event loop free between them: runPoints) and gets a status line on a
 * terminal (simulateRuns). A shorter one installs no handler, and a status line would only flash.
 */
export const LONG_RUN_SECONDS = 1;

export interface InterruptibleRunSettings {
  readonly signals: SignalSource;
  /** Expected wall time of all runs (src/run/estimateWork.ts). */
  readonly estimatedSeconds: number;
  /** Called as each run finishes, in order. */
  readonly onRunDone?: (index: number, result: RunResult) => void;
  /** Called between the slices of a run, with how far it has got (0 to 1). */
  readonly onRunProgress?: (index: number, fraction: number) => void;
}

export interface RunsOutcome {
  /** By index: the result, or undefined for a run that did not finish. */
  readonly results: readonly (RunResult | undefined)[];
  /** The signal that stopped the runs, if one did. */
  readonly stoppedBy?: StopSignal;
}

/**
 * Run configurations one after another in this process, stopping cleanly on SIGINT/SIGTERM when
 * there are several or the estimate is long: the run under way is abandoned at the end of its
 * current slice (tens of milliseconds). A single short run installs no handler: Ctrl-C ends the
 * process at once, as it would any command, and nothing has been written.
 */
export async function runInterruptibly(
  configs: readonly ScenarioConfig[],
  settings: InterruptibleRunSettings,
): Promise<RunsOutcome> {
  const watchSignals = configs.length > 1 || settings.estimatedSeconds >= LONG_RUN_SECONDS;
  const stop = watchSignals ? watchStop(settings.signals) : undefined;
  const results: (RunResult | undefined)[] = configs.map(() => undefined);
  try {
    await runPoints(
      configs.map((config, point) => ({ point, config })),
      {
        jobs: 1,
        ...(stop ? { signal: stop.signal } : {}),
        onResult: (point, result) => {
          results[point] = result;
          settings.onRunDone?.(point, result);
        },
        ...(settings.onRunProgress ? { onProgress: settings.onRunProgress } : {}),
      },
    );
  } finally {
    stop?.remove();
  }
  const stoppedBy = stop?.stoppedBy;
  return stoppedBy === undefined ? { results } : { results, stoppedBy };
}
