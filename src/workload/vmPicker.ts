import type { Rng } from '../sim/rng.js';

/**
 * Which VM the next frame belongs to. Equal shares: round-robin for CBR (each VM sees a CBR stream)
 * or uniform random for Poisson (a Poisson stream split at random stays Poisson per VM). Weighted
 * shares: inverse CDF of a golden-ratio sequence (deterministic, evenly spread) for CBR, of a
 * uniform random number for Poisson.
 */
export interface VmPicker {
  next(): number;
  /** Set when the picker is plain round-robin over this many VMs from VM 0 (callers may inline it). */
  readonly roundRobinOf?: number;
}

const GOLDEN = 0.6180339887498949;

export function makeVmPicker(
  count: number,
  weights: readonly number[] | undefined,
  random: Rng | null,
): VmPicker {
  const equal = weights === undefined || weights.every((w) => w === weights[0]);
  if (equal) {
    if (random) return { next: () => Math.min(count - 1, Math.floor(random.nextFloat() * count)) };
    let k = 0;
    return {
      roundRobinOf: count,
      next: () => {
        const vm = k;
        k = k + 1 === count ? 0 : k + 1;
        return vm;
      },
    };
  }
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += weights[i]!;
    cumulative[i] = total;
  }
  const lookup = (u: number): number => {
    const target = u * total;
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  if (random) return { next: () => lookup(random.nextFloat()) };
  let phase = 0;
  return {
    next: () => {
      phase += GOLDEN;
      if (phase >= 1) phase -= 1;
      return lookup(phase);
    },
  };
}
