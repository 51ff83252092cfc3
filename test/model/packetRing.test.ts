import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FRAME_BYTES_MASK,
  FRAME_VM_SHIFT,
  MAX_RING_TIME_PS,
  PAGE_SLOTS,
  WIDE_SLOT_WORDS,
} from '../../src/model/frameLayout.js';
import { frameMeta, PacketRing } from '../../src/model/packetRing.js';
import { MAX_DURATION_MS, MAX_VMS } from '../../src/scenario/resolveScenario.js';
import { MAX_FRAME_BYTES } from '../../src/workload/frameMix.js';
import { ringContents, ringPages } from './ringContents.js';

/**
 * Leave an empty `ring` holding one frame, `frame`, at position `position` (at least 1): an emptied
 * ring starts again at position 0, so the walk there keeps a frame in it.
 */
function oneFrameAt(ring: PacketRing, position: number, frame: [number, number, number, number]): void {
  ring.push(0, 64, 0, 0);
  for (let p = 1; p < position; p++) {
    ring.push(p, 64, 0, p);
    ring.shift();
  }
  ring.push(...frame);
  ring.shift();
}

describe('PacketRing', () => {
  it('is a bounded FIFO of frames by value that wraps around and refuses a push when full', () => {
    const ring = new PacketRing(3);
    // The first frame two positions before the end, so the third wraps to position 0.
    oneFrameAt(ring, ring.limit - 2, [10, 64, 0, 11]);
    expect(ring.head).toBe(ring.limit - 2);
    ring.push(20, 128, 1, 21);
    ring.push(30, 256, 2, 31);
    expect(ring.size).toBe(ring.capacity);
    expect(() => ring.push(40, 64, 3, 41)).toThrow('ring of 3 pushed while full');
    ring.shift();
    ring.push(40, 512, 3, 41);
    expect(ring.size).toBe(3);
    expect([ring.readyAt(0), ring.readyAt(1), ring.readyAt(2)]).toEqual([21, 31, 41]);
    expect(ringContents(ring)).toEqual([
      [20, 128, 1, 21],
      [30, 256, 2, 31],
      [40, 512, 3, 41],
    ]);
    ring.shift();
    ring.shift();
    ring.shift();
    expect(ring.size).toBe(0);
    expect(() => ring.shift()).toThrow('empty');
  });

  it('holds only the pages its frames are in, keeping the frames and their order across the wrap', () => {
    const ring = new PacketRing(1000);
    expect(ringPages(ring).length).toBe(0);
    // Move the head on first, so the frames wrap around the end of the positions.
    for (let i = 0; i < 1000; i++) ring.push(i, 64, 0, i);
    for (let i = 0; i < 990; i++) ring.shift();
    expect(ringPages(ring).length).toBeLessThanOrEqual(2);
    for (let i = 0; i < 990; i++) ring.push(1e9 + i, 64 + i, i % 7, 2e9 + i);
    expect(ring.size).toBe(ring.capacity);
    // 1000 frames from a position inside a page span at most ceil(1000 / PAGE_SLOTS) + 1 pages.
    expect(ringPages(ring).length).toBeLessThanOrEqual(Math.ceil(1000 / PAGE_SLOTS) + 1);
    const held = ringContents(ring);
    expect(held.slice(0, 10).map(([genPs]) => genPs)).toEqual([
      990, 991, 992, 993, 994, 995, 996, 997, 998, 999,
    ]);
    held.slice(10).forEach(([genPs, bytes, vm, readyPs], i) => {
      expect([genPs, bytes, vm, readyPs]).toEqual([1e9 + i, 64 + i, i % 7, 2e9 + i]);
    });
    expect(ring.readyAt(999)).toBe(2e9 + 989);
    // Read to the end, it gives every page back but the one it was reading, and starts again at 0.
    for (let i = 0; i < 1000; i++) ring.shift();
    expect([ring.size, ring.head]).toEqual([0, 0]);
    expect(ringPages(ring).length).toBeLessThanOrEqual(1);
  });

  it('counts how many of its first frames are visible by a time, by search over times that never fall', () => {
    const ring = new PacketRing(16);
    const readyTimes = [5, 5, 10, 10, 10, 2 ** 40, 2 ** 40 + 1];
    // The first frame three positions before the end, so the frames searched wrap around it.
    oneFrameAt(ring, ring.limit - 3, [1, 64, 0, readyTimes[0]!]);
    for (const readyPs of readyTimes.slice(1)) ring.push(1, 64, 0, readyPs);
    const visible = (nowPs: number) => readyTimes.filter((readyPs) => readyPs <= nowPs).length;
    for (const nowPs of [0, 5, 9, 10, 2 ** 40 - 1, 2 ** 40]) {
      // Its contract: frame `limit` is not visible yet; the answer is the visible prefix before it.
      const limit = visible(nowPs);
      for (let upTo = limit; upTo < readyTimes.length; upTo++) {
        expect(ring.readyBefore(nowPs, upTo)).toBe(limit);
      }
    }
  });

  it('counts the frames it holds generated inside a window [start, end)', () => {
    const ring = new PacketRing(8);
    for (const genPs of [5, 10, 15, 20, 25]) ring.push(genPs, 64, 0, genPs);
    expect(ring.countGenerated(10, 20)).toBe(2);
    expect(ring.countGenerated(0, 100)).toBe(5);
    ring.shift();
    ring.shift();
    expect(ring.countGenerated(10, 20)).toBe(1);
  });

  it('packs size and VM into one small integer that every frame size and VM id survives', () => {
    expect(MAX_FRAME_BYTES).toBeLessThanOrEqual(FRAME_BYTES_MASK);
    // The largest VM id with the largest frame: still a 31-bit integer, so the bit operations decode it.
    const meta = frameMeta(MAX_FRAME_BYTES, MAX_VMS - 1);
    expect(meta).toBeLessThan(2 ** 31);
    expect([meta & FRAME_BYTES_MASK, meta >> FRAME_VM_SHIFT]).toEqual([MAX_FRAME_BYTES, MAX_VMS - 1]);
    // Held in a frame's own word: a second frame unlike it widens the ring (a narrow one keeps it aside).
    const ring = new PacketRing(2);
    ring.push(1, MAX_FRAME_BYTES, MAX_VMS - 1, 2);
    ring.push(3, 64, 0, 4);
    expect(ring.slotWords).toBe(WIDE_SLOT_WORDS);
    expect(ringContents(ring)).toEqual([
      [1, MAX_FRAME_BYTES, MAX_VMS - 1, 2],
      [3, 64, 0, 4],
    ]);
  });

  it('keeps both times exactly, to the last picosecond, across the 32-bit words they are split over', () => {
    // Times either side of each word boundary, the two halves' largest, and times that differ in the
    // high words only: what a poll reads back is what was pushed.
    const times = [
      0,
      1,
      2 ** 32 - 1,
      2 ** 32,
      2 ** 32 + 1,
      123_456_789_012_345,
      MAX_RING_TIME_PS - 1,
      MAX_RING_TIME_PS,
    ];
    const ring = new PacketRing(times.length * times.length);
    for (const genPs of times) for (const readyPs of times) ring.push(genPs, 64, 1, readyPs);
    expect(ringContents(ring)).toEqual(
      times.flatMap((genPs) => times.map((readyPs) => [genPs, 64, 1, readyPs])),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_RING_TIME_PS }),
        fc.integer({ min: 0, max: MAX_RING_TIME_PS }),
        (genPs, readyPs) => {
          const one = new PacketRing(1);
          one.push(genPs, 1518, 7, readyPs);
          expect(ringContents(one)).toEqual([[genPs, 1518, 7, readyPs]]);
        },
      ),
    );
  });

  it('holds every time the longest run can reach', () => {
    // The longest run and its longest warm-up, with a second to spare for frames in flight at its end.
    expect((2 * MAX_DURATION_MS + 1000) * 1e9).toBeLessThanOrEqual(MAX_RING_TIME_PS);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new PacketRing(0)).toThrow('ring capacity 0');
    expect(() => new PacketRing(2.5)).toThrow('ring capacity 2.5');
  });
});
