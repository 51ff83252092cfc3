import { describe, expect, it } from 'vitest';
import { FifoStage } from '../../src/model/fifoStage.js';
import { PacketPool } from '../../src/model/packetPool.js';
import { PacketRing } from '../../src/model/packetRing.js';
import { Recorder } from '../../src/metrics/recorder.js';

describe('PacketPool', () => {
  it('recycles ids, grows past its capacity, and counts frames in flight and of the cohort', () => {
    const pool = new PacketPool(2);
    const ids = Array.from({ length: 5 }, () => pool.alloc());
    expect(new Set(ids).size).toBe(5);
    expect(pool.inFlight).toBe(5);
    ids.forEach((id, i) => {
      pool.cohort[id] = i % 2 === 0 ? 1 : 0;
      pool.bytes[id] = 100 + i;
    });
    expect(pool.cohortInFlight()).toBe(3);
    // data written before growth survives it
    expect(ids.map((id) => pool.bytes[id])).toEqual([100, 101, 102, 103, 104]);
    pool.release(ids[0]!);
    pool.release(ids[3]!);
    expect(pool.inFlight).toBe(3);
    expect(pool.cohortInFlight()).toBe(2);
    const reused = pool.alloc();
    expect([ids[0], ids[3]]).toContain(reused);
  });

  it('throws on a double release, naming the packet', () => {
    const pool = new PacketPool(4);
    const id = pool.alloc();
    pool.release(id);
    expect(() => pool.release(id)).toThrow(`packet ${id} released twice`);
  });
});

describe('PacketRing', () => {
  it('is a bounded FIFO that wraps around and refuses a push when full', () => {
    const ring = new PacketRing(3);
    ring.push(1);
    ring.push(2);
    ring.push(3);
    expect(ring.full).toBe(true);
    expect(() => ring.push(4)).toThrow(/full/);
    expect(ring.shift()).toBe(1);
    ring.push(4);
    expect(ring.peek()).toBe(2);
    expect([ring.at(0), ring.at(1), ring.at(2)]).toEqual([2, 3, 4]);
    expect([ring.shift(), ring.shift(), ring.shift()]).toEqual([2, 3, 4]);
    expect(ring.count).toBe(0);
  });
});

describe('FifoStage', () => {
  it('follows the Lindley recursion and tracks occupancy (queued + in service) at a given time', () => {
    const recorder = new Recorder(0, 1_000, 1, 1);
    const stage = new FifoStage(recorder, 0, true, 2);
    expect(stage.serve(0, 100)).toBe(100);
    expect(stage.serve(10, 100)).toBe(200);
    expect(stage.lastStartPs).toBe(100);
    expect(stage.serve(500, 50)).toBe(550);
    expect(stage.lastStartPs).toBe(500);
    // growth of the departure tracking past its initial size
    for (let i = 0; i < 40; i++) stage.serve(600, 10);
    expect(stage.occupancy(600)).toBe(40);
    // departures at 610, 620, …, 1000: 19 have left by 795
    expect(stage.occupancy(795)).toBe(21);
    expect(stage.occupancy(1_000)).toBe(0);
    // busy time: 100 + 100 + 50 + 400, all inside the [0, 1000) window
    expect(recorder.busyByResourcePs[0]).toBe(650);
  });

  it('serves the same without tracking, but refuses to report an occupancy it does not track', () => {
    const recorder = new Recorder(0, 1_000, 1, 1);
    const stage = new FifoStage(recorder, 7, false);
    for (let i = 0; i < 5_000; i++) stage.serve(0, 1);
    expect(stage.serve(0, 1)).toBe(5_001);
    expect(() => stage.occupancy(0)).toThrow('FifoStage 7 does not track occupancy');
  });
});
