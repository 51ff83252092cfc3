import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng.js';
import { makeVmPicker, type VmPicker } from '../../src/workload/vmPicker.js';

function tally(picker: VmPicker, count: number, n: number): number[] {
  const counts = new Array<number>(count).fill(0);
  for (let i = 0; i < n; i++) counts[picker.next()]!++;
  return counts;
}

describe('VM picker', () => {
  it('deals CBR frames round-robin: equal shares exactly', () => {
    const picker = makeVmPicker(5, undefined, null);
    expect(Array.from({ length: 12 }, () => picker.next())).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1]);
    // equal weights are equal shares too
    expect(tally(makeVmPicker(3, [2, 2, 2], null), 3, 9_000)).toEqual([3_000, 3_000, 3_000]);
  });

  it('splits weighted CBR traffic in proportion to the weights, evenly spread', () => {
    const weights = [1, 2, 3, 4, 0];
    const n = 100_000;
    const counts = tally(makeVmPicker(5, weights, null), 5, n);
    expect(counts[4]).toBe(0);
    weights.slice(0, 4).forEach((w, vm) => {
      // low-discrepancy sequence: far tighter than random sampling (0.1% of the share)
      expect(Math.abs(counts[vm]! / n - w / 10)).toBeLessThan(1e-3);
    });
    // evenly spread: every window of 100 picks gives VM 3 (40%) 40 ± 3 frames
    const picker = makeVmPicker(5, weights, null);
    for (let window = 0; window < 50; window++) {
      const c = tally(picker, 5, 100);
      expect(Math.abs(c[3]! - 40)).toBeLessThanOrEqual(3);
    }
  });

  it('splits Poisson traffic at random: uniform for equal shares, proportional for weights', () => {
    const n = 200_000;
    const equal = tally(makeVmPicker(4, undefined, new Rng(1)), 4, n);
    for (const c of equal) expect(Math.abs(c / n - 0.25)).toBeLessThan(0.005);
    const weighted = tally(makeVmPicker(3, [1, 1, 2], new Rng(2)), 3, n);
    expect(Math.abs(weighted[0]! / n - 0.25)).toBeLessThan(0.005);
    expect(Math.abs(weighted[2]! / n - 0.5)).toBeLessThan(0.005);
    // random: not a round-robin pattern
    const picker = makeVmPicker(4, undefined, new Rng(3));
    const first = Array.from({ length: 16 }, () => picker.next());
    expect(first).not.toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
  });
});
