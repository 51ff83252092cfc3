import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAME_FIELDS, PacketRing } from '../../src/model/packetRing.js';
import { RingArena, type RingBlock } from '../../src/model/ringArena.js';

/** Slots in one of the arena's chunks (its largest block). */
const CHUNK_SLOTS = 2 ** 14;

/** Fill a block with numbers only it holds, to see later that nothing else wrote over them. */
function stamp(block: RingBlock, id: number): void {
  for (let i = 0; i < block.frames.length; i++) block.frames[i] = id * 1e6 + i;
}

function stampIntact(block: RingBlock, id: number): boolean {
  return block.frames.every((value, i) => value === id * 1e6 + i);
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
        const live: { block: RingBlock; id: number }[] = [];
        let nextId = 1;
        for (const s of steps) {
          if ('allocate' in s) {
            const slots = 2 ** s.allocate;
            const block = arena.allocate(slots);
            expect(block.frames.length).toBe(slots * FRAME_FIELDS);
            stamp(block, nextId);
            live.push({ block, id: nextId++ });
          } else if (live.length > 0) {
            const [gone] = live.splice(s.release % live.length, 1);
            arena.release(gone!.block);
          }
          for (const { block, id } of live) expect(stampIntact(block, id)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('merges released blocks with their buddies, so a chunk emptied block by block is whole again', () => {
    const arena = new RingArena();
    const blocks = Array.from({ length: CHUNK_SLOTS / 8 }, () => arena.allocate(8));
    // Chunks double from 1,024 slots: 1,024 + 2,048 + 4,096 + 8,192, then one of the largest.
    const slots = arena.chunkSlots;
    expect(slots).toBe(15 * 1024 + CHUNK_SLOTS);
    // Released in an order that leaves most buddies apart until the end.
    for (let i = 0; i < blocks.length; i += 2) arena.release(blocks[i]!);
    for (let i = 1; i < blocks.length; i += 2) arena.release(blocks[i]!);
    // Each chunk is one free block again: blocks the size of the two largest fit without a new one.
    arena.allocate(CHUNK_SLOTS);
    arena.allocate(CHUNK_SLOTS / 2);
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

  it('gives a block larger than a chunk an array of its own, which release leaves alone', () => {
    const arena = new RingArena();
    const large = arena.allocate(2 * CHUNK_SLOTS);
    expect(large.frames.length).toBe(2 * CHUNK_SLOTS * FRAME_FIELDS);
    expect(arena.chunkSlots).toBe(0);
    arena.release(large);
    expect(arena.chunkSlots).toBe(0);
  });

  it('refuses a block that is not a power of two slots', () => {
    const arena = new RingArena();
    expect(() => arena.allocate(12)).toThrow('ring block of 12 slots');
    expect(() => arena.allocate(0)).toThrow('ring block of 0 slots');
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
    arena.allocate(CHUNK_SLOTS);
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
            if (neighbour.size < capacity) neighbour.push(-frame, 64, 0, -frame);
            frame++;
          } else if (o === 'shift' && own.size > 0) {
            own.shift();
            inArena.shift();
          }
        }
        expect(inArena.size).toBe(own.size);
        for (let i = 0; i < own.size; i++) {
          const [a, b] = [inArena.baseAt(i), own.baseAt(i)];
          expect(Array.from(inArena.frames.subarray(a, a + FRAME_FIELDS))).toEqual(
            Array.from(own.frames.subarray(b, b + FRAME_FIELDS)),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
