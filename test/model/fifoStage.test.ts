import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/metrics/recorder.js';
import { FifoStage } from '../../src/model/fifoStage.js';

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
