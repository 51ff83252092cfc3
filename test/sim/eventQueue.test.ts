import { describe, expect, it } from 'vitest';
import { EventQueue, type EventHandler } from '../../src/sim/eventQueue.js';
import { Rng } from '../../src/sim/rng.js';

/** A handler that logs (time, arg) of every event it runs. */
function logger(): EventHandler & { readonly log: [number, number][] } {
  const log: [number, number][] = [];
  return {
    log,
    handleEvent(arg: number, nowPs: number): void {
      log.push([nowPs, arg]);
    },
  };
}

function drain(queue: EventQueue): void {
  while (queue.popAndRun()) {
    // run everything
  }
}

describe('EventQueue', () => {
  it('pops events in time order, and same-time events in insertion order', () => {
    const queue = new EventQueue();
    const h = logger();
    queue.push(30, h, 1);
    queue.push(10, h, 2);
    queue.push(20, h, 3);
    queue.push(10, h, 4);
    queue.push(0, h, 5);
    queue.push(10, h, 6);
    drain(queue);
    expect(h.log).toEqual([
      [0, 5],
      [10, 2],
      [10, 4],
      [10, 6],
      [20, 3],
      [30, 1],
    ]);
    expect(queue.length).toBe(0);
    expect(queue.popAndRun()).toBe(false);
    expect(queue.peekTimePs()).toBe(Infinity);
  });

  it('grows past its default capacity keeping (time, insertion) order and cancels', () => {
    const queue = new EventQueue();
    const h = logger();
    // 500 events at 50 distinct times, pushed in a scrambled order, many more than the default slots.
    const expected: [number, number][] = [];
    const handles: number[] = [];
    for (let i = 0; i < 500; i++) {
      const timePs = (i * 37) % 50;
      handles.push(queue.push(timePs, h, i));
      expected.push([timePs, i]);
    }
    for (let i = 0; i < 500; i += 7) expect(queue.cancel(handles[i]!)).toBe(true);
    drain(queue);
    const kept = expected.filter(([, i]) => i % 7 !== 0);
    expect(h.log).toEqual(kept.sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  it('cancels in O(1) by flag: a cancelled event never runs and a second cancel returns false', () => {
    const queue = new EventQueue();
    const h = logger();
    queue.push(5, h, 1);
    const doomed = queue.push(7, h, 2);
    queue.push(9, h, 3);
    expect(queue.cancel(doomed)).toBe(true);
    expect(queue.cancel(doomed)).toBe(false);
    drain(queue);
    expect(h.log).toEqual([
      [5, 1],
      [9, 3],
    ]);
  });

  it('skips a cancelled event at the top when peeking', () => {
    const queue = new EventQueue();
    const h = logger();
    const first = queue.push(1, h, 1);
    queue.push(2, h, 2);
    queue.cancel(first);
    expect(queue.peekTimePs()).toBe(2);
    expect(queue.length).toBe(1);
  });

  it('returns false when cancelling an event that already ran', () => {
    const queue = new EventQueue();
    const h = logger();
    const handle = queue.push(3, h, 1);
    drain(queue);
    expect(h.log).toEqual([[3, 1]]);
    expect(queue.cancel(handle)).toBe(false);
  });

  it('ignores a stale handle whose slot was reused by a later event', () => {
    const queue = new EventQueue(1);
    const h = logger();
    const stale = queue.push(1, h, 1);
    drain(queue);
    // With capacity 1 the next event must reuse the same slot, under a new generation.
    const fresh = queue.push(2, h, 2);
    expect(fresh).not.toBe(stale);
    expect(queue.cancel(stale)).toBe(false);
    drain(queue);
    expect(h.log).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('ignores handles that were never issued', () => {
    const queue = new EventQueue(4);
    const h = logger();
    queue.push(1, h, 1);
    expect(queue.cancel(3)).toBe(false);
    expect(queue.cancel(2 ** 24 * 5)).toBe(false);
    drain(queue);
    expect(h.log).toEqual([[1, 1]]);
  });

  it('grows far past its initial capacity and still pops sorted by (time, insertion order), cancelled ones skipped', () => {
    const queue = new EventQueue(4);
    const h = logger();
    const random = new Rng(12345);
    const count = 20_000;
    const expected: { time: number; arg: number }[] = [];
    const handles: number[] = [];
    for (let arg = 0; arg < count; arg++) {
      // Few distinct times, so ties are common and the insertion-order tie break is exercised.
      const time = Math.floor(random.nextFloat() * 2_000);
      handles.push(queue.push(time, h, arg));
      expected.push({ time, arg });
    }
    const cancelled = new Set<number>();
    for (let arg = 0; arg < count; arg += 3) {
      expect(queue.cancel(handles[arg]!)).toBe(true);
      cancelled.add(arg);
    }
    drain(queue);
    const want = expected
      .filter((e) => !cancelled.has(e.arg))
      .sort((a, b) => a.time - b.time || a.arg - b.arg)
      .map((e) => [e.time, e.arg]);
    expect(h.log.length).toBe(count - cancelled.size);
    expect(h.log).toEqual(want);
  });

  it('keeps order when pushes and pops interleave (the simulator pattern)', () => {
    const queue = new EventQueue(2);
    const random = new Rng(7);
    const seen: number[] = [];
    let pushed = 0;
    const handler: EventHandler = {
      handleEvent(_arg: number, nowPs: number): void {
        seen.push(nowPs);
        // each event schedules up to two more at or after its own time
        for (let k = 0; k < 2 && pushed < 50_000; k++) {
          queue.push(nowPs + Math.floor(random.nextFloat() * 1_000), handler, pushed++);
        }
      },
    };
    queue.push(0, handler, pushed++);
    drain(queue);
    expect(seen.length).toBe(pushed);
    let outOfOrder = 0;
    for (let i = 1; i < seen.length; i++) if (seen[i]! < seen[i - 1]!) outOfOrder++;
    expect(outOfOrder).toBe(0);
  });
});
