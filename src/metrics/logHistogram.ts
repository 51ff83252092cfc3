/**
 * A log-linear (HDR-style) histogram of non-negative integers over a fixed Uint32Array: memory is
 * set at construction and does not grow with the number of values recorded. With `subBucketBits`
 * = 8 every value above 255 lands in a bucket at most 1/128 (0.8%) wide relative to its value.
 *
 * Hand-written rather than hdr-histogram-js: that library measured ≈145 ns per recordValue and
 * ≈110 KB per histogram here, too slow for the per-packet path and too large for one per VM.
 */
export class LogHistogram {
  // `counts`, `total` and `maxValue` first: recording reads them together (adjacent fields).
  private readonly counts: Uint32Array;
  private total = 0;
  private maxValue = 0;
  private readonly subBucketBits: number = 0;
  private readonly subBucketCount: number = 0;
  private readonly halfCount: number = 0;

  /** Buckets of a histogram with `subBucketBits`: one linear range, then half as many per power of two up to 2^32. */
  static bucketCount(subBucketBits: number): number {
    return (1 << subBucketBits) + (32 - subBucketBits + 1) * ((1 << subBucketBits) >> 1);
  }

  /**
   * An empty histogram; or, given `counts` (bucketCount(subBucketBits) of them, filled by
   * recordFolded into storage the caller keeps), one reading those counts, whose largest value was
   * `maxValue` and which add up to `total` (counted here when not given).
   */
  constructor(subBucketBits = 8, counts?: Uint32Array, maxValue = 0, total?: number) {
    this.subBucketBits = subBucketBits;
    this.subBucketCount = 1 << subBucketBits;
    this.halfCount = this.subBucketCount >> 1;
    const buckets = LogHistogram.bucketCount(subBucketBits);
    if (counts === undefined) {
      this.counts = new Uint32Array(buckets);
      return;
    }
    if (counts.length !== buckets) {
      throw new Error(`${counts.length} counts for a ${subBucketBits}-bit histogram of ${buckets} buckets`);
    }
    this.counts = counts;
    if (total === undefined) for (let i = 0; i < counts.length; i++) this.total += counts[i]!;
    else this.total = total;
    this.maxValue = maxValue;
  }

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.maxValue;
  }

  record(value: number): void {
    const v = clampValue(value);
    this.add(this.indexOf(v), v);
  }

  /**
   * record(value) here, and count it in the bucket of a coarser histogram (fewer sub-bucket bits)
   * kept as plain counts in `into`, finding the bucket once: every bucket of this histogram lies
   * inside one bucket of the coarser one, which `foldMap` (from coarser.foldMapFrom(this)) names,
   * and the count goes to `into[offset + foldMap[bucket]]` (so a foldMap scaled by a stride lays the
   * coarser buckets out strided). Returns the value as counted (the caller keeps the coarser one's
   * maximum). A run's per-VM histograms are such counts in one array: a frame's delivery then
   * touches its VM's bucket and nothing else of the VM's.
   */
  recordFolded(value: number, into: Uint32Array, offset: number, foldMap: Int32Array): number {
    const v = clampValue(value);
    const index = this.indexOf(v);
    this.add(index, v);
    into[offset + foldMap[index]!]!++;
    return v;
  }

  /** Count the (clamped) value `v` in bucket `index`. */
  private add(index: number, v: number): void {
    this.counts[index]!++;
    this.total++;
    if (v > this.maxValue) this.maxValue = v;
  }

  /** For each bucket of `finer` (more sub-bucket bits), the bucket of this histogram that contains it. */
  foldMapFrom(finer: LogHistogram): Int32Array {
    if (finer.subBucketBits < this.subBucketBits) {
      throw new Error(`cannot fold ${finer.subBucketBits}-bit buckets into ${this.subBucketBits}-bit ones`);
    }
    const map = new Int32Array(finer.counts.length);
    for (let i = 0; i < map.length; i++) map[i] = this.indexOf(finer.lowerEdgeOf(i));
    return map;
  }

  /** Value at quantile q in [0, 1]: the upper edge of the bucket holding the q-th value, capped at max. */
  quantile(q: number): number {
    return this.quantiles([q])[0]!;
  }

  /** Throws unless `qs` ascend (a walk over the buckets finds them in order). */
  static checkAscending(qs: readonly number[]): void {
    for (let k = 1; k < qs.length; k++) {
      if (qs[k]! < qs[k - 1]!) throw new Error(`quantiles ${qs.join(', ')} are not ascending`);
    }
  }

  /** The rank of the q-th value of `total`: ceil(q · total), at least 1. */
  static rankOf(q: number, total: number): number {
    return Math.max(1, Math.ceil(q * total));
  }

  /** quantile(q) of each of `qs` (ascending), in one pass over the buckets. */
  quantiles(qs: readonly number[]): number[] {
    LogHistogram.checkAscending(qs);
    const values = new Array<number>(qs.length).fill(this.total === 0 ? 0 : this.maxValue);
    if (this.total === 0) return values;
    const ranks = qs.map((q) => LogHistogram.rankOf(q, this.total));
    const counts = this.counts;
    let k = 0;
    let seen = 0;
    for (let i = 0; i < counts.length && k < qs.length; i++) {
      seen += counts[i]!;
      while (k < qs.length && seen >= ranks[k]!) values[k++] = Math.min(this.upperEdgeOf(i), this.maxValue);
    }
    return values;
  }

  /** The first bucket holding a value, or -1 when the histogram is empty. */
  firstUsedBucket(): number {
    if (this.total === 0) return -1;
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) return i;
    return -1;
  }

  private indexOf(v: number): number {
    if (v < this.subBucketCount) return v;
    const msb = 31 - Math.clz32(v);
    const shift = msb - this.subBucketBits + 1;
    return this.subBucketCount + (shift - 1) * this.halfCount + ((v >>> shift) - this.halfCount);
  }

  private lowerEdgeOf(index: number): number {
    if (index < this.subBucketCount) return index;
    const offset = index - this.subBucketCount;
    const shift = Math.floor(offset / this.halfCount) + 1;
    const sub = (offset % this.halfCount) + this.halfCount;
    return sub * 2 ** shift;
  }

  /** The largest value bucket `index` holds. */
  upperEdgeOf(index: number): number {
    if (index < this.subBucketCount) return index;
    const offset = index - this.subBucketCount;
    const shift = Math.floor(offset / this.halfCount) + 1;
    const sub = (offset % this.halfCount) + this.halfCount;
    return (sub + 1) * 2 ** shift - 1;
  }
}

/** The integer a value is counted as: floored, and clamped to [0, 2^32 − 1]. */
function clampValue(value: number): number {
  return value > 0xffffffff ? 0xffffffff : value < 0 ? 0 : Math.floor(value);
}
