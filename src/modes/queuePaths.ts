import { NO_CHARGE, type Charge, type CostItem } from '../model/costItem.js';
import { DROP } from '../model/cpuComponents.js';
import type { PacketSink } from '../model/packetSink.js';
import type { Poller } from '../model/poller.js';
import { IMMEDIATE, newPoller, type HostBuild } from './hostBuild.js';

/**
 * A VM's dedicated NIC queue/pool (VMDq, VMQ) handled on the host core that owns its MSI-X vector:
 * the NIC has already sorted the frame, so the core pays an interrupt per moderation interval and
 * `perPacket` (VMDq: the port path and one copy into the VM; VMQ: the port path only, the NIC
 * having DMA'd into the vNIC's memory), then signals the guest.
 */
export function queueRxPoller(
  b: HostBuild,
  vm: number,
  coreIndex: number,
  perPacket: readonly CostItem[],
  guest: PacketSink,
): Poller {
  const { cost, config } = b;
  return newPoller(b, {
    name: `queue.rx.vm${vm}`,
    core: b.hostCores[coreIndex]!,
    ringCapacity: config.nic.ringSize,
    dropLocation: DROP.nicRxRing,
    moderation: b.nicModeration,
    budget: config.guest.napiBudget,
    perInterrupt: cost.charge([cost.cycles('interrupts', cost.costs.hostIrqCycles)], 0, 1),
    perPoll: cost.charge([cost.cycles('interrupts', cost.costs.napiPollCycles)]),
    perPacket,
    signal: NO_CHARGE,
    output: guest,
  });
}

/** The transmit backend of a VM with a dedicated queue/pool, on that queue's host core. */
export function queueTxBackend(
  b: HostBuild,
  vm: number,
  coreIndex: number,
  perPacket: readonly CostItem[],
  signal: Charge,
): Poller {
  const { cost, config } = b;
  return newPoller(b, {
    name: `queue.tx.vm${vm}`,
    core: b.hostCores[coreIndex]!,
    ringCapacity: config.guest.ringSize,
    dropLocation: DROP.switchBacklog,
    moderation: IMMEDIATE,
    budget: config.guest.backendBatch,
    perInterrupt: NO_CHARGE,
    perPoll: cost.charge([cost.cycles('switch', cost.costs.napiPollCycles)]),
    perPacket: [...perPacket, cost.cycles('switch', cost.costs.txCompletionCycles)],
    signal,
    output: b.nicTx,
  });
}
