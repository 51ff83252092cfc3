/**
 * A bounded FIFO of frames (a descriptor ring with its buffers). Frames are held by value, as
 * columns — generation time, the time this ring's consumer may see the frame, size, VM — so a poll
 * reads its frames from consecutive memory instead of looking each one up in a shared table: with
 * hundreds of full rings (the frames waiting in them are most of the simulator's memory) that
 * lookup was a cache miss per frame per stage.
 *
 * The fields are public so a poll can walk the ring in a local loop: `head` is the oldest slot,
 * `size` the frames held, `mask` the wrap of the column index (the columns' length is a power of
 * two). The columns start small and double up to the ring's capacity as frames pile up, so a
 * ring's memory follows the frames it has held, not its size.
 */
export class PacketRing {
  /** Frames the ring holds at most (what the modelled ring or backlog holds). */
  readonly capacity: number;
  genPs: Float64Array;
  readyPs: Float64Array;
  bytes: Int32Array;
  vm: Int32Array;
  mask: number;
  head = 0;
  size = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new Error(`ring capacity ${capacity}`);
    this.capacity = capacity;
    const length = columnLength(Math.min(capacity, 64));
    this.genPs = new Float64Array(length);
    this.readyPs = new Float64Array(length);
    this.bytes = new Int32Array(length);
    this.vm = new Int32Array(length);
    this.mask = length - 1;
  }

  get count(): number {
    return this.size;
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Append a frame; the caller has checked the ring is not full. */
  push(genPs: number, bytes: number, vm: number, readyPs: number): void {
    if (this.size === this.capacity) throw new Error(`ring of ${this.capacity} pushed while full`);
    if (this.size > this.mask) this.grow();
    const tail = (this.head + this.size) & this.mask;
    this.genPs[tail] = genPs;
    this.readyPs[tail] = readyPs;
    this.bytes[tail] = bytes;
    this.vm[tail] = vm;
    this.size++;
  }

  /** When the frame `offset` places from the head (0 = the oldest) becomes visible. */
  readyAt(offset: number): number {
    return this.readyPs[(this.head + offset) & this.mask]!;
  }

  /** Drop the oldest frame (tests and the poll's own loop advance `head` and `size` directly). */
  shift(): void {
    if (this.size === 0) throw new Error('shift of an empty ring');
    this.head = (this.head + 1) & this.mask;
    this.size--;
  }

  /** Frames held that were generated in [startPs, endPs) (the measured cohort still in flight). */
  countGenerated(startPs: number, endPs: number): number {
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      const genPs = this.genPs[(this.head + i) & this.mask]!;
      if (genPs >= startPs && genPs < endPs) count++;
    }
    return count;
  }

  /**
   * Double the columns (up to what the capacity needs), unwrapping the frames to the front. Called
   * when `size > mask` (the columns are full but the ring is not).
   */
  grow(): void {
    const length = Math.min(2 * (this.mask + 1), columnLength(this.capacity));
    const genPs = new Float64Array(length);
    const readyPs = new Float64Array(length);
    const bytes = new Int32Array(length);
    const vm = new Int32Array(length);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) & this.mask;
      genPs[i] = this.genPs[from]!;
      readyPs[i] = this.readyPs[from]!;
      bytes[i] = this.bytes[from]!;
      vm[i] = this.vm[from]!;
    }
    this.genPs = genPs;
    this.readyPs = readyPs;
    this.bytes = bytes;
    this.vm = vm;
    this.mask = length - 1;
    this.head = 0;
  }
}

/** The smallest power of two ≥ `frames`. */
function columnLength(frames: number): number {
  let length = 1;
  while (length < frames) length *= 2;
  return length;
}
