import type { TrialOutcome } from '../../src/rfc2544/trialOutcome.js';

/**
 * A hand-computable system under test: one FIFO server with a fixed service time and room for
 * `capacityFrames` frames (in service + waiting), fed by evenly spaced frames. Its capacity is
 * exactly 1 / serviceTime: below it nothing queues, above it the queue grows until frames drop.
 * Times are integer picoseconds so the arithmetic is exact.
 */
export interface SingleServerStage {
  /** Frames per second at 100% load. */
  readonly lineRatePps: number;
  readonly serviceTimePs: number;
  readonly capacityFrames: number;
}

/** Offer `frames` frames at `loadFraction` of line rate; count what the stage drops. */
export function offerAtLoad(stage: SingleServerStage, loadFraction: number, frames: number): TrialOutcome {
  const gapPs = Math.round(1e12 / (loadFraction * stage.lineRatePps));
  return offer(stage, gapPs, frames);
}

/** Offer a burst of `frames` frames `gapPs` apart (back to back at line rate: the line-rate gap). */
export function offer(stage: SingleServerStage, gapPs: number, frames: number): TrialOutcome {
  const departures: number[] = [];
  let head = 0;
  let lastDeparturePs = 0;
  let dropped = 0;
  for (let k = 0; k < frames; k++) {
    const arrivalPs = k * gapPs;
    while (head < departures.length && departures[head]! <= arrivalPs) head++;
    if (departures.length - head >= stage.capacityFrames) {
      dropped++;
      continue;
    }
    lastDeparturePs = Math.max(arrivalPs, lastDeparturePs) + stage.serviceTimePs;
    departures.push(lastDeparturePs);
  }
  return { offeredFrames: frames, deliveredFrames: frames - dropped, droppedFrames: dropped };
}
