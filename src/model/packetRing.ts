import type { RingArena, RingBlock } from './ringArena.js';

/** A frame in a ring or a poll's batch is FRAME_FIELDS numbers: these offsets from its base. */
export const FRAME_GEN_PS = 0;
/** When the holder's consumer may see the frame (a ring), or when its processing ends (a batch). */
export const FRAME_TIME_PS = 1;
/** Size and VM in one number (frameMeta): `vm * 2^FRAME_VM_SHIFT + bytes`, a small integer. */
export const FRAME_META = 2;
export const FRAME_FIELDS = 3;

/** The bits of FRAME_META below the VM: the size (MAX_FRAME_BYTES and MAX_VMS fit, see the ring's test). */
export const FRAME_VM_SHIFT = 14;
export const FRAME_BYTES_MASK = (1 << FRAME_VM_SHIFT) - 1;

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
 * record of FRAME_FIELDS numbers — generation time, the time this ring's consumer may see the
 * frame, size and VM packed in one — in one Float64Array. A frame is 24 contiguous bytes (one cache
 * line, at most two), in the order the poll reads them, so a poll walks consecutive memory and a
 * hand-over writes a line or two, however many rings there are. Hundreds of VMs' full rings (VMQ
 * queues at 64 B line rate: 256 × 512 slots) outgrow the L2 cache, so every byte of a slot is
 * memory traffic: size and VM in one number instead of two took the 256-VM VMQ run at 64 B from 191
 * to 181 ms of CPU (best of 24 runs each, alternating processes), the 32-VM run unchanged. (A shared table of frames looked up by id cost a cache miss per frame per
 * stage once hundreds of full rings held more frames than the caches do; four separate columns
 * cost four lines per frame.)
 *
 * The fields are public so a poll can walk the ring in a local loop: `head` is the oldest slot,
 * `size` the frames held, `mask` the wrap of the slot index (the slots are a power of two; slot
 * s starts at `s * FRAME_FIELDS`). The slots start few and double up to the ring's capacity as
 * frames pile up, so a ring's memory follows the frames it has held, not its size. A ring built
 * with an arena (every ring of a simulated host: see RingArena) takes its slots from it and gives
 * the old ones back as it grows; one without allocates arrays of its own.
 */
export class PacketRing {
  /** Frames the ring holds at most (what the modelled ring or backlog holds). */
  // Initial numbers for fields set in the constructor: see the note in Poller.
  readonly capacity: number = 0;
  frames: Float64Array;
  mask: number = 0;
  head = 0;
  size = 0;
  private readonly arena: RingArena | null;
  /** The block `frames` is: the arena's, or (start -1) an array of the ring's own. */
  private block: RingBlock;

  constructor(capacity: number, arena?: RingArena) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new Error(`ring capacity ${capacity}`);
    this.capacity = capacity;
    this.arena = arena ?? null;
    const slots = slotCount(Math.min(capacity, INITIAL_SLOTS));
    this.block = this.takeSlots(slots);
    this.frames = this.block.frames;
    this.mask = slots - 1;
  }

  /** Append a frame; throws when the ring is full (the caller drops instead). */
  push(genPs: number, bytes: number, vm: number, readyPs: number): void {
    if (this.size === this.capacity) throw new Error(`ring of ${this.capacity} pushed while full`);
    if (this.size > this.mask) this.grow();
    const base = ((this.head + this.size) & this.mask) * FRAME_FIELDS;
    const frames = this.frames;
    frames[base + FRAME_GEN_PS] = genPs;
    frames[base + FRAME_TIME_PS] = readyPs;
    frames[base + FRAME_META] = frameMeta(bytes, vm);
    this.size++;
  }

  /** Where the frame `offset` places from the head (0 = the oldest) starts in `frames`. */
  baseAt(offset: number): number {
    return ((this.head + offset) & this.mask) * FRAME_FIELDS;
  }

  /** When the frame `offset` places from the head (0 = the oldest) becomes visible. */
  readyAt(offset: number): number {
    return this.frames[this.baseAt(offset) + FRAME_TIME_PS]!;
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
      const genPs = this.frames[this.baseAt(i) + FRAME_GEN_PS]!;
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
    const block = this.takeSlots(slots);
    const frames = block.frames;
    // Every slot is taken: the frames are the slots from the head to the end, then those before it.
    // Two block copies (a copy per frame cost a subarray each: hundreds of rings grow in every run).
    const old = this.frames;
    const headAt = this.head * FRAME_FIELDS;
    frames.set(old.subarray(headAt));
    frames.set(old.subarray(0, headAt), old.length - headAt);
    this.arena?.release(this.block);
    this.block = block;
    this.frames = frames;
    this.mask = slots - 1;
    this.head = 0;
  }

  /** `slots` slots from the arena, or an array of the ring's own when it has none. */
  private takeSlots(slots: number): RingBlock {
    if (this.arena !== null) return this.arena.allocate(slots);
    return { frames: new Float64Array(slots * FRAME_FIELDS), start: -1 };
  }
}

/** The smallest power of two ≥ `frames`. */
function slotCount(frames: number): number {
  let slots = 1;
  while (slots < frames) slots *= 2;
  return slots;
}
