import type { Recorder } from '../metrics/recorder.js';
import type { Simulator } from '../sim/simulator.js';
import { WIRE_OVERHEAD_BYTES } from '../workload/frameMix.js';
import { NO_CHARGE, type Charge } from './costItem.js';
import type { FifoStage } from './fifoStage.js';
import type { PacketSink } from './packetSink.js';
import type { PcieTiming } from './pcieLink.js';

/** ps one frame occupies a link: (frame + 20 B preamble/IFG) × 8 bits at linkGbps. */
export function wirePs(bytes: number, linkGbps: number): number {
  return Math.round(((bytes + WIRE_OVERHEAD_BYTES) * 8000) / linkGbps);
}

/**
 * The receive side of the port: the sender's queue and the wire (one FIFO, dropping at the
 * sender when its buffer is full), then the NIC's L2 classifier and the RX DMA over PCIe into the
 * ring the classifier picked. No events: each stage is a Lindley FIFO.
 */
export class NicRxPort {
  private readonly sim: Simulator;
  private readonly recorder: Recorder;
  private readonly wire: FifoStage;
  private readonly pcie: FifoStage;
  private readonly timing: PcieTiming;
  // Initial numbers for fields set in the constructor: see the note in Poller.
  private readonly linkGbps: number = 0;
  private readonly sourceQueueFrames: number = 0;
  private readonly sourceDropLocation: number = 0;
  /** The classifier's result: the ring each VM's frames are DMA'd into. */
  private readonly classify: readonly PacketSink[];
  /** Wire and DMA times of the last frame size seen (workloads have one or a few sizes). */
  private sizeBytes = -1;
  private sizeWirePs = 0;
  private sizeDmaPs = 0;
  private sizeLatencyPs = 0;

  constructor(
    sim: Simulator,
    recorder: Recorder,
    wire: FifoStage,
    pcie: FifoStage,
    timing: PcieTiming,
    linkGbps: number,
    sourceQueueFrames: number,
    sourceDropLocation: number,
    classify: readonly PacketSink[],
  ) {
    this.sim = sim;
    this.recorder = recorder;
    this.wire = wire;
    this.pcie = pcie;
    this.timing = timing;
    this.linkGbps = linkGbps;
    this.sourceQueueFrames = sourceQueueFrames;
    this.sourceDropLocation = sourceDropLocation;
    this.classify = classify;
    for (const sink of new Set(classify)) sink.addProducer?.(null);
  }

  /**
   * A frame of `bytes` for `vm`, generated now (the simulator's time: read here, not passed, see
   * TrafficSourceSpec.entry), enters the sender's queue.
   */
  receive(bytes: number, vm: number): void {
    const nowPs = this.sim.nowPs;
    if (this.wire.occupancy(nowPs) >= this.sourceQueueFrames) {
      this.recorder.drop(this.sourceDropLocation, vm, nowPs);
      return;
    }
    if (bytes !== this.sizeBytes) {
      this.sizeBytes = bytes;
      this.sizeWirePs = wirePs(bytes, this.linkGbps);
      this.sizeDmaPs = this.timing.servicePs(bytes);
      this.sizeLatencyPs = this.timing.latencyPs(bytes);
    }
    const atNicPs = this.wire.serve(nowPs, this.sizeWirePs);
    const dmaDonePs = this.pcie.serve(atNicPs, this.sizeDmaPs);
    const latencyDonePs = this.pcie.lastStartPs + this.sizeLatencyPs;
    const sink = this.classify[vm]!;
    // A dropped frame starts nothing: a full ring's consumer was started when its frames came.
    if (sink.accept(nowPs, bytes, vm, dmaDonePs > latencyDonePs ? dmaDonePs : latencyDonePs, nowPs)) {
      sink.wake(nowPs);
    }
  }
}

/**
 * The transmit side: frames handed to the NIC's TX queues are fetched by DMA over PCIe and
 * serialized on the wire; the frame is delivered when its last bit leaves. Frames beyond what the
 * TX rings hold (queued + in flight) are dropped.
 */
export class NicTxPort implements PacketSink {
  batchMark = 0;
  readonly passive = false;
  readonly signal: Charge = NO_CHARGE;
  private readonly recorder: Recorder;
  private readonly pcie: FifoStage;
  private readonly wire: FifoStage;
  private readonly timing: PcieTiming;
  // Initial numbers for fields set in the constructor: see the note in Poller.
  private readonly linkGbps: number = 0;
  private readonly ringFrames: number = 0;
  private readonly dropLocation: number = 0;
  private readonly delivery: PacketSink;

  constructor(
    recorder: Recorder,
    pcie: FifoStage,
    wire: FifoStage,
    timing: PcieTiming,
    linkGbps: number,
    ringFrames: number,
    dropLocation: number,
    delivery: PacketSink,
  ) {
    this.recorder = recorder;
    this.pcie = pcie;
    this.wire = wire;
    this.timing = timing;
    this.linkGbps = linkGbps;
    this.ringFrames = ringFrames;
    this.dropLocation = dropLocation;
    this.delivery = delivery;
  }

  accept(genPs: number, bytes: number, vm: number, readyPs: number, nowPs: number): boolean {
    if (this.wire.occupancy(nowPs) >= this.ringFrames) {
      this.recorder.drop(this.dropLocation, vm, genPs);
      return false;
    }
    const dmaDonePs = this.pcie.serve(readyPs, this.timing.servicePs(bytes));
    const latencyDonePs = this.pcie.lastStartPs + this.timing.latencyPs(bytes);
    const fetchedPs = dmaDonePs > latencyDonePs ? dmaDonePs : latencyDonePs;
    const leftPs = this.wire.serve(fetchedPs, wirePs(bytes, this.linkGbps));
    return this.delivery.accept(genPs, bytes, vm, leftPs, nowPs);
  }

  needsSignal(): boolean {
    return false;
  }

  wake(): void {}
}
