/**
 * Seeded pseudo-random numbers: xoshiro128** seeded through splitmix32, one independent stream per
 * named component (`rng.stream("arrivals.rx")`), so adding a consumer never shifts another's numbers.
 * Hand-written because it sits in the per-packet path and must be allocation-free.
 */
export class Rng {
  // State words start as numbers: a field declared bare starts as `undefined` (class fields are
  // defined before the constructor runs), and V8 would then box every value stored in it later.
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed32: number) {
    let state = seed32 >>> 0;
    const next = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 bits. */
  nextFloat(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Exponential with the given mean. */
  nextExponential(mean: number): number {
    return -Math.log(1 - this.nextFloat()) * mean;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** FNV-1a over the seed and the stream name: an independent 32-bit seed per named stream. */
export function streamSeed(seed: number, name: string): number {
  let hash = 0x811c9dc5;
  const text = `${seed >>> 0}:${name}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export class RngStreams {
  private readonly seed: number;
  private readonly streams = new Map<string, Rng>();

  constructor(seed: number) {
    this.seed = seed;
  }

  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      rng = new Rng(streamSeed(this.seed, name));
      this.streams.set(name, rng);
    }
    return rng;
  }
}
