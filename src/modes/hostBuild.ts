import type { Recorder } from '../metrics/recorder.js';
import { NO_CHARGE, type CostItem } from '../model/costItem.js';
import type { CostModel } from '../model/costModel.js';
import { DROP } from '../model/cpuComponents.js';
import type { CpuCore } from '../model/cpuCore.js';
import type { DeliverySink } from '../model/deliverySink.js';
import type { NicTxPort } from '../model/nicPorts.js';
import type { PacketSink } from '../model/packetSink.js';
import type { RingArena } from '../model/ringArena.js';
import { Poller, type PollerSpec } from '../model/poller.js';
import type { Moderation } from '../model/poller.js';
import type { VmPlacement } from '../scenario/placeVms.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import type { Simulator } from '../sim/simulator.js';
import { oncePerHost, perHost } from './perHost.js';

/** Everything a mode needs to wire its data path: the simulated host's parts. */
export interface HostBuild {
  readonly config: ScenarioConfig;
  readonly placement: VmPlacement;
  readonly sim: Simulator;
  readonly recorder: Recorder;
  /** Where every poller's ring keeps its frames. */
  readonly rings: RingArena;
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
  return new Poller(b.sim, b.recorder, spec, b.rings);
}

/** No moderation: the consumer is woken as soon as work is there (virtio notifications, syscalls). */
export const IMMEDIATE: Moderation = { minGapPs: 0, coalesceFrames: 0, delayPs: 0 };

/** What a poller fed straight by a NIC receive queue has of its own (nicPoller gives it the rest). */
export type NicPollerSpec = Pick<PollerSpec, 'name' | 'core' | 'budget' | 'perPacket' | 'output'>;

/**
 * A host core taking a NIC receive queue's interrupt (its MSI-X vector): the NIC's descriptor ring
 * (a full one drops at the NIC), the NIC's interrupt moderation, a host IRQ per interrupt and a
 * NAPI poll per poll. The native RSS queues, the software switch's default queue and the VMQ/VMDq
 * per-VM queues all start this way.
 */
export function nicPoller(b: HostBuild, spec: NicPollerSpec): Poller {
  const charges = nicCharges(b);
  // Field by field (see txBackendPoller): a spread of the common part cost ~4 kB a poller.
  return newPoller(b, {
    name: spec.name,
    core: spec.core,
    ringCapacity: b.config.nic.ringSize,
    dropLocation: DROP.nicRxRing,
    moderation: b.nicModeration,
    budget: spec.budget,
    perInterrupt: charges.perInterrupt,
    perPoll: charges.perPoll,
    perPacket: spec.perPacket,
    signal: NO_CHARGE,
    output: spec.output,
  });
}

/** A NIC queue's interrupt (a host IRQ) and its NAPI poll. */
const nicCharges = oncePerHost((b) => ({
  perInterrupt: b.cost.charge([b.cost.cycles('interrupts', b.cost.costs.hostIrqCycles)], 0, 1),
  perPoll: b.cost.charge([b.cost.cycles('interrupts', b.cost.costs.napiPollCycles)]),
}));

/**
 * A host backend thread sending a guest's frames (vhost/netback/VMBus on the switch core, or on a
 * VMQ/VMDq queue's core): it takes them from the guest's ring (a full one backs up at the switch)
 * as soon as it is kicked, a poll at a time, and queues them on the NIC's TX ring.
 */
export function txBackendPoller(
  b: HostBuild,
  spec: Pick<PollerSpec, 'name' | 'core' | 'perPacket' | 'signal'>,
): Poller {
  const { config } = b;
  // Field by field, here and in the pollers below, rather than spreading `spec`: V8 copied spread
  // objects slowly enough to make them a third of a host's set-up (VMQ, per VM).
  return newPoller(b, {
    name: spec.name,
    core: spec.core,
    ringCapacity: config.guest.ringSize,
    dropLocation: DROP.switchBacklog,
    moderation: IMMEDIATE,
    budget: config.guest.backendBatch,
    perInterrupt: NO_CHARGE,
    perPoll: backendPollCharge(b),
    perPacket: spec.perPacket,
    signal: spec.signal,
    output: b.nicTx,
  });
}

/** A backend's poll of a guest's ring, on the switch's (or a queue's) core. */
const backendPollCharge = oncePerHost((b) =>
  b.cost.charge([b.cost.cycles('switch', b.cost.costs.napiPollCycles)]),
);

/**
 * A sending stack (the guest's, or the host's natively): the application's sends run the stack and
 * the driver — a syscall, no interrupt, no poll charge — and buffer reclaim (TX completion) is
 * charged per frame. Frames beyond its ring are dropped at the source.
 */
export function stackTxPoller(
  b: HostBuild,
  spec: Pick<PollerSpec, 'name' | 'core' | 'output'>,
  stack: 'hostStack' | 'guestStack',
): Poller {
  const { config } = b;
  return newPoller(b, {
    name: spec.name,
    core: spec.core,
    ringCapacity: config.guest.ringSize,
    dropLocation: DROP.source,
    moderation: IMMEDIATE,
    budget: config.guest.napiBudget,
    perInterrupt: NO_CHARGE,
    perPoll: NO_CHARGE,
    perPacket: stackTxItems(b, stack),
    signal: NO_CHARGE,
    output: spec.output,
  });
}

/** A sending stack's per-frame work: the stack and driver, and the buffer's reclaim. */
const stackTxItems = perHost((b, stack: 'hostStack' | 'guestStack'): readonly CostItem[] => [
  b.cost.stack(stack),
  b.cost.cycles(stack, b.cost.costs.txCompletionCycles),
]);
