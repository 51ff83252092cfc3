import type { RingArena } from './ringArena.js';

/** A frame in a poll's batch (CpuCore.batch) is FRAME_FIELDS numbers: these offsets from its base. */
export const FRAME_GEN_PS = 0;
/** When its processing ends. */
export const FRAME_TIME_PS = 1;
/** Size and VM in one number (frameMeta): `vm * 2^FRAME_VM_SHIFT + bytes`, a small integer. */
export const FRAME_META = 2;
export const FRAME_FIELDS = 3;

/** The bits of FRAME_META below the VM: the size (MAX_FRAME_BYTES and MAX_VMS fit, see the ring's test). */
export const FRAME_VM_SHIFT = 14;
export const FRAME_BYTES_MASK = (1 << FRAME_VM_SHIFT) - 1;

/**
 * A frame in a ring is RING_WORDS 32-bit words, at these offsets from its base: the low 32 bits of
 * the time the ring's consumer may see it and of its generation time, the high 16 bits of both
 * (the ring time's in the low half), and its size and VM as in FRAME_META.
 */
export const RING_TIME_LO = 0;
export const RING_GEN_LO = 1;
export const RING_TIMES_HI = 2;
export const RING_META = 3;
export const RING_WORDS = 4;
/** 2^32: a time is its low word plus its high 16 bits times this. */
const TWO_32 = 4294967296;
const INVERSE_TWO_32 = 1 / TWO_32;
/**
 * The latest time a ring holds exactly: 2^48 - 1 ps, ~281 s. A run is at most 60 s after a warm-up
 * of at most 60 s (runScenario checks its clock never went past this); times are never negative.
 */
export const MAX_RING_TIME_PS = 2 ** 48 - 1;

/** When the frame at `base` may be seen by the ring's consumer. */
export function ringTimePs(words: Uint32Array, base: number): number {
  return words[base + RING_TIME_LO]! + (words[base + RING_TIMES_HI]! & 0xffff) * TWO_32;
}

/** When the frame at `base` was generated. */
export function ringGenPs(words: Uint32Array, base: number): number {
  return words[base + RING_GEN_LO]! + (words[base + RING_TIMES_HI]! >>> 16) * TWO_32;
}

/** A frame's size and VM as FRAME_META holds them (decode with `& FRAME_BYTES_MASK`, `>> FRAME_VM_SHIFT`). */
export function frameMeta(bytes: number, vm: number): number {
  return vm * (FRAME_BYTES_MASK + 1) + bytes;
}

/**
 * Slots a ring starts with. Few: a ring that drains at every poll (a VM among hundreds) never needs
 * more, and hundreds of small rings fit the caches better (and are quicker to build) than large ones.
 */
const INITIAL_SLOTS = 8;

/**
 * A bounded FIFO of frames (a descriptor ring with its buffers), held by value: each slot is one
 * record of RING_WORDS 32-bit words — the time this ring's consumer may see the frame, its
 * generation time, size and VM — 16 contiguous bytes in the order the poll reads them, so a poll
 * walks consecutive memory and a hand-over writes a line or two, however many rings there are.
 * Hundreds of VMs' full rings (VMQ queues at 64 B line rate: 256 × 512 slots) outgrow the L2 cache,
 * so every byte of a slot is memory traffic: size and VM in one number instead of two took the
 * 256-VM VMQ run at 64 B from 191 to 181 ms of CPU (best of 24 runs each, alternating processes),
 * the 32-VM run unchanged. (A shared table of frames looked up by id cost a cache miss per frame
 * per stage once hundreds of full rings held more frames than the caches do; four separate columns
 * cost four lines per frame.)
 *
 * 16 bytes, not the 24 of three doubles: the rings' frames are most of a large run's memory (VMQ
 * with a queue per VM at 4096 VMs holds 2.3 M frames at once in 3.4 M slots), and the two 48-bit
 * times split over three words cost a few shifts at every push and read: 0–8% more CPU a frame by
 * mode (paravirt at 1518 B most, VMQ at 64 B and 256 VMs none: its full rings fit the caches
 * better), against 34 MB less for that run (in process, 178 → 144 MB).
 *
 * The fields are public so a poll can walk the ring in a local loop: `head` is the oldest slot,
 * `size` the frames held, `mask` the wrap of the slot index (the slots are a power of two; slot
 * s starts at `offset + s * RING_WORDS` in `words`). The slots start few and double up to the
 * ring's capacity as frames pile up, so a ring's memory follows the frames it has held, not its
 * size. A ring built with an arena (every ring of a simulated host: see RingArena) takes its slots
 * from the arena's chunks and gives the old ones back as it grows; one without allocates arrays
 * of its own.
 */
export class PacketRing {
  /** Frames the ring holds at most (what the modelled ring or backlog holds). */
  // Initial numbers for fields set in the constructor: see the note in Poller.
  readonly capacity: number = 0;
  /** The array the slots are in: one of the arena's chunks, shared with other rings, or the ring's own. */
  words: Uint32Array;
  /** Where slot 0 starts in `words`: slot s is the RING_WORDS words from `offset + s * RING_WORDS`. */
  offset: number = 0;
  mask: number = 0;
  head = 0;
  size = 0;
  private readonly arena: RingArena | null;
  /** The slots' first slot in the arena (RingArena.allocate), or -1 for an array of the ring's own. */
  private start: number = 0;

  constructor(capacity: number, arena?: RingArena) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new Error(`ring capacity ${capacity}`);
    this.capacity = capacity;
    this.arena = arena ?? null;
    const slots = slotCount(Math.min(capacity, INITIAL_SLOTS));
    this.words = this.takeSlots(slots);
    this.mask = slots - 1;
  }

  /** Append a frame; throws when the ring is full (the caller drops instead). */
  push(genPs: number, bytes: number, vm: number, readyPs: number): void {
    if (this.size === this.capacity) throw new Error(`ring of ${this.capacity} pushed while full`);
    if (this.size > this.mask) this.grow();
    const base = this.offset + ((this.head + this.size) & this.mask) * RING_WORDS;
    const words = this.words;
    // A store into a Uint32Array keeps the low 32 bits of the number; the high ones go in pairs.
    words[base + RING_TIME_LO] = readyPs;
    words[base + RING_GEN_LO] = genPs;
    words[base + RING_TIMES_HI] = ((readyPs * INVERSE_TWO_32) & 0xffff) | ((genPs * INVERSE_TWO_32) << 16);
    words[base + RING_META] = frameMeta(bytes, vm);
    this.size++;
  }

  /** Where the frame `offset` places from the head (0 = the oldest) starts in `words`. */
  baseAt(offset: number): number {
    return this.offset + ((this.head + offset) & this.mask) * RING_WORDS;
  }

  /** When the frame `offset` places from the head (0 = the oldest) becomes visible. */
  readyAt(offset: number): number {
    return ringTimePs(this.words, this.baseAt(offset));
  }

  /**
   * How many of the first `limit` frames become visible by `nowPs`, given that frame `limit` does
   * not: the frames' times never decrease from the head on (Poller.accept), so those are a prefix.
   */
  readyBefore(nowPs: number, limit: number): number {
    let low = 0;
    let high = limit;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.readyAt(middle) > nowPs) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Drop the oldest frame (tests; a poll advances `head` and `size` in its own loop). */
  shift(): void {
    if (this.size === 0) throw new Error('shift of an empty ring');
    this.head = (this.head + 1) & this.mask;
    this.size--;
  }

  /** Frames held that were generated in [startPs, endPs) (the measured cohort still in flight). */
  countGenerated(startPs: number, endPs: number): number {
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      const genPs = ringGenPs(this.words, this.baseAt(i));
      if (genPs >= startPs && genPs < endPs) count++;
    }
    return count;
  }

  /**
   * Double the slots (up to what the capacity needs), unwrapping the frames to the front. Called
   * when `size > mask` (every slot is taken but the ring is not full).
   */
  private grow(): void {
    const slots = Math.min(2 * (this.mask + 1), slotCount(this.capacity));
    const old = this.words;
    const oldOffset = this.offset;
    const oldStart = this.start;
    const oldSlots = this.mask + 1;
    const words = this.takeSlots(slots);
    // Every slot is taken: the frames are the slots from the head to the end, then those before it.
    // Two block copies within the arrays (copyWithin when both are the same chunk).
    const headAt = oldOffset + this.head * RING_WORDS;
    const endAt = oldOffset + oldSlots * RING_WORDS;
    const to = this.offset;
    if (words === old) {
      words.copyWithin(to, headAt, endAt);
      words.copyWithin(to + (endAt - headAt), oldOffset, headAt);
    } else {
      words.set(old.subarray(headAt, endAt), to);
      words.set(old.subarray(oldOffset, headAt), to + (endAt - headAt));
    }
    if (oldStart >= 0) this.arena!.release(oldStart, oldSlots);
    this.words = words;
    this.mask = slots - 1;
    this.head = 0;
  }

  /**
   * `slots` slots from the arena, or an array of the ring's own when it has none or they are more
   * than its chunks hold: sets `start` and `offset`, returns the array they are in.
   */
  private takeSlots(slots: number): Uint32Array {
    const start = this.arena === null ? -1 : this.arena.allocate(slots, slotCount(this.capacity));
    this.start = start;
    if (start < 0) {
      this.offset = 0;
      return new Uint32Array(slots * RING_WORDS);
    }
    this.offset = this.arena!.offsetOf(start);
    return this.arena!.chunkOf(start);
  }
}

/** The smallest power of two ≥ `frames`. */
function slotCount(frames: number): number {
  let slots = 1;
  while (slots < frames) slots *= 2;
  return slots;
}
