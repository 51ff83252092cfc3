import type { Recorder } from '../metrics/recorder.js';
import { NO_CHARGE, type Charge } from './costItem.js';
import type { PacketSink } from './packetSink.js';

/** The end of a path: the frame reached the application (RX) or left on the wire (TX). */
export class DeliverySink implements PacketSink {
  batchMark = 0;
  readonly passive = true;
  readonly signal: Charge = NO_CHARGE;
  private readonly recorder: Recorder;

  constructor(recorder: Recorder) {
    this.recorder = recorder;
  }

  accept(genPs: number, bytes: number, vm: number, readyPs: number): boolean {
    this.recorder.deliver(vm, bytes, genPs, readyPs);
    return true;
  }

  needsSignal(): boolean {
    return false;
  }

  wake(): void {}
}
