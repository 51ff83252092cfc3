/**
 * MODEL.md §7: a single FIFO stage fed by Poisson arrivals is an M/G/1 queue, so its mean wait
 * must match Pollaczek–Khinchine, W = λ·E[S²] / (2(1−ρ)). Each stage is built by hand from the
 * engine's parts; the sample sizes keep the batch-means standard error of the measured mean below
 * a third of the stated tolerance, so a pass is not luck and a failure is not noise.
 */
import { describe, expect, it } from 'vitest';
import { Recorder } from '../../src/metrics/recorder.js';
import { NO_CHARGE } from '../../src/model/costItem.js';
import { COMPONENT } from '../../src/model/cpuComponents.js';
import { CpuCore, type CoreJob } from '../../src/model/cpuCore.js';
import { DeliverySink } from '../../src/model/deliverySink.js';
import { FifoStage } from '../../src/model/fifoStage.js';
import type { PacketSink } from '../../src/model/packetSink.js';
import { Poller } from '../../src/model/poller.js';
import { RngStreams, type Rng } from '../../src/sim/rng.js';
import { Simulator, type InlineSource } from '../../src/sim/simulator.js';
import { TrafficSource } from '../../src/workload/trafficSource.js';

/** Mean service time: 1 µs, large enough in ps that rounding to whole ps is negligible. */
const SERVICE_PS = 1_000_000;
const BATCHES = 40;

type ServiceKind = 'exponential' | 'deterministic';

/** Pollaczek–Khinchine mean wait in queue, ps, for arrival rate λ (per ps). */
function pollaczekKhinchinePs(lambdaPerPs: number, kind: ServiceKind): number {
  const secondMoment = kind === 'exponential' ? 2 * SERVICE_PS ** 2 : SERVICE_PS ** 2;
  const rho = lambdaPerPs * SERVICE_PS;
  return (lambdaPerPs * secondMoment) / (2 * (1 - rho));
}

/** Mean and batch-means standard error of samples taken in arrival order (about `expected` of them). */
class BatchMeans {
  private readonly sums = new Array<number>(BATCHES).fill(0);
  private readonly counts = new Array<number>(BATCHES).fill(0);
  private count = 0;
  constructor(private readonly expected: number) {}
  add(value: number): void {
    const batch = Math.min(BATCHES - 1, Math.floor((this.count * BATCHES) / this.expected));
    this.sums[batch]! += value;
    this.counts[batch]!++;
    this.count++;
  }
  get n(): number {
    return this.count;
  }
  summary(): { mean: number; standardError: number } {
    const mean = this.sums.reduce((a, b) => a + b, 0) / this.count;
    const means = this.sums.map((sum, i) => sum / this.counts[i]!);
    const variance = means.reduce((a, b) => a + (b - mean) ** 2, 0) / (BATCHES - 1);
    return { mean, standardError: Math.sqrt(variance / BATCHES) };
  }
}

/** Poisson arrivals as an inline source of the simulator, `count` of them. */
class PoissonArrivals implements InlineSource {
  nextPs: number;
  nextSeq: number;
  private remaining: number;
  constructor(
    private readonly sim: Simulator,
    private readonly random: Rng,
    private readonly meanGapPs: number,
    count: number,
    private readonly arrive: (nowPs: number) => void,
  ) {
    this.remaining = count;
    this.nextPs = Math.round(random.nextExponential(meanGapPs));
    this.nextSeq = sim.takeSeq();
  }
  emit(): void {
    const nowPs = this.nextPs;
    this.arrive(nowPs);
    this.remaining--;
    this.nextPs =
      this.remaining > 0 ? nowPs + Math.round(this.random.nextExponential(this.meanGapPs)) : Infinity;
    this.nextSeq = this.sim.takeSeq();
  }
}

/** What the customers of one run saw: their waits, and whether they started in arrival order. */
interface Ledger {
  readonly waits: BatchMeans;
  lastArrivalStartedPs: number;
  overtaken: number;
}

/** One customer: a CoreJob whose duration is its service time; records its wait when it starts. */
class Customer implements CoreJob {
  constructor(
    private readonly arrivalPs: number,
    private readonly servicePs: number,
    private readonly ledger: Ledger,
  ) {}
  beginJob(core: CpuCore): void {
    const ledger = this.ledger;
    ledger.waits.add(core.jobAtPs - this.arrivalPs);
    if (this.arrivalPs < ledger.lastArrivalStartedPs) ledger.overtaken++;
    ledger.lastArrivalStartedPs = this.arrivalPs;
    core.jobPs = this.servicePs;
  }
  endJob(core: CpuCore): void {
    core.jobPs = 0;
  }
}

function serviceSampler(kind: ServiceKind, random: Rng): () => number {
  return kind === 'exponential' ? () => Math.round(random.nextExponential(SERVICE_PS)) : () => SERVICE_PS;
}

/** M/G/1 through Simulator + inline Poisson source + CpuCore serving one CoreJob per customer. */
function simulateCpuCore(rho: number, kind: ServiceKind, customers: number, seed: number) {
  const sim = new Simulator();
  const streams = new RngStreams(seed);
  const core = new CpuCore(sim, 0, 'server');
  const ledger: Ledger = { waits: new BatchMeans(customers), lastArrivalStartedPs: -1, overtaken: 0 };
  const service = serviceSampler(kind, streams.stream('service'));
  const meanGapPs = SERVICE_PS / rho;
  sim.addSource(
    new PoissonArrivals(sim, streams.stream('arrivals'), meanGapPs, customers, (nowPs) => {
      // The time goes in the core's jobAtPs, as a poller hands it (see CoreJob).
      core.jobAtPs = nowPs;
      core.enqueue(new Customer(nowPs, service(), ledger));
    }),
  );
  sim.run();
  expect(ledger.waits.n).toBe(customers);
  // a FIFO server: nobody starts before someone who arrived earlier (the mean wait alone cannot
  // tell FIFO from LIFO, so check the order directly)
  expect(ledger.overtaken).toBe(0);
  return { ...ledger.waits.summary(), theory: pollaczekKhinchinePs(1 / meanGapPs, kind) };
}

/** M/G/1 through the event-free Lindley FifoStage (the wire and PCIe stages of the model). */
function simulateFifoStage(rho: number, kind: ServiceKind, customers: number, seed: number) {
  const streams = new RngStreams(seed);
  const recorder = new Recorder(0, Number.MAX_SAFE_INTEGER, 1, 1);
  const stage = new FifoStage(recorder, 0, false);
  const arrivals = streams.stream('arrivals');
  const service = serviceSampler(kind, streams.stream('service'));
  const meanGapPs = SERVICE_PS / rho;
  const waits = new BatchMeans(customers);
  let t = 0;
  let busyPs = 0;
  for (let i = 0; i < customers; i++) {
    t += Math.round(arrivals.nextExponential(meanGapPs));
    const s = service();
    busyPs += s;
    const departure = stage.serve(t, s);
    waits.add(departure - s - t);
  }
  // the stage reports its busy time to the recorder: exactly the sum of service times
  expect(recorder.busyByResourcePs[0]).toBe(busyPs);
  return { ...waits.summary(), theory: pollaczekKhinchinePs(1 / meanGapPs, kind) };
}

/**
 * Customers per case, chosen so the batch-means standard error of the mean wait stays below 1% (a
 * third of the tolerance): M/M/1 at ρ = 0.8 has the largest variance of the average wait
 * (≈ ρ(2+5ρ−4ρ²+ρ³)/(μ²(1−ρ)⁴), Daley 1968), ≈0.55% relative standard error at 4e6 customers.
 */
const CASES: readonly { kind: ServiceKind; rho: number; customers: number }[] = [
  { kind: 'exponential', rho: 0.5, customers: 1_000_000 },
  { kind: 'exponential', rho: 0.8, customers: 4_000_000 },
  { kind: 'deterministic', rho: 0.5, customers: 500_000 },
  { kind: 'deterministic', rho: 0.8, customers: 1_000_000 },
];

/** Tolerance on the mean wait vs Pollaczek–Khinchine: 3%; the statistical error is kept below 1%. */
const TOLERANCE = 0.03;
const MAX_STANDARD_ERROR = 0.01;

describe('M/G/1 stages match Pollaczek–Khinchine (MODEL.md §7)', () => {
  for (const { kind, rho, customers } of CASES) {
    const label = `${kind === 'exponential' ? 'M/M/1' : 'M/D/1'} at ρ = ${rho}`;

    it(`${label}: Simulator + CpuCore mean wait within ${TOLERANCE * 100}% of W = λE[S²]/(2(1−ρ))`, () => {
      const { mean, standardError, theory } = simulateCpuCore(rho, kind, customers, 11);
      expect(standardError / theory).toBeLessThan(MAX_STANDARD_ERROR);
      expect(Math.abs(mean / theory - 1)).toBeLessThan(TOLERANCE);
    });

    it(`${label}: FifoStage (Lindley) mean wait within ${TOLERANCE * 100}% of Pollaczek–Khinchine`, () => {
      const { mean, standardError, theory } = simulateFifoStage(rho, kind, customers, 23);
      expect(standardError / theory).toBeLessThan(MAX_STANDARD_ERROR);
      expect(Math.abs(mean / theory - 1)).toBeLessThan(TOLERANCE);
    });
  }

  it('an idle M/D/1 server never makes a customer wait (ρ → 0)', () => {
    const { mean } = simulateCpuCore(1e-6, 'deterministic', 1_000, 5);
    expect(mean).toBe(0);
  });
});

/** Wraps the DeliverySink to measure each frame's sojourn (ready − generated) before delivery. */
class SojournProbe implements PacketSink {
  batchMark = 0;
  readonly signal = NO_CHARGE;
  readonly sojourns: BatchMeans;
  constructor(
    private readonly delivery: DeliverySink,
    expected: number,
  ) {
    this.sojourns = new BatchMeans(expected);
  }
  accept(genPs: number, bytes: number, vm: number, readyPs: number): boolean {
    this.sojourns.add(readyPs - genPs);
    return this.delivery.accept(genPs, bytes, vm, readyPs);
  }
  needsSignal(): boolean {
    return false;
  }
  wake(): void {}
}

describe("the model's own Poller as an M/D/1 server", () => {
  it.each([0.5, 0.8])(
    'at ρ = %s: mean sojourn = Pollaczek–Khinchine W + S within 3% (budget 1, no poll/interrupt costs, IMMEDIATE)',
    (rho) => {
      const ratePps = (rho / SERVICE_PS) * 1e12;
      const expectedFrames = rho === 0.5 ? 500_000 : 1_000_000;
      const stopPs = Math.round((expectedFrames / ratePps) * 1e12);
      const sim = new Simulator();
      const streams = new RngStreams(3);
      const recorder = new Recorder(0, stopPs, 1, 1);
      const core = new CpuCore(sim, 0, 'server');
      const probe = new SojournProbe(new DeliverySink(recorder), expectedFrames);
      const poller = new Poller(sim, recorder, {
        name: 'md1',
        core,
        ringCapacity: 1 << 16,
        dropLocation: 0,
        moderation: { minGapPs: 0, coalesceFrames: 0, delayPs: 0 },
        budget: 1,
        perInterrupt: NO_CHARGE,
        perPoll: NO_CHARGE,
        perPacket: [{ component: COMPONENT.switch, fixedPs: SERVICE_PS, perBytePs: 0 }],
        signal: NO_CHARGE,
        output: probe,
      });
      sim.addSource(
        new TrafficSource(sim, recorder, {
          ratePps,
          arrivals: 'poisson',
          stopPs,
          pickVm: { next: () => 0 },
          pickBytes: () => 64,
          random: streams.stream('arrivals'),
          entry: (bytes, vm) => {
            const nowPs = sim.nowPs;
            poller.accept(nowPs, bytes, vm, nowPs, nowPs);
            poller.wake(nowPs);
          },
        }),
      );
      sim.run();

      // every frame offered was served and delivered; none dropped, none left behind
      expect(recorder.droppedFrames).toBe(0);
      expect(recorder.deliveredFrames).toBe(recorder.offeredFrames);
      expect(poller.framesGeneratedIn(-Infinity, Infinity)).toBe(0);
      // Poisson count over the window: within 1% of the expected number
      expect(Math.abs(recorder.offeredFrames / expectedFrames - 1)).toBeLessThan(0.01);

      const theory = pollaczekKhinchinePs(ratePps / 1e12, 'deterministic') + SERVICE_PS;
      const { mean, standardError } = probe.sojourns.summary();
      expect(probe.sojourns.n).toBe(recorder.deliveredFrames);
      expect(standardError / theory).toBeLessThan(MAX_STANDARD_ERROR);
      expect(Math.abs(mean / theory - 1)).toBeLessThan(TOLERANCE);

      // the recorder's histogram agrees: its p50 of an M/D/1 sojourn lies between S and the mean
      const p50Ns = recorder.latencyNs.quantile(0.5);
      expect(p50Ns).toBeGreaterThanOrEqual(SERVICE_PS / 1000);
      expect(p50Ns).toBeLessThan(theory / 1000);
      // and the busy time it saw is ρ of the window (CPU time charged to the poller's component)
      expect(Math.abs(recorder.busyByComponentPs[COMPONENT.switch]! / stopPs - rho)).toBeLessThan(0.02);
    },
  );
});
