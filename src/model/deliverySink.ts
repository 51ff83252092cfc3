import type { Recorder } from '../metrics/recorder.js';
import { NO_CHARGE, type Charge } from './costItem.js';
import type { PacketPool } from './packetPool.js';
import type { PacketSink } from './packetSink.js';

/** The end of a path: the frame reached the application (RX) or left on the wire (TX). */
export class DeliverySink implements PacketSink {
  batchMark = 0;
  readonly passive = true;
  readonly signal: Charge = NO_CHARGE;
  private readonly pool: PacketPool;
  private readonly recorder: Recorder;

  constructor(pool: PacketPool, recorder: Recorder) {
    this.pool = pool;
    this.recorder = recorder;
  }

  accept(id: number, readyPs: number): void {
    const pool = this.pool;
    if (pool.cohort[id] === 1)
      this.recorder.deliver(pool.vm[id]!, pool.bytes[id]!, readyPs - pool.genPs[id]!);
    pool.release(id);
  }

  needsSignal(): boolean {
    return false;
  }

  wake(): void {}
}
