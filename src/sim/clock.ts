import type { EventHandle, EventHandler } from './eventQueue.js';

/**
 * Where a component's events are kept: the simulator's heap, or a clock group's own queue (see
 * LocalClock). Cores and pollers schedule through the clock of their group, so one model runs on
 * either without knowing which.
 *
 * Stage rank. Every group has a rank: 0 for everything on the global heap, and for a group that
 * is fed by one upstream stage, one more than that stage's rank. At the same picosecond, events
 * of a higher rank run first (a stage further down the data path finishes what it does at that
 * instant before the stage feeding it hands it more); within a rank, events run in insertion
 * order. That rule is what lets a group's events wait off the heap until something upstream
 * touches it: whatever it then applies first — everything due at or before that moment — is what
 * the heap would have run first.
 */
export interface Clock {
  readonly rank: number;
  schedule(atPs: number, handler: EventHandler, arg?: number): EventHandle;
  cancel(handle: EventHandle): boolean;
  /** Apply every event due at or before `nowPs` (something upstream is about to look). */
  catchUp(nowPs: number): void;
}

/**
 * Key offset per rank: an event of rank r at time t sorts by `seq - r × RANK_STEP`, before every
 * lower-rank event at t. 2^50 leaves room for 10^15 events per run and 7 ranks within the 2^53
 * doubles hold exactly.
 */
export const RANK_STEP = 2 ** 50;
export const MAX_RANK = 7;
