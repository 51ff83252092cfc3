import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketRing } from '../../src/model/packetRing.js';
import {
  NARROW_SLOT_WORDS,
  PAGE_SLOTS,
  WIDE_PAGE_WORDS,
  WIDE_SLOT_WORDS,
} from '../../src/model/frameLayout.js';
import { RingArena, tablePages } from '../../src/model/ringArena.js';
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
        // Frames alike in runs (one VM, a size that changes every 64 frames: rings narrow, some
        // widened with frames in them), or each unlike the last (every ring wide from its second).
        fc.boolean(),
        (capacities, steps, alike) => {
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
              const bytes = alike ? 64 + 64 * ((frame >> 6) % 2) : 64 + (frame % 1400);
              const record = [frame, bytes, alike ? 3 : frame % 4096, 2 ** 40 + 3 * frame];
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
    const arena = new RingArena(NARROW_SLOT_WORDS, WIDE_PAGE_WORDS * 3);
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
    expect([tablePages(1), tablePages(32), tablePages(33), tablePages(512)]).toEqual([2, 2, 3, 17]);
  });

  it('keeps the frames of a ring that are all alike in narrow pages, 384 bytes each', () => {
    const arena = new RingArena();
    const rings = Array.from({ length: 8 }, () => new PacketRing(512, arena));
    arena.seal();
    rings.forEach((ring, vm) => {
      for (let frame = 0; frame < 512; frame++) ring.push(frame, 64, vm, frame);
    });
    expect(rings.map((ring) => ring.slotWords)).toEqual(rings.map(() => NARROW_SLOT_WORDS));
    expect(arena.touchedSlots).toBe(8 * 512);
    expect(arena.touchedPageBytes).toBe(8 * 512 * NARROW_SLOT_WORDS * 4);
    rings.forEach((ring, vm) =>
      expect(ringContents(ring)).toEqual(Array.from({ length: 512 }, (_, f) => [f, 64, vm, f])),
    );
  });

  it('widens a ring holding frames when an unlike one comes, keeping them, and gives its narrow pages to the next narrow ring', () => {
    const arena = new RingArena();
    const ring = new PacketRing(256, arena);
    const other = new PacketRing(256, arena);
    arena.seal();
    // 40 alike frames span two narrow pages; the 41st, of another VM, widens the ring.
    for (let frame = 0; frame < 40; frame++) ring.push(frame, 1518, 5, 10 * frame);
    expect(ring.slotWords).toBe(NARROW_SLOT_WORDS);
    ring.push(40, 1518, 6, 400);
    expect(ring.slotWords).toBe(WIDE_SLOT_WORDS);
    expect(ringContents(ring)).toEqual([
      ...Array.from({ length: 40 }, (_, f) => [f, 1518, 5, 10 * f]),
      [40, 1518, 6, 400],
    ]);
    // Its two narrow pages went back: another narrow ring takes them instead of new ones.
    const before = arena.touchedPageBytes;
    for (let frame = 0; frame < 64; frame++) other.push(frame, 64, 1, frame);
    expect(arena.touchedPageBytes).toBe(before);
    expect(ringPages(other).length).toBe(2);
    // A wide ring stays wide, emptied or not.
    while (ring.size > 0) ring.shift();
    ring.push(99, 64, 1, 990);
    expect(ring.slotWords).toBe(WIDE_SLOT_WORDS);
    expect(ringContents(ring)).toEqual([[99, 64, 1, 990]]);
  });

  it('lets an emptied narrow ring take the size and VM of its next frame without widening', () => {
    const ring = new PacketRing(64);
    ring.push(1, 64, 0, 1);
    ring.shift();
    ring.push(2, 1518, 3, 2);
    ring.push(3, 1518, 3, 3);
    expect(ring.slotWords).toBe(NARROW_SLOT_WORDS);
    expect(ringContents(ring)).toEqual([
      [2, 1518, 3, 2],
      [3, 1518, 3, 3],
    ]);
  });

  it('widens a ring into a larger array when the arena runs out of pages on the way', () => {
    const arena = new RingArena(NARROW_SLOT_WORDS, WIDE_PAGE_WORDS * 3);
    const ring = new PacketRing(100, arena);
    arena.seal();
    const first = arena.words;
    for (let frame = 0; frame < 90; frame++) ring.push(frame, 64, 2, frame);
    ring.push(90, 128, 2, 90);
    expect(arena.words).not.toBe(first);
    expect(ring.words).toBe(arena.words);
    expect(ringContents(ring)).toEqual([
      ...Array.from({ length: 90 }, (_, f) => [f, 64, 2, f]),
      [90, 128, 2, 90],
    ]);
  });

  it('starts its rings wide when told their frames differ in size (a mix), and keeps them wide', () => {
    const arena = new RingArena(WIDE_SLOT_WORDS);
    const ring = new PacketRing(64, arena);
    for (let frame = 0; frame < 40; frame++) ring.push(frame, 64, 0, frame);
    expect(ring.slotWords).toBe(WIDE_SLOT_WORDS);
    expect(arena.touchedPageBytes).toBe(2 * PAGE_SLOTS * WIDE_SLOT_WORDS * 4);
    expect(ringContents(ring)).toEqual(Array.from({ length: 40 }, (_, f) => [f, 64, 0, f]));
  });
});
