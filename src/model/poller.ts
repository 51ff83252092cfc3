import type { Recorder } from '../metrics/recorder.js';
import type { Clock } from '../sim/clock.js';
import type { EventHandle, EventHandler } from '../sim/eventQueue.js';
import { LocalClock } from '../sim/localClock.js';
import type { Simulator } from '../sim/simulator.js';
import { NO_CHARGE, type Charge, type CostItem } from './costItem.js';
import { kindOf, type PollerKind } from './pollerKind.js';
import type { CpuCore, CoreJob } from './cpuCore.js';
import * as layout from './frameLayout.js';
import { PacketRing } from './packetRing.js';
import * as ringModule from './packetRing.js';
import type { PacketSink } from './packetSink.js';
import type { RingArena } from './ringArena.js';

// Module-private copies of the layout (see frameLayout.ts: V8 folds these, not imported names).
const {
  FRAME_BYTES_MASK,
  FRAME_FIELDS,
  FRAME_GEN_PS,
  FRAME_META,
  FRAME_TIME_PS,
  FRAME_VM_SHIFT,
  NARROW_SLOT_WORDS,
  PAGE_MASK,
  PAGE_SHIFT,
  RING_META,
} = layout;
const { ringGenPs } = ringModule;

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
 *
 * Its interrupt timers go on its core's clock. When that is a lazy clock group (LocalClock), the
 * entry points producers call — accept, needsSignal, wake — first catch the group up to the
 * caller's time, so the poller is seen as the heap would have left it.
 */
export class Poller implements PacketSink, EventHandler, CoreJob {
  // Fields are laid out in the order the hot paths touch them (V8 keeps declaration order): a frame
  // dropped at a full ring reads the first five fields only, one handed over (accept, wake) the
  // first dozen — a line or two of the object (V8 aligns objects to 8 bytes only), which matters
  // once hundreds of VMs' pollers take turns.
  // Numeric fields set in the constructor still get an initial number here. Class fields are
  // defined before the constructor runs, so a field declared bare starts as `undefined`, and V8
  // then keeps it in a form where the simulation's picosecond doubles get boxed: the model's hot
  // classes allocated twice as much and ran 7-18% slower that way (see README, "Simulator speed").
  /**
   * Its core's clock, and the same clock when that is a lazy group to catch up at every entry
   * (useClock), else null. The entry points read the group's next event time themselves and catch
   * it up only when one is due: V8 leaves that call out of line in the long inlined chains that
   * reach them (VMQ at 1518 B made 4.7 calls a frame, 1.7 of them with something to apply), and
   * they pass it the time in a field (LocalClock.catchUpPs), not as an argument, which V8 boxes.
   */
  private clock: Clock;
  private lazyClock: LocalClock | null = null;
  readonly ring: PacketRing;
  private readonly recorder: Recorder;
  /** Its read-only figures, shared with every poller built from the same ones. */
  private readonly kind: PollerKind;
  private state = IDLE;
  private readonly core: CpuCore;
  private lastReadyPs = 0;
  /**
   * The time arm() arms the interrupt at, set by its caller just before: arm() is left out of line
   * in the long inlined chains that reach it, and a double passed to such a call is a newly
   * allocated heap number, where one stored into a number field is not (see CoreJob in
   * cpuCore.ts): SR-IOV at 1518 B allocated 18 bytes a frame with it as an argument, 4 without.
   */
  private armAtPs = 0;
  private interruptAtPs = 0;
  private interruptHandle: EventHandle = -1;
  private lastInterruptPs = -Infinity;
  private interruptPending = false;
  batchMark = 0;
  readonly signal: Charge;
  /**
   * Only one producer hands it frames and it has its core to itself: once that producer has
   * handed it frames and signalled it, nothing can change it before the producer's signal ends,
   * so the producer may wake it for that time right away (see wakeAhead()).
   */
  follower = false;
  readonly passive = false;
  /** Set by beginJob: this poll's end hands nothing on and leaves the poller idle (CpuCore, "quiet ends"). */
  quietEnd = false;
  /** True between the end of a poll's frames and the end of the signals it sends. */
  private signalling = false;
  private resourceId = 0;
  private readonly sinks: readonly PacketSink[];
  private readonly routeByVm: boolean;
  /**
   * Every sink only records (final delivery): frames are handed over as soon as the poll takes
   * them — the sink's bookkeeping does not depend on when — and the poll's end has nothing to do.
   */
  private readonly passiveOutput: boolean;
  /** Distinct sinks of the current batch: the first `touchedCount` of its core's `touched`. */
  private touchedCount = 0;
  private batchSize = 0;
  /** The last poll took a full budget (NAPI: poll again). */
  private lastBatchFull = false;
  /**
   * Followers of the current batch, to wake for the end of the signals as soon as those are timed:
   * the first `followerCount` of its core's `followers`.
   */
  private followerCount = 0;
  readonly name: string;
  private readonly sim: Simulator;
  /** Who hands it frames: pollers, or null for a source outside the cores (the NIC, the traffic source). */
  private producerList: (Poller | null)[] = [];
  private static nextMark = 1;

  /** `arena`: where its ring keeps its frames (one per simulated host); none, arrays of the ring's own. */
  constructor(sim: Simulator, recorder: Recorder, spec: PollerSpec, arena?: RingArena) {
    this.sim = sim;
    this.clock = sim;
    this.recorder = recorder;
    this.name = spec.name;
    this.core = spec.core;
    this.ring = new PacketRing(spec.ringCapacity, arena);
    this.signal = spec.signal;
    this.routeByVm = Array.isArray(spec.output);
    this.sinks = Array.isArray(spec.output)
      ? (spec.output as readonly PacketSink[])
      : [spec.output as PacketSink];
    this.passiveOutput = allPassive(this.sinks);
    const moderation = spec.moderation;
    this.kind = kindOf({
      dropLocation: spec.dropLocation,
      minGapPs: moderation.minGapPs,
      coalesceFrames: moderation.coalesceFrames,
      delayPs: moderation.delayPs,
      budget: spec.budget,
      perInterrupt: spec.perInterrupt,
      perPoll: spec.perPoll,
      perPacket: spec.perPacket,
      signalComponents: signalComponentsOf(this.sinks),
    });
    // A poll hands frames to final delivery as it takes them; other pollers keep them in the core's batch.
    if (!this.passiveOutput) {
      this.core.reserveBatch(Math.min(spec.budget, spec.ringCapacity) * FRAME_FIELDS);
    }
    this.core.attach(this);
    // Each sink once (a switch's sinks repeat); most pollers have one, and no set to build for it.
    if (this.sinks.length === 1) this.sinks[0]!.addProducer?.(this);
    else for (const sink of new Set(this.sinks)) sink.addProducer?.(this);
  }

  /** PacketSink: `producer` will hand this poller frames (null: the NIC or a traffic source). */
  addProducer(producer: PacketSink | null): void {
    this.producerList.push(producer instanceof Poller ? producer : null);
  }

  /**
   * Frames it holds (in its ring, or taken by a poll and not handed on yet) that were generated in
   * [startPs, endPs): the measured cohort still in flight here when the run stops.
   */
  framesGeneratedIn(startPs: number, endPs: number): number {
    let count = this.ring.countGenerated(startPs, endPs);
    for (let i = 0; i < this.batchSize; i++) {
      const genPs = this.core.batch[i * FRAME_FIELDS + FRAME_GEN_PS]!;
      if (genPs >= startPs && genPs < endPs) count++;
    }
    return count;
  }

  /** Who hands it frames (null: the NIC or a traffic source), for assignClocks. */
  get producers(): readonly (Poller | null)[] {
    return this.producerList;
  }

  /** Its interrupt fires early once enough frames are pending (frame-count coalescing), for assignClocks. */
  get firesOnFrameCount(): boolean {
    return this.kind.coalesceFrames > 0;
  }

  /** Where its frames go, for assignClocks. */
  get outputs(): readonly PacketSink[] {
    return this.sinks;
  }

  get coreOf(): CpuCore {
    return this.core;
  }

  /**
   * Run on `clock` (its core's: assignClocks, once the host is wired and before the run starts),
   * and decide whether it is a follower (only then are all its producers known).
   */
  useClock(clock: Clock): void {
    this.clock = clock;
    this.lazyClock = clock instanceof LocalClock ? clock : null;
    // Wired: the list at its length (pushed one by one, V8 had left room for 17), ~130 bytes less a
    // poller, 2.1 MB at 4096 VMs with a queue each.
    this.producerList = this.producerList.slice();
    this.follower =
      this.sim.shortcuts &&
      this.core.jobs.length === 1 &&
      this.producerList.length === 1 &&
      this.producerList[0] !== null;
  }

  // ---- PacketSink -------------------------------------------------------------------------------

  accept(genPs: number, bytes: number, vm: number, readyPs: number, nowPs: number): boolean {
    const lazyClock = this.lazyClock;
    if (lazyClock !== null) {
      if (lazyClock.nextPs <= nowPs) {
        lazyClock.catchUpPs = nowPs;
        lazyClock.catchUpToMark();
      }
    } else {
      // A frame for a poll whose end is deferred changes what that end does: settle it first.
      const core = this.core;
      if (core.deferredJob === this) core.settle(nowPs);
    }
    const ring = this.ring;
    if (ring.size === ring.capacity) {
      this.recorder.drop(this.kind.dropLocation, vm, genPs);
      return false;
    }
    // Descriptors complete in order: a frame is never visible before the one ahead of it.
    const ready = readyPs > this.lastReadyPs ? readyPs : this.lastReadyPs;
    this.lastReadyPs = ready;
    ring.push(genPs, bytes, vm, ready);
    const coalesceFrames = this.kind.coalesceFrames;
    if (this.state === IRQ_PENDING && coalesceFrames > 0 && ring.size >= coalesceFrames) {
      const fireAt = ready > nowPs ? ready : nowPs;
      if (fireAt < this.interruptAtPs) {
        this.interruptAtPs = fireAt;
        this.clock.cancel(this.interruptHandle);
        this.interruptHandle = this.clock.schedule(fireAt, this);
      }
    }
    return true;
  }

  needsSignal(nowPs: number): boolean {
    const lazyClock = this.lazyClock;
    if (lazyClock !== null) {
      if (lazyClock.nextPs <= nowPs) {
        lazyClock.catchUpPs = nowPs;
        lazyClock.catchUpToMark();
      }
    } else {
      const core = this.core;
      if (core.deferredJob === this) core.catchUp(nowPs);
    }
    return this.state === IDLE;
  }

  wake(nowPs: number): void {
    const lazyClock = this.lazyClock;
    if (lazyClock !== null && lazyClock.nextPs <= nowPs) {
      lazyClock.catchUpPs = nowPs;
      lazyClock.catchUpToMark();
    }
    if (this.state === IDLE && this.ring.size > 0) {
      this.armAtPs = nowPs;
      this.arm();
    }
  }

  // ---- interrupt --------------------------------------------------------------------------------

  /** Arm the interrupt at armAtPs (see there), or take it now if it is due. */
  private arm(): void {
    const nowPs = this.armAtPs;
    const ring = this.ring;
    const kind = this.kind;
    const firstReady = ring.readyAt(0) + kind.delayPs;
    let fireAt = firstReady > nowPs ? firstReady : nowPs;
    const gapEnd = this.lastInterruptPs + kind.minGapPs;
    if (gapEnd > fireAt) fireAt = gapEnd;
    const coalesceFrames = kind.coalesceFrames;
    if (coalesceFrames > 0 && ring.size >= coalesceFrames) {
      const nth = ring.readyAt(coalesceFrames - 1);
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
    this.interruptHandle = this.clock.schedule(fireAt, this);
  }

  handleEvent(_arg: number, nowPs: number): void {
    this.state = QUEUED;
    this.lastInterruptPs = nowPs;
    this.interruptPending = true;
    const core = this.core;
    core.jobAtPs = nowPs;
    core.enqueue(this);
  }

  // ---- CoreJob ----------------------------------------------------------------------------------

  beginJob(core: CpuCore): void {
    const nowPs = core.jobAtPs;
    const resourceId = core.resourceId;
    const kind = this.kind;
    const afterInterrupt = this.interruptPending;
    let totalPs: number;
    let exits: number;
    let interrupts: number;
    if (afterInterrupt) {
      this.interruptPending = false;
      totalPs = kind.interruptStartPs;
      exits = kind.interruptStartExits;
      interrupts = kind.interruptStartInterrupts;
    } else {
      totalPs = kind.pollStartPs;
      exits = kind.pollStartExits;
      interrupts = kind.pollStartInterrupts;
    }
    if (exits > 0) this.recorder.countExits(exits, nowPs);
    if (interrupts > 0) this.recorder.countInterrupts(interrupts, nowPs);

    const ring = this.ring;
    const words = ring.words;
    const tableAt = ring.tableAt;
    let head = ring.head;
    let size = ring.size;
    // Where the page of the frame at `head` starts (0 when the ring holds none: nothing is read then).
    let pageAt = words[tableAt + (head >> PAGE_SHIFT)]!;
    // A narrow ring's frames all have its size and VM (see PacketRing): no word of theirs to read.
    const slotWords = ring.slotWords;
    const narrow = slotWords === NARROW_SLOT_WORDS;
    const fixedMeta = ring.fixedMeta;
    const budget = kind.budget;
    const fixedPs = kind.packetFixedPs;
    const perBytePs = kind.packetPerBytePs;
    const sinks = this.sinks;
    const routeByVm = this.routeByVm;
    let n = 0;
    let bytesTaken = 0;
    let t = nowPs + totalPs;
    // The frames it takes: up to a budget of those visible now. They become visible in ring order
    // (accept), so those are a prefix: the last of a budget visible means all are (the usual case),
    // else a search finds where they end. One ring time read a poll, not one a frame.
    let take = size < budget ? size : budget;
    if (take > 0 && ring.readyAt(take - 1) > nowPs) take = ring.readyBefore(nowPs, take - 1);
    // Two copies of the frame loop, one per kind of output, so neither pays a per-frame branch:
    // this is the simulator's hottest loop.
    if (this.passiveOutput) {
      // Final delivery: hand each frame over now, with the time its processing completes.
      for (; n < take; n++) {
        const base = pageAt + (head & PAGE_MASK) * slotWords;
        const genPs = ringGenPs(words, base);
        const meta = narrow ? fixedMeta : words[base + RING_META]!;
        const bytes = meta & FRAME_BYTES_MASK;
        const vm = meta >> FRAME_VM_SHIFT;
        size--;
        head++;
        if ((head & PAGE_MASK) === 0) {
          // The page's last frame: the page goes back to the arena.
          head = ring.leavePage(head);
          pageAt = words[tableAt + (head >> PAGE_SHIFT)]!;
        }
        t += fixedPs + perBytePs * bytes;
        bytesTaken += bytes;
        const sink = routeByVm ? sinks[vm]! : sinks[0]!;
        sink.accept(genPs, bytes, vm, Math.round(t), nowPs);
      }
      this.batchSize = 0;
      this.quietEnd = n < budget && size === 0;
    } else {
      const need = take * FRAME_FIELDS;
      const batch = this.core.batch.length >= need ? this.core.batch : this.core.growBatch(need);
      const touched = this.core.touched;
      const mark = Poller.nextMark++;
      for (; n < take; n++) {
        const base = pageAt + (head & PAGE_MASK) * slotWords;
        const genPs = ringGenPs(words, base);
        const meta = narrow ? fixedMeta : words[base + RING_META]!;
        const bytes = meta & FRAME_BYTES_MASK;
        const vm = meta >> FRAME_VM_SHIFT;
        size--;
        head++;
        if ((head & PAGE_MASK) === 0) {
          // The page's last frame: the page goes back to the arena.
          head = ring.leavePage(head);
          pageAt = words[tableAt + (head >> PAGE_SHIFT)]!;
        }
        t += fixedPs + perBytePs * bytes;
        bytesTaken += bytes;
        const to = n * FRAME_FIELDS;
        batch[to + FRAME_GEN_PS] = genPs;
        batch[to + FRAME_TIME_PS] = Math.round(t);
        batch[to + FRAME_META] = meta;
        const sink = routeByVm ? sinks[vm]! : sinks[0]!;
        if (sink.batchMark !== mark) {
          sink.batchMark = mark;
          touched[this.touchedCount++] = sink;
        }
      }
      this.batchSize = n;
      this.quietEnd = false;
    }
    // An emptied ring starts again at position 0 (see PacketRing.consumed): a ring that drains every
    // poll (a VM among hundreds, a frame or two per poll) keeps writing the same cache line instead
    // of walking its slots, each one last touched many thousands of frames ago.
    ring.consumed(head, size);
    this.lastBatchFull = n === budget;
    totalPs = t - nowPs;
    this.resourceId = resourceId;
    const durationPs = Math.round(totalPs);
    this.recorder.busyFromPlan(
      resourceId,
      nowPs,
      durationPs,
      totalPs,
      kind.pollPlan,
      afterInterrupt,
      n,
      bytesTaken,
    );
    core.jobPs = durationPs;
  }

  endJob(core: CpuCore): void {
    const nowPs = core.jobAtPs;
    if (this.signalling) {
      // The signals are sent: the consumers see their frames now.
      this.signalling = false;
      this.wakeTouched(nowPs);
      this.afterPoll(nowPs);
      core.jobPs = 0;
      return;
    }
    const n = this.batchSize;
    if (n === 0 && this.touchedCount === 0) {
      // Nothing to hand over (final delivery happened at the start of the poll, or an empty poll).
      this.afterPoll(nowPs);
      core.jobPs = 0;
      return;
    }
    const sinks = this.sinks;
    const routeByVm = this.routeByVm;
    const batch = this.core.batch;
    for (let i = 0; i < n; i++) {
      const base = i * FRAME_FIELDS;
      const meta = batch[base + FRAME_META]!;
      const vm = meta >> FRAME_VM_SHIFT;
      const sink = routeByVm ? sinks[vm]! : sinks[0]!;
      sink.accept(
        batch[base + FRAME_GEN_PS]!,
        meta & FRAME_BYTES_MASK,
        vm,
        batch[base + FRAME_TIME_PS]!,
        nowPs,
      );
    }
    this.batchSize = 0;
    // A consumer that is idle at hand-over must be signalled (an injection, a wake-up); that is
    // more work for this core before the consumer can start. One signal (the usual case: a poll's
    // frames mostly go to one consumer) is charged from its own plan; more are added up per
    // component in the core's signalComponentPs — the core's, not one shared by all cores: asking
    // a consumer whether it needs a signal can catch its clock group up, which runs other cores'
    // polls in the middle of filling this.
    let signalPs = 0;
    let signals = 0;
    let firstSignal = NO_CHARGE;
    const touched = this.core.touched;
    for (let i = 0; i < this.touchedCount; i++) {
      const sink = touched[i]!;
      if (!sink.needsSignal(nowPs)) continue;
      const charge = sink.signal;
      if (signals === 0) firstSignal = charge;
      else {
        if (signals === 1) this.startSignalSums(firstSignal);
        this.addSignalSums(charge);
      }
      signals++;
      signalPs += charge.fixedPs;
      if (charge.exits > 0) this.recorder.countExits(charge.exits, nowPs);
      if (charge.interrupts > 0) this.recorder.countInterrupts(charge.interrupts, nowPs);
    }
    const signalDurationPs = Math.round(signalPs);
    if (signalDurationPs > 0) {
      if (signals === 1) {
        this.recorder.busyFromPlan(
          this.resourceId,
          nowPs,
          signalDurationPs,
          signalPs,
          firstSignal.plan,
          true,
          0,
          0,
        );
      } else {
        const used = this.kind.signalComponents;
        this.recorder.busyJob(
          this.resourceId,
          nowPs,
          signalDurationPs,
          signalPs,
          this.core.signalComponentPs,
          used,
        );
      }
      this.signalling = true;
      // Followers are woken for the end of the signals by wakeAhead(); the rest when they end.
      let kept = 0;
      let followers = 0;
      for (let i = 0; i < this.touchedCount; i++) {
        const sink = touched[i]!;
        if (sink.follower === true) this.core.followers[followers++] = sink;
        else touched[kept++] = sink;
      }
      this.touchedCount = kept;
      this.followerCount = followers;
      // Then the end of the signals only re-polls or re-arms this poller: quiet when that is nothing.
      this.quietEnd = kept === 0 && !this.lastBatchFull && this.ring.size === 0;
      core.jobPs = signalDurationPs;
      return;
    }
    this.wakeTouched(nowPs);
    this.afterPoll(nowPs);
    core.jobPs = 0;
  }

  /**
   * CoreJob: the signals end at `wakePs`, the core's jobAtPs (it has just scheduled or deferred
   * that end). Wake the followers for that time now: each is idle with the frames it was just
   * handed, or busy (the wake then does nothing, at either time), and nothing else can reach it
   * before `wakePs`.
   */
  wakeAhead(core: CpuCore): void {
    const wakePs = core.jobAtPs;
    const followers = core.followers;
    const count = this.followerCount;
    this.followerCount = 0;
    for (let i = 0; i < count; i++) followers[i]!.wake(wakePs);
  }

  private wakeTouched(nowPs: number): void {
    const touched = this.core.touched;
    const touchedCount = this.touchedCount;
    this.touchedCount = 0;
    for (let i = 0; i < touchedCount; i++) touched[i]!.wake(nowPs);
  }

  /** NAPI: a full budget (or frames already waiting) polls again behind other work; else re-arm. */
  private afterPoll(nowPs: number): void {
    const ring = this.ring;
    if (this.lastBatchFull || (ring.size > 0 && ring.readyAt(0) <= nowPs)) {
      this.state = QUEUED;
      const core = this.core;
      core.jobAtPs = nowPs;
      core.enqueue(this);
    } else {
      this.state = IDLE;
      if (ring.size > 0) {
        this.armAtPs = nowPs;
        this.arm();
      }
    }
  }

  /** The signals' sums per component, from the first of several: its items added in order from 0. */
  private startSignalSums(charge: Charge): void {
    const jobPs = this.core.signalComponentPs;
    const used = this.kind.signalComponents;
    for (let i = 0; i < used.length; i++) jobPs[used[i]!] = 0;
    this.addSignalSums(charge);
  }

  private addSignalSums(charge: Charge): void {
    const components = charge.componentByItem;
    const fixedPs = charge.fixedPsByItem;
    const jobPs = this.core.signalComponentPs;
    for (let i = 0; i < components.length; i++) jobPs[components[i]!]! += fixedPs[i]!;
  }
}

/**
 * The components the sinks' signals charge, sorted, each once (part of a poller kind's key). One
 * sink (most pollers: a VM's path is a chain) reads its charge's own, worked out when it was made.
 */
function signalComponentsOf(sinks: readonly PacketSink[]): readonly number[] {
  // One sink, or many with the same signal (a switch's guests all have their driver's): its own.
  const first = sinks[0]!.signal;
  let same = true;
  for (let i = 1; i < sinks.length && same; i++) same = sinks[i]!.signal === first;
  if (same) return first.components;
  const components = new Set<number>();
  for (const sink of sinks) for (const component of sink.signal.components) components.add(component);
  return [...components].sort((a, b) => a - b);
}

/** Whether every sink is final delivery (a plain loop, not every() and a closure per poller: set-up code runs cold). */
function allPassive(sinks: readonly PacketSink[]): boolean {
  for (let i = 0; i < sinks.length; i++) if (sinks[i]!.passive !== true) return false;
  return true;
}
