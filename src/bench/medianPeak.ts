/**
 * Peak RSS readings of `npm run bench:sim`, each from a fresh process. One process's peak can come
 * out ~15% above its neighbours' on the same build (the eighteenth round: VMQ's 10 s run at 32 VMs
 * 71.8, 83.5 and 71.8 MB in three processes), enough to fail a ±10% or a 150 MB check on its own,
 * so a check reads the median of three. Pure apart from what `measure` does.
 */

/** A measurement with its process's peak RSS. */
export interface PeakReading {
  readonly peakRssMb: number;
}

/** The reading that counts, and every process's peak when there were several (smallest first). */
export interface MedianPeak<T extends PeakReading> {
  readonly reading: T;
  readonly samplesMb?: readonly number[];
}

/** Processes whose median counts. */
export const PEAK_SAMPLES = 3;

/** `measure()` PEAK_SAMPLES times; the reading with the median peak counts. */
export function medianPeak<T extends PeakReading>(measure: () => T): MedianPeak<T> {
  return medianOf(Array.from({ length: PEAK_SAMPLES }, measure));
}

/**
 * `measure()` once; when its peak is over `limitMb`, PEAK_SAMPLES − 1 times more and the median
 * counts. A run within the limit stands: the odd processes seen came out high, not low.
 */
export function peakWithinLimit<T extends PeakReading>(measure: () => T, limitMb: number): MedianPeak<T> {
  const first = measure();
  if (first.peakRssMb <= limitMb) return { reading: first };
  return medianOf([first, ...Array.from({ length: PEAK_SAMPLES - 1 }, measure)]);
}

function medianOf<T extends PeakReading>(readings: readonly T[]): MedianPeak<T> {
  const sorted = [...readings].sort((a, b) => a.peakRssMb - b.peakRssMb);
  return {
    reading: sorted[Math.floor(sorted.length / 2)]!,
    samplesMb: sorted.map((reading) => reading.peakRssMb),
  };
}
