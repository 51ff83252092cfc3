import type { Recorder } from '../metrics/recorder.js';
import type { CostModel } from '../model/costModel.js';
import type { CpuCore } from '../model/cpuCore.js';
import type { DeliverySink } from '../model/deliverySink.js';
import type { NicTxPort } from '../model/nicPorts.js';
import type { PacketPool } from '../model/packetPool.js';
import type { PacketSink } from '../model/packetSink.js';
import { Poller, type PollerSpec } from '../model/poller.js';
import type { Moderation } from '../model/poller.js';
import type { VmPlacement } from '../scenario/placeVms.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import type { Simulator } from '../sim/simulator.js';

/** Everything a mode needs to wire its data path: the simulated host's parts. */
export interface HostBuild {
  readonly config: ScenarioConfig;
  readonly placement: VmPlacement;
  readonly sim: Simulator;
  readonly pool: PacketPool;
  readonly recorder: Recorder;
  readonly cost: CostModel;
  readonly hostCores: readonly CpuCore[];
  /** The core each VM's (first) vCPU is pinned to, by VM. */
  readonly vcpuCores: readonly CpuCore[];
  readonly delivery: DeliverySink;
  readonly nicTx: NicTxPort;
  /** The NIC's interrupt moderation (ITR / frame count) for every vector it raises. */
  readonly nicModeration: Moderation;
  readonly rx: boolean;
  readonly tx: boolean;
}

/** A mode's data path: where the NIC classifier puts each VM's frames, where each VM sends from. */
export interface ModeTopology {
  readonly rxEntry: readonly PacketSink[];
  readonly txEntry: readonly PacketSink[];
  /** Human names of the cores that do the mode's host-side work, by host core index. */
  readonly hostCoreRoles: ReadonlyMap<number, string>;
}

export function newPoller(b: HostBuild, spec: PollerSpec): Poller {
  return new Poller(b.sim, b.pool, b.recorder, spec);
}

/** No moderation: the consumer is woken as soon as work is there (virtio notifications, syscalls). */
export const IMMEDIATE: Moderation = { minGapPs: 0, coalesceFrames: 0, delayPs: 0 };
