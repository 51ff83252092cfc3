import type { EventHandler } from '../sim/eventQueue.js';
import type { Simulator } from '../sim/simulator.js';

/** A job a core runs: one poll of a Poller. begin() returns the job's duration in ps. */
export interface CoreJob {
  beginJob(nowPs: number, resourceId: number): number;
  endJob(nowPs: number): void;
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
  private running: CoreJob | null = null;
  /** True while a finished job's endJob runs: a job it re-queues (NAPI repoll) goes to the back. */
  private ending = false;
  private queue: (CoreJob | null)[] = new Array<CoreJob | null>(16).fill(null);
  private head = 0;
  private size = 0;

  constructor(sim: Simulator, resourceId: number, name: string) {
    this.sim = sim;
    this.resourceId = resourceId;
    this.name = name;
  }

  enqueue(job: CoreJob, nowPs: number): void {
    if (this.running === null && !this.ending) {
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
    this.running = null;
    this.ending = true;
    job.endJob(nowPs);
    this.ending = false;
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
