import { EXIT_SIGINT, EXIT_SIGTERM } from './exitCodes.js';
import type { SignalSource, StopSignal } from './processSignals.js';

// Kept apart from processSignals.ts, which tests replace with a fake source of signals.

/** Stop signals being watched for a long command: abort `signal` on the first one. */
export interface StopWatch {
  /** Aborted when a stop signal arrives. */
  readonly signal: AbortSignal;
  /** The first stop signal received, if any. */
  readonly stoppedBy: StopSignal | undefined;
  /** Stop watching (remove the handler). */
  readonly remove: () => void;
}

/** Watch `signals` for SIGINT/SIGTERM until `remove` is called. */
export function watchStop(signals: SignalSource): StopWatch {
  const controller = new AbortController();
  let stoppedBy: StopSignal | undefined;
  const remove = signals.onStop((signal) => {
    stoppedBy ??= signal;
    controller.abort();
  });
  return {
    signal: controller.signal,
    get stoppedBy() {
      return stoppedBy;
    },
    remove,
  };
}

/** 130 for SIGINT, 143 for SIGTERM, as a shell reports a process those signals ended. */
export function exitCodeFor(signal: StopSignal): number {
  return signal === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT;
}
