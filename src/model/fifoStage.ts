import type { Recorder } from '../metrics/recorder.js';

/**
 * A FIFO server that needs no events: nothing downstream feeds back into it, so each job's
 * departure follows from the Lindley recursion D = max(A, D_prev) + S at the moment it is offered.
 * It tracks how many jobs are still queued or in service (departures after `now`) so a bounded
 * buffer in front of it can drop. Used for the wire and the PCIe DMA engine.
 */
export class FifoStage {
  // Initial numbers for fields set in the constructor: see the note in Poller.
  readonly resourceId: number = 0;
  /** The recorder's busy time per resource, and its window: busy time is charged inline. */
  private readonly busyByResourcePs: Float64Array;
  /** NaN until set: doubles from the start, as in Recorder. */
  private readonly windowStartPs: number = NaN;
  private readonly windowEndPs: number = NaN;
  private freePs = 0;
  /** Start of service of the last job offered. */
  lastStartPs = 0;
  private departures: Float64Array;
  private head = 0;
  private size = 0;
  private readonly tracking: boolean;

  /** `trackOccupancy`: remember departures so occupancy() can answer (a bounded buffer in front). */
  constructor(recorder: Recorder, resourceId: number, trackOccupancy: boolean, trackCapacity = 1024) {
    this.busyByResourcePs = recorder.busyByResourcePs;
    this.windowStartPs = recorder.windowStartPs;
    this.windowEndPs = recorder.windowEndPs;
    this.resourceId = resourceId;
    this.tracking = trackOccupancy;
    this.departures = new Float64Array(trackOccupancy ? Math.max(16, trackCapacity) : 0);
  }

  /** Jobs offered and not yet departed at `nowPs`. */
  occupancy(nowPs: number): number {
    if (!this.tracking) throw new Error(`FifoStage ${this.resourceId} does not track occupancy`);
    const departures = this.departures;
    const capacity = departures.length;
    while (this.size > 0 && departures[this.head]! <= nowPs) {
      this.head = this.head + 1 === capacity ? 0 : this.head + 1;
      this.size--;
    }
    return this.size;
  }

  /** Offer a job arriving at `arrivalPs` needing `servicePs`; returns its departure time. */
  serve(arrivalPs: number, servicePs: number): number {
    const start = arrivalPs > this.freePs ? arrivalPs : this.freePs;
    const departure = start + servicePs;
    this.freePs = departure;
    this.lastStartPs = start;
    // Busy time clipped to the recorder's window, inline: this is once per frame per stage.
    if (servicePs > 0) {
      const end = departure < this.windowEndPs ? departure : this.windowEndPs;
      const inWindowPs = end - (start > this.windowStartPs ? start : this.windowStartPs);
      if (inWindowPs > 0) this.busyByResourcePs[this.resourceId]! += inWindowPs;
    }
    if (!this.tracking) return departure;
    if (this.size === this.departures.length) this.growTracking();
    let tail = this.head + this.size;
    if (tail >= this.departures.length) tail -= this.departures.length;
    this.departures[tail] = departure;
    this.size++;
    return departure;
  }

  private growTracking(): void {
    const old = this.departures;
    const next = new Float64Array(old.length * 2);
    for (let i = 0; i < this.size; i++) next[i] = old[(this.head + i) % old.length]!;
    this.departures = next;
    this.head = 0;
  }
}
