import { RING_WORDS } from './packetRing.js';

/** Slots in the arena's largest chunks, as a power of two: 2^14 slots of RING_WORDS words, 256 KiB. */
const CHUNK_ORDER = 14;
const CHUNK_SLOTS = 1 << CHUNK_ORDER;
/**
 * Its first chunk's order (2^10 slots, 16 KiB); each further chunk is twice the one before, up to
 * CHUNK_ORDER. A 32-VM host's rings start in ~1,000 slots: a first chunk of the largest size was a
 * zero-fill of that much (and as many cache lines evicted) in every short run's set-up.
 */
const FIRST_CHUNK_ORDER = 10;
/** The smallest block, 2^3 = 8 slots (what a ring starts with): a ring of fewer slots still takes 8. */
const MIN_BLOCK_ORDER = 3;

/**
 * Where the rings of one simulated host keep their frames: a buddy allocator over chunks that
 * double in size as it needs more, up to 256 KiB. A ring starts small and doubles as frames pile
 * up (PacketRing); each doubling used to leave its old array to the garbage collector, and at
 * thousands of rings that was tens of MB: the old arrays of rings promoted to the old generation
 * wait for a full collection, and the small blocks they free are scattered through the C heap,
 * which cannot hand them out again as the larger ones the rings want next. At 4096 VMs with a queue each (64 B line rate both ways), VMQ's
 * rings grew 57,330 times and dropped 76 MB of arrays, paravirt's 20,486 times and 23 MB.
 *
 * Here a ring's old block goes back to the arena, merges with its free buddy (the block it was
 * split from) into a larger free block, and the next ring to grow takes that: rings grow in
 * step, so neighbours free their blocks at about the same time and the memory is used again at
 * once. Chunks are zero-filled allocations the kernel maps a page at a time as they are touched,
 * so an arena costs the pages its rings have used, not its chunks' size.
 *
 * Rings of different sizes keep apart: each chunk holds blocks for rings of one size (slots when
 * full), and a freed block goes back to their lists. Sharing chunks, a VMQ queue's receive ring
 * (512 slots when full) and its transmit ring (256) split a block between them; the receive ring
 * moved on to 512, and the 256 slots it left, whose buddy the transmit ring kept for good, stayed
 * free for the rest of the run: at 4096 VMs with a queue each, 3.80 M slots of chunks for 3.39 M
 * in rings; chunks per size, 3.47 M.
 *
 * Blocks are powers of two slots, from MIN_BLOCK_ORDER to CHUNK_SLOTS; a larger request gets -1,
 * and the ring an array of its own. Which free block an allocation takes depends only on the order
 * of the requests, so a run's layout (never its results) is the same every time.
 */
export class RingArena {
  /** Chunk i holds the slots from i × CHUNK_SLOTS, 2^chunkOrders[i] of them (the rest of its span is unused). */
  private readonly chunks: Uint32Array[] = [];
  private readonly chunkOrders: number[] = [];
  /** The free lists of the ring size chunk i is for. */
  private readonly chunkFree: number[][][] = [];
  /** Slots the arena's chunks hold in all. */
  private slots = 0;
  /**
   * Per ring size (slots when full), its free blocks by order (a block of order k is 2^k slots):
   * their first slots, the latest on top. An entry whose block has since been taken or merged
   * stays until it comes up, and is skipped then (freeOrder no longer names it): a Set, which let go
   * of an entry at once, reallocated its table as it shrank and grew, ~5 MB of garbage in a run at
   * 4096 VMs.
   */
  private readonly free = new Map<number, number[][]>();
  /** Per 2^MIN_BLOCK_ORDER slots of the arena's span: 1 + the order of the free block there, or 0. */
  private freeOrder = new Uint8Array(CHUNK_SLOTS >> MIN_BLOCK_ORDER);

  /** Slots the arena's chunks hold in all (for tests and measurements). */
  get chunkSlots(): number {
    return this.slots;
  }

  /**
   * The first slot of a block of at least `slots` slots (a power of two, at least 1; blocks are
   * 2^MIN_BLOCK_ORDER slots or more) for a ring of `ringSlots` slots when full, from a free block
   * of rings that size or a new chunk for them; -1 when that is more than a chunk holds (the caller
   * then needs an array of its own). The block is in chunkOf(start), from offsetOf(start); give it
   * back with release(start, slots).
   */
  allocate(slots: number, ringSlots: number): number {
    const order = blockOrder(slots);
    if (order > CHUNK_ORDER) return -1;
    let lists = this.free.get(ringSlots);
    if (lists === undefined) {
      lists = Array.from({ length: CHUNK_ORDER + 1 }, () => []);
      this.free.set(ringSlots, lists);
    }
    let found = order;
    let start = -1;
    for (; found <= CHUNK_ORDER; found++) {
      start = this.takeFree(lists[found]!, found);
      if (start >= 0) break;
    }
    if (start < 0) {
      // A new chunk, twice the last one (or as large as the block), taken whole as a free block.
      found = Math.max(order, Math.min(CHUNK_ORDER, FIRST_CHUNK_ORDER + this.chunks.length));
      start = this.chunks.length * CHUNK_SLOTS;
      this.chunks.push(new Uint32Array((1 << found) * RING_WORDS));
      this.chunkOrders.push(found);
      this.chunkFree.push(lists);
      this.slots += 1 << found;
      const span = (this.chunks.length * CHUNK_SLOTS) >> MIN_BLOCK_ORDER;
      if (span > this.freeOrder.length) {
        const grown = new Uint8Array(Math.max(span, 2 * this.freeOrder.length));
        grown.set(this.freeOrder);
        this.freeOrder = grown;
      }
    }
    // Split down to the order asked for; the upper halves stay free.
    while (found > order) {
      found--;
      this.addFree(lists, start + (1 << found), found);
    }
    return start;
  }

  /** The chunk the block starting at slot `start` is in. */
  chunkOf(start: number): Uint32Array {
    return this.chunks[Math.floor(start / CHUNK_SLOTS)]!;
  }

  /** Where the block starting at slot `start` begins in its chunk, in words. */
  offsetOf(start: number): number {
    return (start % CHUNK_SLOTS) * RING_WORDS;
  }

  /**
   * Give back the block allocate(slots, …) returned at `start` (its contents are not kept); it
   * merges with its buddies while they are free.
   */
  release(start: number, slots: number): void {
    let order = blockOrder(slots);
    const chunk = Math.floor(start / CHUNK_SLOTS);
    const chunkOrder = this.chunkOrders[chunk]!;
    while (order < chunkOrder) {
      const buddy = start ^ (1 << order);
      if (this.freeOrder[buddy >> MIN_BLOCK_ORDER] !== order + 1) break;
      // The buddy's entry stays on its list, no longer valid.
      this.freeOrder[buddy >> MIN_BLOCK_ORDER] = 0;
      start = Math.min(start, buddy);
      order++;
    }
    this.addFree(this.chunkFree[chunk]!, start, order);
  }

  private addFree(lists: number[][], start: number, order: number): void {
    this.freeOrder[start >> MIN_BLOCK_ORDER] = order + 1;
    lists[order]!.push(start);
  }

  /** A free block of `order` taken off `blocks` (its list), or -1; entries no longer valid are dropped on the way. */
  private takeFree(blocks: number[], order: number): number {
    while (blocks.length > 0) {
      const start = blocks.pop()!;
      if (this.freeOrder[start >> MIN_BLOCK_ORDER] === order + 1) {
        this.freeOrder[start >> MIN_BLOCK_ORDER] = 0;
        return start;
      }
    }
    return -1;
  }
}

/** The order of the block that holds `slots` slots: at least MIN_BLOCK_ORDER; throws unless slots is a power of two. */
function blockOrder(slots: number): number {
  return Math.max(MIN_BLOCK_ORDER, orderOf(slots));
}

/** k with 2^k = slots; throws unless slots is a power of two. */
function orderOf(slots: number): number {
  const order = Math.log2(slots);
  if (!(Number.isInteger(order) && order >= 0)) throw new Error(`ring block of ${slots} slots`);
  return order;
}
