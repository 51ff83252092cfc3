import { describe, expect, it } from 'vitest';
import { LogHistogram } from '../../src/metrics/logHistogram.js';
import { pollPlanOf } from '../../src/metrics/pollPlan.js';
import { COMPONENT_COUNT, Recorder } from '../../src/metrics/recorder.js';
import { COMPONENT, DROP } from '../../src/model/cpuComponents.js';
import { Rng } from '../../src/sim/rng.js';

describe('Recorder', () => {
  it('counts a frame in the cohort only when generated inside [start, end)', () => {
    const recorder = new Recorder(1_000, 2_000, 2, 1);
    recorder.offer(0, 100, 999);
    recorder.offer(0, 100, 1_000);
    recorder.offer(1, 200, 1_999);
    recorder.offer(1, 200, 2_000);
    expect(recorder.offeredFrames).toBe(2);
    expect(recorder.offeredBytes).toBe(300);
    expect([0, 1].map((vm) => recorder.vmTotals(vm).offeredFrames)).toEqual([1, 1]);
    expect([0, 1].map((vm) => recorder.vmTotals(vm).offeredBytes)).toEqual([100, 200]);
  });

  it('records deliveries of the cohort with latency in ns, and drops by location and VM', () => {
    const recorder = new Recorder(0, 1_000, 2, 1);
    recorder.deliver(1, 64, 500, 5_000_500);
    recorder.drop(DROP.nicRxRing, 0, 0);
    recorder.drop(DROP.nicRxRing, 1, 999);
    recorder.drop(DROP.guestRing, 1, 10);
    // Frames generated outside the window are not the measurement's: neither counted nor timed.
    recorder.deliver(0, 64, 1_000, 9_000_000);
    recorder.drop(DROP.guestRing, 0, 1_000);
    expect(recorder.deliveredFrames).toBe(1);
    expect(recorder.deliveredBytes).toBe(64);
    expect(recorder.latencyNs.max).toBe(5_000);
    expect(recorder.vmLatencyNs(1).max).toBe(5_000);
    expect(recorder.vmLatencyNs(1).count).toBe(1);
    expect(recorder.vmLatencyNs(1).quantile(0.5)).toBe(5_000);
    expect(recorder.vmLatencyNs(0).count).toBe(0);
    expect(recorder.droppedFrames).toBe(3);
    expect(recorder.dropsByLocation[DROP.nicRxRing]).toBe(2);
    expect(recorder.dropsByLocation[DROP.guestRing]).toBe(1);
    expect([0, 1].map((vm) => recorder.vmTotals(vm).droppedFrames)).toEqual([1, 2]);
    expect(recorder.vmTotals(1)).toEqual({
      offeredFrames: 0,
      offeredBytes: 0,
      deliveredFrames: 1,
      deliveredBytes: 64,
      droppedFrames: 2,
    });
  });

  it("keeps each VM's latency histogram apart, as a 6-bit histogram fed the same values would", () => {
    const recorder = new Recorder(0, 1e12, 3, 1);
    const expected = [0, 1, 2].map(() => new LogHistogram(6));
    const random = new Rng(7);
    for (let i = 0; i < 20_000; i++) {
      const vm = i % 3;
      // log-uniform latencies from 1 ns to ~30 ms, different per VM
      const latencyPs = Math.round(Math.exp(random.nextFloat() * 17) * 1000 * (vm + 1));
      recorder.deliver(vm, 64, 1_000, 1_000 + latencyPs);
      expected[vm]!.record(latencyPs / 1000);
    }
    for (let vm = 0; vm < 3; vm++) {
      const histogram = recorder.vmLatencyNs(vm);
      expect(histogram.count).toBe(expected[vm]!.count);
      expect(histogram.max).toBe(expected[vm]!.max);
      for (const q of [0.01, 0.5, 0.9, 0.99, 0.999, 1]) {
        expect(histogram.quantile(q)).toBe(expected[vm]!.quantile(q));
      }
    }
  });

  it("gives every VM's quantiles in one pass, as each VM's own histogram gives them", () => {
    const vmCount = 7;
    const recorder = new Recorder(0, 1e12, vmCount, 1);
    const random = new Rng(11);
    for (let i = 0; i < 30_000; i++) {
      // VM 3 gets nothing; the others latencies over different ranges, some of them alone in a bucket.
      const vm = [0, 1, 2, 4, 5, 6][i % 6]!;
      const latencyPs = Math.round(Math.exp(random.nextFloat() * (4 + 2 * vm)) * 1000 * (vm + 1));
      recorder.deliver(vm, 64, 1_000, 1_000 + latencyPs);
    }
    recorder.deliver(6, 64, 1_000, 1_000 + 9e12);
    const qs = [0, 0.01, 0.5, 0.9, 0.99, 0.999, 1];
    const values = recorder.vmLatencyQuantilesNs(qs);
    expect(values).toHaveLength(vmCount * qs.length);
    for (let vm = 0; vm < vmCount; vm++) {
      const own = recorder.vmLatencyNs(vm).quantiles(qs);
      expect(Array.from(values.subarray(vm * qs.length, (vm + 1) * qs.length))).toEqual(own);
    }
    expect(Array.from(values.subarray(3 * qs.length, 4 * qs.length))).toEqual(qs.map(() => 0));
    expect(() => recorder.vmLatencyQuantilesNs([0.9, 0.5])).toThrow('not ascending');
    expect(new Recorder(0, 1, 2, 1).vmLatencyQuantilesNs([0.5])).toEqual(new Float64Array(2));
  });

  it('clips busy time to the window, per resource and per component', () => {
    const recorder = new Recorder(1_000, 2_000, 1, 2);
    /** A job of one component on a resource: its work is its length. */
    const job = (resource: number, component: number, startPs: number, durationPs: number) => {
      const componentPs = new Float64Array(COMPONENT_COUNT);
      componentPs[component] = durationPs;
      recorder.busyJob(resource, startPs, durationPs, durationPs, componentPs, Int32Array.of(component));
    };
    job(0, COMPONENT.switch, 500, 1_000); // 1000..1500 counts
    job(0, COMPONENT.switch, 1_200, 100); // inside
    job(0, COMPONENT.copy, 1_900, 500); // 1900..2000 counts
    job(0, COMPONENT.copy, 2_000, 100); // after the window
    job(0, COMPONENT.copy, 0, 1_000); // ends exactly at the start
    job(1, COMPONENT.exits, 0, 5_000); // covers the whole window
    expect(recorder.busyByResourcePs[0]).toBe(700);
    expect(recorder.busyByResourcePs[1]).toBe(1_000);
    expect(recorder.busyByComponentPs[COMPONENT.switch]).toBe(600);
    expect(recorder.busyByComponentPs[COMPONENT.copy]).toBe(100);
    expect(recorder.busyByComponentPs[COMPONENT.exits]).toBe(1_000);
    job(1, COMPONENT.exits, 1_500, 0); // nothing
    job(0, COMPONENT.copy, 1_950, 100); // 1950..2000 counts
    expect(recorder.busyByResourcePs[0]).toBe(750);
  });

  it('splits a clipped job over its components pro rata, holding the core for its rounded length', () => {
    const recorder = new Recorder(1_000, 2_000, 1, 1);
    const componentPs = new Float64Array(COMPONENT_COUNT);
    componentPs[COMPONENT.switch] = 300;
    componentPs[COMPONENT.copy] = 100.5;
    // 400.5 ps of work held as a 401 ps job from 1800: 200 ps inside the window
    recorder.busyJob(0, 1_800, 401, 400.5, componentPs, Int32Array.of(COMPONENT.switch, COMPONENT.copy));
    expect(recorder.busyByResourcePs[0]).toBe(200);
    expect(recorder.busyByComponentPs[COMPONENT.switch]).toBeCloseTo((300 * 200) / 400.5, 9);
    expect(recorder.busyByComponentPs[COMPONENT.copy]).toBeCloseTo((100.5 * 200) / 400.5, 9);
  });

  it('charges a poll from its plan to the same sums, bit for bit, as a job of its components', () => {
    // Two components with two items each, uneven figures: any change in the order of the additions
    // shows in the last bits.
    const items = [
      { component: COMPONENT.switch, fixedPs: 0.1, perBytePs: 0.3 },
      { component: COMPONENT.copy, fixedPs: 1 / 3, perBytePs: 0.7 },
      { component: COMPONENT.switch, fixedPs: 0.2, perBytePs: 1 / 7 },
      { component: COMPONENT.copy, fixedPs: 5.5, perBytePs: 0.01 },
    ];
    const interruptStart = new Float64Array(COMPONENT_COUNT);
    interruptStart[COMPONENT.switch] = 123.4;
    interruptStart[COMPONENT.exits] = 987.6;
    const pollStart = new Float64Array(COMPONENT_COUNT);
    pollStart[COMPONENT.switch] = 11.1;
    const components = Int32Array.from(
      [COMPONENT.switch, COMPONENT.copy, COMPONENT.exits].sort((a, b) => a - b),
    );
    const plan = pollPlanOf(components, interruptStart, pollStart, items);
    for (const afterInterrupt of [true, false]) {
      for (const [frames, bytes, startPs] of [
        [3, 4_554, 1_200],
        [0, 0, 1_300],
        [7, 1_234, 1_990], // straddles the window's end: clipped pro rata
      ] as const) {
        const byPlan = new Recorder(1_000, 2_000, 1, 1);
        const byJob = new Recorder(1_000, 2_000, 1, 1);
        // The job the old way: each component's start, then each item's frames added in order.
        const componentPs = Float64Array.from(afterInterrupt ? interruptStart : pollStart);
        for (const item of items)
          componentPs[item.component]! += frames * item.fixedPs + bytes * item.perBytePs;
        let workPs = 0;
        for (const c of components) workPs += componentPs[c]!;
        const durationPs = Math.round(workPs);
        byJob.busyJob(0, startPs, durationPs, workPs, componentPs, components);
        byPlan.busyFromPlan(0, startPs, durationPs, workPs, plan, afterInterrupt, frames, bytes);
        expect(Array.from(byPlan.busyByResourceComponentPs)).toEqual(
          Array.from(byJob.busyByResourceComponentPs),
        );
        expect(byPlan.busyByResourcePs[0]).toBe(byJob.busyByResourcePs[0]);
        expect(byPlan.busyByResourcePs[0]).toBeGreaterThan(0);
      }
    }
  });

  it('counts exits and interrupts only inside the window', () => {
    const recorder = new Recorder(1_000, 2_000, 1, 1);
    recorder.countExits(2, 999);
    recorder.countExits(2, 1_000);
    recorder.countInterrupts(1, 1_999);
    recorder.countInterrupts(1, 2_000);
    expect(recorder.vmExits).toBe(2);
    expect(recorder.interrupts).toBe(1);
  });
});
