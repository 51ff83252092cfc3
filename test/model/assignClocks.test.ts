import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/metrics/recorder.js';
import { assignClocks } from '../../src/model/assignClocks.js';
import { makeCharge, NO_CHARGE } from '../../src/model/costItem.js';
import { DROP } from '../../src/model/cpuComponents.js';
import { CpuCore } from '../../src/model/cpuCore.js';
import { DeliverySink } from '../../src/model/deliverySink.js';
import type { PacketSink } from '../../src/model/packetSink.js';
import { Poller } from '../../src/model/poller.js';
import { MAX_RANK } from '../../src/sim/clock.js';
import { LocalClock } from '../../src/sim/localClock.js';
import { RankedClock } from '../../src/sim/rankedClock.js';
import { Simulator } from '../../src/sim/simulator.js';

/** A sink that is neither final delivery nor a poller (as the NIC's TX port): shared, order matters. */
const SHARED_PORT: PacketSink = {
  batchMark: 0,
  signal: NO_CHARGE,
  accept: () => true,
  needsSignal: () => false,
  wake() {},
};

function host(coreCount: number, shortcuts = true) {
  const sim = new Simulator({ shortcuts });
  const recorder = new Recorder(0, 1e12, 1, coreCount);
  const delivery = new DeliverySink(recorder);
  const cores = Array.from({ length: coreCount }, (_, i) => new CpuCore(sim, i, `core ${i}`));
  const poller = (core: number, output: PacketSink | readonly PacketSink[] = delivery): Poller =>
    new Poller(sim, recorder, {
      name: `p${core}`,
      core: cores[core]!,
      ringCapacity: 16,
      dropLocation: DROP.guestRing,
      moderation: { minGapPs: 0, coalesceFrames: 0, delayPs: 0 },
      budget: 8,
      perInterrupt: NO_CHARGE,
      perPoll: NO_CHARGE,
      perPacket: [],
      signal: NO_CHARGE,
      output,
    });
  const fromNic = (p: Poller): Poller => {
    p.addProducer(null);
    return p;
  };
  return { sim, cores, poller, fromNic };
}

describe('assignClocks', () => {
  it('VMQ-like: queue cores fed by the NIC are rank 1, the guests they feed rank 2', () => {
    const h = host(4);
    const g1 = h.poller(2);
    const g2 = h.poller(3);
    h.fromNic(h.poller(1, g1));
    h.fromNic(h.poller(1, g2));
    h.poller(0); // core 0: a poller nobody feeds (no events), still a group of its own
    expect(assignClocks(h.sim, h.cores)).toEqual([1, 1, 2, 2]);
    expect(h.cores[1]!.clock).toBeInstanceOf(LocalClock);
    expect((h.cores[1]!.clock as LocalClock).solo).toBe(false);
    expect((h.cores[2]!.clock as LocalClock).solo).toBe(true);
  });

  it('the reference engine gets the same ranks, on the heap', () => {
    const h = host(2, false);
    h.fromNic(h.poller(0, h.poller(1)));
    expect(assignClocks(h.sim, h.cores)).toEqual([1, 2]);
    expect(h.cores[0]!.clock).toBeInstanceOf(RankedClock);
    expect(h.cores[1]!.clock).toBeInstanceOf(RankedClock);
  });

  it('a core handing frames to a shared port stays on the heap, and so does the group feeding it', () => {
    const h = host(3);
    const guest = h.poller(1);
    h.fromNic(h.poller(1, SHARED_PORT)); // e.g. a guest's TX on the same vCPU
    h.fromNic(h.poller(0, [guest, h.poller(2)]));
    expect(assignClocks(h.sim, h.cores)).toEqual([0, 0, 1]);
    expect(h.cores[0]!.clock).toBe(h.sim);
  });

  it('a core fed by two groups, or by a group and the NIC, takes them both back to the heap', () => {
    const twoGroups = host(3);
    const shared = twoGroups.poller(2);
    twoGroups.fromNic(twoGroups.poller(0, shared));
    twoGroups.fromNic(twoGroups.poller(1, shared));
    expect(assignClocks(twoGroups.sim, twoGroups.cores)).toEqual([0, 0, 1]);

    const mixed = host(2);
    const consumer = mixed.fromNic(mixed.poller(1));
    mixed.fromNic(mixed.poller(0, consumer));
    expect(assignClocks(mixed.sim, mixed.cores)).toEqual([0, 1]);
  });

  it('frames between pollers of one core stay inside the group', () => {
    const h = host(1);
    h.fromNic(h.poller(0, h.poller(0)));
    expect(assignClocks(h.sim, h.cores)).toEqual([1]);
  });

  it(`a chain deeper than ${MAX_RANK} stages keeps its deepest ${MAX_RANK} off the heap; a cycle stays on it`, () => {
    /** Ranks of a chain of `depth` cores: NIC → core 0 → core 1 → … */
    const chainRanks = (depth: number): number[] => {
      const chain = host(depth);
      let next: PacketSink | undefined;
      for (let core = depth - 1; core >= 0; core--)
        next = next === undefined ? chain.poller(core) : chain.poller(core, next);
      (next as Poller).addProducer(null);
      return assignClocks(chain.sim, chain.cores);
    };
    expect(chainRanks(MAX_RANK)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(chainRanks(MAX_RANK + 2)).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7]);

    const loop = host(2);
    const a = loop.poller(0);
    const b = loop.poller(1, a);
    // a second poller on core 0 hands frames to core 1: core 0 ↔ core 1
    loop.fromNic(loop.poller(0, b));
    expect(assignClocks(loop.sim, loop.cores)).toEqual([0, 0]);
  });
});

describe('a hand-over at the very picosecond its consumer finishes a poll', () => {
  interface Shape {
    /** Frames P takes per poll, and ps per frame. */
    readonly producerBudget: number;
    readonly producerCostPs: number;
    /** When the NIC hands P each frame. */
    readonly arrivalsPs: readonly number[];
  }

  /**
   * P (core 0, fed by the NIC) polls frames and hands them to guest G (core 1), paying a 100 ps
   * signal when G is idle; G interrupts 500 ps after a frame is ready and polls for 800 ps a frame.
   * Returns the busy time of both cores, the events run and the end time.
   */
  function run(shortcuts: boolean, shape: Shape): number[] {
    const sim = new Simulator({ shortcuts });
    const recorder = new Recorder(0, 1e12, 1, 2);
    const delivery = new DeliverySink(recorder);
    const cores = [new CpuCore(sim, 0, 'P'), new CpuCore(sim, 1, 'G')];
    const cost = (fixedPs: number) => ({ component: 0, fixedPs, perBytePs: 0 });
    const spec = {
      ringCapacity: 16,
      dropLocation: DROP.guestRing,
      perInterrupt: NO_CHARGE,
      perPoll: NO_CHARGE,
    };
    const guest = new Poller(sim, recorder, {
      ...spec,
      name: 'G',
      core: cores[1]!,
      budget: 8,
      moderation: { minGapPs: 0, coalesceFrames: 0, delayPs: 500 },
      perPacket: [cost(800)],
      signal: makeCharge([cost(100)], 0, 0),
      output: delivery,
    });
    const producer = new Poller(sim, recorder, {
      ...spec,
      name: 'P',
      core: cores[0]!,
      budget: shape.producerBudget,
      moderation: { minGapPs: 0, coalesceFrames: 0, delayPs: 0 },
      perPacket: [cost(shape.producerCostPs)],
      signal: NO_CHARGE,
      output: guest,
    });
    producer.addProducer(null);
    expect(assignClocks(sim, cores)).toEqual([1, 2]);
    for (const atPs of shape.arrivalsPs) {
      sim.schedule(atPs, {
        handleEvent(_arg: number, nowPs: number): void {
          producer.accept(nowPs, 64, 0, nowPs, nowPs);
          producer.wake(nowPs);
        },
      });
    }
    sim.run();
    return [...recorder.busyByResourcePs, sim.eventCount, sim.nowPs];
  }

  it('is ordered consumer first, the same with and without the heap', () => {
    /*
     * Frame 1 at 0: P polls it for 1000 ps, hands over at 1000, signals until 1100, G's timer fires
     * at 1500 and its poll ends at 2300. Frame 2 at 1300: P's poll ends at 2300 too — scheduled at
     * 1300, before G's poll end was (at 1500), so insertion order alone would hand the frame over
     * first, to a busy G. The stage-rank rule runs G's end first: G is idle at the hand-over and P
     * pays the signal again. (G's group still holds its timer when P's hand-over catches it up: the
     * poll end is applied within that catch-up.)
     */
    const shape = { producerBudget: 8, producerCostPs: 1000, arrivalsPs: [0, 1300] };
    const reference = run(false, shape);
    expect(run(true, shape)).toEqual(reference);
    // P: two polls and two signals (insertion order alone: one signal, 2100); G: two polls, the
    // second woken at the end of that signal (2400) and interrupting at 2300 + 500
    expect(reference.slice(0, 2)).toEqual([2200, 1600]);
    expect(reference[3]).toBe(3600);
  });

  it("applies the consumer's poll end first when that end is the next event its group holds", () => {
    /*
     * P takes a frame a poll (600 ps); frames at 0, 100 and 200. P hands frame 1 over at 600 and
     * signals until 700; G's timer fires at 1100 and it polls frame 1 until 1900. P hands frame 2
     * over at 1300, which catches G's group up (the timer) and leaves G's poll end, at 1900, as the
     * next thing the group holds; P hands frame 3 over at 1900, exactly then. The end goes first:
     * G re-polls frame 2 alone at 1900 (frame 3 is not in its ring yet) and frame 3 after that,
     * three polls in all; handing frame 3 over first would have let one poll take both.
     */
    const shape = { producerBudget: 1, producerCostPs: 600, arrivalsPs: [0, 100, 200] };
    const reference = run(false, shape);
    expect(run(true, shape)).toEqual(reference);
    // P: three polls, one signal; G: three polls of 800 ps; 12 events with three polls (11 with two)
    expect(reference).toEqual([1900, 2400, 12, 3500]);
  });
});

describe('a batch handed to a consumer that fires on a frame count', () => {
  /**
   * P (fed by the NIC) hands C (another core) frames; C interrupts once 2 are pending, else after a
   * 1 µs gap. Frames 3 and 4 reach P 10 ps apart and leave in one batch at 2700 ps: the first of them
   * makes C's interrupt due at once. The heap runs it after P's event, with both frames in C's ring;
   * a lazy group caught up by the second hand-over would run it between the two.
   */
  function run(shortcuts: boolean) {
    const sim = new Simulator({ shortcuts });
    const recorder = new Recorder(0, 1e12, 1, 2);
    const delivery = new DeliverySink(recorder);
    const cores = [new CpuCore(sim, 0, 'P'), new CpuCore(sim, 1, 'C')];
    const cost = (fixedPs: number) => ({ component: 0, fixedPs, perBytePs: 0 });
    const pollTimesPs: number[] = [];
    const probe: PacketSink = {
      batchMark: 0,
      passive: true,
      signal: NO_CHARGE,
      accept(genPs: number, bytes: number, vm: number, readyPs: number, nowPs: number): boolean {
        pollTimesPs.push(nowPs);
        return delivery.accept(genPs, bytes, vm, readyPs);
      },
      needsSignal: () => false,
      wake() {},
    };
    const spec = {
      ringCapacity: 16,
      dropLocation: DROP.guestRing,
      budget: 8,
      perInterrupt: NO_CHARGE,
      perPoll: NO_CHARGE,
      signal: NO_CHARGE,
    };
    const consumer = new Poller(sim, recorder, {
      ...spec,
      name: 'C',
      core: cores[1]!,
      moderation: { minGapPs: 1_000_000, coalesceFrames: 2, delayPs: 0 },
      perPacket: [cost(10)],
      output: probe,
    });
    const producer = new Poller(sim, recorder, {
      ...spec,
      name: 'P',
      core: cores[0]!,
      moderation: { minGapPs: 0, coalesceFrames: 0, delayPs: 500 },
      perPacket: [cost(100)],
      output: consumer,
    });
    producer.addProducer(null);
    const ranks = assignClocks(sim, cores);
    for (const atPs of [0, 1000, 2000, 2010]) {
      sim.schedule(atPs, {
        handleEvent(_arg: number, nowPs: number): void {
          producer.accept(nowPs, 64, 0, nowPs, nowPs);
          producer.wake(nowPs);
        },
      });
    }
    sim.run();
    return { ranks, pollTimesPs, events: sim.eventCount };
  }

  it('keeps the consumer (and so its producer) on the heap, with the heap order', () => {
    const reference = run(false);
    const fast = run(true);
    expect(fast).toEqual(reference);
    expect(fast.ranks).toEqual([0, 0]);
    // frames 3 and 4 are taken by one poll at 2700 ps
    expect(reference.pollTimesPs).toEqual([600, 2700, 2700, 2700]);
  });
});
