import { describe, expect, it } from 'vitest';
import { searchBurst } from '../../src/rfc2544/searchBurst.js';
import { offer, type SingleServerStage } from './singleServerStage.js';

const GAP_PS = 1_000_000;

/**
 * A stage serving one frame per two line-rate gaps, room for K frames. Frame k of a burst arrives
 * at k gaps and finds ceil(k/2) frames still there, so the first drop is frame 2K − 1: the longest
 * lossless burst is 2K − 1 frames.
 */
const halfSpeed = (capacityFrames: number): SingleServerStage => ({
  lineRatePps: 1e6,
  serviceTimePs: 2 * GAP_PS,
  capacityFrames,
});

describe('searchBurst (back-to-back frames)', () => {
  it.each([1, 2, 7, 100, 512])('finds the hand-computed longest burst 2K − 1 for K = %i', (capacity) => {
    const burst = searchBurst((frames) => offer(halfSpeed(capacity), GAP_PS, frames), {
      maxFrames: 100_000,
      startFrames: 16,
    });
    expect(burst.frames).toBe(2 * capacity - 1);
    expect(burst.capped).toBe(false);
    expect(burst.trials.at(-1)?.frames).toBeGreaterThan(0);
  });

  it('reports the cap when the system keeps up with line rate', () => {
    const fast: SingleServerStage = { lineRatePps: 1e6, serviceTimePs: GAP_PS, capacityFrames: 1 };
    const burst = searchBurst((frames) => offer(fast, GAP_PS, frames), { maxFrames: 1000, startFrames: 16 });
    expect(burst).toMatchObject({ frames: 1000, capped: true });
    expect(burst.trials.map((trial) => trial.frames)).toEqual([16, 32, 64, 128, 256, 512, 1000]);
  });

  it('reports 0 when even a single frame is lost', () => {
    const burst = searchBurst(
      (frames) => ({ offeredFrames: frames, deliveredFrames: 0, droppedFrames: frames }),
      {
        maxFrames: 100,
        startFrames: 16,
      },
    );
    expect(burst).toMatchObject({ frames: 0, capped: false });
  });
});
