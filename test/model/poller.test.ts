import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/metrics/recorder.js';
import { makeCharge, NO_CHARGE, type Charge } from '../../src/model/costItem.js';
import { COMPONENT, DROP } from '../../src/model/cpuComponents.js';
import { CpuCore } from '../../src/model/cpuCore.js';
import type { PacketSink } from '../../src/model/packetSink.js';
import { Poller, type Moderation, type PollerSpec } from '../../src/model/poller.js';
import { Simulator } from '../../src/sim/simulator.js';

const US = 1_000_000;

/** A sink that logs when each frame became ready. */
class LogSink implements PacketSink {
  batchMark = 0;
  readonly signal: Charge;
  readonly readyPs: number[] = [];
  idle = true;
  constructor(
    private readonly label: string,
    private readonly log: string[],
    signal: Charge = NO_CHARGE,
  ) {
    this.signal = signal;
  }
  accept(_genPs: number, _bytes: number, _vm: number, readyPs: number): boolean {
    this.readyPs.push(readyPs);
    this.log.push(this.label);
    return true;
  }
  needsSignal(): boolean {
    return this.idle;
  }
  wake(): void {}
}

interface Rig {
  sim: Simulator;
  recorder: Recorder;
  core: CpuCore;
}

function rig(windowEndPs = 1e12, windowStartPs = 0): Rig {
  const sim = new Simulator();
  const recorder = new Recorder(windowStartPs, windowEndPs, 1, 1);
  return { sim, recorder, core: new CpuCore(sim, 0, 'core') };
}

function poller(r: Rig, output: PacketSink, overrides: Partial<PollerSpec> = {}): Poller {
  return new Poller(r.sim, r.recorder, {
    name: 'p',
    core: r.core,
    ringCapacity: 1024,
    dropLocation: DROP.guestRing,
    moderation: { minGapPs: 0, coalesceFrames: 0, delayPs: 0 },
    budget: 64,
    perInterrupt: makeCharge([], 0, 1),
    perPoll: NO_CHARGE,
    perPacket: [{ component: COMPONENT.switch, fixedPs: US, perBytePs: 0 }],
    signal: NO_CHARGE,
    output,
    ...overrides,
  });
}

/**
 * Hand `count` 64 B frames to `sink`, one every `gapPs` starting at `startPs`, as scheduled events;
 * generated as they are handed over, or (`cohort` false) before the recorder's window opens.
 */
function feed(r: Rig, sink: Poller, count: number, gapPs: number, startPs = 0, cohort = true): void {
  for (let k = 0; k < count; k++) {
    r.sim.schedule(startPs + k * gapPs, {
      handleEvent(_arg: number, nowPs: number): void {
        sink.accept(cohort ? nowPs : r.recorder.windowStartPs - 1, 64, 0, nowPs, nowPs);
        sink.wake(nowPs);
      },
    });
  }
}

/** At time 0, fill each sink's ring with its count of frames, then wake them in order (one producer batch). */
function burst(r: Rig, loads: readonly [Poller, number][]): void {
  r.sim.schedule(0, {
    handleEvent(_arg: number, nowPs: number): void {
      for (const [sink, count] of loads)
        for (let k = 0; k < count; k++) sink.accept(nowPs, 64, 0, nowPs, nowPs);
      for (const [sink] of loads) sink.wake(nowPs);
    },
  });
}

describe('Poller', () => {
  it('serves a lone frame at once: ready = arrival + per-packet cost', () => {
    const r = rig();
    const log: string[] = [];
    const out = new LogSink('out', log);
    const p = poller(r, out);
    feed(r, p, 1, 0, 7 * US);
    r.sim.run();
    expect(out.readyPs).toEqual([8 * US]);
    expect(r.recorder.interrupts).toBe(1);
    expect(r.recorder.busyByComponentPs[COMPONENT.switch]).toBe(US);
  });

  it('drops what does not fit in its ring, counting only frames of the measured cohort', () => {
    const r = rig();
    const out = new LogSink('out', []);
    // 10 frames at the same instant; the first poll starts at once and takes the first, 4 fit
    const p = poller(r, out, { ringCapacity: 4, budget: 1 });
    feed(r, p, 6, 0, 0, true);
    feed(r, p, 4, 0, 0, false);
    r.sim.run();
    expect(out.readyPs.length).toBe(5);
    expect(r.recorder.droppedFrames).toBe(1);
    expect(r.recorder.dropsByLocation[DROP.guestRing]).toBe(1);
    expect(p.framesGeneratedIn(-Infinity, Infinity)).toBe(0);
  });

  it('tells the producer whether it took the frame: false once its ring is full', () => {
    const r = rig();
    const p = poller(r, new LogSink('out', []), { ringCapacity: 2 });
    expect([1, 2, 3].map((k) => p.accept(k, 64, 0, k, 0))).toEqual([true, true, false]);
    expect(r.recorder.dropsByLocation[DROP.guestRing]).toBe(1);
  });

  it('counts the frames it holds, in its ring and in the poll under way, by generation window', () => {
    // The window from 1 µs: times are never negative.
    const r = rig(1e12, US);
    const out = new LogSink('out', []);
    const p = poller(r, out, { budget: 4 });
    // 6 frames of the cohort, then 4 generated before the window, all handed over at 1 µs: the
    // first poll takes one (1–2 µs), the second takes four (2–6 µs) and holds them until it ends.
    feed(r, p, 6, 0, US, true);
    feed(r, p, 4, 0, US, false);
    r.sim.run(3 * US);
    expect(out.readyPs).toEqual([2 * US]);
    // held: 4 in the poll (cohort), 1 cohort + 4 earlier ones in the ring
    expect(p.framesGeneratedIn(-Infinity, Infinity)).toBe(9);
    expect(p.framesGeneratedIn(r.recorder.windowStartPs, r.recorder.windowEndPs)).toBe(5);
    r.sim.run();
    expect(out.readyPs).toHaveLength(10);
    expect(p.framesGeneratedIn(-Infinity, Infinity)).toBe(0);
  });

  it('limits interrupts to one per ITR gap and batches the frames that arrive meanwhile', () => {
    const r = rig();
    const out = new LogSink('out', []);
    const moderation: Moderation = { minGapPs: 50 * US, coalesceFrames: 0, delayPs: 0 };
    // one frame per 2 µs for 10 ms, 0.1 µs of work each: the core is mostly idle
    const p = poller(r, out, {
      moderation,
      perPacket: [{ component: COMPONENT.switch, fixedPs: 100_000, perBytePs: 0 }],
    });
    feed(r, p, 5_000, 2 * US);
    r.sim.run();
    expect(out.readyPs.length).toBe(5_000);
    // 10 ms / 50 µs = 200 interrupts (±1 at the edges), not 5000
    expect(r.recorder.interrupts).toBeGreaterThanOrEqual(199);
    expect(r.recorder.interrupts).toBeLessThanOrEqual(201);
  });

  it('fires early once `coalesceFrames` are pending, ignoring the rest of the gap', () => {
    const r = rig();
    const out = new LogSink('out', []);
    const p = poller(r, out, {
      moderation: { minGapPs: 1_000 * US, coalesceFrames: 8, delayPs: 0 },
      perPacket: [{ component: COMPONENT.switch, fixedPs: 1_000, perBytePs: 0 }],
    });
    // first frame interrupts at once; then one frame per µs: the next interrupt comes when 8 are
    // pending (t ≈ 8 µs), far before the 1 ms gap ends
    feed(r, p, 17, US);
    r.sim.run();
    expect(r.recorder.interrupts).toBe(3);
    expect(Math.max(...out.readyPs)).toBeLessThan(20 * US);
  });

  it('waits `delayPs` after the first pending frame before interrupting (coalescing timer)', () => {
    const r = rig();
    const out = new LogSink('out', []);
    const p = poller(r, out, {
      moderation: { minGapPs: 0, coalesceFrames: 0, delayPs: 10 * US },
      perPacket: [{ component: COMPONENT.switch, fixedPs: 1_000, perBytePs: 0 }],
    });
    // frames at 0, 1, …, 4 µs: one interrupt at 10 µs takes all five; then one at 100 µs, served at 110 µs
    feed(r, p, 5, US);
    feed(r, p, 1, 0, 100 * US);
    r.sim.run();
    expect(r.recorder.interrupts).toBe(2);
    expect(out.readyPs).toEqual([
      10 * US + 1_000,
      10 * US + 2_000,
      10 * US + 3_000,
      10 * US + 4_000,
      10 * US + 5_000,
      110 * US + 1_000,
    ]);
  });

  it('re-queues a poll that used its full budget behind other work on the same core (NAPI fairness)', () => {
    const r = rig();
    const log: string[] = [];
    const a = poller(r, new LogSink('A', log), { budget: 4 });
    const b = poller(r, new LogSink('B', log), { budget: 4 });
    burst(r, [
      [a, 12],
      [b, 8],
    ]);
    r.sim.run();
    expect(log.join('')).toBe('AAAABBBBAAAABBBBAAAA');
  });

  it('charges its per-interrupt cost once per interrupt, not on the repolls that follow', () => {
    const r = rig();
    const out = new LogSink('out', []);
    const p = poller(r, out, {
      budget: 2,
      perInterrupt: makeCharge([{ component: COMPONENT.interrupts, fixedPs: 5 * US, perBytePs: 0 }], 1, 1),
      perPoll: makeCharge([{ component: COMPONENT.interrupts, fixedPs: US, perBytePs: 0 }], 0, 0),
    });
    burst(r, [[p, 6]]);
    r.sim.run();
    // one interrupt; polls of 2, 2, 2 and a last empty one: 4 polls
    expect(r.recorder.interrupts).toBe(1);
    expect(r.recorder.vmExits).toBe(1);
    expect(r.recorder.busyByComponentPs[COMPONENT.interrupts]).toBe(5 * US + 4 * US);
    expect(r.recorder.busyByComponentPs[COMPONENT.switch]).toBe(6 * US);
    // frames of one poll become ready one per-packet cost apart, after the interrupt and poll costs
    expect(out.readyPs.slice(0, 2)).toEqual([7 * US, 8 * US]);
  });

  it("charges an idle consumer's signal on the producer's core, once per batch", () => {
    const r = rig();
    const log: string[] = [];
    const wakeUp: Charge = makeCharge(
      [{ component: COMPONENT.injection, fixedPs: 3 * US, perBytePs: 0 }],
      0,
      1,
    );
    const out = new LogSink('out', log, wakeUp);
    const p = poller(r, out, { perInterrupt: NO_CHARGE });
    burst(r, [[p, 3]]);
    r.sim.run();
    expect(r.recorder.busyByComponentPs[COMPONENT.injection]).toBe(3 * US);
    expect(r.recorder.interrupts).toBe(1);
    // the signal is part of the producer's job: frames are handed on when the whole job ends
    expect(out.readyPs).toEqual([US, 2 * US, 3 * US]);
  });
});

describe('Poller signals to several consumers', () => {
  /** A poller routing by VM to consumers A (VM 0) and B (VM 1), each handed one frame at time 0. */
  function twoConsumers(bIdle: boolean, bFirst = false) {
    const r = rig();
    const log: string[] = [];
    const a = new LogSink(
      'a',
      log,
      makeCharge(
        [
          { component: COMPONENT.injection, fixedPs: 3 * US, perBytePs: 0 },
          { component: COMPONENT.exits, fixedPs: 2 * US, perBytePs: 0 },
        ],
        1,
        0,
      ),
    );
    // Two items of one component: added in order.
    const b = new LogSink(
      'b',
      log,
      makeCharge(
        [
          { component: COMPONENT.injection, fixedPs: 5 * US, perBytePs: 0 },
          { component: COMPONENT.injection, fixedPs: US / 2, perBytePs: 0 },
        ],
        0,
        1,
      ),
    );
    b.idle = bIdle;
    const p = poller(r, a, { perInterrupt: NO_CHARGE, output: bFirst ? [b, a] : [a, b] });
    r.sim.schedule(0, {
      handleEvent(_arg: number, nowPs: number): void {
        p.accept(nowPs, 64, 0, nowPs, nowPs);
        p.accept(nowPs, 64, 1, nowPs, nowPs);
        p.wake(nowPs);
      },
    });
    r.sim.run();
    return { r, a, b };
  }

  it('charges every idle consumer its own signal, summed per component, in one job', () => {
    const { r, a, b } = twoConsumers(true);
    expect(r.recorder.busyByComponentPs[COMPONENT.injection]).toBe(8.5 * US);
    expect(r.recorder.busyByComponentPs[COMPONENT.exits]).toBe(2 * US);
    expect(r.recorder.busyByComponentPs[COMPONENT.switch]).toBe(2 * US);
    expect(r.recorder.busyByResourcePs[0]).toBe(12.5 * US);
    expect([r.recorder.vmExits, r.recorder.interrupts]).toEqual([1, 1]);
    expect([a.readyPs, b.readyPs]).toEqual([[US], [2 * US]]);
  });

  it('charges every component of every signal whichever consumer comes first (B charges one of A’s two)', () => {
    const { r } = twoConsumers(true, true);
    expect(r.recorder.busyByComponentPs[COMPONENT.injection]).toBe(8.5 * US);
    expect(r.recorder.busyByComponentPs[COMPONENT.exits]).toBe(2 * US);
    expect(r.recorder.busyByResourcePs[0]).toBe(12.5 * US);
  });

  it('charges only the idle one when the other is busy', () => {
    const { r } = twoConsumers(false);
    expect(r.recorder.busyByComponentPs[COMPONENT.injection]).toBe(3 * US);
    expect(r.recorder.busyByComponentPs[COMPONENT.exits]).toBe(2 * US);
    expect(r.recorder.busyByResourcePs[0]).toBe(7 * US);
    expect([r.recorder.vmExits, r.recorder.interrupts]).toEqual([1, 0]);
  });
});

describe('Poller signalling of a downstream poller', () => {
  it('charges the signal when the consumer is idle at hand-over, even if it was busy when the producer began', () => {
    // Producer P on core 0 takes 2 frames at 20 µs each (job 0..40 µs). Consumer Q on core 1 is
    // busy 0..10 µs with a frame of its own, then idle. P hands its 2 frames over at 40 µs, when Q
    // is idle: Q takes an interrupt for them, so that interrupt must have been signalled (injected)
    // by P — the Poller's own contract: "charged on the producer's core when it hands frames to
    // this poller while it is idle".
    const sim = new Simulator();
    const recorder = new Recorder(0, 1e12, 1, 2);
    const r: Rig = { sim, recorder, core: new CpuCore(sim, 0, 'core 0') };
    const inject: Charge = makeCharge(
      [{ component: COMPONENT.injection, fixedPs: 3 * US, perBytePs: 0 }],
      0,
      1,
    );
    const delivered = new LogSink('out', []);
    const consumer = new Poller(sim, recorder, {
      name: 'Q',
      core: new CpuCore(sim, 1, 'core 1'),
      ringCapacity: 64,
      dropLocation: DROP.guestRing,
      moderation: { minGapPs: 0, coalesceFrames: 0, delayPs: 0 },
      budget: 64,
      // the guest side of an interrupt: one exit
      perInterrupt: makeCharge([{ component: COMPONENT.exits, fixedPs: US, perBytePs: 0 }], 1, 0),
      perPoll: NO_CHARGE,
      perPacket: [{ component: COMPONENT.guestStack, fixedPs: 10 * US, perBytePs: 0 }],
      signal: inject,
      output: delivered,
    });
    const producer = poller(r, consumer, {
      perInterrupt: NO_CHARGE,
      perPacket: [{ component: COMPONENT.switch, fixedPs: 20 * US, perBytePs: 0 }],
    });
    burst(r, [
      [consumer, 1],
      [producer, 2],
    ]);
    sim.run();
    expect(delivered.readyPs.length).toBe(3);
    // Q took two interrupts (its own frame at 0, P's frames at 40 µs): two guest exits
    expect(recorder.vmExits).toBe(2);
    // the second interrupt was caused by P's hand-over to an idle Q: P must pay one injection
    expect(recorder.busyByComponentPs[COMPONENT.injection]).toBe(3 * US);
    expect(recorder.interrupts).toBe(1);
  });
});
