import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketRing, RING_WORDS } from '../../src/model/packetRing.js';
import { RingArena } from '../../src/model/ringArena.js';

/** Slots in one of the arena's chunks (its largest block). */
const CHUNK_SLOTS = 2 ** 14;
/** The ring size the blocks of most tests are for (blocks for other sizes come from other chunks). */
const RING = 1024;

/** A block the arena handed out: where it starts and how many slots it has. */
interface Block {
  readonly start: number;
  readonly slots: number;
}

/** The block's words, a view on its chunk. */
function wordsOf(arena: RingArena, block: Block): Uint32Array {
  const offset = arena.offsetOf(block.start);
  return arena.chunkOf(block.start).subarray(offset, offset + block.slots * RING_WORDS);
}

/** Fill a block with numbers only it holds, to see later that nothing else wrote over them. */
function stamp(arena: RingArena, block: Block, id: number): void {
  const words = wordsOf(arena, block);
  for (let i = 0; i < words.length; i++) words[i] = id * 1e6 + i;
}

function stampIntact(arena: RingArena, block: Block, id: number): boolean {
  return wordsOf(arena, block).every((value, i) => value === id * 1e6 + i);
}

describe('RingArena', () => {
  it('hands out blocks of the size asked for that never overlap, whatever is allocated and released', () => {
    const step = fc.oneof(
      fc.record({ allocate: fc.integer({ min: 0, max: 10 }) }),
      fc.record({ release: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const arena = new RingArena();
        const live: { block: Block; id: number }[] = [];
        let nextId = 1;
        for (const s of steps) {
          if ('allocate' in s) {
            const slots = 2 ** s.allocate;
            const block = { start: arena.allocate(slots, RING), slots };
            expect(block.start).toBeGreaterThanOrEqual(0);
            // Whole within its chunk.
            expect(arena.offsetOf(block.start) + slots * RING_WORDS).toBeLessThanOrEqual(
              arena.chunkOf(block.start).length,
            );
            stamp(arena, block, nextId);
            live.push({ block, id: nextId++ });
          } else if (live.length > 0) {
            const [gone] = live.splice(s.release % live.length, 1);
            arena.release(gone!.block.start, gone!.block.slots);
          }
          for (const { block, id } of live) expect(stampIntact(arena, block, id)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('merges released blocks with their buddies, so a chunk emptied block by block is whole again', () => {
    const arena = new RingArena();
    const blocks = Array.from({ length: CHUNK_SLOTS / 8 }, () => arena.allocate(8, RING));
    // Chunks double from 1,024 slots: 1,024 + 2,048 + 4,096 + 8,192, then one of the largest.
    const slots = arena.chunkSlots;
    expect(slots).toBe(15 * 1024 + CHUNK_SLOTS);
    // Released in an order that leaves most buddies apart until the end.
    for (let i = 0; i < blocks.length; i += 2) arena.release(blocks[i]!, 8);
    for (let i = 1; i < blocks.length; i += 2) arena.release(blocks[i]!, 8);
    // Each chunk is one free block again: blocks the size of the two largest fit without a new one.
    arena.allocate(CHUNK_SLOTS, RING);
    arena.allocate(CHUNK_SLOTS / 2, RING);
    expect(arena.chunkSlots).toBe(slots);
  });

  it('reuses what growing rings give back: rings doubling in step need little more than they hold', () => {
    const arena = new RingArena();
    const rings = Array.from({ length: 256 }, () => new PacketRing(512, arena));
    // Every ring fills to its capacity a frame at a time, all of them in step, as at line rate.
    for (let frame = 0; frame < 512; frame++) {
      for (const ring of rings) ring.push(frame, 64, 0, frame);
    }
    const heldSlots = rings.length * 512;
    // Without the blocks given back, the rings would have taken 8 + 16 + … + 512 = 1016 slots each.
    expect(arena.chunkSlots).toBeLessThanOrEqual(heldSlots * 1.25);
    for (const ring of rings) expect(ring.readyAt(511)).toBe(511);
  });

  it('has no block larger than a chunk (a ring then takes an array of its own)', () => {
    const arena = new RingArena();
    expect(arena.allocate(2 * CHUNK_SLOTS, 2 * CHUNK_SLOTS)).toBe(-1);
    expect(arena.chunkSlots).toBe(0);
  });

  it('hands out at least 8 slots, whatever fewer are asked for', () => {
    const arena = new RingArena();
    const one = arena.allocate(1, 8);
    const two = arena.allocate(2, 8);
    // Blocks of 8: the second starts 8 slots on, and giving both back merges them into 16.
    expect(two - one).toBe(8);
    arena.release(one, 1);
    arena.release(two, 2);
    expect(arena.allocate(16, 8)).toBe(one);
  });

  it('keeps blocks for rings of different sizes in chunks of their own, and reuses them by size', () => {
    const arena = new RingArena();
    const small = arena.allocate(8, 256);
    const large = arena.allocate(8, 512);
    expect(arena.chunkOf(large)).not.toBe(arena.chunkOf(small));
    // The next block for the small rings comes from their chunk; one given back goes back to them.
    const small2 = arena.allocate(8, 256);
    expect(arena.chunkOf(small2)).toBe(arena.chunkOf(small));
    arena.release(large, 8);
    const large2 = arena.allocate(8, 512);
    expect(large2).toBe(large);
  });

  it('holds a queue pair per VM growing in turns in little more than its rings hold', () => {
    const arena = new RingArena();
    // A receive ring of 512 slots when full and a transmit ring of 256, VM after VM, as VMQ builds
    // them; both fill a frame at a time in step. Sharing chunks, each receive ring's 256-slot block
    // (whose buddy its transmit ring holds for good) stayed free once it moved on to 512.
    const rx = Array.from({ length: 256 }, () => new PacketRing(512, arena));
    const tx = Array.from({ length: 256 }, () => new PacketRing(256, arena));
    for (let frame = 0; frame < 512; frame++) {
      for (let i = 0; i < rx.length; i++) {
        rx[i]!.push(frame, 64, i, frame);
        if (frame < 256) tx[i]!.push(frame, 64, i, frame);
      }
    }
    // Sharing chunks: 228,352 slots for these 196,608 (1.16×).
    expect(arena.chunkSlots).toBeLessThanOrEqual(256 * (512 + 256) * 1.1);
  });

  it('refuses a block that is not a power of two slots', () => {
    const arena = new RingArena();
    expect(() => arena.allocate(12, RING)).toThrow('ring block of 12 slots');
    expect(() => arena.allocate(0, RING)).toThrow('ring block of 0 slots');
  });
});

describe('PacketRing in an arena', () => {
  it('grows past the largest chunk into arrays of its own and keeps every frame in order', () => {
    const arena = new RingArena();
    const ring = new PacketRing(3 * CHUNK_SLOTS, arena);
    for (let i = 0; i < 3 * CHUNK_SLOTS; i++) ring.push(i, 64, i % 3, 2 * i);
    expect(ring.mask + 1).toBe(4 * CHUNK_SLOTS);
    for (const i of [0, CHUNK_SLOTS - 1, CHUNK_SLOTS, 3 * CHUNK_SLOTS - 1])
      expect(ring.readyAt(i)).toBe(2 * i);
    // The arena's blocks it grew out of are free again: a chunk-sized block needs no new chunk.
    const slots = arena.chunkSlots;
    arena.allocate(CHUNK_SLOTS, 4 * CHUNK_SLOTS);
    expect(arena.chunkSlots).toBe(slots);
  });

  it('holds the same frames in the same order as a ring of its own, however pushes and takes mix', () => {
    const op = fc.oneof(fc.constant('push' as const), fc.constant('shift' as const));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 1, max: 300 }), (ops, capacity) => {
        const arena = new RingArena();
        // Another ring sharing the arena, growing between the steps, must not disturb the first.
        const neighbour = new PacketRing(capacity, arena);
        const inArena = new PacketRing(capacity, arena);
        const own = new PacketRing(capacity);
        let frame = 0;
        for (const o of ops) {
          if (o === 'push' && own.size < capacity) {
            own.push(frame, 64 + (frame % 100), frame % 5, 2 * frame);
            inArena.push(frame, 64 + (frame % 100), frame % 5, 2 * frame);
            if (neighbour.size < capacity) neighbour.push(1e9 + frame, 64, 0, 1e9 + frame);
            frame++;
          } else if (o === 'shift' && own.size > 0) {
            own.shift();
            inArena.shift();
          }
        }
        expect(inArena.size).toBe(own.size);
        for (let i = 0; i < own.size; i++) {
          const [a, b] = [inArena.baseAt(i), own.baseAt(i)];
          expect(Array.from(inArena.words.subarray(a, a + RING_WORDS))).toEqual(
            Array.from(own.words.subarray(b, b + RING_WORDS)),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
