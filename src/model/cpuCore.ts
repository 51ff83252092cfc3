import type { EventHandler } from '../sim/eventQueue.js';
import type { Simulator } from '../sim/simulator.js';

/**
 * A job a core runs: one poll of a Poller. beginJob() returns the job's duration in ps; endJob()
 * returns how much longer the job needs the core (e.g. to signal the consumers it just filled),
 * 0 when it is done, and is called again when that time has passed.
 */
export interface CoreJob {
  beginJob(nowPs: number, resourceId: number): number;
  endJob(nowPs: number): number;
}

/**
 * One physical core (a host core, or the core a VM's vCPU is pinned to): a single FIFO server of
 * jobs. A job's duration is known when it starts (the costs of the frames it takes), so a job
 * costs one event: its end.
 */
export class CpuCore implements EventHandler {
  readonly resourceId: number;
  readonly name: string;
  private readonly sim: Simulator;
  /** The job holding the core; still set while its endJob runs, so a re-queued poll goes to the back. */
  private running: CoreJob | null = null;
  private queue: (CoreJob | null)[] = new Array<CoreJob | null>(16).fill(null);
  private head = 0;
  private size = 0;

  constructor(sim: Simulator, resourceId: number, name: string) {
    this.sim = sim;
    this.resourceId = resourceId;
    this.name = name;
  }

  enqueue(job: CoreJob, nowPs: number): void {
    if (this.running === null) {
      this.start(job, nowPs);
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
    const morePs = job.endJob(nowPs);
    if (morePs > 0) {
      this.sim.schedule(nowPs + morePs, this);
      return;
    }
    this.running = null;
    if (this.size > 0) {
      const next = this.queue[this.head]!;
      this.queue[this.head] = null;
      this.head = this.head + 1 === this.queue.length ? 0 : this.head + 1;
      this.size--;
      this.start(next, nowPs);
    }
  }

  private start(job: CoreJob, nowPs: number): void {
    this.running = job;
    const durationPs = job.beginJob(nowPs, this.resourceId);
    this.sim.schedule(nowPs + durationPs, this);
  }

  private growQueue(): void {
    const next = new Array<CoreJob | null>(this.queue.length * 2).fill(null);
    for (let i = 0; i < this.size; i++) next[i] = this.queue[(this.head + i) % this.queue.length]!;
    this.queue = next;
    this.head = 0;
  }
}
