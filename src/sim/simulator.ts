import * as clockModule from './clock.js';
import type { Clock } from './clock.js';
import { EventQueue, type EventHandle, type EventHandler } from './eventQueue.js';

/**
 * Infinity as a module constant, which V8 folds into the code that reads it. The global `Infinity`
 * is a property load: folded too where the load ran before the code was optimised, but where it had
 * not (an empty queue, a source's last frame) it stays a load, and the number it meets (a time)
 * is then boxed to merge with it: a heap allocation per step.
 */
const NEVER = Infinity;

// A module-private copy: V8 reads an imported name through its module cell at every use (see
// model/frameLayout.ts); this one it folds into takeSeq, which runs for every arrival.
const { RANK_STEP } = clockModule;

/**
 * Steps (arrivals and events) the run loop takes per call before it returns to run(), which calls
 * it again. A loop that runs a whole simulation in one call only ever runs as on-stack-replaced
 * code, which V8 keeps and re-enters after a deoptimisation (a loop of them), and which the CLI
 * therefore turns off (src/cli/v8Tuning.ts): called afresh every few thousand steps, the loop is
 * optimised like any other function. The events run in the same order either way.
 */
const CHUNK_STEPS = 4096;

/**
 * A source of events that lives outside the heap (e.g. packet arrivals): the simulator asks it for
 * its next (time, sequence) and calls emit() when that is the earliest thing to happen. This keeps
 * the per-packet arrival out of the heap without changing the order events run in: a source takes
 * its sequence number from the same counter as scheduled events.
 */
export interface InlineSource {
  /** Time of the next emission, ps; Infinity when exhausted. */
  readonly nextPs: number;
  /** Insertion sequence of the next emission (from Simulator.takeSeq()). */
  readonly nextSeq: number;
  /**
   * Emit what is due at `nextPs` (the simulator's time now) and move on to the next emission. The
   * time is read from `nextPs`, not passed: V8 boxes a double it passes to a call it does not
   * inline — a heap allocation per frame for the traffic source, whose chain of calls is too long
   * to inline whole into the run loop.
   */
  emit(): void;
}

/**
 * Something holding events that are due but not on the heap (a core's quiet job end): applied
 * when the run stops, so the clock and the event count end where they would have.
 */
export interface DeferredEnds {
  /** Apply a deferred event due no later than `untilPs`; return its time, or -1 if none. */
  flushDeferredEnd(untilPs: number): number;
}

/** A clock group that keeps its events off the heap (LocalClock): flushed when run() returns. */
export interface LazyClock extends DeferredEnds {
  readonly rank: number;
  /** Events it has applied (counted there rather than here: one increment fewer per event). */
  readonly applied: number;
}

/**
 * The simulation clock and event loop. Time is an integer count of picoseconds held in a JS number
 * (exact to 2^53 ps ≈ 2.5 h). One Simulator per run; no globals, so runs can sit side by side.
 * It is also the Clock of every rank-0 component (see clock.ts).
 */
export class Simulator implements Clock {
  readonly rank = 0;
  /**
   * False: every event goes through the heap — no deferred ends, no lazy clock groups, no early
   * wake-ups (see CpuCore, LocalClock and Poller). The reference the shortcuts are tested against:
   * both give the same results, event for event.
   */
  readonly shortcuts: boolean;
  private readonly queue = new EventQueue();
  private readonly sources: InlineSource[] = [];
  private readonly deferred: DeferredEnds[] = [];
  /** Lazy clock groups, upstream (lower rank) first: flushing one may hand work to the next. */
  private readonly lazyClocks: LazyClock[] = [];
  private now = 0;
  /** Events run from the heap (applied off it: deferredEvents and the lazy clocks' own counts). */
  private events = 0;
  private deferredEvents = 0;
  private emissions = 0;
  /** Sequence number of the event or emission being run (-1 outside the loop). */
  private runningSeq = -1;

  constructor(options: { readonly shortcuts?: boolean } = {}) {
    this.shortcuts = options.shortcuts ?? true;
  }

  get nowPs(): number {
    return this.now;
  }

  /** Events run so far: heap events, plus deferred ones applied off the heap (see CpuCore, LocalClock). */
  get eventCount(): number {
    return this.events + this.deferredEventCount;
  }

  /** Of eventCount, those run from the heap. */
  get heapEventCount(): number {
    return this.events;
  }

  /** Sequence number of the event or emission now running: ties at the same time run in this order. */
  get dispatchSeq(): number {
    return this.runningSeq;
  }

  /** Inline source emissions (arrivals) so far. */
  get emissionCount(): number {
    return this.emissions;
  }

  /** The next insertion sequence number; for a rank above 0, offset so it sorts before rank 0 at a tie. */
  takeSeq(rank = 0): number {
    return this.queue.takeSeq() - rank * RANK_STEP;
  }

  addSource(source: InlineSource): void {
    this.sources.push(source);
  }

  schedule(atPs: number, handler: EventHandler, arg = 0): EventHandle {
    if (!(atPs >= this.now) || !Number.isInteger(atPs)) {
      throw new Error(`schedule at ${atPs} ps is in the past or not an integer (now ${this.now} ps)`);
    }
    return this.queue.push(atPs, handler, arg);
  }

  /** Schedule with a sequence number taken earlier (takeSeq()): it sorts as if scheduled then. */
  scheduleWithSeq(atPs: number, seq: number, handler: EventHandler, arg = 0): EventHandle {
    if (!(atPs >= this.now) || !Number.isInteger(atPs)) {
      throw new Error(`schedule at ${atPs} ps is in the past or not an integer (now ${this.now} ps)`);
    }
    return this.queue.pushWithSeq(atPs, seq, handler, arg);
  }

  /** Register a holder of deferred events, flushed whenever run() returns. */
  addDeferredEnds(holder: DeferredEnds): void {
    this.deferred.push(holder);
  }

  /** Register a lazy clock group, flushed (after the deferred ends, upstream first) when run() returns. */
  addLazyClock(clock: LazyClock): void {
    const clocks = this.lazyClocks;
    let i = clocks.length;
    while (i > 0 && clocks[i - 1]!.rank > clock.rank) i--;
    // Mostly the last place (cores are put on clocks in order, a host's groups before its guests').
    if (i === clocks.length) clocks.push(clock);
    else clocks.splice(i, 0, clock);
  }

  /** Clock: the global heap has nothing to catch up. */
  catchUp(_nowPs: number): void {}

  /** A deferred event was applied off the heap: it counts as run. */
  countDeferredEvent(): void {
    this.deferredEvents++;
  }

  /** Of eventCount, those applied off the heap. */
  get deferredEventCount(): number {
    return this.deferredEvents + this.lazyEventCount();
  }

  private lazyEventCount(): number {
    let count = 0;
    for (const clock of this.lazyClocks) count += clock.applied;
    return count;
  }

  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Run until nothing is left to do, or until simulated time would pass `untilPs`. */
  run(untilPs = Infinity): void {
    this.runFor(Infinity, untilPs);
  }

  /**
   * Run a slice of at least `steps` steps (arrivals and events; whole chunks of CHUNK_STEPS), so
   * the caller can do other things between slices (the CLI answers Ctrl-C). True when the run is
   * over, and left as run() leaves it; false when there is more to do: call again with the same
   * `untilPs`. The events run in the same order however the run is sliced.
   */
  runFor(steps: number, untilPs = Infinity): boolean {
    const chunks = Math.max(1, Math.ceil(steps / CHUNK_STEPS));
    let done = false;
    if (this.sources.length === 1) {
      const source = this.sources[0]!;
      for (let chunk = 0; chunk < chunks && !done; chunk++) done = this.runOneSource(source, untilPs);
    } else {
      for (let chunk = 0; chunk < chunks && !done; chunk++) done = this.runSources(untilPs);
    }
    this.runningSeq = -1;
    if (!done) return false;
    for (const holder of this.deferred) {
      const atPs = holder.flushDeferredEnd(untilPs);
      if (atPs > this.now) this.now = atPs;
    }
    for (const clock of this.lazyClocks) {
      const atPs = clock.flushDeferredEnd(untilPs);
      if (atPs > this.now) this.now = atPs;
    }
    return true;
  }

  /**
   * The common case (one direction): emit the source's arrivals inline until the next event. Takes
   * at most CHUNK_STEPS steps (arrivals and events) and returns false when there is more to do, for
   * run() to call it again (see CHUNK_STEPS).
   */
  private runOneSource(source: InlineSource, untilPs: number): boolean {
    const queue = this.queue;
    let steps = CHUNK_STEPS;
    while (steps > 0) {
      let eventPs = queue.peekTimePs();
      let sourcePs = source.nextPs;
      // Emitting may schedule an earlier event, so look at the heap again after each one.
      while (
        sourcePs < eventPs ||
        (sourcePs === eventPs && sourcePs !== NEVER && source.nextSeq < queue.peekSeq())
      ) {
        if (sourcePs > untilPs) return true;
        if (--steps === 0) return false;
        this.now = sourcePs;
        this.runningSeq = source.nextSeq;
        this.emissions++;
        source.emit();
        sourcePs = source.nextPs;
        eventPs = queue.peekTimePs();
      }
      if (eventPs === NEVER || eventPs > untilPs) return true;
      steps--;
      this.now = eventPs;
      this.runningSeq = queue.peekSeq();
      this.events++;
      queue.runTop();
    }
    return false;
  }

  /** Several sources (both directions): as runOneSource, at most CHUNK_STEPS steps a call. */
  private runSources(untilPs: number): boolean {
    const queue = this.queue;
    const sources = this.sources;
    const sourceCount = sources.length;
    for (let steps = 0; steps < CHUNK_STEPS; steps++) {
      let source: InlineSource | null = null;
      let sourcePs = NEVER;
      let sourceSeq = NEVER;
      for (let i = 0; i < sourceCount; i++) {
        const candidate = sources[i]!;
        const t = candidate.nextPs;
        if (t < sourcePs || (t === sourcePs && t !== NEVER && candidate.nextSeq < sourceSeq)) {
          source = candidate;
          sourcePs = t;
          sourceSeq = candidate.nextSeq;
        }
      }
      const eventPs = queue.peekTimePs();
      if (source !== null && (sourcePs < eventPs || (sourcePs === eventPs && sourceSeq < queue.peekSeq()))) {
        if (sourcePs > untilPs) return true;
        this.now = sourcePs;
        this.runningSeq = sourceSeq;
        this.emissions++;
        source.emit();
        continue;
      }
      if (eventPs === NEVER || eventPs > untilPs) return true;
      this.now = eventPs;
      this.runningSeq = queue.peekSeq();
      this.events++;
      queue.runTop();
    }
    return false;
  }
}
