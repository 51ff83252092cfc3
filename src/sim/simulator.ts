import { EventQueue, type EventHandle, type EventHandler } from './eventQueue.js';

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
  emit(nowPs: number): void;
}

/**
 * The simulation clock and event loop. Time is an integer count of picoseconds held in a JS number
 * (exact to 2^53 ps ≈ 2.5 h). One Simulator per run; no globals, so runs can sit side by side.
 */
export class Simulator {
  private readonly queue = new EventQueue();
  private readonly sources: InlineSource[] = [];
  private now = 0;
  private events = 0;
  private emissions = 0;

  get nowPs(): number {
    return this.now;
  }

  /** Heap events run so far. */
  get eventCount(): number {
    return this.events;
  }

  /** Inline source emissions (arrivals) so far. */
  get emissionCount(): number {
    return this.emissions;
  }

  takeSeq(): number {
    return this.queue.takeSeq();
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

  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Run until nothing is left to do, or until simulated time would pass `untilPs`. */
  run(untilPs = Infinity): void {
    const queue = this.queue;
    const sources = this.sources;
    const sourceCount = sources.length;
    for (;;) {
      let source: InlineSource | null = null;
      let sourcePs = Infinity;
      let sourceSeq = Infinity;
      for (let i = 0; i < sourceCount; i++) {
        const candidate = sources[i]!;
        const t = candidate.nextPs;
        if (t < sourcePs || (t === sourcePs && t !== Infinity && candidate.nextSeq < sourceSeq)) {
          source = candidate;
          sourcePs = t;
          sourceSeq = candidate.nextSeq;
        }
      }
      if (source !== null) {
        // Emit this source's arrivals inline for as long as they come before the next heap event
        // (emitting may schedule an earlier event, so look at the heap again after each one).
        let eventPs = queue.peekTimePs();
        let emitted = false;
        while (
          sourcePs < eventPs ||
          (sourcePs === eventPs && sourcePs !== Infinity && source.nextSeq < queue.peekSeq())
        ) {
          if (sourcePs > untilPs) return;
          this.now = sourcePs;
          this.emissions++;
          source.emit(sourcePs);
          emitted = true;
          if (sourceCount > 1) break;
          sourcePs = source.nextPs;
          eventPs = queue.peekTimePs();
        }
        if (emitted) continue;
      }
      const eventPs = queue.peekTimePs();
      if (eventPs === Infinity || eventPs > untilPs) return;
      this.now = eventPs;
      this.events++;
      queue.popAndRun();
    }
  }
}
