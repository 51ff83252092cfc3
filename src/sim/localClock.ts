import type { Clock } from './clock.js';
import type { EventHandle, EventHandler } from './eventQueue.js';
import type { LazyClock, Simulator } from './simulator.js';

/** Infinity, as a module constant V8 folds (see NEVER in sim/simulator.ts). */
const NEVER = Infinity;

/** Handles are small integers (a larger number returned on the hot path is a heap allocation). */
const HANDLE_MASK = 0x3fffffff;

/** The (empty, never written) queue of every solo clock. */
const NO_TIMES = new Float64Array(0);
const NO_INTS = new Int32Array(0);
/** The (empty, never written) handler list of every solo clock. */
const NO_HANDLERS: (EventHandler | null)[] = [];

/**
 * The clock of a group whose events nothing but its one upstream stage can observe (a core and
 * its pollers, fed by the NIC or by one other group, handing frames only to final delivery or to
 * groups downstream of it: see assignClocks). Its events wait in its own queue instead of the
 * simulator's heap, and are applied when the upstream stage next touches the group (catchUp,
 * called by the group's entry points) or when the run stops. Every event runs at its own time, in
 * the order the heap would run it under the stage-rank rule (clock.ts), and counts as one event.
 *
 * Upstream stages touch the group in non-decreasing time: the global loop runs in time order, and
 * so does an upstream group's own catch-up. A call from inside the group's own events (one of its
 * pollers handing frames to another) happens at the event's time, with everything due earlier
 * already applied; it does not catch up again, so same-time events keep their insertion order.
 *
 * A group holds a few pending events (an interrupt timer per poller, the core's job end), so they
 * sit in a ring of typed arrays kept in (time, insertion) order: the earliest is taken from the
 * front, a new one goes in from the back (new events are mostly the latest), and the earliest time
 * is in a field, so the check every entry point makes is one comparison. A cancel (rare: a
 * frame-count interrupt firing early) finds its event by handle. A core running one poller never
 * has more than one event pending (the poller's timer while it is idle, or the core's job end
 * while it runs: see Poller and CpuCore); `solo` keeps that one in three fields instead, and a
 * second one throws (a bug in that argument).
 *
 * Hand-written for the hot path, and measured: a binary heap per group (its arrays miss the cache
 * across many groups), a linked list of event objects (a boxed time per node) and a separate class
 * for the solo case (two clock classes make the model's calls polymorphic) were all slower.
 */
export class LocalClock implements Clock, LazyClock {
  // Fields in the order catching up reads them (V8 keeps declaration order), the solo case first.
  // Initial numbers for fields set in the constructor: see the note in model/poller.ts.
  /** Time of the earliest pending event; Infinity when none. */
  nextPs = Infinity;
  /**
   * The time catchUpToMark() catches up to, set by its caller just before. A poller's entry points
   * catch their group up from deep in a frame's inlined path, where V8 leaves the call out of line,
   * and a double passed to such a call is a newly allocated heap number; one stored into a number
   * field is not (see CoreJob in model/cpuCore.ts). VMQ at 1518 B: 0.8 heap numbers a frame.
   */
  catchUpPs = 0;
  private applying = false;
  /** One job on the core: at most one pending event, kept in the slot fields below. */
  readonly solo: boolean;
  private slotHandler: EventHandler | null = null;
  private slotArg = 0;
  /** Time of the event being applied, or of the last one: nothing may be scheduled before it. */
  private nowPs = 0;
  private nextHandle = 0;
  /** Events applied so far (Simulator.eventCount adds them up). */
  applied = 0;
  /** The ring, `count` entries from `head`, in (time, insertion) order; capacity a power of two. */
  private count = 0;
  private head = 0;
  private mask: number = 0;
  private timesPs: Float64Array;
  private handles: Int32Array;
  private args: Int32Array;
  private handlers: (EventHandler | null)[];
  readonly rank: number = 0;

  constructor(sim: Simulator, rank: number, solo = false) {
    this.rank = rank;
    this.solo = solo;
    if (solo) {
      // Its one event lives in the slot fields; the queue is never used.
      this.timesPs = NO_TIMES;
      this.handles = NO_INTS;
      this.args = NO_INTS;
      this.handlers = NO_HANDLERS;
    } else {
      const capacity = 8;
      this.timesPs = new Float64Array(capacity);
      this.handles = new Int32Array(capacity);
      this.args = new Int32Array(capacity);
      this.handlers = new Array<EventHandler | null>(capacity).fill(null);
      this.mask = capacity - 1;
    }
    sim.addLazyClock(this);
  }

  schedule(atPs: number, handler: EventHandler, arg = 0): EventHandle {
    if (!(atPs >= this.nowPs) || Math.floor(atPs) !== atPs) {
      badTime(atPs, this.nowPs);
    }
    if (this.solo && this.slotHandler !== null) {
      secondEvent();
    }
    const handle = (this.nextHandle = (this.nextHandle + 1) & HANDLE_MASK);
    if (this.solo) {
      this.slotHandler = handler;
      this.slotArg = arg;
      this.nextPs = atPs;
      return handle;
    }
    if (this.count === this.mask + 1) this.grow();
    const timesPs = this.timesPs;
    const mask = this.mask;
    // From the back, move later events up one place; ties keep insertion order (the new one last).
    let i = this.count;
    let at = (this.head + i) & mask;
    while (i > 0) {
      const before = (at - 1) & mask;
      if (timesPs[before]! <= atPs) break;
      this.move(before, at);
      at = before;
      i--;
    }
    timesPs[at] = atPs;
    this.handles[at] = handle;
    this.args[at] = arg;
    this.handlers[at] = handler;
    this.count++;
    if (i === 0) this.nextPs = atPs;
    return handle;
  }

  cancel(handle: EventHandle): boolean {
    if (this.solo) {
      if (handle !== this.nextHandle || this.slotHandler === null) return false;
      this.slotHandler = null;
      this.nextPs = NEVER;
      return true;
    }
    const mask = this.mask;
    for (let i = 0; i < this.count; i++) {
      let at = (this.head + i) & mask;
      if (this.handles[at] !== handle) continue;
      // Close the gap: later events move down one place.
      for (let j = i + 1; j < this.count; j++) {
        const from = (this.head + j) & mask;
        this.move(from, at);
        at = from;
      }
      this.handlers[at] = null;
      this.count--;
      this.nextPs = this.count === 0 ? NEVER : this.timesPs[this.head]!;
      return true;
    }
    return false;
  }

  catchUp(nowPs: number): void {
    this.catchUpPs = nowPs;
    this.catchUpToMark();
  }

  /** catchUp(catchUpPs): the time set in the field first (see catchUpPs). */
  catchUpToMark(): void {
    const untilPs = this.catchUpPs;
    if (this.nextPs <= untilPs && !this.applying) this.apply(untilPs);
  }

  /** LazyClock: the run stops at `untilPs`; apply what is due by then and return the last event's time, or -1. */
  flushDeferredEnd(untilPs: number): number {
    return this.nextPs <= untilPs && this.nextPs !== NEVER ? this.apply(untilPs) : -1;
  }

  /** Apply events due at or before `untilPs` in (time, insertion) order; returns the last one's time. */
  private apply(untilPs: number): number {
    this.applying = true;
    let lastPs = -1;
    if (this.solo) {
      while (this.slotHandler !== null && this.nextPs <= untilPs) {
        const atPs = this.nextPs;
        const handler = this.slotHandler;
        this.slotHandler = null;
        this.nextPs = NEVER;
        this.nowPs = atPs;
        lastPs = atPs;
        this.applied++;
        handler.handleEvent(this.slotArg, atPs);
      }
    } else {
      while (this.count > 0 && this.nextPs <= untilPs) {
        const head = this.head;
        const atPs = this.nextPs;
        const handler = this.handlers[head]!;
        const arg = this.args[head]!;
        this.handlers[head] = null;
        this.head = (head + 1) & this.mask;
        this.count--;
        this.nextPs = this.count === 0 ? NEVER : this.timesPs[this.head]!;
        this.nowPs = atPs;
        lastPs = atPs;
        this.applied++;
        handler.handleEvent(arg, atPs);
      }
    }
    this.applying = false;
    return lastPs;
  }

  private move(from: number, to: number): void {
    this.timesPs[to] = this.timesPs[from]!;
    this.handles[to] = this.handles[from]!;
    this.args[to] = this.args[from]!;
    this.handlers[to] = this.handlers[from]!;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const timesPs = new Float64Array(capacity);
    const handles = new Int32Array(capacity);
    const args = new Int32Array(capacity);
    const handlers = new Array<EventHandler | null>(capacity).fill(null);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & this.mask;
      timesPs[i] = this.timesPs[from]!;
      handles[i] = this.handles[from]!;
      args[i] = this.args[from]!;
      handlers[i] = this.handlers[from]!;
    }
    this.timesPs = timesPs;
    this.handles = handles;
    this.args = args;
    this.handlers = handlers;
    this.mask = capacity - 1;
    this.head = 0;
  }
}

// The checks' throws are functions of their own, out of schedule(): a template string in it is
// bytecode V8 counts against the inlining budget of every chain schedule() is inlined into (a job's
// end scheduled from a poll's end was left out of line, its time boxed; see CoreJob in
// model/cpuCore.ts).

function badTime(atPs: number, nowPs: number): never {
  throw new Error(`schedule at ${atPs} ps is in the past or not an integer (group at ${nowPs} ps)`);
}

function secondEvent(): never {
  throw new Error('a one-poller clock group got a second pending event');
}
