import type { Charge, CostItem } from '../model/costItem.js';
import type { PacketSink } from '../model/packetSink.js';
import type { Poller } from '../model/poller.js';
import { nicPoller, txBackendPoller, type HostBuild } from './hostBuild.js';
import { perHost } from './perHost.js';

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
  return nicPoller(b, {
    name: `queue.rx.vm${vm}`,
    core: b.hostCores[coreIndex]!,
    budget: b.config.guest.napiBudget,
    perPacket,
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
  return txBackendPoller(b, {
    name: `queue.tx.vm${vm}`,
    core: b.hostCores[coreIndex]!,
    perPacket: queueTxItems(b, perPacket),
    signal,
  });
}

/** A queue's transmit backend's per-frame work: the mode's, then the buffer's reclaim. */
const queueTxItems = perHost((b, perPacket: readonly CostItem[]): readonly CostItem[] => [
  ...perPacket,
  b.cost.cycles('switch', b.cost.costs.txCompletionCycles),
]);
