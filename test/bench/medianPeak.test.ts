import { describe, expect, it } from 'vitest';
import { medianPeak, PEAK_SAMPLES, peakWithinLimit } from '../../src/bench/medianPeak.js';

/** A measurement that returns the given peaks in turn, labelled by their order, and counts its calls. */
function readings(...peaks: number[]): {
  measure: () => { peakRssMb: number; order: number };
  calls: () => number;
} {
  let calls = 0;
  return {
    measure: () => {
      const peakRssMb = peaks[calls];
      if (peakRssMb === undefined) throw new Error('measured more often than the test allows');
      return { peakRssMb, order: calls++ };
    },
    calls: () => calls,
  };
}

describe('medianPeak', () => {
  it('measures three times and keeps the reading with the median peak, whatever the order', () => {
    // The eighteenth round's odd one out: VMQ's 10 s run 71.8, 83.5 and 71.8 MB.
    const odd = readings(71.8, 83.5, 71.7);
    const peak = medianPeak(odd.measure);
    expect(odd.calls()).toBe(PEAK_SAMPLES);
    expect(peak.reading).toEqual({ peakRssMb: 71.8, order: 0 });
    expect(peak.samplesMb).toEqual([71.7, 71.8, 83.5]);
    expect(medianPeak(readings(90, 70, 80).measure).reading).toEqual({ peakRssMb: 80, order: 2 });
  });
});

describe('peakWithinLimit', () => {
  it('keeps a first reading within the limit without measuring again', () => {
    const once = readings(143);
    expect(peakWithinLimit(once.measure, 150)).toEqual({ reading: { peakRssMb: 143, order: 0 } });
    expect(once.calls()).toBe(1);
    // At the limit is within it.
    expect(peakWithinLimit(readings(150).measure, 150).samplesMb).toBeUndefined();
  });

  it('measures twice more when the first is over the limit, and the median counts', () => {
    const high = readings(155, 141, 143);
    const peak = peakWithinLimit(high.measure, 150);
    expect(high.calls()).toBe(3);
    expect(peak.reading).toEqual({ peakRssMb: 143, order: 2 });
    expect(peak.samplesMb).toEqual([141, 143, 155]);
  });

  it('stays over the limit when most readings are', () => {
    const over = peakWithinLimit(readings(160, 140, 158).measure, 150);
    expect(over.reading.peakRssMb).toBe(158);
    expect(over.samplesMb).toEqual([140, 158, 160]);
  });
});
