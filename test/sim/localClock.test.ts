import { describe, expect, it } from 'vitest';
import { LocalClock } from '../../src/sim/localClock.js';
import { Simulator } from '../../src/sim/simulator.js';
import { logger } from './eventLog.js';

describe('LocalClock', () => {
  it('keeps its events until caught up, then runs those due in (time, insertion) order', () => {
    const sim = new Simulator();
    const clock = new LocalClock(sim, 1);
    const log: string[] = [];
    clock.schedule(30, logger(log, 'c'));
    clock.schedule(10, logger(log, 'a'));
    clock.schedule(30, logger(log, 'd'));
    clock.schedule(20, logger(log, 'b'));
    expect(clock.nextPs).toBe(10);
    clock.catchUp(5);
    expect(log).toEqual([]);
    clock.catchUp(30);
    expect(log).toEqual(['10:a', '20:b', '30:c', '30:d']);
    expect(clock.nextPs).toBe(Infinity);
    expect(sim.eventCount).toBe(4);
    expect(sim.deferredEventCount).toBe(4);
  });

  it('runs what an applied event schedules within the same catch-up when it is due', () => {
    const sim = new Simulator();
    const clock = new LocalClock(sim, 1);
    const log: string[] = [];
    clock.schedule(
      10,
      logger(log, 'first', (now) => clock.schedule(now + 5, logger(log, 'then'))),
    );
    clock.schedule(40, logger(log, 'late'));
    clock.catchUp(20);
    expect(log).toEqual(['10:first', '15:then']);
    expect(clock.nextPs).toBe(40);
  });

  it('does not catch up from inside its own events (same-time events keep insertion order)', () => {
    const sim = new Simulator();
    const clock = new LocalClock(sim, 1);
    const log: string[] = [];
    clock.schedule(
      10,
      logger(log, 'a', (now) => {
        clock.catchUp(now); // a call from one of its own pollers to another: must not run b now
        log.push('a-done');
      }),
    );
    clock.schedule(10, logger(log, 'b'));
    clock.catchUp(10);
    expect(log).toEqual(['10:a', 'a-done', '10:b']);
  });

  it('catchUpToMark catches up to the time its caller set in catchUpPs', () => {
    const sim = new Simulator();
    const clock = new LocalClock(sim, 1);
    const log: string[] = [];
    clock.schedule(10, logger(log, 'a'));
    clock.schedule(30, logger(log, 'b'));
    clock.catchUpPs = 20;
    clock.catchUpToMark();
    expect(log).toEqual(['10:a']);
    expect(clock.nextPs).toBe(30);
    clock.catchUpPs = 30;
    clock.catchUpToMark();
    expect(log).toEqual(['10:a', '30:b']);
  });

  it('cancels a pending event, and a stale or foreign handle cancels nothing', () => {
    const sim = new Simulator();
    const clock = new LocalClock(sim, 1);
    const log: string[] = [];
    const a = clock.schedule(10, logger(log, 'a'));
    clock.schedule(20, logger(log, 'b'));
    expect(clock.cancel(a)).toBe(true);
    expect(clock.cancel(a)).toBe(false);
    expect(clock.nextPs).toBe(20);
    clock.catchUp(100);
    const c = clock.schedule(150, logger(log, 'c'));
    expect(clock.cancel(c + 1)).toBe(false);
    expect(clock.cancel(-1)).toBe(false);
    clock.catchUp(200);
    expect(log).toEqual(['20:b', '150:c']);
  });

  it('refuses an event before its group time', () => {
    const sim = new Simulator();
    const clock = new LocalClock(sim, 1);
    clock.schedule(50, logger([], 'x'));
    clock.catchUp(50);
    expect(() => clock.schedule(40, logger([], 'y'))).toThrow(/in the past/);
    expect(() => clock.schedule(60.5, logger([], 'y'))).toThrow(/not an integer/);
  });

  it('solo: holds one pending event, cancels it by handle, and throws on a second', () => {
    const sim = new Simulator();
    const clock = new LocalClock(sim, 1, true);
    const log: string[] = [];
    const a = clock.schedule(10, logger(log, 'a'));
    expect(() => clock.schedule(20, logger(log, 'b'))).toThrow(/second pending event/);
    expect(clock.cancel(a)).toBe(true);
    expect(clock.cancel(a)).toBe(false);
    clock.schedule(
      20,
      logger(log, 'b', (now) => clock.schedule(now + 1, logger(log, 'c'))),
    );
    clock.catchUp(25);
    expect(log).toEqual(['20:b', '21:c']);
    expect(sim.eventCount).toBe(2);
  });

  it('is flushed when the run stops, upstream groups first, and the clock ends at its last event', () => {
    const sim = new Simulator();
    const upstream = new LocalClock(sim, 1);
    const downstream = new LocalClock(sim, 2);
    const log: string[] = [];
    // Registered downstream first: the flush still goes by rank.
    downstream.schedule(5, logger(log, 'down'));
    upstream.schedule(10, {
      handleEvent(_arg: number, nowPs: number): void {
        // what a poller's entry point does: catch the group up, then act
        downstream.catchUp(nowPs);
        log.push(`${nowPs}:up`);
        downstream.schedule(nowPs + 20, logger(log, 'handed'));
      },
    });
    sim.run();
    expect(log).toEqual(['5:down', '10:up', '30:handed']);
    expect(sim.nowPs).toBe(30);
    expect(sim.eventCount).toBe(3);
  });

  it('stops a flush at the run limit', () => {
    const sim = new Simulator();
    const clock = new LocalClock(sim, 1);
    const log: string[] = [];
    clock.schedule(10, logger(log, 'a'));
    clock.schedule(90, logger(log, 'b'));
    sim.run(50);
    expect(log).toEqual(['10:a']);
    expect(clock.nextPs).toBe(90);
  });
});
