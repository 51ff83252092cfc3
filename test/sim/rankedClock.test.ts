import { describe, expect, it } from 'vitest';
import { RankedClock } from '../../src/sim/rankedClock.js';
import { Simulator } from '../../src/sim/simulator.js';
import { logger } from './eventLog.js';

describe('stage-rank rule on the heap (RankedClock)', () => {
  it('runs a higher rank first at the same time, insertion order otherwise', () => {
    const sim = new Simulator();
    const rank1 = new RankedClock(sim, 1);
    const rank2 = new RankedClock(sim, 2);
    const log: string[] = [];
    sim.schedule(10, logger(log, 'global'));
    rank1.schedule(10, logger(log, 'r1'));
    rank2.schedule(10, logger(log, 'r2-first'));
    rank2.schedule(10, logger(log, 'r2-second'));
    rank1.schedule(5, logger(log, 'r1-early'));
    sim.schedule(5, logger(log, 'global-early'));
    sim.run();
    expect(log).toEqual([
      '5:r1-early',
      '5:global-early',
      '10:r2-first',
      '10:r2-second',
      '10:r1',
      '10:global',
    ]);
  });

  it('orders a same-time event scheduled later by a lower-rank handler before the remaining lower-rank ones', () => {
    const sim = new Simulator();
    const rank1 = new RankedClock(sim, 1);
    const log: string[] = [];
    sim.schedule(
      10,
      logger(log, 'a', (now) => rank1.schedule(now, logger(log, 'downstream'))),
    );
    sim.schedule(10, logger(log, 'b'));
    sim.run();
    expect(log).toEqual(['10:a', '10:downstream', '10:b']);
  });
});
