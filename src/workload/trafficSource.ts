import type { Recorder } from '../metrics/recorder.js';
import type { Rng } from '../sim/rng.js';
import type { InlineSource, Simulator } from '../sim/simulator.js';
import type { ArrivalKind } from '../scenario/scenarioConfig.js';
import type { VmPicker } from './vmPicker.js';

export interface TrafficSourceSpec {
  readonly ratePps: number;
  readonly arrivals: ArrivalKind;
  /** Stop generating at this time (end of the measurement window). */
  readonly stopPs: number;
  readonly pickVm: VmPicker;
  readonly pickBytes: () => number;
  /** Every frame has this size (pickBytes is then not called). */
  readonly fixedBytes?: number;
  /** Random stream for Poisson gaps. */
  readonly random: Rng;
  /** Where a new frame (generated now) enters the host (the NIC RX port, or a VM's TX path). */
  readonly entry: (bytes: number, vm: number, nowPs: number) => void;
}

/**
 * Generates frames at an aggregate rate — CBR (exact period, no drift: the k-th frame at
 * round(k·period)) or Poisson — outside the event heap, as an inline source of the simulator.
 */
export class TrafficSource implements InlineSource {
  // Numbers from the start (set for real in the constructor): a field declared bare starts as
  // `undefined`, and V8 would then allocate a heap number for every later time stored in it.
  nextPs = Infinity;
  nextSeq = 0;
  private readonly sim: Simulator;
  private readonly recorder: Recorder;
  private readonly pickVm: VmPicker;
  private readonly pickBytes: () => number;
  /** Fast paths: the fixed frame size (-1: draw), round-robin over this many VMs (0: ask pickVm). */
  private readonly fixedBytes: number = 0;
  private readonly roundRobinOf: number = 0;
  private nextVm = 0;
  private readonly random: Rng;
  private readonly entry: (bytes: number, vm: number, nowPs: number) => void;
  private readonly stopPs: number = 0;
  private readonly periodPs: number = 0;
  private readonly poisson: boolean;
  private index = 0;

  constructor(sim: Simulator, recorder: Recorder, spec: TrafficSourceSpec) {
    this.sim = sim;
    this.recorder = recorder;
    this.pickVm = spec.pickVm;
    this.pickBytes = spec.pickBytes;
    this.fixedBytes = spec.fixedBytes ?? -1;
    this.roundRobinOf = spec.pickVm.roundRobinOf ?? 0;
    this.random = spec.random;
    this.entry = spec.entry;
    this.stopPs = spec.stopPs;
    this.periodPs = 1e12 / spec.ratePps;
    this.poisson = spec.arrivals === 'poisson';
    this.nextPs = spec.ratePps > 0 ? this.firstPs() : Infinity;
    this.nextSeq = sim.takeSeq();
  }

  emit(nowPs: number): void {
    const bytes = this.fixedBytes >= 0 ? this.fixedBytes : this.pickBytes();
    let vm: number;
    if (this.roundRobinOf > 0) {
      vm = this.nextVm;
      this.nextVm = vm + 1 === this.roundRobinOf ? 0 : vm + 1;
    } else {
      vm = this.pickVm.next();
    }
    this.recorder.offer(vm, bytes, nowPs);
    this.entry(bytes, vm, nowPs);
    // advance
    const next = this.poisson
      ? nowPs + Math.round(this.random.nextExponential(this.periodPs))
      : Math.round(++this.index * this.periodPs);
    this.nextPs = next < this.stopPs ? next : Infinity;
    this.nextSeq = this.sim.takeSeq();
  }

  private firstPs(): number {
    return this.poisson ? Math.round(this.random.nextExponential(this.periodPs)) : 0;
  }
}
