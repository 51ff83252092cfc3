import type { Charge } from './costItem.js';

/** Anything a producer hands frames to: a poller's ring, the NIC's TX port, final delivery. */
export interface PacketSink {
  /** Scratch mark a producer uses to collect the distinct sinks of one batch. */
  batchMark: number;
  /**
   * Take a frame (generated at `genPs`, `bytes` long, for `vm`), visible to the consumer from
   * `readyPs`; drops it when full. Frames are passed by value: a sink keeps what it needs. Returns
   * false when it dropped the frame (then wake() has nothing new to start).
   */
  accept(genPs: number, bytes: number, vm: number, readyPs: number, nowPs: number): boolean;
  /** True when the consumer is idle at `nowPs`, so handing it frames costs the producer a signal. */
  needsSignal(nowPs: number): boolean;
  /** What signalling this sink costs the producer (charged on the producer's core). */
  readonly signal: Charge;
  /** Called once per producer batch after accept()s: start the consumer if it is idle. */
  wake(nowPs: number): void;
  /**
   * True when accept() only records the frame (final delivery): it never needs a signal, wake()
   * does nothing, and the order and time of accept() calls change nothing but the call itself, so
   * a producer may hand frames over as soon as it knows their ready time.
   */
  readonly passive?: boolean;
  /**
   * True when this sink's only producer is the one asking and it has its core to itself, so that
   * producer may call wake() for a later time right away (nothing else can reach it meanwhile).
   */
  readonly follower?: boolean;
  /** Told once per producer at wiring: the poller handing it frames, or null for the NIC or a traffic source. */
  addProducer?(producer: PacketSink | null): void;
}
