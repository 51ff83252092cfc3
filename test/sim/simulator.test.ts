import { describe, expect, it } from 'vitest';
import type { EventHandler } from '../../src/sim/eventQueue.js';
import { Simulator, type InlineSource } from '../../src/sim/simulator.js';

/** Logs `now` and an id inside every handler, SimPy style. */
function tracer(sim: Simulator, log: string[], id: string, then?: () => void): EventHandler {
  return {
    handleEvent(arg: number, nowPs: number): void {
      expect(sim.nowPs).toBe(nowPs);
      log.push(`${nowPs}:${id}${arg ? `#${arg}` : ''}`);
      then?.();
    },
  };
}

/** An inline source emitting at fixed times, taking its sequence number when it sets each time. */
class ListSource implements InlineSource {
  nextPs: number;
  nextSeq: number;
  private index = 0;
  constructor(
    private readonly sim: Simulator,
    private readonly times: readonly number[],
    private readonly log: string[],
    private readonly onEmit: (nowPs: number) => void = () => {},
    private readonly label = 'src',
  ) {
    this.nextPs = times[0] ?? Infinity;
    this.nextSeq = sim.takeSeq();
  }
  emit(): void {
    const nowPs = this.nextPs;
    expect(this.sim.nowPs).toBe(nowPs);
    this.log.push(`${nowPs}:${this.label}`);
    this.index++;
    this.nextPs = this.times[this.index] ?? Infinity;
    this.nextSeq = this.sim.takeSeq();
    this.onEmit(nowPs);
  }
}

describe('Simulator', () => {
  it('runs events in time order and advances the clock to each', () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.schedule(300, tracer(sim, log, 'c'));
    sim.schedule(100, tracer(sim, log, 'a'));
    sim.schedule(200, tracer(sim, log, 'b'));
    sim.run();
    expect(log).toEqual(['100:a', '200:b', '300:c']);
    expect(sim.nowPs).toBe(300);
    expect(sim.eventCount).toBe(3);
  });

  it('runs same-time events in the order they were scheduled, including ones scheduled by a handler', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const late = tracer(sim, log, 'late');
    const first = tracer(sim, log, 'first', () => {
      // scheduled at the current time from inside a handler: runs after everything already due now
      sim.schedule(sim.nowPs, late);
    });
    sim.schedule(50, first);
    sim.schedule(50, tracer(sim, log, 'second'));
    sim.schedule(50, tracer(sim, log, 'third'));
    sim.schedule(10, tracer(sim, log, 'early'));
    sim.run();
    expect(log).toEqual(['10:early', '50:first', '50:second', '50:third', '50:late']);
  });

  it('passes the scheduled argument to the handler', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const h = tracer(sim, log, 'e');
    sim.schedule(5, h, 2);
    sim.schedule(5, h, 1);
    sim.run();
    expect(log).toEqual(['5:e#2', '5:e#1']);
  });

  it('never runs a cancelled event; cancel returns false for a stale or already-run handle', () => {
    const sim = new Simulator();
    const log: string[] = [];
    let victim = -1;
    const ran = sim.schedule(
      10,
      tracer(sim, log, 'canceller', () => {
        expect(sim.cancel(victim)).toBe(true);
        expect(sim.cancel(victim)).toBe(false);
      }),
    );
    victim = sim.schedule(20, tracer(sim, log, 'victim'));
    sim.schedule(
      30,
      tracer(sim, log, 'after', () => expect(sim.cancel(ran)).toBe(false)),
    );
    sim.run();
    expect(log).toEqual(['10:canceller', '30:after']);
    expect(sim.eventCount).toBe(2);
  });

  it('throws when scheduling in the past or at a fractional picosecond', () => {
    const sim = new Simulator();
    const errors: string[] = [];
    sim.schedule(100, {
      handleEvent(): void {
        try {
          sim.schedule(99, tracer(sim, [], 'x'));
        } catch (error) {
          errors.push((error as Error).message);
        }
      },
    });
    sim.run();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/past/);
    expect(() => sim.schedule(50, tracer(sim, [], 'x'))).toThrow(/in the past/);
    expect(() => sim.schedule(150.5, tracer(sim, [], 'x'))).toThrow(/not an integer/);
    expect(() => sim.schedule(Number.NaN, tracer(sim, [], 'x'))).toThrow();
    // scheduling at exactly now is allowed
    expect(() => sim.schedule(100, tracer(sim, [], 'x'))).not.toThrow();
  });

  it('interleaves inline-source emissions with heap events by (time, sequence)', () => {
    const sim = new Simulator();
    const log: string[] = [];
    // A: scheduled before the source exists, so it precedes the source's emission at 10.
    sim.schedule(10, tracer(sim, log, 'A'));
    const source = new ListSource(sim, [0, 10, 20], log, (nowPs) => {
      // B: scheduled at emit time 0 for time 10, after the source took the sequence for its
      // emission at 10, so it follows that emission.
      if (nowPs === 0) sim.schedule(10, tracer(sim, log, 'B'));
    });
    sim.addSource(source);
    sim.schedule(15, tracer(sim, log, 'C'));
    sim.schedule(20, tracer(sim, log, 'D'));
    sim.run();
    expect(log).toEqual(['0:src', '10:A', '10:src', '10:B', '15:C', '20:D', '20:src']);
    expect(sim.emissionCount).toBe(3);
    expect(sim.eventCount).toBe(4);
  });

  it('lets a lone source yield to an event it schedules before its own next emission', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const source = new ListSource(sim, [0, 10, 20, 30], log, (nowPs) => {
      if (nowPs === 0) sim.schedule(5, tracer(sim, log, 'X'));
      if (nowPs === 10)
        sim.schedule(
          25,
          tracer(sim, log, 'Y', () => sim.schedule(25, tracer(sim, log, 'Z'))),
        );
    });
    sim.addSource(source);
    sim.run();
    expect(log).toEqual(['0:src', '5:X', '10:src', '20:src', '25:Y', '25:Z', '30:src']);
  });

  it('stops inline emissions at `untilPs` too, and resumes them', () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.addSource(new ListSource(sim, [0, 10, 20, 30], log));
    sim.schedule(15, tracer(sim, log, 'E'));
    sim.run(12);
    expect(log).toEqual(['0:src', '10:src']);
    sim.run();
    expect(log).toEqual(['0:src', '10:src', '15:E', '20:src', '30:src']);
  });

  it('runs a long run in chunks without losing or reordering a step (one source and two)', () => {
    // Tens of thousands of emissions and events: the run loop returns to run() every few thousand
    // steps (CHUNK_STEPS) and is called again; what runs, and in what order, must not change.
    const steps = 30_000;
    const expected: string[] = [];
    for (let t = 0; t < steps; t++) {
      expected.push(`${t * 10}:src`);
      if (t % 3 === 0) expected.push(`${t * 10 + 5}:E`);
    }
    const single = new Simulator();
    const log: string[] = [];
    const times = Array.from({ length: steps }, (_, t) => t * 10);
    single.addSource(
      new ListSource(single, times, log, (nowPs) => {
        if ((nowPs / 10) % 3 === 0) single.schedule(nowPs + 5, tracer(single, log, 'E'));
      }),
    );
    single.run();
    expect(log).toEqual(expected);
    expect([single.emissionCount, single.eventCount]).toEqual([steps, steps / 3]);

    // Two sources, interleaved at the same times: each time, `a` (the older sequence) first.
    const double = new Simulator();
    const both: string[] = [];
    double.addSource(new ListSource(double, times, both, undefined, 'a'));
    double.addSource(new ListSource(double, times, both, undefined, 'b'));
    double.run();
    expect(both).toHaveLength(2 * steps);
    expect(both.slice(0, 4)).toEqual(['0:a', '0:b', '10:a', '10:b']);
    expect(both.at(-1)).toBe(`${(steps - 1) * 10}:b`);
    expect(
      both.filter((entry, i) => entry !== `${Math.floor(i / 2) * 10}:${i % 2 === 0 ? 'a' : 'b'}`),
    ).toEqual([]);
  });

  it('orders two inline sources at the same time by their sequence numbers', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const first = new ListSource(sim, [5, 6], log, undefined, 'first');
    const second = new ListSource(sim, [5], log, undefined, 'second');
    // add them in the opposite order: the sequence, not the registration order, decides
    sim.addSource(second);
    sim.addSource(first);
    sim.run();
    // `first` took its sequence number before `second`, so it goes first at 5
    expect(log).toEqual(['5:first', '5:second', '6:first']);
    expect(sim.emissionCount).toBe(3);
  });

  it('stops before events later than `untilPs` and resumes where it stopped', () => {
    const sim = new Simulator();
    const log: string[] = [];
    for (const t of [10, 20, 30, 40]) sim.schedule(t, tracer(sim, log, `e${t}`));
    sim.run(20);
    expect(log).toEqual(['10:e10', '20:e20']);
    sim.run(35);
    expect(log).toEqual(['10:e10', '20:e20', '30:e30']);
    sim.run();
    expect(log).toEqual(['10:e10', '20:e20', '30:e30', '40:e40']);
  });
});

describe('Simulator: reserved sequence numbers and deferred events', () => {
  it('runs an event scheduled with an earlier reserved sequence number before same-time events scheduled in between', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const reserved = sim.takeSeq();
    sim.schedule(40, tracer(sim, log, 'between'));
    sim.schedule(10, {
      handleEvent(): void {
        sim.scheduleWithSeq(40, reserved, tracer(sim, log, 'reserved'));
      },
    });
    sim.run();
    expect(log).toEqual(['40:reserved', '40:between']);
  });

  it('exposes the sequence number of the event being run', () => {
    const sim = new Simulator();
    const seen: number[] = [];
    const expected = [sim.takeSeq()];
    sim.scheduleWithSeq(5, expected[0]!, { handleEvent: () => seen.push(sim.dispatchSeq) });
    sim.schedule(5, { handleEvent: () => seen.push(sim.dispatchSeq) });
    sim.run();
    expect(seen).toEqual([0, 1]);
    expect(sim.dispatchSeq).toBe(-1);
  });

  it('flushes deferred events when the run stops: the clock ends at the last one and it counts as run', () => {
    const sim = new Simulator();
    let pendingPs = 700;
    sim.addDeferredEnds({
      flushDeferredEnd(untilPs: number): number {
        if (pendingPs > untilPs) return -1;
        const at = pendingPs;
        pendingPs = Infinity;
        sim.countDeferredEvent();
        return at;
      },
    });
    sim.schedule(100, tracer(sim, [], 'e'));
    sim.run(500);
    expect(sim.nowPs).toBe(100);
    expect(sim.eventCount).toBe(1);
    sim.run();
    expect(sim.nowPs).toBe(700);
    expect(sim.eventCount).toBe(2);
    expect(sim.deferredEventCount).toBe(1);
  });

  it('runs in slices (runFor): the same steps in the same order, deferred events flushed only at the end', () => {
    const steps = 30_000;
    const times = Array.from({ length: steps }, (_, t) => t * 10);
    const build = (sim: Simulator, log: string[], flushes: number[]): void => {
      sim.addSource(
        new ListSource(sim, times, log, (nowPs) => {
          if ((nowPs / 10) % 3 === 0) sim.schedule(nowPs + 5, tracer(sim, log, 'E'));
        }),
      );
      sim.addDeferredEnds({
        flushDeferredEnd(untilPs: number): number {
          flushes.push(untilPs);
          return -1;
        },
      });
    };
    const whole = new Simulator();
    const wholeLog: string[] = [];
    build(whole, wholeLog, []);
    whole.run();

    const sliced = new Simulator();
    const slicedLog: string[] = [];
    const flushes: number[] = [];
    build(sliced, slicedLog, flushes);
    let slices = 1;
    while (!sliced.runFor(5_000)) {
      expect(flushes).toEqual([]);
      expect(sliced.dispatchSeq).toBe(-1);
      slices++;
    }
    // 40,000 steps in slices of at least 5,000 (two chunks of 4,096): 5 slices.
    expect(slices).toBe(5);
    expect(flushes).toEqual([Infinity]);
    expect(slicedLog).toEqual(wholeLog);
    expect([sliced.emissionCount, sliced.eventCount, sliced.nowPs]).toEqual([
      whole.emissionCount,
      whole.eventCount,
      whole.nowPs,
    ]);
  });

  it('rejects a reserved-sequence schedule in the past like any other', () => {
    const sim = new Simulator();
    let thrown: unknown;
    sim.schedule(100, {
      handleEvent: () => {
        try {
          sim.scheduleWithSeq(50, 0, tracer(sim, [], 'x'));
        } catch (error) {
          thrown = error;
        }
      },
    });
    sim.run();
    expect(sim.eventCount).toBe(1);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/past/);
  });
});
