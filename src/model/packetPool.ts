/**
 * Every frame in flight, as a struct of typed arrays indexed by packet id; ids are recycled, so
 * memory follows the number of frames in flight (bounded by ring sizes), not the number simulated.
 */
export class PacketPool {
  genPs: Float64Array;
  readyPs: Float64Array;
  bytes: Int32Array;
  vm: Int32Array;
  /** 1 when the frame was generated inside the measurement window. */
  cohort: Uint8Array;
  /** 1 while the id is allocated. */
  live: Uint8Array;
  private free: Int32Array;
  private freeCount: number;
  private capacity: number;
  private liveCount = 0;

  constructor(initialCapacity = 4096) {
    this.capacity = initialCapacity;
    this.genPs = new Float64Array(initialCapacity);
    this.readyPs = new Float64Array(initialCapacity);
    this.bytes = new Int32Array(initialCapacity);
    this.vm = new Int32Array(initialCapacity);
    this.cohort = new Uint8Array(initialCapacity);
    this.live = new Uint8Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.free[i] = initialCapacity - 1 - i;
    this.freeCount = initialCapacity;
  }

  /** Frames currently allocated (in flight). */
  get inFlight(): number {
    return this.liveCount;
  }

  alloc(): number {
    if (this.freeCount === 0) this.grow();
    this.liveCount++;
    const id = this.free[--this.freeCount]!;
    this.live[id] = 1;
    return id;
  }

  release(id: number): void {
    if (this.live[id] !== 1) throw new Error(`packet ${id} released twice`);
    this.live[id] = 0;
    this.liveCount--;
    this.free[this.freeCount++] = id;
  }

  /** Frames of the measured cohort still allocated. */
  cohortInFlight(): number {
    let count = 0;
    for (let id = 0; id < this.capacity; id++) if (this.live[id] === 1 && this.cohort[id] === 1) count++;
    return count;
  }

  private grow(): void {
    const old = this.capacity;
    const capacity = old * 2;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.genPs = f64(this.genPs);
    this.readyPs = f64(this.readyPs);
    this.bytes = i32(this.bytes);
    this.vm = i32(this.vm);
    const cohort = new Uint8Array(capacity);
    cohort.set(this.cohort);
    this.cohort = cohort;
    const live = new Uint8Array(capacity);
    live.set(this.live);
    this.live = live;
    const free = new Int32Array(capacity);
    for (let i = capacity - 1; i >= old; i--) free[this.freeCount++] = i;
    this.free = free;
    this.capacity = capacity;
  }
}
