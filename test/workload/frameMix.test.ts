import { describe, expect, it } from 'vitest';
import { makeFramePicker } from '../../src/workload/framePicker.js';
import {
  frameLabel,
  frameSizes,
  IMIX_SIZES,
  lineRateL2Gbps,
  lineRatePps,
  meanFrameBytes,
} from '../../src/workload/frameMix.js';
import { Rng } from '../../src/sim/rng.js';

describe('frame mixes', () => {
  it('gives the simple IMIX mean of (7·64 + 4·570 + 1518)/12 B', () => {
    expect(meanFrameBytes({ kind: 'imix' })).toBeCloseTo((7 * 64 + 4 * 570 + 1518) / 12, 10);
    expect(meanFrameBytes({ kind: 'imix' })).toBeCloseTo(353.8333, 4);
    expect(frameSizes({ kind: 'imix' })).toBe(IMIX_SIZES);
  });

  it('gives the mean of a weighted mix and of a fixed size', () => {
    expect(meanFrameBytes({ kind: 'fixed', bytes: 1518 })).toBe(1518);
    expect(
      meanFrameBytes({
        kind: 'mix',
        sizes: [
          { bytes: 64, weight: 3 },
          { bytes: 1518, weight: 1 },
        ],
      }),
    ).toBe((3 * 64 + 1518) / 4);
  });

  it('gives line rate from the mean wire size (frame + 20 B)', () => {
    expect(lineRatePps(10, { kind: 'fixed', bytes: 64 })).toBeCloseTo(14_880_952.38, 1);
    expect(lineRatePps(10, { kind: 'fixed', bytes: 1518 })).toBeCloseTo(812_743.82, 1);
    expect(lineRatePps(10, { kind: 'imix' })).toBeCloseTo(10e9 / ((4246 / 12 + 20) * 8), 3);
    // at 1518 B the L2 share of the wire is 1518/1538
    expect(lineRateL2Gbps(10, { kind: 'fixed', bytes: 1518 })).toBeCloseTo((10 * 1518) / 1538, 10);
  });

  it('labels mixes for humans', () => {
    expect(frameLabel({ kind: 'fixed', bytes: 64 })).toBe('64');
    expect(frameLabel({ kind: 'imix' })).toBe('imix');
    expect(
      frameLabel({
        kind: 'mix',
        sizes: [
          { bytes: 64, weight: 7 },
          { bytes: 1518, weight: 1 },
        ],
      }),
    ).toBe('mix(64:7,1518:1)');
  });

  it('picks IMIX sizes in 7:4:1 proportions', () => {
    const pick = makeFramePicker({ kind: 'imix' }, new Rng(8));
    const counts = new Map<number, number>();
    const n = 120_000;
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const b = pick();
      bytes += b;
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([64, 570, 1518]);
    // expected 70000 / 40000 / 10000, standard deviations ≈ 170 / 150 / 95
    expect(Math.abs(counts.get(64)! - 70_000)).toBeLessThan(1_000);
    expect(Math.abs(counts.get(570)! - 40_000)).toBeLessThan(1_000);
    expect(Math.abs(counts.get(1518)! - 10_000)).toBeLessThan(600);
    expect(Math.abs(bytes / n / (4246 / 12) - 1)).toBeLessThan(0.01);
  });

  it('always returns the one size of a fixed spec', () => {
    const pick = makeFramePicker({ kind: 'fixed', bytes: 777 }, new Rng(1));
    expect(new Set(Array.from({ length: 100 }, pick))).toEqual(new Set([777]));
  });
});
