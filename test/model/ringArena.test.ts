import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketRing, RING_WORDS } from '../../src/model/packetRing.js';
import { PAGE_SLOTS, PAGE_WORDS, RingArena, tablePages } from '../../src/model/ringArena.js';
import { ringContents, ringPages } from './ringContents.js';

/** One step of a property test: push a frame into ring `ring`, or take `count` frames from it. */
type Step = { ring: number; push: true } | { ring: number; take: number };

const step = (rings: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({ ring: fc.nat({ max: rings - 1 }), push: fc.constant(true as const) }),
    fc.record({ ring: fc.nat({ max: rings - 1 }), take: fc.integer({ min: 1, max: 40 }) }),
  );

describe('RingArena', () => {
  it('keeps every ring of a host its own frames in order, however pushes and takes mix and wrap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 5 }),
        fc.array(step(5), { maxLength: 600 }),
        (capacities, steps) => {
          const arena = new RingArena();
          const rings = capacities.map((capacity) => new PacketRing(capacity, arena));
          arena.seal();
          const queues: number[][][] = rings.map(() => []);
          let frame = 0;
          for (const s of steps) {
            const i = s.ring % rings.length;
            const ring = rings[i]!;
            const queue = queues[i]!;
            if ('push' in s) {
              if (ring.size === ring.capacity) continue;
              const record = [frame, 64 + (frame % 1400), frame % 4096, 2 ** 40 + 3 * frame];
              ring.push(record[0]!, record[1]!, record[2]!, record[3]!);
              queue.push(record);
              frame++;
            } else {
              for (let k = 0; k < s.take && ring.size > 0; k++) {
                ring.shift();
                queue.shift();
              }
            }
          }
          rings.forEach((ring, i) => expect(ringContents(ring)).toEqual(queues[i]));
          // Each ring holds the pages its frames span, and no page is held twice.
          const pages = rings.flatMap((ring) => {
            const held = ringPages(ring);
            expect(held.length).toBeLessThanOrEqual(Math.ceil(ring.size / PAGE_SLOTS) + 1);
            return held;
          });
          expect(new Set(pages).size).toBe(pages.length);
          expect(arena.slotsInUse).toBe(pages.length * PAGE_SLOTS);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hands a page given back to the next ring that needs one: memory follows the frames held now', () => {
    const arena = new RingArena();
    const rings = Array.from({ length: 256 }, () => new PacketRing(512, arena));
    arena.seal();
    // Rings fill and drain in turns, as queues do behind a busy core: each one fills to 300 frames,
    // and is read down to 20 before the next one fills.
    for (const ring of rings) {
      for (let frame = 0; frame < 300; frame++) ring.push(frame, 64, 0, frame);
      while (ring.size > 20) ring.shift();
    }
    const held = rings.reduce((sum, ring) => sum + ring.size, 0);
    // At most two part-filled pages a ring beyond its frames; the 300-frame peak of one ring at a time.
    expect(arena.slotsInUse).toBeLessThanOrEqual(held + 2 * PAGE_SLOTS * rings.length);
    expect(arena.touchedSlots).toBeLessThanOrEqual(arena.slotsInUse + 300 + 2 * PAGE_SLOTS);
  });

  it('holds rings filled to capacity in step in exactly the slots they hold', () => {
    const arena = new RingArena();
    // A receive ring of 512 slots and a transmit ring of 256 per VM, as VMQ builds them.
    const rx = Array.from({ length: 64 }, () => new PacketRing(512, arena));
    const tx = Array.from({ length: 64 }, () => new PacketRing(256, arena));
    arena.seal();
    for (let frame = 0; frame < 512; frame++) {
      for (let i = 0; i < rx.length; i++) {
        rx[i]!.push(frame, 64, i, frame);
        if (frame < 256) tx[i]!.push(frame, 64, i, frame);
      }
    }
    expect(arena.touchedSlots).toBe(64 * (512 + 256));
    for (const ring of rx) expect(ring.readyAt(511)).toBe(511);
  });

  it('lets a ring that drains at every poll keep one page, at position 0', () => {
    const arena = new RingArena();
    const ring = new PacketRing(512, arena);
    arena.seal();
    for (let frame = 0; frame < 1000; frame++) {
      ring.push(frame, 64, 0, frame);
      if (frame % 3 === 2) {
        ring.consumed(ring.head + 3, 0);
        expect(ring.head).toBe(0);
      }
    }
    expect(arena.touchedSlots).toBe(PAGE_SLOTS);
    expect(ringPages(ring).length).toBe(1);
  });

  it('gives back the page a ring emptied at its last slot, and takes another for the next push', () => {
    const arena = new RingArena();
    const ring = new PacketRing(64, arena);
    const other = new PacketRing(64, arena);
    arena.seal();
    // Exactly one page of frames, all read: the page goes back as its last frame is read.
    for (let frame = 0; frame < PAGE_SLOTS; frame++) ring.push(frame, 64, 0, frame);
    for (let frame = 0; frame < PAGE_SLOTS; frame++) ring.shift();
    expect([ring.size, ring.head, ringPages(ring).length]).toEqual([0, 0, 0]);
    // Another ring takes that page; the first one's next frames must go to a page of their own.
    other.push(1000, 128, 1, 1000);
    ring.push(7, 256, 2, 7);
    expect(ringContents(ring)).toEqual([[7, 256, 2, 7]]);
    expect(ringContents(other)).toEqual([[1000, 128, 1, 1000]]);
    expect(arena.slotsInUse).toBe(2 * PAGE_SLOTS);
  });

  it('builds a larger array when its pages run out, and every ring keeps its frames', () => {
    // Room for the tables and two pages at first.
    const rings: PacketRing[] = [];
    const arena = new RingArena(PAGE_WORDS * 3);
    for (let i = 0; i < 4; i++) rings.push(new PacketRing(100, arena));
    arena.seal();
    const first = arena.words;
    for (let frame = 0; frame < 100; frame++) for (const ring of rings) ring.push(frame, 64, 1, 2 * frame);
    expect(arena.words).not.toBe(first);
    for (const ring of rings) {
      expect(ring.words).toBe(arena.words);
      expect(ringContents(ring)).toEqual(
        Array.from({ length: 100 }, (_, frame) => [frame, 64, 1, 2 * frame]),
      );
    }
  });

  it('seals itself at the first page a ring takes, and takes no table after that', () => {
    const arena = new RingArena();
    const ring = new PacketRing(8, arena);
    expect(arena.sealed).toBe(false);
    ring.push(1, 64, 0, 2);
    expect(arena.sealed).toBe(true);
    expect(ringContents(ring)).toEqual([[1, 64, 0, 2]]);
    expect(() => new PacketRing(8, arena)).toThrow('after the arena was sealed');
  });

  it('sizes a table for the most pages a ring of its capacity can span', () => {
    expect(PAGE_WORDS).toBe(PAGE_SLOTS * RING_WORDS);
    expect([tablePages(1), tablePages(32), tablePages(33), tablePages(512)]).toEqual([2, 2, 3, 17]);
  });
});
