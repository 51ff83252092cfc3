/**
 * Binary min-heap of scheduled events ordered by (time, insertion sequence), so events at the same
 * simulated time run in the order they were scheduled, every run. Cancel is O(1): it flags the slot
 * and the pop skips it.
 *
 * Hand-written over typed arrays (not a generic heap library): this is the simulator's hot loop and
 * a generic comparator-based heap of objects costs several times more per operation.
 */
export interface EventHandler {
  handleEvent(arg: number, nowPs: number): void;
}

/** Opaque handle for cancel(): slot index plus a generation, so a stale handle cancels nothing. */
export type EventHandle = number;

const GENERATION_FACTOR = 2 ** 24;

export class EventQueue {
  private heap: Int32Array;
  private size = 0;
  private timePs: Float64Array;
  private seq: Float64Array;
  private arg: Int32Array;
  private generation: Uint32Array;
  private cancelled: Uint8Array;
  private handler: (EventHandler | null)[];
  private freeSlots: Int32Array;
  private freeCount: number;
  private capacity: number;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.heap = new Int32Array(initialCapacity);
    this.timePs = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
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

  pushWithSeq(timePs: number, seq: number, handler: EventHandler, arg: number): EventHandle {
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    this.timePs[slot] = timePs;
    this.seq[slot] = seq;
    this.arg[slot] = arg;
    this.handler[slot] = handler;
    this.cancelled[slot] = 0;
    // sift up
    const heap = this.heap;
    const times = this.timePs;
    const seqs = this.seq;
    let i = this.size++;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      const pt = times[parent]!;
      if (pt < timePs || (pt === timePs && seqs[parent]! < seq)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = slot;
    return this.generation[slot]! * GENERATION_FACTOR + slot;
  }

  cancel(handle: EventHandle): boolean {
    const slot = handle % GENERATION_FACTOR;
    const generation = Math.floor(handle / GENERATION_FACTOR);
    if (slot >= this.capacity || this.generation[slot] !== generation || this.handler[slot] === null) return false;
    if (this.cancelled[slot] === 1) return false;
    this.cancelled[slot] = 1;
    return true;
  }

  /** Time of the earliest live event, or Infinity. Drops cancelled events from the top. */
  peekTimePs(): number {
    this.dropCancelledTop();
    return this.size === 0 ? Infinity : this.timePs[this.heap[0]!]!;
  }

  peekSeq(): number {
    return this.size === 0 ? Infinity : this.seq[this.heap[0]!]!;
  }

  /** Pop the earliest live event and run its handler. Returns false when empty. */
  popAndRun(): boolean {
    this.dropCancelledTop();
    if (this.size === 0) return false;
    const slot = this.removeTop();
    const handler = this.handler[slot]!;
    const time = this.timePs[slot]!;
    const arg = this.arg[slot]!;
    this.release(slot);
    handler.handleEvent(arg, time);
    return true;
  }

  private dropCancelledTop(): void {
    while (this.size > 0 && this.cancelled[this.heap[0]!] === 1) this.release(this.removeTop());
  }

  private release(slot: number): void {
    this.handler[slot] = null;
    this.generation[slot] = (this.generation[slot]! + 1) % 0x8000000;
    this.freeSlots[this.freeCount++] = slot;
  }

  private removeTop(): number {
    const heap = this.heap;
    const times = this.timePs;
    const seqs = this.seq;
    const top = heap[0]!;
    const last = heap[--this.size]!;
    const size = this.size;
    if (size === 0) return top;
    const lt = times[last]!;
    const ls = seqs[last]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      let ct = times[heap[left]!]!;
      if (right < size) {
        const rt = times[heap[right]!]!;
        if (rt < ct || (rt === ct && seqs[heap[right]!]! < seqs[heap[left]!]!)) {
          child = right;
          ct = rt;
        }
      }
      const cs = seqs[heap[child]!]!;
      if (lt < ct || (lt === ct && ls < cs)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
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
    const heap = new Int32Array(capacity);
    heap.set(this.heap);
    this.heap = heap;
    this.timePs = grow64(this.timePs);
    this.seq = grow64(this.seq);
    const arg = new Int32Array(capacity);
    arg.set(this.arg);
    this.arg = arg;
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
