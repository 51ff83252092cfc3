import type { Recorder } from '../metrics/recorder.js';
import type { Rng } from '../sim/rng.js';
import type { InlineSource, Simulator } from '../sim/simulator.js';
import type { ArrivalKind } from '../scenario/scenarioConfig.js';
import type { VmPicker } from './vmPicker.js';

/** Infinity, as a module constant V8 folds (see NEVER in sim/simulator.ts). */
const NEVER = Infinity;

/**
 * Poisson gaps drawn ahead of use, this many at a time (Rng.fillExponential). Drawn one per frame,
 * the stream call sits in the frame's path, whose inlining budget is spent: V8 left it out of line,
 * and each gap came back as a newly allocated heap number (16 bytes a frame, by V8's sampling heap
 * profiler). Drawn in bulk, into a typed array, they allocate nothing. The stream serves the gaps
 * alone, so drawing ahead changes no number: the k-th gap is the stream's k-th exponential either
 * way.
 */
const GAP_BATCH = 256;

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
  /**
   * Where a new frame enters the host (the NIC RX port, or a VM's TX path). It is generated now, at
   * the simulator's time (`sim.nowPs`), which is not passed: with a source per direction the call
   * is not inlined, and V8 boxes a double passed to such a call (see InlineSource.emit).
   */
  readonly entry: (bytes: number, vm: number) => void;
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
  private readonly entry: (bytes: number, vm: number) => void;
  private readonly stopPs: number = 0;
  private readonly periodPs: number = 0;
  private readonly poisson: boolean;
  private index = 0;
  /** Poisson: gaps drawn ahead (ps, rounded), used from `gapCursor` on; refilled when it reaches GAP_BATCH. */
  private readonly gapsPs: Float64Array;
  private gapCursor = GAP_BATCH;

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
    this.gapsPs = new Float64Array(this.poisson ? GAP_BATCH : 0);
    this.nextPs = spec.ratePps > 0 ? this.firstPs() : Infinity;
    this.nextSeq = sim.takeSeq();
  }

  emit(): void {
    const nowPs = this.nextPs;
    const bytes = this.fixedBytes >= 0 ? this.fixedBytes : this.pickBytes();
    let vm: number;
    if (this.roundRobinOf > 0) {
      vm = this.nextVm;
      this.nextVm = vm + 1 === this.roundRobinOf ? 0 : vm + 1;
    } else {
      vm = this.pickVm.next();
    }
    this.recorder.offer(vm, bytes, nowPs);
    this.entry(bytes, vm);
    // advance
    let next: number;
    if (this.poisson) {
      if (this.gapCursor === GAP_BATCH) this.drawGaps();
      next = nowPs + this.gapsPs[this.gapCursor++]!;
    } else {
      next = Math.round(++this.index * this.periodPs);
    }
    this.nextPs = next < this.stopPs ? next : NEVER;
    this.nextSeq = this.sim.takeSeq();
  }

  private firstPs(): number {
    if (!this.poisson) return 0;
    this.drawGaps();
    return this.gapsPs[this.gapCursor++]!;
  }

  /** The next GAP_BATCH Poisson gaps, in the stream's order. */
  private drawGaps(): void {
    const gapsPs = this.gapsPs;
    this.random.fillExponential(gapsPs, this.periodPs);
    for (let i = 0; i < GAP_BATCH; i++) gapsPs[i] = Math.round(gapsPs[i]!);
    this.gapCursor = 0;
  }
}
