import type { Clock } from './clock.js';
import type { EventHandle, EventHandler } from './eventQueue.js';
import type { Simulator } from './simulator.js';

/**
 * The reference engine's clock for a group of rank > 0: its events go on the simulator's heap,
 * keyed so that they sort by the stage-rank rule (clock.ts). With it every event goes through the
 * heap; the results are what LocalClock gives.
 */
export class RankedClock implements Clock {
  readonly rank: number;
  private readonly sim: Simulator;

  constructor(sim: Simulator, rank: number) {
    this.sim = sim;
    this.rank = rank;
  }

  schedule(atPs: number, handler: EventHandler, arg = 0): EventHandle {
    return this.sim.scheduleWithSeq(atPs, this.sim.takeSeq(this.rank), handler, arg);
  }

  cancel(handle: EventHandle): boolean {
    return this.sim.cancel(handle);
  }

  catchUp(_nowPs: number): void {}
}
