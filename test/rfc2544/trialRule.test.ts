import { describe, expect, it } from 'vitest';
import {
  lossTrialFrames,
  MAX_TRIAL_FRAMES,
  MIN_TRIAL_FRAMES,
  throughputTrialFrames,
  trialRuleText,
} from '../../src/rfc2544/trialRule.js';

describe('the trial-duration rule', () => {
  it('gives a PDR-level loss at least 100 lost frames', () => {
    expect(lossTrialFrames(0, 0.001)).toBe(100_000);
    expect(lossTrialFrames(0.0001, 0.001)).toBe(1_000_000);
    expect(lossTrialFrames(0, 0)).toBe(100_000);
  });

  it('makes a trial 100 times the frames the entry rings hold', () => {
    expect(throughputTrialFrames({ ndrLossRatio: 0, pdrLossRatio: 0.001, ringFrames: 512 })).toBe(100_000);
    expect(throughputTrialFrames({ ndrLossRatio: 0, pdrLossRatio: 0.001, ringFrames: 32 * 512 })).toBe(
      1_638_400,
    );
  });

  it('clamps to its bounds', () => {
    expect(throughputTrialFrames({ ndrLossRatio: 0, pdrLossRatio: 0.4, ringFrames: 1 })).toBe(
      MIN_TRIAL_FRAMES,
    );
    expect(throughputTrialFrames({ ndrLossRatio: 0, pdrLossRatio: 0.001, ringFrames: 1e9 })).toBe(
      MAX_TRIAL_FRAMES,
    );
  });

  it('states itself', () => {
    expect(trialRuleText(null)).toMatch(/^max\(100 \/ tightest non-zero loss threshold, 100 × /);
    expect(trialRuleText(20_000)).toMatch(/^20,000 frames per trial \(--trial-frames\)/);
  });
});
