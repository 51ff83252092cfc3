import { describe, expect, it } from 'vitest';
import { COMPONENT_COUNT } from '../../src/metrics/recorder.js';
import { CpuCore, type CoreJob } from '../../src/model/cpuCore.js';
import { Simulator } from '../../src/sim/simulator.js';

/** A job of fixed duration whose end changes nothing (quiet), logging when it starts and ends. */
class QuietJob implements CoreJob {
  readonly quietEnd = true;
  constructor(
    private readonly label: string,
    private readonly durationPs: number,
    private readonly log: string[],
  ) {}
  beginJob(core: CpuCore): void {
    this.log.push(`${core.jobAtPs}:${this.label}+`);
    core.jobPs = this.durationPs;
  }
  endJob(core: CpuCore): void {
    this.log.push(`${core.jobAtPs}:${this.label}-`);
    core.jobPs = 0;
  }
}

/** Hand the core a job at `nowPs`, as a poller does (the time goes in the core's jobAtPs: see CoreJob). */
function enqueueAt(core: CpuCore, job: CoreJob, nowPs: number): void {
  core.jobAtPs = nowPs;
  core.enqueue(job);
}

function at(sim: Simulator, timePs: number, action: () => void): void {
  sim.schedule(timePs, { handleEvent: action });
}

describe('CpuCore quiet ends', () => {
  it('keeps a quiet end off the heap, applies it when the run stops and counts it as an event', () => {
    for (const shortcuts of [true, false]) {
      const sim = new Simulator({ shortcuts });
      const core = new CpuCore(sim, 0, 'core');
      const log: string[] = [];
      at(sim, 10, () => enqueueAt(core, new QuietJob('a', 5, log), sim.nowPs));
      sim.run();
      expect(log).toEqual(['10:a+', '15:a-']);
      expect(sim.nowPs).toBe(15);
      expect(sim.eventCount).toBe(2);
      expect(sim.deferredEventCount).toBe(shortcuts ? 1 : 0);
    }
  });

  it('a job arriving before the deferred end waits for it: the end goes back on the heap where it belonged', () => {
    const sim = new Simulator();
    const core = new CpuCore(sim, 0, 'core');
    const log: string[] = [];
    at(sim, 0, () => enqueueAt(core, new QuietJob('a', 100, log), sim.nowPs));
    at(sim, 40, () => enqueueAt(core, new QuietJob('b', 10, log), sim.nowPs));
    sim.run();
    expect(log).toEqual(['0:a+', '100:a-', '100:b+', '110:b-']);
    expect(sim.eventCount).toBe(4);
  });

  it('a job arriving after the deferred end finds the core idle; the end happened at its own time', () => {
    const sim = new Simulator();
    const core = new CpuCore(sim, 0, 'core');
    const log: string[] = [];
    at(sim, 0, () => enqueueAt(core, new QuietJob('a', 100, log), sim.nowPs));
    at(sim, 250, () => enqueueAt(core, new QuietJob('b', 10, log), sim.nowPs));
    sim.run();
    expect(log).toEqual(['0:a+', '100:a-', '250:b+', '260:b-']);
    expect(sim.eventCount).toBe(4);
  });

  it('jobs arriving at the very time of the deferred end start as they would with the end on the heap', () => {
    // b's arrival is scheduled before a begins (its sequence is below the end's), c's after: b comes
    // before a's end and queues, c after it and finds the core idle. Both start on time either way.
    for (const shortcuts of [true, false]) {
      const sim = new Simulator({ shortcuts });
      const core = new CpuCore(sim, 0, 'core');
      const log: string[] = [];
      at(sim, 100, () => enqueueAt(core, new QuietJob('b', 10, log), sim.nowPs));
      at(sim, 0, () => {
        enqueueAt(core, new QuietJob('a', 100, log), sim.nowPs);
        at(sim, 110, () => enqueueAt(core, new QuietJob('c', 10, log), sim.nowPs));
      });
      sim.run();
      expect(log, `shortcuts ${shortcuts}`).toEqual([
        '0:a+',
        '100:a-',
        '100:b+',
        '110:b-',
        '110:c+',
        '120:c-',
      ]);
    }
  });
});

describe('CpuCore batch', () => {
  it('starts empty and grows as polls need, doubling, up to the most its pollers reserved', () => {
    const core = new CpuCore(new Simulator(), 0, 'core');
    expect(core.batch).toHaveLength(0);
    core.reserveBatch(64 * 3);
    core.reserveBatch(8 * 3); // a smaller reservation leaves the limit where it is
    expect(core.batch).toHaveLength(0);
    expect(core.growBatch(3)).toHaveLength(3);
    expect(core.batch).toHaveLength(3);
    expect(core.growBatch(6)).toHaveLength(6); // doubled
    expect(core.growBatch(9)).toHaveLength(12); // doubled, more than asked
    expect(core.growBatch(150)).toHaveLength(150); // asked for more than double
    expect(core.growBatch(180)).toHaveLength(192); // doubling capped at the limit
    expect(() => core.growBatch(193)).toThrow(/over the 192 reserved/);
  });
});

describe('CpuCore signal scratch', () => {
  it('has none until a poller that may signal reserves a batch, then one of its own per core', () => {
    const sim = new Simulator();
    const [a, b] = [new CpuCore(sim, 0, 'a'), new CpuCore(sim, 1, 'b')];
    // Pollers that deliver as they take frames never signal: their cores keep the empty one.
    expect(a.signalComponentPs).toHaveLength(0);
    a.reserveBatch(64 * 3);
    b.reserveBatch(64 * 3);
    const own = a.signalComponentPs;
    expect(own).toHaveLength(COMPONENT_COUNT);
    // Filling one core's signals (another core's polls can run meanwhile) never touches another's.
    expect(b.signalComponentPs).not.toBe(own);
    a.reserveBatch(8 * 3); // a second poller on the core keeps the same array
    expect(a.signalComponentPs).toBe(own);
  });
});
