import { describe, expect, it } from 'vitest';
import {
  loadGrid,
  searchThroughput,
  type ThroughputSearchOptions,
} from '../../src/rfc2544/searchThroughput.js';
import type { TrialOutcome } from '../../src/rfc2544/trialOutcome.js';
import { offerAtLoad, type SingleServerStage } from './singleServerStage.js';

/** 1 Mpps line rate, 2.5 µs per frame: the stage carries exactly 400 kpps, 40% of line rate. */
const STAGE: SingleServerStage = { lineRatePps: 1e6, serviceTimePs: 2_500_000, capacityFrames: 8 };
const CAPACITY = 0.4;
const TRIAL_FRAMES = 100_000;

const options = (overrides: Partial<ThroughputSearchOptions> = {}): ThroughputSearchOptions => ({
  ndrLossRatio: 0,
  pdrLossRatio: 0.001,
  precision: 0.001,
  maxTrials: 40,
  ...overrides,
});

/** A loss curve with a known capacity: nothing lost up to it, then the excess. */
function fluidTrial(capacity: number): (load: number) => TrialOutcome {
  return (load) => {
    const offeredFrames = 1_000_000;
    const droppedFrames = load > capacity ? Math.round(offeredFrames * (1 - capacity / load)) : 0;
    return { offeredFrames, deliveredFrames: offeredFrames - droppedFrames, droppedFrames };
  };
}

/** The answer by brute force: the highest grid load whose loss is within the threshold. */
function linearScan(trial: (load: number) => TrialOutcome, precision: number, threshold: number): number {
  const grid = loadGrid(precision);
  let best = 0;
  for (let step = 1; step <= grid.top; step++) {
    const outcome = trial(grid.load(step));
    if (outcome.droppedFrames / outcome.offeredFrames <= threshold) best = grid.load(step);
  }
  return best;
}

describe('searchThroughput on a single stage of known service time', () => {
  it('finds the hand-computed capacity exactly (40% of line rate)', () => {
    const search = searchThroughput((load) => offerAtLoad(STAGE, load, TRIAL_FRAMES), options());
    expect(search.ndr.loadFraction).toBe(CAPACITY);
    expect(search.ndr.failedAboveFraction).toBe(0.401);
    expect(search.ndr.converged).toBe(true);
    expect(search.ndr.outcome?.droppedFrames).toBe(0);
    expect(search.trials[0]?.loadFraction).toBe(1);
    // Binary search over 1000 steps: line rate, then ~log2(1000) halvings for NDR and PDR.
    expect(search.trials.length).toBeLessThanOrEqual(1 + 2 * 10);
  });

  it('finds PDR where the excess first passes 0.1%: 0.4 / (1 − 0.001) on a 0.01% grid', () => {
    const search = searchThroughput(
      (load) => offerAtLoad(STAGE, load, TRIAL_FRAMES),
      options({ precision: 0.0001 }),
    );
    expect(search.ndr.loadFraction).toBe(CAPACITY);
    // Loss at load L > 0.4 is 1 − 0.4/L (less the 8 frames the stage holds): ≤ 0.1% up to 0.40040.
    expect(search.pdr.loadFraction).toBe(0.4004);
    expect(search.pdr.failedAboveFraction).toBe(0.4005);
  });

  it('lands on the grid step just below the capacity when the grid does not hit it', () => {
    const search = searchThroughput(
      (load) => offerAtLoad(STAGE, load, TRIAL_FRAMES),
      options({ precision: 0.003 }),
    );
    expect(search.ndr.loadFraction).toBeCloseTo(0.399, 12);
    expect(search.ndr.failedAboveFraction).toBeCloseTo(0.402, 12);
  });
});

describe('searchThroughput as a binary search', () => {
  it('matches a linear scan of the grid for NDR and PDR on monotonic loss curves', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 40; i++) {
      const capacity = 0.01 + next() * 0.98;
      const precision = [0.01, 0.005, 0.001][i % 3]!;
      const trial = fluidTrial(capacity);
      const search = searchThroughput(trial, options({ precision, pdrLossRatio: 0.01 }));
      expect(search.ndr.loadFraction, `capacity ${capacity}`).toBe(linearScan(trial, precision, 0));
      expect(search.pdr.loadFraction, `capacity ${capacity}`).toBe(linearScan(trial, precision, 0.01));
      expect(search.ndr.converged && search.pdr.converged).toBe(true);
      expect(search.nonMonotonicTrials).toBe(0);
    }
  });

  it('stops after one trial when line rate passes', () => {
    const search = searchThroughput(fluidTrial(2), options());
    expect(search.trials).toHaveLength(1);
    expect(search.ndr.loadFraction).toBe(1);
    expect(search.pdr.loadFraction).toBe(1);
    expect(search.ndr.failedAboveFraction).toBeUndefined();
    expect(search.ndr.converged).toBe(true);
  });

  it('reports 0 with no outcome when not even the lowest step is loss-free', () => {
    const search = searchThroughput(fluidTrial(0.0001), options({ precision: 0.01 }));
    expect(search.ndr.loadFraction).toBe(0);
    expect(search.ndr.outcome).toBeUndefined();
    expect(search.ndr.failedAboveFraction).toBe(0.01);
    expect(search.ndr.converged).toBe(true);
  });

  it('stops at the trial cap, unconverged, with the best load that passed', () => {
    const search = searchThroughput(fluidTrial(0.437), options({ maxTrials: 4 }));
    expect(search.trials).toHaveLength(4);
    expect(search.ndr.converged).toBe(false);
    // 100% fail, 50% fail, 25% pass, 37.5% pass.
    expect(search.trials.map((trial) => trial.loadFraction)).toEqual([1, 0.5, 0.25, 0.375]);
    expect(search.ndr.loadFraction).toBe(0.375);
    expect(search.ndr.failedAboveFraction).toBe(0.5);
  });

  it('counts a pass above a failed load as non-monotonic and keeps the first result', () => {
    // 0.05% loss from 40% to 50% of line rate (a PDR pass, an NDR fail), none from 50% to 60%,
    // heavy loss above: the PDR half of the search trips over the loss-free band.
    const banded = (load: number): TrialOutcome => {
      const ratio = load <= 0.4 ? 0 : load <= 0.5 ? 0.0005 : load < 0.6 ? 0 : 0.5;
      const droppedFrames = Math.round(ratio * 100_000);
      return { offeredFrames: 100_000, deliveredFrames: 100_000 - droppedFrames, droppedFrames };
    };
    const search = searchThroughput(banded, options({ precision: 0.01 }));
    expect(search.ndr.loadFraction).toBe(0.4);
    expect(search.ndr.failedAboveFraction).toBe(0.41);
    expect(search.pdr.loadFraction).toBeGreaterThanOrEqual(0.5);
    expect(search.nonMonotonicTrials).toBeGreaterThan(0);
  });

  it('steps of the grid are exact decimals when 1/precision is whole', () => {
    expect(loadGrid(0.001).load(400)).toBe(0.4);
    expect(loadGrid(0.001).load(1000)).toBe(1);
    expect(loadGrid(0.003).top).toBe(334);
    expect(loadGrid(0.003).load(334)).toBe(1);
  });

  it('rejects impossible options', () => {
    const trial = fluidTrial(0.5);
    expect(() => searchThroughput(trial, options({ pdrLossRatio: 0.001, ndrLossRatio: 0.01 }))).toThrow(
      /pdrLossRatio/,
    );
    expect(() => searchThroughput(trial, options({ precision: 0 }))).toThrow(/precision/);
    expect(() => searchThroughput(trial, options({ maxTrials: 0 }))).toThrow(/maxTrials/);
    expect(() =>
      searchThroughput(() => ({ offeredFrames: 0, deliveredFrames: 0, droppedFrames: 0 }), options()),
    ).toThrow(/at least one/);
  });
});
