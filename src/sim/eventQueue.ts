/** Infinity, as a module constant V8 folds (see NEVER in sim/simulator.ts). */
const NEVER = Infinity;

/**
 * Binary min-heap of scheduled events ordered by (time, insertion sequence), so events at the same
 * simulated time run in the order they were scheduled, every run. Cancel is O(1): it flags the slot
 * and the pop skips it.
 *
 * Hand-written over typed arrays (not a generic heap library): this is the simulator's hot loop and
 * a generic comparator-based heap of objects costs several times more per operation. The keys sit
 * in heap order (`heapTimePs[i]`, `heapSeq[i]`), so a sift compares neighbouring array cells
 * instead of chasing a slot index per comparison; the slot only carries the handler, its argument
 * and the cancel flag.
 */
export interface EventHandler {
  handleEvent(arg: number, nowPs: number): void;
}

/** Opaque handle for cancel(): slot index plus a generation, so a stale handle cancels nothing. */
export type EventHandle = number;

const GENERATION_FACTOR = 2 ** 24;
/** Generations wrap at 2^27, so a handle (generation × 2^24 + slot) stays an exact integer. */
const GENERATION_MASK = 0x7ffffff;

export class EventQueue {
  private size = 0;
  /** Keys and slots in heap order. */
  private heapTimePs: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  /** Per slot: what to run, and whether it was cancelled. */
  private arg: Int32Array;
  private generation: Uint32Array;
  private cancelled: Uint8Array;
  private handler: (EventHandler | null)[];
  private freeSlots: Int32Array;
  private freeCount: number;
  private capacity: number;
  private nextSeq = 0;
  /** Cancelled events still in the heap: when 0, nothing needs skipping. */
  private cancelledInHeap = 0;

  /**
   * `initialCapacity`: slots before the first doubling. Small: a receive run keeps its events in
   * clock groups and leaves the heap all but empty, and every run builds a queue — 1024 slots were
   * ~41 kB a run (an 8 kB array of handlers, a sixth of what a 32-VM native host put on the
   * JavaScript heap, and the rest typed arrays).
   */
  constructor(initialCapacity = 64) {
    this.capacity = initialCapacity;
    this.heapTimePs = new Float64Array(initialCapacity);
    this.heapSeq = new Float64Array(initialCapacity);
    this.heapSlot = new Int32Array(initialCapacity);
    this.arg = new Int32Array(initialCapacity);
    this.generation = new Uint32Array(initialCapacity);
    this.cancelled = new Uint8Array(initialCapacity);
    this.handler = new Array<EventHandler | null>(initialCapacity).fill(null);
    this.freeSlots = new Int32Array(initialCapacity);
    for (let i = 0; i < initialCapacity; i++) this.freeSlots[i] = initialCapacity - 1 - i;
    this.freeCount = initialCapacity;
  }

  get length(): number {
    return this.size;
  }

  /** Take the next insertion sequence number (also used by inline sources to order ties). */
  takeSeq(): number {
    return this.nextSeq++;
  }

  push(timePs: number, handler: EventHandler, arg: number): EventHandle {
    return this.pushWithSeq(timePs, this.nextSeq++, handler, arg);
  }

  /** Push with a sequence number taken earlier (takeSeq()), so it sorts as if pushed then. */
  pushWithSeq(timePs: number, seq: number, handler: EventHandler, arg: number): EventHandle {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.arg[slot] = arg;
    this.handler[slot] = handler;
    this.cancelled[slot] = 0;
    const times = this.heapTimePs;
    const seqs = this.heapSeq;
    const slots = this.heapSlot;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < timePs || (pt === timePs && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = timePs;
    seqs[i] = seq;
    slots[i] = slot;
    return this.generation[slot]! * GENERATION_FACTOR + slot;
  }

  cancel(handle: EventHandle): boolean {
    const slot = handle % GENERATION_FACTOR;
    const generation = Math.floor(handle / GENERATION_FACTOR);
    if (slot >= this.capacity || this.generation[slot] !== generation || this.handler[slot] === null)
      return false;
    if (this.cancelled[slot] === 1) return false;
    this.cancelled[slot] = 1;
    this.cancelledInHeap++;
    return true;
  }

  /** Time of the earliest live event, or Infinity. Drops cancelled events from the top. */
  peekTimePs(): number {
    if (this.cancelledInHeap !== 0) this.dropCancelledTop();
    return this.size === 0 ? NEVER : this.heapTimePs[0]!;
  }

  /** Sequence of the earliest event (call peekTimePs() first so it is a live one), or Infinity. */
  peekSeq(): number {
    return this.size === 0 ? NEVER : this.heapSeq[0]!;
  }

  /** Pop the earliest live event and run its handler. Returns false when empty. */
  popAndRun(): boolean {
    if (this.cancelledInHeap !== 0) this.dropCancelledTop();
    if (this.size === 0) return false;
    this.runTop();
    return true;
  }

  /** Pop the top event and run it: only right after peekTimePs() found a live one. */
  runTop(): void {
    const time = this.heapTimePs[0]!;
    const slot = this.removeTop();
    const handler = this.handler[slot]!;
    const arg = this.arg[slot]!;
    this.release(slot);
    handler.handleEvent(arg, time);
  }

  private dropCancelledTop(): void {
    while (this.size > 0 && this.cancelled[this.heapSlot[0]!] === 1) {
      this.cancelledInHeap--;
      this.release(this.removeTop());
    }
  }

  private release(slot: number): void {
    this.handler[slot] = null;
    this.generation[slot] = (this.generation[slot]! + 1) & GENERATION_MASK;
    this.freeSlots[this.freeCount++] = slot;
  }

  /** Remove the root and return its slot: the last entry sifts down from the root. */
  private removeTop(): number {
    const times = this.heapTimePs;
    const seqs = this.heapSeq;
    const slots = this.heapSlot;
    const top = slots[0]!;
    const size = --this.size;
    if (size === 0) return top;
    const lt = times[size]!;
    const ls = seqs[size]!;
    const lslot = slots[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let ct = times[child]!;
      let cs = seqs[child]!;
      const right = child + 1;
      if (right < size) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < cs)) {
          child = right;
          ct = rt;
          cs = seqs[right]!;
        }
      }
      if (lt < ct || (lt === ct && ls < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      slots[i] = slots[child]!;
      i = child;
    }
    times[i] = lt;
    seqs[i] = ls;
    slots[i] = lslot;
    return top;
  }

  private grow(): void {
    const old = this.capacity;
    const capacity = old * 2;
    const grow64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.heapTimePs = grow64(this.heapTimePs);
    this.heapSeq = grow64(this.heapSeq);
    this.heapSlot = grow32(this.heapSlot);
    this.arg = grow32(this.arg);
    const generation = new Uint32Array(capacity);
    generation.set(this.generation);
    this.generation = generation;
    const cancelled = new Uint8Array(capacity);
    cancelled.set(this.cancelled);
    this.cancelled = cancelled;
    for (let i = old; i < capacity; i++) this.handler.push(null);
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(this.freeSlots.subarray(0, this.freeCount));
    for (let i = capacity - 1; i >= old; i--) freeSlots[this.freeCount++] = i;
    this.freeSlots = freeSlots;
    this.capacity = capacity;
  }
}
