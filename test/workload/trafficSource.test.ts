import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/metrics/recorder.js';
import { Rng } from '../../src/sim/rng.js';
import { Simulator } from '../../src/sim/simulator.js';
import { TrafficSource } from '../../src/workload/trafficSource.js';
import { makeVmPicker } from '../../src/workload/vmPicker.js';

function source(arrivals: 'cbr' | 'poisson', ratePps: number, stopPs: number, windowStartPs = 0) {
  const sim = new Simulator();
  const recorder = new Recorder(windowStartPs, stopPs, 3, 1);
  const times: number[] = [];
  const vms: number[] = [];
  let mislabelled = 0;
  sim.addSource(
    new TrafficSource(sim, recorder, {
      ratePps,
      arrivals,
      stopPs,
      pickVm: makeVmPicker(3, undefined, null),
      pickBytes: () => 100,
      random: new Rng(4),
      // A frame enters at the simulator's time now, its generation time (not passed: see entry).
      entry: (bytes, vm) => {
        times.push(sim.nowPs);
        vms.push(vm);
        if (bytes !== 100) mislabelled++;
      },
    }),
  );
  sim.run();
  // every frame is handed over at its generation time, with its size
  expect(mislabelled).toBe(0);
  return { sim, recorder, times, vms };
}

describe('TrafficSource', () => {
  it('emits CBR frames at exactly round(k·period) from 0, without drift, until the stop time', () => {
    // 3 Mpps: period 333,333.33 ps
    const { times, vms, sim } = source('cbr', 3e6, 10_000_000);
    expect(times.slice(0, 4)).toEqual([0, 333_333, 666_667, 1_000_000]);
    expect(times.length).toBe(30);
    expect(times[29]).toBe(9_666_667);
    expect(vms.slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(sim.emissionCount).toBe(30);
  });

  it('offers the recorder every frame; it counts those generated inside the window', () => {
    const { times, recorder } = source('cbr', 1e6, 10_000_000, 4_000_000);
    // frames at 0, 1, …, 9 µs, to VMs 0, 1, 2, 0, …; the window starts at 4 µs
    expect(times.length).toBe(10);
    expect(recorder.offeredFrames).toBe(6);
    expect([0, 1, 2].map((vm) => recorder.vmTotals(vm).offeredFrames)).toEqual([2, 2, 2]);
    expect(recorder.offeredBytes).toBe(600);
  });

  it('emits Poisson frames at the requested mean rate with exponential gaps', () => {
    // 1 Mpps for 200 ms: 200k frames expected, σ ≈ 450
    const { times } = source('poisson', 1e6, 200_000_000_000);
    expect(Math.abs(times.length - 200_000)).toBeLessThan(2_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(Math.abs(mean / 1_000_000 - 1)).toBeLessThan(0.01);
    // exponential: the coefficient of variation is 1 (CBR would be 0)
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
    expect(Math.abs(sd / mean - 1)).toBeLessThan(0.02);
    // and P(gap > mean) = e^-1
    const longer = gaps.filter((g) => g > mean).length / gaps.length;
    expect(Math.abs(longer - Math.exp(-1))).toBeLessThan(0.01);
  });

  it("times Poisson frames from the stream's exponentials in order, though it draws them ahead", () => {
    // The source draws its gaps in batches (of 256); frame k must still come at the sum of the
    // stream's first k+1 exponentials, each rounded, across the batch edges and until the stop.
    const { times } = source('poisson', 1e6, 1_000_000_000);
    const twin = new Rng(4);
    const expected: number[] = [];
    for (let t = Math.round(twin.nextExponential(1e6)); t < 1_000_000_000;) {
      expected.push(t);
      t += Math.round(twin.nextExponential(1e6));
    }
    expect(expected.length).toBeGreaterThan(600);
    expect(times).toEqual(expected);
  });

  it('emits nothing at rate 0', () => {
    const { times } = source('cbr', 0, 10_000_000);
    expect(times).toEqual([]);
  });
});
