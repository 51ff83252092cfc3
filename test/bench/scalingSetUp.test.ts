import { describe, expect, it } from 'vitest';
import { scalingSetUp } from '../../src/bench/scalingSetUp.js';

describe('scalingSetUp', () => {
  it('adds set-up and summary per size and takes them out of both runs for the ratio of the runs alone', () => {
    const small = { oneCoreSec: 0.071, medianBuildMs: 1.5, medianSummaryMs: 0.5 };
    const large = { oneCoreSec: 0.099, medianBuildMs: 5, medianSummaryMs: 2 };
    const { setUpMs32, setUpMs256, runAloneRatio } = scalingSetUp(small, large);
    expect(setUpMs32).toBe(2);
    expect(setUpMs256).toBe(7);
    // (0.099 - 0.007) / (0.071 - 0.002) = 0.092 / 0.069
    expect(runAloneRatio).toBeCloseTo(0.092 / 0.069, 12);
    // With set-up and summary the ratio is 0.099 / 0.071 = 1.39; without, 1.33.
    expect(runAloneRatio).toBeLessThan(large.oneCoreSec / small.oneCoreSec);
  });
});
