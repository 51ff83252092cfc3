import * as layout from './frameLayout.js';
import { RingArena, tablePages } from './ringArena.js';

// Module-private copies of the layout (see frameLayout.ts: V8 folds these, not imported names).
const {
  FRAME_BYTES_MASK,
  NARROW_SLOT_WORDS,
  PAGE_MASK,
  PAGE_SHIFT,
  PAGE_SLOTS,
  RING_GEN_LO,
  RING_META,
  RING_TIME_LO,
  RING_TIMES_HI,
  WIDE_SLOT_WORDS,
} = layout;

/** 2^32: a time is its low word plus its high 16 bits times this. */
const TWO_32 = 4294967296;
const INVERSE_TWO_32 = 1 / TWO_32;

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

// What the ring's own per-frame code calls: private copies, as of the layout's constants (an
// exported function, too, is read through its module cell at every call).
const timePsAt = ringTimePs;
const genPsAt = ringGenPs;
const metaOf = frameMeta;

/**
 * A bounded FIFO of frames (a descriptor ring with its buffers), held by value: each slot is one
 * record of 32-bit words — the time this ring's consumer may see the frame, its generation time,
 * size and VM — 16 contiguous bytes in the order the poll reads them (12 in a narrow ring), so a poll
 * walks consecutive memory and a hand-over writes a line or two, however many rings there are.
 * Hundreds of VMs' full rings (VMQ queues at 64 B line rate: 256 × 512 slots) outgrow the L2 cache,
 * so every byte of a slot is memory traffic: size and VM in one number instead of two took the
 * 256-VM VMQ run at 64 B from 191 to 181 ms of CPU (best of 24 runs each, alternating processes),
 * the 32-VM run unchanged. (A shared table of frames looked up by id cost a cache miss per frame
 * per stage once hundreds of full rings held more frames than the caches do; four separate columns
 * cost four lines per frame.)
 *
 * 16 bytes, not the 24 of three doubles: the rings' frames are most of a large run's memory (VMQ
 * with a queue per VM at 4096 VMs holds 2.3 M frames at once), and the two 48-bit times split over
 * three words cost a few shifts at every push and read: 0–8% more CPU a frame by mode (paravirt at
 * 1518 B most, VMQ at 64 B and 256 VMs none: its full rings fit the caches better), against 34 MB
 * less for that run (in process, 178 → 144 MB).
 *
 * Narrow while its frames are alike: a ring starts with slots of NARROW_SLOT_WORDS, the two times
 * only, and keeps the size and VM its frames all have in `fixedMeta` (taken from the first frame
 * pushed into it while empty). A frame of another size or VM pushed while it holds frames widens it
 * for good (widen(): its frames copied into wide pages, with size and VM). Most rings serve one VM
 * and a run's frames mostly have one size (every run but IMIX and mixes), so most rings stay
 * narrow: VMQ with a queue per VM at 4096 VMs, 64 B both ways, keeps 3.1 M frames in its rings
 * once they fill, 12.6 MB less in narrow slots (fifteenth round: the CLI's peak RSS over 1 s 152 →
 * 139–141 MB, VMDq 153 → 141; as fast, alternating fresh processes). A poll reads `slotWords`
 * and `fixedMeta` once (Poller.beginJob); no push can come in the middle of one.
 *
 * The slots are in pages of PAGE_SLOTS from its arena (RingArena): a frame's position runs from 0
 * to `limit` and wraps, its page is the table entry `position >> PAGE_SHIFT` (from `tableAt` in the
 * arena's `words`) and its slot `position & PAGE_MASK` within it. The ring holds the pages from
 * its oldest frame's to its newest's: a push into a page it does not hold takes one, and a poll
 * gives each page back as it reads the page's last frame (see Poller.beginJob, leavePage). The
 * fields are public so a poll can walk the ring in a local loop: `head` is the oldest frame's
 * position, `size` the frames held. A ring built without an arena gets one of its own.
 */
export class PacketRing {
  /** Frames the ring holds at most (what the modelled ring or backlog holds). */
  // Initial numbers for fields set in the constructor: see the note in Poller.
  readonly capacity: number = 0;
  /** Where its frames' pages are (shared with the other rings of a host). */
  private readonly arena: RingArena;
  /** The arena's array its page table and pages are in (empty until the arena is sealed). */
  words: Uint32Array;
  /** Words a slot spans: NARROW_SLOT_WORDS until a frame unlike the others widens it (or its arena's rings start wide). */
  slotWords: number = NARROW_SLOT_WORDS;
  /** A narrow ring's frames' size and VM (FRAME_META); -1 before the first push. */
  fixedMeta = -1;
  /** Where its page table starts in the arena's `words`. */
  readonly tableAt: number = 0;
  /** Positions its table's pages hold: a position wraps to 0 here (a multiple of PAGE_SLOTS). */
  readonly limit: number = 0;
  head = 0;
  size = 0;
  /**
   * The page pushes went into last and its table entry (-1: none): the next push is most often
   * into the same page, and then reads these two fields instead of the table.
   */
  private pushEntry = -1;
  private pushPage = 0;

  constructor(capacity: number, arena?: RingArena) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new Error(`ring capacity ${capacity}`);
    this.capacity = capacity;
    this.arena = arena ?? new RingArena();
    this.words = this.arena.words;
    this.slotWords = this.arena.startSlotWords;
    this.tableAt = this.arena.reserve(this, capacity);
    this.limit = tablePages(capacity) * PAGE_SLOTS;
    if (arena === undefined) this.arena.seal();
  }

  /** Append a frame; throws when the ring is full (the caller drops instead). */
  push(genPs: number, bytes: number, vm: number, readyPs: number): void {
    // Kept short (the rare cases are calls), so V8 inlines it into every producer's chain.
    if (this.size === this.capacity) fullRing(this.capacity);
    const meta = metaOf(bytes, vm);
    let slotWords = this.slotWords;
    if (meta !== this.fixedMeta && slotWords === NARROW_SLOT_WORDS) slotWords = this.unlike(meta);
    let position = this.head + this.size;
    if (position >= this.limit) position -= this.limit;
    const entry = this.tableAt + (position >> PAGE_SHIFT);
    const page = entry === this.pushEntry ? this.pushPage : this.pageFor(entry);
    const words = this.words;
    const base = page + (position & PAGE_MASK) * slotWords;
    // A store into a Uint32Array keeps the low 32 bits of the number; the high ones go in pairs.
    words[base + RING_TIME_LO] = readyPs;
    words[base + RING_GEN_LO] = genPs;
    words[base + RING_TIMES_HI] = ((readyPs * INVERSE_TWO_32) & 0xffff) | ((genPs * INVERSE_TWO_32) << 16);
    if (slotWords === WIDE_SLOT_WORDS) words[base + RING_META] = meta;
    this.size++;
  }

  /**
   * A narrow ring is handed a frame whose size and VM (`meta`) differ from its frames': an empty
   * ring takes them as its own, one holding frames is widened. Returns the slot width now.
   */
  private unlike(meta: number): number {
    if (this.size === 0) {
      this.fixedMeta = meta;
      return NARROW_SLOT_WORDS;
    }
    this.widen();
    return WIDE_SLOT_WORDS;
  }

  /** Copy every page the ring holds into a wide page, each slot with the ring's size and VM, and give the narrow ones back. */
  private widen(): void {
    const meta = this.fixedMeta;
    const end = this.tableAt + this.limit / PAGE_SLOTS;
    for (let entry = this.tableAt; entry < end; entry++) {
      const narrow = this.words[entry]!;
      if (narrow === 0) continue;
      // Taking a page may replace `words` (the arena enlarged): read it after.
      const wide = this.arena.take(WIDE_SLOT_WORDS);
      const words = this.words;
      for (let slot = 0; slot < PAGE_SLOTS; slot++) {
        const from = narrow + slot * NARROW_SLOT_WORDS;
        const to = wide + slot * WIDE_SLOT_WORDS;
        words[to + RING_TIME_LO] = words[from + RING_TIME_LO]!;
        words[to + RING_GEN_LO] = words[from + RING_GEN_LO]!;
        words[to + RING_TIMES_HI] = words[from + RING_TIMES_HI]!;
        words[to + RING_META] = meta;
      }
      this.arena.give(narrow, NARROW_SLOT_WORDS);
      words[entry] = wide;
    }
    this.slotWords = WIDE_SLOT_WORDS;
    this.fixedMeta = -1;
    this.pushEntry = -1;
  }

  /** The page at table entry `entry`, taken from the arena if the ring holds none there (which may replace `words`). */
  private pageFor(entry: number): number {
    let page = this.words[entry]!;
    // No page there yet: 0 (undefined before the arena is sealed, which the first take does).
    if (!(page > 0)) {
      page = this.arena.take(this.slotWords);
      this.words[entry] = page;
    }
    this.pushEntry = entry;
    this.pushPage = page;
    return page;
  }

  /** Where the frame `offset` places from the head (0 = the oldest) starts in `words`. */
  baseAt(offset: number): number {
    let position = this.head + offset;
    if (position >= this.limit) position -= this.limit;
    return this.words[this.tableAt + (position >> PAGE_SHIFT)]! + (position & PAGE_MASK) * this.slotWords;
  }

  /** The size and VM (FRAME_META) of the frame whose slot starts at `base` (tests; a poll reads them itself). */
  metaAt(base: number): number {
    return this.slotWords === NARROW_SLOT_WORDS ? this.fixedMeta : this.words[base + RING_META]!;
  }

  /** When the frame `offset` places from the head (0 = the oldest) becomes visible. */
  readyAt(offset: number): number {
    return timePsAt(this.words, this.baseAt(offset));
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

  /**
   * A poll has read the last frame of a page and moved `head` (its own copy) to the next position,
   * `head`, a page boundary: the page goes back to the arena. Returns the position, wrapped.
   */
  leavePage(head: number): number {
    const entry = this.tableAt + ((head - 1) >> PAGE_SHIFT);
    const words = this.words;
    this.arena.give(words[entry]!, this.slotWords);
    words[entry] = 0;
    if (entry === this.pushEntry) this.pushEntry = -1;
    return head === this.limit ? 0 : head;
  }

  /**
   * A poll has taken frames: the ring's oldest frame is now at `head` and it holds `size`. An
   * emptied ring starts again at position 0, keeping the page it was reading (moved to the table's
   * first entry) if it still holds one: a ring that drains at every poll (a VM among hundreds, a
   * frame or two per poll) keeps writing the same page instead of taking and giving back pages.
   */
  consumed(head: number, size: number): void {
    this.size = size;
    if (size > 0 || head === 0) {
      this.head = head;
      return;
    }
    this.head = 0;
    // At a page boundary the page read last is given back already (leavePage); in the first one, it stays.
    if ((head & PAGE_MASK) === 0 || head < PAGE_SLOTS) return;
    const words = this.words;
    const entry = this.tableAt + (head >> PAGE_SHIFT);
    const page = words[entry]!;
    words[this.tableAt] = page;
    words[entry] = 0;
    this.pushEntry = this.tableAt;
    this.pushPage = page;
  }

  /** Drop the oldest frame (tests; a poll walks `head` and `size` in its own loop). */
  shift(): void {
    if (this.size === 0) throw new Error('shift of an empty ring');
    let head = this.head + 1;
    if ((head & PAGE_MASK) === 0) head = this.leavePage(head);
    this.consumed(head, this.size - 1);
  }

  /** Frames held that were generated in [startPs, endPs) (the measured cohort still in flight). */
  countGenerated(startPs: number, endPs: number): number {
    let count = 0;
    const words = this.words;
    for (let i = 0; i < this.size; i++) {
      const genPs = genPsAt(words, this.baseAt(i));
      if (genPs >= startPs && genPs < endPs) count++;
    }
    return count;
  }
}

function fullRing(capacity: number): never {
  throw new Error(`ring of ${capacity} pushed while full`);
}
