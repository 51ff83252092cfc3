import type { Clock } from './clock.js';
import type { EventHandle, EventHandler } from './eventQueue.js';
import type { LazyClock, Simulator } from './simulator.js';

/**
 * Handles: generation × 2^16 + node index, kept below 2^30 so they stay small integers (a larger
 * number returned or stored on the hot path is a heap allocation). A group has a handful of nodes,
 * and a handle is only ever cancelled while its event is pending, so 2^14 generations are plenty.
 */
const GENERATION_FACTOR = 2 ** 16;
const GENERATION_MASK = 0x3fff;

/** One pending event of a LocalClock: a node of its time-ordered list, reused once run or cancelled. */
class PendingEvent {
  timePs = 0;
  seq = 0;
  handler: EventHandler | null = null;
  arg = 0;
  generation = 0;
  prev: PendingEvent | null = null;
  next: PendingEvent | null = null;
  readonly index: number;

  constructor(index: number) {
    this.index = index;
  }
}

/**
 * The clock of a group whose events nothing but its one upstream stage can observe (a core and
 * its pollers, fed by the NIC or by one other group, handing frames only to final delivery or to
 * groups downstream of it: see assignClocks). Its events wait in its own list instead of the
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
 * sit in a doubly linked list in (time, insertion) order, inserted from the back — new events are
 * mostly the latest — with the earliest time in a field, so the check every entry point makes is
 * one comparison. A core running one poller never has more than one event pending (the poller's
 * timer while it is idle, or the core's job end while it runs: see Poller and CpuCore); `solo`
 * keeps that one in three fields instead, and a second one throws (a bug in that argument).
 *
 * Hand-written for the hot path: a binary heap per group measured slower here (its arrays per
 * group miss the cache where one object list does not), and so did a separate class for the solo
 * case (two clock classes make the model's calls into them polymorphic).
 */
export class LocalClock implements Clock, LazyClock {
  readonly rank: number;
  readonly lazy = true;
  /** Time of the earliest pending event; Infinity when none. */
  nextPs = Infinity;
  /** One job on the core: at most one pending event, kept in the slot fields below. */
  readonly solo: boolean;
  private slotHandler: EventHandler | null = null;
  private slotArg = 0;
  private slotGeneration = 0;
  private readonly sim: Simulator;
  private head: PendingEvent | null = null;
  private tail: PendingEvent | null = null;
  /** Every node, by index (for cancel); unused ones are chained through `next` from `free`. */
  private readonly nodes: PendingEvent[] = [];
  private free: PendingEvent | null = null;
  private nextSeq = 0;
  /** Time of the event being applied, or of the last one: nothing may be scheduled before it. */
  private nowPs = 0;
  private applying = false;

  constructor(sim: Simulator, rank: number, solo = false) {
    this.sim = sim;
    this.rank = rank;
    this.solo = solo;
    sim.addLazyClock(this);
  }

  schedule(atPs: number, handler: EventHandler, arg = 0): EventHandle {
    if (!(atPs >= this.nowPs) || Math.floor(atPs) !== atPs) {
      throw new Error(`schedule at ${atPs} ps is in the past or not an integer (group at ${this.nowPs} ps)`);
    }
    if (this.solo) {
      if (this.slotHandler !== null) throw new Error('a one-poller clock group got a second pending event');
      this.slotHandler = handler;
      this.slotArg = arg;
      this.nextPs = atPs;
      // Slot handles are negative, list handles not.
      this.slotGeneration = (this.slotGeneration + 1) & GENERATION_MASK;
      return -1 - this.slotGeneration;
    }
    let node = this.free;
    if (node === null) {
      if (this.nodes.length === GENERATION_FACTOR) throw new Error('a clock group has 65,536 events pending');
      node = new PendingEvent(this.nodes.length);
      this.nodes.push(node);
    } else this.free = node.next;
    node.timePs = atPs;
    node.seq = this.nextSeq++;
    node.handler = handler;
    node.arg = arg;
    // After the last node due no later (earlier sequence numbers all come first at a tie).
    let before = this.tail;
    while (before !== null && before.timePs > atPs) before = before.prev;
    node.prev = before;
    if (before === null) {
      node.next = this.head;
      this.head = node;
      this.nextPs = atPs;
    } else {
      node.next = before.next;
      before.next = node;
    }
    if (node.next === null) this.tail = node;
    else node.next.prev = node;
    return node.generation * GENERATION_FACTOR + node.index;
  }

  cancel(handle: EventHandle): boolean {
    if (this.solo) {
      if (handle !== -1 - this.slotGeneration || this.slotHandler === null) return false;
      this.slotHandler = null;
      this.nextPs = Infinity;
      return true;
    }
    if (handle < 0) return false;
    const node = this.nodes[handle % GENERATION_FACTOR];
    if (node === undefined || node.handler === null) return false;
    if (node.generation !== Math.floor(handle / GENERATION_FACTOR)) return false;
    this.unlink(node);
    this.release(node);
    return true;
  }

  catchUp(nowPs: number): void {
    if (this.nextPs <= nowPs && !this.applying) this.apply(nowPs);
  }

  /** LazyClock: the run stops at `untilPs`; apply what is due by then and return the last event's time, or -1. */
  flushDeferredEnd(untilPs: number): number {
    return this.nextPs <= untilPs && this.nextPs !== Infinity ? this.apply(untilPs) : -1;
  }

  /** Apply events due at or before `untilPs` in (time, insertion) order; returns the last one's time. */
  private apply(untilPs: number): number {
    const sim = this.sim;
    this.applying = true;
    let lastPs = -1;
    if (this.solo) {
      while (this.slotHandler !== null && this.nextPs <= untilPs) {
        const atPs = this.nextPs;
        const handler = this.slotHandler;
        this.slotHandler = null;
        this.nextPs = Infinity;
        this.nowPs = atPs;
        lastPs = atPs;
        sim.countDeferredEvent();
        handler.handleEvent(this.slotArg, atPs);
      }
      this.applying = false;
      return lastPs;
    }
    let node = this.head;
    while (node !== null && node.timePs <= untilPs) {
      const atPs = node.timePs;
      const handler = node.handler!;
      const arg = node.arg;
      // unlink(node) and release(node) for the head, inline
      const next = node.next;
      this.head = next;
      if (next === null) {
        this.tail = null;
        this.nextPs = Infinity;
      } else {
        next.prev = null;
        this.nextPs = next.timePs;
      }
      node.handler = null;
      node.generation = (node.generation + 1) & GENERATION_MASK;
      node.next = this.free;
      this.free = node;
      this.nowPs = atPs;
      lastPs = atPs;
      sim.countDeferredEvent();
      handler.handleEvent(arg, atPs);
      node = this.head;
    }
    this.applying = false;
    return lastPs;
  }

  private unlink(node: PendingEvent): void {
    const prev = node.prev;
    const next = node.next;
    if (prev === null) {
      this.head = next;
      this.nextPs = next === null ? Infinity : next.timePs;
    } else prev.next = next;
    if (next === null) this.tail = prev;
    else next.prev = prev;
    node.prev = null;
    node.next = null;
  }

  private release(node: PendingEvent): void {
    node.handler = null;
    node.generation = (node.generation + 1) & GENERATION_MASK;
    node.next = this.free;
    this.free = node;
  }
}
