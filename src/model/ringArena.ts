import { FRAME_FIELDS } from './packetRing.js';

/** Slots in the arena's largest chunks, as a power of two: 2^14 slots of FRAME_FIELDS numbers, 384 KiB. */
const CHUNK_ORDER = 14;
const CHUNK_SLOTS = 1 << CHUNK_ORDER;
/**
 * Its first chunk's order (2^10 slots, 24 KiB); each further chunk is twice the one before, up to
 * CHUNK_ORDER. A 32-VM host's rings start in ~1,000 slots: a first chunk of 384 KiB was a zero-fill
 * of that much (and as many cache lines evicted) in every short run's set-up.
 */
const FIRST_CHUNK_ORDER = 10;

/** A block of slots the arena handed out: its view, and where it starts (to give it back). */
export interface RingBlock {
  /** FRAME_FIELDS numbers a slot, for `slots` slots (a view on one of the arena's chunks). */
  readonly frames: Float64Array;
  /** The block's first slot in the arena's address space, or -1 for a block of its own (see allocate). */
  readonly start: number;
}

/**
 * Where the rings of one simulated host keep their frames: a buddy allocator over chunks that
 * double in size as it needs more, up to 384 KiB. A ring starts small and doubles as frames pile up (PacketRing); each doubling used to
 * leave its old Float64Array to the garbage collector, and at thousands of rings that was tens of
 * MB: the old arrays of rings promoted to the old generation wait for a full collection, and the
 * small blocks they free are scattered through the C heap, which cannot hand them out again as the
 * larger ones the rings want next. At 4096 VMs with a queue each (64 B line rate both ways), VMQ's
 * rings grew 57,330 times and dropped 76 MB of arrays, paravirt's 20,486 times and 23 MB.
 *
 * Here a ring's old block goes back to the arena, merges with its free buddy (the block it was
 * split from) into a larger free block, and the next ring to grow takes that: rings grow in
 * step, so neighbours free their blocks at about the same time and the memory is used again at
 * once. Chunks are zero-filled allocations the kernel maps a page at a time as they are touched,
 * so an arena costs the pages its rings have used, not its chunks' size.
 *
 * Blocks are powers of two slots, at most CHUNK_SLOTS; a larger request gets an array of its own, which
 * release() leaves to the garbage collector. Which free block an allocation takes depends only on
 * the order of the requests, so a run's layout (never its results) is the same every time.
 */
export class RingArena {
  /** Chunk i holds the slots from i × CHUNK_SLOTS, 2^chunkOrders[i] of them (the rest of its span is unused). */
  private readonly chunks: Float64Array[] = [];
  private readonly chunkOrders: number[] = [];
  /** Slots the arena's chunks hold in all. */
  private slots = 0;
  /** Free blocks by order (a block of order k is 2^k slots), by first slot, oldest first. */
  private readonly free: Set<number>[] = Array.from({ length: CHUNK_ORDER + 1 }, () => new Set());

  /** Slots the arena's chunks hold in all (for tests and measurements). */
  get chunkSlots(): number {
    return this.slots;
  }

  /** A block of `slots` slots (a power of two, at least 1), from a free block or a new chunk. */
  allocate(slots: number): RingBlock {
    const order = orderOf(slots);
    if (order > CHUNK_ORDER) return { frames: new Float64Array(slots * FRAME_FIELDS), start: -1 };
    let found = order;
    while (found <= CHUNK_ORDER && this.free[found]!.size === 0) found++;
    let start: number;
    if (found > CHUNK_ORDER) {
      // A new chunk, twice the last one (or as large as the block), taken whole as a free block.
      found = Math.max(order, Math.min(CHUNK_ORDER, FIRST_CHUNK_ORDER + this.chunks.length));
      start = this.chunks.length * CHUNK_SLOTS;
      this.chunks.push(new Float64Array((1 << found) * FRAME_FIELDS));
      this.chunkOrders.push(found);
      this.slots += 1 << found;
    } else {
      const blocks = this.free[found]!;
      start = blocks.values().next().value as number;
      blocks.delete(start);
    }
    // Split down to the order asked for; the upper halves stay free.
    while (found > order) {
      found--;
      this.free[found]!.add(start + (1 << found));
    }
    const chunk = this.chunks[Math.floor(start / CHUNK_SLOTS)]!;
    const offset = (start % CHUNK_SLOTS) * FRAME_FIELDS;
    return { frames: chunk.subarray(offset, offset + slots * FRAME_FIELDS), start };
  }

  /** Give a block back (its contents are not kept); it merges with its buddies while they are free. */
  release(block: RingBlock): void {
    if (block.start < 0) return;
    let start = block.start;
    let order = orderOf(block.frames.length / FRAME_FIELDS);
    const chunkOrder = this.chunkOrders[Math.floor(start / CHUNK_SLOTS)]!;
    while (order < chunkOrder) {
      const buddy = start ^ (1 << order);
      const blocks = this.free[order]!;
      if (!blocks.has(buddy)) break;
      blocks.delete(buddy);
      start = Math.min(start, buddy);
      order++;
    }
    this.free[order]!.add(start);
  }
}

/** k with 2^k = slots; throws unless slots is a power of two. */
function orderOf(slots: number): number {
  const order = Math.log2(slots);
  if (!(Number.isInteger(order) && order >= 0)) throw new Error(`ring block of ${slots} slots`);
  return order;
}
