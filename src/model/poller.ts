import type { Recorder } from '../metrics/recorder.js';
import type { EventHandle, EventHandler } from '../sim/eventQueue.js';
import type { Simulator } from '../sim/simulator.js';
import { COMPONENT_COUNT } from '../metrics/recorder.js';
import type { Charge, CostItem } from './costItem.js';
import type { CpuCore, CoreJob } from './cpuCore.js';
import type { PacketPool } from './packetPool.js';
import { PacketRing } from './packetRing.js';
import type { PacketSink } from './packetSink.js';

/** Interrupt moderation of one vector. */
export interface Moderation {
  /** Minimum gap between two interrupts (ITR), ps; 0 = none. */
  readonly minGapPs: number;
  /** Fire as soon as this many frames are pending, ignoring the gap and delay; 0 = off. */
  readonly coalesceFrames: number;
  /** Coalescing timer: fire no earlier than this long after the first pending frame; 0 = none. */
  readonly delayPs: number;
}

export interface PollerSpec {
  readonly name: string;
  readonly core: CpuCore;
  readonly ringCapacity: number;
  /** Index into DROP_LOCATIONS: where a frame is counted when this ring is full. */
  readonly dropLocation: number;
  readonly moderation: Moderation;
  /** Frames one poll may take (NAPI budget, vhost batch). */
  readonly budget: number;
  /** Charged on this poller's core on the first poll after an interrupt. */
  readonly perInterrupt: Charge;
  /** Charged on every poll. */
  readonly perPoll: Charge;
  /** Charged per frame taken. */
  readonly perPacket: readonly CostItem[];
  /** Charged on the producer's core when it hands frames to this poller while it is idle. */
  readonly signal: Charge;
  /** Where frames go after this stage: one sink, or one per VM (indexed by the frame's VM). */
  readonly output: PacketSink | readonly PacketSink[];
}

const IDLE = 0;
const IRQ_PENDING = 1;
const QUEUED = 2;

/**
 * A NAPI-style consumer of one descriptor ring on one core: an interrupt (moderated) schedules a
 * poll; a poll takes up to `budget` ready frames, charges their costs, and hands them on when it
 * ends; a full budget re-queues the poll behind other work on the core (interrupts stay off), a
 * short one re-arms the interrupt. Software switches, vhost/netback backends, device models,
 * VMQ/VMDq queue handlers, guest drivers and the native stack are all pollers with different
 * rings, cores and costs; the modes wire them together.
 */
export class Poller implements PacketSink, EventHandler, CoreJob {
  batchMark = 0;
  readonly passive = false;
  readonly name: string;
  readonly signal: Charge;
  readonly ring: PacketRing;
  /** Set by beginJob: this poll's end hands nothing on and leaves the poller idle (CpuCore, "quiet ends"). */
  quietEnd = false;
  private readonly sim: Simulator;
  private readonly pool: PacketPool;
  private readonly recorder: Recorder;
  private readonly core: CpuCore;
  private readonly dropLocation: number;
  private readonly minGapPs: number;
  private readonly coalesceFrames: number;
  private readonly delayPs: number;
  private readonly budget: number;
  private readonly perInterrupt: Charge;
  private readonly perPoll: Charge;
  private readonly perPacket: readonly CostItem[];
  private readonly packetFixedPs: number;
  private readonly packetPerBytePs: number;
  private readonly sinks: readonly PacketSink[];
  private readonly routeByVm: boolean;
  /**
   * Every sink only records (final delivery): frames are handed over as soon as the poll takes
   * them — the sink's bookkeeping does not depend on when — and the poll's end has nothing to do.
   */
  private readonly passiveOutput: boolean;
  private state = IDLE;
  private lastInterruptPs = -Infinity;
  private interruptHandle: EventHandle = -1;
  private interruptAtPs = 0;
  private interruptPending = false;
  /** True between the end of a poll's frames and the end of the signals it sends. */
  private signalling = false;
  private resourceId = 0;
  private lastReadyPs = 0;
  private batchSize = 0;
  /** The last poll took a full budget (NAPI: poll again). */
  private lastBatchFull = false;
  private batchIds: Int32Array;
  private batchDonePs: Float64Array;
  /** Distinct sinks of the current batch (a reused array: `touchedCount` entries are live). */
  private readonly touched: PacketSink[] = [];
  private touchedCount = 0;
  private readonly jobComponentPs = new Float64Array(COMPONENT_COUNT);
  /** The components this poller can charge (its own costs and its sinks' signals). */
  private readonly componentsUsed: Int32Array;
  private static nextMark = 1;

  constructor(sim: Simulator, pool: PacketPool, recorder: Recorder, spec: PollerSpec) {
    this.sim = sim;
    this.pool = pool;
    this.recorder = recorder;
    this.name = spec.name;
    this.core = spec.core;
    this.ring = new PacketRing(spec.ringCapacity);
    this.dropLocation = spec.dropLocation;
    this.minGapPs = spec.moderation.minGapPs;
    this.coalesceFrames = spec.moderation.coalesceFrames;
    this.delayPs = spec.moderation.delayPs;
    this.budget = spec.budget;
    this.perInterrupt = spec.perInterrupt;
    this.perPoll = spec.perPoll;
    this.perPacket = spec.perPacket;
    this.signal = spec.signal;
    let fixed = 0;
    let perByte = 0;
    for (const item of spec.perPacket) {
      fixed += item.fixedPs;
      perByte += item.perBytePs;
    }
    this.packetFixedPs = fixed;
    this.packetPerBytePs = perByte;
    this.routeByVm = Array.isArray(spec.output);
    this.sinks = Array.isArray(spec.output) ? (spec.output as readonly PacketSink[]) : [spec.output as PacketSink];
    this.passiveOutput = this.sinks.every((sink) => sink.passive === true);
    const used = new Set<number>();
    const charges = [spec.perInterrupt, spec.perPoll, ...this.sinks.map((sink) => sink.signal)];
    for (const charge of charges) for (const item of charge.items) used.add(item.component);
    for (const item of spec.perPacket) used.add(item.component);
    this.componentsUsed = Int32Array.from([...used].sort((a, b) => a - b));
    const capacity = Math.min(spec.budget, spec.ringCapacity);
    this.batchIds = new Int32Array(capacity);
    this.batchDonePs = new Float64Array(capacity);
  }

  // ---- PacketSink -------------------------------------------------------------------------------

  accept(id: number, readyPs: number, nowPs: number): void {
    const core = this.core;
    // A frame for a poll whose end is deferred changes what that end does: settle it first.
    if (core.deferredJob === this) core.settle(nowPs);
    const ring = this.ring;
    if (ring.count === ring.capacity) {
      if (this.pool.cohort[id] === 1) this.recorder.drop(this.dropLocation, this.pool.vm[id]!);
      this.pool.release(id);
      return;
    }
    // Descriptors complete in order: a frame is never visible before the one ahead of it.
    const ready = readyPs > this.lastReadyPs ? readyPs : this.lastReadyPs;
    this.lastReadyPs = ready;
    this.pool.readyPs[id] = ready;
    ring.push(id);
    if (this.state === IRQ_PENDING && this.coalesceFrames > 0 && ring.count >= this.coalesceFrames) {
      const fireAt = ready > nowPs ? ready : nowPs;
      if (fireAt < this.interruptAtPs) {
        this.sim.cancel(this.interruptHandle);
        this.interruptAtPs = fireAt;
        this.interruptHandle = this.sim.schedule(fireAt, this);
      }
    }
  }

  needsSignal(nowPs: number): boolean {
    const core = this.core;
    if (core.deferredJob === this) core.catchUp(nowPs);
    return this.state === IDLE;
  }

  wake(nowPs: number): void {
    if (this.state === IDLE && this.ring.count > 0) this.arm(nowPs);
  }

  // ---- interrupt --------------------------------------------------------------------------------

  private arm(nowPs: number): void {
    const ring = this.ring;
    const firstReady = this.pool.readyPs[ring.peek()]! + this.delayPs;
    let fireAt = firstReady > nowPs ? firstReady : nowPs;
    const gapEnd = this.lastInterruptPs + this.minGapPs;
    if (gapEnd > fireAt) fireAt = gapEnd;
    if (this.coalesceFrames > 0 && ring.count >= this.coalesceFrames) {
      const nth = this.pool.readyPs[ring.at(this.coalesceFrames - 1)]!;
      const countAt = nth > nowPs ? nth : nowPs;
      if (countAt < fireAt) fireAt = countAt;
    }
    if (fireAt <= nowPs) {
      // Due now: skip the timer event and go straight to the core (same order, one event fewer).
      this.handleEvent(0, nowPs);
      return;
    }
    this.state = IRQ_PENDING;
    this.interruptAtPs = fireAt;
    this.interruptHandle = this.sim.schedule(fireAt, this);
  }

  handleEvent(_arg: number, nowPs: number): void {
    this.state = QUEUED;
    this.lastInterruptPs = nowPs;
    this.interruptPending = true;
    this.core.enqueue(this, nowPs);
  }

  // ---- CoreJob ----------------------------------------------------------------------------------

  beginJob(nowPs: number, resourceId: number): number {
    const jobPs = this.jobComponentPs;
    const used = this.componentsUsed;
    for (let i = 0; i < used.length; i++) jobPs[used[i]!] = 0;
    let totalPs = 0;
    if (this.interruptPending) {
      this.interruptPending = false;
      totalPs += this.applyCharge(this.perInterrupt, nowPs);
    }
    totalPs += this.applyCharge(this.perPoll, nowPs);

    const pool = this.pool;
    const ring = this.ring;
    const readyPs = pool.readyPs;
    const bytesOf = pool.bytes;
    const budget = this.budget;
    const fixedPs = this.packetFixedPs;
    const perBytePs = this.packetPerBytePs;
    const sinks = this.sinks;
    const routeByVm = this.routeByVm;
    let n = 0;
    let bytesTaken = 0;
    let t = nowPs + totalPs;
    if (this.passiveOutput) {
      // Final delivery: hand each frame over now, with the time its processing completes.
      const vmOf = pool.vm;
      while (n < budget && ring.count > 0) {
        const id = ring.peek();
        if (readyPs[id]! > nowPs) break;
        ring.shift();
        const bytes = bytesOf[id]!;
        t += fixedPs + perBytePs * bytes;
        bytesTaken += bytes;
        n++;
        const sink = routeByVm ? sinks[vmOf[id]!]! : sinks[0]!;
        sink.accept(id, Math.round(t), nowPs);
      }
      this.batchSize = 0;
      this.quietEnd = n < budget && ring.count === 0;
    } else {
      const vmOf = pool.vm;
      const batchIds = this.batchIds;
      const batchDonePs = this.batchDonePs;
      const touched = this.touched;
      const mark = Poller.nextMark++;
      while (n < budget && ring.count > 0) {
        const id = ring.peek();
        if (readyPs[id]! > nowPs) break;
        ring.shift();
        const bytes = bytesOf[id]!;
        t += fixedPs + perBytePs * bytes;
        bytesTaken += bytes;
        batchIds[n] = id;
        batchDonePs[n] = Math.round(t);
        n++;
        const sink = routeByVm ? sinks[vmOf[id]!]! : sinks[0]!;
        if (sink.batchMark !== mark) {
          sink.batchMark = mark;
          touched[this.touchedCount++] = sink;
        }
      }
      this.batchSize = n;
      this.quietEnd = false;
    }
    this.lastBatchFull = n === budget;
    const perPacket = this.perPacket;
    for (let i = 0; i < perPacket.length; i++) {
      const item = perPacket[i]!;
      jobPs[item.component]! += n * item.fixedPs + bytesTaken * item.perBytePs;
    }
    totalPs = t - nowPs;
    this.resourceId = resourceId;
    const durationPs = Math.round(totalPs);
    this.recorder.busyJob(resourceId, nowPs, totalPs, jobPs, used);
    return durationPs;
  }

  endJob(nowPs: number): number {
    if (this.signalling) {
      // The signals are sent: the consumers see their frames now.
      this.signalling = false;
      this.wakeTouched(nowPs);
      this.afterPoll(nowPs);
      return 0;
    }
    const n = this.batchSize;
    if (n === 0 && this.touchedCount === 0) {
      // Nothing to hand over (final delivery happened at the start of the poll, or an empty poll).
      this.afterPoll(nowPs);
      return 0;
    }
    const pool = this.pool;
    const sinks = this.sinks;
    const routeByVm = this.routeByVm;
    const batchIds = this.batchIds;
    const batchDonePs = this.batchDonePs;
    for (let i = 0; i < n; i++) {
      const id = batchIds[i]!;
      const sink = routeByVm ? sinks[pool.vm[id]!]! : sinks[0]!;
      sink.accept(id, batchDonePs[i]!, nowPs);
    }
    this.batchSize = 0;
    // A consumer that is idle at hand-over must be signalled (an injection, a wake-up); that is
    // more work for this core before the consumer can start.
    const jobPs = this.jobComponentPs;
    const used = this.componentsUsed;
    for (let i = 0; i < used.length; i++) jobPs[used[i]!] = 0;
    let signalPs = 0;
    const touched = this.touched;
    for (let i = 0; i < this.touchedCount; i++) {
      const sink = touched[i]!;
      if (sink.needsSignal(nowPs)) signalPs += this.applyCharge(sink.signal, nowPs);
    }
    const signalDurationPs = Math.round(signalPs);
    if (signalDurationPs > 0) {
      this.recorder.busyJob(this.resourceId, nowPs, signalPs, jobPs, used);
      this.signalling = true;
      return signalDurationPs;
    }
    this.wakeTouched(nowPs);
    this.afterPoll(nowPs);
    return 0;
  }

  private wakeTouched(nowPs: number): void {
    const touched = this.touched;
    const touchedCount = this.touchedCount;
    this.touchedCount = 0;
    for (let i = 0; i < touchedCount; i++) touched[i]!.wake(nowPs);
  }

  /** NAPI: a full budget (or frames already waiting) polls again behind other work; else re-arm. */
  private afterPoll(nowPs: number): void {
    const ring = this.ring;
    if (this.lastBatchFull || (ring.count > 0 && this.pool.readyPs[ring.peek()]! <= nowPs)) {
      this.state = QUEUED;
      this.core.enqueue(this, nowPs);
    } else {
      this.state = IDLE;
      if (ring.count > 0) this.arm(nowPs);
    }
  }

  private applyCharge(charge: Charge, nowPs: number): number {
    let ps = 0;
    const items = charge.items;
    const jobPs = this.jobComponentPs;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      jobPs[item.component]! += item.fixedPs;
      ps += item.fixedPs;
    }
    if (charge.exits > 0) this.recorder.countExits(charge.exits, nowPs);
    if (charge.interrupts > 0) this.recorder.countInterrupts(charge.interrupts, nowPs);
    return ps;
  }
}
