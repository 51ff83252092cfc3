import { describe, expect, it } from 'vitest';
import { LogHistogram } from '../../src/metrics/logHistogram.js';
import { Rng } from '../../src/sim/rng.js';

const QUANTILES = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 0.9999, 1];

/** The exact q-quantile of sorted integer samples, with the histogram's rank rule: ceil(q·n), at least 1. */
function exactQuantile(sorted: Float64Array, q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

function countsLength(histogram: LogHistogram): number {
  return (histogram as unknown as { counts: Uint32Array }).counts.length;
}

/** Record `n` integer samples from `draw`; return the histogram and the samples sorted. */
function fill(n: number, draw: () => number, bits = 8): { histogram: LogHistogram; sorted: Float64Array } {
  const histogram = new LogHistogram(bits);
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = Math.floor(draw());
    samples[i] = v;
    histogram.record(v);
  }
  return { histogram, sorted: samples.sort() };
}

/** Every reported quantile is at or above the exact one (upper bucket edge) and within `relative` of it. */
function expectWithin(histogram: LogHistogram, sorted: Float64Array, relative: number): void {
  for (const q of QUANTILES) {
    const exact = exactQuantile(sorted, q);
    const got = histogram.quantile(q);
    expect(got, `q=${q}`).toBeGreaterThanOrEqual(exact);
    expect((got - exact) / Math.max(exact, 1), `q=${q}: ${got} vs ${exact}`).toBeLessThanOrEqual(relative);
  }
}

describe('LogHistogram', () => {
  it('is exact below 2^subBucketBits', () => {
    const histogram = new LogHistogram(8);
    for (let v = 0; v < 256; v++) histogram.record(v);
    expect(histogram.count).toBe(256);
    expect(histogram.quantile(0)).toBe(0);
    expect(histogram.quantile(0.5)).toBe(127);
    expect(histogram.quantile(100 / 256)).toBe(99);
    expect(histogram.quantile(1)).toBe(255);
  });

  it('gives uniform quantiles within 1/128 (0.8%) relative error with 8 sub-bucket bits', () => {
    const random = new Rng(1);
    const { histogram, sorted } = fill(200_000, () => 1 + random.nextFloat() * 10_000_000);
    expectWithin(histogram, sorted, 1 / 128);
  });

  it('gives exponential latencies (ns) within 0.8%, across many powers of two', () => {
    const random = new Rng(2);
    const { histogram, sorted } = fill(200_000, () => random.nextExponential(25_000));
    expectWithin(histogram, sorted, 1 / 128);
  });

  it('gives heavy-tailed (Pareto) quantiles within 0.8%, up to the 32-bit range', () => {
    const random = new Rng(3);
    // Pareto with α = 1.2 from 1 µs: spans ~6 decades
    const { histogram, sorted } = fill(200_000, () =>
      Math.min(0xffffffff, 1_000 / Math.pow(1 - random.nextFloat(), 1 / 1.2)),
    );
    expectWithin(histogram, sorted, 1 / 128);
  });

  it('with 6 sub-bucket bits (per-VM histograms) stays within 1/32 (3.1%)', () => {
    const random = new Rng(4);
    const { histogram, sorted } = fill(100_000, () => random.nextExponential(40_000), 6);
    expectWithin(histogram, sorted, 1 / 32);
  });

  it('reports the maximum exactly, also as quantile 1', () => {
    const histogram = new LogHistogram(8);
    for (const v of [5, 1_000, 123_456_789, 77]) histogram.record(v);
    expect(histogram.max).toBe(123_456_789);
    expect(histogram.quantile(1)).toBe(123_456_789);
    // the top bucket is ~0.8% wide, yet the maximum is not rounded up to its edge
    expect(histogram.quantile(0.9)).toBe(123_456_789);
  });

  it('clamps negatives to 0 and values beyond 2^32−1 to 2^32−1, and floors fractions', () => {
    const histogram = new LogHistogram(8);
    histogram.record(-5);
    histogram.record(1e15);
    histogram.record(3.9);
    expect(histogram.count).toBe(3);
    expect(histogram.quantile(0)).toBe(0);
    expect(histogram.quantile(0.5)).toBe(3);
    expect(histogram.max).toBe(0xffffffff);
    expect(histogram.quantile(1)).toBe(0xffffffff);
  });

  it('returns 0 for every quantile when empty', () => {
    const histogram = new LogHistogram(8);
    expect(histogram.quantile(0.5)).toBe(0);
    expect(histogram.max).toBe(0);
    expect(histogram.count).toBe(0);
  });

  it('gives quantiles() in one pass what quantile() gives one by one', () => {
    const random = new Rng(11);
    const { histogram } = fill(50_000, () => Math.exp(random.nextFloat() * 20));
    expect(histogram.quantiles(QUANTILES)).toEqual(QUANTILES.map((q) => histogram.quantile(q)));
    // Equal quantiles, and one beyond the last bucket (the maximum), too.
    expect(histogram.quantiles([0.5, 0.5, 1])).toEqual([0.5, 0.5, 1].map((q) => histogram.quantile(q)));
    expect(new LogHistogram(8).quantiles([0.5, 0.99])).toEqual([0, 0]);
    expect(() => histogram.quantiles([0.9, 0.5])).toThrow(/not ascending/);
  });

  it('reads counts kept elsewhere, adding them up unless told their total', () => {
    let value = 0;
    const { histogram } = fill(1_000, () => (value += 7), 6);
    const counts = (histogram as unknown as { counts: Uint32Array }).counts;
    const reader = new LogHistogram(6, counts, histogram.max);
    expect(reader.count).toBe(1_000);
    expect(reader.quantile(0.5)).toBe(histogram.quantile(0.5));
    // Told the total, it takes it as given: the ranks of its quantiles follow from it.
    const told = new LogHistogram(6, counts, histogram.max, 1_000);
    expect(told.quantiles([0.5, 0.99])).toEqual([histogram.quantile(0.5), histogram.quantile(0.99)]);
    expect(new LogHistogram(6, counts, histogram.max, 500).quantile(0.5)).toBe(histogram.quantile(0.25));
  });

  it('keeps a fixed amount of memory whatever is recorded', () => {
    const histogram = new LogHistogram(8);
    const before = countsLength(histogram);
    // one linear range of 256, then 128 buckets per power of two up to 2^32
    expect(before).toBe(256 + 25 * 128);
    const random = new Rng(5);
    for (let i = 0; i < 300_000; i++) histogram.record(Math.floor(random.nextFloat() * 2 ** 40));
    histogram.record(0xffffffff);
    expect(countsLength(histogram)).toBe(before);
    expect(histogram.count).toBe(300_001);
    expect(countsLength(new LogHistogram(6))).toBe(64 + 27 * 32);
  });
});

describe('LogHistogram.recordFolded', () => {
  it('fills coarser counts exactly as record() would fill a coarser histogram, finding the bucket once', () => {
    const random = new Rng(99);
    for (const [fineBits, coarseBits] of [
      [8, 6],
      [8, 8],
      [7, 3],
    ] as const) {
      const fine = new LogHistogram(fineBits);
      const reference = new LogHistogram(coarseBits);
      const map = new LogHistogram(coarseBits).foldMapFrom(fine);
      // Two coarse histograms side by side in one array, filled alternately; a margin each side.
      const buckets = LogHistogram.bucketCount(coarseBits);
      const storage = new Uint32Array(2 * buckets + 2);
      const other = new LogHistogram(coarseBits);
      const max = [0, 0];
      for (let i = 0; i < 200_000; i++) {
        // log-uniform over 0 .. 2^33 (past the clamp), with some negatives and fractions
        const v = i % 97 === 0 ? -5 : Math.exp(random.nextFloat() * 23) - 1.5;
        const second = i % 2 === 1;
        const counted = fine.recordFolded(v, storage, 1 + (second ? buckets : 0), map);
        (second ? other : reference).record(v);
        const k = second ? 1 : 0;
        max[k] = Math.max(max[k]!, counted);
      }
      expect(storage[0]).toBe(0);
      expect(storage[2 * buckets + 1]).toBe(0);
      const views = [0, 1].map(
        (k) => new LogHistogram(coarseBits, storage.subarray(1 + k * buckets, 1 + (k + 1) * buckets), max[k]),
      );
      [reference, other].forEach((expected, k) => {
        expect(views[k]!.count).toBe(expected.count);
        expect(views[k]!.max).toBe(expected.max);
        for (const q of QUANTILES) expect(views[k]!.quantile(q)).toBe(expected.quantile(q));
      });
      expect(fine.count).toBe(200_000);
    }
  });

  it('reads counts of the right length only', () => {
    expect(LogHistogram.bucketCount(6)).toBe(64 + 27 * 32);
    expect(() => new LogHistogram(6, new Uint32Array(10))).toThrow(/10 counts for a 6-bit histogram/);
  });

  it('refuses to fold coarser buckets into finer ones', () => {
    expect(() => new LogHistogram(8).foldMapFrom(new LogHistogram(6))).toThrow(/cannot fold/);
  });
});
