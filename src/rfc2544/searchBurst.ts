import { driveSteps, type Steps } from './steps.js';
import type { TrialOutcome } from './trialOutcome.js';

export interface BurstSearchOptions {
  /** Longest burst tried; a system that absorbs it is reported as capped ("at least this"). */
  readonly maxFrames: number;
  /** First burst tried; the search doubles from here until a burst loses frames. */
  readonly startFrames: number;
}

export const DEFAULT_BURST_SEARCH: BurstSearchOptions = { maxFrames: 100_000, startFrames: 16 };

export interface BurstTrial {
  readonly frames: number;
  readonly droppedFrames: number;
}

export interface BurstSearch {
  /** The longest burst delivered without a single loss; 0 when even one frame was lost. */
  readonly frames: number;
  /** `frames` is the cap: the real limit is at least this (or there is none). */
  readonly capped: boolean;
  readonly trials: readonly BurstTrial[];
}

/**
 * RFC 2544 back-to-back frames: the longest burst at line rate (minimum inter-frame gap) that
 * loses nothing. Doubles the burst from `startFrames` until one loses frames (or `maxFrames`
 * passes), then binary-searches between the last lossless burst and the first lossy one, to one
 * frame. Assumes a longer burst never loses less, which holds for a system that starts idle.
 * Yields the burst length of each trial and is resumed with its outcome.
 */
export function* burstSearchSteps(
  options: BurstSearchOptions = DEFAULT_BURST_SEARCH,
): Steps<number, TrialOutcome, BurstSearch> {
  const { maxFrames, startFrames } = options;
  if (!(Number.isInteger(maxFrames) && maxFrames >= 1)) {
    throw new Error(`maxFrames must be a whole number ≥ 1, got ${maxFrames}`);
  }
  if (!(Number.isInteger(startFrames) && startFrames >= 1)) {
    throw new Error(`startFrames must be a whole number ≥ 1, got ${startFrames}`);
  }
  const trials: BurstTrial[] = [];
  let passed = 0;
  let failed: number | undefined;
  let frames = Math.min(startFrames, maxFrames);
  while (failed === undefined || failed - passed > 1) {
    const outcome: TrialOutcome = yield frames;
    if (outcome.offeredFrames !== frames) {
      throw new Error(`burst trial of ${frames} frames offered ${outcome.offeredFrames}`);
    }
    trials.push({ frames, droppedFrames: outcome.droppedFrames });
    if (outcome.droppedFrames === 0) {
      passed = frames;
      if (failed === undefined && frames === maxFrames) return { frames, capped: true, trials };
    } else {
      failed = frames;
    }
    // Doubling until the first loss, then halving the interval.
    frames = failed === undefined ? Math.min(frames * 2, maxFrames) : Math.floor((passed + failed) / 2);
  }
  return { frames: passed, capped: false, trials };
}

/** The search driven by a synchronous trial function: `trial(frames)` sends one burst. */
export function searchBurst(
  trial: (frames: number) => TrialOutcome,
  options: BurstSearchOptions = DEFAULT_BURST_SEARCH,
): BurstSearch {
  return driveSteps(burstSearchSteps(options), trial);
}
