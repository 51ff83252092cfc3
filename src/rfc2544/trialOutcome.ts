/**
 * What one trial of an RFC 2544 search reports: frames offered during the trial and what became of
 * them once the system under test drained. Engine-agnostic: a trial may come from the simulator, a
 * hand-built queue in a test, or anything else that can be driven at a given offered load.
 */
export interface TrialOutcome {
  readonly offeredFrames: number;
  readonly deliveredFrames: number;
  /** Frames offered in the trial and not delivered after the drain (dropped anywhere, or stuck). */
  readonly droppedFrames: number;
}

/** Lost frames / offered frames, 0..1. A trial that offered nothing is a bug in the caller. */
export function lossRatio(outcome: TrialOutcome): number {
  if (!(outcome.offeredFrames > 0)) {
    throw new Error(`trial offered ${outcome.offeredFrames} frames; a trial must offer at least one`);
  }
  return outcome.droppedFrames / outcome.offeredFrames;
}
