import { COMPONENT_COUNT } from '../metrics/recorder.js';
import type { Clock } from '../sim/clock.js';
import type { EventHandler } from '../sim/eventQueue.js';
import type { DeferredEnds, Simulator } from '../sim/simulator.js';
import type { PacketSink } from './packetSink.js';

/**
 * A job a core runs: one poll of a Poller. The core passes the times in its own fields, not as
 * arguments and return values: beginJob() starts the job at `core.jobAtPs` and sets `core.jobPs`
 * to its duration; endJob() ends it at `core.jobAtPs` and sets `core.jobPs` to how much longer the
 * job needs the core (e.g. to signal the consumers it just filled), 0 when it is done, and is
 * called again when that time has passed.
 *
 * Why fields: a simulated time is a double (picoseconds pass 2^31 within 2.2 ms), and V8 passes a
 * double to a call it does not inline, and returns one from it, as a newly allocated heap number.
 * A poll's start and end are too large to inline into the event loop, so every poll cost two to
 * three such allocations (VMQ at 1518 B: 88 → 60 bytes allocated a frame). A store into a number
 * field of an object allocates nothing: V8 keeps the field's box and writes into it.
 */
export interface CoreJob {
  beginJob(core: CpuCore): void;
  endJob(core: CpuCore): void;
  /**
   * Read after beginJob(): true when the job's end would hand nothing on, wake nothing and leave
   * the job idle (see CpuCore, "quiet ends"). Jobs that do not set it always get an end event.
   */
  readonly quietEnd?: boolean;
  /**
   * Called after endJob() returned more time and the core has scheduled (or deferred) that end,
   * with `core.jobAtPs` then the time that end comes.
   */
  wakeAhead?(core: CpuCore): void;
}

/** Every core's batch until a poll that keeps frames makes it grow (growBatch): empty, never written. */
const NO_BATCH = new Float64Array(0);
/**
 * The signalComponentPs of a core whose pollers all hand frames to final delivery as they take
 * them (a guest's vCPU, a native RSS queue): they never signal, so the core needs none. Empty, never
 * written (a write to it would be lost, not shared between cores).
 */
const NO_SIGNALS = new Float64Array(0);

/**
 * One physical core (a host core, or the core a VM's vCPU is pinned to): a single FIFO server of
 * jobs. A job's duration is known when it starts (the costs of the frames it takes), so a job
 * costs one event: its end.
 *
 * Quiet ends. When a job's end would change nothing — it hands nothing on, the job goes idle with
 * nothing left to do, and no other job waits for the core — its end event is not pushed on the
 * heap. The core keeps the end's time and the sequence number the event would have had, and
 * settles it the first time anything could tell the difference: another job arrives (enqueue), or
 * the job's poller is handed a frame or asked whether it is idle. If by then the end lies in the
 * past (earlier time, or same time and earlier sequence), it is applied as of its own time;
 * otherwise the event is pushed with its original sequence number, so it runs exactly where it
 * would have. Either way every event runs at the same time, in the same order, with the same
 * effect, and is counted once in Simulator.eventCount. Only on the global heap: a core in a lazy
 * clock group (LocalClock) has its events off the heap already.
 */
export class CpuCore implements EventHandler, DeferredEnds {
  // Fields in the order a job's start and end read them (V8 keeps declaration order).
  // Initial numbers for fields set in the constructor: see the note in Poller.
  /** The job holding the core; still set while its endJob runs, so a re-queued poll goes to the back. */
  private running: CoreJob | null = null;
  private size = 0;
  /** The running job when its end is deferred (not on the heap), else null. */
  deferredJob: CoreJob | null = null;
  /** Where its job ends go: the simulator's heap, or its clock group's (see assignClocks). */
  private clockOf: Clock;
  /** Quiet ends may be kept off the heap (shortcuts on, and the core on the global heap). */
  private deferQuiet: boolean;
  private head = 0;
  /** Jobs waiting, a circular list from `head` (sized for its jobs once wired: useClock; grows if it must). */
  private queue: (CoreJob | null)[] = new Array<CoreJob | null>(1).fill(null);
  readonly resourceId: number = 0;
  /**
   * The time now, passed in a field (see CoreJob): set by the caller of enqueue(), and by the core
   * for its job's beginJob(), endJob() and wakeAhead().
   */
  jobAtPs = 0;
  /** Set by the job's beginJob() (its duration) and endJob() (how much longer), ps (see CoreJob). */
  jobPs = 0;
  /**
   * The frames the running poll has taken and not yet handed on, by value (FRAME_FIELDS numbers
   * each, see packetRing.ts; FRAME_TIME_PS is when each one's processing completes). A core runs
   * one poll at a time, so its pollers share it: one buffer per core stays in cache, where one per
   * poller (per VM) would not. It grows as its polls need (growBatch).
   */
  batch: Float64Array = NO_BATCH;
  /** The most numbers its pollers' polls can take (reserveBatch): what the batch may grow to. */
  private batchLimit = 0;
  /**
   * More of the running poll's scratch, shared by the core's pollers like `batch` (a poll holds the
   * core from its start to the end of its signals; what it sets off on other cores while it runs
   * uses theirs): the distinct consumers it handed frames to, those of them it wakes ahead
   * (followers), and its signals' CPU time per component.
   */
  readonly touched: PacketSink[] = [];
  readonly followers: PacketSink[] = [];
  signalComponentPs: Float64Array = NO_SIGNALS;
  private readonly sim: Simulator;
  private deferredEndPs = 0;
  private deferredSeq = 0;
  private attached: CoreJob[] = [];
  readonly name: string;

  constructor(sim: Simulator, resourceId: number, name: string) {
    this.sim = sim;
    this.clockOf = sim;
    this.deferQuiet = sim.shortcuts;
    this.resourceId = resourceId;
    this.name = name;
    if (sim.shortcuts) sim.addDeferredEnds(this);
  }

  /** A job (poller) that will run on this core. */
  attach(job: CoreJob): void {
    this.attached.push(job);
  }

  /**
   * A poller attached here takes up to `length` numbers of frames per poll: the batch may grow to
   * that. Such a poller hands frames on at the end of its polls, and may signal their consumers:
   * the core gets its own signalComponentPs.
   */
  reserveBatch(length: number): void {
    if (length > this.batchLimit) this.batchLimit = length;
    if (this.signalComponentPs === NO_SIGNALS) this.signalComponentPs = new Float64Array(COMPONENT_COUNT);
  }

  /**
   * Make the batch hold `length` numbers, for a poll about to take that many frames' worth (at most
   * what reserveBatch allowed). It grows as polls need it, doubling: a core whose polls take a frame
   * or two (a VM's vCPU among thousands) keeps a batch that small instead of a whole budget's.
   */
  growBatch(length: number): Float64Array {
    if (length > this.batchLimit) throw new Error(`batch of ${length} over the ${this.batchLimit} reserved`);
    const doubled = Math.min(2 * this.batch.length, this.batchLimit);
    this.batch = new Float64Array(Math.max(length, doubled));
    return this.batch;
  }

  /** The jobs attached, in order. */
  get jobs(): readonly CoreJob[] {
    return this.attached;
  }

  get clock(): Clock {
    return this.clockOf;
  }

  /** Put the core on `clock` before the run starts (assignClocks puts its pollers on it too). */
  useClock(clock: Clock): void {
    this.clockOf = clock;
    this.deferQuiet = this.sim.shortcuts && clock === this.sim;
    // Wired: its jobs at their number. A job waits in the queue at most once, so the queue needs a
    // place per job (it still grows if it must): a VM's vCPU with one or two pollers kept 16 and the
    // room V8 leaves behind a list pushed to, ~300 bytes a core, 1.2 MB at 4096 VMs.
    this.attached = this.attached.slice();
    if (this.size === 0) this.queue = new Array<CoreJob | null>(Math.max(1, this.attached.length)).fill(null);
  }

  /** `job` is ready to run at `jobAtPs`, which the caller sets first (see CoreJob). */
  enqueue(job: CoreJob): void {
    const nowPs = this.jobAtPs;
    if (this.deferredJob !== null) this.settle(nowPs);
    if (this.running === null) {
      // Set again: settling may have applied a deferred end, at its own time, through jobAtPs.
      this.jobAtPs = nowPs;
      this.start(job);
      return;
    }
    if (this.size === this.queue.length) this.growQueue();
    let tail = this.head + this.size;
    if (tail >= this.queue.length) tail -= this.queue.length;
    this.queue[tail] = job;
    this.size++;
  }

  handleEvent(_arg: number, nowPs: number): void {
    const job = this.running!;
    this.jobAtPs = nowPs;
    job.endJob(this);
    const morePs = this.jobPs;
    if (morePs > 0) {
      const endPs = nowPs + morePs;
      if (job.quietEnd === true && this.size === 0 && this.deferQuiet) {
        this.deferredEndPs = endPs;
        this.deferEnd(job);
      } else this.clockOf.schedule(endPs, this);
      this.jobAtPs = endPs;
      job.wakeAhead?.(this);
      return;
    }
    this.running = null;
    if (this.size > 0) {
      const next = this.queue[this.head]!;
      this.queue[this.head] = null;
      this.head = this.head + 1 === this.queue.length ? 0 : this.head + 1;
      this.size--;
      this.jobAtPs = nowPs;
      this.start(next);
    }
  }

  /**
   * Something is about to change what the deferred end would do (a job arrives, the job is handed
   * a frame): apply the end if it is already past, else put it on the heap where it belongs.
   */
  settle(nowPs: number): void {
    if (this.endIsPast(nowPs)) this.applyDeferredEnd();
    else {
      this.deferredJob = null;
      this.sim.scheduleWithSeq(this.deferredEndPs, this.deferredSeq, this);
    }
  }

  /** Something only looks (is the job idle?): apply the deferred end if it is already past. */
  catchUp(nowPs: number): void {
    if (this.endIsPast(nowPs)) this.applyDeferredEnd();
  }

  /** Apply a deferred end no later than `untilPs` (the simulator ran out of work); returns its time or -1. */
  flushDeferredEnd(untilPs: number): number {
    if (this.deferredJob === null || this.deferredEndPs > untilPs) return -1;
    const endPs = this.deferredEndPs;
    this.applyDeferredEnd();
    return endPs;
  }

  private endIsPast(nowPs: number): boolean {
    const endPs = this.deferredEndPs;
    return endPs < nowPs || (endPs === nowPs && this.deferredSeq < this.sim.dispatchSeq);
  }

  private applyDeferredEnd(): void {
    const job = this.deferredJob!;
    this.deferredJob = null;
    this.sim.countDeferredEvent();
    // Quiet: the end hands nothing on and takes no more time, and nobody queued behind the job.
    this.jobAtPs = this.deferredEndPs;
    job.endJob(this);
    this.running = null;
  }

  /** Start `job` at `jobAtPs`. */
  private start(job: CoreJob): void {
    const nowPs = this.jobAtPs;
    this.running = job;
    job.beginJob(this);
    const endPs = nowPs + this.jobPs;
    if (job.quietEnd === true && this.size === 0 && this.deferQuiet) {
      this.deferredEndPs = endPs;
      this.deferEnd(job);
    } else this.clockOf.schedule(endPs, this);
  }

  /** Keep the end event, at `deferredEndPs` (set first), off the heap, with the sequence number it would have had. */
  private deferEnd(job: CoreJob): void {
    this.deferredJob = job;
    this.deferredSeq = this.sim.takeSeq();
  }

  private growQueue(): void {
    const next = new Array<CoreJob | null>(this.queue.length * 2).fill(null);
    for (let i = 0; i < this.size; i++) next[i] = this.queue[(this.head + i) % this.queue.length]!;
    this.queue = next;
    this.head = 0;
  }
}
